"""The benchmark as a spreadsheet (``registry.XLSX``), made with openpyxl.

One sheet per level, ready to rate: a row per standard and, under it, a row per indicator
("What good looks like"), so each can be rated on its own. Every rating cell has a dropdown
(the words of ``guide.ratings``, from ``standards/ratings.yml``: :func:`ratings`) and colour
rules (the rating is always written in words too, so colour is never the only signal), and
there are columns for evidence, actions, owner and review date. A key above the table gives
each rating's meaning, word for word from the data. A Summary sheet counts the ratings of
standards and of indicators by level and by theme with COUNTIFS formulas over the level
sheets, so it updates as a partnership fills them in.

Printing (a training room prints the sheets): every sheet is landscape A4 and fits one page
wide, as many pages tall as it needs; the level sheets repeat the key and the header row on
every page; the print header names the sheet and the footer says "Page n of m". Row
heights are estimated from the longest wrapped cell (:func:`fit_height`): LibreOffice does not
grow a row for wrapped text in a file it opens (the lines ran into the next row), and a height
written in the file holds in every program.

Links from each standard's ID to its page only when the site's address is known (``site_url``
in ``mkdocs.yml``): then they are absolute and work wherever the file is opened. Without it
there is no link at all, since a relative one breaks as soon as the file is downloaded; the
About sheet says where to find the pages instead.

Deterministic: the workbook's created and modified times and every zip entry's time are set
from the data's version date, so the same data gives a byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..data import model as m
from ..data.dates import long_date
from ..web.routes import url_of

NOT_ASSESSED = m.UNRATED  # the rating every row starts with
STANDARD, INDICATOR = "Standard", "Indicator"  # the words of the Type column, which the Summary counts by
# (header, width in characters): the columns of every level sheet, in order. Their widths add
# up to what fits across a landscape A4 page at about three quarters of full size in Excel.
COLUMNS = (
    ("ID", 17),  # STR-PARTNER-03.4 on one line
    ("Type", 10),
    ("Theme", 14),
    ("Title", 20),
    ("Statement", 30),
    ("What good looks like", 30),
    ("Rating", 14),
    ("Evidence", 20),
    ("Actions", 20),
    ("Owner", 10),
    ("Review date", 11),
)
COL = {name: get_column_letter(i) for i, (name, _) in enumerate(COLUMNS, start=1)}
WIDTH = {get_column_letter(i): width for i, (_, width) in enumerate(COLUMNS, start=1)}
STAMP_ROW, KEY_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
SUMMARY_HEADER_ROW = 3
ABOUT_WIDTH = 100
ABOUT, SUMMARY = "About this workbook", "Summary"  # the print headers of those two sheets
# fills for the colour rules and the key, keyed on the rating's ID: light enough for black text
# to keep its contrast ("not yet assessed" has none)
FILLS = {
    "red": "F4C7C3",
    "amber": "FCE8B2",
    "green": "B7E1CD",
    "not_applicable": "D9D9D9",
}
HEADER_FILL = PatternFill("solid", start_color="D9E2F3", end_color="D9E2F3")  # the header rows
STANDARD_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")  # sets a standard apart from its indicators
GRID = Side(style="thin", color="A6A6A6")
BORDER = Border(left=GRID, right=GRID, top=GRID, bottom=GRID)  # printed, so a rating can be written in by hand
WRAP = Alignment(wrap_text=True, vertical="top")
# Named, so that LibreOffice without Calibri falls back to a sans-serif font for bold text too
FONT = "Calibri"
BOLD = Font(name=FONT, bold=True)
TITLE_FONT = Font(name=FONT, bold=True, size=12)
LINK_FONT = Font(name=FONT, bold=True, underline="single", color="0563C1")
# Row heights: a line of 11-point text takes about 15 points. A column N characters wide holds
# fewer than N characters of wrapped prose (words do not break, and LibreOffice may draw with
# a wider font than Calibri), so the estimate counts on CHARS_PER_WIDTH of them, less a word's end.
LINE_HEIGHT = 15
CHARS_PER_WIDTH = 1.0
WORD_END = 2
MAX_ROW_HEIGHT = 409  # points: the most Excel allows (a 4,000-character statement would need more)
# inches: narrow enough to leave room for the table, wide enough for any printer
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}
HEADER_FOOTER_PART = 100  # characters a part: two parts and their codes stay within the 255 Excel allows


def ratings(guide: m.Guide) -> tuple[str, ...]:
    """The words of the rating dropdown, in the order of ``standards/ratings.yml``."""
    return tuple(r.label for r in guide.ratings)


def key(guide: m.Guide) -> tuple[tuple[m.Rating, str], ...]:
    """Each rating with its entry in the key, ``Green: in place and evidenced``: the label and
    the meaning word for word from ``standards/ratings.yml``, so the workbook has one vocabulary."""
    return tuple((r, f"{r.label}: {r.meaning}") for r in guide.ratings)


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


def row_count(guide: m.Guide, level: m.Level) -> int:
    """The rows of a level sheet's table: one per standard and one per indicator."""
    return sum(1 + len(s.indicators) for s in guide.standards_for(level))


def indicator_id(standard: m.Standard, n: int) -> str:
    """``STR-LISTEN-01.2``: the second indicator of STR-LISTEN-01, so a sorted or filtered row
    still says which standard it belongs to."""
    return f"{standard.id}.{n}"


def data_range(guide: m.Guide, level: m.Level, column: str, names: dict[str, str]) -> str:
    """The absolute range of one column of a level sheet's table (standards and indicators), for formulas."""
    last = FIRST_ROW + row_count(guide, level) - 1
    return f"{quote_sheetname(names[level.id])}!${COL[column]}${FIRST_ROW}:${COL[column]}${last}"


def stamp(meta: m.Meta) -> str:
    return f"{meta.title} benchmark, data version {meta.version} of {long_date(meta.date)}"


def standard_link(standard: m.Standard, site_url: str) -> str | None:
    """The absolute address of the standard's page, or None without ``site_url``: a relative
    link works only from the published site and breaks in a downloaded copy."""
    if site_url:
        return site_url.rstrip("/") + "/" + url_of(standard)
    return None


def print_title(level: m.Level) -> str:
    """The print header's name for a level sheet, ``Strategic level``, on every printed page."""
    return f"{level.title} level"


def _header_footer_text(text: str) -> str:
    """``text`` for a print header or footer: "&" doubled (alone it starts a code such as &P),
    and cut short so the whole header stays within Excel's limit."""
    if len(text) > HEADER_FOOTER_PART:
        text = text[: HEADER_FOOTER_PART - 1].rstrip() + "…"
    return text.replace("&", "&&")


def lines(text: object, width: float, bold: bool = False) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide."""
    if text is None or text == "":
        return 1
    per_line = max(1, int(width * CHARS_PER_WIDTH * (0.9 if bold else 1)) - WORD_END)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def fit_height(ws: Worksheet, row: int, widths: dict[str, float], size: float = 11) -> None:
    """Set the row's height from its longest wrapped cell, so wrapped text never runs into the
    next row when the sheet is opened or printed."""
    most = max(
        (lines(c.value, widths.get(c.column_letter, 8.43), bool(c.font and c.font.b)) for c in ws[row] if c.value is not None),
        default=1,
    )
    ws.row_dimensions[row].height = min(most * LINE_HEIGHT * size / 11 + 3, MAX_ROW_HEIGHT)


def _print_setup(ws: Worksheet, name: str, meta: m.Meta, title_rows: str | None = None) -> None:
    """Landscape A4, one page wide and as many tall as it takes, the header rows on every page,
    and a print header and footer that say which sheet and which page a loose sheet of paper is.
    Every sheet is landscape, so the whole workbook prints in one go."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as it needs
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(**MARGINS)
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.left.text = _header_footer_text(name)
    ws.oddHeader.left.font = f"{FONT},Bold"
    ws.oddHeader.right.text = _header_footer_text(f"{meta.title} benchmark")
    ws.oddFooter.left.text = _header_footer_text(f"Data version {meta.version} of {long_date(meta.date)}")
    ws.oddFooter.right.text = "Page &P of &N"
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
        part.size = 9


def _key_row(ws: Worksheet, guide: m.Guide, row: int) -> None:
    """The key to the ratings, one cell per rating in its colour (and in words)."""
    label = ws.cell(row, 1, "Key to the ratings")
    label.font = BOLD
    label.alignment = WRAP
    for i, (rating, text) in enumerate(key(guide), start=2):
        cell = ws.cell(row, i, text)
        cell.alignment = WRAP
        cell.border = BORDER
        if rating.id in FILLS:
            cell.fill = PatternFill("solid", start_color=FILLS[rating.id], end_color=FILLS[rating.id])


def _level_sheet(wb: Workbook, guide: m.Guide, level: m.Level, site_url: str, name: str) -> None:
    ws = wb.create_sheet(name)
    ws.cell(STAMP_ROW, 1, f"{level.title} level: {stamp(guide.meta)}").font = TITLE_FONT
    _key_row(ws, guide, KEY_ROW)
    fit_height(ws, KEY_ROW, WIDTH)
    for i, (header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, i, header)
        cell.font = BOLD
        cell.alignment = WRAP
        cell.fill = HEADER_FILL
        cell.border = BORDER
        ws.column_dimensions[get_column_letter(i)].width = width
    fit_height(ws, HEADER_ROW, WIDTH)
    unrated = guide.rating(NOT_ASSESSED).label
    r = FIRST_ROW
    for s in guide.standards_for(level):
        rows = [{"ID": s.id, "Type": STANDARD, "Theme": s.theme.title, "Title": s.title, "Statement": s.statement}]
        rows += [
            {"ID": indicator_id(s, n), "Type": INDICATOR, "Theme": s.theme.title, "What good looks like": text}
            for n, text in enumerate(s.indicators, start=1)
        ]
        for values in rows:
            standard = values["Type"] == STANDARD
            values["Rating"] = unrated
            for i, (header, _) in enumerate(COLUMNS, start=1):
                cell = ws.cell(r, i, values.get(header))
                cell.alignment = WRAP
                cell.border = BORDER
                if standard:
                    cell.fill = STANDARD_FILL
            if standard:
                ws[f"{COL['Title']}{r}"].font = BOLD
                id_cell = ws[f"{COL['ID']}{r}"]
                link = standard_link(s, site_url)
                if link:
                    id_cell.hyperlink = link
                    id_cell.font = LINK_FONT
                else:
                    id_cell.font = BOLD
            ws[f"{COL['Review date']}{r}"].number_format = "yyyy-mm-dd"
            fit_height(ws, r, WIDTH)
            r += 1
    last = r - 1
    ws.freeze_panes = f"B{FIRST_ROW}"
    _print_setup(ws, print_title(level), guide.meta, title_rows=f"{KEY_ROW}:{HEADER_ROW}")
    if last < FIRST_ROW:
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
            CellIsRule(
                operator="equal",
                formula=[f'"{guide.rating(rating_id).label}"'],
                fill=PatternFill("solid", start_color=colour, end_color=colour),
                font=Font(bold=True, color="000000"),
            ),
        )


def _about_sheet(wb: Workbook, guide: m.Guide, site_url: str) -> None:
    ws = wb.active
    ws.title = "About"
    # LibreOffice shrinks a sheet to fit the page only when it has more than one column, so the
    # one column of this sheet must fit across a landscape page at full size
    width = ABOUT_WIDTH
    ws.column_dimensions["A"].width = width
    paragraphs = [
        (stamp(guide.meta), Font(name=FONT, bold=True, size=14)),
        (f"Published by {guide.meta.publisher}.", None),
        ("", None),
        ("How to use this workbook", BOLD),
        ("Each level has its own sheet, with a row for every standard and, under it, a row for each of its indicators "
         "(what good looks like). Rate each standard and each indicator in the Rating column "
         f"({either(ratings(guide))}), and record your evidence, actions, owner and review date.", None),
        ("The Summary sheet counts the ratings of standards and of indicators by level and by theme, "
         "and updates as you fill in the level sheets.", None),
        ("Involve parents in deciding the ratings. Do not add any information that identifies a child or a family.", None),
        ("Every sheet prints on A4, one page wide; the level sheets repeat the key and the column headings on every page.", None),
        ("", None),
        ("The ratings", BOLD),
        *((text, None) for _, text in key(guide)),
        ("", None),
        ("Links", BOLD),
        (f"Each standard's ID links to its page at {site_url}." if site_url else
         "The IDs are not links: this copy was made without the site's address. Find each standard on the "
         "guide's site under Benchmark, by its ID.", None),
        ("Never change an ID: it is the key of the standard on the site and in saved assessments.", None),
    ]
    for r, (text, font) in enumerate(paragraphs, start=1):
        cell = ws.cell(r, 1, text or None)
        cell.alignment = WRAP
        if font:
            cell.font = font
        fit_height(ws, r, {"A": width}, size=font.sz if font and font.sz else 11)
    _print_setup(ws, ABOUT, guide.meta)


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


COUNTED = (("Standards", STANDARD), ("Indicators", INDICATOR))  # the Summary's column B, and the Type each counts


def _summary_sheet(wb: Workbook, guide: m.Guide, names: dict[str, str], formulas: set) -> None:
    """Two rows for each level and each theme, one counting standards and one indicators, under
    one header row that stays in view (frozen) while the partnership scrolls."""
    words = ratings(guide)
    ws = wb.create_sheet("Summary")
    widths = {"A": 40, "B": 12, **{get_column_letter(i): 15 for i in range(3, len(words) + 4)}}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.cell(1, 1, f"Summary: {stamp(guide.meta)}").font = TITLE_FONT
    levels = [lv for lv in guide.levels if guide.standards_for(lv)]
    for i, text in enumerate(("Level or theme", "Counting", *words, "Total"), start=1):
        cell = ws.cell(SUMMARY_HEADER_ROW, i, text)
        cell.font = BOLD
        cell.alignment = WRAP
        cell.fill = HEADER_FILL
        cell.border = BORDER
    fit_height(ws, SUMMARY_HEADER_ROW, widths)

    def section(row: int, title: str) -> int:
        ws.cell(row, 1, title).font = TITLE_FONT
        ws.row_dimensions[row].height = 20
        return row + 1

    def counts(row: int, what: str, terms) -> None:
        """One row: ``terms(rating)`` is the list of COUNTIFS conditions for a rating (None: any)."""
        ws.cell(row, 2, what)
        fit_height(ws, row, widths)  # before the formulas, whose text is not what the cell shows
        for i, rating in enumerate((*words, None), start=3):
            parts = terms(rating)
            if parts:
                _formula(ws, row, i, "=" + "+".join(f"COUNTIFS({p})" for p in parts), formulas)
            else:
                ws.cell(row, i, 0)
        for c in ws[row][: len(words) + 3]:
            c.border = BORDER
            c.alignment = WRAP

    row = section(SUMMARY_HEADER_ROW + 1, "Ratings by level")
    for lv in levels:
        for what, kind in COUNTED:
            ws.cell(row, 1, lv.title)

            def by_level(rating, lv=lv, kind=kind):
                rated = f',{data_range(guide, lv, "Rating", names)},{_criterion(rating)}' if rating else ""
                return [f'{data_range(guide, lv, "Type", names)},{_criterion(kind)}{rated}']

            counts(row, what, by_level)
            row += 1
    row = section(row + 1, "Ratings by theme (all levels)")
    for th in guide.themes:
        for what, kind in COUNTED:
            ws.cell(row, 1, th.title)

            def by_theme(rating, row=row, kind=kind):
                # the theme's title is the criterion, read from column A of this row
                return [
                    f'{data_range(guide, lv, "Theme", names)},$A${row},{data_range(guide, lv, "Type", names)},{_criterion(kind)}'
                    + (f',{data_range(guide, lv, "Rating", names)},{_criterion(rating)}' if rating else "")
                    for lv in levels
                ]

            counts(row, what, by_theme)
            row += 1
    ws.freeze_panes = f"A{SUMMARY_HEADER_ROW + 1}"
    _print_setup(ws, SUMMARY, guide.meta, title_rows=f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW}")


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
