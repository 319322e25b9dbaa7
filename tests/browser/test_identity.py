"""Who publishes the guide, and a header that fits a phone (issue 17)."""

import pytest

SITE_NAME = "Parents as Safeguarding Partners"
PUBLISHER = "Parents as Safeguarding Partners practice guide"  # mkdocs.yml extra.publisher.name


def _box(locator) -> dict:
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }")


@pytest.mark.parametrize("width", [320, 360, 412])
def test_the_site_name_is_whole_on_a_phone_and_quick_exit_covers_nothing(page, width):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto("")
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text().replace("\n", " ") == SITE_NAME
    # every word shown: nothing cut off sideways or below the last line
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1"), "the site name is cut"
    exit_box = _box(page.locator("[data-pg-exit-button]"))
    header_controls = page.locator(".md-header__button.md-icon, .md-header__option, .pg-search-open, .md-header__topic")
    for i in range(header_controls.count()):
        control = header_controls.nth(i)
        if not control.is_visible():
            continue
        box = _box(control)
        overlaps = not (box["right"] <= exit_box["left"] or box["left"] >= exit_box["right"] or box["bottom"] <= exit_box["top"] or box["top"] >= exit_box["bottom"])
        assert not overlaps, f"quick exit covers a header control at {width} px: {control.evaluate('e => e.outerHTML.slice(0, 80)')}"
    # both stay at the top when the page has scrolled
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert _box(page.locator("[data-pg-exit-button]"))["top"] >= 0
    assert _box(page.locator("[data-pg-exit-button]"))["bottom"] <= _box(page.locator(".md-header"))["top"] + 1
    assert 0 < _box(page.locator(".md-header"))["top"] < 60


def test_quick_exit_stays_in_reach_when_the_menu_is_open_on_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("")
    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_timeout(400)
    button = page.locator("[data-pg-exit-button]")
    box = _box(button)
    # the topmost element at the button's centre is the button (or its text): the menu is below it
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('[data-pg-exit-button]') !== null", [box["left"] + box["width"] / 2, box["top"] + box["height"] / 2])
    assert hit, "the open menu covers quick exit"


def test_the_publisher_has_a_mark_in_the_header_and_a_name_in_the_footer(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("benchmark/")
    logo = page.locator(".md-header .md-logo img")
    assert logo.is_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the logo does not load"
    assert _box(logo)["height"] >= 20
    footer = page.locator(".pg-publisher")
    assert footer.inner_text() == f"Published by {PUBLISHER}."
    footer.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith("/about/#who-publishes-this-guide")
    assert PUBLISHER in page.locator("#who-publishes-this-guide + p").inner_text()
    # the footer's links lead to the pages about the guide, contact among them
    page.goto("")
    links = page.locator(".pg-footer-links a").all_inner_texts()
    for wanted in ("About the guide", "Accessibility", "Evidence", "Contact", "Licence and reuse", "Staying safe and privacy", "What has changed"):
        assert wanted in links, f"the footer has no link to {wanted}: {links}"


def test_the_colour_scheme_switch_works_on_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto("")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    switch = page.locator("[data-md-component='palette'] label:visible").first
    switch.click()  # a real click at its place on screen: nothing may lie over it
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert before != after


def test_every_footer_link_leads_to_a_page_and_its_section(page):
    page.goto("")
    hrefs = page.locator(".md-footer-meta a").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) >= 8
    for href in hrefs:
        page.goto("about:blank")  # a full load each time, not a jump within the page
        response = page.goto(href)
        assert response.ok, href
        if "#" in href:
            anchor = href.split("#", 1)[1]
            assert page.locator(f"[id='{anchor}']").count() == 1, f"{href}: no section {anchor}"
