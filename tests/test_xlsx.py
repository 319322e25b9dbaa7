"""benchmark.xlsx: a row per standard, dropdowns, colour rules, links, summary formulas over
the right ranges, the version stamped, and the same bytes for the same data."""

from __future__ import annotations

import posixpath
import re
from io import BytesIO

import openpyxl
import pytest

from macros.downloads import registry, xlsx


@pytest.fixture(scope="module")
def book(site_dir):
    return openpyxl.load_workbook(site_dir / "downloads" / registry.XLSX)


def header(ws) -> list[str]:
    return [c.value for c in ws[xlsx.HEADER_ROW]]


def rows(ws):
    return list(ws.iter_rows(min_row=xlsx.FIRST_ROW))


def test_a_sheet_per_level_with_a_row_per_standard(book, guide):
    assert book.sheetnames == ["About", *[lv.title for lv in guide.levels], "Summary"]
    for level in guide.levels:
        ws = book[level.title]
        assert header(ws) == [name for name, _ in xlsx.COLUMNS]
        col = {name: i for i, name in enumerate(header(ws))}
        ids = [r[col["ID"]].value for r in rows(ws)]
        assert sorted(ids) == sorted(s.id for s in level.standards)
        for r in rows(ws):
            s = next(x for x in guide.standards if x.id == r[col["ID"]].value)
            assert r[col["Theme"]].value == s.theme.title
            assert r[col["Title"]].value == s.title
            assert r[col["Statement"]].value == s.statement
            assert all(item in r[col["What good looks like"]].value for item in s.indicators)
            assert r[col["Rating"]].value == "Not yet assessed"
            for empty in ("Evidence", "Actions", "Owner", "Review date"):
                assert r[col[empty]].value is None


def test_ids_link_to_pages_that_exist(book, guide, site_dir):
    for level in guide.levels:
        for r in rows(book[level.title]):
            target = r[0].hyperlink.target
            assert target == f"../benchmark/{r[0].value}/"  # site_url is not set in mkdocs.yml
            page = posixpath.normpath(posixpath.join("downloads", target))
            assert (site_dir / page / "index.html").is_file(), target


def test_absolute_links_when_the_site_url_is_known(guide):
    wb = xlsx.workbook(guide, "https://guide.example.org/psp/")
    first = guide.levels[0].standards[0]
    cell = next(r[0] for r in wb[guide.levels[0].title].iter_rows(min_row=xlsx.FIRST_ROW) if r[0].value == first.id)
    assert cell.hyperlink.target == f"https://guide.example.org/psp/benchmark/{first.id}/"


def test_every_rating_cell_has_the_dropdown_and_colour_rules(book, guide):
    for level in guide.levels:
        ws = book[level.title]
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert len(lists) == 1
        dv = lists[0]
        assert dv.formula1 == '"Red,Amber,Green,Not applicable,Not yet assessed"'
        assert dv.formula1 == '"' + ",".join(r.label for r in guide.ratings) + '"'  # the words of standards/ratings.yml
        assert dv.error == "Choose Red, Amber, Green, Not applicable or Not yet assessed."
        assert not dv.showDropDown  # (in the file format, True would hide the arrow)
        for r in rows(ws):
            assert r[5].coordinate in dv.sqref, f"{level.title}!{r[5].coordinate} has no dropdown"
        # negative control: the column beside it has none
        assert rows(ws)[0][6].coordinate not in dv.sqref
        rating_range = f"F{xlsx.FIRST_ROW}:F{xlsx.FIRST_ROW + len(level.standards) - 1}"
        rules = {
            rule.formula[0]: rule
            for cf in ws.conditional_formatting
            if str(cf.sqref) == rating_range
            for rule in cf.rules
        }
        assert set(rules) == {'"Red"', '"Amber"', '"Green"', '"Not applicable"'}
        assert all(rule.operator == "equal" and rule.dxf.fill is not None for rule in rules.values())


def test_summary_formulas_reference_the_right_ranges(book, guide):
    ws = book["Summary"]
    cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    formulas = [v for v in cells.values() if isinstance(v, str) and v.startswith("=")]
    level_rows = {r[0].value: r for r in ws.iter_rows() if r[0].value in {lv.title for lv in guide.levels}}
    assert set(level_rows) == {lv.title for lv in guide.levels}
    for level in guide.levels:
        last = xlsx.FIRST_ROW + len(level.standards) - 1
        r = level_rows[level.title]
        for cell, rating in zip(r[1:6], xlsx.ratings(guide)):
            assert cell.value == f"=COUNTIF('{level.title}'!$F${xlsx.FIRST_ROW}:$F${last},\"{rating}\")"
        assert r[6].value == f"=COUNTA('{level.title}'!$A${xlsx.FIRST_ROW}:$A${last})"
    theme_rows = [r for r in ws.iter_rows() if r[0].value in {t.title for t in guide.themes}]
    assert [r[0].value for r in theme_rows] == [t.title for t in guide.themes]
    for r in theme_rows:
        for cell in r[1:7]:
            terms = re.findall(r"COUNTIFS\('([^']+)'!\$B\$(\d+):\$B\$(\d+),\$A\$(\d+)", cell.value)
            assert [t[0] for t in terms] == [lv.title for lv in guide.levels]
            for (sheet, first, last, crit), level in zip(terms, guide.levels):
                assert (int(first), int(last)) == (xlsx.FIRST_ROW, xlsx.FIRST_ROW + len(level.standards) - 1)
                assert int(crit) == r[0].row  # the criterion is this row's theme
    # every range any formula names lies within the rows of the sheet it names
    for f in formulas:
        for sheet, col, first, last in re.findall(r"'([^']+)'!\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)", f):
            assert int(first) == xlsx.FIRST_ROW and int(last) == book[sheet].max_row


def test_version_stamped_and_output_deterministic(book, guide, site_dir):
    stamp = f"data version {guide.meta.version}"
    for name in book.sheetnames:
        assert stamp in str(book[name]["A1"].value), name
    assert book.properties.version == guide.meta.version
    assert book.properties.created.date().isoformat() == str(guide.meta.date)
    assert book.properties.modified == book.properties.created
    made = (site_dir / "downloads" / registry.XLSX).read_bytes()
    assert xlsx.benchmark_xlsx(guide) == made
    openpyxl.load_workbook(BytesIO(made))  # and it opens again


def test_sheet_names_are_unique_short_and_legal_and_the_summary_counts_the_right_sheet(guide):
    import dataclasses

    long = "Commissioning and contracting of services for families: part"
    levels = [dataclasses.replace(lv, title=long + (" one" if i == 0 else " two" if i == 1 else "?/three")) for i, lv in enumerate(guide.levels)]
    names = xlsx.sheet_titles(levels)
    assert names == {
        levels[0].id: "Commissioning and contracting o",
        levels[1].id: "Commissioning and contracti (2)",
        levels[2].id: "Commissioning and contracti (3)",
    }
    assert all(len(n) <= 31 for n in names.values())
    assert xlsx.sheet_titles([dataclasses.replace(guide.levels[0], title="Summary")]) == {guide.levels[0].id: "Summary (2)"}
    # the Summary's formulas name each level's own sheet
    guide2 = dataclasses.replace(guide, levels=tuple(levels))
    wb = xlsx.workbook(guide2)
    assert wb.sheetnames[1:4] == list(names.values())
    for lv in levels:
        if lv.standards:
            row = next(r for r in wb["Summary"].iter_rows(min_row=4) if r[0].value == lv.title)
            assert f"'{names[lv.id]}'!" in row[1].value


def test_a_value_from_the_data_that_starts_with_equals_is_text_not_a_formula(guide):
    import dataclasses

    first = guide.standards[0]
    evil = '=HYPERLINK("http://evil.example/","x")'
    changed = dataclasses.replace(first, title=evil, statement="+1+1", indicators=("@SUM(1)", *first.indicators[1:]))
    guide2 = dataclasses.replace(guide, standards=(changed, *guide.standards[1:]))
    wb = openpyxl.load_workbook(BytesIO(xlsx.benchmark_xlsx(guide2)))
    cells = [c for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.value in (evil, "+1+1")]
    assert cells and all(c.data_type == "s" for c in cells)
    formulas = [(ws.title, c.value) for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.data_type == "f"]
    assert formulas and all(title == "Summary" for title, _ in formulas)
