"""Search, in Chromium: by ID, by abbreviation and full term, and with English stemming."""

from __future__ import annotations

import json
import re

from urllib.parse import urlsplit

import pytest
from pages import search
from playwright.sync_api import expect


def test_search_finds_a_standard_by_its_id(page, guide):
    target = guide.standards[-1].id
    hrefs = search(page, target)
    assert any(f"benchmark/{target}/" in h for h in hrefs), hrefs


@pytest.mark.parametrize("query", ["county lines", "CSE", "extra-familial harm"])
def test_search_finds_standards_by_abbreviation_or_full_term(page, guide, query):
    expected = {s.id for s in guide.standards if query.casefold() in (t.casefold() for t in s.search_terms)}
    assert expected, f"no standard carries {query!r}: the glossary or keywords lost it"
    hrefs = search(page, query)
    found = {m.group(1) for h in hrefs if (m := re.search(r"benchmark/([A-Z]+-[A-Z]+-\d\d)/", h))}
    assert found & expected, f"{query!r}: results {hrefs}"


def _pages_with(index: dict, pattern: str) -> set[str]:
    """The pages (paths, no anchor) whose indexed text or title matches a regex."""
    return {
        d["location"].split("#")[0]
        for d in index["docs"]
        if re.search(pattern, d["title"] + " " + d["text"], re.I)
    }


def _result_pages(hrefs: list[str]) -> set[str]:
    pages = set()
    for h in hrefs:
        # results are absolute on the test server, which serves the site at its root
        pages.add(urlsplit(h).path.lstrip("/").removeprefix("./"))
    return pages


@pytest.fixture(scope="module")
def search_index(site_dir):
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "query, other_form",
    [
        ("counties", "county"),  # y / ies
        ("blaming", "blamed"),  # -ing / -ed on a word ending in e
        ("communicating", "communicate"),
        ("listens", "listened"),
        ("exploited", "exploitation"),
    ],
)
def test_search_stems_the_query_and_the_index_alike(page, search_index, query, other_form):
    # pages that have the other form of the word but not the typed one: only stemming finds them
    stem_only = _pages_with(search_index, rf"\b{other_form}\b") - _pages_with(search_index, rf"\b{query}")
    assert stem_only, f"the content no longer has {other_form!r} without {query!r}: pick another pair"
    found = _result_pages(search(page, query))
    assert found & stem_only, f"{query!r} found {sorted(found)}, none of the pages with only {other_form!r}: {sorted(stem_only)}"


@pytest.mark.parametrize("typed, longer", [("exploi", "exploitation"), ("safeguar", "safeguarding"), ("communic", "communication")])
def test_a_half_typed_word_finds_its_longer_forms(page, search_index, typed, longer):
    pages_with_longer = _pages_with(search_index, rf"\b{longer}\b")
    assert pages_with_longer
    found = _result_pages(search(page, typed))
    assert found & pages_with_longer, f"{typed!r} found {sorted(found)}"


@pytest.mark.parametrize("typed", ["famil", "exploi"])
def test_search_suggests_a_real_word_not_a_stem(page, search_index, typed):
    # the index holds stems ("famili", "exploit"): the completion shown must be a word of a title
    search(page, typed)
    suggestion = page.locator(".md-search__suggest")
    expect(suggestion).to_have_text(re.compile(rf"^{typed}\S+$", re.I))
    word = suggestion.inner_text().strip().lower()
    titles = " ".join(d["title"] for d in search_index["docs"]).lower()
    assert re.search(rf"(^|\s){re.escape(word)}(\s|$)", titles), f"suggested {word!r}, which is in no title"


def test_a_nonsense_query_finds_nothing(page):
    # negative control for the search helper
    assert search(page, "zqxwvj") == []
