"""The language checker in the browser: a 5,000-word document checked, in milliseconds.

``measure(site)`` serves the built site, opens /language-checker/ in headless Chromium and,
in the page, with the page's own module (assets/javascripts/language-checker/match.js) and
the patterns the build prepared (assets/data/language.json), times:

- ``prepare_ms``: turning the prepared pattern sources into RegExp objects (the page does this
  at the first check, not when it opens);
- ``check_ms``: finding every phrase in a 5,000-word document made of the labelled corpus's
  sentences (tests/language/corpus.txt), the median and the slowest of ``RUNS`` runs, and the
  first (``first_check_ms``), when the engine compiles each expression as it first runs it;
- ``page_check_ms``: the same document pasted into the page and "Check the text" pressed,
  until the results are shown (matching, marking the text and listing every finding).

The target is under 50 ms for ``check_ms``. No timing is asserted in a test.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = 5000
RUNS = 15
TARGET_MS = 50


def document(words: int = WORDS) -> str:
    """About ``words`` words of case-note sentences, the corpus's, one a line, repeated."""
    sys.path.insert(0, str(ROOT / "tests" / "language"))
    import evaluate

    sentences = [s for _, _, s in evaluate.read_corpus()]
    out, n, i = [], 0, 0
    while n < words:
        s = sentences[i % len(sentences)]
        out.append(s)
        n += len(s.split())
        i += 1
    return "\n".join(out)


TIMING = """async ([text, runs]) => {
  const root = document.getElementById("pg-lc");
  const src = new URL(root.dataset.src, location.href); // assets/data/language.json
  const match = await import(new URL("../javascripts/language-checker/match.js", src).href);
  const data = await (await fetch(src)).json();
  let t = performance.now();
  const compiled = match.compile(data);
  const prepare = performance.now() - t;
  const times = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    findings = match.find(compiled, text).length;
    times.push(performance.now() - t);
  }
  return { prepare, times, findings, rules: data.rules.length };
}"""


def measure(site: Path, runs: int = RUNS) -> dict:
    from run import served_chromium  # bench/run.py: the site served and a headless Chromium

    text = document()
    with served_chromium(site) as (base, browser):
        page = browser.new_page(base_url=base)
        page.goto("language-checker/")
        page.wait_for_selector("#pg-lc[data-ready='true']")
        got = page.evaluate(TIMING, [text, runs])
        page.fill("#pg-lc-text", text)
        started = page.evaluate("performance.now()")
        page.click("#pg-lc-check")
        page.wait_for_selector("#pg-lc-results:not([hidden])")
        ended = page.evaluate("performance.now()")
        page.close()
    first = got["times"][0]  # the first check: the engine compiles each RegExp when it first runs it
    times = sorted(got["times"])
    return {
        "words": len(text.split()),
        "characters": len(text),
        "rules": got["rules"],
        "findings": got["findings"],
        "prepare_ms": round(got["prepare"], 2),
        "check_ms": round(statistics.median(times), 2),
        "check_slowest_ms": round(times[-1], 2),
        "first_check_ms": round(first, 2),
        "page_check_ms": round(ended - started, 1),
        "runs": runs,
        "target_ms": TARGET_MS,
    }


def report(figures: dict | None) -> str:
    """The lines bench/run.py prints."""
    if not figures:
        return "Language checker in the browser: not measured"
    f = figures
    met = "met" if f["check_ms"] < f["target_ms"] else "MISSED"
    return (
        f"Language checker in the browser: a {f['words']:,}-word document ({f['findings']} findings, {f['rules']} entries) "
        f"checked in {f['check_ms']} ms (median of {f['runs']}; the first {f['first_check_ms']} ms; slowest {f['check_slowest_ms']} ms; target under "
        f"{f['target_ms']} ms: {met}); patterns made ready in {f['prepare_ms']} ms at the first check; "
        f"pasted and checked in the page, results shown, {f['page_check_ms']} ms"
    )


if __name__ == "__main__":  # python bench/language.py SITE_DIR
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    figures = measure(Path(sys.argv[1]))
    print(report(figures))
    print(json.dumps(figures, indent=1))
