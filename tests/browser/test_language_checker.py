"""The language checker page in Chromium: the same findings as the command line, private, accessible."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from macros.language import checker as lint
from test_lint import labelled

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def open_checker(page):
    page.goto("language-checker/")
    page.wait_for_selector("#pg-lc[data-ready='true']")


def check(page, text):
    page.fill("#pg-lc-text", text)
    page.click("#pg-lc-check")
    page.wait_for_selector("#pg-lc-results:not([hidden])")
    # the announcement is set a moment later, so that screen readers hear it again
    page.wait_for_function("() => /found/.test(document.getElementById('pg-lc-status').textContent)")


def browser_findings(page):
    return page.eval_on_selector_all(
        "#pg-lc-list li.pg-lc-finding",
        "items => items.map(li => [li.dataset.rule, Number(li.dataset.line), Number(li.dataset.col), li.dataset.text])",
    )


def cli_findings(guide, text):
    return [[f.rule.id, f.line, f.col, f.text] for f in lint.Matcher.from_guide(guide).find(text)]


def test_same_findings_as_the_command_line_for_the_labelled_sentences(page, guide):
    open_checker(page)
    text = "\n".join(sentence for _, sentence in labelled())
    check(page, text)
    expected = cli_findings(guide, text)
    assert len(expected) >= 60  # a real comparison, not two empty lists
    assert browser_findings(page) == expected
    # each finding is marked in place, in a copy of the text that reads the same as the input
    marks = page.eval_on_selector_all("#pg-lc-marked mark", "ms => ms.map(m => m.textContent)")
    assert marks == [f[3] for f in expected]
    marked_text = page.eval_on_selector(
        "#pg-lc-marked", "el => Array.from(el.childNodes).filter(n => !(n.nodeName === 'A')).map(n => n.textContent).join('')"
    )
    assert marked_text == text
    status = page.text_content("#pg-lc-status")
    assert f"{len(expected)} phrases found" in status
    assert page.foreign_requests == []


def test_sentences_one_by_one_agree_with_the_command_line(page, guide):
    """Context rules and overlaps at the edges of the text, sentence by sentence (a sample of both kinds)."""
    open_checker(page)
    items = labelled()
    sample = [s for ids, s in items if not ids][:12] + [s for ids, s in items if ids][::5]
    for sentence in sample:
        check(page, sentence)
        assert browser_findings(page) == cli_findings(guide, sentence), sentence


def test_a_finding_explains_itself_and_links_to_the_guide(page, guide):
    open_checker(page)
    check(page, "Visit notes.\nMum is hard to reach.")
    item = page.locator("#pg-lc-list li.pg-lc-finding")
    assert item.count() == 1
    body = item.inner_text()
    entry = next(e for e in guide.language if e.id == "L-HARD-TO-REACH")
    assert "line 2, column 8" in body
    assert entry.label in body and entry.why_it_harms in body and entry.how_it_lands in body
    for alternative in entry.say_instead:
        assert alternative in body
    href = item.locator("a[href*='language-guide/#L-HARD-TO-REACH']")
    assert href.count() == 1
    assert "1 phrase found" in page.text_content("#pg-lc-status")
    assert page.get_attribute("#pg-lc-status", "aria-live") == "polite"


def test_clean_text_says_so(page):
    open_checker(page)
    check(page, "Mum told us what she has noticed, and we agreed a plan together.")
    assert page.locator("#pg-lc-list li.pg-lc-finding").count() == 0
    assert page.text_content("#pg-lc-status") == "No phrases from the language guide were found."


def test_user_text_is_never_parsed_as_html(page):
    open_checker(page)
    hostile = '<img src="x" onerror="window.pwned=1"><b>bold</b> Mum is <i>hard to reach</i>'
    check(page, hostile)
    assert page.locator("#pg-lc-marked img, #pg-lc-marked b, #pg-lc-list img").count() == 0
    assert page.text_content("#pg-lc-marked").startswith('<img src="x"')
    assert page.evaluate("window.pwned === undefined")
    assert browser_findings(page) == [["L-HARD-TO-REACH", 1, 61, "hard to reach"]]
    assert page.foreign_requests == []


def test_works_offline_once_loaded_and_sends_nothing(page):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_checker(page)
    loaded = len(requests)
    page.context.set_offline(True)
    check(page, "They don't come to meetings.")
    assert browser_findings(page)[0][0] == "L-NOT-AT-MEETINGS"
    assert requests[loaded:] == []  # checking made no request at all
    assert page.foreign_requests == []
    assert "Nothing you type leaves this device" in page.text_content("main")
    # the checker is an ES module, like the self-assessment, under the site's script-src 'self'
    assert page.get_attribute("script[src*='language-checker.js']", "type") == "module"


def test_keyboard_only(page):
    open_checker(page)
    page.focus("#pg-lc-text")
    page.keyboard.type("Dad is over-involved.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pg-lc-check"
    page.keyboard.press("Enter")
    page.wait_for_selector("#pg-lc-results:not([hidden])")
    assert browser_findings(page) == [["L-OVER-INVOLVED", 1, 8, "over-involved"]]
    # the number after the mark is a link to the explanation
    ref = page.locator("#pg-lc-marked a.pg-lc-ref")
    assert ref.get_attribute("href") == "#pg-lc-f-1"
    assert "Over-involved" in ref.get_attribute("aria-label")


def test_no_accessibility_violations_before_and_after_a_check(page):
    open_checker(page)
    axe = Axe()
    before = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert before.violations_count == 0, before.generate_report()
    check(page, "Mum is hard to reach.\nThe exploiters were colluding with each other.\nDad is controlling.")
    after = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert after.violations_count == 0, after.generate_report()
    assert page.foreign_requests == []
