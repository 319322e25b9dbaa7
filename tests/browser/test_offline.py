"""The guide with no signal, in Chromium: after one visit over http, every page, the search, the
self-assessment, the language checker and quick exit work offline (the service worker); a new
build reaches a reader who had the old one, and says so; the button on /offline/ removes it all;
and the zip, unpacked, works from file:// for the same set."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError, expect

from macros.web import offline

ROOT = Path(__file__).resolve().parents[2]
KEY = "pasp-assessments"


def pages_of(folder: Path) -> list[str]:
    """Every page of a built site, as a reader's link names it (about/, not about/index.html)."""
    out = []
    for f in sorted(folder.rglob("index.html")):
        rel = f.relative_to(folder).as_posix()
        out.append(rel.removesuffix("index.html"))
    return out


def contained(context, allowed: str) -> list[str]:
    """Abort every request that leaves ``allowed`` (and record it): no test reaches the network."""
    foreign: list[str] = []

    def block(route):
        foreign.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith((allowed, "data:", "blob:")), block)
    return foreign


@pytest.fixture
def reader(browser, site_url):
    """A fresh browser that lets the site's service worker run."""
    context = browser.new_context(base_url=site_url, service_workers="allow")
    context.foreign = contained(context, site_url)
    yield context
    context.close()


def store(page, url: str) -> int:
    """Visit once and wait for the worker to hold the guide; the number of files it cached."""
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
    return page.evaluate(
        """async () => {
          const names = (await caches.keys()).filter(n => n.startsWith('pg-offline-'));
          let n = 0;
          for (const name of names) n += (await (await caches.open(name)).keys()).length;
          return n;
        }"""
    )


def rate_reload_and_check(page) -> None:
    """On the self-assessment page: start one, rate the first standard shown, reload, still rated."""
    page.wait_for_selector("#pg-as[data-ready]")
    page.click("#pg-as-new")
    first = page.locator(".pg-as-std").first.get_attribute("id").removeprefix("std-")
    page.check(f"#rate-{first}-amber")
    expect(page.locator("#pg-as-status")).to_contain_text(f"{first} rated Amber")
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    assert page.is_checked(f"#rate-{first}-amber")
    assert not page.is_checked(f"#rate-{first}-red")  # negative control
    assert KEY in page.evaluate("Object.keys(localStorage)")


def listed(site: Path) -> dict:
    text = (site / "sw.js").read_text("utf-8").split("\n", 1)[0]
    return json.loads(text.removeprefix("self.PG_OFFLINE = ").removesuffix(";"))["files"]


def test_without_the_worker_an_offline_page_does_not_open(browser, site_url):
    """Negative control: offline really is offline here."""
    context = browser.new_context(base_url=site_url, service_workers="block")
    contained(context, site_url)
    page = context.new_page()
    page.goto("about/")
    context.set_offline(True)
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
        page.goto("evidence/")
    context.close()


def test_after_one_visit_every_page_and_download_opens_offline(reader, site_dir, site_url):
    page = reader.new_page()
    held = store(page, "")
    files = listed(site_dir)
    assert held == len(files) + 1  # every file of the list, and the record of their hashes
    reader.set_offline(True)
    pages = pages_of(site_dir)
    assert len(pages) > 60 and "offline/" in pages
    for path in pages:
        response = page.goto(path)
        assert response is not None and response.ok, path
        assert page.locator("h1").count() >= 1, path
        assert page.title(), path
    # a page found by search opens with the words to mark
    assert page.goto("about/?highlight=guide").ok
    # every download but the zip, byte for byte
    for pdf in sorted((site_dir / "downloads").iterdir()):
        size = page.evaluate("async (u) => { try { const r = await fetch(u); return r.ok ? (await r.arrayBuffer()).byteLength : -1 } catch { return -1 } }",
                             f"{site_url}downloads/{pdf.name}")
        if pdf.name == offline.ZIP:
            assert size == -1  # not kept: the copy for a folder is for another device
        else:
            assert size == pdf.stat().st_size, pdf.name
    assert reader.foreign == []


def test_offline_search_the_assessment_the_checker_and_quick_exit(reader, site_url):
    page = reader.new_page()
    store(page, "")
    reader.set_offline(True)
    # search: Pagefind, its WebAssembly and its index, from the cache
    page.goto("evidence/")
    page.click("[data-pg-search-open]")
    page.fill("#pg-search-q", "sharing information")
    expect(page.locator("#pg-search-results a").first).to_be_visible(timeout=10000)
    assert "could not be loaded" not in page.inner_text("#pg-search-status")
    first = page.locator("#pg-search-results a").first
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1 and "evidence/" not in page.url
    # the self-assessment: rate, reload, still there
    page.goto("assessment/")
    rate_reload_and_check(page)
    # the language checker
    page.goto("language-checker/")
    page.wait_for_selector("#pg-lc[data-ready='true']")
    page.fill("#pg-lc-text", "Visit notes.\nMum is hard to reach.")
    page.click("#pg-lc-check")
    page.wait_for_function("() => /found/.test(document.getElementById('pg-lc-status').textContent)")
    assert "1 phrase found" in page.text_content("#pg-lc-status")
    # quick exit: the guide leaves the screen and the history, signal or not (the neutral page
    # is answered by a stub, as in test_quick_exit.py: with no signal the browser shows its own
    # "no connection" page there, which does not show the guide either)
    page.goto("")
    home = page.url
    page.goto("staying-safe/")
    exit_url = page.get_attribute("[data-pg-exit-button]", "href")
    page.route(exit_url.rstrip("/") + "**", lambda route: route.fulfill(status=200, content_type="text/html",
               body="<!doctype html><title>Neutral page</title><p>Weather</p>"))
    page.click("[data-pg-exit-button]")
    page.wait_for_url(exit_url)
    assert page.title() == "Neutral page"
    page.go_back()
    assert page.url == home  # the page left is not in the history
    assert reader.foreign == []


def test_the_offline_page_states_what_is_stored_and_removes_it(reader, site_dir):
    page = reader.new_page()
    store(page, "offline/")
    page.reload()
    status = page.locator("[data-pg-offline-status]")
    expect(status).to_have_text("The guide is stored in this browser on this device.")
    assert status.get_attribute("role") == "status"  # what the buttons did is announced
    # the figures are what this browser holds, counted here
    held = page.evaluate(
        """async () => {
          const cache = await caches.open((await caches.keys()).find(n => n.startsWith('pg-offline-')));
          let bytes = 0, files = 0;
          for (const req of await cache.keys()) {
            if (req.url.endsWith('pg-offline-manifest')) continue;
            files += 1;
            bytes += (await (await cache.match(req)).arrayBuffer()).byteLength;
          }
          return { bytes, files };
        }"""
    )
    shown_files = page.inner_text("[data-pg-offline-size='files']")
    shown_size = page.inner_text("[data-pg-offline-size='cache']")
    assert int(shown_files.replace(",", "")) == held["files"]
    number, unit = shown_size.split()
    assert unit == "MB" and abs(float(number) - held["bytes"] / 1024 / 1024) <= 0.05
    zipped = (site_dir / "downloads" / offline.ZIP).stat().st_size
    number, unit = page.inner_text("[data-pg-offline-size='zip']").split()
    assert unit == "MB" and abs(float(number) - zipped / 1024 / 1024) <= 0.05
    # remove: the caches go, the worker goes, and it is not stored again on the next visit
    page.click("[data-pg-offline-remove]")
    expect(status).to_contain_text("Removed.")
    gone = page.evaluate("async () => [(await caches.keys()).length, (await navigator.serviceWorker.getRegistrations()).length]")
    assert gone == [0, 0]
    page.goto("about/")
    page.goto("offline/")
    page.wait_for_timeout(500)
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    expect(status).to_contain_text("will not be stored again")
    assert page.is_hidden("[data-pg-offline-remove]") and page.is_visible("[data-pg-offline-restore]")
    # ... unless the reader chooses to
    page.click("[data-pg-offline-restore]")
    expect(status).to_have_text("The guide is stored in this browser on this device.", timeout=30000)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def own_site(site_dir, tmp_path):
    """A copy of the built site, served from its own folder, for a test that publishes a new version."""
    folder = tmp_path / "site"
    shutil.copytree(site_dir, folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_new_version_reaches_a_reader_who_had_the_old_one(browser, own_site):
    folder, url = own_site
    context = browser.new_context(base_url=url, service_workers="allow")
    foreign = contained(context, url)
    page = context.new_page()
    store(page, "about/")
    before = listed(folder)["about/"]
    # a new version is published: a page changed, then the build's last step as the build runs it
    about = folder / "about" / "index.html"
    about.write_text(about.read_text("utf-8").replace("</h1>", "</h1>\n<p id='pg-test-new'>Published since.</p>", 1), "utf-8")
    offline.finish_site(folder, ROOT / "overrides" / "assets" / "javascripts")
    assert listed(folder)["about/"] != before
    page.reload()
    news = page.locator("[data-pg-offline-news]")
    expect(news).to_contain_text("A newer version of this guide is ready.", timeout=30000)
    assert news.get_attribute("role") == "status"
    assert page.locator("#pg-test-new").count() == 0  # the old version until the reader chooses
    # after quick exit in the tab order, and axe finds nothing in the message
    order = page.evaluate("""() => [...document.querySelectorAll('a[href], button')].filter(e => e.offsetParent !== null)
                                     .map(e => e.matches('[data-pg-exit-button]') ? 'exit' : e.matches('[data-pg-offline-update]') ? 'update' : '')""")
    assert order.index("exit") < order.index("update")
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    assert found.response["violations"] == [], found.generate_report()
    page.click("[data-pg-offline-update]")
    expect(page.locator("#pg-test-new")).to_have_text("Published since.", timeout=30000)
    context.set_offline(True)
    page.goto("about/")
    assert page.locator("#pg-test-new").count() == 1  # the new version is the one kept
    assert page.evaluate("async () => (await caches.keys()).filter(n => n.startsWith('pg-offline-')).length") == 1
    assert foreign == []
    context.close()


# --- the zip, unpacked, from file:// -----------------------------------------------------------


@pytest.fixture(scope="module")
def unpacked(site_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zip")
    with zipfile.ZipFile(site_dir / "downloads" / offline.ZIP) as z:
        z.extractall(out)
    return out / offline.ZIP_FOLDER


@pytest.fixture
def from_folder(browser, unpacked):
    context = browser.new_context(service_workers="allow")
    context.foreign = contained(context, unpacked.as_uri())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    yield page
    context.close()


def test_every_page_of_the_zip_opens_from_a_folder(from_folder, unpacked, site_dir):
    page = from_folder
    pages = pages_of(unpacked)
    assert set(pages) == set(pages_of(site_dir))  # every page of the site
    for path in pages:
        page.goto((unpacked / path / "index.html").as_uri())
        assert page.locator("h1").count() >= 1, path
    # the menu's links go to files that open, not to folders
    page.goto((unpacked / "index.html").as_uri())
    page.click("a.md-nav__link[href$='offline/index.html']")
    assert page.url.endswith("/offline/index.html")
    expect(page.locator("[data-pg-offline-status]")).to_contain_text("You opened this copy from a folder")
    assert page.errors == [] and from_folder.context.foreign == []


def test_search_assessment_and_checker_work_from_a_folder(from_folder, unpacked):
    page = from_folder
    page.goto((unpacked / "evidence" / "index.html").as_uri())
    page.click("[data-pg-search-open]")
    page.fill("#pg-search-q", "sharing information")
    expect(page.locator("#pg-search-results a").first).to_be_visible(timeout=10000)
    assert "results for" in page.inner_text("#pg-search-status")
    titles = page.eval_on_selector_all("#pg-search-results a", "as => as.map(a => a.textContent)")
    assert any("Sharing information" in t for t in titles)
    page.locator("#pg-search-results a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(unpacked.as_uri()) and "index.html" in page.url
    assert page.locator("h1").count() == 1
    # a word the guide does not use finds nothing (negative control)
    page.goto((unpacked / "index.html").as_uri())
    page.click("[data-pg-search-open]")
    page.fill("#pg-search-q", "xylophone")
    expect(page.locator("#pg-search-status")).to_contain_text("No results")
    # the self-assessment: rate, reload, still there
    page.goto((unpacked / "assessment" / "index.html").as_uri())
    rate_reload_and_check(page)
    # the language checker
    page.goto((unpacked / "language-checker" / "index.html").as_uri())
    page.wait_for_selector("#pg-lc[data-ready='true']")
    page.fill("#pg-lc-text", "Visit notes.\nMum is hard to reach.")
    page.click("#pg-lc-check")
    page.wait_for_function("() => /found/.test(document.getElementById('pg-lc-status').textContent)")
    assert "1 phrase found" in page.text_content("#pg-lc-status")
    assert page.errors == [] and from_folder.context.foreign == []
