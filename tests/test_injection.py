"""Every value from ``standards/`` is inert everywhere it reaches (issue 15, "Injection").

One copy of the project gets a set of attack payloads (a script, an ``img`` with ``onerror``,
an ``svg`` with ``onload``, an attribute breakout ``">``, a ``javascript:`` link in Markdown, Jinja,
a spreadsheet formula) appended to every text field of the first record of every record kind
(chosen from the record declarations, so a new text field is covered without editing this file),
and is built strictly once. Then:

- the built HTML is parsed (never grepped): no element carries an event handler or a
  ``javascript:`` link, no inline script holds a payload, the page ``<title>``, header,
  ``<meta name="description">`` and tag chips show the payload as text, Jinja is not evaluated;
- the search index (Pagefind's records) holds the payload as the text the page showed;
- the downloads carry it as text: the checklist PDF prints it, the xlsx has it in string cells
  (never a formula), the CSV guards it, the JSON is data;
- in Chromium, the standard's page, the level page, /tags/, search results, the assessment and
  the language checker open with no dialog and no live payload element in the DOM.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import re
import threading
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader

from macros.data.schema import FILES
from support import pagefind_records

# Each one-off number ({n}) tells which field a payload that got through came from.
PAYLOADS = (
    '<script>alert("s{n}")</script>',
    '<img src=x onerror=alert("i{n}")>',
    '<svg onload=alert("v{n}")>',
    '"><script>alert("b{n}")</script>',
    "[click](javascript:alert('j{n}'))",
    "{{{{ 7*7 }}}}-{n} {{% raw %}}",
    '=HYPERLINK("http://evil.example/","x{n}")',
)
TEXT_KINDS = ("text", "text_list")


def _payload(n: int, room: int | None, lead: int | None = None) -> str:
    """All payloads numbered ``n``, led by payload ``lead`` (by default each field another one, so
    "=…" leads some), or as many as fit in ``room`` characters (at least the leading one)."""
    every = [p.format(n=n) for p in PAYLOADS]
    first = n % len(every) if lead is None else lead
    every = every[first:] + every[:first]
    if room is None:
        return " ".join(every)
    chosen = [every[0]]
    for p in every[1:]:
        if len(" ".join(chosen + [p])) <= room:
            chosen.append(p)
    return " ".join(chosen)


FORMULA = len(PAYLOADS) - 1  # a title starts with the formula: the xlsx and CSV give titles cells of their own


def _poison(record: dict, spec, counter: list[int], fields: list[str]) -> None:
    for field in spec.fields:
        if field.kind not in TEXT_KINDS or field.pattern is not None or field.name not in record:
            continue
        counter[0] += 1
        n = counter[0]
        limit = field.max_length
        if field.kind == "text":
            value = str(record[field.name])
            room = None if limit is None else max(limit - 12, 40)
            payload = _payload(n, room, FORMULA if field.name == "title" else None)
            keep = value[: max(0, (limit or 10**9) - len(payload) - 1)]
            record[field.name] = f"{payload} {keep}".strip()
        else:
            items = list(record[field.name])
            items[0] = f"{_payload(n, None if limit is None else max(limit - len(items[0]) - 1, 40))} {items[0]}"
            record[field.name] = items
        fields.append(f"{spec.kind}.{field.name}")
    for field in spec.fields:
        if field.kind == "records" and record.get(field.name):
            _poison(record[field.name][0], field.records, counter, fields)


def poison_project(project: Path) -> list[str]:
    """Append the payloads to every text field of the first record of each kind; returns the fields."""
    counter, fields = [0], []
    for file_spec in FILES:
        for path in sorted((project / "standards").glob(file_spec.pattern))[:1]:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            first = data if file_spec.single else data[0]
            _poison(first, file_spec.spec, counter, fields)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    # The payloads are not language findings, but rewriting the YAML drops the comments that
    # mark quotations on purpose; the checker is not what this test is about.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - practice-guide\n", "  - practice-guide:\n      language_check: false\n", 1), encoding="utf-8")
    return fields


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory, build_site):
    from support import copy_project

    project = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
    fields = poison_project(project)
    out = project.parent / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, fields


def _first_standard(site: Path) -> str:
    """The standard whose fields were poisoned: the first of the first benchmark file."""
    project = site.parent / "project"
    first_file = sorted((project / "standards").glob("benchmark/*.yml"))[0]
    return yaml.safe_load(first_file.read_text(encoding="utf-8"))[0]["id"]


def _tagged_standard(site: Path) -> str:
    """A standard of the first level and the first theme (both poisoned): its tag chips show them."""
    project = site.parent / "project"
    level = yaml.safe_load((project / "standards" / "levels.yml").read_text(encoding="utf-8"))[0]["id"]
    theme = yaml.safe_load((project / "standards" / "themes.yml").read_text(encoding="utf-8"))[0]["id"]
    for path in sorted((project / "standards").glob("benchmark/*.yml")):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")):
            if record["level"] == level and record["theme"] == theme:
                return record["id"]
    raise AssertionError("no standard of the first level and theme")


# ---- the built HTML ---------------------------------------------------------------------


def test_every_text_field_of_every_record_kind_is_poisoned(poisoned):
    _, fields = poisoned
    for expected in ("standard.title", "standard.statement", "standard.indicators", "theme.title", "level.summary", "quote.text", "meta.title"):
        assert expected in fields
    assert len(fields) >= 30


def test_no_payload_is_live_in_any_built_page(poisoned):
    site, _ = poisoned
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site)
        for el in soup.find_all(True):
            handlers = [a for a in el.attrs if a.lower().startswith("on")]
            assert not handlers, (where, str(el)[:120])
            for attr in ("href", "src", "action", "formaction", "xlink:href"):
                assert not str(el.get(attr, "")).strip().lower().startswith("javascript:"), (where, str(el)[:120])
        for script in soup.find_all("script"):
            assert "alert(" not in (script.string or ""), (where, script.string[:80])
        assert not soup.find_all(["svg"], attrs={"onload": True}), where
        # Jinja in the data is text, never evaluated
        assert not soup.find_all(string=re.compile(r"\b49-\d+")), where


def test_the_page_head_and_header_show_the_payload_as_text(poisoned):
    site, _ = poisoned
    sid = _first_standard(site)
    soup = BeautifulSoup((site / "benchmark" / sid / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "<" in soup.title.get_text() and soup.title.get_text().startswith(sid)
    assert len(soup.find_all("meta", attrs={"name": "description"})) == 1
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert '"><script>alert(' in description  # the breakout stayed inside the attribute
    header = " ".join(t.get_text(" ", strip=True) for t in soup.select(".md-header__topic .md-ellipsis"))
    assert sid in header and "alert(" in header
    tagged = BeautifulSoup((site / "benchmark" / _tagged_standard(site) / "index.html").read_text(encoding="utf-8"), "html.parser")
    chips = [t.get_text() for t in tagged.select(".md-tag")]
    assert len(chips) == 2 and all("alert(" in c for c in chips), chips  # the theme's and the level's titles, as text


def test_the_search_index_holds_the_payload_as_plain_text(poisoned):
    # Pagefind indexes the text of the built pages: a payload that the page showed as text is
    # in its record word for word, markup and all; one that had become an element would not be
    # (its tag is not text). The search box then shows it as text (the Chromium test below).
    site, _ = poisoned
    records = pagefind_records(site)
    content = " ".join(r["content"] for r in records)
    titles = [r["meta"].get("title", "") for r in records]
    assert '<img src=x onerror=alert("i' in content and "<svg onload=alert(" in content
    assert any(t.startswith(_first_standard(site)) and "alert(" in t for t in titles), titles[:5]


# ---- the downloads ----------------------------------------------------------------------


def test_the_checklist_pdf_prints_the_payload_as_text(poisoned):
    site, _ = poisoned
    pdf = next(p for p in sorted((site / "downloads").glob("*.pdf")) if "checklist" in p.name)
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "onerror=alert(" in " ".join(text.split())


def test_no_data_value_becomes_a_spreadsheet_formula(poisoned):
    site, _ = poisoned
    wb = load_workbook(site / "downloads" / "benchmark.xlsx")
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    # only the Summary's own counts are formulas; a sheet name from the data sits in quotes in them
                    formula = re.sub(r"'(?:[^']|'')*'", "''", str(cell.value))
                    assert ws.title == "Summary" and formula.startswith(("=COUNT", "=SUM", "=IF")), (ws.title, cell.coordinate, cell.value)
                    assert "HYPERLINK" not in formula.upper(), (ws.title, cell.coordinate, cell.value)
                elif isinstance(cell.value, str) and cell.value.startswith("=HYPERLINK"):
                    seen += 1
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value[:80])
    assert seen


def test_no_csv_cell_starts_with_a_formula_character(poisoned):
    site, _ = poisoned
    for path in sorted((site / "downloads").glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert rows
        for row in rows:
            for value in row:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, value[:80])
    assert any("HYPERLINK" in v for p in (site / "downloads").glob("*.csv") for v in p.read_text(encoding="utf-8-sig").split(","))


# ---- in Chromium ------------------------------------------------------------------------

LIVE = """() => [...document.querySelectorAll('*')].filter(el =>
    [...el.attributes].some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value) && a.name !== 'href'))
    .map(el => el.outerHTML.slice(0, 120))"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def poisoned_url(poisoned):
    site, _ = poisoned
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_no_dialog_and_no_live_payload_in_chromium(browser, poisoned, poisoned_url):
    site, _ = poisoned
    sid = _first_standard(site)
    level = sid.split("-")[0]
    level_page = next(p.parent.name for p in (site / "benchmark").glob("*/index.html") if "-" not in p.parent.name)
    context = browser.new_context(base_url=poisoned_url, service_workers="block")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for url in (f"benchmark/{sid}/", f"benchmark/{level_page}/", "tags/", "language-checker/", "parent-voice/", "benchmark/"):
            page.goto(url)
            page.wait_for_load_state("load")
            assert page.evaluate(LIVE) == [], url
        assert level  # the level of the first standard has a page
        # search results show titles and excerpts from the index: as text
        page.goto(f"benchmark/{sid}/")
        page.keyboard.press("/")
        page.locator("#pg-search-q").fill("click alert")
        page.wait_for_selector("#pg-search-results li", timeout=15000)
        shown = page.locator("#pg-search-results").inner_text()
        assert "alert(" in shown and ("<script>" in shown or "<img" in shown or "<svg" in shown), shown[:300]
        assert page.evaluate(LIVE) == []
        assert page.locator("#pg-search-results :is(img, svg, script, a[href^='javascript'])").count() == 0
        # the assessment shows every standard's title from assessment.json
        page.goto("assessment/")
        page.wait_for_load_state("load")
        start = page.get_by_role("button", name=re.compile("new assessment", re.I))
        if start.count():
            start.first.click()
        page.wait_for_function("document.body.innerText.includes('alert(')", timeout=15000)
        assert page.evaluate(LIVE) == []
        assert page.locator("main img[src='x'], main svg[onload]").count() == 0
        assert page.evaluate("[...document.scripts].filter(s => s.text.includes('alert(')).length") == 0
        # the language checker lists the guide's entries and what to say instead
        page.goto("language-checker/")
        box = page.locator("textarea").first
        box.fill("We spoke to the parents today.")
        page.wait_for_timeout(300)
        assert page.evaluate(LIVE) == []
        assert dialogs == []
    finally:
        context.close()
