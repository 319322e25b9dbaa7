"""Printing from the browser: a level page printed to PDF in Chromium carries the page's
content and none of the site's chrome (navigation, header, search, footer, quick exit);
links to other sites have their address printed after them."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def chrome_texts(page) -> list[str]:
    """Text that only the site's chrome shows: navigation entries that are not in the page's
    content and the quick-exit button."""
    content = squash(page.locator(".md-content").inner_text())
    nav = page.locator(".md-sidebar--primary .md-nav__link").all_text_contents()
    titles = {t.strip() for t in nav if t.strip() and squash(t) not in content}
    assert len(titles) >= 3, "the test needs navigation entries that the page does not repeat"
    return sorted(titles) + ["Exit this page"]


def test_level_page_prints_content_without_chrome(page, guide):
    level = guide.levels[-1]
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"benchmark/{level.id}/")
    chrome = chrome_texts(page)
    # printed with the search open (Ctrl+P from the dialog): the dialog is not printed, the page is
    page.locator("[data-pg-search-open]").click()
    page.locator("#pg-search-q").fill("parents")
    expect(page.locator("#pg-search-results li").first).to_be_visible()
    search_texts = ["Search the guide", "Words to search for", page.locator("#pg-search-status").inner_text()]

    printed = pdf_text(page.pdf(format="A4", print_background=False))
    reader_pages = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    # A4 is 595 x 842 points (Chromium rounds to whole pixels)
    assert all(abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2 for p in reader_pages)
    for s in level.standards:
        assert s.id in printed, f"{s.id} is missing from the printout"
    assert "Print this checklist" in printed
    for text in chrome:
        assert squash(text) not in squash(printed), f"navigation chrome printed: {text!r}"
    for text in search_texts:
        assert squash(text) not in squash(printed), f"the search dialog printed: {text!r}"
    # links within the site print no address
    internal = page.locator(".md-content .pg-summary a").first.get_attribute("href")
    assert internal.startswith("../") and squash(f"({internal})") not in squash(printed)

    # negative control: the same page printed with screen styles does show the chrome, so the
    # checks above can fail
    page.emulate_media(media="screen")
    on_screen = pdf_text(page.pdf(width="1400px", height="1000px"))
    assert "Exit this page" in on_screen
    assert any(squash(t) in squash(on_screen) for t in chrome[:-1])


def test_external_link_targets_are_printed(page):
    page.goto("staying-safe/")
    # the page's own links: not the edit button (a link too, and hidden on paper)
    external = page.locator('.md-content a[href^="https://"]:not(.md-content__button)').first
    href = external.get_attribute("href")
    printed = squash(pdf_text(page.pdf(format="A4")))
    assert squash(f"({href})") in printed
