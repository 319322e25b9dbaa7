"""The self-assessment in steps (issue 17): one group of standards at a time, progress shown,
rating from the first visit, "Rate this standard" from a standard's page, tabs that fit a phone."""

from __future__ import annotations

import json

import pytest

from playwright.sync_api import expect

KEY = "pasp-assessments"


def open_page(page, at: str = "assessment/"):
    page.goto(at)
    page.wait_for_selector("#pg-as[data-ready]")


def saved(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def groups(site_dir) -> list[tuple[str, str, list[str]]]:
    """The groups as the data file orders them: level by level, theme by theme (read here from the data)."""
    d = json.loads((site_dir / "assets" / "data" / "assessment.json").read_text("utf-8"))
    out = []
    for level in d["levels"]:
        for theme in d["themes"]:
            ids = [s["id"] for s in d["standards"] if s["level"] == level["id"] and s["theme"] == theme["id"]]
            if ids:
                out.append((level["title"], theme["title"], ids))
    return out


def on_screen(page) -> list[str]:
    return page.locator(".pg-as-std").evaluate_all("els => els.map(e => e.id.slice(4))")


def test_a_first_visit_shows_the_first_group_and_the_first_rating_starts_an_assessment(page, site_dir):
    open_page(page)
    level, theme, ids = groups(site_dir)[0]
    assert on_screen(page) == ids
    assert page.locator("#pg-as-group-title").text_content().startswith(theme)
    assert page.locator("#pg-as-first").is_visible()
    assert saved(page) is None  # nothing is stored before the reader answers
    page.check(f"#rate-{ids[0]}-amber")
    expect(page.locator("#pg-as-status")).to_contain_text(f"{ids[0]} rated Amber. Saved in this browser. Started")
    stored = saved(page)
    assert len(stored["assessments"]) == 1
    assert stored["assessments"][0]["ratings"][ids[0]]["rating"] == "amber"
    assert page.locator("#pg-as-first").is_hidden()
    # the focus stayed on the answer, and the assessment now shows as the one being worked on
    assert page.evaluate("document.activeElement.id") == f"rate-{ids[0]}-amber"
    assert page.locator("#pg-as-current option").count() == 1
    assert page.locator("#pg-as-tab-summary").is_visible()
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    assert page.is_checked(f"#rate-{ids[0]}-amber")


def test_next_and_previous_move_a_group_at_a_time_with_progress_shown(page, site_dir):
    all_groups = groups(site_dir)
    open_page(page)
    page.click("#pg-as-new")
    (l1, _, ids1), (_, t2, ids2) = all_groups[0], all_groups[1]
    expect(page.locator(".pg-as-step-of")).to_have_text(f"Group 1 of {len(all_groups)} · {l1} level")
    page.check(f"#rate-{ids1[0]}-green")
    step = page.locator(".pg-as-step[aria-current='step'] .pg-as-step-done")
    assert step.text_content() == f"1 of {len(ids1)} rated"
    assert page.locator("#pg-as-progress").evaluate("p => [p.value, p.max]") == [1, sum(len(g[2]) for g in all_groups)]
    next_button = page.locator(".pg-as-step-next")
    assert t2 in next_button.inner_text()
    next_button.focus()
    page.keyboard.press("Enter")
    assert on_screen(page) == ids2
    assert page.evaluate("document.activeElement.id") == "pg-as-group-title"
    expect(page.locator("#pg-as-status")).to_contain_text(f"Group 2 of {len(all_groups)}")
    page.click(".pg-as-step-prev")
    assert on_screen(page) == ids1
    assert page.is_checked(f"#rate-{ids1[0]}-green")
    # any group from the list of steps, the last one included, which ends the steps
    page.locator(".pg-as-steps-all > summary").click()
    page.locator(".pg-as-step").last.click()
    assert on_screen(page) == all_groups[-1][2]
    assert page.locator(".pg-as-step-next").count() == 0
    assert "last group" in page.locator(".pg-as-step-last").inner_text()


@pytest.mark.parametrize("width", [360, 1280])
def test_rate_this_standard_on_a_standard_page_opens_the_assessment_at_it(page, site_dir, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("benchmark/OPS-LISTEN-01/")
    link = page.get_by_role("link", name="Rate OPS-LISTEN-01 in the self-assessment")
    link.click()
    page.wait_for_selector("#pg-as[data-ready]")
    assert page.url.endswith("/assessment/#std-OPS-LISTEN-01")
    assert "OPS-LISTEN-01" in on_screen(page)
    assert page.evaluate("document.activeElement.id") == "pg-as-t-OPS-LISTEN-01"
    box = page.locator("#pg-as-t-OPS-LISTEN-01").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= box["y"] < page.viewport_size["height"], "the standard's title is not on screen, clear of the header"
    # an ID that is not in the benchmark says so, and shows the first group
    page.goto("assessment/#std-OPS-NOPE-99")
    page.reload()  # opened afresh at that address
    page.wait_for_selector("#pg-as[data-ready]")
    expect(page.locator("#pg-as-alert")).to_contain_text("There is no standard OPS-NOPE-99")
    assert on_screen(page) == groups(site_dir)[0][2]


def test_a_standard_outside_the_assessments_levels_is_explained_not_shown(page):
    open_page(page)
    page.click("#pg-as-new")
    page.uncheck("#pg-as-level-operational")
    page.goto("assessment/#std-OPS-LISTEN-01")
    page.wait_for_selector("#pg-as[data-ready]")
    expect(page.locator("#pg-as-alert")).to_contain_text("OPS-LISTEN-01 is at the Operational level, which")
    assert not any(i.startswith("OPS-") for i in on_screen(page))


def test_the_tabs_keep_to_one_row_on_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page)
    page.click("#pg-as-new")
    tabs = page.locator("[role='tab']")
    tops = {round(b["y"]) for b in (tabs.nth(i).bounding_box() for i in range(tabs.count()))}
    assert len(tops) == 1, "the tabs wrap onto more than one row"
    # a tab that is off the edge comes into view when the arrow keys reach it
    page.locator("#pg-as-tab-rate").focus()
    page.keyboard.press("End")
    last = page.locator("#pg-as-tab-merge").bounding_box()
    assert last["x"] + last["width"] <= 360
    assert page.locator("#pg-as-tab-merge").get_attribute("aria-selected") == "true"
