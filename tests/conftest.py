"""Shared fixtures for the three tiers of tests.

- ``guide``: the real data, loaded once.
- ``project_copy``: a copy of the project to break (``support.copy_project``, shared with bench/).
- ``build_site(project_dir, out_dir)``: runs a real strict ``mkdocs build`` (a subprocess,
  as a user would) and returns the completed process.
- ``site_dir``: the real site, built strictly once per session into a temp folder.
- ``site_url``: that site served over HTTP on 127.0.0.1 (a random free port).
- ``browser`` / ``page``: Playwright driving Debian's Chromium. There is no skip: a missing
  Chromium fails the browser tests with the command that installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from macros.data.load import load_guide
from support import copy_project  # noqa: F401  (one copy for the tests and bench/run.py; some tests import it from here)

ROOT = Path(__file__).resolve().parent.parent
# Every build in one test run has the same date. MkDocs dates each page, the sitemap and the gzip
# header of sitemap.xml.gz "today", so two builds either side of midnight UTC differ (CI compared a
# MkDocs and a ProperDocs build made across midnight and failed). Builds inherit this from os.environ.
os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags the closed network here needs: without them Chromium keeps trying Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def guide():
    return load_guide(ROOT / "standards", ROOT)


def run_build(project_dir: Path, out_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """A strict ``mkdocs build`` of the project in ``project_dir`` into ``out_dir``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project_dir)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out_dir), *extra],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def build_site():
    return run_build


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_build(ROOT, out)
    if result.returncode != 0:
        pytest.fail(f"the real site does not build strictly:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(site_dir):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run 'make system' (apt-get install chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser context (empty storage) whose every request is recorded.

    ``page.foreign_requests`` lists requests to any origin but the site's own; they are
    blocked, so a test never reaches the network, and asserted on by the tests that care.
    """
    context = browser.new_context(base_url=site_url, service_workers="block")
    pg = context.new_page()
    pg.foreign_requests = []

    def foreign(url: str) -> bool:
        return not url.startswith((site_url, "data:", "blob:"))

    def block(route):
        if route.request.url not in pg.foreign_requests:
            pg.foreign_requests.append(route.request.url)
        route.abort()

    # Only off-origin URLs are routed: routing same-origin requests too would stall the
    # requests of Material's search worker. Every request is also logged as it is made.
    context.route(foreign, block)
    context.on("request", lambda req: foreign(req.url) and req.url not in pg.foreign_requests and pg.foreign_requests.append(req.url))
    yield pg
    context.close()


def pytest_collection_modifyitems(config, items):
    # Tests under tests/browser/ drive Chromium: mark them so `make test-fast` can leave them out.
    for item in items:
        if "browser" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.browser)
