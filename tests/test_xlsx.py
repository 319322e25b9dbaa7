"""benchmark.xlsx: a row per standard and one per indicator, each with its rating dropdown and
colour rules, the key to the ratings in the data's own words, links only when they can work,
Summary formulas that count standards and indicators over the right ranges, print settings
that give a training room readable pages, the version stamped, and the same bytes for the
same data. The last tests print the workbook with LibreOffice and read the PDF, as a person
holding the paper would.

The workbook is made from the model (``xlsx.benchmark_xlsx``), not from a site build: that
is the function the build calls, and it keeps these tests quick."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from macros.data import model as m
from macros.downloads import xlsx

SITE = "https://guide.example.org/psp/"


@pytest.fixture(scope="module")
def made(guide) -> bytes:
    """The workbook as the build publishes it (``site_url`` is not set in mkdocs.yml)."""
    return xlsx.benchmark_xlsx(guide)


@pytest.fixture(scope="module")
def book(made):
    return openpyxl.load_workbook(BytesIO(made))


@pytest.fixture(scope="module")
def linked(guide):
    return openpyxl.load_workbook(BytesIO(xlsx.benchmark_xlsx(guide, SITE)))


def header(ws) -> list[str]:
    return [c.value for c in ws[xlsx.HEADER_ROW]]


def rows(ws):
    return list(ws.iter_rows(min_row=xlsx.FIRST_ROW))


def col(name: str) -> int:
    """The 0-based index of a level sheet's column, for indexing a row."""
    return [n for n, _ in xlsx.COLUMNS].index(name)


def expected_rows(guide, level) -> list[tuple[str, str, m.Standard, str | None]]:
    """(ID, Type, standard, indicator) for each row of a level sheet, in order: each standard
    (theme by theme), then its indicators."""
    out = []
    for theme in guide.themes:
        for s in guide.standards_for(level, theme):
            out.append((s.id, "Standard", s, None))
            out += [(f"{s.id}.{n}", "Indicator", s, text) for n, text in enumerate(s.indicators, start=1)]
    return out


# ---- the rows ----------------------------------------------------------------------------


def test_a_sheet_per_level_with_a_row_per_standard_and_one_per_indicator(book, guide):
    assert book.sheetnames == ["About", *[lv.title for lv in guide.levels], "Summary"]
    unrated = guide.rating(m.UNRATED).label
    for level in guide.levels:
        ws = book[level.title]
        assert header(ws) == [name for name, _ in xlsx.COLUMNS]
        got = rows(ws)
        want = expected_rows(guide, level)
        assert [r[col("ID")].value for r in got] == [w[0] for w in want]
        assert sum(w[1] == "Indicator" for w in want) == sum(len(s.indicators) for s in level.standards) > 0
        for r, (_, kind, s, indicator) in zip(got, want):
            assert r[col("Type")].value == kind
            assert r[col("Theme")].value == s.theme.title  # on indicator rows too: the Summary counts them by theme
            assert r[col("Rating")].value == unrated
            if kind == "Standard":
                assert (r[col("Title")].value, r[col("Statement")].value) == (s.title, s.statement)
                assert r[col("What good looks like")].value is None
            else:
                assert r[col("What good looks like")].value == indicator  # word for word, one per row
                assert r[col("Title")].value is None and r[col("Statement")].value is None
            for empty in ("Evidence", "Actions", "Owner", "Review date"):
                assert r[col(empty)].value is None


def test_every_rating_cell_standard_and_indicator_has_the_dropdown_and_colour_rules(book, guide):
    rating = xlsx.COL["Rating"]
    for level in guide.levels:
        ws = book[level.title]
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert len(lists) == 1
        dv = lists[0]
        assert dv.formula1 == '"Red,Amber,Green,Not applicable,Not yet assessed"'
        assert dv.formula1 == '"' + ",".join(r.label for r in guide.ratings) + '"'  # the words of standards/ratings.yml
        assert dv.error == "Choose Red, Amber, Green, Not applicable or Not yet assessed."
        assert not dv.showDropDown  # (in the file format, True would hide the arrow)
        kinds = Counter()
        for r in rows(ws):
            cell = r[col("Rating")]
            assert cell.coordinate in dv.sqref, f"{level.title}!{cell.coordinate} ({r[col('Type')].value}) has no dropdown"
            kinds[r[col("Type")].value] += 1
        assert kinds == {"Standard": len(level.standards), "Indicator": sum(len(s.indicators) for s in level.standards)}
        # negative controls: the column beside it and the key above have none
        assert rows(ws)[0][col("Evidence")].coordinate not in dv.sqref
        assert f"{rating}{xlsx.KEY_ROW}" not in dv.sqref and f"{rating}{xlsx.HEADER_ROW}" not in dv.sqref
        rating_range = f"{rating}{xlsx.FIRST_ROW}:{rating}{ws.max_row}"
        rules = {rule.formula[0]: rule for cf in ws.conditional_formatting if str(cf.sqref) == rating_range for rule in cf.rules}
        assert set(rules) == {'"Red"', '"Amber"', '"Green"', '"Not applicable"'}
        assert all(rule.operator == "equal" and rule.dxf.fill is not None for rule in rules.values())


def test_the_key_gives_every_rating_and_its_meaning_in_the_words_of_the_data(book, guide):
    entries = [f"{r.label}: {r.meaning}" for r in guide.ratings]
    assert entries[2] == "Green: in place and evidenced"  # standards/ratings.yml, as it is today
    for level in guide.levels:
        key = [c.value for c in book[level.title][xlsx.KEY_ROW]]
        assert key[0] == "Key to the ratings" and key[1 : len(entries) + 1] == entries and not any(key[len(entries) + 1 :])
    about = [c.value for c in book["About"]["A"]]
    assert all(e in about for e in entries)


def test_every_rating_word_comes_from_the_data(guide):
    """Change every label and meaning: none of the old words is left anywhere in the workbook,
    so nothing (not "in place", not "Red") is written into the code."""
    changed = tuple(dataclasses.replace(r, label=f"Mark {i}", meaning=f"meaning number {i}") for i, r in enumerate(guide.ratings))
    guide2 = dataclasses.replace(guide, ratings=changed)
    wb = openpyxl.load_workbook(BytesIO(xlsx.benchmark_xlsx(guide2)))
    # every cell of the workbook's own making: the About and Summary sheets, the titles, keys
    # and headings of the level sheets and their rating cells (the standards' own words aside)
    ours = [c for ws in wb.worksheets for r in ws.iter_rows() for c in r
            if ws.title in ("About", "Summary") or c.row < xlsx.FIRST_ROW or c.column_letter == xlsx.COL["Rating"]]
    texts = [str(c.value) for c in ours if c.value is not None]
    texts += [dv.formula1 + dv.error for ws in wb.worksheets for dv in ws.data_validations.dataValidation if dv.type == "list"]
    texts += [rule.formula[0] for ws in wb.worksheets for cf in ws.conditional_formatting for rule in cf.rules]
    everything = "\n".join(texts)
    for old in guide.ratings:
        assert old.meaning not in everything
        assert not re.search(rf'"{re.escape(old.label)}"|\b{re.escape(old.label)}:', everything), old.label
    level = guide.levels[0]
    assert [c.value for c in wb[level.title][xlsx.KEY_ROW]][1 : len(changed) + 1] == [f"Mark {i}: meaning number {i}" for i in range(len(changed))]
    assert rows(wb[level.title])[0][col("Rating")].value == next(r.label for r in changed if r.id == m.UNRATED)
    assert '"Mark 0"' in wb["Summary"].cell(xlsx.SUMMARY_HEADER_ROW + 2, 3).value


# ---- links -------------------------------------------------------------------------------


def test_no_link_at_all_without_the_site_url(book, made):
    # a relative link (../benchmark/<ID>/) works only from the published site, never from a download
    linked_cells = [(ws.title, c.coordinate) for ws in book.worksheets for r in ws.iter_rows() for c in r if c.hyperlink]
    assert linked_cells == []
    with zipfile.ZipFile(BytesIO(made)) as z:
        assert not [n for n in z.namelist() if "hyperlink" in z.read(n).decode("utf-8", "replace").lower()]
    assert any("The IDs are not links" in str(c.value) for c in book["About"]["A"])


def test_absolute_links_to_each_standard_when_the_site_url_is_known(linked, guide):
    for level in guide.levels:
        for r in rows(linked[level.title]):
            link = r[col("ID")].hyperlink
            if r[col("Type")].value == "Standard":
                assert link.target == f"{SITE}benchmark/{r[col('ID')].value}/"
            else:
                assert link is None
    targets = [c.hyperlink.target for ws in linked.worksheets for r in ws.iter_rows() for c in r if c.hyperlink]
    assert len(targets) == len(guide.standards) and all(t.startswith(SITE) for t in targets)
    assert any(f"links to its page at {SITE}" in str(c.value) for c in linked["About"]["A"])


# ---- print settings ----------------------------------------------------------------------


def test_every_sheet_prints_landscape_a4_one_page_wide_with_a_header_and_footer(book, guide):
    day = dt.date.fromisoformat(str(guide.meta.date))
    titles = {"About": xlsx.ABOUT, "Summary": xlsx.SUMMARY, **{lv.title: f"{lv.title} level" for lv in guide.levels}}
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), ws.title  # 9: A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title  # one page wide, as many tall as needed
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title
        assert ws.oddHeader.left.text == titles[ws.title]
        assert ws.oddHeader.right.text == f"{guide.meta.title} benchmark"
        assert ws.oddFooter.left.text == f"Data version {guide.meta.version} of {day.day} {day:%B} {day.year}"
        assert ws.oddFooter.right.text == "Page &P of &N"
        margins = ws.page_margins
        assert 0.25 <= min(margins.left, margins.right) and max(margins.left, margins.right) <= 0.75, ws.title
        assert margins.header < margins.top and margins.footer < margins.bottom, ws.title  # the header does not sit on the table
    for level in guide.levels:
        assert book[level.title].print_title_rows == f"${xlsx.KEY_ROW}:${xlsx.HEADER_ROW}"  # the key and the column headings
    assert book["Summary"].print_title_rows == f"${xlsx.SUMMARY_HEADER_ROW}:${xlsx.SUMMARY_HEADER_ROW}"


def test_an_ampersand_in_a_title_is_printed_not_taken_for_a_code(guide):
    level = dataclasses.replace(guide.levels[0], title="Health & care")
    wb = xlsx.workbook(dataclasses.replace(guide, levels=(level, *guide.levels[1:])))
    assert wb["Health & care"].oddHeader.left.text == "Health && care level"


def test_a_row_is_never_taller_than_excel_allows(guide):
    first = guide.standards[0]
    long = dataclasses.replace(first, statement="word " * 800)  # 4,000 characters: the most the data allows
    wb = xlsx.workbook(dataclasses.replace(guide, standards=(long, *guide.standards[1:])))
    ws = wb[first.level.title]
    row = next(r[0].row for r in ws.iter_rows(min_row=xlsx.FIRST_ROW) if r[0].value == first.id)
    assert ws.row_dimensions[row].height == xlsx.MAX_ROW_HEIGHT == 409


def test_header_rows_are_bold_and_shaded_and_the_table_wraps_at_the_top(book, guide):
    for level in guide.levels:
        ws = book[level.title]
        for cell in ws[xlsx.HEADER_ROW]:
            assert cell.font.b and cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("D9E2F3"), cell.coordinate
        for r in rows(ws):
            for cell in r:
                assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
        assert ws.freeze_panes == f"B{xlsx.FIRST_ROW}"
        assert [ws.column_dimensions[xlsx.COL[n]].width for n, _ in xlsx.COLUMNS] == [w for _, w in xlsx.COLUMNS]
    summary = book["Summary"]
    assert [c.value for c in summary[xlsx.SUMMARY_HEADER_ROW]][:2] == ["Level or theme", "Counting"]
    assert all(c.font.b and c.fill.fill_type == "solid" for c in summary[xlsx.SUMMARY_HEADER_ROW])


def test_row_heights_leave_room_for_the_longest_wrapped_cell(book, guide):
    """Each row is at least as tall as its longest cell needs if every character of a column's
    width held a letter (the most a line can hold), at 15 points a line, and no taller than
    twice that plus a line: wrapped text never runs into the next row, nor wastes the page."""
    for level in guide.levels:
        ws = book[level.title]
        for row in range(xlsx.KEY_ROW, ws.max_row + 1):
            need = 1
            for cell in ws[row]:
                if cell.value:
                    width = ws.column_dimensions[cell.column_letter].width
                    need = max(need, sum(math.ceil(len(p) / width) or 1 for p in str(cell.value).split("\n")))
            height = ws.row_dimensions[row].height
            assert height is not None and 15 * need <= height <= 15 * (2 * need + 1), (level.title, row, need, height)
    # a standard with a long statement stands taller than a one-line indicator
    ws = book[guide.levels[0].title]
    assert max(ws.row_dimensions[r].height for r in range(xlsx.FIRST_ROW, ws.max_row + 1)) >= 5 * 15


# ---- the Summary -------------------------------------------------------------------------


def test_summary_counts_standards_and_indicators_by_level_and_theme_over_the_right_ranges(book, guide):
    ws = book["Summary"]
    words = xlsx.ratings(guide)
    assert ws.freeze_panes == f"A{xlsx.SUMMARY_HEADER_ROW + 1}"  # below the header row, not just the title
    assert [c.value for c in ws[xlsx.SUMMARY_HEADER_ROW]] == ["Level or theme", "Counting", *words, "Total"]
    last = {lv.title: xlsx.FIRST_ROW + len(lv.standards) + sum(len(s.indicators) for s in lv.standards) - 1 for lv in guide.levels}
    B, C, G = xlsx.COL["Type"], xlsx.COL["Theme"], xlsx.COL["Rating"]
    F = xlsx.FIRST_ROW

    def rng(sheet: str, letter: str) -> str:
        return f"'{sheet}'!${letter}${F}:${letter}${last[sheet]}"

    level_rows = [r for r in ws.iter_rows(min_row=xlsx.SUMMARY_HEADER_ROW + 1) if r[0].value in last and r[1].value]
    assert [(r[0].value, r[1].value) for r in level_rows] == [(lv.title, what) for lv in guide.levels for what in ("Standards", "Indicators")]
    for r in level_rows:
        kind = {"Standards": "Standard", "Indicators": "Indicator"}[r[1].value]
        for cell, rating in zip(r[2:], words):
            assert cell.value == f'=COUNTIFS({rng(r[0].value, B)},"{kind}",{rng(r[0].value, G)},"{rating}")'
        assert r[2 + len(words)].value == f'=COUNTIFS({rng(r[0].value, B)},"{kind}")'
    theme_rows = [r for r in ws.iter_rows() if r[0].value in {t.title for t in guide.themes}]
    assert [(r[0].value, r[1].value) for r in theme_rows] == [(t.title, what) for t in guide.themes for what in ("Standards", "Indicators")]
    for r in theme_rows:
        kind = {"Standards": "Standard", "Indicators": "Indicator"}[r[1].value]
        for cell, rating in zip(r[2:], (*words, None)):
            # the theme's title is the criterion, read from column A of the same row
            terms = [
                f'COUNTIFS({rng(lv.title, C)},$A${r[0].row},{rng(lv.title, B)},"{kind}"'
                + (f',{rng(lv.title, G)},"{rating}"' if rating else "")
                + ")"
                for lv in guide.levels
            ]
            assert cell.value == "=" + "+".join(terms), cell.coordinate
    # every range any formula names lies within the table of the sheet it names
    formulas = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formulas) == (len(guide.levels) + len(guide.themes)) * 2 * (len(words) + 1)
    for f in formulas:
        for sheet, first, end in re.findall(r"'([^']+)'!\$[A-Z]\$(\d+):\$[A-Z]\$(\d+)", f):
            assert int(first) == xlsx.FIRST_ROW and int(end) == book[sheet].max_row


# ---- stamps, sheet names, determinism, data as text --------------------------------------


def test_version_stamped_and_output_deterministic(book, guide, made):
    stamp = f"data version {guide.meta.version}"
    for name in book.sheetnames:
        assert stamp in str(book[name]["A1"].value), name
    assert book.properties.version == guide.meta.version
    assert book.properties.created.date().isoformat() == str(guide.meta.date)
    assert book.properties.modified == book.properties.created
    assert xlsx.benchmark_xlsx(guide) == made
    with zipfile.ZipFile(BytesIO(made)) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {tuple(int(p) for p in str(guide.meta.date).split("-"))}


def test_sheet_names_are_unique_short_and_legal_and_the_summary_counts_the_right_sheet(guide):
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
    wb = xlsx.workbook(dataclasses.replace(guide, levels=tuple(levels)))
    assert wb.sheetnames[1:4] == list(names.values())
    for lv in levels:
        if lv.standards:
            row = next(r for r in wb["Summary"].iter_rows(min_row=xlsx.SUMMARY_HEADER_ROW + 1) if r[0].value == lv.title)
            assert f"'{names[lv.id]}'!" in row[2].value


def test_a_value_from_the_data_that_starts_with_equals_is_text_not_a_formula(guide):
    first = guide.standards[0]
    evil = '=HYPERLINK("http://evil.example/","x")'
    changed = dataclasses.replace(first, title=evil, statement="+1+1", indicators=("=SUM(1)", "@SUM(1)", *first.indicators[1:]))
    guide2 = dataclasses.replace(guide, standards=(changed, *guide.standards[1:]))
    wb = openpyxl.load_workbook(BytesIO(xlsx.benchmark_xlsx(guide2)))
    cells = [c for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.value in (evil, "+1+1", "=SUM(1)", "@SUM(1)")]
    assert len(cells) == 4 and all(c.data_type == "s" for c in cells)
    formulas = [(ws.title, c.value) for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.data_type == "f"]
    assert formulas and all(title == "Summary" and value.startswith("=COUNTIFS(") for title, value in formulas)
    # one more indicator than before: the Summary's ranges grew with the sheet
    for _, value in formulas:
        for sheet, end in re.findall(r"'([^']+)'!\$[A-Z]\$\d+:\$[A-Z]\$(\d+)", value):
            assert int(end) == wb[sheet].max_row, (sheet, end)


# ---- printed by LibreOffice --------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def rated(made: bytes, guide) -> tuple[bytes, dict]:
    """The workbook with some ratings filled in, as a partnership would, and the counts the
    Summary must then show: {(level or theme title, "Standards" or "Indicators"): [count per rating]}."""
    wb = openpyxl.load_workbook(BytesIO(made))
    words = xlsx.ratings(guide)
    counts: dict = {}
    for level in guide.levels:
        ws = wb[level.title]
        for i, r in enumerate(rows(ws)):
            word = words[i % len(words)]  # every rating, on standards and on indicators
            r[col("Rating")].value = word
            what = "Standards" if r[col("Type")].value == "Standard" else "Indicators"
            for key in ((level.title, what), (r[col("Theme")].value, what)):
                counts.setdefault(key, [0] * len(words))[words.index(word)] += 1
    out = BytesIO()
    wb.save(out)
    return out.getvalue(), counts


@pytest.fixture(scope="module")
def printed(tmp_path_factory, made, guide):
    """benchmark.xlsx, and a copy with ratings filled in, printed to PDF by LibreOffice."""
    if not SOFFICE:
        pytest.fail(
            "LibreOffice is missing (no soffice on PATH): these tests print benchmark.xlsx with it. "
            "Run 'make system' (it installs libreoffice-calc-nogui) or "
            "'apt-get install --no-install-recommends libreoffice-calc-nogui'.",
            pytrace=False,
        )
    out = tmp_path_factory.mktemp("xlsx-print")
    filled, counts = rated(made, guide)
    (out / "benchmark.xlsx").write_bytes(made)
    (out / "rated.xlsx").write_bytes(filled)
    profile = (out / "lo-profile").as_uri()  # its own profile: never the user's, nor another run's
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), "benchmark.xlsx", "rated.xlsx"],
        cwd=out, capture_output=True, text=True, timeout=300,
    )
    pdfs = {name: out / f"{name}.pdf" for name in ("benchmark", "rated")}
    assert result.returncode == 0 and all(p.is_file() for p in pdfs.values()), result.stdout + result.stderr
    return {name: PdfReader(p) for name, p in pdfs.items()}, counts


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def sheet_of(text: str, guide) -> str:
    """The sheet a printed page belongs to, from the print header it starts with."""
    for name in (xlsx.ABOUT, xlsx.SUMMARY, *(f"{lv.title} level" for lv in guide.levels)):
        if text.startswith(name + " "):
            return name
    raise AssertionError(f"a page without a print header naming its sheet: {text[:120]!r}")


def test_libreoffice_prints_every_page_landscape_with_its_sheet_in_the_header(printed, guide):
    readers, _ = printed
    reader = readers["benchmark"]
    texts = page_texts(reader)
    for i, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if page.rotation % 180:
            width, height = height, width
        assert width > height and round(width) == 842 and round(height) == 595, f"page {i} is not landscape A4: {width} x {height}"
        assert re.search(rf"Page {i} of {len(texts)}\b", texts[i - 1]), f"page {i} has no page number: {texts[i - 1][-80:]!r}"
    sheets = [sheet_of(t, guide) for t in texts]
    # the sheets in order, each on pages of its own in one run
    runs = [name for n, name in enumerate(sheets) if n == 0 or sheets[n - 1] != name]
    assert runs == [xlsx.ABOUT, *(f"{lv.title} level" for lv in guide.levels), xlsx.SUMMARY], runs
    assert sheets.count(xlsx.ABOUT) == 1 and sheets.count(xlsx.SUMMARY) == 1
    for level in guide.levels:
        first = texts[sheets.index(f"{level.title} level")]
        assert first.startswith(f"{level.title} level {guide.meta.title} benchmark")  # the print header
        assert f"{level.title} level: {guide.meta.title} benchmark, data version {guide.meta.version}" in first  # the sheet's title


def test_libreoffice_repeats_the_headings_and_key_and_never_splits_the_columns(printed, guide):
    readers, _ = printed
    texts = page_texts(readers["benchmark"])
    sheets = [sheet_of(t, guide) for t in texts]
    unrated = guide.rating(m.UNRATED).label
    for level in guide.levels:
        pages = [t for t, s in zip(texts, sheets) if s == f"{level.title} level"]
        assert 1 < len(pages) < 12, (level.title, len(pages))  # several pages tall, and not many more than the rows need
        ids = re.compile(rf"\b{re.escape(level.code)}-[A-Z]+-\d+(?:\.\d+)?\b")
        seen = []
        for n, text in enumerate(pages, start=1):
            where = f"{level.title}, page {n} of {len(pages)}"
            # the heading row on every page, the first and the last column's titles together
            assert all(name in text for name, _ in xlsx.COLUMNS), (where, [name for name, _ in xlsx.COLUMNS if name not in text])
            assert text.index(xlsx.COLUMNS[0][0]) < text.index(xlsx.COLUMNS[-1][0]), where
            assert all(f"{r.label}: {r.meaning}" in text for r in guide.ratings), where  # the key too
            on_page = ids.findall(text)
            # every row on this page has its rating on this page: the columns were not split
            assert text.count(unrated) == len(on_page) + 1, (where, text.count(unrated), len(on_page))  # (+1: the key)
            seen += on_page
        assert seen == [w[0] for w in expected_rows(guide, level)]  # every row printed once, in order


def test_libreoffice_prints_no_text_off_the_page(printed):
    readers, _ = printed
    for n, page in enumerate(readers["benchmark"].pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        off: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                if not (0 <= x < width and 0 <= y <= height):
                    off.append((text[:40], round(x), round(y)))

        page.extract_text(visitor_text=visit)
        assert not off, (n, off[:5])


def test_libreoffice_computes_the_summary_counts_of_standards_and_indicators(printed, guide):
    readers, counts = printed
    texts = page_texts(readers["rated"])
    summary = " ".join(t for t in texts if sheet_of(t, guide) == xlsx.SUMMARY)
    for (name, what), numbers in counts.items():
        row = f"{name} {what} " + " ".join(str(n) for n in (*numbers, sum(numbers)))
        if len(name) <= 40:  # a longer title wraps in its cell, and the PDF's text splits it
            assert row in summary, (row, summary[:600])
    level = guide.levels[0]
    indicators = sum(len(s.indicators) for s in level.standards)
    assert sum(counts[(level.title, "Indicators")]) == indicators
    assert all(counts[(level.title, what)][:4].count(0) < 2 for what in ("Standards", "Indicators"))  # most ratings used
