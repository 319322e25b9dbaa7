"""The site's own JavaScript and CSS minified in the built site.

After the pages are written and before the search index is made (macros/adapter/plugin.py), each
script and stylesheet of the guide's own (the files under ``overrides/assets/``, as MkDocs copied
them into the site) is rewritten without its comments and the white space the browser does not
need: rJSmin and rCSSmin (PyPI, pinned in constraints.txt), which rewrite no names and keep the
code as written apart from comments and spacing, and keep ``/*! ... */`` licence comments.
Material's own files (``*.min.js``, ``*.min.css``) and Pagefind's are minified already and are
left as they are, as is anything another step writes later.

Neither tool parses: a template literal inside another template literal is copied as it stands
(the site's scripts have several, e.g. search.js), and the browser tests run the minified files.
The sources in overrides/ are never touched; ``mkdocs serve`` skips this step, so that what a
contributor debugs is what they wrote. No MkDocs import here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

KINDS = {".js": "js", ".mjs": "js", ".css": "css"}


class MinifyError(ValueError):
    """A file could not be read or written as UTF-8."""


@dataclass(frozen=True)
class Minified:
    files: int
    before: int  # bytes
    after: int
    seconds: float


def minify_text(text: str, kind: str) -> str:
    """``text`` (JavaScript or CSS, as ``kind`` says) without comments and needless white space."""
    if kind == "js":
        return rjsmin.jsmin(text, keep_bang_comments=True)
    if kind == "css":
        return rcssmin.cssmin(text, keep_bang_comments=True)
    raise ValueError(f"minify: unknown kind {kind!r}")


def own_files(site: Path, sources: Path) -> list[Path]:
    """The built copies of the guide's own scripts and stylesheets: each file under ``sources``
    (the theme's custom_dir) with a .js, .mjs or .css name, at the same path in ``site``."""
    out = []
    for source in sorted(sources.rglob("*")):
        if source.suffix not in KINDS or ".min." in source.name or not source.is_file():
            continue
        built = site / source.relative_to(sources)
        if built.is_file():
            out.append(built)
    return out


def minify_site(site: Path, sources: Path) -> Minified:
    """Minify, in place in ``site``, the built copy of every script and stylesheet in ``sources``."""
    started = time.perf_counter()
    before = after = 0
    files = own_files(site, sources)
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise MinifyError(f"{path}: cannot be read as UTF-8 to minify it ({err})") from None
        small = minify_text(text, KINDS[path.suffix])
        before += len(text.encode("utf-8"))
        after += len(small.encode("utf-8"))
        path.write_text(small, encoding="utf-8")
    return Minified(files=len(files), before=before, after=after, seconds=time.perf_counter() - started)
