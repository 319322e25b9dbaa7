"""The private self-assessment page in Chromium: rating, autosave, views, keyboard, print,
scale and accessibility (axe-core) in each state."""

from __future__ import annotations

import io
import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pages import show_standard
from support import made_up_assessment_data
from pypdf import PdfReader

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "assessment"
KEY = "pasp-assessments"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def open_page(page, site_url):
    page.goto(site_url + "assessment/")
    page.wait_for_selector("#pg-as[data-ready]")


def state(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))


def data(site_dir) -> dict:
    return json.loads((site_dir / "assets" / "data" / "assessment.json").read_text("utf-8"))


def test_rate_reload_and_everything_is_still_there(page, site_url):
    sent = []
    page.on("request", lambda r: sent.append((r.method, r.url, r.post_data)))
    open_page(page, site_url)
    page.wait_for_load_state("networkidle")  # the page's own requests (the favicon comes late) are all made
    loaded = len(sent)
    assert "never sent anywhere" in page.locator(".pg-as-private").inner_text()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None  # nothing stored until you start
    page.click("#pg-as-new")
    page.fill("#pg-as-name", "Police 2026")
    page.select_option("#pg-as-agency", "police")
    page.fill("#pg-as-date", "2026-11-01")
    show_standard(page, "OPS-COMMS-01")
    page.check("#rate-OPS-COMMS-01-amber")
    expect(page.locator("#pg-as-status")).to_have_text("OPS-COMMS-01 rated Amber. Saved in this browser.")
    show_standard(page, "OPS-COMMS-01")
    page.fill("#evidence-OPS-COMMS-01", "Contact plans in 6 of 10 case files")
    show_standard(page, "OPS-COMMS-01")
    page.fill("#action-OPS-COMMS-01", "Audit contact plans")
    show_standard(page, "OPS-COMMS-01")
    page.fill("#owner-OPS-COMMS-01", "Detective Inspector")
    show_standard(page, "OPS-COMMS-01")
    page.fill("#target_date-OPS-COMMS-01", "2027-03-31")
    show_standard(page, "OPS-COMMS-01")
    assert page.get_attribute("#std-OPS-COMMS-01", "data-rating") == "amber"
    # rating and typing send nothing, not even to the site itself (Chromium asks for the
    # site's icon again when the address's #fragment changes: a GET with nothing in it)
    assert [r for r in sent[loaded:] if not r[1].endswith("/assets/images/favicon.svg")] == []
    assert all(method == "GET" and body is None and "?" not in url for method, url, body in sent)
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    assert page.input_value("#pg-as-name") == "Police 2026"
    assert page.input_value("#pg-as-agency") == "police"
    assert page.input_value("#pg-as-date") == "2026-11-01"
    show_standard(page, "OPS-COMMS-01")
    assert page.is_checked("#rate-OPS-COMMS-01-amber")
    show_standard(page, "OPS-COMMS-01")
    assert not page.is_checked("#rate-OPS-COMMS-01-red")  # negative control
    show_standard(page, "OPS-COMMS-02")
    assert page.is_checked("#rate-OPS-COMMS-02-not_assessed")
    show_standard(page, "OPS-COMMS-01")
    assert page.input_value("#evidence-OPS-COMMS-01") == "Contact plans in 6 of 10 case files"
    show_standard(page, "OPS-COMMS-01")
    assert page.input_value("#action-OPS-COMMS-01") == "Audit contact plans"
    show_standard(page, "OPS-COMMS-01")
    assert page.input_value("#owner-OPS-COMMS-01") == "Detective Inspector"
    show_standard(page, "OPS-COMMS-01")
    assert page.input_value("#target_date-OPS-COMMS-01") == "2027-03-31"
    assert page.locator("#pg-as-progress-line").inner_text().startswith("1 of ")
    assert page.foreign_requests == []


def test_keyboard_only_start_rate_and_hear_it(page, site_url):
    open_page(page, site_url)
    page.locator("#pg-as-new").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pg-as-name"
    page.keyboard.press("Control+A")
    page.keyboard.type("Keyboard only")
    # Tab onwards until the first standard's rating is reached
    first = page.locator(".pg-as-std").first.get_attribute("id").removeprefix("std-")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == f"rate-{first}":
            break
    else:
        raise AssertionError("the first rating could not be reached with Tab")
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # wraps round to the last choice, then back
    checked = page.evaluate(f"document.querySelector('input[name=\"rate-{first}\"]:checked').value")
    expect(page.locator("#pg-as-status")).to_contain_text(f"{first} rated")
    assert state(page)["assessments"][0]["ratings"][first]["rating"] == checked
    assert state(page)["assessments"][0]["name"] == "Keyboard only"
    # the tabs move with the arrow keys and show their panel
    page.locator("#pg-as-tab-rate").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "pg-as-tab-summary"
    assert page.is_visible("#pg-as-panel-summary") and not page.is_visible("#pg-as-panel-rate")
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.id") == "pg-as-tab-merge"
    # every control in the application has an accessible name
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('#pg-as-app input, #pg-as-app select, #pg-as-app textarea, #pg-as-app button')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
              .map(el => el.id || el.name)"""
    )
    assert unnamed == []


def test_parent_panel_reads_plain_english_and_levels_filter(page, site_url, site_dir):
    std = {s["id"]: s for s in data(site_dir)["standards"]}
    open_page(page, site_url)
    page.click("#pg-as-new")
    show_standard(page, "STR-LISTEN-01")
    text = page.locator("#std-STR-LISTEN-01 .pg-as-std-text")
    assert text.inner_text() == std["STR-LISTEN-01"]["statement"]
    page.select_option("#pg-as-agency", "parent_panel")
    expect(page.locator("#pg-as-status")).to_contain_text("shown in plain English")
    assert text.inner_text() == std["STR-LISTEN-01"]["plain_english"]
    # a strategic lead need not see operational items
    page.uncheck("#pg-as-level-operational")
    page.uncheck("#pg-as-level-commissioning")
    assert page.locator(".pg-as-std[id^='std-OPS-'], .pg-as-std[id^='std-COM-']").count() == 0
    # the steps are the strategic level's only, and add up to its standards
    assert page.locator(".pg-as-steps-level").all_text_contents() == ["Strategic level"]
    strategic = sum(1 for s in std.values() if s["level"] == "strategic")
    steps = page.locator(".pg-as-step-done").all_text_contents()
    assert sum(int(t.split()[-2]) for t in steps) == strategic, steps
    assert page.locator("#pg-as-progress-line").inner_text() == f"0 of {strategic} standards assessed."
    page.click("#pg-as-level-strategic")  # at least one level stays
    expect(page.locator("#pg-as-status")).to_have_text("An assessment covers at least one level.")
    assert page.is_checked("#pg-as-level-strategic")
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    assert page.locator(".pg-as-steps-level").all_text_contents() == ["Strategic level"]
    assert page.locator("#pg-as-progress-line").inner_text() == f"0 of {strategic} standards assessed."
    assert not page.is_checked("#pg-as-level-operational")


def test_several_named_assessments_switch_and_delete(page, site_url):
    open_page(page, site_url)
    page.click("#pg-as-new")
    page.fill("#pg-as-name", "First")
    show_standard(page, "STR-LISTEN-01")
    page.check("#rate-STR-LISTEN-01-green")
    page.click("#pg-as-new")
    page.fill("#pg-as-name", "Second")
    show_standard(page, "STR-LISTEN-01")
    assert page.is_checked("#rate-STR-LISTEN-01-not_assessed")
    first, second = (a["id"] for a in state(page)["assessments"])
    page.select_option("#pg-as-current", first)
    expect(page.locator("#pg-as-status")).to_contain_text("Now working on First")
    show_standard(page, "STR-LISTEN-01")
    assert page.is_checked("#rate-STR-LISTEN-01-green")
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    assert page.input_value("#pg-as-name") == "First"  # the one you were working on
    page.once("dialog", lambda d: d.accept())
    page.click("#pg-as-delete")
    expect(page.locator("#pg-as-status")).to_contain_text("Deleted First")
    assert [a["id"] for a in state(page)["assessments"]] == [second]
    page.once("dialog", lambda d: d.dismiss())  # negative control: cancelling keeps it
    page.click("#pg-as-delete")
    assert [a["id"] for a in state(page)["assessments"]] == [second]
    # a second tab's change shows here too, so this tab never writes back an older state
    other = page.context.new_page()
    other.goto(page.url)
    other.wait_for_selector("#pg-as[data-ready]")
    show_standard(other, "STR-LISTEN-01")
    other.check("#rate-STR-LISTEN-01-amber")
    expect(page.locator("#pg-as-status")).to_contain_text("changes made in another tab")
    show_standard(page, "STR-LISTEN-01")
    assert page.is_checked("#rate-STR-LISTEN-01-amber")
    show_standard(page, "STR-LISTEN-02")
    page.check("#rate-STR-LISTEN-02-green")
    assert {k: v["rating"] for k, v in state(page)["assessments"][0]["ratings"].items()} == {
        "STR-LISTEN-01": "amber",
        "STR-LISTEN-02": "green",
    }
    other.close()


def test_summary_heatmap_strengths_gaps_and_printed_action_plan(page, site_url):
    open_page(page, site_url)
    page.set_input_files("#pg-as-import", str(FIXTURES / "baseline.json"))
    expect(page.locator("#pg-as-status")).to_contain_text("Imported")
    page.click("#pg-as-tab-summary")
    counts = dict(r.split("\t") for r in page.locator(".pg-as-counts tbody tr").all_inner_texts())
    assert {k: counts[k] for k in ("Red", "Amber", "Green", "Not applicable")} == {
        "Red": "2",
        "Amber": "1",
        "Green": "1",
        "Not applicable": "1",
    }
    heat = page.locator(".pg-as-heat")
    assert heat.locator("caption").count() == 1 and heat.locator("th[scope=row]").count() == 3
    # the strategic x listen cell has one Red: its band is written out, not only coloured
    cell = heat.locator("tbody tr").first.locator("td").first
    assert cell.get_attribute("class") == "pg-heat-red"
    assert cell.inner_text().startswith("Mostly Red\n1 Red")
    strengths = page.locator("h3:has-text('Strengths') + ul li").all_inner_texts()
    assert [t.split(" ")[0] for t in strengths] == ["COM-ALONG-01"]
    gaps = page.locator("h3:has-text('Gaps') + ul li").all_inner_texts()
    assert [g.split(" ")[:2] for g in gaps] == [["Red", "STR-LISTEN-01"], ["Red", "OPS-COMMS-01"], ["Amber", "STR-PARTNER-01"]]
    assert "5 of " in page.locator("#pg-as-progress-text").inner_text()

    page.click("#pg-as-tab-plan")
    rows = page.locator(".pg-as-plan-table tbody tr")
    assert rows.count() == 3
    assert rows.nth(1).inner_text().split("\t")[1:] == [
        "Red",
        "Agree a contact plan with every family",
        "Team managers",
        "2026-03-31 (overdue)",
    ]
    assert "No action recorded yet" in rows.nth(0).inner_text()
    # print from another view: the A4 report holds the action plan and nothing else of the page
    page.click("#pg-as-tab-rate")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Agree a contact plan with every family" in text and "Action plan: Partnership baseline" in text
    assert "Rate the standards" not in text and "Your assessments" not in text
    assert page.foreign_requests == []


def test_500_standards_render_and_rate(page, site_url, site_dir):
    big = made_up_assessment_data(data(site_dir), 500)
    page.route("**/assets/data/assessment.json", lambda route: route.fulfill(json=big))
    open_page(page, site_url)
    page.click("#pg-as-new")
    # one group on screen (a level's standards of one theme), and every group in the steps
    first = big["standards"][0]
    in_group = [s["id"] for s in big["standards"] if (s["level"], s["theme"]) == (first["level"], first["theme"])]
    assert page.locator(".pg-as-std").evaluate_all("els => els.map(e => e.id.slice(4))") == in_group
    assert page.locator(".pg-as-step").count() == len({(s["level"], s["theme"]) for s in big["standards"]})
    assert page.locator("#pg-as-progress-line").inner_text() == "0 of 500 standards assessed."
    last = big["standards"][-1]["id"]
    show_standard(page, last)
    page.check(f"#rate-{last}-green")
    show_standard(page, last)
    page.fill(f"#evidence-{last}", "Seen")
    expect(page.locator("#pg-as-status")).to_have_text(f"{last} rated Green. Saved in this browser.")
    assert page.locator("#pg-as-progress-line").inner_text() == "1 of 500 standards assessed."
    page.click("#pg-as-tab-summary")
    assert "1 of 500" in page.locator("#pg-as-progress-text").inner_text()
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    show_standard(page, last)
    assert page.is_checked(f"#rate-{last}-green") and page.input_value(f"#evidence-{last}") == "Seen"
    assert page.foreign_requests == []


def check_axe(page, label):
    # from the top of the page: axe counts a control that happens to sit half under Material's
    # fixed header at the current scroll position as an obscured target
    page.evaluate("window.scrollTo(0, 0)")
    # Material fades the header's title between the page's and the site's name as the page
    # scrolls: let it react to the scroll, then end the fade, so axe judges the colours as shown
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => { document.getAnimations().forEach(a => a.finish()); r(); })))")
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, f"{label}:\n{result.generate_report()}"


def test_no_accessibility_violations_in_any_state(page, site_url):
    open_page(page, site_url)
    check_axe(page, "empty")
    page.set_input_files(
        "#pg-as-import", [str(FIXTURES / n) for n in ("police.json", "parent-panel.json", "baseline.json", "followup.json")]
    )
    expect(page.locator("#pg-as-status")).to_contain_text("Imported 4 files")
    show_standard(page, "OPS-LISTEN-01")
    page.check("#rate-OPS-LISTEN-01-amber")
    check_axe(page, "rated")
    for tab in ("summary", "plan", "compare", "merge"):
        page.click(f"#pg-as-tab-{tab}")
        check_axe(page, tab)
    page.set_input_files("#pg-as-import", str(FIXTURES / "empty.json"))
    expect(page.locator("#pg-as-alert")).to_contain_text("empty")
    page.emulate_media(color_scheme="dark")
    page.click("#pg-as-tab-summary")
    check_axe(page, "summary, dark scheme, with an error shown")
    assert page.foreign_requests == []


def test_rating_words_and_meanings_come_from_the_data(page, site_url, site_dir):
    d = data(site_dir)
    open_page(page, site_url)
    help_text = page.locator("#pg-as-rating-help").inner_text()
    for r in d["ratings"]:
        assert r["label"] in help_text
        if r["meaning"]:
            assert f"{r['label']} ({r['meaning']})" in help_text
    # a rating renamed in the data is offered, announced and exported by its new name
    renamed = data(site_dir)
    green = next(r for r in renamed["ratings"] if r["id"] == "green")
    green["label"], green["meaning"] = "Fully in place", "in place and checked"
    page.route("**/assets/data/assessment.json", lambda route: route.fulfill(json=renamed))
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    assert "Fully in place (in place and checked)" in page.locator("#pg-as-rating-help").inner_text()
    page.click("#pg-as-new")
    assert page.locator("label[for='rate-STR-LISTEN-01-green']").inner_text().strip() == "Fully in place"
    show_standard(page, "STR-LISTEN-01")
    page.check("#rate-STR-LISTEN-01-green")
    expect(page.locator("#pg-as-status")).to_have_text("STR-LISTEN-01 rated Fully in place. Saved in this browser.")
    page.click("#pg-as-tab-summary")
    assert page.locator("h3:has-text('Strengths')").inner_text() == "Strengths: rated Fully in place (1)"
    assert page.foreign_requests == []


def test_data_without_ratings_stops_the_page_with_a_clear_message(page, site_url, site_dir):
    broken = data(site_dir)
    broken.pop("ratings", None)
    page.route("**/assets/data/assessment.json", lambda route: route.fulfill(json=broken))
    page.goto(site_url + "assessment/")
    page.wait_for_selector("#pg-as[data-failed]")
    assert "has no list of ratings" in page.locator("#pg-as-loading").inner_text()
    assert page.is_hidden("#pg-as-app") and page.get_attribute("#pg-as", "data-ready") is None
    # an unknown data format is refused the same way
    broken = data(site_dir) | {"format_version": 99}
    page.unroute("**/assets/data/assessment.json")
    page.route("**/assets/data/assessment.json", lambda route: route.fulfill(json=broken))
    page.reload()
    page.wait_for_selector("#pg-as[data-failed]")
    assert "not in a format this page can read" in page.locator("#pg-as-loading").inner_text()
    assert page.foreign_requests == []


def test_when_storage_is_full_the_page_says_not_saved_until_a_save_works(page, site_url):
    open_page(page, site_url)
    page.click("#pg-as-new")
    show_standard(page, "OPS-COMMS-01")
    page.check("#rate-OPS-COMMS-01-amber")
    saved = page.locator("#pg-as-saved")
    expect(saved).to_contain_text("All changes saved in this browser at")
    page.evaluate(
        """() => { window.__setItem = Storage.prototype.setItem;
                   Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }"""
    )
    show_standard(page, "OPS-COMMS-01")
    page.check("#rate-OPS-COMMS-01-green")
    expect(page.locator("#pg-as-alert")).to_contain_text("Could not save")
    expect(saved).to_contain_text("Your latest changes are not saved. The last save was at")
    assert "All changes saved" not in saved.inner_text()
    assert "Saved in this browser" not in page.locator("#pg-as-status").inner_text()
    page.evaluate("() => { Storage.prototype.setItem = window.__setItem; }")
    show_standard(page, "OPS-COMMS-01")
    page.check("#rate-OPS-COMMS-01-red")
    expect(saved).to_contain_text("All changes saved in this browser at")
    expect(page.locator("#pg-as-alert")).to_have_text("")
    assert state(page)["assessments"][0]["ratings"]["OPS-COMMS-01"]["rating"] == "red"
