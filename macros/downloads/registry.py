"""Every file the build generates beside the pages, declared once.

**Downloads.** Each file under ``downloads/`` is one :class:`Download`: its file name, title,
group, purpose and format, and how its bytes are made, in one of three ways:

- ``make(guide, site_url) -> bytes``: from the model (the spreadsheet, the CSV, the JSON);
- ``pdf(maker, guide, name) -> pdf.Job``: a PDF from the model (the checklists, the action
  plan), drawn together with the build's other PDFs, in parallel, by the build's one maker;
- ``page``: the page (path relative to ``docs/``) whose rendered HTML it is made from (the
  briefing papers), by :func:`briefing_pdfs` once that page is rendered.

:func:`catalogue` lists them in the order of the downloads page; the page, the templates and
the tests take every name from here (:func:`checklist` for a level's checklist).

**Other generated files** (not listed on the downloads page): the data the self-assessment page
reads and the language checker's patterns, from the producers in :data:`PRODUCERS`.

A site generator's adapter needs three things from here, none of them tied to an engine:
:func:`generated_files` (``{path under the site root: bytes}`` of everything made from the
model, which :func:`write_files` can write to any folder), :func:`briefing_pdfs` (the PDFs of
rendered briefing pages) and :func:`listing` (the downloads with their sizes, for the page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import assessment
from . import opendata
from . import pdf
from . import xlsx
from ..data import model as m
from ..language import checker as lint

FOLDER = "downloads/"  # where every download is published, relative to the site root

GROUPS = ("Checklists to print", "Briefing papers", "Templates", "Spreadsheet and open data")
CHECKLISTS, BRIEFINGS, TEMPLATES, DATA = GROUPS
PDF = "PDF (A4, tagged for screen readers)"

WHOLE_BENCHMARK = "benchmark"  # checklist-benchmark.pdf holds every level
ACTION_PLAN = "action-plan-template.pdf"
XLSX = "benchmark.xlsx"
CSV = "benchmark.csv"
JSON = "benchmark.json"


@dataclass(frozen=True)
class Download:
    """One file under ``downloads/``, declared once: what the downloads page says about it and
    how its bytes are made (exactly one of ``make``, ``pdf`` and ``page``)."""

    name: str  # file name under downloads/
    group: str  # one of GROUPS
    title: str
    purpose: str
    format: str
    make: Callable[[m.Guide, str], bytes] | None = None  # (guide, site_url) -> bytes
    pdf: Callable[["pdf.PdfMaker", m.Guide, str], "pdf.Job"] | None = None  # (maker, guide, name) -> job
    page: str | None = None  # the page it is made from, relative to docs/

    @property
    def path(self) -> str:
        """Its path under the site root, for links (``downloads/benchmark.xlsx``)."""
        return FOLDER + self.name


@dataclass(frozen=True)
class Listed:
    """A download of this build with the size of the bytes the build made, for the page."""

    download: Download
    size: int  # bytes

    name = property(lambda self: self.download.name)
    path = property(lambda self: self.download.path)
    group = property(lambda self: self.download.group)
    title = property(lambda self: self.download.title)
    purpose = property(lambda self: self.download.purpose)
    format = property(lambda self: self.download.format)

    @property
    def size_label(self) -> str:
        return size_label(self.size)


def size_label(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# --- the declarations -----------------------------------------------------------------------


def checklist_name(level: m.Level | None) -> str:
    return f"checklist-{level.id if level else WHOLE_BENCHMARK}.pdf"


def is_briefing(src_uri: str) -> bool:
    """Whether a page (path relative to ``docs/``) is a briefing paper that gets a PDF."""
    path = PurePosixPath(src_uri)
    return str(path.parent) == "briefings" and path.suffix == ".md" and path.name != "index.md"


def briefing_name(src_uri: str) -> str:
    """``briefings/working-alongside-parents.md`` -> ``briefing-working-alongside-parents.pdf``."""
    return f"briefing-{Path(src_uri).stem}.pdf"


def checklist(guide: m.Guide, level: m.Level | None) -> Download:
    """The printable checklist of one level, or of the whole benchmark (``level=None``)."""
    if level is None:
        return Download(
            checklist_name(None), CHECKLISTS, "Whole benchmark checklist",
            f"All {len(guide.standards)} standards at every level in one document, for a full self-assessment.", PDF,
            pdf=lambda maker, g, name: maker.checklist_job(g, None, name=name),
        )  # fmt: skip
    ticks = [r.label for r in guide.given_ratings]  # the checklist's columns
    return Download(
        checklist_name(level), CHECKLISTS, f"{level.title} checklist",
        f"The {len(level.standards)} {level.title.lower()} standards to print and fill in by hand in a meeting: "
        f"tick {xlsx.either(tuple(ticks))} and note evidence, actions, owner and review date.", PDF,
        pdf=lambda maker, g, name: maker.checklist_job(g, level, name=name),
    )  # fmt: skip


def briefing(src_uri: str, title: str) -> Download:
    """The PDF of a briefing paper, made from its rendered page (``title``: the page's title)."""
    return Download(briefing_name(src_uri), BRIEFINGS, title, "A briefing paper to print or share with colleagues.", PDF, page=src_uri)


def from_model(guide: m.Guide) -> tuple[Download, ...]:
    """Every download made from the model alone, in the order of the downloads page."""
    return (
        *(checklist(guide, lv) for lv in guide.levels),
        checklist(guide, None),
        Download(
            ACTION_PLAN, TEMPLATES, "Action plan template",
            "A blank plan for the standards you rated red or amber: action, owner, deadline and review.", PDF,
            pdf=lambda maker, g, name: maker.action_plan_job(g, name=name),
        ),
        Download(
            XLSX, DATA, "Benchmark workbook",
            "Run the benchmark in a spreadsheet: a sheet per level with a rating dropdown for each standard "
            "and each of its indicators, set up to print one page wide, and a summary that counts ratings "
            "by level and theme.", "Excel workbook (xlsx), opens in LibreOffice too",
            make=lambda g, site_url: xlsx.benchmark_xlsx(g, site_url),
        ),
        Download(
            CSV, DATA, "Benchmark as CSV", "Every standard, one row each, to import into another tool.", "CSV (UTF-8)",
            make=lambda g, site_url: opendata.to_csv(g),
        ),
        Download(
            JSON, DATA, "Benchmark as JSON",
            "Every standard with its links to findings, quotes and key learning, for developers.", "JSON",
            make=lambda g, site_url: opendata.to_json(opendata.benchmark_data(g)),
        ),
    )  # fmt: skip


def catalogue(guide: m.Guide, briefings: Mapping[str, str] | None = None) -> list[Download]:
    """Every download of a build in the order of the downloads page: the model's, with the
    briefing papers' (``{page relative to docs/: its title}``) after the checklists."""
    made = from_model(guide)
    papers = sorted((briefing(src, title) for src, title in (briefings or {}).items()), key=lambda d: d.name)
    return sorted([*made, *papers], key=lambda d: GROUPS.index(d.group))  # stable: declared order within a group


def listing(downloads: Iterable[Download], files: Mapping[str, bytes]) -> list[Listed]:
    """The downloads with the sizes of the files made (``{name under downloads/: bytes}``).

    A file made but not declared, or declared but not made, is an error, so the page can never
    list a missing file or leave one out."""
    downloads = list(downloads)
    missing = [d.name for d in downloads if d.name not in files]
    if missing:
        raise LookupError(f"the downloads page lists downloads/{', downloads/'.join(missing)}, which this build did not make")
    unlisted = sorted(set(files) - {d.name for d in downloads})
    if unlisted:
        raise LookupError(f"downloads made but not declared in registry.from_model: {', '.join(unlisted)}")
    return [Listed(d, len(files[d.name])) for d in downloads]


# --- making the files -----------------------------------------------------------------------

Producer = Callable[[m.Guide], dict[str, bytes]]

# the generated files that are not downloads: {path under the site root: bytes} from the model
PRODUCERS: tuple[Producer, ...] = (assessment.files, lint.language_json)


def generated_files(guide: m.Guide, site_url: str = "", maker: "pdf.PdfMaker | None" = None) -> dict[str, bytes]:
    """Every file made from the model, ``{path under the site root: bytes}``: the downloads
    (``downloads/<name>``) and the :data:`PRODUCERS`' files. ``site_url``: the site's absolute
    address ("" when unknown); ``maker``: the build's PDF maker (one is made when None)."""
    downloads = from_model(guide)
    files: dict[str, bytes] = {}

    def add(path: str, content: bytes) -> None:
        if path in files:
            raise ValueError(f"two outputs write {path}")
        files[path] = content

    pdfs = [d for d in downloads if d.pdf is not None]
    if pdfs:
        maker = maker or pdf.PdfMaker()
        # the longest first (the whole benchmark), so that parallel workers finish at about the same time
        pdfs.sort(key=lambda d: d.name != checklist_name(None))
        drawn = maker.draw_all([d.pdf(maker, guide, d.name) for d in pdfs])
        pdf.log.info("practice guide: %d PDFs drawn in %.2f s, %d from the cache", maker.count, maker.seconds, maker.cached)
        made = dict(zip((d.name for d in pdfs), drawn))
    else:
        made = {}
    for d in downloads:
        if d.make is not None:
            made[d.name] = d.make(guide, site_url)
        elif d.pdf is None:
            raise ValueError(f"downloads/{d.name} is declared without a way to make it")
    for d in downloads:  # in the declared order
        add(d.path, made[d.name])
    for producer in PRODUCERS:
        for path, content in producer(guide).items():
            add(path, content)
    return files


@dataclass(frozen=True)
class RenderedPage:
    """A page as the site generator rendered it: what its briefing PDF is made from."""

    src_uri: str  # relative to docs/
    title: str
    html: str  # the page's content (trusted: the site's own build)
    url: str  # its directory URL relative to the site root (briefings/meetings/)
    absolute_url: str = ""  # its full address when the site's address is known


def briefing_pdfs(maker: "pdf.PdfMaker", meta: m.Meta, pages: Iterable[RenderedPage]) -> dict[str, bytes]:
    """The PDFs of the rendered briefing pages, ``{name under downloads/: bytes}``, drawn together
    (in parallel where pdf.py can) by the build's maker."""
    pages = list(pages)
    jobs = [maker.briefing_job(meta, p.title, p.html, p.absolute_url, p.url, briefing_name(p.src_uri)) for p in pages]
    return dict(zip((briefing_name(p.src_uri) for p in pages), maker.draw_all(jobs)))


def write_files(files: Mapping[str, bytes], folder: Path | str) -> None:
    """Write ``{path: bytes}`` (as :func:`generated_files` returns) under ``folder``."""
    for path, content in files.items():
        target = Path(folder) / PurePosixPath(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
