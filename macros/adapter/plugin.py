"""The thin MkDocs adapter: the only module (with ``define_env``) that knows MkDocs.

It loads and validates the model once per build in ``on_config`` (before MkDocs
cleans or writes anything, so bad data leaves the previous site intact), adds a
generated page for every level and standard in ``on_files``, and adds the
downloads as generated files. What one build knows is one :class:`Build`, made
afresh in ``on_config``. Moving to another generator means rewriting this file and
``__init__.define_env`` only: the rest takes the page's address, the rendered HTML
or a folder as plain parameters (``registry.generated_files`` and ``write_files``,
``registry.briefing_pdfs``, ``csp.allow_inline_scripts``, ``pages.edit_url``).
"""

from __future__ import annotations

import logging
import secrets
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..data.load import GuideError, glossary_patterns, load_guide, search_terms
from ..data import support
from ..data.model import Guide
from ..downloads import registry
from ..downloads.pdf import Job, PdfError, PdfMaker, draw_in_background
from ..language.checker import lint_project
from ..web import offline
from ..web.conform import conform
from ..web.csp import PolicyMissing, ThemeScripts, UnknownScript, allow_inline_scripts, source_line
from ..web.fragments import Fragments, template_cache
from ..web.minify import MinifyError, minify_site
from ..web.pages import edit_url, generated_pages, inert_meta
from ..web.routes import relative
from ..web.search import Record, SearchIndexError, index_site, text_of

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
    # The language checker (macros/language/checker.py) over docs/ and standards/: a warning per finding,
    # which fails a strict build. A quotation on purpose is marked where it stands (see checker.py).
    language_check = c.Type(bool, default=True)


@dataclass
class Build:
    """Everything one build knows, made in ``on_config``: ``mkdocs serve`` keeps the plugin
    between rebuilds, so nothing of one build may be left on the plugin for the next."""

    generation: int  # which build of this process: a PDF drawn for an older one is not put in the site
    root: Path
    edition: Path | None
    guide: Guide
    fragments: Fragments
    theme_scripts: ThemeScripts  # the inline scripts the theme's templates write: the only ones the CSP allows
    # the one PDF maker of this build, made in on_files; under mkdocs serve its draw_later
    # list holds the PDFs to draw after the rebuild
    pdf: PdfMaker | None = None
    generated_calls: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (macro, record ID)
    edit_urls: dict[str, str] = field(default_factory=dict)  # src_uri of a generated page -> its record's source
    origins: dict[str, str] = field(default_factory=dict)  # src_uri of a generated page -> "path:line" of its record
    made: dict[str, bytes] = field(default_factory=dict)  # name under downloads/ -> bytes made from the model
    downloads: tuple[Record, ...] = ()  # each download as a search result of its own, set in on_env
    glossary: list | None = None  # the glossary's patterns (load.glossary_patterns), made once a build when first needed
    briefings: dict[str, File] = field(default_factory=dict)  # src_uri of a briefing page -> its PDF, filled in on_env
    # the token the downloads_list macro leaves in the downloads page, replaced in on_env by the
    # list with every size, once every download (the briefing PDFs too) is made
    downloads_token: str = field(default_factory=lambda: f"<!-- practice-guide downloads list {secrets.token_hex(8)} -->")


class PracticeGuidePlugin(BasePlugin[PracticeGuideConfig]):
    build: Build
    serving = False  # under `mkdocs serve`: changed PDFs are drawn after each rebuild
    staging = True  # each build goes beside its folder and replaces it only once it has succeeded
    generation = 0  # builds started in this process
    published = 0  # under `mkdocs serve`: the build whose site is being served
    served_dir: Path | None = None  # under `mkdocs serve`: the folder the server serves
    staged_dir: Path | None = None  # ... and the one each build goes into until it has succeeded

    def on_startup(self, *, command, dirty):
        # With this hook MkDocs keeps the plugin between `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        # `mkdocs build --dirty` adds to the folder that is there, so it cannot be built beside it
        self.staging = self.serving or not dirty

    def on_config(self, config):
        self.generation += 1
        # mkdocs-macros logs six lines at INFO on every build (the module found twice, every
        # variable and macro name); its warnings and errors still show. It runs after this hook.
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
        if self.staging:
            # Build beside the folder: a build that fails, strict-mode warnings included, leaves
            # it as it was. on_post_build (`build`) or on_serve (`serve`) swaps the new one in.
            self.served_dir = Path(config.site_dir)
            self.staged_dir = self.served_dir.with_name(self.served_dir.name + ".next")
            config.site_dir = str(self.staged_dir)
            if not self.serving:
                log.info("practice guide: building beside %s; it is replaced once the build has succeeded", self.served_dir.name + "/")
        root = Path(config.config_file_path).resolve().parent
        edition = root / self.config.edition if self.config.edition else None
        if edition is not None and not edition.is_dir():
            raise DataError(f"the edition folder {self.config.edition} (plugin option 'edition' in mkdocs.yml) is missing")
        editions = (edition / "standards",) if edition and (edition / "standards").is_dir() else ()
        if edition is not None:
            config.watch.append(str(edition))
        try:
            guide = load_guide(root / self.config.standards_dir, root, editions=editions)
        except GuideError as err:
            raise DataError(err.report()) from None
        publisher = _publisher(config)
        if publisher:  # the site's publisher is the author of every download too
            guide = replace(guide, meta=replace(guide.meta, publisher=publisher))
        fragments = Fragments(root / self.config.fragments_dir, template_cache(root, "fragments"))
        theme_scripts = ThemeScripts.from_dirs([Path(d) for d in config.theme.dirs], exclude=[root / self.config.fragments_dir])
        self.build = Build(self.generation, root, edition, guide, fragments, theme_scripts)
        for message in support.stale(guide):  # a warning: a strict build fails until someone checks
            log.warning("help for parents: %s", message)
        if self.config.language_check:
            findings = lint_project(guide, root, Path(config.docs_dir), root / self.config.standards_dir)
            if edition is not None:  # an edition's own pages and records, by the same rules
                findings += lint_project(guide, root, edition / "docs", edition / "standards")
            for finding in findings:
                log.warning("language check: %s", finding)
        log.debug("practice guide: %d standards loaded", len(guide.standards))
        return config

    def downloads_list(self) -> Markup:
        """What the downloads_list macro puts in the page: a token, filled in by on_env."""
        return Markup(self.build.downloads_token)

    def on_serve(self, server, config, builder):
        """Keep serving the last good site whatever makes a rebuild fail, and say why.

        MkDocs 1.6 ``serve`` builds into the folder it serves, logs a failed rebuild, and then
        holds every request until a build succeeds ("the server will appear stuck"). Here each
        build under ``serve`` goes into a folder beside it (``on_config``) and is swapped in only
        when the whole build has succeeded, strict-mode warnings included; a failed rebuild
        (bad data, a language finding, a macro error, anything) leaves the served folder as it
        was, is reported, and the server carries on serving the last good site.
        """
        rebuild = server.builder

        def rebuild_or_keep_last_good_site():
            try:
                rebuild()
            except Exception as err:  # any failure: the last good site stays
                log.error(
                    "The rebuild failed (%s): still serving the last good site. Fix the problem above and save to rebuild.",
                    _reason(err),
                )
                return
            self._publish()

        self._publish()  # the first build, made before this hook
        server.builder = rebuild_or_keep_last_good_site
        # MkDocs polls the watched folders every 0.5 s, a good part of the wait between saving
        # a YAML file and seeing it (make bench). The folders in `watch:` (standards/, macros/,
        # overrides/) are added after this hook, so their pollers take the observer's timeout:
        # 0.1 s. Scanning them that often costs about 1% of a core. A private attribute of
        # watchdog's (pinned in constraints.txt): when it is not there, nothing changes.
        if isinstance(getattr(getattr(server, "observer", None), "_timeout", None), (int, float)):
            server.observer._timeout = min(server.observer._timeout, 0.1)
        return server

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, config) -> None:
        """Index the pages just written for search (macros/web/search.py); then, under `mkdocs build`,
        put the new site in place, unless strict mode is about to abort the build for the warnings
        it has counted (MkDocs checks them just after this event)."""
        if _strict_warnings():
            return  # the build fails next: on_build_error removes it, the folder there stays
        if not self.serving:  # the guide's own JS and CSS, before search and the offline copy read them (macros/web/minify.py)
            try:
                m = minify_site(Path(config.site_dir), Path(config.theme.custom_dir))
            except MinifyError as err:
                raise PluginError(str(err)) from None
            log.info("practice guide: minified %d scripts and stylesheets, %d KB to %d KB, in %.2f s", m.files, m.before // 1024, m.after // 1024, m.seconds)
        try:
            done = index_site(Path(config.site_dir), self.build.downloads + (offline.RECORD,))  # the zip, made last, is found too
        except SearchIndexError as err:
            raise PluginError(str(err)) from None
        log.info("practice guide: search index of %d pages and %d downloads (%d words to correct to) in %.1f s",
                 done.pages, done.records, done.words, done.seconds)
        if not self.serving:  # last, once every other file is written: the zip for a folder, the sizes, sw.js
            try:
                made = offline.finish_site(Path(config.site_dir), Path(config.theme.custom_dir) / "assets" / "javascripts")
            except offline.OfflineError as err:
                raise PluginError(str(err)) from None
            log.info("practice guide: offline, %d files (%d KB) for the service worker, a zip of %d KB, in %.1f s",
                     made.files, made.cached // 1024, made.zipped // 1024, made.seconds)
        if self.serving or not self.staging:
            return
        self._publish()
        config.site_dir = str(self.served_dir)  # where the site now is (`gh-deploy` reads it next)

    def on_build_error(self, error) -> None:
        if not self.serving and self.staged_dir is not None:
            shutil.rmtree(self.staged_dir, ignore_errors=True)

    def _publish(self) -> None:
        """Under ``serve``: put the build that just succeeded where the server serves from (two
        renames), then draw its changed PDFs into it in the background."""
        staged, served = self.staged_dir, self.served_dir
        if staged is None or served is None or not staged.is_dir():
            return
        old = served.with_name(served.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if served.exists():
            served.rename(old)
        staged.rename(served)
        shutil.rmtree(old, ignore_errors=True)
        build = self.build
        self.published = build.generation
        pending: list[Job] = build.pdf.draw_later if build.pdf is not None and build.pdf.draw_later else []
        if pending:
            log.info("practice guide: %d changed PDFs are being drawn; the preview has a placeholder until then", len(pending))
            draw_in_background(build.pdf, pending, served, lambda: self.published == build.generation and self.generation == build.generation)

    def on_shutdown(self) -> None:
        for folder in (self.staged_dir, self.served_dir and self.served_dir.with_name(self.served_dir.name + ".old")):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    def _add_edition_pages(self, files: Files, config) -> None:
        """Add the edition's docs/ files; its pages go at the end of the nav, in one section."""
        docs = self.build.edition / "docs"
        pages = []
        for path in sorted(p for p in docs.rglob("*") if p.is_file()) if docs.is_dir() else ():
            src_uri = path.relative_to(docs).as_posix()
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{self.config.edition}/docs/{src_uri}: an edition adds pages and cannot replace docs/{src_uri}: rename it")
            files.append(File(src_uri, str(docs), config.site_dir, config.use_directory_urls))
            if path.suffix == ".md":
                pages.append(src_uri)
                # MkDocs would send its "edit" link to docs/<src_uri>: the page is the edition's
                url = edit_url(config.repo_url, config.edit_uri, config.docs_dir, path.relative_to(self.build.root).as_posix())
                if url:
                    self.build.edit_urls[src_uri] = url
        if pages and config.nav is not None:
            pages.sort(key=lambda uri: (not uri.endswith("index.md"), uri))  # its index page first
            config.nav.append({self.config.edition_nav_title: pages})

    def on_files(self, files: Files, config) -> Files:
        build = self.build
        for page in generated_pages(build.guide):
            build.generated_calls[page.src_uri] = page.call
            if page.origin is not None:
                build.origins[page.src_uri] = f"{page.origin.path}:{page.origin.line}"
            if page.origin is not None:  # its "edit" link: the record's own line in its YAML file
                url = edit_url(config.repo_url, config.edit_uri, config.docs_dir, page.origin.path, page.origin.line)
                if url:
                    build.edit_urls[page.src_uri] = url
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"docs/{page.src_uri} would hide the page generated for this record: remove the file")
            files.append(File.generated(config, page.src_uri, content=page.content))
        if build.edition is not None:  # before the downloads, so that a clash fails fast
            self._add_edition_pages(files, config)
        try:
            build.pdf = PdfMaker(draw_later=[] if self.serving else None)
            outputs = registry.generated_files(build.guide, config.site_url or "", build.pdf)
        except PdfError as err:
            raise PluginError(str(err)) from None
        build.made = {p.removeprefix(registry.FOLDER): c for p, c in outputs.items() if p.startswith(registry.FOLDER)}
        for path, content in outputs.items():
            files.append(File.generated(config, path, content=content))
        # Briefing papers are Markdown pages that call macros, so their PDFs are made from each
        # page's rendered HTML, in on_env (every page is rendered by then, and no file written).
        # Each is listed in `files` here, empty, so that links to it are checked like any other.
        for page_file in list(files.documentation_pages()):
            if registry.is_briefing(page_file.src_uri):
                pdf_file = File.generated(config, registry.FOLDER + registry.briefing_name(page_file.src_uri), content=b"")
                files.append(pdf_file)
                build.briefings[page_file.src_uri] = pdf_file
        return files

    def on_pre_page(self, page, config, files):
        # Material shows page.edit_url (feature content.action.edit). MkDocs gives a prose page
        # of docs/ its own; a generated page has none, and an edition's page a wrong one.
        url = self.build.edit_urls.get(page.file.src_uri)
        if url:
            page.edit_url = url
        return page

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        # Front matter is text, which the theme prints as HTML: escaped here, before the tags
        # plugin (priority -50) and the search index read it (pages.inert_meta says why).
        page.meta = inert_meta(page.meta)
        return markdown

    def on_env(self, env, config, files):
        """Every page is rendered (MkDocs renders all before it writes any), and no file written:
        draw the briefing PDFs from their pages, then fill in the downloads list, sizes and all."""
        build = self.build
        rendered = []
        for src_uri in build.briefings:
            page = files.get_file_from_path(src_uri).page
            absolute = urljoin(config.site_url, page.url) if config.site_url else ""
            rendered.append(registry.RenderedPage(src_uri, page.title, page.content, page.url, absolute))
        try:
            drawn = registry.briefing_pdfs(build.pdf, build.guide.meta, rendered) if rendered else {}
        except PdfError as err:
            raise PluginError(str(err)) from None
        for src_uri, pdf_file in build.briefings.items():
            pdf_file.content_bytes = drawn[registry.briefing_name(src_uri)]
        log.debug("practice guide: %d briefing PDFs made; %.2f s drawing PDFs", len(rendered), build.pdf.seconds)
        made = {**build.made, **drawn}
        try:
            downloads = registry.listing(registry.catalogue(build.guide, {p.src_uri: p.title for p in rendered}), made)
        except LookupError as err:
            raise PluginError(str(err)) from None
        for page_file in files.documentation_pages():
            page = page_file.page
            if page is not None and page.content and build.downloads_token in page.content:
                listed = build.fragments.render("downloads.html", "downloads_list", page.url, downloads=downloads, meta=build.guide.meta)
                page.content = page.content.replace(build.downloads_token, str(listed))
        # For the search (overrides/partials/search.html and main.html): the levels to narrow
        # results by, and each page's glossary synonyms, indexed but not shown
        env.globals["pg_levels"] = [escape(level.title) for level in build.guide.levels]  # text: the theme does not escape
        env.globals["pg_search_terms"] = self._search_terms
        # a briefing page links its own PDF (overrides/main.html), from its page
        env.globals["pg_briefing_pdf"] = lambda page: (
            relative(build.briefings[page.file.src_uri].url, page.url) if page and page.file and page.file.src_uri in build.briefings else ""
        )
        build.downloads = tuple(Record(d.path, d.title, f"{d.purpose} {d.format}, {d.size_label}.") for d in downloads)
        env.bytecode_cache = template_cache(build.root, "theme")  # compiled page templates, kept (render.py)
        return env

    def _search_terms(self, page) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The words a page is also found by, indexed but not shown: its keywords (a standard's, or
        ``keywords:`` in a page's front matter), and the glossary synonyms of the terms it uses
        (load.search_terms) that are not among them. Keywords weigh more: a contributor chose them."""
        build = self.build
        macro, record_id = build.generated_calls.get(page.file.src_uri, (None, None))
        if macro == "standard_page":
            standard = build.guide.by_id[record_id]
            keywords, terms = standard.keywords, standard.search_terms
        else:
            if build.glossary is None:
                build.glossary = glossary_patterns(build.guide.glossary)
            listed = page.meta.get("keywords") or ()
            keywords = tuple(str(k) for k in ([listed] if isinstance(listed, str) else listed))
            terms = search_terms(" ".join([page.title or "", text_of(page.content or "")]), keywords, build.glossary)
        chosen = {k.casefold() for k in keywords}
        # text from the data, put in the page by a template of the theme, which does not escape
        return tuple(escape(k) for k in keywords), tuple(escape(t) for t in terms if t.casefold() not in chosen)

    def on_post_page(self, output: str, page, config) -> str:
        # The CSP meta tag in main.html allows script-src 'self' only: add the hash of each of
        # the theme's inline scripts on this page; any other inline script fails the build
        # (macros/web/csp.py says why and how).
        # ... and Material's two attributes that the HTML standard does not allow go (web/conform.py)
        try:
            return allow_inline_scripts(conform(output), self.build.theme_scripts)
        except PolicyMissing as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None
        except UnknownScript as err:
            raise PluginError(f"{self._where(page, err)}: {err}, so the Content-Security-Policy will not let it run. "
                              "Put the code in a file under overrides/assets/javascripts/ and load it with <script src=...> "
                              "from a template in overrides/") from None

    def _where(self, page, err: UnknownScript) -> str:
        """Where a page's stray script was written: the record of a generated page, else the
        line of the Markdown file, else the line of the built page."""
        origin = self.build.origins.get(page.file.src_uri)
        if origin is not None:
            return origin
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        if source is not None and source.is_file():
            line = source_line(source.read_text(encoding="utf-8"), err.body)
            shown = source.relative_to(self.build.root).as_posix() if source.is_relative_to(self.build.root) else source.as_posix()
            if line is not None:
                return f"{shown}:{line}"
            return f"{shown} (line {err.line} of the page built from it)"
        return f"{page.file.src_uri} (line {err.line} of the built page)"

    def on_post_template(self, output: str, template_name: str, config) -> str:
        # The same for the theme's own pages (404.html); sitemap.xml has no script or policy.
        if not template_name.endswith(".html"):
            return output
        try:
            return allow_inline_scripts(conform(output), self.build.theme_scripts)
        except (PolicyMissing, UnknownScript) as err:
            raise PluginError(f"{template_name}: {err}") from None


def _publisher(config) -> str | None:
    """mkdocs.yml's extra.publisher.name (who publishes this site), or None to keep meta.yml's."""
    publisher = config.extra.get("publisher")
    if publisher is None:
        return None
    name = publisher.get("name") if isinstance(publisher, dict) else None
    if not isinstance(name, str) or not name.strip() or (not isinstance(publisher.get("url", ""), str)):
        raise DataError("mkdocs.yml, extra.publisher: give the publisher's name as text, and its page as url "
                        "(for example name: Anytown Safeguarding Children Partnership, url: about/)")
    return name.strip()


def _strict_warnings() -> int:
    """The warnings a strict build has counted so far. MkDocs 1.6 (and ProperDocs) count them with
    a handler on their logger that has ``get_counts()`` and abort after ``on_post_build`` when any
    were counted; without strict mode there is no such handler (CONTRIBUTING.md, "Engines")."""
    for name in ("mkdocs", "properdocs"):
        for handler in logging.getLogger(name).handlers:
            counts = getattr(handler, "get_counts", None)
            if callable(counts):
                return sum(n for _, n in counts())
    return 0


def _reason(err: BaseException) -> str:
    """A failed rebuild's cause in a few words (MkDocs has logged the details above it)."""
    cause = err.__context__ if isinstance(err, Abort) and err.__context__ is not None else err
    if isinstance(cause, DataError):
        return "the data has problems"
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0][:200]
