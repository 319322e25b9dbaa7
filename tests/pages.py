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


def open_search(page, at: str = "./"):
    """Open the site's search dialog from the header's button on the page at ``at``; its box."""
    if at is not None:
        page.goto(at)
    box = page.locator("#pg-search-q")
    if at is not None or not box.is_visible():
        page.locator("[data-pg-search-open]").click()
    expect(box).to_be_focused()
    return box


def search(page, query: str, at: str = "./") -> list[str]:
    """Type a query into the site's search box, as a person types it, and return the result
    links once the status line says the search for the whole query has finished."""
    box = open_search(page, at)
    box.fill("")
    box.press_sequentially(query)
    expect(page.locator("#pg-search-status")).to_contain_text(f"for “{query.strip()}”", timeout=15000)
    return page.locator("#pg-search-results a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def show_standard(page, standard_id: str) -> None:
    """Bring a standard's group on screen in the self-assessment, as the "Rate this standard"
    link does (assessment/#std-ID): the page draws one group of standards at a time."""
    page.evaluate(
        """id => {
          if (document.getElementById('std-' + id)) return;
          const hash = '#std-' + id;
          if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
          else location.hash = hash;
        }""",
        standard_id,
    )
    page.wait_for_selector(f"#std-{standard_id}")
