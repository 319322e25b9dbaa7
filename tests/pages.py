"""Helpers shared by the tests that walk the built site or drive it in Chromium."""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import expect


def page_urls(site_dir: Path) -> list[str]:
    """Every page of the built site as a site-relative URL, the 404 page last."""
    paths = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
    return [p[: -len("index.html")] for p in paths] + ["404.html"]


STANDARD_PAGE = re.compile(r"^benchmark/([A-Z]+)-([A-Z]+)-\d\d/$")


def sampled_page_urls(site_dir: Path) -> list[str]:
    """Every page, but of the standard pages, which all come from one template, only those that
    bring a level or a theme not seen yet (the first of each, in ID order)."""
    seen: set[str] = set()
    out = []
    for url in page_urls(site_dir):
        m = STANDARD_PAGE.match(url)
        if m is not None:
            level, theme = f"level {m.group(1)}", f"theme {m.group(2)}"
            if level in seen and theme in seen:
                continue
            seen.update((level, theme))
        out.append(url)
    return out


def wait_until(page, expression: str, timeout: float = 15.0) -> None:
    """Poll a JavaScript expression until it is true. (Playwright's wait_for_function evaluates
    its string inside the page, which the site's Content-Security-Policy rightly refuses.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for: {expression}"
        page.wait_for_timeout(50)


def search(page, query: str) -> list[str]:
    """Type a query into Material's search on the home page and return the result links.

    Material drops a query typed before its search worker has loaded the index, so the
    query is typed again (as a person would) until the result count replaces the prompt.
    """
    page.goto("./")
    page.keyboard.press("/")  # Material's shortcut to focus the search box
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    for _ in range(20):
        box.fill("")
        box.press_sequentially(query)
        try:
            expect(meta).not_to_have_text(re.compile("Initializing|Type to start", re.I), timeout=1500)
            break
        except AssertionError:
            continue
    expect(meta).to_have_text(re.compile(r"(\d+|No) matching|matching documents", re.I))
    links = page.locator(".md-search-result__item > a, .md-search-result__more a")
    # the list renders in batches: read it once its length has settled, in one call
    count = -1
    while count != links.count():
        count = links.count()
        page.wait_for_timeout(300)
    return links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
