"""Two tabs on one assessment (issue 15, item 10): edits made at the same moment are both kept,
and typing in one tab while the other saves neither loses text nor moves the focus."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from pages import show_standard

KEY = "pasp-assessments"

pytestmark = pytest.mark.browser


def _open(page):
    page.goto("assessment/")
    page.wait_for_selector("#pg-as[data-ready]")


def test_two_tabs_keep_each_others_edits_and_the_focus(browser, site_url):
    context = browser.new_context(base_url=site_url, service_workers="block")
    try:
        one = context.new_page()
        _open(one)
        one.click("#pg-as-new")
        show_standard(one, "OPS-COMMS-01")
        one.check("#rate-OPS-COMMS-01-amber")
        two = context.new_page()
        # tab two can be made deaf to other tabs' saves: its "storage" listeners are gated by window.deaf
        two.add_init_script(
            """(() => {
              const add = window.addEventListener.bind(window);
              window.addEventListener = (type, fn, opts) =>
                add(type, type === "storage" ? (ev) => { if (!window.deaf) fn(ev); } : fn, opts);
            })()"""
        )
        _open(two)
        show_standard(two, "OPS-COMMS-01")
        expect(two.locator("#rate-OPS-COMMS-01-amber")).to_be_checked()
        # the same moment: tab two has not heard of tab one's save when it makes its own
        two.evaluate("() => { window.deaf = true; }")
        show_standard(one, "OPS-COMMS-02")
        one.check("#rate-OPS-COMMS-02-green")
        two.wait_for_timeout(300)  # time enough for the event to arrive: it must not have been heard
        show_standard(two, "OPS-COMMS-02")
        assert not two.is_checked("#rate-OPS-COMMS-02-green")
        show_standard(two, "OPS-LISTEN-01")
        two.check("#rate-OPS-LISTEN-01-red")
        two.evaluate("() => { window.deaf = false; }")
        for page in (one, two):
            page.reload()
            page.wait_for_selector("#pg-as[data-ready]")
            show_standard(page, "OPS-COMMS-01")
            expect(page.locator("#rate-OPS-COMMS-01-amber")).to_be_checked()
            show_standard(page, "OPS-COMMS-02")
            expect(page.locator("#rate-OPS-COMMS-02-green")).to_be_checked()
            show_standard(page, "OPS-LISTEN-01")
            expect(page.locator("#rate-OPS-LISTEN-01-red")).to_be_checked()
        # typing in tab two while tab one saves: the text and the caret stay
        show_standard(two, "OPS-COMMS-01")
        field = two.locator("#evidence-OPS-COMMS-01")
        field.click()
        field.press_sequentially("Minutes of")
        # (a standard of the same group, which is the one on tab two's screen)
        show_standard(one, "OPS-COMMS-02")
        one.check("#rate-OPS-COMMS-02-amber")
        expect(two.locator("#rate-OPS-COMMS-02-amber")).to_be_checked()  # tab two heard of it
        assert two.evaluate("document.activeElement.id") == "evidence-OPS-COMMS-01"
        two.keyboard.type(" May")
        expect(field).to_have_value("Minutes of May")
        one.wait_for_function(  # text is saved a moment after the last key
            f"() => (localStorage.getItem('{KEY}') || '').includes('Minutes of May')", timeout=5000
        )
        saved = json.loads(one.evaluate(f"localStorage.getItem('{KEY}')"))["assessments"][0]["ratings"]
        assert saved["OPS-COMMS-01"]["evidence"] == "Minutes of May"
        assert saved["OPS-COMMS-02"]["rating"] == "amber"
        assert saved["OPS-LISTEN-01"]["rating"] == "red"
    finally:
        context.close()
