"""Lighthouse on the built site, served compressed: ``make lighthouse`` (or part of ``make bench``).

The built site is served from a local folder with gzip, as GitHub Pages serves it (text files
compressed when the browser asks, ``Cache-Control: max-age=600``), and npm's ``lighthouse``
(pinned in package.json, installed by ``npm ci`` into node_modules/) runs with Debian's Chromium
(``CHROME_PATH``, /usr/bin/chromium by default) on each kind of page: home, a standard, a level,
the self-assessment, the language checker and a briefing. Mobile defaults: simulated slow 4G and
a 4x CPU slowdown. Each page is run three times (``--runs``) and the medians printed: the
performance score, total blocking time, largest contentful paint, first contentful paint, and the
accessibility score; then, for each page, the audits that cost it points in either category.

Lighthouse's simulation takes its figures from what the page did on this machine, so a busy
machine (other builds, other browsers) gives slower pages: compare runs taken together, and read
the medians. Nothing here is asserted in a test.

    .venv/bin/python bench/lighthouse.py --site site            # the site `make site` built
    .venv/bin/python bench/lighthouse.py --site site --runs 1 --pages home,standard
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM", "/usr/bin/chromium")
RUNS = 3
TARGETS = {"performance": 99, "total_blocking_time_ms": 50, "accessibility": 100}
# what GitHub Pages compresses (and any CDN): text, not images, fonts or Pagefind's own .pf_ files
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"}
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("application/manifest+json", ".webmanifest")


def pages_of(site: Path) -> dict[str, str]:
    """One page of each kind, found in the built site (the first standard and the first level)."""
    assessment = json.loads((site / "assets" / "data" / "assessment.json").read_text(encoding="utf-8"))
    first = assessment["standards"][0]["url"].strip("/")  # benchmark/STR-ALONG-01/
    level = first.rsplit("/", 1)[0] + "/" + assessment["standards"][0].get("level", "strategic")
    if not (site / level / "index.html").is_file():
        level = "benchmark/strategic"
    briefings = sorted(p.parent.name for p in (site / "briefings").glob("*/index.html"))
    return {
        "home": "",
        "standard": first + "/",
        "level": level.strip("/") + "/",
        "assessment": "assessment/",
        "language checker": "language-checker/",
        "briefing": f"briefings/{briefings[0]}/" if briefings else "briefings/",
    }


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files from the site, gzip-compressed when asked (each file compressed once)."""

    cache: dict[Path, bytes] = {}
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        else:
            status = 200
        data = path.read_bytes()
        gzipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            with self.lock:
                if path not in self.cache:
                    self.cache[path] = gzip.compress(data, compresslevel=6, mtime=0)
                data = self.cache[path]
        self.send_response(status)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(data)


@contextlib.contextmanager
def served(site: Path):
    """The site on a free local port, compressed: its base URL."""
    handler = type("Handler", (_Handler,), {"cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run_once(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile defaults) of url: its JSON report."""
    profile = Path(tempfile.mkdtemp(prefix="lighthouse-profile-"))
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        "--quiet",
        f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --user-data-dir={profile}",
    ]
    try:
        proc = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def _score(report: dict, category: str) -> float | None:
    s = report["categories"].get(category, {}).get("score")
    return None if s is None else round(100 * s)


def _metric(report: dict, audit: str) -> float | None:
    value = report["audits"].get(audit, {}).get("numericValue")
    return None if value is None else round(value, 1)


def costing(report: dict) -> list[dict]:
    """The audits that cost points: weighted in performance or accessibility and not full marks,
    and the performance opportunities with savings, with what Lighthouse says they cost."""
    out = []
    for category in ("performance", "accessibility"):
        for ref in report["categories"].get(category, {}).get("auditRefs", []):
            audit = report["audits"].get(ref["id"], {})
            score = audit.get("score")
            weighted = ref.get("weight", 0) > 0 and score is not None and score < 1
            savings = (audit.get("details") or {}).get("overallSavingsMs") or 0
            opportunity = (
                category == "performance" and audit.get("scoreDisplayMode") == "metricSavings" and score is not None and score < 1
            )
            if weighted or opportunity or (savings and savings >= 50):
                out.append(
                    {
                        "category": category,
                        "id": ref["id"],
                        "title": audit.get("title", ref["id"]),
                        "score": score,
                        "weight": ref.get("weight", 0),
                        "display": audit.get("displayValue", ""),
                        "savings_ms": round(savings) if savings else None,
                        "items": [
                            (it.get("url") or (it.get("node") or {}).get("snippet") or "")[:120]
                            for it in ((audit.get("details") or {}).get("items") or [])[:4]
                            if isinstance(it, dict)
                        ],
                    }
                )
    return out


def measure(site: Path, *, runs: int = RUNS, names: list[str] | None = None, log=print, keep: Path | None = None) -> dict:
    """Lighthouse ``runs`` times on each kind of page of the built ``site``: the medians, every run's
    figures and the audits that cost points (from the run whose score is the median)."""
    if not LIGHTHOUSE.exists():
        return {"error": f"no {LIGHTHOUSE.relative_to(ROOT)}: run `make setup` (npm ci) first"}
    if not Path(CHROMIUM).exists():
        return {"error": f"no Chromium at {CHROMIUM}"}
    pages = pages_of(site)
    if names:
        pages = {k: v for k, v in pages.items() if k in names}
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    work = keep or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"lighthouse": version, "chromium": CHROMIUM, "runs": runs, "served": "gzip -6, as GitHub Pages", "pages": {}}
    try:
        with served(site) as base:
            for name, rel in pages.items():
                reports = []
                for i in range(runs):
                    started = time.perf_counter()
                    reports.append(run_once(base + rel, work / f"{name.replace(' ', '-')}-{i + 1}.json"))
                    r = reports[-1]
                    log(
                        f"lighthouse {name} ({rel or '/'}) run {i + 1}: performance {_score(r, 'performance')}, "
                        f"TBT {_metric(r, 'total-blocking-time'):.0f} ms, LCP {_metric(r, 'largest-contentful-paint'):.0f} ms, "
                        f"accessibility {_score(r, 'accessibility')} ({time.perf_counter() - started:.0f} s)"
                    )
                figures = {
                    "performance": [_score(r, "performance") for r in reports],
                    "total_blocking_time_ms": [_metric(r, "total-blocking-time") for r in reports],
                    "largest_contentful_paint_ms": [_metric(r, "largest-contentful-paint") for r in reports],
                    "first_contentful_paint_ms": [_metric(r, "first-contentful-paint") for r in reports],
                    "speed_index_ms": [_metric(r, "speed-index") for r in reports],
                    "cumulative_layout_shift": [_metric(r, "cumulative-layout-shift") for r in reports],
                    "accessibility": [_score(r, "accessibility") for r in reports],
                }
                middle = sorted(reports, key=lambda r: _score(r, "performance") or 0)[len(reports) // 2]
                result["pages"][name] = {
                    "page": rel or "/",
                    "runs": figures,
                    "median": {k: statistics.median(v) for k, v in figures.items() if all(x is not None for x in v)},
                    "costing": costing(middle),
                    "transfer_bytes": sum(
                        it.get("transferSize", 0)
                        for it in middle["audits"].get("network-requests", {}).get("details", {}).get("items", [])
                    ),
                }
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    result["load_average"] = round(os.getloadavg()[0], 1)
    return result


def report(result: dict) -> str:
    if "error" in result:
        return f"Lighthouse: {result['error']}"
    head = ["page", "performance", "TBT (ms)", "LCP (ms)", "FCP (ms)", "CLS", "accessibility", "transferred (KB)"]
    rows = [head]
    for name, p in result["pages"].items():
        m = p["median"]
        rows.append(
            [
                f"{name} ({p['page']})",
                f"{m.get('performance', 'n/a')} {p['runs']['performance']}",
                f"{m.get('total_blocking_time_ms', 0):.0f}",
                f"{m.get('largest_contentful_paint_ms', 0):.0f}",
                f"{m.get('first_contentful_paint_ms', 0):.0f}",
                f"{m.get('cumulative_layout_shift', 0):.3f}",
                f"{m.get('accessibility', 'n/a')}",
                f"{p['transfer_bytes'] / 1024:.0f}",
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    out = [
        f"Lighthouse {result['lighthouse']} (mobile: simulated slow 4G, 4x CPU), {result['runs']} runs per page, medians "
        f"(every run's score in brackets); served {result['served']}; load average {result['load_average']} at the end. "
        f"Targets: performance at least {TARGETS['performance']}, TBT at most {TARGETS['total_blocking_time_ms']} ms, "
        f"accessibility {TARGETS['accessibility']}.",
        "\n".join(lines),
    ]
    for name, p in result["pages"].items():
        if not p["costing"]:
            continue
        out.append(f"What costs {name} points (the median run):")
        for a in p["costing"]:
            score = "n/a" if a["score"] is None else f"{a['score']:.2f}"
            extra = f", saves about {a['savings_ms']} ms" if a["savings_ms"] else ""
            items = f"; {', '.join(i for i in a['items'] if i)}" if any(a["items"]) else ""
            out.append(
                f"  {a['category']}: {a['title']} (score {score}, weight {a['weight']}{extra}) {a['display']}{items}".rstrip()
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/, as `make site` builds it)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per page, the median kept (default {RUNS})")
    parser.add_argument("--pages", help="comma-separated kinds: home,standard,level,assessment,language checker,briefing")
    parser.add_argument("--json", help="write every figure here as JSON too")
    parser.add_argument("--keep", help="keep each run's Lighthouse report in this folder")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"no built site in {site}: run `make site` first, or give --site")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    names = [n.strip() for n in args.pages.split(",")] if args.pages else None
    result = measure(site, runs=args.runs, names=names, log=log, keep=Path(args.keep) if args.keep else None)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    return result


if __name__ == "__main__":
    main()
