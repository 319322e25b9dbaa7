"""Tier 3: the real site, built strictly once, parsed as HTML."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from support import pagefind_records


@lru_cache(maxsize=None)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup_of(site_dir: Path, url: str) -> BeautifulSoup:
    return _soup(site_dir / url / "index.html")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def test_every_standard_has_its_page_at_a_stable_url(site_dir, guide):
    for s in guide.standards:
        page = site_dir / "benchmark" / s.id / "index.html"
        assert page.is_file(), f"no page for {s.id}"
        soup = _soup(page)
        h1 = soup.find("h1")
        assert s.id in text_of(h1) and s.title in text_of(h1)
        body = text_of(article(soup))
        assert " ".join(s.statement.split()) in body
        for item in s.indicators + s.evidence_prompts:
            assert " ".join(item.split()) in body, f"{s.id}: missing {item!r}"
        assert " ".join(s.plain_english.split()) in body
        # linked: level, theme and every finding it rests on
        hrefs = [a["href"] for a in soup.select("article a[href]")]
        assert any(h.endswith(f"#{f.id}") for f in s.findings for h in hrefs)
        for q in s.quotes:
            assert " ".join(q.text.split()) in body and q.attribution in body


def test_no_page_for_a_standard_that_does_not_exist(site_dir):
    assert not (site_dir / "benchmark" / "STR-LISTEN-99").exists()


def test_level_pages_list_their_standards_by_theme_and_no_others(site_dir, guide):
    for level in guide.levels:
        soup = soup_of(site_dir, f"benchmark/{level.id}")
        linked = {m.group(1) for a in soup.select("article a[href]") if (m := re.search(r"([A-Z]+-[A-Z]+-\d\d)/$", a["href"]))}
        assert linked == {s.id for s in level.standards}
        headings = [text_of(h).rstrip("¶ ").strip() for h in soup.select("article h2")]
        assert headings == [t.title for t in guide.themes if guide.standards_for(level, t)]


def test_every_quote_appears_verbatim_with_its_attribution(site_dir, guide):
    soup = soup_of(site_dir, "parent-voice")
    for q in guide.quotes:
        figure = soup.find(id=q.id)
        assert figure is not None, f"{q.id} is not on the parent voice page"
        assert text_of(figure.blockquote) == " ".join(q.text.split())
        assert q.attribution in text_of(figure.figcaption)


def test_findings_link_both_ways(site_dir, guide):
    soup = soup_of(site_dir, "evidence")
    for f in guide.findings:
        item = soup.find(id=f.id)
        assert item is not None, f"{f.id} is not on the evidence page"
        cited = {a["href"].strip("./").split("/")[-1] for a in item.select("a[href]")}
        assert {s.id for s in f.cited_by} <= cited


def test_guidance_pages_show_every_record(site_dir, guide):
    pages = {
        "key-learning": guide.key_learning,
        "language-guide": guide.language,
        "principles-and-outcomes": (*guide.principles, *guide.outcomes),
    }
    for url, records in pages.items():
        soup = soup_of(site_dir, url)
        for r in records:
            assert soup.find(id=r.id) is not None, f"{r.id} missing from /{url}/"


def _internal_targets(site_dir: Path):
    for page in sorted(site_dir.rglob("*.html")):
        soup = _soup(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in soup.find_all(tag):
                ref = el.get(attr)
                if not ref or ref.startswith(("mailto:", "tel:", "javascript:", "data:")):
                    continue
                parts = urlsplit(ref)
                if parts.scheme or parts.netloc:
                    continue
                yield page, ref, parts


def test_every_internal_link_and_anchor_resolves(site_dir, guide):
    # the self-assessment's #std-ID addresses are the standards' cards, which its script draws
    # (assessment/rate.js; tests/browser/test_assessment_steps.py follows one): the ID must be a standard's
    drawn = {f"std-{s.id}" for s in guide.standards}
    assessment = (site_dir / "assessment" / "index.html").resolve()
    broken = []
    for page, ref, parts in _internal_targets(site_dir):
        base = site_dir if parts.path.startswith("/") else page.parent  # 404.html links from the root
        target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{page.relative_to(site_dir)}: {ref}")
            continue
        if parts.fragment and target.suffix == ".html":
            ids = {el.get("id") for el in _soup(target).find_all(id=True)} | {el.get("name") for el in _soup(target).find_all(attrs={"name": True})}
            if target.resolve() == assessment and parts.fragment in drawn:
                continue
            if parts.fragment not in ids:
                broken.append(f"{page.relative_to(site_dir)}: {ref} (no anchor)")
    assert broken == []


def test_link_checker_catches_a_broken_link(tmp_path):
    # negative control for the checker above
    (tmp_path / "index.html").write_text('<a href="nowhere/">x</a><a href="#here">y</a>', encoding="utf-8")
    found = [ref for _, ref, _ in _internal_targets(tmp_path)]
    assert found == ["nowhere/", "#here"]


def test_open_data_has_every_standard(site_dir, guide):
    data = json.loads((site_dir / "downloads" / "benchmark.json").read_text(encoding="utf-8"))
    assert data["version"] == guide.meta.version and data["date"] == guide.meta.date
    assert [s["id"] for s in data["standards"]] == [s.id for s in guide.standards]
    first, model = data["standards"][0], guide.standards[0]
    assert first["indicators"] == list(model.indicators)
    assert first["findings"] == [f.id for f in model.findings]
    assert first["quotes"] == [q.id for q in model.quotes]
    assert first["plain_english"] == model.plain_english
    for s in data["standards"]:
        assert (site_dir / s["url"] / "index.html").is_file()


def test_search_index_carries_ids_kinds_and_synonyms(site_dir, guide):
    records = {r["url"].strip("/"): r for r in pagefind_records(site_dir)}
    for s in guide.standards:
        record = records.get(f"benchmark/{s.id}")
        assert record, f"{s.id} is not in the search index"
        assert s.id in record["meta"]["title"]
        assert record["filters"] == {"kind": ["Standard"], "level": [s.level.title]}
        assert record["meta"]["level"] == s.level.title and record["meta"]["theme"] == s.theme.title
        for term in s.search_terms:
            assert term.casefold() in record["content"].casefold(), f"{s.id}: search term {term!r} not indexed"
    # abbreviation and full term travel together
    cse = [s for s in guide.standards if "CSE" in s.search_terms]
    assert cse and all("child sexual exploitation" in s.search_terms for s in cse)
    assert records["briefings/meetings"]["filters"]["kind"] == ["Briefing paper"]
    assert records["language-guide"]["filters"]["kind"] == ["Guidance"]
    assert records["downloads/benchmark.xlsx"]["filters"]["kind"] == ["Download"]


def test_search_indexes_every_page_once_and_nothing_else(site_dir):
    records = [r["url"].strip("/") for r in pagefind_records(site_dir)]
    assert len(records) == len(set(records))
    pages = {p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")} - {"."}
    downloads = {f"downloads/{p.name}" for p in (site_dir / "downloads").iterdir() if p.name != "index.html"}
    assert set(records) == pages | {""} | downloads  # the home page's url is "/"
    assert "404.html" not in " ".join(records)
    # the header, navigation and footer are not indexed: the footer's line is in no record
    footer = _soup(site_dir / "index.html").select_one(".md-copyright").get_text(" ", strip=True)
    assert footer and not any(footer in r["content"] for r in pagefind_records(site_dir))
    # Material's search is gone, and so are Pagefind's own search boxes
    assert not (site_dir / "search").exists()
    assert not list((site_dir / "pagefind").glob("pagefind-*ui*"))


def test_pages_have_unique_titles(site_dir):
    titles = {}
    for page in site_dir.rglob("index.html"):
        title = text_of(_soup(page).title)
        titles.setdefault(title, []).append(str(page.relative_to(site_dir)))
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}


def test_no_unrendered_template_syntax(site_dir):
    leftovers = []
    for page in site_dir.rglob("*.html"):
        body = _soup(page).select_one("article")
        if body is not None and re.search(r"\{\{|\{%", body.get_text()):
            leftovers.append(str(page.relative_to(site_dir)))
    assert leftovers == []


@pytest.mark.parametrize("setting", ["font: false", "strict: true", "on_undefined: strict", "on_error_fail: true"])
def test_configuration_fails_loudly_and_loads_no_web_fonts(root, setting):
    assert setting in (root / "mkdocs.yml").read_text(encoding="utf-8")


REPO = "https://github.com/parents-as-safeguarding-partners/practice-guide"  # repo_url in mkdocs.yml


def edit_link(soup: BeautifulSoup):
    (link,) = soup.select('a[rel="edit"]')
    return link


def accessible_name(link) -> str:
    """What a screen reader announces for the link: aria-label, else its text, else its title."""
    return (link.get("aria-label") or text_of(link) or link.get("title") or "").strip()


def test_a_prose_page_has_an_edit_link_to_its_markdown(site_dir, root):
    link = edit_link(soup_of(site_dir, "about"))
    assert link["href"] == f"{REPO}/edit/main/docs/about.md"
    assert (root / "docs" / "about.md").is_file()
    assert accessible_name(link) == "Edit this page"


def test_a_standard_page_has_an_edit_link_to_its_record_line(site_dir, guide, root):
    for s in guide.standards:
        link = edit_link(soup_of(site_dir, f"benchmark/{s.id}"))
        assert link["href"] == f"{REPO}/blob/main/{s.origin.path}#L{s.origin.line}"  # blob: the edit view has no line anchors
        assert accessible_name(link)
        # the line it leads to is the record's own
        line = (root / s.origin.path).read_text(encoding="utf-8").splitlines()[s.origin.line - 1]
        assert line == f"- id: {s.id}", (s.id, line)
    # a level page leads to its level's record too
    level = guide.levels[0]
    assert edit_link(soup_of(site_dir, f"benchmark/{level.id}"))["href"] == f"{REPO}/blob/main/{level.origin.path}#L{level.origin.line}"


def test_every_page_has_exactly_one_edit_link(site_dir):
    pages = sorted(site_dir.rglob("index.html"))
    assert len(pages) > 50
    for page in pages:
        links = _soup(page).select('a[rel="edit"]')
        assert len(links) == 1 and links[0]["href"].startswith(f"{REPO}/"), page.relative_to(site_dir)
    # negative control: the 404 page is no source page
    assert not _soup(site_dir / "404.html").select('a[rel="edit"]')


def test_the_repository_link_fetches_nothing(site_dir):
    # Material's JavaScript fetches stars and forks from api.github.com for a link marked
    # data-md-component="source"; overrides/partials/source.html leaves the mark out.
    home = _soup(site_dir / "index.html")
    assert home.select("a.md-source[href]") and home.select_one("a.md-source")["href"] == REPO
    for page in site_dir.rglob("*.html"):
        assert not _soup(page).select('[data-md-component="source"]'), page.relative_to(site_dir)


def test_a_standard_page_leads_to_the_previous_and_next_standards_of_its_level_and_its_checklist(site_dir, guide):
    for level in guide.levels:
        peers = level.standards
        for i, s in enumerate(peers):
            page = site_dir / "benchmark" / s.id / "index.html"
            soup = _soup(page)
            pager = soup.select_one("nav.pg-pager")
            assert pager is not None, s.id
            prev, nxt = pager.select_one('a[rel="prev"]'), pager.select_one('a[rel="next"]')
            assert (prev is None) == (i == 0) and (nxt is None) == (i == len(peers) - 1), s.id
            for link, other in ((prev, peers[i - 1] if i else None), (nxt, peers[i + 1] if i + 1 < len(peers) else None)):
                if link is not None:
                    assert other.id in link.get_text() and (page.parent / link["href"] / "index.html").resolve().is_file(), (s.id, link)
            checklist = soup.select_one(".pg-print-checklist a")
            assert checklist["href"].endswith(f"checklist-{level.id}.pdf") and (page.parent / checklist["href"]).resolve().is_file(), s.id
            # not search results of their own: the neighbours' titles are not this page's words
            assert "pg-no-index" in pager["class"]


def test_a_briefing_page_links_its_own_pdf(site_dir, root):
    for paper in sorted((root / "docs" / "briefings").glob("*.md")):
        page = site_dir / "briefings" / ("" if paper.stem == "index" else paper.stem) / "index.html"
        link = _soup(page).select_one(".pg-paper-pdf a")
        if paper.name == "index.md":
            assert link is None
            continue
        assert link is not None and link["href"].endswith(f"briefing-{paper.stem}.pdf"), paper.name
        assert (page.parent / link["href"]).resolve().is_file()


def test_every_footer_links_the_pages_about_the_guide(site_dir):
    for page in [site_dir / "index.html", site_dir / "benchmark" / "index.html", site_dir / "briefings" / "meetings" / "index.html", site_dir / "404.html"]:
        footer = _soup(page).select_one(".md-footer")
        links = {a.get_text(strip=True): a["href"] for a in footer.select(".md-copyright a")}
        for name in ("About the guide", "Evidence", "Accessibility", "Staying safe and privacy", "Downloads", "What has changed", "the Evidence page"):
            assert name in links, (page.name, name, links)
            if page.name != "404.html":  # the 404 page is served at any depth: its links are from the root
                assert (page.parent / links[name].split("#")[0] / "index.html").resolve().is_file(), (page, name, links[name])


def test_pages_write_dates_as_the_pdfs_and_spreadsheet_do(site_dir, guide):
    from macros.data.dates import long_date

    assert long_date("2026-11-02") == "2 November 2026" and long_date(guide.meta.date) in _soup(site_dir / "about" / "index.html").get_text()
    iso = []
    for page in site_dir.rglob("index.html"):
        article = _soup(page).select_one("article")
        if article is not None and re.search(r"\b\d{4}-\d{2}-\d{2}\b", article.get_text(" ")):
            iso.append(str(page.relative_to(site_dir)))
    assert iso == [], f"pages that write a date as 2026-11-22: {iso}"


def test_every_page_declares_british_english_as_the_pdfs_do(site_dir):
    pages = list(site_dir.rglob("*.html"))
    wrong = [str(p.relative_to(site_dir)) for p in pages if _soup(p).html.get("lang") != "en-GB" and "pagefind" not in p.parts]
    assert pages and wrong == []
