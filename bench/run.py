"""The performance benchmark: ``make bench`` (or ``.venv/bin/python bench/run.py``).

Prints a table and writes every figure to ``bench/results/bench.json``:

- the build of the default site, cold (no PDF cache) and warm, split into phases (load and
  validate, language check, page rendering, PDFs, xlsx, other exports, search index, static
  files, other), and the same for synthetic content at 10x and 100x the real number of
  standards, sources, findings and quotes (bench/synth.py), with the cost per standard;
- the time per page against plain MkDocs Material building the same pages (the Markdown as the
  macros left it, same Markdown extensions and nav, Material's search plugin only), in the same run;
- how long ``mkdocs serve`` takes to show a one-line edit of a YAML file;
- the search at every size: its index on disk, what a visit's six searches fetch (gzip), and
  the time from a query in the box to its results in Chromium;
- the weight of each kind of page (home, a standard, a level, the self-assessment, the language
  checker, a briefing): HTML, CSS and JS, raw and gzip-compressed, and everything Chromium
  fetches for a first view, against the budget (a standard's page at most 100 KB gzip);
- Lighthouse (bench/lighthouse.py, npm lighthouse with Debian's Chromium) on the same pages of
  the default site served with gzip, three runs each: the medians of performance, total
  blocking time, LCP and accessibility, and the audits that cost points (``--lighthouse-runs``;
  0 skips it, as ``--stub-pdfs`` does unless it is given).

Every build runs in a fresh process on a copy of the project in a temporary folder, so the real
checkout, its site/ and its .cache/ are never touched. Options: ``--quick`` (default and 10x,
one serve edit: about 2 minutes), ``--sizes 1,10``, ``--pdf-at-100x`` (draw the PDFs of the
100x content as well, which takes several minutes more; by default the 100x build stands in an
empty PDF for each, and its PDF time is reported as not measured).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import lighthouse  # noqa: E402  (bench/lighthouse.py: Lighthouse on the site served compressed)
import synth  # noqa: E402
import language as language_bench  # noqa: E402  (bench/language.py: a 5,000-word document checked in the browser)
import assessment as assessment_bench  # noqa: E402  (bench/assessment.py: its first screen at 4x CPU slowdown)
import offline as offline_bench  # noqa: E402  (bench/offline.py: the service worker's cache, the zip, a first visit's transfer)
import support  # noqa: E402  (tests/support.py: the copy of the project and mkdocs serve, as the tests make them)

ROOT = Path(__file__).resolve().parent.parent
HARNESS = Path(__file__).resolve().parent / "timed_build.py"
RESULTS = ROOT / "bench" / "results"
PHASES = (
    "load and validate",
    "language check",
    "page rendering",
    "PDFs",
    "xlsx",
    "other exports",
    "search index",
    "static files",
    "other",
)
TARGETS = {
    "per_page_ratio": 1.2,  # page rendering per page, against plain Material
    "default_cold_seconds": 10.0,  # every PDF and xlsx, no PDF cache, on 2 cores
    "per_standard_ratio_100x": 1.2,  # cost per standard at 100x against the default's
    "serve_rebuild_seconds": 1.5,
    "search_download_gzip_bytes": 300_000,  # what a reader fetches for a visit's searches
    "search_results_ms": 300,  # from a query in the box to its results shown
    "standard_first_view_gzip_bytes": 100 * 1024,  # a first view of a standard's page, everything fetched, gzip: 100 KB
    "lighthouse_points_short": 1,  # Lighthouse mobile performance at least 99 on every kind of page (median)
    "lighthouse_tbt_ms": 50,  # total blocking time (median), every kind of page
}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PDFS_PENDING = "changed PDFs are being drawn"  # what macros/adapter/plugin.py and downloads/pdf.py log under mkdocs serve
PDFS_DRAWN = "changed PDFs drawn after the rebuild"


# --- the machine ------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": ram,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


# --- projects and builds ------------------------------------------------------------------


PROJECT = ROOT  # the checkout measured: --project measures another (e.g. an older commit, unpacked)


def copy_project(dest: Path) -> Path:
    """The project's sources, as the tests copy them (tests/support.py), without caches or results."""
    return support.copy_project(dest, PROJECT, cache=False)


def timed_build(project: Path, site: Path, *, dump: Path | None = None, stub_pdfs: bool = False, strict: bool = True) -> dict:
    """One strict build in a fresh process; returns bench/timed_build.py's figures."""
    out = site.parent / f"{site.name}-times.json"
    cmd = [sys.executable, str(HARNESS), "--site-dir", str(site), "--json", str(out)]
    if dump:
        cmd += ["--dump-markdown", str(dump)]
    if stub_pdfs:
        cmd += ["--stub-pdfs"]
    if not strict:
        cmd += ["--not-strict"]
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PRACTICE_GUIDE_PDF_CACHE", None)  # cold or warm is the copy's own .cache/pdf
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(f"the build in {project} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    result = json.loads(out.read_text())
    result["wall_seconds"] = round(time.perf_counter() - started, 3)  # the whole process, as a contributor waits
    return result


def measure_check(work: Path, scales: list[int], log) -> list[dict]:
    """`make check` (load, validate and language-check the data) on the data scaled n times: how
    long it takes per MB of data files, which must stay flat as the data grows (it took 113 s
    for 20 MB before the loader read each file once; 270x is about 20 MB)."""
    rows = []
    for n in scales:
        log(f"make check at {n}x")
        project = copy_project(work / f"check-{n}x")
        if n > 1:
            synth.scale(project, n)
        data = sum(p.stat().st_size for p in (project / "standards").rglob("*.yml"))
        env = {**os.environ, "PYTHONPATH": str(project)}
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project, env=env, capture_output=True, text=True, timeout=3600)
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(f"make check failed on the {n}x data:\n{proc.stderr[-3000:]}")
        rows.append({"scale": n, "data_bytes": data, "seconds": round(seconds, 3), "seconds_per_mb": round(seconds / (data / 1e6), 3)})
        shutil.rmtree(project, ignore_errors=True)
    return rows


def plain_material(pages_md: Path, titles: dict[str, str], dest: Path) -> Path:
    """A plain MkDocs Material project with the same pages and the same theme settings (features,
    palette, the repository and edit links): Material as it comes, with its own search plugin
    (the guide's search is Pagefind, indexed after the pages are written, a phase of its own),
    no overrides, no macros."""
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = dest / "docs"
    shutil.copytree(pages_md, docs)
    for src, title in titles.items():
        path = docs / src
        path.write_text(f"---\ntitle: {json.dumps(title)}\n---\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    config = {
        "site_name": "Plain Material baseline",
        "theme": {"name": "material", "font": False, "features": ours["theme"].get("features", []), "palette": ours["theme"].get("palette", [])},
        # with the same repo_url, Material renders the same repository and edit links on every page
        **{key: ours[key] for key in ("repo_url", "edit_uri") if key in ours},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": ours.get("nav"),
        "not_in_nav": ours.get("not_in_nav", ""),
        "validation": {"omitted_files": "info", "absolute_links": "info", "unrecognized_links": "info", "anchors": "info"},
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def best(runs: list[dict]) -> dict:
    """The fastest of several runs of the same build (the one least slowed by anything else
    the machine was doing), with every run's total kept beside it."""
    fastest = dict(min(runs, key=lambda r: r["build_seconds"]))
    fastest["runs_seconds"] = [r["build_seconds"] for r in runs]
    return fastest


def measure_size(n: int, work: Path, *, stub_pdfs: bool, repeats: int, log) -> dict:
    project = copy_project(work / f"project-{n}x")
    counts = synth.scale(project, n)
    log(f"{n}x: {counts['standards']} standards, {counts['findings']} findings, {counts['quotes']} quotes")
    colds = []
    for i in range(max(1, repeats - 1)):
        shutil.rmtree(project / ".cache", ignore_errors=True)  # cold: no PDF or template cache
        colds.append(timed_build(project, work / f"site-{n}x-cold", stub_pdfs=stub_pdfs))
        log(f"{n}x: cold build {i + 1}: {colds[-1]['build_seconds']:.2f} s")
    cold = best(colds)
    dump = work / f"markdown-{n}x" / "docs"
    warms = [timed_build(project, work / f"site-{n}x", dump=dump, stub_pdfs=stub_pdfs)]
    titles = json.loads((dump.parent / "titles.json").read_text())
    plain_project = plain_material(dump, titles, work / f"plain-{n}x")
    plains = []
    for i in range(repeats):  # in turns, so that both see the same load on the machine
        if i:
            warms.append(timed_build(project, work / f"site-{n}x", stub_pdfs=stub_pdfs))
        plains.append(timed_build(plain_project, work / f"plain-site-{n}x", strict=False))
        log(
            f"{n}x: warm build {i + 1}: {warms[-1]['build_seconds']:.2f} s; plain Material, same {warms[-1]['pages']} pages: {plains[-1]['build_seconds']:.2f} s"
        )
    warm, plain = best(warms), best(plains)
    standards = counts["standards"]
    downloads = ("PDFs", "xlsx", "other exports")

    # the comparisons with plain Material use CPU time, which other work on the machine hardly changes
    def per_page(run: dict) -> float:
        return run["cpu_phases"].get("page rendering", 0.0) / max(run["pages"], 1)

    def without_downloads(run: dict) -> float:
        return run["cpu_seconds"] - sum(run["cpu_phases"].get(p, 0.0) for p in downloads)

    result = {
        "scale": n,
        "counts": counts,
        "pages": warm["pages"],
        "cold": cold,
        "warm": warm,
        "pdfs_measured": not stub_pdfs,
        "per_standard_ms": {
            "cold": round(1000 * cold["build_seconds"] / standards, 2),
            "warm": round(1000 * warm["build_seconds"] / standards, 2),
            "cold_without_pdfs": round(1000 * (cold["build_seconds"] - cold["phases"].get("PDFs", 0)) / standards, 2),
            "pdfs_cold": round(1000 * cold["phases"].get("PDFs", 0) / standards, 2) if not stub_pdfs else None,
        },
        "plain_material": plain,
        "per_page_ms": {
            "ours": round(1000 * per_page(warm), 3),
            "plain": round(1000 * per_page(plain), 3),
            "ours_build_without_downloads": round(1000 * without_downloads(warm) / warm["pages"], 3),
            "plain_build": round(1000 * plain["cpu_seconds"] / plain["pages"], 3),
        },
    }
    result["per_page_ratio"] = round(per_page(warm) / per_page(plain), 3)
    result["build_per_page_ratio"] = round(without_downloads(warm) / warm["pages"] / (plain["cpu_seconds"] / plain["pages"]), 3)
    result["site_dir"] = str(work / f"site-{n}x")
    return result


# --- mkdocs serve ---------------------------------------------------------------------------


def fetch(url: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8", "replace")


def pdfs_settled(serve_log: Path, timeout: float = 180) -> bool:
    """Wait until every PDF drawing that mkdocs serve started after a rebuild has finished."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        text = serve_log.read_text()
        if text.count(PDFS_DRAWN) >= text.count(PDFS_PENDING):
            return True
        time.sleep(0.05)
    return False


def measure_serve(work: Path, edits: int, log) -> dict:
    """Start ``mkdocs serve``, edit one line of a YAML file, time until the page shows it."""
    project = copy_project(work / "project-serve")
    data = project / "standards" / "benchmark" / "operational.yml"
    text = data.read_text(encoding="utf-8")
    found = re.search(r"^- id: (\S+)\n(?:(?!- id:).*\n)*?(  title: (.*))$", text, re.M)
    standard_id, title_line = found.group(1), found.group(2)
    serve_log = work / "serve.log"
    proc, base = support.start_serve(project, serve_log)
    url = f"{base}benchmark/{standard_id}/"
    times: list[float] = []
    pdf_times: list[float | None] = []
    try:
        started = time.perf_counter()
        while "Serving on" not in serve_log.read_text():
            if proc.poll() is not None or time.perf_counter() - started > 300:
                raise SystemExit(f"mkdocs serve did not start:\n{serve_log.read_text()[-3000:]}")
            time.sleep(0.1)
        first_build = time.perf_counter() - started
        fetch(url)
        pdfs_settled(serve_log)  # with no PDF cache, the first build's PDFs are drawn after it too
        for i in range(edits):
            marker = f"Benchmark edit {i + 1} {os.getpid()}"
            data.write_text(text.replace(title_line, f"{title_line} ({marker})", 1), encoding="utf-8")
            edited = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - edited > 120:
                    raise SystemExit(f"the edit did not reach the served page:\n{serve_log.read_text()[-3000:]}")
                time.sleep(0.02)
            times.append(time.perf_counter() - edited)
            # the PDFs the edit changed are drawn after the rebuild (macros/pdf.py): time them
            # too, and let them finish, so that the next edit is timed on a quiet server
            pdf_times.append(pdfs_settled(serve_log) and time.perf_counter() - edited)
            log(f"serve: edit {i + 1} shown after {times[-1]:.2f} s, its PDFs after {pdf_times[-1] or 0:.1f} s")
            time.sleep(0.5)
    finally:
        support.stop_serve(proc)
    builds = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", serve_log.read_text())]
    return {
        "first_build_seconds": round(first_build, 3),
        "edit": f"standards/benchmark/operational.yml: the title line of {standard_id}",
        "rebuild_seconds": [round(t, 3) for t in times],
        "rebuild_median_seconds": round(statistics.median(times), 3),
        "pdfs_redrawn_seconds": [None if t is None else round(t, 2) for t in pdf_times],
        "builds_logged_seconds": builds,
    }


# --- sizes ----------------------------------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"])
        if tag == "script" and a.get("src"):
            self.js.append(a["src"])


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _local(site: Path, page: Path, href: str) -> Path | None:
    href = href.split("#", 1)[0].split("?", 1)[0]
    if not href or re.match(r"^[a-z]+:", href):
        return None
    return (page.parent / href).resolve() if not href.startswith("/") else (site / href.lstrip("/")).resolve()


def page_weight(site: Path, rel: str) -> dict:
    """HTML and every stylesheet and script it links, raw and gzip -6."""
    page = site / rel / "index.html" if not rel.endswith(".html") else site / rel
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    parts = {"html": [page], "css": [_local(site, page, h) for h in parser.css], "js": [_local(site, page, h) for h in parser.js]}
    out: dict = {"page": rel or "/"}
    for kind, paths in parts.items():
        paths = [p for p in paths if p is not None and p.is_file()]
        out[kind] = {
            "files": len(paths),
            "bytes": sum(p.stat().st_size for p in paths),
            "gzip": sum(gz(p.read_bytes()) for p in paths),
        }
    out["total_bytes"] = sum(out[k]["bytes"] for k in parts)
    out["total_gzip"] = sum(out[k]["gzip"] for k in parts)
    return out


@contextlib.contextmanager
def served_chromium(site: Path):
    """The built ``site`` served on a free port and a headless Chromium: (base URL, browser)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            try:
                yield f"http://127.0.0.1:{server.server_address[1]}/", browser
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def _fetched(site: Path, base: str, urls: list[str]) -> list[dict]:
    """The files behind the requests of a page, as served from the built site: bytes, and gzip -6
    where a server would compress (text types; Pagefind's own files are compressed already)."""
    files = []
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            files.append({"url": url, "bytes": None, "gzip": None, "foreign": True})
            continue
        path = url[len(base) :].split("#")[0].split("?")[0]
        local = site / path
        if local.is_dir() or path.endswith("/") or path == "":
            local = local / "index.html"
        if not local.is_file():
            continue
        data = local.read_bytes()
        text = local.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
        files.append({"url": path or "/", "bytes": len(data), "gzip": gz(data) if text else len(data)})
    return files


def first_views(site: Path, pages: dict[str, str]) -> dict:
    """Everything Chromium fetches to show each page (fresh profile), as served from the built site."""
    if not Path(CHROMIUM).exists():
        return {"error": f"no Chromium at {CHROMIUM}"}
    results = {}
    with served_chromium(site) as (base, browser):
        for name, rel in pages.items():
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            urls: list[str] = []
            page.on("request", lambda req, urls=urls: urls.append(req.url))
            page.goto(base + rel, wait_until="networkidle")
            page.wait_for_timeout(500)  # anything a script fetches after load
            files = _fetched(site, base, urls)
            results[name] = {
                "page": rel or "/",
                "requests": len(files),
                "bytes": sum(f["bytes"] or 0 for f in files),
                "gzip": sum(f["gzip"] or 0 for f in files),
                "foreign_requests": [f["url"] for f in files if f.get("foreign")],
                "files": files,
            }
            context.close()
    return results


# What a reader might type in one visit: a title, a question, an abbreviation, a slip, an ID.
SEARCHES = ("sharing information", "how do I share information with the police", "county lines",
            "safegaurding meetings", "my child is being exploited what can I do", "recovery")
TIME_TO_RESULTS = """async (q) => {
  const box = document.getElementById("pg-search-q"), status = document.getElementById("pg-search-status");
  const started = performance.now();
  box.value = q;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((done) => { const look = () => (status.textContent.includes("for \u201c" + q + "\u201d") ? done() : requestAnimationFrame(look)); look(); });
  return performance.now() - started;
}"""


def search_figures(site: Path) -> dict:
    """The search on the built site: its bundle on disk, and in Chromium (fresh profile) the
    time from a query put in the box to its results shown (the first query right after the
    dialog opens, Pagefind still loading, then the rest), and everything the searches fetched."""
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    out: dict = {"bundle_files": len(bundle), "bundle_bytes": sum(p.stat().st_size for p in bundle)}
    if not Path(CHROMIUM).exists():
        return {**out, "error": f"no Chromium at {CHROMIUM}"}
    with served_chromium(site) as (base, browser):
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        urls: list[str] = []
        page.on("request", lambda req: urls.append(req.url))
        page.locator("[data-pg-search-open]").click()
        times = [round(page.evaluate(TIME_TO_RESULTS, q), 1) for q in SEARCHES]
        page.wait_for_timeout(300)
        context.close()
    # what the page itself loads for search (search.js; query.js is imported at once) is part of
    # the page's first view; what opening and searching fetched is counted here, with them
    files = [f for f in _fetched(site, base, urls) if not f.get("foreign")]
    scripts = [p for p in (site / "assets" / "javascripts" / "search").glob("*.js")]
    fetched_gzip = sum(f["gzip"] for f in files) + sum(gz(p.read_bytes()) for p in scripts)
    return {
        **out,
        "queries": list(SEARCHES),
        "ms_to_results": times,
        "first_ms": times[0],
        "then_median_ms": round(statistics.median(times[1:]), 1),
        "max_ms": max(times),
        "download_files": len(files) + len(scripts),
        "download_gzip": fetched_gzip,
    }


def sizes(site: Path) -> dict:
    pages = lighthouse.pages_of(site)  # one of each kind: home, standard, level, assessment, language checker, briefing
    return {
        "search": search_figures(site),
        "pages": {name: page_weight(site, rel) for name, rel in pages.items()},
        "first_view": first_views(site, pages),
        "language_checker": language_bench.measure(site),
        "assessment": assessment_bench.measure(site),
    }


# --- report ---------------------------------------------------------------------------------


def kb(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1024:.0f} KB"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    return "\n".join(lines)


def report(result: dict) -> str:
    out = []
    m = result["machine"]
    out.append(f"Machine: {m['cores']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM, Python {m['python']}")
    runs = result["sizes"]
    rows = [["phase (s)", *[f"{r['scale']}x {kind}" for r in runs for kind in ("cold", "warm")]]]
    for phase in PHASES:
        row = [phase]
        for r in runs:
            for kind in ("cold", "warm"):
                v = r[kind]["phases"].get(phase)
                row.append("-" if v is None else ("stub" if phase == "PDFs" and not r["pdfs_measured"] else f"{v:.2f}"))
        rows.append(row)
    rows.append(["build total", *[f"{r[k]['build_seconds']:.2f}" for r in runs for k in ("cold", "warm")]])
    rows.append(["process (imports too)", *[f"{r[k]['wall_seconds']:.2f}" for r in runs for k in ("cold", "warm")]])
    rows.append(["CPU, PDF workers too", *[f"{r[k]['cpu_seconds']:.2f}" for r in runs for k in ("cold", "warm")]])
    rows.append(["load average (1 min)", *[f"{r[k]['load_average']:.1f}" for r in runs for k in ("cold", "warm")]])
    out.append(table(rows))
    rows = [
        [
            "size",
            "standards",
            "pages",
            "ms/standard cold",
            "ms/standard warm",
            "ms/standard no PDFs",
            "page CPU ms ours",
            "page CPU ms plain",
            "ratio",
            "build/page ratio",
        ]
    ]
    for r in runs:
        p = r["per_standard_ms"]
        rows.append(
            [
                f"{r['scale']}x",
                str(r["counts"]["standards"]),
                str(r["pages"]),
                f"{p['cold']:.1f}" if r["pdfs_measured"] else "n/a",
                f"{p['warm']:.1f}",
                f"{p['cold_without_pdfs']:.1f}",
                f"{r['per_page_ms']['ours']:.2f}",
                f"{r['per_page_ms']['plain']:.2f}",
                f"{r['per_page_ratio']:.2f}",
                f"{r['build_per_page_ratio']:.2f}",
            ]
        )
    out.append(table(rows))
    if result.get("marginal_ms_per_standard"):
        steps = ", ".join(f"to {k}x: {v:.1f} ms" for k, v in result["marginal_ms_per_standard"].items())
        out.append(f"Warm build CPU time (PDFs left out) per standard added, from the size before: {steps}")
    if result.get("serve"):
        s = result["serve"]
        out.append(
            f"mkdocs serve: first build {s['first_build_seconds']:.1f} s; rebuild after a one-line YAML edit: "
            f"median {s['rebuild_median_seconds']:.2f} s ({', '.join(f'{t:.2f}' for t in s['rebuild_seconds'])}); "
            f"the changed PDFs followed after {', '.join('-' if t is None else f'{t:.1f}' for t in s['pdfs_redrawn_seconds'])} s"
        )
    if result.get("check"):
        steps = "; ".join(f"{r['scale']}x {r['data_bytes'] / 1e6:.1f} MB in {r['seconds']:.1f} s ({r['seconds_per_mb']:.2f} s/MB)" for r in result["check"])
        out.append(f"make check (load, validate, language check): {steps}")
    z = result["sizes_default"]
    for scale, f in [(1, z["search"]), *sorted((int(k), v) for k, v in result.get("search_at_scale", {}).items())]:
        if "ms_to_results" not in f:
            out.append(f"Search at {scale}x: {f.get('error', 'not measured')}")
            continue
        out.append(
            f"Search at {scale}x: index {kb(f['bundle_bytes'])} in {f['bundle_files']} files; {len(f['queries'])} searches fetched "
            f"{kb(f['download_gzip'])} in {f['download_files']} files (gzip); query to results: first {f['first_ms']:.0f} ms "
            f"(Pagefind loading), then median {f['then_median_ms']:.0f} ms, slowest {f['max_ms']:.0f} ms"
        )
    rows = [["page", "HTML", "CSS", "JS", "total (gzip)", "first view, all requests (gzip)", "requests", "budget"]]
    for name, w in z["pages"].items():
        fv = z["first_view"].get(name, {}) if isinstance(z["first_view"], dict) else {}
        rows.append(
            [
                f"{name} ({w['page']})",
                f"{kb(w['html']['bytes'])} ({kb(w['html']['gzip'])})",
                f"{kb(w['css']['bytes'])} ({kb(w['css']['gzip'])})",
                f"{kb(w['js']['bytes'])} ({kb(w['js']['gzip'])})",
                f"{kb(w['total_bytes'])} ({kb(w['total_gzip'])})",
                f"{kb(fv.get('bytes'))} ({kb(fv.get('gzip'))})",
                str(fv.get("requests", "n/a")),
                f"{kb(TARGETS['standard_first_view_gzip_bytes'])}: {'met' if fv.get('gzip', 1e12) <= TARGETS['standard_first_view_gzip_bytes'] else 'OVER'}",
            ]
        )
    out.append(table(rows))
    out.append(language_bench.report((result.get("sizes_default") or {}).get("language_checker")))
    out.append(assessment_bench.report((result.get("sizes_default") or {}).get("assessment")))
    if result.get("lighthouse"):
        out.append(lighthouse.report(result["lighthouse"]))
    rows = [["target", "limit", "measured", "met"]]
    for t in result["targets"]:
        rows.append(
            [
                t["name"],
                str(t["limit"]),
                "not measured" if t["measured"] is None else str(t["measured"]),
                {True: "yes", False: "NO", None: "-"}[t["met"]],
            ]
        )
    out.append(table(rows))
    return "\n\n".join(out)


def marginal(runs: list[dict]) -> dict[int, float]:
    """CPU milliseconds of warm build (PDFs left out) for each standard added from one size to the next:
    flat when the build scales linearly, whatever its fixed start-up cost."""
    out = {}
    ordered = sorted(runs, key=lambda r: r["scale"])
    for small, big in zip(ordered, ordered[1:]):

        def cost(r):
            return r["warm"]["cpu_seconds"] - r["warm"]["cpu_phases"].get("PDFs", 0.0)

        added = big["counts"]["standards"] - small["counts"]["standards"]
        out[big["scale"]] = round(1000 * (cost(big) - cost(small)) / added, 3)
    return out


def targets(result: dict) -> list[dict]:
    by_scale = {r["scale"]: r for r in result["sizes"]}
    one = by_scale.get(1)
    big = by_scale.get(100)
    out = []

    def add(name, limit, measured):
        out.append({"name": name, "limit": limit, "measured": measured, "met": None if measured is None else measured <= limit})

    add("page rendering per page / plain Material (default)", TARGETS["per_page_ratio"], one and one["per_page_ratio"])
    add("default site, cold, every PDF and xlsx (s)", TARGETS["default_cold_seconds"], one and one["cold"]["build_seconds"])
    ratio = None
    if one and big:
        key = "cold" if big["pdfs_measured"] else "cold_without_pdfs"
        ratio = round(big["per_standard_ms"][key] / one["per_standard_ms"][key], 3)
    add("cost per standard at 100x / default", TARGETS["per_standard_ratio_100x"], ratio)
    added_cost = result.get("marginal_ms_per_standard", {})
    if 10 in added_cost and 100 in added_cost:
        add(
            "cost of each added standard, 10x to 100x / 1x to 10x (no PDFs)",
            TARGETS["per_standard_ratio_100x"],
            round(added_cost[100] / added_cost[10], 3),
        )
    add(
        "serve rebuild after a YAML edit (s)",
        TARGETS["serve_rebuild_seconds"],
        result.get("serve") and result["serve"]["rebuild_median_seconds"],
    )
    search = result["sizes_default"]["search"]
    add("search: what a visit's searches fetch, default, gzip (bytes)", TARGETS["search_download_gzip_bytes"], search.get("download_gzip"))
    add("search: query to results, slowest of the visit, default (ms)", TARGETS["search_results_ms"], search.get("max_ms"))
    fv = result["sizes_default"]["first_view"]
    add(
        "standard page, first view, gzip (bytes)",
        TARGETS["standard_first_view_gzip_bytes"],
        fv.get("standard", {}).get("gzip") if isinstance(fv, dict) else None,
    )
    lh = result.get("lighthouse") or {}
    medians = [p["median"] for p in lh.get("pages", {}).values()]
    add(
        "Lighthouse performance, points short of 100, worst page (median of runs)",
        TARGETS["lighthouse_points_short"],
        max(100 - m["performance"] for m in medians) if medians else None,
    )
    add(
        "Lighthouse total blocking time, worst page (median of runs, ms)",
        TARGETS["lighthouse_tbt_ms"],
        max(m["total_blocking_time_ms"] for m in medians) if medians else None,
    )
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="default and 10x content, one serve edit")
    parser.add_argument("--sizes", help="comma-separated scales, e.g. 1,10,100 (1 is always included)")
    parser.add_argument("--pdf-at-100x", action="store_true", help="draw the PDFs at 100x too (several minutes)")
    parser.add_argument("--stub-pdfs", action="store_true", help="draw no PDF at any size (to check the script itself quickly)")
    parser.add_argument("--serve-edits", type=int, help="how many YAML edits to time under mkdocs serve (0: skip)")
    parser.add_argument("--out", default=str(RESULTS / "bench.json"))
    parser.add_argument(
        "--repeats", type=int, help="runs of each build, the fastest kept (default: 3 at 1x, 2 at 10x, 1 at 100x)"
    )
    parser.add_argument("--project", help="measure this copy of the project instead of the checkout (its bench/ is not used)")
    parser.add_argument(
        "--lighthouse-runs", type=int, help="Lighthouse runs per page on the default site (default 3; 0 with --stub-pdfs)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args(argv)
    scales = [int(x) for x in args.sizes.split(",")] if args.sizes else ([1, 10] if args.quick else [1, 10, 100])
    scales = sorted(set(scales) | {1})
    edits = args.serve_edits if args.serve_edits is not None else (1 if args.quick else 3)
    global PROJECT
    PROJECT = Path(args.project).resolve() if args.project else ROOT
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="practice-guide-bench-"))
    try:
        result: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(), "options": vars(args)}
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "macros", "overrides", "mkdocs.yml"], cwd=ROOT, capture_output=True, text=True
        )
        result["commit"] = (commit.stdout.strip() + (" with local changes" if dirty.stdout.strip() else "")) or None
        result["project"] = str(PROJECT)
        result["sizes"] = [
            measure_size(
                n,
                work,
                stub_pdfs=args.stub_pdfs or (n >= 100 and not args.pdf_at_100x),
                repeats=args.repeats or (3 if n == 1 else 2 if n <= 10 else 1),
                log=log,
            )
            for n in scales
        ]
        log("page weights")
        result["sizes_default"] = sizes(Path(result["sizes"][0]["site_dir"]))
        result["offline"] = offline_bench.measure(Path(result["sizes"][0]["site_dir"]), log=log)
        runs = args.lighthouse_runs if args.lighthouse_runs is not None else (0 if args.stub_pdfs else lighthouse.RUNS)
        if runs:
            log(f"Lighthouse, {runs} runs of each kind of page")
            result["lighthouse"] = lighthouse.measure(Path(result["sizes"][0]["site_dir"]), runs=runs, log=log)
        log("search at the larger sizes")
        result["search_at_scale"] = {str(r["scale"]): search_figures(Path(r["site_dir"])) for r in result["sizes"][1:]}
        result["serve"] = measure_serve(work, edits, log) if edits else None
        result["check"] = measure_check(work, scales if (args.quick or args.sizes) else sorted({*scales, 270}), log)
        result["marginal_ms_per_standard"] = marginal(result["sizes"])
        result["targets"] = targets(result)
        result["bench_seconds"] = round(time.perf_counter() - started, 1)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    print(offline_bench.report(result.get("offline")))
    print(f"\nWritten to {out} in {result['bench_seconds']:.0f} s")
    return result


if __name__ == "__main__":
    main()
