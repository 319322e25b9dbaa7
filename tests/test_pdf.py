"""The PDFs the build makes (WeasyPrint): content, A4, tagged PDF/UA-1, fonts, determinism,
a clear message when Pango is missing, and long input that still prints in full."""

from __future__ import annotations

import builtins
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from macros.downloads import pdf, registry
from macros.data.load import load_guide

A4 = {(595, 842), (842, 595)}  # points, portrait and landscape


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def squash(text: str) -> str:
    """Text with all white space removed: wrapping inserts line breaks anywhere."""
    return re.sub(r"\s+", "", text)


def all_pdfs(site_dir: Path) -> list[Path]:
    found = sorted((site_dir / "downloads").glob("*.pdf"))
    assert found, "the build made no PDFs"
    return found


def test_each_level_checklist_holds_its_standards_and_no_others(site_dir, guide):
    for level in guide.levels:
        text = text_of(site_dir / "downloads" / registry.checklist_name(level))
        for s in guide.standards:
            if s.level.id == level.id:
                assert s.id in text, f"{s.id} missing from the {level.id} checklist"
                assert squash(s.title) in squash(text)
                for item in s.indicators:
                    assert squash(item) in squash(text), f"{s.id}: indicator missing: {item}"
            else:
                assert s.id not in text, f"{s.id} ({s.level.id}) is in the {level.id} checklist"
        for word in ("Red", "Amber", "Green", "Not applicable", "Evidence", "Actions", "Owner", "Review date"):
            assert word in text


def test_whole_benchmark_checklist_holds_every_standard(site_dir, guide):
    text = text_of(site_dir / "downloads" / registry.checklist_name(None))
    assert all(s.id in text for s in guide.standards)
    assert "Wholebenchmark" in squash(text)


def test_cover_and_every_footer_carry_version_and_page_x_of_y(site_dir, guide):
    reader = PdfReader(site_dir / "downloads" / registry.checklist_name(guide.levels[0]))
    n = len(reader.pages)
    cover = reader.pages[0].extract_text()
    assert guide.levels[0].title in cover and guide.meta.version in cover and pdf.long_date(guide.meta.date) in cover
    for i, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {i} of {n}" in text
        assert f"version {guide.meta.version}" in text


BOX = "\u2610"  # ☐, the box to tick


@pytest.mark.parametrize("which", [0, -1])
def test_a_level_checklist_gives_each_standard_a_page_whole_with_its_boxes(site_dir, guide, which):
    level = guide.levels[which]
    reader = PdfReader(site_dir / "downloads" / registry.checklist_name(level))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) == 1 + len(level.standards)  # the cover (with its contents), then one page a standard
    ratings = guide.given_ratings
    for s, text in zip(level.standards, pages[1:]):
        flat = squash(text)
        assert squash(f"{s.id} {s.title}") in flat, f"{s.id} is not alone on its page"
        for item in s.indicators:
            assert squash(item) in flat, f"{s.id}: an indicator is on another page than its heading"
        for part in (f"Overall rating for {s.id}", "Evidence", "Actions", "Owner:", "Review date:"):
            assert squash(part) in flat, f"{s.id}: {part!r} is split from the standard"
        # a box for each rating on each indicator and the overall row, and the key's own
        assert text.count(BOX) == (len(s.indicators) + 1) * len(ratings) + len(ratings), s.id


def test_every_checklist_page_has_the_header_key_and_footer(site_dir, guide):
    for level in (*guide.levels, None):
        reader = PdfReader(site_dir / "downloads" / registry.checklist_name(level))
        name = f"{level.title} level" if level else "Whole benchmark"
        n = len(reader.pages)
        for i, page in enumerate(reader.pages, start=1):
            flat = squash(page.extract_text())
            assert squash(f"Benchmark checklist: {name}") in flat, (name, i)
            assert squash(f"version {guide.meta.version}") in flat and squash(pdf.long_date(guide.meta.date)) in flat, (name, i)
            assert squash(f"Page {i} of {n}") in flat, (name, i)
            # the key: every rating with its meaning, the words of standards/ratings.yml
            for r in guide.given_ratings:
                assert squash(f"{r.label}: {r.meaning}") in flat, (name, i, r.label)


def test_no_checklist_page_is_left_less_than_half_full(site_dir, guide):
    for level in (*guide.levels, None):
        reader = PdfReader(site_dir / "downloads" / registry.checklist_name(level))
        for i, page in enumerate(reader.pages[:-1], start=1):
            height = float(page.mediabox.height)
            ys: list[float] = []

            def visit(text, cm, tm, font, size, ys=ys):
                if text.strip():
                    ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

            page.extract_text(visitor_text=visit)
            body = [y for y in ys if 70 < y < height - 80]  # not the header or the footer
            assert body and min(body) < height / 2, f"{registry.checklist_name(level)}, page {i}: its content ends in the top half"


def test_the_cover_lists_each_standard_with_the_page_it_is_on(site_dir, guide):
    level = guide.levels[0]
    reader = PdfReader(site_dir / "downloads" / registry.checklist_name(level))
    cover = reader.pages[0].extract_text()
    assert "How to use this checklist in a session" in cover and "Contents" in cover
    for s in level.standards:
        listed = re.search(rf"{re.escape(s.id)}\b.*?(\d+)\s*$", cover, re.M)
        assert listed, f"{s.id} is not in the contents"
        page = int(listed.group(1))
        assert squash(f"{s.id} {s.title}") in squash(reader.pages[page - 1].extract_text()), f"{s.id}: the contents say page {page}"


def test_the_action_plan_fills_its_pages(guide):
    maker = pdf.PdfMaker(cache_dir=None)
    pages = {n: len(PdfReader(io.BytesIO(maker.draw_all([maker.action_plan_job(guide, rows=n)])[0])).pages) for n in (pdf.PdfMaker.PLAN_ROWS, pdf.PdfMaker.PLAN_ROWS + 1)}
    # the template's rows end at the foot of its last page: one more row starts another page
    assert pages[pdf.PdfMaker.PLAN_ROWS] + 1 == pages[pdf.PdfMaker.PLAN_ROWS + 1], pages


def test_briefing_links_print_their_addresses_when_the_site_has_one():
    content = ('<p>See <a href="../../evidence/#SRC-A">the evidence</a> and <a href="https://www.gov.uk/guide">the guidance</a>'
               '<a class="headerlink" href="#why">¶</a>, <a href="#why">above</a>, <a href="https://www.gov.uk/guide">again</a>.</p>')
    maker = pdf.PdfMaker(cache_dir=None)
    meta = load_guide(Path(__file__).resolve().parent.parent / "standards", Path(__file__).resolve().parent.parent).meta
    online = PdfReader(io.BytesIO(maker.draw_all([maker.briefing_job(meta, "T", content, page_url="https://guide.example/briefings/t/")])[0]))
    text = squash("\n".join(p.extract_text() for p in online.pages))
    assert squash("the evidence[1]") in text and squash("the guidance[2]") in text and squash("again[2]") in text
    assert squash("Links in this paper") in text
    assert squash("https://guide.example/evidence/#SRC-A") in text and squash("https://www.gov.uk/guide") in text
    assert squash("above[") not in text  # a link within the page has no address to give
    offline = PdfReader(io.BytesIO(maker.draw_all([maker.briefing_job(meta, "T", content, page_path="briefings/t/")])[0]))
    text = squash("\n".join(p.extract_text() for p in offline.pages))
    # no site address: the link to the site is plain words; the one to GOV.UK still has its address
    assert squash("the evidence and the guidance[1]") in text and squash("https://www.gov.uk/guide") in text
    assert "guide.example" not in text and "evidence/#SRC-A" not in text


def test_pdfs_are_a4_tagged_titled_in_english_with_embedded_fonts(site_dir, guide):
    for path in all_pdfs(site_dir):
        reader = PdfReader(path)
        assert 1 <= len(reader.pages) <= 4 * len(guide.standards) + 4, path.name
        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) in A4, path.name
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], f"{path.name} is not tagged"
        assert root["/Lang"] == "en-GB"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        assert reader.metadata.title and guide.meta.version in reader.metadata.title
        xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r'pdfuaid:part(="|>)1', xmp), f"{path.name} does not declare PDF/UA-1"
        # dated by the data only
        assert reader.metadata["/CreationDate"].startswith("D:" + str(guide.meta.date).replace("-", ""))
        assert reader.metadata["/ModDate"] == reader.metadata["/CreationDate"]
        fonts = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{path.name}: font not embedded"
                fonts.add(str(descendant["/BaseFont"]))
        assert fonts and all("DejaVu" in f for f in fonts), fonts


def test_a_pdf_per_briefing_paper_from_its_rendered_page(site_dir, root):
    papers = [p for p in sorted((root / "docs" / "briefings").glob("*.md")) if p.name != "index.md"]
    assert papers, "no briefing papers in docs/briefings/"
    for paper in papers:
        out = site_dir / "downloads" / registry.briefing_name(f"briefings/{paper.name}")
        text = text_of(out)
        html = (site_dir / "briefings" / paper.stem / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)<", html, re.S).group(1).strip()
        assert squash(title) in squash(text), f"{out.name} lacks its title"
        assert "{{" not in text and "¶" not in text, f"{out.name} shows macro source or permalinks"
        # links work from where the PDF sits (downloads/), not from where the page sits
        uris = [a.get_object()["/A"].get("/URI") for page in PdfReader(out).pages for a in page.get("/Annots", [])]
        relative = [u for u in uris if u and not re.match(r"[a-z]+:", u)]
        assert relative, f"{out.name} has no links to the site"
        for uri in relative:
            target = (site_dir / "downloads" / uri.split("#")[0]).resolve()
            assert (target / "index.html" if uri.split("#")[0].endswith("/") else target).is_file(), f"{out.name}: {uri} leads nowhere"
    # the briefing index page is not a paper
    assert not (site_dir / "downloads" / "briefing-index.pdf").exists()


def test_missing_pango_stops_with_the_debian_packages_named(monkeypatch):
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    assert pdf.load_weasyprint() is not None  # negative control: here Pango is installed
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(pdf.PdfError) as err:
        pdf.PdfMaker()
    message = str(err.value)
    assert "libpango-1.0-0" in message and "libpangoft2-1.0-0" in message and "apt-get install" in message


RENDER = """
import sys
from pathlib import Path
from macros.downloads import pdf, registry
from macros.data.load import load_guide
guide = load_guide(Path(sys.argv[1]) / "standards", Path(sys.argv[1]))
maker = pdf.PdfMaker(cache_dir=None)
sys.stdout.buffer.write(maker.draw_all([maker.checklist_job(guide, guide.levels[-1])])[0])
"""


def render_fresh(project: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(project)}
    return subprocess.run([sys.executable, "-c", RENDER, str(project)], env=env, capture_output=True, check=True, timeout=300).stdout


def test_same_data_gives_byte_identical_pdfs(root, site_dir, guide):
    first = render_fresh(root, "1")
    second = render_fresh(root, "2")
    assert first[:5] == b"%PDF-" and first == second
    # and the build's copy (possibly from the cache) is the same file
    assert (site_dir / "downloads" / registry.checklist_name(guide.levels[-1])).read_bytes() == first


def test_long_statement_and_twenty_indicators_print_in_full(project_copy):
    path = project_copy / "standards" / "benchmark" / "operational.yml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    target = records[0]
    long_word = "Parent" + "s" * 160 + "Unbroken"  # wider than the page: must wrap, not run off
    target["statement"] = " ".join(["Practitioners keep parents informed at every stage of the work."] * 58) + " " + long_word  # near the 4,000-character limit
    target["indicators"] = [f"Indicator number {i:02d}: " + "parents are told what happens next, by whom and when. " * 3 for i in range(1, 21)]
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    guide = load_guide(project_copy / "standards", project_copy)
    standard = guide.standard(target["id"])
    assert len(standard.indicators) == 20
    maker = pdf.PdfMaker(templates_dir=project_copy / "overrides" / "pdf", cache_dir=None)
    out = project_copy / "long.pdf"
    out.write_bytes(maker.draw_all([maker.checklist_job(guide, standard.level)])[0])
    reader = PdfReader(out)
    text = squash("\n".join(p.extract_text() for p in reader.pages))
    assert squash(long_word) in text
    for item in standard.indicators:
        assert squash(item) in text, f"clipped: {item[:30]}"
    assert text.count(squash("Practitioners keep parents informed at every stage of the work.")) == 58
    # every glyph is inside the page: nothing drawn beyond the right or bottom edge
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        xs: list[float] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                xs.append(x)
                assert -1 <= y <= height + 1, f"text drawn off the page: {text!r}"

        page.extract_text(visitor_text=visit)
        assert xs and max(xs) < width, "text starts beyond the right edge"


SITECUSTOMIZE = """
import builtins
import io
_real = builtins.__import__
def _no_pango(name, *args, **kwargs):
    if name == "weasyprint" or name.startswith("weasyprint."):
        raise OSError("cannot load library 'libpango-1.0-0': cannot open shared object file")
    return _real(name, *args, **kwargs)
builtins.__import__ = _no_pango
"""


def test_a_build_without_pango_stops_and_names_the_packages(project_copy, build_site, tmp_path):
    # sitecustomize runs at start-up in the build's Python (the copy is on its PYTHONPATH)
    (project_copy / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    out = tmp_path / "out"
    result = build_site(project_copy, out)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "libpango-1.0-0" in log and "libpangoft2-1.0-0" in log and "Traceback" not in log
    assert not (out / "downloads").exists()


def test_a_maker_given_a_draw_later_list_defers_named_pdfs_it_has_not_cached(guide, tmp_path):
    # mkdocs serve: the build's one maker gets draw_later=[] (mkdocs build: None, every PDF drawn)
    later: list = []
    maker = pdf.PdfMaker(cache_dir=tmp_path, draw_later=later)
    job = maker.action_plan_job(guide, name=registry.ACTION_PLAN)
    (placeholder,) = maker.draw_all([job])
    assert later == [job]
    assert "This PDF is being drawn" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(placeholder)).pages)
    # after the rebuild: make() draws it whatever the list says, into the cache
    full = maker.make(job)
    assert full != placeholder and later == [job]
    assert "Action plan" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(full)).pages)
    # the next build's maker finds it in the cache and defers nothing; without a list, nothing is deferred
    again: list = []
    assert pdf.PdfMaker(cache_dir=tmp_path, draw_later=again).draw_all([job]) == [full] and again == []
    assert pdf.PdfMaker(cache_dir=None).draw_all([job]) == [full]
