"""The site's search, in Chromium, typed into the real box: what it finds, how it says what it
found, its filters, the words marked on the page opened, the keyboard, and axe in every state."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from pages import open_search, search
from playwright.sync_api import expect

STATUS = "#pg-search-status"
RESULTS = "#pg-search-results"


def _pages(hrefs: list[str]) -> list[str]:
    """Result links as site paths without query or anchor, in order."""
    return [urlsplit(h).path.lstrip("/") for h in hrefs]


@pytest.fixture(scope="module")
def indexed_text(site_dir) -> dict[str, str]:
    """What search indexes of each built page (its data-pagefind-body), by site path."""
    out = {}
    for path in site_dir.rglob("index.html"):
        body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("[data-pagefind-body]")
        if body is not None:
            out[path.parent.relative_to(site_dir).as_posix() + "/" if path.parent != site_dir else ""] = body.get_text(" ")
    return out


def _with(indexed: dict[str, str], pattern: str) -> set[str]:
    return {p for p, text in indexed.items() if re.search(pattern, text, re.I)}


def test_search_finds_a_standard_by_its_id_first(page, guide):
    target = guide.standards[-1].id
    assert _pages(search(page, target))[0] == f"benchmark/{target}/"


def test_a_page_whose_title_is_the_query_comes_first(page):
    # Material's lunr put this briefing outside its first five, under the standards' tags
    assert _pages(search(page, "making meetings work for families"))[0] == "briefings/meetings/"
    assert _pages(search(page, "commissioning standards"))[0] == "benchmark/commissioning/"


@pytest.mark.parametrize("query", ["county lines", "CSE", "extra-familial harm"])
def test_search_finds_standards_by_abbreviation_or_full_term(page, guide, query):
    expected = {s.id for s in guide.standards if query.casefold() in (t.casefold() for t in s.search_terms)}
    assert expected, f"no standard carries {query!r}: the glossary or keywords lost it"
    found = {m.group(1) for h in search(page, query) if (m := re.search(r"benchmark/([A-Z]+-[A-Z]+-\d\d)/", h))}
    assert found & expected, f"{query!r}: results {found}"


def test_synonyms_are_found_but_never_shown(page, site_dir, guide):
    # a standard found by a glossary synonym that its visible text does not use
    standard = next(s for s in guide.standards if "NPIES" not in s.statement and any(t.casefold() == "extra familial harm" for t in s.search_terms))
    html = (site_dir / "benchmark" / standard.id / "index.html").read_text(encoding="utf-8")
    assert "Also searched for as" not in html
    page.goto(f"benchmark/{standard.id}/")
    assert "extra familial harm" not in page.locator("main").inner_text().lower()
    assert f"benchmark/{standard.id}/" in _pages(search(page, "extra familial harm"))


@pytest.mark.parametrize("query, other_form", [("counties", "county"), ("blaming", "blamed"), ("listens", "listened")])
def test_search_finds_other_forms_of_a_word(page, indexed_text, query, other_form):
    # pages with the other form of the word and not the typed one: only stemming finds them
    only_other = _with(indexed_text, rf"\b{other_form}\b") - _with(indexed_text, rf"\b{query}\b")
    assert only_other, f"the content no longer has {other_form!r} without {query!r}: pick another pair"
    found = set(_pages(search(page, query)))
    assert found & only_other, f"{query!r} found {sorted(found)}, none of {sorted(only_other)}"


def test_police_puts_every_page_with_police_before_those_with_only_policy(page, indexed_text):
    # Material's lunr stemmed both to "polic"; Pagefind takes the last word as the start of longer
    # words (search as you type), and put "Policy places the blame..." first
    policy_only = _with(indexed_text, r"\bpolic(y|ies)\b") - _with(indexed_text, r"\bpolice\b")
    assert policy_only, "the content no longer has a page with 'policy' and not 'police': pick another pair"
    found = _pages(search(page, "police"))
    with_police = [p for p in found if p not in policy_only and "downloads/" not in p]
    assert len(with_police) >= 5, found
    later = [i for i, p in enumerate(found) if p in policy_only]
    assert not later or min(later) > max(found.index(p) for p in with_police), found


def test_a_half_typed_word_finds_its_longer_forms(page, indexed_text):
    found = set(_pages(search(page, "safeguar")))
    assert found & _with(indexed_text, r"\bsafeguarding\b"), found


def test_one_slip_is_forgiven_and_the_reader_is_told(page):
    found = _pages(search(page, "sharing informaton"))
    assert found[0] == "briefings/sharing-information/", found
    expect(page.locator(STATUS)).to_contain_text("Searched for sharing information")


def test_stop_words_do_not_decide_a_question(page):
    # "how do I ... the" matched tag prefixes in Material's lunr and put other pages first
    assert "briefings/sharing-information/" in _pages(search(page, "how do I share information with the police"))[:3]


def test_a_query_put_in_the_box_without_a_keypress_searches(page):
    box = open_search(page)
    box.fill("making meetings work for families")  # as pasting with the mouse does: an input event, no key
    expect(page.locator(STATUS)).to_contain_text("for “making meetings work for families”")
    assert _pages(page.locator(f"{RESULTS} a").evaluate_all("e => e.map(a => a.href)"))[0] == "briefings/meetings/"


def test_each_result_says_what_it_is(page, guide):
    standard = guide.standards[0]
    search(page, standard.id)
    first = page.locator(f"{RESULTS} li").first
    expect(first.locator(".pg-search__kind")).to_have_text(f"Standard, {standard.level.title} level · {standard.theme.title}")
    box = page.locator("#pg-search-q")
    box.fill("making meetings work for families")
    expect(page.locator(STATUS)).to_contain_text("for “making meetings work for families”")
    expect(page.locator(f"{RESULTS} li").first.locator(".pg-search__kind")).to_have_text("Briefing paper")
    box.fill("spreadsheet benchmark")
    expect(page.locator(STATUS)).to_contain_text("for “spreadsheet benchmark”")
    kinds = page.locator(f"{RESULTS} .pg-search__kind").all_inner_texts()
    links = page.locator(f"{RESULTS} a").evaluate_all("e => e.map(a => a.getAttribute('href'))")
    assert any(k == "Download" and h.endswith("downloads/benchmark.xlsx") for k, h in zip(kinds, links)), list(zip(kinds, links))


def test_results_are_narrowed_by_kind_and_by_level(page):
    search(page, "parents")
    page.select_option("#pg-search-kind", "Briefing paper")
    expect(page.locator(STATUS)).to_contain_text("(filtered)")
    kinds = page.locator(f"{RESULTS} .pg-search__kind").all_inner_texts()
    assert kinds and set(kinds) == {"Briefing paper"}, kinds
    page.select_option("#pg-search-kind", "Standard")
    page.select_option("#pg-search-level", "Strategic")
    expect(page.locator(f"{RESULTS} .pg-search__kind").first).to_contain_text("Strategic level")
    found = _pages(page.locator(f"{RESULTS} a").evaluate_all("e => e.map(a => a.href)"))
    assert found and all(p.startswith("benchmark/STR-") for p in found), found


def test_the_words_are_marked_as_typed_on_the_page_opened(page):
    hrefs = search(page, "families returning home")
    asked = [[v for k, v in parse_qsl(urlsplit(h).query) if k == "highlight"] for h in hrefs if "downloads/" not in h]
    assert asked and all(a == ["families", "returning", "home"] for a in asked), asked
    page.locator(f"{RESULTS} a").first.click()
    page.wait_for_load_state()
    marks = page.locator("[data-pagefind-body] mark")
    expect(marks.first).to_be_visible()
    words = {t.strip().lower() for t in marks.all_inner_texts()}
    # the words as typed, never a stem ("returni", "famili")
    assert words <= {"families", "returning", "home"} and len(words) >= 2, words


def test_keyboard_opens_searches_opens_a_result_and_closes(page):
    page.goto("./")
    page.keyboard.press("/")
    box = page.locator("#pg-search-q")
    expect(box).to_be_focused()
    page.keyboard.type("language guide")
    expect(page.locator(STATUS)).to_contain_text("for “language guide”")
    page.keyboard.press("Escape")
    expect(page.locator("#pg-search")).not_to_be_visible()
    opener = page.locator("[data-pg-search-open]")
    opener.focus()
    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    expect(box).to_have_value("language guide")
    page.keyboard.press("Enter")  # Enter in the box: the first result
    page.wait_for_url(re.compile(r"/language-guide/"))


def test_a_nonsense_query_finds_nothing_and_says_so(page):
    assert search(page, "zqxwvj") == []
    expect(page.locator(STATUS)).to_contain_text("No results for “zqxwvj”")


def test_the_search_dialog_passes_axe_in_every_state(page):
    from axe_playwright_python.sync_playwright import Axe

    from test_accessibility import AXE_OPTIONS

    axe = Axe()
    states = {}
    open_search(page)
    states["open"] = axe.run(page, options=AXE_OPTIONS)
    search(page, "meetings", at=None)
    states["results"] = axe.run(page, options=AXE_OPTIONS)
    page.select_option("#pg-search-kind", "Download")
    expect(page.locator(STATUS)).to_contain_text("(filtered)")
    states["filtered"] = axe.run(page, options=AXE_OPTIONS)
    page.locator("#pg-search-q").fill("zqxwvj")
    expect(page.locator(STATUS)).to_contain_text("No results")
    states["no results"] = axe.run(page, options=AXE_OPTIONS)
    problems = {state: [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in r.response["violations"]] for state, r in states.items()}
    assert not any(problems.values()), problems
