"""The thin MkDocs adapter: the only module (with ``define_env``) that knows MkDocs.

It loads and validates the model once per build in ``on_config`` (before MkDocs
cleans or writes anything, so bad data leaves the previous site intact), adds a
generated page for every level and standard in ``on_files``, and adds the
downloads as generated files. Moving to another generator means rewriting this
file and ``__init__.define_env`` only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..downloads import opendata as exports
from ..web.csp import PolicyMissing, allow_inline_scripts
from ..language.checker import lint_project
from ..data.load import GuideError, load_guide
from ..data.model import Guide
from ..downloads.registry import generated_files
from ..web.pages import generated_pages
from ..downloads.pdf import PdfError, PdfMaker, briefing_name, deferred, draw_in_background, is_briefing
from ..web.fragments import Fragments, template_cache

log = logging.getLogger("mkdocs.plugins.practice_guide")


class DataError(PluginError):
    """The data failed validation in ``on_config``, before MkDocs touched the site folder."""


class PracticeGuideConfig(Config):
    standards_dir = c.Type(str, default="standards")
    fragments_dir = c.Type(str, default="overrides/fragments")
    # A local edition (CONTRIBUTING.md, "Editions"): a folder whose standards/ records are
    # added to the national data and whose docs/ pages are added to the site.
    edition = c.Optional(c.Type(str))
    edition_nav_title = c.Type(str, default="Local information")
    # The language checker (macros/lint.py) over docs/ and standards/: a warning per finding,
    # which fails a strict build. A quotation on purpose is marked where it stands (see lint.py).
    language_check = c.Type(bool, default=True)


class PracticeGuidePlugin(BasePlugin[PracticeGuideConfig]):
    guide: Guide
    fragments: Fragments
    serving = False  # under `mkdocs serve`: changed PDFs are drawn after each rebuild
    generation = 0  # builds started: a PDF drawn for an older build is not put in the site

    def on_startup(self, *, command, dirty):
        # With this hook MkDocs keeps the plugin between `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config):
        self.generation += 1
        root = self.root = Path(config.config_file_path).resolve().parent
        self.edition = root / self.config.edition if self.config.edition else None
        if self.edition is not None and not self.edition.is_dir():
            raise DataError(f"the edition folder {self.config.edition} (plugin option 'edition' in mkdocs.yml) is missing")
        editions = (self.edition / "standards",) if self.edition and (self.edition / "standards").is_dir() else ()
        if self.edition is not None:
            config.watch.append(str(self.edition))
        try:
            self.guide = load_guide(root / self.config.standards_dir, root, editions=editions)
        except GuideError as err:
            raise DataError(err.report()) from None
        self.fragments = Fragments(root / self.config.fragments_dir, template_cache(root, "fragments"))
        if self.config.language_check:
            findings = lint_project(self.guide, root, Path(config.docs_dir), root / self.config.standards_dir)
            if self.edition is not None:  # an edition's own pages and records, by the same rules
                findings += lint_project(self.guide, root, self.edition / "docs", self.edition / "standards")
            for finding in findings:
                log.warning("language check: %s", finding)
        log.debug("practice guide: %d standards loaded", len(self.guide.standards))
        return config

    def on_serve(self, server, config, builder):
        """Keep serving the last good site while the data has problems.

        MkDocs 1.6 ``serve`` logs a failed rebuild and then holds every request until a
        build succeeds ("the server will appear stuck"). A data error is raised in
        ``on_config``, before MkDocs cleans the site folder, so the previous site is still
        whole: report the problems (MkDocs has already logged them, with file and line)
        and let the server carry on serving it. Any other failure behaves as before.
        """
        rebuild = server.builder

        def rebuild_or_keep_last_good_site():
            try:
                rebuild()
            except Abort as err:
                if not isinstance(err.__context__, DataError):
                    raise
                log.error("The data has problems (listed above): still serving the last good site. Fix them and save to rebuild.")

        server.builder = rebuild_or_keep_last_good_site
        # MkDocs polls the watched folders every 0.5 s, a good part of the wait between saving
        # a YAML file and seeing it (make bench). The folders in `watch:` (standards/, macros/,
        # overrides/) are added after this hook, so their pollers take the observer's timeout:
        # 0.1 s. Scanning them that often costs about 1% of a core. A private attribute of
        # watchdog's (pinned in constraints.txt): when it is not there, nothing changes.
        if isinstance(getattr(getattr(server, "observer", None), "_timeout", None), (int, float)):
            server.observer._timeout = min(server.observer._timeout, 0.1)
        return server

    def _add_edition_pages(self, files: Files, config) -> None:
        """Add the edition's docs/ files; its pages go at the end of the nav, in one section."""
        docs = self.edition / "docs"
        pages = []
        for path in sorted(p for p in docs.rglob("*") if p.is_file()) if docs.is_dir() else ():
            src_uri = path.relative_to(docs).as_posix()
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{self.config.edition}/docs/{src_uri}: an edition adds pages and cannot replace docs/{src_uri}: rename it")
            files.append(File(src_uri, str(docs), config.site_dir, config.use_directory_urls))
            if path.suffix == ".md":
                pages.append(src_uri)
        if pages and config.nav is not None:
            pages.sort(key=lambda uri: (not uri.endswith("index.md"), uri))  # its index page first
            config.nav.append({self.config.edition_nav_title: pages})

    def on_files(self, files: Files, config) -> Files:
        self.generated_calls = {}  # src_uri -> (macro, record ID), for __init__.on_pre_page_macros
        for page in generated_pages(self.guide):
            self.generated_calls[page.src_uri] = page.call
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"docs/{page.src_uri} would hide the page generated for this record: remove the file")
            files.append(File.generated(config, page.src_uri, content=page.content))
        if self.edition is not None:  # before the downloads, so that a clash fails fast
            self._add_edition_pages(files, config)
        self.pending_pdfs: list = []
        try:
            with deferred(self.pending_pdfs if self.serving else None):
                outputs = generated_files(self.guide, config.site_url or "")
        except PdfError as err:
            raise PluginError(str(err)) from None
        self.made = {p.removeprefix("downloads/"): c for p, c in outputs.items() if p.startswith("downloads/")}
        for path, content in outputs.items():
            files.append(File.generated(config, path, content=content))
        self._add_briefing_pdfs(files, config)
        return files

    def _add_briefing_pdfs(self, files: Files, config) -> None:
        """Briefing papers are Markdown pages that call macros, so their PDFs are made from each
        page's rendered HTML in ``on_page_content``, not from the model. MkDocs renders every page
        before it writes any file, so the PDFs are still made before the site is written (a failed
        PDF fails the build with nothing written). Each PDF is listed in ``files`` here, empty, and
        filled in when its page is rendered; the downloads page is moved to the end of the pages
        so that it is rendered after every briefing and can give their sizes."""
        self.briefings: dict[str, File] = {}  # src_uri of the page -> its PDF
        self.briefing_titles: dict[str, str] = {}  # PDF name -> page title, once made
        self.briefing_jobs: list = []  # (PDF file, pdf.Job) of the pages rendered, to draw together
        self.pdf_maker: PdfMaker | None = None
        for page_file in list(files.documentation_pages()):
            if is_briefing(page_file.src_uri):
                pdf_file = File.generated(config, f"downloads/{briefing_name(page_file.src_uri)}", content=b"")
                files.append(pdf_file)
                self.briefings[page_file.src_uri] = pdf_file
        downloads_page = files.get_file_from_path("downloads.md")
        if downloads_page is not None:
            files.remove(downloads_page)
            files.append(downloads_page)

    def on_page_content(self, html: str, page, config, files) -> str:
        pdf_file = self.briefings.get(page.file.src_uri)
        if pdf_file is not None:
            if self.pdf_maker is None:
                self.pdf_maker = PdfMaker()
            page_url = urljoin(config.site_url, page.url) if config.site_url else ""
            name = pdf_file.src_uri.removeprefix("downloads/")
            job = self.pdf_maker.briefing_job(self.guide.meta, page.title, html, page_url, page.url, name)
            self.briefing_jobs.append((pdf_file, job))  # drawn with the others: _draw_briefings
            self.briefing_titles[name] = page.title
        return html

    def _draw_briefings(self) -> None:
        """Draw the briefing PDFs of the pages rendered so far all at once, so that pdf.py can
        draw them in parallel (one at a time as each page was rendered, they took twice as long
        on two cores). Called before the downloads page needs their sizes, and in ``on_env``,
        which MkDocs runs after every page is rendered and before it writes any file."""
        if not self.briefing_jobs or self.pdf_maker is None:
            return
        items, self.briefing_jobs = self.briefing_jobs, []
        with deferred(self.pending_pdfs if self.serving else None):
            drawn = self.pdf_maker.draw_all([job for _, job in items])
        for (pdf_file, _), pdf in zip(items, drawn):
            pdf_file.content_bytes = pdf
        log.debug("practice guide: %d briefing PDFs made in %.2f s", len(items), self.pdf_maker.seconds)

    def downloads(self) -> list[exports.Download]:
        """Every download of this build, described, for the downloads page."""
        pending = [src for src, f in self.briefings.items() if f.src_uri.removeprefix("downloads/") not in self.briefing_titles]
        if pending:
            raise PluginError(f"the downloads page was rendered before the briefing pages {', '.join(pending)}")
        self._draw_briefings()
        made = dict(self.made)
        for src, pdf_file in self.briefings.items():
            made[pdf_file.src_uri.removeprefix("downloads/")] = pdf_file.content_bytes
        return exports.catalogue(self.guide, made, self.briefing_titles)

    def on_env(self, env, config, files):
        self._draw_briefings()  # any not drawn yet (a site without a downloads page)
        # The name of Material's search worker (it carries a content hash), for the config
        # block in overrides/main.html that puts stemmed-search.js in front of it.
        workers = [f.src_uri.rsplit("/", 1)[-1] for f in files if f.src_uri.startswith("assets/javascripts/workers/search.") and f.src_uri.endswith(".min.js")]
        if len(workers) != 1:
            raise PluginError(f"expected one search worker of Material's in assets/javascripts/workers/, found {workers or 'none'}")
        env.globals["material_search_worker"] = workers[0]
        env.bytecode_cache = template_cache(self.root, "theme")  # compiled page templates, kept (render.py)
        return env

    def on_post_build(self, config) -> None:
        if self.serving and self.pending_pdfs:
            generation = self.generation
            log.info("practice guide: %d changed PDFs are being drawn; the preview has a placeholder until then", len(self.pending_pdfs))
            draw_in_background(self.pending_pdfs, Path(config.site_dir), lambda: self.generation == generation)

    def on_post_page(self, output: str, page, config) -> str:
        # The CSP meta tag in main.html allows script-src 'self' only: add the hash of each of
        # Material's inline scripts on this page (macros/csp.py says why and how).
        try:
            return allow_inline_scripts(output)
        except PolicyMissing as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None

    def on_post_template(self, output: str, template_name: str, config) -> str:
        # The same for the theme's own pages (404.html); sitemap.xml has no script or policy.
        try:
            return allow_inline_scripts(output)
        except PolicyMissing as err:
            raise PluginError(f"{template_name}: {err}") from None
