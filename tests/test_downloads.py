"""The open data (CSV beside JSON) and the downloads page: every file listed with its
purpose, format and real size; linked from the home page and every level page."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from bs4 import BeautifulSoup

from macros.downloads import registry


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_csv_one_row_per_standard_utf8_with_bom(site_dir, guide):
    raw = (site_dir / "downloads" / "benchmark.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw[3:].startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == [s.id for s in guide.standards]
    for r, s in zip(rows, guide.standards):
        assert r["indicators"].split("\n") == list(s.indicators)
        assert r["statement"] == s.statement and r["level"] == s.level.id and r["theme"] == s.theme.id
        assert r["version"] == guide.meta.version
    # beside the JSON, which still says the same
    data = json.loads((site_dir / "downloads" / "benchmark.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["standards"]] == [r["id"] for r in rows]


def test_downloads_page_lists_every_file_with_its_real_size(site_dir):
    page = soup(site_dir / "downloads" / "index.html")
    made = {p.name: p for p in (site_dir / "downloads").iterdir() if p.name != "index.html"}
    listed = {}
    for row in page.select(".pg-downloads-table tbody tr"):
        link = row.find("a")
        name = link["href"].rsplit("/", 1)[-1]
        cells = row.find_all("td")
        purpose, fmt, size = (c.get_text(" ", strip=True) for c in cells)
        assert purpose and fmt, name
        listed[name] = int(cells[2]["data-bytes"])
        assert (site_dir / "downloads" / link["href"]).resolve() == made[name].resolve()
        assert size == registry.size_label(listed[name])
    assert set(listed) == set(made), "the page and the folder disagree"
    for name, size in listed.items():
        assert made[name].stat().st_size == size, f"{name}: the page gives a stale size"
    assert any(name.startswith("briefing-") for name in listed)


def test_catalogue_refuses_files_it_cannot_describe(guide):
    made = {name: b"x" for name in ("benchmark.json", "benchmark.csv", "benchmark.xlsx", registry.ACTION_PLAN)}
    made.update({registry.checklist_name(lv): b"x" for lv in guide.levels})
    made[registry.checklist_name(None)] = b"x"
    assert len(registry.listing(registry.catalogue(guide), made)) == len(made)
    try:
        registry.listing(registry.catalogue(guide), {**made, "mystery.bin": b"?"})
    except LookupError as err:
        assert "mystery.bin" in str(err)
    else:
        raise AssertionError("an undescribed download was accepted")
    # nor can it list a file the build did not make
    with pytest.raises(LookupError, match=registry.ACTION_PLAN):
        registry.listing(registry.catalogue(guide), {k: v for k, v in made.items() if k != registry.ACTION_PLAN})


def test_each_download_is_declared_once_with_one_way_to_make_it(guide):
    papers = {"briefings/meetings.md": "Making meetings work for families"}
    downloads = registry.catalogue(guide, papers)
    names = [d.name for d in downloads]
    assert len(names) == len(set(names))
    for d in downloads:
        assert d.group in registry.GROUPS and d.title and d.purpose and d.format, d.name
        assert sum(x is not None for x in (d.make, d.pdf, d.page)) == 1, d.name
        assert d.path == f"downloads/{d.name}"
    # the page's order: group by group, as declared
    assert [d.group for d in downloads] == sorted((d.group for d in downloads), key=registry.GROUPS.index)
    (paper,) = [d for d in downloads if d.page]
    assert (paper.name, paper.title) == ("briefing-meetings.pdf", "Making meetings work for families")
    # generated_files makes every download made from the model, and the other files besides
    made = set(registry.generated_files(guide))
    assert {d.path for d in registry.from_model(guide)} <= made
    assert "assets/data/assessment.json" in made and not any(p.startswith("downloads/briefing-") for p in made)


def test_generated_files_can_be_written_to_any_folder(tmp_path):
    registry.write_files({"downloads/a.txt": b"A", "assets/data/b.json": b"{}"}, tmp_path)
    assert (tmp_path / "downloads" / "a.txt").read_bytes() == b"A"
    assert (tmp_path / "assets" / "data" / "b.json").read_bytes() == b"{}"


def test_the_downloads_page_does_not_depend_on_the_order_pages_render_in(root):
    # the list is filled in once every page is rendered (plugin.on_env), not by moving the
    # downloads page to the end of the files; negative control for that old workaround
    plugin = (root / "macros" / "adapter" / "plugin.py").read_text(encoding="utf-8")
    assert 'get_file_from_path("downloads.md")' not in plugin and "files.remove(" not in plugin


def test_home_and_level_pages_link_to_the_downloads(site_dir, guide):
    home = soup(site_dir / "index.html")
    assert home.select_one('.md-content a[href="downloads/"]'), "the home page does not link to the downloads page"
    for level in guide.levels:
        page = soup(site_dir / "benchmark" / level.id / "index.html")
        block = page.select_one(".pg-print-checklist")
        assert block and "Print this checklist" in block.get_text()
        hrefs = [a["href"] for a in block.find_all("a")]
        assert f"../../downloads/{registry.checklist_name(level)}" in hrefs
        assert (site_dir / "benchmark" / level.id / hrefs[0]).resolve().is_file()
        assert (site_dir / "benchmark" / level.id / hrefs[1] / "index.html").resolve().is_file()


def test_no_download_is_committed(root):
    tracked = subprocess.run(["git", "ls-files", "--", "site", "docs/downloads", ":(glob)**/checklist-*.pdf", ":(glob)**/briefing-*.pdf", ":(glob)**/benchmark.xlsx", ":(glob)**/benchmark.csv"], cwd=root, capture_output=True, text=True, check=True).stdout
    assert tracked.strip() == ""


def test_csv_cells_that_a_spreadsheet_would_run_are_guarded(guide):
    import csv
    import dataclasses
    import io

    from macros.downloads.opendata import to_csv

    first = guide.standards[0]
    changed = dataclasses.replace(first, title='=HYPERLINK("http://evil.example/","x")', statement="@SUM(A1)", plain_english="'quoted")
    guide2 = dataclasses.replace(guide, standards=(changed, *guide.standards[1:]))
    rows = list(csv.reader(io.StringIO(to_csv(guide2).decode("utf-8-sig"))))
    row = dict(zip(rows[0], rows[1]))
    assert row["title"] == '\'=HYPERLINK("http://evil.example/","x")'
    assert row["statement"] == "'@SUM(A1)"
    assert row["plain_english"] == "''quoted"  # so that removing one apostrophe gives the text back
    for r in rows:
        for value in r:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
