"""One strict MkDocs build, timed phase by phase. Run by bench/run.py in a fresh process.

    python bench/timed_build.py --site-dir OUT --json TIMES.json [--dump-markdown DIR]

Run it in the project folder (or a copy), with that folder on PYTHONPATH. It builds exactly as
``mkdocs build --strict`` does (``mkdocs.commands.build.build``), with a stopwatch round the
project's plugin steps, the downloads registry and the build's PdfMaker, and round MkDocs' own
page steps. Each phase counts its own time only (the briefing PDFs, drawn in on_env once every
page is rendered, count as PDFs, not as pages), so the phases add up to the build's wall time.

``--dump-markdown DIR`` also writes every page's Markdown as the macros left it, with its title,
so that bench/run.py can build the same pages with plain MkDocs Material.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import resource
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

STARTED = time.perf_counter()


def cpu_clock() -> float:
    """CPU seconds of this process and of its finished children (the forked PDF workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Stopwatch:
    """Exclusive wall and CPU time per phase: a phase nested in another is not counted twice.

    Wall time is what a contributor waits; CPU time hardly changes when other work shares the
    machine, so the ratios between two builds are taken from it."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[list[float]] = []

    def add(self, phase: str, wall: float, cpu: float) -> None:
        self.seconds[phase] += wall
        self.cpu[phase] += cpu

    def clear(self) -> None:
        self.seconds.clear()
        self.cpu.clear()

    def wrap(self, phase: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if threading.current_thread() is not threading.main_thread():
                return fn(*args, **kwargs)  # PDFs drawn after a serve rebuild: not part of it
            start, start_cpu = time.perf_counter(), cpu_clock()
            self._stack.append([0.0, 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                children, children_cpu = self._stack.pop()
                elapsed, elapsed_cpu = time.perf_counter() - start, cpu_clock() - start_cpu
                self.add(phase, elapsed - children, elapsed_cpu - children_cpu)
                self.calls[phase] += 1
                if self._stack:
                    self._stack[-1][0] += elapsed
                    self._stack[-1][1] += elapsed_cpu

        return timed


def edit_one_line(path: Path) -> None:
    """Change one line of a YAML file: the first title in it gets a word more."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("  title: "))
    lines[n] = lines[n].rstrip("\n") + f" (edited {time.time_ns()})\n"  # new content: no cached PDF
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site-dir", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--dump-markdown")
    parser.add_argument("--not-strict", action="store_true", help="for the plain Material baseline")
    parser.add_argument(
        "--rebuild-after-edit",
        metavar="YAML",
        help="then add a word to the first title in YAML and time a second build, as mkdocs serve would",
    )
    parser.add_argument("--stub-pdfs", action="store_true", help="an empty PDF instead of drawing each (the 100x content)")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    watch = Stopwatch()
    imports_started = time.perf_counter()
    import mkdocs.commands.build as mk_build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    project_plugin = Path(args.config).exists() and "practice-guide" in Path(args.config).read_text(encoding="utf-8")
    if project_plugin:
        import macros.adapter.plugin as plugin
        import macros.downloads.pdf as pdf
        import macros.downloads.registry as registry
        import macros.downloads.xlsx as xlsx

        plugin.load_guide = watch.wrap("load and validate", plugin.load_guide)
        plugin.lint_project = watch.wrap("language check", plugin.lint_project)
        plugin.generated_pages = watch.wrap("load and validate", plugin.generated_pages)
        # Everything registry.generated_files makes is "other exports" but for what it hands to
        # the spreadsheet and to the PDF maker (each phase counts its own time only). Every PDF
        # goes through the build's one PdfMaker: the model's in generated_files (on_files), the
        # briefing papers' in registry.briefing_pdfs (on_env, after every page is rendered), so
        # the briefing PDFs count as PDFs, never as page rendering.
        registry.generated_files = watch.wrap("other exports", registry.generated_files)
        xlsx.benchmark_xlsx = watch.wrap("xlsx", xlsx.benchmark_xlsx)  # the registry's lambda looks it up on each call
        registry.briefing_pdfs = watch.wrap("PDFs", registry.briefing_pdfs)
        if hasattr(plugin, "index_site"):  # Pagefind, after the pages are written (not in a project before it)
            plugin.index_site = watch.wrap("search index", plugin.index_site)
        for method in ("__init__", "job", "draw_all", "make"):
            setattr(pdf.PdfMaker, method, watch.wrap("PDFs", getattr(pdf.PdfMaker, method)))
        if args.stub_pdfs:
            pdf.PdfMaker.draw = lambda self, job: b"%PDF-1.7\n% not drawn: bench/timed_build.py --stub-pdfs\n%%EOF\n"
    # Material's own search, in the plain Material baseline (and in a project before Pagefind):
    # its time is the search index's, not page rendering's, on both sides
    from material.plugins.search.plugin import SearchPlugin

    SearchPlugin.on_post_build = watch.wrap("search index", SearchPlugin.on_post_build)
    SearchPlugin.on_page_context = watch.wrap("search index", SearchPlugin.on_page_context)
    Files.copy_static_files = watch.wrap("static files", Files.copy_static_files)

    pages: dict[str, dict] = {}
    populate = mk_build._populate_page

    def populate_and_keep(page, config, files, dirty=False):
        populate(page, config, files, dirty)
        pages[page.file.src_uri] = {}
        if args.dump_markdown:
            pages[page.file.src_uri] = {"title": page.title, "markdown": page.markdown}

    mk_build._populate_page = watch.wrap("page rendering", populate_and_keep)
    mk_build._build_page = watch.wrap("page rendering", mk_build._build_page)
    imports = time.perf_counter() - imports_started

    started, started_cpu = time.perf_counter(), cpu_clock()
    config = load_config(args.config, site_dir=args.site_dir, strict=not args.not_strict)
    watch.add("load and validate", time.perf_counter() - started, cpu_clock() - started_cpu)
    if args.rebuild_after_edit:
        config.plugins.on_startup(command="serve", dirty=False)
    watch.wrap("other", mk_build.build)(config)
    wall = time.perf_counter() - started
    first_build = {k: round(v, 4) for k, v in sorted(watch.seconds.items())}
    if args.rebuild_after_edit:
        # as `mkdocs serve` does after a save: the same process (modules imported, server
        # threads running, so no PDF is drawn in a forked worker), the config loaded again
        edit_one_line(Path(args.rebuild_after_edit))
        idle = threading.Event()
        threading.Thread(target=idle.wait, daemon=True).start()
        watch.clear()
        pages.clear()
        started, started_cpu = time.perf_counter(), cpu_clock()
        config = load_config(args.config, site_dir=args.site_dir, strict=not args.not_strict)
        watch.add("load and validate", time.perf_counter() - started, cpu_clock() - started_cpu)
        watch.wrap("other", mk_build.build)(config)
        wall = time.perf_counter() - started
        idle.set()
    seconds = dict(watch.seconds)
    if args.dump_markdown:
        out = Path(args.dump_markdown)
        for src, page in pages.items():
            target = out / src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page["markdown"], encoding="utf-8")
        (out.parent / "titles.json").write_text(json.dumps({s: p["title"] for s, p in pages.items()}), encoding="utf-8")
    result = {
        "pages": len(pages),
        "build_seconds": round(wall, 4),
        "process_seconds": round(time.perf_counter() - STARTED, 4),
        "imports_seconds": round(imports, 4),
        "phases": {k: round(v, 4) for k, v in sorted(seconds.items())},
        "cpu_seconds": round(sum(watch.cpu.values()), 4),
        "cpu_phases": {k: round(v, 4) for k, v in sorted(watch.cpu.items())},
        "load_average": os.getloadavg()[0],
        "first_build_phases": first_build if args.rebuild_after_edit else None,
    }
    Path(args.json).write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main()
