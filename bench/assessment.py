"""The self-assessment's first screen at 4x CPU slowdown, with the real standards (42 today) and with 500.

``measure(site)`` serves the built site and opens /assessment/ in headless Chromium with the CPU
slowed four times (Chrome DevTools' CPU throttling, as Lighthouse's mobile run), fresh storage
each time, and times from the start of the navigation to:

- ``ready_ms``: the page's script has read the data and drawn the first group of standards with
  its controls (``#pg-as[data-ready]``: from then on a rating can be given);
- ``parsed_ms``: of that, the document parsed and its deferred scripts run (DOMContentLoaded's
  end), before the page's script reads the data;
- ``rated_ms``: a first rating given after that and announced as saved (the answer starts the
  assessment), measured on its own from the click.

With 500 standards the data file is replaced (by a route) with 500 made-up standards spread over
the real levels and themes. The target is ``ready_ms`` within 1 s. Median of ``RUNS`` loads.
No timing is asserted in a test.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

RUNS = 3
SLOWDOWN = 4
TARGET_MS = 1000


def _once(browser, base: str, data: dict | None) -> dict:
    context = browser.new_context(base_url=base, service_workers="block")
    page = context.new_page()
    if data is not None:
        page.route("**/assets/data/assessment.json", lambda route: route.fulfill(json=data))
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
    page.goto("assessment/", wait_until="commit")
    page.wait_for_selector("#pg-as[data-ready]", timeout=60_000)
    ready = page.evaluate("performance.now()")  # from the navigation's start (the time origin)
    # how much of it is the page before the script's own work: the document parsed and every
    # deferred script (Material's bundle, the assessment's modules) run
    parsed = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    first = page.locator(".pg-as-std input[type=radio]").first
    started = page.evaluate("performance.now()")
    first.check()
    page.wait_for_function("document.getElementById('pg-as-status').textContent.includes('Saved')")
    rated = page.evaluate("performance.now()") - started
    cards = page.locator(".pg-as-std").count()
    context.close()
    return {"ready_ms": ready, "parsed_ms": parsed, "rated_ms": rated, "cards": cards}


def measure(site: Path, runs: int = RUNS) -> dict:
    from run import served_chromium  # bench/run.py: the site served and a headless Chromium (and tests/ on the path)
    from support import made_up_assessment_data  # tests/support.py, as the browser test of 500 standards makes them

    real = json.loads((site / "assets" / "data" / "assessment.json").read_text(encoding="utf-8"))
    out = {}
    with served_chromium(site) as (base, browser):
        for name, data in (("real", None), ("made_up_500", made_up_assessment_data(real, 500))):
            got = [_once(browser, base, data) for _ in range(runs)]
            out[name] = {
                "standards": len((data or real)["standards"]),
                "ready_ms": round(statistics.median(g["ready_ms"] for g in got)),
                "parsed_ms": round(statistics.median(g["parsed_ms"] for g in got)),
                "rated_ms": round(statistics.median(g["rated_ms"] for g in got)),
                "cards_drawn": got[0]["cards"],
            }
    out["slowdown"] = SLOWDOWN
    out["runs"] = runs
    out["target_ms"] = TARGET_MS
    return out


def report(figures: dict | None) -> str:
    """The lines bench/run.py prints."""
    if not figures:
        return "Self-assessment's first screen: not measured"
    parts = []
    for key in ("real", "made_up_500"):
        f = figures[key]
        met = "met" if f["ready_ms"] <= figures["target_ms"] else "MISSED"
        parts.append(f"{f['standards']} standards: ready in {f['ready_ms']} ms ({met}; the page parsed and its scripts run at {f['parsed_ms']} ms), {f['cards_drawn']} cards drawn, a first rating saved in {f['rated_ms']} ms")
    return (f"Self-assessment's first screen at {figures['slowdown']}x CPU slowdown (median of {figures['runs']}; target "
            f"ready within {figures['target_ms']} ms): " + "; ".join(parts))


if __name__ == "__main__":  # python bench/assessment.py SITE_DIR
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    figures = measure(Path(sys.argv[1]))
    print(report(figures))
    print(json.dumps(figures, indent=1))
