"""The site's search index: Pagefind over the built site, and the words the search box may correct to.

The pages mark what is indexed (``data-pagefind-body`` round the page's content in
overrides/main.html) and what each result says it is (``data-pagefind-filter`` and
``data-pagefind-meta``: the kind of page, a standard's ID and level). After every page is
written, :func:`index_site` runs Pagefind (PyPI ``pagefind[bin]``, pinned, through its Python
API) over the folder, adds each download as a result of its own, and writes, beside its bundle, ``words.json``: every word of five letters or more that the pages
use, with how often, from which the search box forgives one slip of the keyboard
(overrides/assets/javascripts/search/query.js). No MkDocs import here: the adapter calls it
with a folder.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

BUNDLE = "pagefind"  # the folder under the site that holds the index and its scripts
WORDS = "words.json"
UNUSED = tuple(f"pagefind-{ui}.{ext}" for ui in ("ui", "modular-ui", "component-ui") for ext in ("js", "css"))
SHORTEST_CORRECTED = 5  # query.js corrects words of five letters or more: shorter ones are not needed
# Left out of the index: a heading's permalink ("¶"), a standard's level and theme (the result
# says them, from the page's meta), and anything marked pg-no-index
EXCLUDE = [".headerlink", ".pg-facts", ".pg-no-index"]


class SearchIndexError(RuntimeError):
    """Pagefind failed or is not installed."""


@dataclass(frozen=True)
class Record:
    """A result that is not a page of the site: a download (its file's address from the site's root)."""

    url: str  # "downloads/benchmark-checklist.pdf"
    title: str
    text: str  # what it is, in words: what the search matches and the result shows
    kind: str = "Download"


@dataclass(frozen=True)
class Indexed:
    pages: int
    records: int
    words: int
    seconds: float


def index_site(site: Path, records: tuple[Record, ...] = ()) -> Indexed:
    """Index the built site in ``site`` with Pagefind, into ``site/pagefind/``, with ``records``
    as results of their own, and write the words of its pages beside the index."""
    started = time.perf_counter()
    try:
        from pagefind.index import PagefindIndex
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: `make setup` installs it (pagefind[bin] in requirements.txt)") from None
    config = {"exclude_selectors": EXCLUDE, "force_language": "en", "output_path": str(site.resolve() / BUNDLE)}

    async def run() -> int:
        async with PagefindIndex(config=config) as index:
            done = await index.add_directory(str(site.resolve()))
            for r in records:
                await index.add_custom_record(url="/" + r.url.lstrip("/"), content=r.text, language="en",
                                              meta={"title": r.title, "kind": r.kind}, filters={"kind": [r.kind]})
            return int(done.get("page_count", 0))

    try:
        pages = asyncio.run(run())
    except SearchIndexError:
        raise
    except Exception as err:  # the service's own errors, an OSError starting it...
        raise SearchIndexError(f"Pagefind failed to index {site}: {type(err).__name__}: {err}") from None
    if not (site / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind wrote no pagefind.js in {site / BUNDLE}")
    for name in UNUSED:  # Pagefind's own search boxes: search.js is the site's
        (site / BUNDLE / name).unlink(missing_ok=True)
    vocab = vocabulary(site)
    for r in records:
        _count(vocab, r.title + " " + r.text)
    (site / BUNDLE / WORDS).write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    return Indexed(pages, len(records), len(vocab), time.perf_counter() - started)


def _count(counts: dict[str, int], text: str) -> None:
    for word in re.findall(r"[^\W\d_][\w'’-]*[^\W_]", text.lower()):
        word = word.replace("’", "'")
        if len(word) >= SHORTEST_CORRECTED:
            counts[word] = counts.get(word, 0) + 1


class _Body(HTMLParser):
    """The text inside ``data-pagefind-body``, left of what the index leaves out."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, counts: dict[str, int]):
        super().__init__(convert_charrefs=True)
        self.counts = counts
        self.depth = 0  # open elements inside the body
        self.skip = 0  # ... of which inside one left out
        self.inside = False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        names = dict(attrs)
        if not self.inside:
            if "data-pagefind-body" in names:
                self.inside, self.depth = True, 1
            return
        self.depth += 1
        classes = (names.get("class") or "").split()
        if self.skip or tag in ("script", "style") or {"headerlink", "pg-facts", "pg-no-index"} & set(classes) or "data-pagefind-ignore" in names:
            self.skip += 1

    def handle_endtag(self, tag):
        if not self.inside or tag in self.VOID:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        if self.depth == 0:
            self.inside = False

    def handle_data(self, data):
        if self.inside and not self.skip:
            _count(self.counts, data)


def vocabulary(site: Path) -> dict[str, int]:
    """Every word of five letters or more in the indexed part of the site's pages, with how often it occurs."""
    counts: dict[str, int] = {}
    for page in sorted(site.rglob("*.html")):
        if BUNDLE in page.relative_to(site).parts[:1]:
            continue
        parser = _Body(counts)
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
    return counts
