"""The guide with no signal, measured (issue 20): one call from bench/run.py.

On a built site (the default content): how long the build's last step takes (the zip for a
folder, the sizes on the pages, sw.js: macros/web/offline.py), what the service worker keeps and
the zip holds, and what a reader's browser fetches, counted by the server that serves it:

- the first visit of the home page without the worker (as before issue 20) and with it, until
  the worker holds the whole guide;
- a new version with one page changed: what the same browser fetches to update;
- the time from the first request of the visit to the guide being stored.

Bytes are as served (no compression), with gzip -6 beside them for the text files, as a
server that compresses would send them. Returns a dict for bench.json; ``report`` prints it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


def _gz(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in TEXT else len(data)


class _Counting(http.server.SimpleHTTPRequestHandler):
    served: list  # (path, bytes, gzip) of each file sent

    def log_message(self, *args):
        pass

    def send_head(self):
        f = super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if f is not None and path.is_file():
            self.served.append((self.path, path.stat().st_size, _gz(path)))
        return f


def _sum(served: list) -> dict:
    return {"requests": len(served), "bytes": sum(s[1] for s in served), "gzip": sum(s[2] for s in served)}


def measure(site: Path, log=print) -> dict:
    """Every figure, on a copy of ``site`` (a built site; the copy is changed, never ``site``)."""
    from macros.web import offline

    work = Path(tempfile.mkdtemp(prefix="practice-guide-offline-"))
    try:
        folder = work / "site"
        shutil.copytree(site, folder)
        started = time.perf_counter()
        made = offline.finish_site(folder, ROOT / "overrides" / "assets" / "javascripts")
        out: dict = {
            "step_seconds": round(time.perf_counter() - started, 3),
            "cache_files": made.files,
            "cache_bytes": made.cached,
            "zip_bytes": made.zipped,
            "zip_files": made.zip_files,
        }
        if not Path(CHROMIUM).exists():
            return {**out, "error": f"no Chromium at {CHROMIUM}"}
        out.update(_in_chromium(folder, offline, log))
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _in_chromium(folder: Path, offline, log) -> dict:
    from playwright.sync_api import sync_playwright

    served: list = []
    handler = type("Handler", (_Counting,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            try:
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                page.goto(base, wait_until="networkidle")
                out["first_visit_without_worker"] = _sum(served)
                context.close()
                served.clear()
                context = browser.new_context(service_workers="allow")
                page = context.new_page()
                started = time.perf_counter()
                page.goto(base, wait_until="load")
                page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120000)
                out["seconds_to_stored"] = round(time.perf_counter() - started, 2)
                page.wait_for_timeout(300)
                out["first_visit_with_worker"] = _sum(served)
                log(f"offline: first visit {out['first_visit_with_worker']['gzip'] // 1024} KB gzip with the worker, "
                    f"{out['first_visit_without_worker']['gzip'] // 1024} KB without; stored in {out['seconds_to_stored']} s")
                # a new version: one page changed, the build's last step again
                about = folder / "about" / "index.html"
                about.write_text(about.read_text("utf-8").replace("</h1>", "</h1><p>Changed.</p>", 1), "utf-8")
                offline.finish_site(folder, ROOT / "overrides" / "assets" / "javascripts")
                served.clear()
                page.reload(wait_until="load")
                page.wait_for_selector("[data-pg-offline-update]", timeout=120000)
                out["update_one_page_changed"] = _sum(served)
                out["update_files"] = sorted({s[0] for s in served})
                context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def report(o: dict | None) -> str:
    if not o:
        return ""
    kb = lambda n: f"{n / 1024:,.0f} KB"  # noqa: E731
    lines = [
        "Offline (issue 20), default content:",
        f"  build's last step (zip, sizes, sw.js): {o['step_seconds']:.2f} s",
        f"  kept by the service worker: {o['cache_files']} files, {kb(o['cache_bytes'])}; the zip: {kb(o['zip_bytes'])}, {o['zip_files']} files",
    ]
    if "first_visit_with_worker" in o:
        w, wo, u = o["first_visit_with_worker"], o["first_visit_without_worker"], o["update_one_page_changed"]
        lines += [
            f"  first visit of the home page: {wo['requests']} files, {kb(wo['bytes'])} ({kb(wo['gzip'])} gzip) without the worker; "
            f"{w['requests']} files, {kb(w['bytes'])} ({kb(w['gzip'])} gzip) with it, stored {o['seconds_to_stored']} s after the first request",
            f"  a new version with one page changed: {u['requests']} files, {kb(u['bytes'])} ({kb(u['gzip'])} gzip) fetched to update",
        ]
    elif "error" in o:
        lines.append(f"  in Chromium: {o['error']}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    print(report(measure(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site"))))
