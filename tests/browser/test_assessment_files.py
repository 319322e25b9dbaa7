"""The self-assessment's files, in Chromium: export and import back losslessly, compare,
merge several agencies, and bad files that are refused without changing anything stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pages import show_standard

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "assessment"
KEY = "pasp-assessments"


def open_page(page, site_url):
    page.goto(site_url + "assessment/")
    page.wait_for_selector("#pg-as[data-ready]")


def stored(page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def state(page) -> dict:
    return json.loads(stored(page))


def import_files(page, *names):
    page.set_input_files("#pg-as-import", [str(FIXTURES / n) for n in names])
    expect(page.locator("#pg-as-status")).to_contain_text("Imported")


def export(page, button: str, tmp_path: Path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(button)
    dl = info.value
    target = tmp_path / dl.suggested_filename
    dl.save_as(target)
    return dl.suggested_filename, target.read_bytes()


def fill_one(page):
    """A new assessment with every kind of field filled, including awkward text."""
    page.click("#pg-as-new")
    page.fill("#pg-as-name", 'Safeguarding partnership "North", 2026')
    page.select_option("#pg-as-agency", "education")
    page.fill("#pg-as-date", "2026-11-20")
    show_standard(page, "STR-LISTEN-01")
    page.check("#rate-STR-LISTEN-01-red")
    show_standard(page, "STR-LISTEN-01")
    page.fill("#evidence-STR-LISTEN-01", 'Board minutes, March.\nLine two, with a comma and "quotes"; <b>not markup</b> & more')
    show_standard(page, "STR-LISTEN-01")
    page.fill("#action-STR-LISTEN-01", "=SUM(A1:A2) should stay text")
    show_standard(page, "STR-LISTEN-01")
    page.fill("#owner-STR-LISTEN-01", "'Chair'")
    show_standard(page, "STR-LISTEN-01")
    page.fill("#target_date-STR-LISTEN-01", "2027-01-31")
    show_standard(page, "OPS-COMMS-01")
    page.check("#rate-OPS-COMMS-01-not_applicable")
    show_standard(page, "COM-ALONG-01")
    page.check("#rate-COM-ALONG-01-green")
    show_standard(page, "OPS-PARTNER-01")
    page.fill("#evidence-OPS-PARTNER-01", "Notes but no rating yet")
    page.uncheck("#pg-as-level-commissioning")


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_export_then_import_gives_back_the_same_assessment(page, site_url, tmp_path, kind):
    open_page(page, site_url)
    fill_one(page)
    original = state(page)["assessments"][0]
    name, first = export(page, f"#pg-as-export-{kind}", tmp_path)
    assert name == f"safeguarding-partnership-north-2026-2026-11-20.{kind}"
    if kind == "json":
        data = json.loads(first)
        assert data["format"] == "parents-as-safeguarding-partners/assessment" and data["format_version"] == 1
        assert data["data_version"] == page.evaluate(
            "fetch('../assets/data/assessment.json').then(r => r.json()).then(d => d.version)"
        )
        assert set(data["ratings"]) == {"STR-LISTEN-01", "OPS-COMMS-01", "COM-ALONG-01", "OPS-PARTNER-01"}
    else:
        text = first.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("standard_id,level,theme,title,rating")
        assert "'=SUM(A1:A2) should stay text" in text  # no formula runs in a spreadsheet

    page.set_input_files("#pg-as-import", str(tmp_path / name))
    expect(page.locator("#pg-as-status")).to_contain_text("Imported 1 file")
    assessments = state(page)["assessments"]
    assert len(assessments) == 2
    copy = assessments[1]
    assert copy["id"] != original["id"]
    assert {k: v for k, v in copy.items() if k != "id"} == {k: v for k, v in original.items() if k != "id"}
    # the imported copy is now the current one, and exports byte for byte the same
    assert page.input_value("#pg-as-current") == copy["id"]
    _, second = export(page, f"#pg-as-export-{kind}", tmp_path)
    assert second == first
    assert page.locator("#pg-as-report li").count() == 0  # nothing to warn about
    assert page.foreign_requests == []


def test_compare_baseline_and_follow_up(page, site_url):
    open_page(page, site_url)
    import_files(page, "baseline.json", "followup.json")
    ids = {a["name"]: a["id"] for a in state(page)["assessments"]}
    page.click("#pg-as-tab-compare")
    page.select_option("#pg-as-base", ids["Partnership baseline"])
    page.select_option("#pg-as-follow", ids["Partnership follow-up"])

    def listed(kind):
        return sorted(page.locator(f"#pg-as-c-{kind} + div tbody th .pg-id").all_inner_texts())

    assert listed("improved") == ["STR-LISTEN-01", "STR-PARTNER-01"]
    assert listed("slipped") == ["COM-ALONG-01"]
    assert listed("newly") == ["COM-TRAUMA-01", "OPS-PARTNER-01"]
    assert page.locator("#pg-as-c-dropped").inner_text() == "No longer rated (0)"
    row = page.locator("#pg-as-c-slipped + div tbody tr").first
    assert row.locator("td").all_inner_texts() == ["Green", "Amber"]  # words, not only colour
    # negative control: swapping them turns improvements into slips
    page.select_option("#pg-as-base", ids["Partnership follow-up"])
    page.select_option("#pg-as-follow", ids["Partnership baseline"])
    assert listed("slipped") == ["STR-LISTEN-01", "STR-PARTNER-01"]
    assert listed("dropped") == ["COM-TRAUMA-01", "OPS-PARTNER-01"]
    assert page.foreign_requests == []


def test_merge_shows_agencies_side_by_side_and_marks_disagreement(page, site_url):
    open_page(page, site_url)
    import_files(page, "police.json", "health.json", "parent-panel.json", "baseline.json")
    page.click("#pg-as-tab-merge")
    # four ticked by default; leave the partnership's own assessment out
    baseline = next(a["id"] for a in state(page)["assessments"] if a["name"] == "Partnership baseline")
    page.uncheck(f"#pg-as-m-{baseline}")
    heads = page.locator("#pg-as-merge thead th").all_inner_texts()
    assert heads[0] == "Standard" and heads[-1] == "Agreement"
    assert heads[1].startswith("Parent panel")  # the parent panel first, beside the professionals
    assert [h.split("\n")[0] for h in heads[2:-1]] == ["Health", "Police"]

    def row(sid):
        r = page.locator(f"#merge-{sid}")
        return r.get_attribute("class"), r.locator("td").all_inner_texts()

    cls, cells = row("STR-LISTEN-01")
    assert "pg-as-disagree" in cls and "pg-as-parent-differs" in cls
    assert [c.split("\n")[0] for c in cells[:3]] == ["Red", "Green", "Green"]
    notes = page.locator("#merge-STR-LISTEN-01 td").first.locator("details")
    assert notes.locator("summary").inner_text().startswith("Evidence")
    notes.locator("summary").click()  # the parent panel's own evidence, beside its rating
    assert notes.locator("p").inner_text() == "We were not asked."
    assert "Disagree" in cells[3] and "from Red to Green" in cells[3] and "parent panel differs" in cells[3]
    cls, cells = row("COM-ALONG-01")
    assert "pg-as-agree" in cls and "pg-as-parent-differs" not in cls
    assert cells == ["Amber", "Amber", "Amber", "Agree: all Amber"]
    cls, cells = row("OPS-COMMS-01")
    assert "pg-as-disagree" in cls and cells[:3] == ["Red", "Amber", "Green"]
    assert (
        page.locator("#pg-as-merge-summary")
        .inner_text()
        .startswith(
            f"{page.locator('#pg-as-merge tbody tr').count()} standards: 1 agree, 2 disagree, 2 where the parent panel differs"
        )
    )
    page.check("#pg-as-merge-only")
    assert sorted(page.locator("#pg-as-merge tbody th .pg-id").all_inner_texts()) == ["OPS-COMMS-01", "STR-LISTEN-01"]
    with page.expect_download() as info:
        page.click("#pg-as-merge-csv")
    csv = Path(info.value.path()).read_text("utf-8-sig").splitlines()
    assert csv[0].startswith("standard_id,title,Parent panel: Parent panel view,Health: Health self-assessment")
    assert page.foreign_requests == []


BAD = [
    ("not-json.json", "not valid JSON"),
    ("empty.json", "The file is empty"),
    ("wrong-format.json", "not an assessment file from this guide"),
    ("newer-format-version.json", "format version 2, newer than this page reads"),
    ("newer-data-version.json", "version 99.0.0 of the benchmark, newer than the version on this site"),
]


def test_bad_files_are_refused_with_a_message_and_change_nothing(page, site_url, tmp_path):
    open_page(page, site_url)
    import_files(page, "police.json")
    show_standard(page, "OPS-PARTNER-01")
    page.check("#rate-OPS-PARTNER-01-amber")
    before = stored(page)
    assert before and "OPS-PARTNER-01" in before
    huge = tmp_path / "huge.json"
    huge.write_text('{"format": "parents-as-safeguarding-partners/assessment", "pad": "' + "x" * (5 * 1024 * 1024) + '"}')
    notcsv = tmp_path / "notes.txt"
    notcsv.write_text("Just some notes about the meeting.")
    cases = [(str(FIXTURES / n), msg) for n, msg in BAD] + [
        (str(huge), "the most this page reads is 5 MB"),
        (str(notcsv), "neither JSON nor CSV"),
    ]
    for path, message in cases:
        page.set_input_files("#pg-as-import", path)
        alert = page.locator("#pg-as-alert")
        expect(alert).to_contain_text(message)
        expect(alert).to_contain_text("Nothing was imported")
        assert Path(path).name in alert.inner_text()
        assert stored(page) == before, path
    # one bad file among good ones: nothing at all is imported
    page.set_input_files("#pg-as-import", [str(FIXTURES / "health.json"), str(FIXTURES / "empty.json")])
    expect(page.locator("#pg-as-alert")).to_contain_text("empty.json: The file is empty")
    assert stored(page) == before
    # negative control: a good file does change what is stored, and clears the message
    import_files(page, "health.json")
    assert stored(page) != before and len(state(page)["assessments"]) == 2
    expect(page.locator("#pg-as-alert")).to_be_empty()
    assert page.foreign_requests == []


def test_unknown_and_retired_ids_warn_and_ratings_carry_over(page, site_url, site_dir):
    data = json.loads((site_dir / "assets" / "data" / "assessment.json").read_text("utf-8"))
    data["retired"] = [
        {
            "id": "STR-OLDLISTEN-09",
            "title": "Old",
            "retired": "0.9.0",
            "replaced_by": ["OPS-COMMS-01", "STR-LISTEN-01"],
            "reason": "Split.",
        },
        {"id": "OPS-GONE-09", "title": "Gone", "retired": "0.9.0", "replaced_by": [], "reason": "Withdrawn."},
    ]
    for s in data["standards"]:
        if s["id"] == "STR-LISTEN-01":
            s["changed"] = data["version"]
    page.route("**/assets/data/assessment.json", lambda route: route.fulfill(json=data))
    open_page(page, site_url)
    import_files(page, "unknown-and-retired.json")
    report = page.locator("#pg-as-report").inner_text()
    assert "brought up to" in report
    assert "XXX-NOPE-01 is not a standard in this version" in report
    assert "STR-OLDLISTEN-09 was retired in 0.9.0; its rating was carried over to OPS-COMMS-01." in report
    assert "OPS-GONE-09 was retired in 0.9.0 with nothing to replace it" in report
    assert 'the rating "purple" is not one this page knows' in report
    assert f"STR-LISTEN-01: its wording changed in version {data['version']}, after this file was made" in report
    assert "OPS-COMMS-01: its wording changed" not in report  # negative control
    ratings = state(page)["assessments"][0]["ratings"]
    assert set(ratings) == {"STR-LISTEN-01", "OPS-COMMS-01", "STR-PARTNER-01"}
    assert ratings["STR-LISTEN-01"]["rating"] == "green"  # its own rating wins over a carried one
    assert ratings["OPS-COMMS-01"] == {
        "rating": "amber",
        "evidence": "",
        "action": "Carried over",
        "owner": "",
        "target_date": "",
    }
    assert ratings["STR-PARTNER-01"]["rating"] == "not_assessed"
    assert ratings["STR-PARTNER-01"]["evidence"] == "Kept although the rating is unknown"
    show_standard(page, "OPS-COMMS-01")
    assert page.is_checked("#rate-OPS-COMMS-01-amber")
    assert page.foreign_requests == []


def test_unreadable_saved_state_is_kept_aside_not_overwritten(page, site_url):
    open_page(page, site_url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{\"assessments\": [ broken')")
    page.reload()
    page.wait_for_selector("#pg-as[data-ready]")
    expect(page.locator("#pg-as-alert")).to_contain_text("could not be read")
    kept = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('pasp-assessments-unreadable-')).map(k => localStorage.getItem(k))"
    )
    assert kept == ['{"assessments": [ broken']
    assert page.is_visible("#pg-as-empty")
    import_files(page, "police.json")  # and the page works on from an empty state
    assert len(state(page)["assessments"]) == 1


def test_core_logic_edge_cases_in_the_browser(page, site_url):
    """The pure functions of core.js, imported as the page imports them."""
    open_page(page, site_url)
    got = page.evaluate(
        """async () => {
          const c = await import('../assets/javascripts/assessment/core.js');
          return {
            csv: c.parseCSV('a,"b,""c""\\n",d\\r\\ne,,\\n\\n'),
            versions: [c.compareVersions('1.10.0', '1.9.0'), c.compareVersions('1.0.0', '1.0'), c.compareVersions('0.9.9', '1.0.0')],
            cells: ['=1+1', "'tis", '-5 days', 'plain, with comma', 'x'].map(c.csvCell),
            cutShort: (() => { try { c.parseCSV('a,"open'); return 'read'; } catch (e) { return e.message; } })(),
          };
        }"""
    )
    assert got["csv"] == [["a", 'b,"c"\n', "d"], ["e", "", ""]]
    assert got["versions"] == [1, 0, -1]
    assert got["cells"] == ["'=1+1", "''tis", "'-5 days", '"plain, with comma"', "x"]
    assert "cut short" in got["cutShort"]
