"""The "What has changed" page and the pages kept for retired standards."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.data import changes
from macros.data.dates import long_date


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _target(page: Path, href: str) -> Path:
    """The built file a relative link from ``page`` (an index.html) leads to."""
    path = (page.parent / href.split("#")[0]).resolve()
    return path / "index.html" if path.is_dir() else path


def test_history_groups_by_version_newest_first(guide):
    s1, s2, s3 = guide.standards[:3]
    g = replace(
        guide,
        standards=(
            s1,
            replace(s2, added="1.9.0"),
            replace(s3, added="1.0.0", changed="1.10.0", change_note="Reworded."),
        ),
    )
    h = changes.history(g)
    assert [v.version for v in h] == ["1.10.0", "1.9.0", "1.0.0"]  # numeric, not text, order
    assert [s.id for s in h[0].changed] == [s3.id] and h[0].added == ()
    assert [s.id for s in h[1].added] == [s2.id]
    assert {s.id for s in h[2].added} == {s1.id, s3.id}


def test_changes_page_lists_every_standard(site_dir, guide):
    page = site_dir / "changes" / "index.html"
    soup = _soup(page)
    main = soup.select_one("article") or soup
    text = main.get_text(" ", strip=True)
    assert f"version {guide.meta.version} of the data, dated {long_date(guide.meta.date)}" in text
    links = {a.get_text(" ", strip=True).split()[0]: a["href"] for a in main.select(".pg-changes a")}
    assert set(links) == {s.id for s in guide.standards}
    for sid, href in links.items():
        target = _target(page, href)
        assert target.is_file(), f"{sid} links to {href}, which was not built"
        assert sid in _soup(target).select_one("h1").get_text()
    # negative control: nothing was retired in the real data, so no section says so
    assert not guide.retired and "Standards retired" not in text
    # the page is in the navigation of every page
    assert _soup(site_dir / "index.html").select_one('nav a[href="changes/"]') is not None


@pytest.fixture(scope="module")
def retired_site(tmp_path_factory, build_site):
    """A copy of the project at version 1.1.0: one standard changed, one retired and replaced."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("retired") / "project")
    meta = project / "standards" / "meta.yml"
    meta.write_text(re.sub(r'(?m)^version: "1\.0\.0"$', 'version: "1.1.0"', meta.read_text(encoding="utf-8")), encoding="utf-8")
    ops = project / "standards" / "benchmark" / "operational.yml"
    text = ops.read_text(encoding="utf-8")
    first = re.search(r"(?m)^- id: (OPS-[A-Z]+-\d\d)$", text).group(1)
    replacement = re.findall(r"(?m)^- id: (OPS-[A-Z]+-\d\d)$", text)[1]
    # mark the first operational standard as changed in 1.1.0
    text = re.sub(r'(?m)^  added: "1\.0\.0"$', '  added: "1.0.0"\n  changed: "1.1.0"\n  change_note: Now names the <lead> worker & manager.', text, count=1)
    ops.write_text(text, encoding="utf-8")
    (project / "standards" / "retired.yml").write_text(
        "- id: OPS-LISTEN-99\n"
        "  title: Parents are listened to\n"
        '  retired: "1.1.0"\n'
        f"  replaced_by: [{replacement}]\n"
        "  reason: Merged into a clearer standard.\n",
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("retired-site") / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out, first, replacement


def test_retired_standard_keeps_its_page_with_a_link_to_its_replacement(retired_site):
    site, _, replacement = retired_site
    page = site / "benchmark" / "OPS-LISTEN-99" / "index.html"
    assert page.is_file()
    soup = _soup(page)
    article = soup.select_one(".pg-retired")
    text = article.get_text(" ", strip=True)
    assert "OPS-LISTEN-99 Parents are listened to" in article.select_one("h1").get_text(" ", strip=True)
    assert "retired in version 1.1.0" in text and "Merged into a clearer standard." in text
    (link,) = [a for a in article.select("#replaced-by ~ ul a")]
    assert replacement in link.get_text()
    target = _target(page, link["href"])
    assert replacement in _soup(target).select_one("h1").get_text()
    assert soup.title.get_text().startswith("OPS-LISTEN-99: Parents are listened to (retired)")
    # negative control: a live standard's page says nothing of retirement
    assert "retired" not in _soup(target).select_one("article").get_text().lower()


def test_changes_page_shows_the_new_version_first(retired_site):
    site, changed, replacement = retired_site
    page = site / "changes" / "index.html"
    soup = _soup(page)
    sections = soup.select("section.pg-changes")
    assert [s.select_one("h2").get_text(strip=True).replace("¶", "") for s in sections] == ["Version 1.1.0", "Version 1.0.0"]
    new = sections[0]
    changed_items = [li.get_text(" ", strip=True) for li in new.select("#version-1-1-0-changed + ul li")]
    assert len(changed_items) == 1 and changed_items[0].startswith(changed)
    assert changed_items[0].endswith("Now names the <lead> worker & manager.")  # escaped, shown as text
    assert "<lead>" not in str(new).replace("&lt;lead&gt;", "")
    retired = new.select("#version-1-1-0-retired + ul li")
    assert len(retired) == 1 and "OPS-LISTEN-99" in retired[0].get_text()
    hrefs = [a["href"] for a in retired[0].select("a")]
    assert _target(page, hrefs[0]) == (site / "benchmark" / "OPS-LISTEN-99" / "index.html").resolve()
    assert replacement in _soup(_target(page, hrefs[1])).select_one("h1").get_text()
    # negative control: 1.1.0 added no standard, and the changed one is still listed as added in 1.0.0
    assert new.select_one("#version-1-1-0-added") is None
    assert changed in sections[1].get_text()
