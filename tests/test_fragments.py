"""Tier 2: each fragment macro rendered with the small fixture data, compared to a golden file.

HTML is normalised with BeautifulSoup, so only structure and text count, not whitespace.
After a deliberate change to a template, regenerate with `UPDATE_GOLDEN=1 make test-fast`
and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.data.load import load_guide
from macros.downloads import registry
from macros.web.fragments import Fragments

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURE = HERE / "fixtures" / "minimal"
FRAGMENTS = HERE.parent / "overrides" / "fragments"


@pytest.fixture(scope="module")
def small():
    return load_guide(FIXTURE / "standards", FIXTURE)


@pytest.fixture(scope="module")
def fragments():
    return Fragments(FRAGMENTS)


def normalise(html: str) -> str:
    return BeautifulSoup(html, "html.parser").prettify()


CASES = {
    "standard_page": ("standard.html", "standard_page", "benchmark/OPS-TRAUMA-01/", lambda g: {"standard": g.standard("OPS-TRAUMA-01")}),
    "level_page": ("benchmark.html", "level_page", "benchmark/strategic/", lambda g: {"level": g.level("strategic"), "guide": g, "checklist": registry.checklist(g, g.level("strategic"))}),
    "benchmark_overview": ("benchmark.html", "benchmark_overview", "benchmark/", lambda g: {"guide": g}),
    "parent_voice": ("voice.html", "parent_voice", "parent-voice/", lambda g: {"guide": g}),
    "evidence": ("guidance.html", "evidence", "evidence/", lambda g: {"guide": g}),
    "key_learning_list": ("guidance.html", "key_learning_list", "key-learning/", lambda g: {"guide": g}),
    "principles_and_outcomes": ("guidance.html", "principles_and_outcomes", "principles-and-outcomes/", lambda g: {"guide": g}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fragment_matches_golden(name, small, fragments):
    template, macro, page_url, data = CASES[name]
    html = normalise(str(fragments.render(template, macro, page_url, **data(small))))
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 and review it"
    assert html == golden.read_text(encoding="utf-8")


def test_links_are_relative_to_the_page(small, fragments):
    html = str(fragments.render("standard.html", "standard_page", "benchmark/OPS-TRAUMA-01/", standard=small.standard("OPS-TRAUMA-01")))
    soup = BeautifulSoup(html, "html.parser")
    links = [(a.get_text(" ", strip=True), a["href"]) for a in soup.find_all("a")]
    assert ("Operational", "../operational/") in links
    assert ("Trauma", "../#theme-trauma") in links
    assert {h for _, h in links} >= {"../../evidence/#F-ONE-B", "../../evidence/#F-ONE-A", "../../principles-and-outcomes/#O-ONE"}


def test_quote_text_is_escaped_not_interpreted(small, fragments):
    html = str(fragments.render("voice.html", "quote_block", "", quote=small.quote("Q-ONE"), anchor=True))
    assert "&lt;b&gt;lost&lt;/b&gt; &amp; {{ alone }}" in html
    assert "<b>" not in html
    # the content note comes first and the words stay folded until opened
    soup = BeautifulSoup(html, "html.parser")
    details = soup.find("details")
    assert details is not None and "A parent's fear." in details.summary.get_text()
    assert details.find("blockquote") is not None and not details.has_attr("open")


def test_unknown_macro_is_an_error(fragments):
    with pytest.raises(LookupError, match="has no macro 'nope'"):
        fragments.render("standard.html", "nope", "")


def test_undefined_name_in_a_template_is_an_error(tmp_path):
    (tmp_path / "t.html").write_text("{% macro m(link) %}{{ missing.thing }}{% endmacro %}", encoding="utf-8")
    with pytest.raises(Exception, match="missing"):
        Fragments(tmp_path).render("t.html", "m", "")


def test_rating_words_come_from_the_data(small, fragments):
    words = fragments.render("ratings.html", "rating_words", "downloads/", ratings=small.given_ratings, last="or")
    assert str(words) == "Red, Amber, Green or Not applicable"
    renamed = tuple(replace(r, label="Blue") if r.id == "green" else r for r in small.given_ratings)
    words = fragments.render("ratings.html", "rating_words", "", ratings=renamed, last="and")
    assert str(words) == "Red, Amber, Blue and Not applicable"
    # text from the data is escaped here as everywhere
    odd = (replace(small.given_ratings[0], label="<b>R&D</b>"),)
    assert str(fragments.render("ratings.html", "rating_words", "", ratings=odd, last="or")) == "&lt;b&gt;R&amp;D&lt;/b&gt;"
