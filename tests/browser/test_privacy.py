"""Privacy: no page makes a request to any host but the site's own.

The network log is Chromium's: every request of every page (and of the search) is
recorded. The context bypasses the Content-Security-Policy on purpose, so this test does not
lean on the policy (tests/test_csp.py checks that separately): a stray web font, analytics
script or embed would show up here even if the policy were removed. Off-origin requests are
aborted, so a test never reaches the network.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from pages import page_urls, search

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?(?P<url>[^'")\s]+)|@import\s+['"](?P<imp>[^'"]+)""", re.IGNORECASE)


def is_external(url: str) -> bool:
    return bool(EXTERNAL.match(url.strip())) or url.strip().lower().startswith(("http:", "https:"))


def network_log(browser, site_url):
    """A context that logs every request and blocks those to other hosts."""
    context = browser.new_context(base_url=site_url, bypass_csp=True, service_workers="block")
    log: list[str] = []
    context.on("request", lambda req: log.append(req.url))
    context.route(lambda url: not url.startswith((site_url, "data:", "blob:")), lambda route: route.abort())
    return context, log


def foreign(log, site_url):
    own = urlsplit(site_url).netloc
    return sorted({u for u in log if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own})


def test_no_page_requests_another_host(browser, site_url, site_dir):
    context, log = network_log(browser, site_url)
    page = context.new_page()
    urls = page_urls(site_dir)
    assert len(urls) > 10
    seen_pages = 0
    try:
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
            seen_pages += 1
            assert foreign(log, site_url) == [], url
        # search loads Pagefind, its WebAssembly and its index: they stay on the site too
        assert search(page, "parents")
        assert foreign(log, site_url) == []
        # the log really saw every page and the assets they load
        assert sum(1 for u in log if u.endswith((".css", ".js"))) > seen_pages
        assert any("/pagefind/" in u and u.endswith(".pf_meta") for u in log) and any(u.endswith(".pagefind") for u in log)
    finally:
        context.close()


def test_the_network_log_catches_a_request_to_another_host(browser, site_url):
    """Negative control: an image from another host, added to a page, is logged (and blocked)."""
    context, log = network_log(browser, site_url)
    page = context.new_page()
    try:
        page.goto("about/")
        page.evaluate(
            """() => { const i = document.createElement('img'); i.alt = '';
                       i.src = 'https://tracker.example.net/pixel.gif'; document.body.appendChild(i); }"""
        )
        page.wait_for_function("() => document.querySelector('img[src*=tracker]').complete")
        assert foreign(log, site_url) == ["https://tracker.example.net/pixel.gif"]
    finally:
        context.close()


def test_built_html_loads_nothing_from_other_hosts(site_dir):
    """No stylesheet, script, font, image, frame, embed or media from another host, in any page."""
    checked = 0
    for path in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(
            ["script", "img", "iframe", "frame", "embed", "object", "source", "audio", "video", "track", "input"]
        ):
            for attr in ("src", "data", "srcset", "poster"):
                value = tag.get(attr)
                if value:
                    assert not is_external(value), (path, str(tag)[:200])
        for link in soup.find_all("link"):
            rel = set(link.get("rel") or [])
            # canonical, prev/next and alternate are addresses, not fetched resources
            if rel & {
                "stylesheet",
                "preload",
                "prefetch",
                "preconnect",
                "dns-prefetch",
                "modulepreload",
                "icon",
                "manifest",
                "apple-touch-icon",
            }:
                assert not is_external(link.get("href", "")), (path, str(link))
        for tag in soup.find_all(style=True):
            assert not CSS_URL.search(tag["style"]), (path, str(tag)[:200])
        for style in soup.find_all("style"):
            for m in CSS_URL.finditer(style.get_text()):
                assert not is_external(m.group("url") or m.group("imp")), (path, m.group(0))
        checked += 1
    assert checked > 10


def test_stylesheets_load_no_fonts_or_images_from_other_hosts(site_dir):
    sheets = sorted(site_dir.rglob("*.css"))
    assert any(s.name == "guide.css" for s in sheets)
    for sheet in sheets:
        for m in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = m.group("url") or m.group("imp")
            assert not is_external(url), (sheet.relative_to(site_dir), url)


def test_is_external_tells_other_hosts_from_the_site():
    assert is_external("https://fonts.googleapis.com/css") and is_external("//cdn.example.org/a.js")
    assert not is_external("../assets/a.js") and not is_external("/assets/a.css") and not is_external("data:image/svg+xml,x")
