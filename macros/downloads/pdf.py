"""Printable PDFs made at build time with WeasyPrint.

The checklists (one per level and one for the whole benchmark) and the blank action-plan
template are made from the model: ``registry.DOWNLOADS`` declares each with the job that
draws it (:meth:`PdfMaker.checklist_job`, :meth:`PdfMaker.action_plan_job`). The briefing
papers are written as Markdown pages, so their PDFs are made from each page's rendered HTML
(:meth:`PdfMaker.briefing_job`, through ``registry.briefing_pdfs``, which the site
generator's adapter calls once every page is rendered).

One :class:`PdfMaker` serves one build. Under ``mkdocs serve`` it is made with
``draw_later=[]``: a named PDF not in the cache is then not drawn but added to that list, and a
one-page "being drawn" PDF stands in for it; :func:`draw_in_background` draws the list after
the rebuild. ``mkdocs build`` passes no list, so every PDF is drawn in full.

Markup lives in Jinja templates in ``overrides/pdf/`` and the look in ``overrides/pdf/pdf.css``.
Every PDF is A4, tagged PDF/UA-1, in British English with its title set, uses the DejaVu Sans
font from the system (embedded, nothing fetched) and is deterministic: the only date in it is
the data's version date, so the same data gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..data import model as m
from ..data.dates import long_date
from ..web.routes import relative

log = logging.getLogger("mkdocs.plugins.practice_guide")
background_log = logging.getLogger("practice_guide.pdf")  # outside a build: see draw_in_background

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "overrides" / "pdf"
# Drawing a PDF is the slow part of the build (WeasyPrint lays out every page). A PDF depends
# only on its HTML, the CSS, the options and the WeasyPrint version, and the same input always
# gives the same bytes, so finished PDFs are kept under .cache/pdf/ keyed on a hash of all of
# those: a rebuild (mkdocs serve, or a test building a copy of the project) redraws only the
# PDFs whose content changed. Set PRACTICE_GUIDE_PDF_CACHE=off to draw every PDF afresh.
CACHE = ROOT / ".cache" / "pdf"
CACHE_ENV = "PRACTICE_GUIDE_PDF_CACHE"
OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": False, "uncompressed_pdf": False}
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


class PdfError(RuntimeError):
    """The PDFs cannot be made (for example, the system libraries are missing)."""


def load_weasyprint():
    """Import WeasyPrint, or say exactly which system packages are missing.

    WeasyPrint draws text with Pango, a C library it loads when imported: without it the
    import raises ``OSError`` ("cannot load library ...").
    """
    try:
        import weasyprint
    except OSError as err:
        raise PdfError(
            "The PDFs cannot be made: WeasyPrint needs the Pango libraries, which are missing "
            f"({err}). On Debian or Ubuntu run: sudo apt-get install {PANGO_PACKAGES} "
            "fonts-dejavu-core (or 'make system')."
        ) from err
    return weasyprint


@dataclass(frozen=True)
class Stamp:
    """What every PDF is stamped with: the data's title, version and date."""

    title: str
    version: str
    date: str  # ISO
    date_long: str
    publisher: str

    @classmethod
    def of(cls, meta: m.Meta) -> "Stamp":
        return cls(meta.title, meta.version, str(meta.date), long_date(meta.date), meta.publisher)


class PdfMaker:
    """Renders a PDF template to bytes. Make one per build: fonts are set up once.

    ``draw_later``: a list to add each named PDF to instead of drawing it when it is not in the
    cache (a placeholder stands in for it); the adapter passes one under ``mkdocs serve`` and
    hands it to :func:`draw_in_background` after the rebuild. None (``mkdocs build``): draw all.
    """

    def __init__(
        self, templates_dir: Path | str = TEMPLATES, cache_dir: Path | str | None = CACHE, *, draw_later: list["Job"] | None = None
    ):
        self.draw_later = draw_later
        self.wp = load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        self.templates_dir = Path(templates_dir)
        self.env = Environment(
            loader=FileSystemLoader(str(self.templates_dir)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.fonts = FontConfiguration()
        # data: only, so no PDF ever reads a file or the network while it is drawn
        self.fetcher = self.wp.URLFetcher(allowed_protocols=("data",))
        self.css_text = (self.templates_dir / "pdf.css").read_text(encoding="utf-8")
        self.css = self.wp.CSS(
            string=self.css_text,
            font_config=self.fonts,
            url_fetcher=self.fetcher,
        )
        if os.environ.get(CACHE_ENV, "").lower() in ("off", "0", "no"):
            cache_dir = None
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._salt = "\0".join([self.wp.__version__, repr(sorted(OPTIONS.items())), self.css_text])
        self.seconds = 0.0
        self.count = 0  # PDFs drawn, not taken from the cache
        self.cached = 0

    def job(
        self, template: str, *, base_url: str | None = None, rebase: tuple[str, str] | None = None, name: str | None = None, **data: object
    ) -> "Job":
        """A PDF to draw: its HTML, and the key it is cached under.

        ``rebase=(page, folder)``: links relative to the site page ``page`` are rewritten to
        be relative to ``folder``, where the PDF is published."""
        html = self.env.get_template(template).render(**data)
        key = hashlib.sha256("\0".join([self._salt, base_url or "", repr(rebase), html]).encode("utf-8")).hexdigest()
        return Job(key, html, base_url, rebase, name)

    def render(self, template: str, **options: object) -> bytes:
        return self.draw_all([self.job(template, **options)])[0]

    def draw(self, job: "Job") -> bytes:
        document = self.wp.HTML(string=job.html, base_url=job.base_url, url_fetcher=self.fetcher)
        if job.rebase:
            _rebase_links(document.etree_element, *job.rebase)
        return document.write_pdf(stylesheets=[self.css], font_config=self.fonts, **OPTIONS)

    def draw_all(self, jobs: list["Job"]) -> list[bytes]:
        """Each job's PDF, from the cache or drawn; several are drawn in parallel where that is
        safe (see :func:`_can_fork`). The bytes do not depend on which way they were made."""
        results: list[bytes | None] = [self._cached(job.key) for job in jobs]
        missing = [i for i, pdf in enumerate(results) if pdf is None]
        pending = self.draw_later
        if pending is not None and any(jobs[i].name for i in missing):
            placeholder = self.render("pending.html")  # unnamed: drawn once, then cached
            for i in missing:
                if jobs[i].name:
                    results[i] = placeholder
                    pending.append(jobs[i])
            missing = [i for i in missing if results[i] is None]
        return self._draw_missing(jobs, results, missing)

    def make(self, job: "Job") -> bytes:
        """One job's PDF, from the cache or drawn now, whatever ``draw_later`` says."""
        cached = self._cached(job.key)
        return self._draw_missing([job], [cached], [] if cached is not None else [0])[0]

    def _draw_missing(self, jobs: list["Job"], results: list[bytes | None], missing: list[int]) -> list[bytes]:
        started = time.perf_counter()
        workers = min(len(missing), os.cpu_count() or 1)
        if workers > 1 and _can_fork():
            context = multiprocessing.get_context("fork")
            # fork: the workers inherit this maker (fonts, CSS) instead of setting up their own;
            # the initializer hands it to each worker process (see _adopt)
            with context.Pool(workers, initializer=_adopt, initargs=(self,)) as pool:
                drawn = pool.map(_draw_adopted, [jobs[i] for i in missing], chunksize=1)
        else:
            drawn = [self.draw(jobs[i]) for i in missing]
        for i, pdf in zip(missing, drawn):
            results[i] = pdf
            self._store(jobs[i].key, pdf)
        self.seconds += time.perf_counter() - started
        self.count += len(missing)
        self.cached += len(jobs) - len(missing)
        return results  # type: ignore[return-value]

    def _cached(self, key: str) -> bytes | None:
        path = self.cache_dir / f"{key}.pdf" if self.cache_dir else None
        return path.read_bytes() if path is not None and path.is_file() else None

    def _store(self, key: str, pdf: bytes) -> None:
        if self.cache_dir is None:
            return
        path = self.cache_dir / f"{key}.pdf"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(pdf)
            os.replace(partial, path)  # atomic: a parallel build never reads half a file
        except OSError as err:  # a read-only checkout still builds, only more slowly
            log.debug("practice guide: PDF cache not written (%s)", err)

    def checklist_job(self, guide: m.Guide, level: m.Level | None, name: str | None = None) -> "Job":
        levels = [level] if level else list(guide.levels)
        return self.job(
            "checklist.html",
            name=name,
            stamp=Stamp.of(guide.meta),
            level=level,
            ratings=guide.given_ratings,  # the columns to tick
            sections=[
                (lv, [(th, guide.standards_for(lv, th)) for th in guide.themes if guide.standards_for(lv, th)])
                for lv in levels
            ],
            count=sum(len(lv.standards) for lv in levels),
        )

    # Two landscape pages filled to the foot: 7 rows under the heading, 10 on the second page
    # (tests/test_pdf.py checks that one row more would start a third page)
    PLAN_ROWS = 17

    def action_plan_job(self, guide: m.Guide, rows: int = PLAN_ROWS, name: str | None = None) -> "Job":
        return self.job("action-plan.html", name=name, stamp=Stamp.of(guide.meta), rows=range(rows))

    def briefing_job(
        self, meta: m.Meta, title: str, content_html: str, page_url: str = "", page_path: str = "", name: str | None = None
    ) -> "Job":
        """A briefing paper from its page's rendered HTML (trusted: the site's own build).

        ``page_url`` is the page's absolute address when the site's URL is known: relative
        links in the content are then made absolute, so they work from a downloaded copy.
        Otherwise, ``page_path`` (the page's site path, ``briefings/meetings/``) is used to
        make them relative to ``downloads/``, where the PDF is published: they work when the
        PDF is opened from the site.
        """
        content, notes = link_notes(content_html, page_url)
        return self.job(
            "briefing.html",
            name=name,
            base_url=page_url or None,
            rebase=None if page_url or not page_path else (page_path, "downloads/"),
            stamp=Stamp.of(meta),
            title=title,
            content=Markup(content),
            notes=notes,
            page_url=page_url,
        )


_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_HREF = re.compile(r"""\bhref=(["'])(.*?)\1""", re.S)
_CLASS = re.compile(r"""\bclass=(["'])(.*?)\1""", re.S)


def link_notes(content_html: str, page_url: str = "") -> tuple[str, list[str]]:
    """A briefing's links made readable on paper: each link with a real address (one to another
    site, or any link once the site's address ``page_url`` is known) gets a number, and the
    addresses are listed at the end; a link to the site when its address is not known is left
    as plain words (it still works when the PDF is opened from the site). Links within the page
    and headings' permalinks are left alone. Returns the content and the addresses, in order.

    The content is the site's own rendered page (Markdown as MkDocs renders it), not data."""
    notes: list[str] = []

    def note(match: re.Match) -> str:
        attrs = match.group(1)
        href = _HREF.search(attrs)
        named = _CLASS.search(attrs)
        classes = named.group(2).split() if named else []
        if href is None or "headerlink" in classes or href.group(2).startswith("#"):
            return match.group(0)
        target = href.group(2)
        scheme = urlsplit(target).scheme
        address = target if scheme else (urljoin(page_url, target) if page_url else "")
        if not address:
            return match.group(0)  # printed as plain words: pdf.css underlines no link of a briefing
        shown = address.removeprefix("mailto:").removeprefix("tel:")
        if shown not in notes:
            notes.append(shown)
        return f'{match.group(0)}<sup class="link-note">[{notes.index(shown) + 1}]</sup>'

    return _ANCHOR.sub(note, content_html), notes


@dataclass(frozen=True)
class Job:
    key: str  # the cache key: a hash of everything the PDF depends on
    html: str
    base_url: str | None
    rebase: tuple[str, str] | None
    name: str | None = None  # its file under downloads/, when it is one (not part of the key)


# --- mkdocs serve: PDFs drawn after the rebuild -------------------------------------------
# Drawing the PDFs whose content an edit changed (a checklist holds every standard) took
# longer than the rest of a rebuild put together. Under ``mkdocs serve`` the adapter makes the
# build's maker with ``draw_later=[]`` (see PdfMaker), so the preview is served at once; after
# the build, ``draw_in_background`` draws that list (into the cache) and puts each PDF in the
# served site. ``mkdocs build`` never defers: every PDF in full.


def draw_in_background(maker: PdfMaker, jobs: list[Job], folder: Path, still_wanted: Callable[[], bool]) -> threading.Thread:
    """Draw ``jobs`` with the finished build's ``maker`` in a thread (filling the cache) and write
    each to ``folder/downloads/<name>`` (the site being served), until ``still_wanted()`` says a
    newer build has taken over (it has a maker of its own)."""

    def work() -> None:
        try:
            maker.count, maker.seconds = 0, 0.0
            for job in jobs:
                pdf = maker.make(job)
                if not still_wanted():
                    return
                path = folder / "downloads" / str(job.name)
                partial = path.with_suffix(".pdf.part")
                partial.write_bytes(pdf)
                os.replace(partial, path)
            log.info("practice guide: %d changed PDFs drawn after the rebuild in %.1f s", maker.count, maker.seconds)
        except Exception as err:  # the preview carries on; the next rebuild tries again
            if still_wanted():
                # not through MkDocs' logger: a warning there, during the next rebuild, would
                # fail that rebuild in strict mode. `mkdocs build` draws every PDF and fails.
                background_log.warning("practice guide: drawing the changed PDFs failed: %s", err)

    thread = threading.Thread(target=work, name="practice-guide-pdfs", daemon=True)
    thread.start()
    return thread


def _can_fork() -> bool:
    """Parallel drawing forks this process: only when it runs no other thread (``mkdocs
    build``, not ``mkdocs serve``, whose server threads could hold a lock at the fork)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


# A forked worker's own state: the pool's initializer sets it in each worker process, to the
# maker the worker inherited from the build (fork copies it; it cannot be pickled and sent).
# The build's own process never sets or reads it.
_adopted: PdfMaker | None = None


def _adopt(maker: PdfMaker) -> None:
    """Pool initializer, run in each forked worker process."""
    global _adopted
    _adopted = maker


def _draw_adopted(job: Job) -> bytes:
    assert _adopted is not None
    return _adopted.draw(job)


_HERE = "https://site.invalid/"  # a stand-in root for resolving site-relative links


def _rebase_links(tree, page: str, folder: str) -> None:
    """Rewrite every relative ``href`` in the parsed document from ``page`` to ``folder``."""
    for element in tree.iter():
        href = element.get("href") if isinstance(element.tag, str) and element.tag.endswith("}a") or element.tag == "a" else None
        if not href or href.startswith("#") or urlsplit(href).scheme:
            continue
        target = urljoin(_HERE + page, href)
        if target.startswith(_HERE):
            element.set("href", relative(target[len(_HERE):], folder))
