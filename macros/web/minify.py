"""The site's own JavaScript and CSS minified in the built site.

After the pages are written and before the search index is made (macros/adapter/plugin.py), each
script and stylesheet of the guide's own (the files under ``overrides/assets/``, as MkDocs copied
them into the site) is rewritten without its comments and the white space the browser does not
need: rJSmin and rCSSmin (PyPI, pinned in constraints.txt), which rewrite no names and keep the
code as written apart from comments and spacing, and keep ``/*! ... */`` licence comments.
Material's own files (``*.min.js``, ``*.min.css``) and Pagefind's are minified already and are
left as they are, as is anything another step writes later, with one exception: Material's
palette stylesheet holds the colours of every primary and accent colour the theme offers (19
and 16 of them), and a page uses only those mkdocs.yml names. The built home page's palette
attributes (``data-md-color-primary``/``-accent`` on the page and on the scheme switch's inputs,
which set them when a reader switches) say which; rules whose selectors name only other
colours are left out (tinycss2 parses the file; the light and dark schemes, ``data-md-color-
scheme``, are all kept).

Neither tool parses: a template literal inside another template literal is copied as it stands
(the site's scripts have several, e.g. search.js), and the browser tests run the minified files.
The sources in overrides/ are never touched; ``mkdocs serve`` skips this step, so that what a
contributor debugs is what they wrote. No MkDocs import here.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
import tinycss2

KINDS = {".js": "js", ".mjs": "js", ".css": "css"}


class MinifyError(ValueError):
    """A file could not be read or written as UTF-8."""


@dataclass(frozen=True)
class Minified:
    files: int
    before: int  # bytes
    after: int
    seconds: float
    palette_before: int = 0  # Material's palette stylesheet, bytes, before and after its unused colours go
    palette_after: int = 0


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


_USED = re.compile(r"""data-md-color-(primary|accent)=["']([\w-]+)["']""")
_NAMED = re.compile(r"""\[data-md-color-(primary|accent)=["']?([\w-]+)["']?\]""")


def palette_in_use(html: str) -> dict[str, set[str]]:
    """The primary and accent colours a page's palette attributes name."""
    used: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for kind, value in _USED.findall(html):
        used[kind].add(value)
    return used


def _selectors(prelude: list) -> list[str]:
    """A rule's selector list, split at its top-level commas."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [tinycss2.serialize(p).strip() for p in parts]


def _trim_rules(rules: list, used: dict[str, set[str]]) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _selectors(rule.prelude) if all(v in used[k] for k, v in _NAMED.findall(s))]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _trim_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), used)
            if inner:
                out.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type in ("at-rule", "qualified-rule"):
            out.append(tinycss2.serialize([rule]))
        elif rule.type == "error":
            raise MinifyError(f"the palette stylesheet does not parse: {rule.message} (line {rule.source_line})")
    return "".join(out)


def trim_palette(css: str, used: dict[str, set[str]]) -> str:
    """Material's palette stylesheet without the rules for colours no page uses: a rule goes when
    every selector in it names a primary or accent colour outside ``used``."""
    if not used["primary"] and not used["accent"]:
        return css  # no palette attributes found: nothing is known to be unused
    return _trim_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), used)


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
    palette_before = palette_after = 0
    home = site / "index.html"
    for path in (site / "assets" / "stylesheets").glob("palette.*.min.css"):
        css = path.read_text(encoding="utf-8")
        trimmed = trim_palette(
            css, palette_in_use(home.read_text(encoding="utf-8")) if home.is_file() else {"primary": set(), "accent": set()}
        )
        palette_before += len(css.encode("utf-8"))
        palette_after += len(trimmed.encode("utf-8"))
        path.write_text(trimmed, encoding="utf-8")
    return Minified(
        files=len(files),
        before=before,
        after=after,
        seconds=time.perf_counter() - started,
        palette_before=palette_before,
        palette_after=palette_after,
    )
