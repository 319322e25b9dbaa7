"""Search, in Chromium: by ID, by abbreviation and full term, and with English stemming."""

from __future__ import annotations

import json
import re

from urllib.parse import urlsplit

import pytest
from pages import search


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


@pytest.mark.parametrize("query, longer", [("exploit", "exploitation"), ("safeguard", "safeguarding")])
def test_search_finds_longer_forms_of_a_word(page, site_dir, query, longer):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages_with_longer = {d["location"].split("#")[0] for d in index["docs"] if re.search(rf"\b{longer}\b", d["text"], re.I)}
    assert pages_with_longer
    found = {urlsplit(h).path.split("/", 1)[-1] for h in search(page, query)}
    assert found, f"no result for {query!r}"


def test_a_nonsense_query_finds_nothing(page):
    # negative control for the search helper
    assert search(page, "zqxwvj") == []
