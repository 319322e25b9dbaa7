"""The language checker page in Chromium: the same findings as the command line, private, accessible."""

from __future__ import annotations

import re
import subprocess
import sys

from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT
from macros.language import checker as lint
from test_lint import evaluate, labelled

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


# the page's own module and the patterns the build prepared, run in the page on many texts at once
FIND_EACH = """async (texts) => {
  const src = new URL(document.getElementById("pg-lc").dataset.src, location.href);
  const match = await import(new URL("../javascripts/language-checker/match.js", src).href);
  const compiled = match.compile(await (await fetch(src)).json());
  return texts.map((t) => match.find(compiled, t).map((f) => [f.line, f.col, match.oneLine(f.text), f.rule.label, f.rule.id]));
}"""

CLI_LINE = re.compile(r'^(?P<file>.*?(?P<n>\d{4})\.txt):(?P<line>\d+):(?P<col>\d+): "(?P<text>.*)" \((?P<label>[^()]*)\) -> say instead: ')


def test_browser_and_command_line_agree_on_every_corpus_sentence(page, guide, tmp_path):
    """Every sentence of tests/language/corpus.txt, each its own file for python -m macros lint
    and its own text for the page's checker in Chromium: the same findings, place and label."""
    corpus = [sentence for _, _, sentence in evaluate.read_corpus()]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n, sentence in enumerate(corpus):
        (folder / f"{n:04d}.txt").write_text(sentence, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "macros", "lint", str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    cli: dict[int, list] = {n: [] for n in range(len(corpus))}
    for line in out.stdout.splitlines():
        m = CLI_LINE.match(line)
        if m:
            cli[int(m["n"])].append([int(m["line"]), int(m["col"]), m["text"], m["label"]])
    found = sum(len(v) for v in cli.values())
    assert found >= 250 and sum(1 for v in cli.values() if not v) >= 150  # both kinds, really compared
    open_checker(page)
    browser = page.evaluate(FIND_EACH, corpus)
    assert len(browser) == len(corpus)
    matcher = lint.Matcher.from_guide(guide)
    for n, sentence in enumerate(corpus):
        assert [f[:4] for f in browser[n]] == cli[n], sentence
        assert [f[4] for f in browser[n]] == [f.rule.id for f in matcher.find(sentence)], sentence  # labels repeat; IDs do not
    assert page.foreign_requests == []


def test_the_page_prepares_no_pattern_until_the_first_check(page):
    """The patterns arrive prepared by the build; the page makes RegExp objects only when asked to check."""
    page.add_init_script(
        """(() => { const R = window.RegExp; let n = 0; window.__regexps = () => n;
        window.RegExp = new Proxy(R, { construct(t, a) { n++; return new t(...a); }, apply(t, s, a) { n++; return t(...a); } }); })()"""
    )
    open_checker(page)
    before = page.evaluate("window.__regexps()")
    check(page, "Mum is hard to reach.")
    after = page.evaluate("window.__regexps()")
    assert before <= 5  # the theme's own, not the checker's 63 entries
    assert after - before >= 60  # one for each entry at least, made at the first check
    check(page, "Dad is over-involved.")
    assert page.evaluate("window.__regexps()") == after  # and never again
