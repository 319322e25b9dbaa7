"""The site's search index: Pagefind over the built site, and the words the search box may correct to.

The pages mark what is indexed (``data-pagefind-body`` round the page's content in
overrides/main.html) and what each result says it is (``data-pagefind-filter`` and
``data-pagefind-meta``: the kind of page, a standard's ID and level). After every page is
written, :func:`index_site` runs Pagefind (PyPI ``pagefind[bin]``, pinned) over the folder, with
each download as a result of its own, and writes, beside its bundle, ``words.json``: every word of five letters or more that the pages
use, with how often, from which the search box forgives one slip of the keyboard
(overrides/assets/javascripts/search/query.js). No MkDocs import here: the adapter calls it
with a folder.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # the folder under the site that holds the index and its scripts
WORDS = "words.json"
RECORDS = "pagefind-records"  # under the site, while Pagefind runs: a page for each record
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

    url: str  # from the site's root: "downloads/checklist-strategic.pdf"
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
    as results of their own, and write the words of its pages beside the index.

    Pagefind's command line is used (its Python API waits 0.1 s for each answer, 1.2 s for a dozen
    records): each record is a small page written into a folder of the site for the time of the
    indexing, with its real address as the meta ``url``, which search.js links to."""
    started = time.perf_counter()
    stubs = site / RECORDS
    shutil.rmtree(stubs, ignore_errors=True)
    stubs.mkdir(parents=True)
    try:
        for n, r in enumerate(records):
            (stubs / f"{n}.html").write_text(_record_page(r), encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
                   "--exclude-selectors", ", ".join(EXCLUDE), "--force-language", "en", "--quiet"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise SearchIndexError(f"Pagefind could not run ({err}): `make setup` installs it (pagefind[bin] in requirements.txt)") from None
    finally:
        shutil.rmtree(stubs, ignore_errors=True)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip()
        raise SearchIndexError(f"Pagefind failed to index {site} (exit {done.returncode}): {said[-2000:] or 'no message'}")
    try:
        entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed = sum(lang.get("page_count", 0) for lang in entry.get("languages", {}).values())
    except (OSError, ValueError) as err:
        raise SearchIndexError(f"Pagefind wrote no readable index in {site / BUNDLE} ({err})") from None
    for name in UNUSED:  # Pagefind's own search boxes: search.js is the site's
        (site / BUNDLE / name).unlink(missing_ok=True)
    vocab = vocabulary(site)
    for r in records:
        _count(vocab, r.title + " " + r.text)
    (site / BUNDLE / WORDS).write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    return Indexed(indexed - len(records), len(records), len(vocab), time.perf_counter() - started)


def _record_page(r: Record) -> str:
    """A record as Pagefind reads a page: its title, its text, its kind, and its real address."""
    e = html.escape
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(r.title)}</title></head>'
            f'<body data-pagefind-body><h1 data-pagefind-meta="title">{e(r.title)}</h1><p>{e(r.text)}</p>'
            f'<p hidden data-pagefind-ignore><span data-pagefind-filter="kind" data-pagefind-meta="kind">{e(r.kind)}</span>'
            f'<span data-pagefind-meta="url">{e(r.url.lstrip("/"))}</span></p></body></html>\n')


def _count(counts: dict[str, int], text: str) -> None:
    for word in re.findall(r"[^\W\d_][\w'’-]*[^\W_]", text.lower()):
        word = word.replace("’", "'")
        if len(word) >= SHORTEST_CORRECTED:
            counts[word] = counts.get(word, 0) + 1


_BODY = re.compile(r"<[^>]*\bdata-pagefind-body\b[^>]*>(.*)</article>", re.S)
_SKIPPED = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def vocabulary(site: Path) -> dict[str, int]:
    """Every word of five letters or more in the indexed part of the site's pages (from the element
    marked data-pagefind-body to the end of the page's article), with how often it occurs.

    Regular expressions, not an HTML parser: 4,224 pages take about a second, not ten. The words
    are only those a slip may be corrected to, so a word of a part Pagefind leaves out (a
    standard's level and theme) counts too."""
    counts: dict[str, int] = {}
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] in (BUNDLE, RECORDS):
            continue
        found = _BODY.search(page.read_text(encoding="utf-8"))
        if found:
            _count(counts, text_of(found.group(1)))
    return counts


def text_of(markup: str) -> str:
    """The words of rendered HTML (the site's own): scripts and styles left out, tags as spaces,
    character references decoded."""
    return html.unescape(_TAG.sub(" ", _SKIPPED.sub(" ", markup)))
