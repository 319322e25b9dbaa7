"""The benchmark as a spreadsheet (``registry.XLSX``), made with openpyxl.

One sheet per level with a row per standard, ready to rate: the rating column has a dropdown
(the words of ``guide.ratings``, from ``standards/ratings.yml``: :func:`ratings`) and colour
rules (the rating is always written in words too, so colour is never the only signal), and there are columns for evidence, actions, owner and review date.
A Summary sheet counts the ratings by level and by theme with COUNTIF/COUNTIFS formulas over
the level sheets, so it updates as a partnership fills them in.

Links from each ID to the standard's page: when the site's address is known (``site_url`` in
``mkdocs.yml``) they are absolute, so they work wherever the downloaded file is opened.
Without it no absolute address exists, so they are relative to where the file sits on the
site (``downloads/benchmark.xlsx`` -> ``../benchmark/<ID>/``): they work when the file is
opened from the published site or from a copy of the whole built site, and the About sheet
says so. Set ``site_url`` before publishing.

Deterministic: the workbook's created and modified times and every zip entry's time are set
from the data's version date, so the same data gives a byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from ..data import model as m
from ..web.routes import relative, url_of

WHERE = "downloads/"  # the folder the file is published in (registry.FOLDER), for relative links

NOT_ASSESSED = m.UNRATED  # the rating every row starts with
# (header, width): the columns of every level sheet, in order
COLUMNS = (
    ("ID", 18),
    ("Theme", 24),
    ("Title", 34),
    ("Statement", 50),
    ("What good looks like", 60),
    ("Rating", 18),
    ("Evidence", 40),
    ("Actions", 40),
    ("Owner", 20),
    ("Review date", 14),
)
COL = {name: get_column_letter(i) for i, (name, _) in enumerate(COLUMNS, start=1)}
STAMP_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
# fills for the colour rules, keyed on the rating's ID: light enough for black text to keep its
# contrast ("not yet assessed" has none)
FILLS = {
    "red": "F4C7C3",
    "amber": "FCE8B2",
    "green": "B7E1CD",
    "not_applicable": "D9D9D9",
}
WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def ratings(guide: m.Guide) -> tuple[str, ...]:
    """The words of the rating dropdown, in the order of ``standards/ratings.yml``."""
    return tuple(r.label for r in guide.ratings)


def either(words: tuple[str, ...]) -> str:
    """``Red, Amber or Green``."""
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


SHEET_NAME = 31  # Excel's limit on a sheet name
RESERVED = {"about", "summary", "history"}  # the workbook's own sheets; "History" is Excel's


def sheet_titles(levels: tuple[m.Level, ...] | list[m.Level]) -> dict[str, str]:
    """Each level's sheet name, by level ID: its title without the characters Excel refuses in
    a sheet name ([]:*?/\\ and a leading or trailing apostrophe), at most 31 characters, and
    unique (Excel compares names without case): a clash gets " (2)", " (3)"… within the limit,
    so the Summary's formulas never count the wrong sheet."""
    names: dict[str, str] = {}
    taken = set(RESERVED)
    for level in levels:
        base = "".join(ch for ch in level.title if ch not in "[]:*?/\\" and ch.isprintable()).strip().strip("'").strip()
        base = base[:SHEET_NAME].rstrip() or level.id[:SHEET_NAME]
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names[level.id] = name
    return names


def data_range(level: m.Level, column: str, names: dict[str, str]) -> str:
    """The absolute range of one column of a level sheet's standard rows, for formulas."""
    last = FIRST_ROW + len(level.standards) - 1
    return f"{quote_sheetname(names[level.id])}!${COL[column]}${FIRST_ROW}:${COL[column]}${last}"


def stamp(meta: m.Meta) -> str:
    d = dt.date.fromisoformat(str(meta.date))
    return f"{meta.title} benchmark, data version {meta.version} of {d.day} {d.strftime('%B')} {d.year}"


def standard_link(standard: m.Standard, site_url: str) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + url_of(standard)
    return relative(url_of(standard), WHERE)


def _level_sheet(wb: Workbook, guide: m.Guide, level: m.Level, site_url: str, name: str) -> None:
    ws = wb.create_sheet(name)
    ws.cell(STAMP_ROW, 1, f"{level.title} level: {stamp(guide.meta)}").font = Font(bold=True, size=12)
    for i, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, i, name)
        cell.font = BOLD
        cell.alignment = WRAP
        ws.column_dimensions[get_column_letter(i)].width = width
    standards = [s for th in guide.themes for s in guide.standards_for(level, th)]
    for r, s in enumerate(standards, start=FIRST_ROW):
        values = {
            "ID": s.id,
            "Theme": s.theme.title,
            "Title": s.title,
            "Statement": s.statement,
            "What good looks like": "\n".join(f"• {i}" for i in s.indicators),
            "Rating": guide.rating(NOT_ASSESSED).label,
        }
        for i, (name, _) in enumerate(COLUMNS, start=1):
            cell = ws.cell(r, i, values.get(name))
            cell.alignment = WRAP
        id_cell = ws[f"{COL['ID']}{r}"]
        id_cell.hyperlink = standard_link(s, site_url)
        id_cell.style = "Hyperlink"
        id_cell.alignment = WRAP
        ws[f"{COL['Review date']}{r}"].number_format = "yyyy-mm-dd"
    last = FIRST_ROW + len(standards) - 1
    ws.freeze_panes = f"B{FIRST_ROW}"
    if not standards:
        return
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{last}"
    rating_cells = f"{COL['Rating']}{FIRST_ROW}:{COL['Rating']}{last}"
    choose = DataValidation(
        type="list",
        formula1='"' + ",".join(ratings(guide)) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Rating",
        error=f"Choose {either(ratings(guide))}.",
        promptTitle="Rating",
        prompt="Choose a rating from the list.",
        showInputMessage=True,
    )
    choose.add(rating_cells)
    ws.add_data_validation(choose)
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 1 January 2000
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Review date",
        error="Enter a date, for example 2027-03-31.",
    )
    dates.add(f"{COL['Review date']}{FIRST_ROW}:{COL['Review date']}{last}")
    ws.add_data_validation(dates)
    for rating_id, colour in FILLS.items():
        ws.conditional_formatting.add(
            rating_cells,
            CellIsRule(operator="equal", formula=[f'"{guide.rating(rating_id).label}"'], fill=PatternFill("solid", start_color=colour, end_color=colour), font=Font(bold=True, color="000000")),
        )


def _about_sheet(wb: Workbook, guide: m.Guide, site_url: str) -> None:
    ws = wb.active
    ws.title = "About"
    ws.column_dimensions["A"].width = 110
    lines = [
        (stamp(guide.meta), Font(bold=True, size=14)),
        (f"Published by {guide.meta.publisher}.", None),
        ("", None),
        ("How to use this workbook", BOLD),
        ("Each level has its own sheet, with a row for every standard. Rate each standard in the Rating column "
         f"({either(ratings(guide))}), and record your evidence, actions, owner and review date.", None),
        ("The Summary sheet counts the ratings by level and by theme, and updates as you fill in the level sheets.", None),
        ("Involve parents in deciding the ratings. Do not add any information that identifies a child or a family.", None),
        ("", None),
        ("Links", BOLD),
        (f"Each ID links to the standard's page at {site_url}." if site_url else
         "Each ID links to the standard's page relative to where this file sits on the site (../benchmark/<ID>/): "
         "the links work when the file is opened from the site, not from a downloaded copy.", None),
        ("Never change an ID: it is the key of the standard on the site and in saved assessments.", None),
    ]
    for r, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(r, 1, text or None)
        cell.alignment = WRAP
        if font:
            cell.font = font


def _criterion(text: str) -> str:
    """``text`` as a string literal inside a formula ("" for each quotation mark)."""
    return '"' + text.replace('"', '""') + '"'


def _formula(ws, row: int, column: int, text: str, formulas: set) -> None:
    """One of the workbook's own formulas: the only cells :func:`_inert` leaves as formulas."""
    ws.cell(row, column, text)
    formulas.add((ws.title, row, column))


def _inert(wb: Workbook, formulas: set) -> None:
    """Every cell that openpyxl took for a formula (a value from the data starting with "=")
    but that is not one of ours becomes a text cell: the spreadsheet shows it, never runs it."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and (ws.title, cell.row, cell.column) not in formulas:
                    cell.data_type = "s"


def _summary_sheet(wb: Workbook, guide: m.Guide, names: dict[str, str], formulas: set) -> None:
    words = ratings(guide)
    ws = wb.create_sheet("Summary")
    ws.column_dimensions["A"].width = 48
    for i in range(2, len(words) + 3):
        ws.column_dimensions[get_column_letter(i)].width = 16
    ws.cell(1, 1, f"Summary: {stamp(guide.meta)}").font = Font(bold=True, size=12)
    levels = [lv for lv in guide.levels if lv.standards]

    def header(row: int, first: str) -> None:
        for i, text in enumerate((first, *words, "Total"), start=1):
            cell = ws.cell(row, i, text)
            cell.font = BOLD
            cell.alignment = WRAP

    row = 3
    ws.cell(row, 1, "Ratings by level").font = Font(bold=True, size=12)
    header(row + 1, "Level")
    row += 2
    for lv in levels:
        ws.cell(row, 1, lv.title)
        for i, rating in enumerate(words, start=2):
            _formula(ws, row, i, f'=COUNTIF({data_range(lv, "Rating", names)},{_criterion(rating)})', formulas)
        _formula(ws, row, len(words) + 2, f'=COUNTA({data_range(lv, "ID", names)})', formulas)
        row += 1
    row += 1
    ws.cell(row, 1, "Ratings by theme (all levels)").font = Font(bold=True, size=12)
    header(row + 1, "Theme")
    row += 2
    for th in guide.themes:
        ws.cell(row, 1, th.title)
        for i, rating in enumerate((*words, None), start=2):
            # the theme's title is the criterion, read from column A of this row
            terms = [
                f'COUNTIFS({data_range(lv, "Theme", names)},$A${row}'
                + (f',{data_range(lv, "Rating", names)},{_criterion(rating)})' if rating else ")")
                for lv in levels
            ]
            if terms:
                _formula(ws, row, i, "=" + "+".join(terms), formulas)
            else:
                ws.cell(row, i, 0)
        row += 1
    ws.freeze_panes = "B3"


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry dated ``when``, so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def workbook(guide: m.Guide, site_url: str = "") -> Workbook:
    wb = Workbook()
    _about_sheet(wb, guide, site_url)
    names = sheet_titles(guide.levels)
    formulas: set = set()
    for level in guide.levels:
        _level_sheet(wb, guide, level, site_url, names[level.id])
    _summary_sheet(wb, guide, names, formulas)
    _inert(wb, formulas)
    when = dt.datetime.fromisoformat(str(guide.meta.date))
    props = wb.properties
    props.title = f"{guide.meta.title} benchmark"
    props.subject = f"Benchmark, data version {guide.meta.version}"
    props.creator = guide.meta.publisher
    props.lastModifiedBy = guide.meta.publisher
    props.version = guide.meta.version
    props.language = "en-GB"
    props.keywords = f"version {guide.meta.version}"
    props.created = when
    props.modified = when
    return wb


def benchmark_xlsx(guide: m.Guide, site_url: str = "") -> bytes:
    wb = workbook(guide, site_url)
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time as "modified"
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_zip(raw.getvalue(), dt.datetime.fromisoformat(str(guide.meta.date)))
