"""WCAG 2.2 AA on every page of the built site.

- axe-core (WCAG 2.0/2.1/2.2, A and AA rules) on every page found in the built site (of the
  standard pages, which share one template, the first of each level and of each theme), in the
  light scheme, the dark scheme and at 360 px wide: one browser context per run, pages looped
  inside it, and every violation of every page reported together.
- What axe does not check: links in text underlined, a visible focus on every tab stop and no
  keyboard trap, a skip link that works, headings in order, one unique title per page,
  content notes that open and close with the keyboard, wide tables that take focus, reflow
  at 360 px.

Pages are discovered from the built site, so pages added later are covered without editing
this file.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from pages import page_urls, sampled_page_urls, wait_until

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}

RUNS = {
    "light": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "dark": {"color_scheme": "dark", "viewport": {"width": 1280, "height": 900}},
    "phone-360px": {"color_scheme": "light", "viewport": {"width": 360, "height": 740}, "has_touch": True},
}
SCHEME = {"light": "default", "dark": "slate", "phone-360px": "default"}


def built_pages(site_dir):
    return sorted(site_dir.rglob("index.html")) + [site_dir / "404.html"]


def open_context(browser, site_url, **options):
    context = browser.new_context(base_url=site_url, service_workers="block", **options)
    context.route(lambda url: not url.startswith((site_url, "data:", "blob:")), lambda route: route.abort())
    return context


def goto(page, url):
    page.goto(url)
    page.wait_for_load_state("load")


def describe(url, violation):
    nodes = "; ".join(
        " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in violation["nodes"][:4]
    )
    return f"{url or '/'}: {violation['id']} ({violation['impact']}) x{len(violation['nodes'])}: {violation['help']} -> {nodes}"


# ---- axe-core on every page ----------------------------------------------------------------


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("run", list(RUNS))
def test_axe_finds_no_wcag_violation_on_any_page(browser, site_url, site_dir, axe, run):
    context = open_context(browser, site_url, **RUNS[run])
    page = context.new_page()
    problems: list[str] = []
    urls = sampled_page_urls(site_dir)
    assert len(urls) > 10 and len(urls) < len(page_urls(site_dir))
    try:
        for url in urls:
            goto(page, url)
            # the scheme this run means to test is the one applied (Material follows the media query)
            wait_until(page, f"document.body.dataset.mdColorScheme === '{SCHEME[run]}'")
            if run == "phone-360px":
                assert page.evaluate("window.innerWidth") == 360
                # reflow (1.4.10): nothing makes the page itself scroll sideways
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 360:
                    problems.append(f"{url or '/'}: the page is {width}px wide at a 360px viewport")
            result = axe.run(page, options=AXE_OPTIONS)
            problems += [describe(url, v) for v in result.response["violations"]]
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def test_axe_negative_control_finds_a_planted_violation(browser, site_url, axe):
    """The same run reports a real failure: a low-contrast paragraph and an unlabelled button."""
    context = open_context(browser, site_url, **RUNS["light"])
    page = context.new_page()
    try:
        goto(page, "about/")
        page.evaluate(
            """() => { const p = document.createElement('p'); p.textContent = 'faint words';
                       p.className = 'pg-planted'; document.querySelector('article').appendChild(p);
                       p.style.color = '#bbb';
                       const b = document.createElement('button'); document.querySelector('article').appendChild(b); }"""
        )
        ids = {v["id"] for v in axe.run(page, options=AXE_OPTIONS).response["violations"]}
        assert {"color-contrast", "button-name"} <= ids
    finally:
        context.close()


# ---- the built HTML: titles, headings, skip links -----------------------------------------


def test_every_page_has_a_unique_meaningful_title(site_dir):
    titles = {}
    for path in built_pages(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        title = soup.title.get_text(" ", strip=True) if soup.title else ""
        assert title, path
        h1 = soup.select_one("article h1")
        assert h1 is not None, path
        heading = re.sub(r"\s+", " ", h1.get_text(" ", strip=True)).replace("¶", "").strip()
        # the title names the page: it contains the main heading's words (or says "not found")
        words = [w for w in re.findall(r"[a-z]+", heading.lower()) if len(w) > 3][:3]
        assert all(w in title.lower() for w in words), (path, title, heading)
        titles[path.relative_to(site_dir).as_posix()] = title
    repeated = {t: [p for p, x in titles.items() if x == t] for t, n in Counter(titles.values()).items() if n > 1}
    assert repeated == {}


def test_headings_are_in_order_on_every_page(site_dir):
    problems = []
    for path in built_pages(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        levels = [int(h.name[1]) for h in article.find_all(re.compile(r"^h[1-6]$"))]
        name = path.relative_to(site_dir).as_posix()
        if not levels or levels[0] != 1 or levels.count(1) != 1:
            problems.append(f"{name}: one h1 first, found {levels[:5]}")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"{name}: h{before} followed by h{after}")
    assert problems == [], "\n".join(problems)


def test_every_page_starts_with_a_skip_link_to_its_content(site_dir):
    for path in built_pages(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        first = soup.body.select_one("a[href]")
        assert "md-skip" in (first.get("class") or []), (path, str(first)[:120])
        target = first["href"]
        assert target.startswith("#") and soup.find(id=target[1:]) is not None, (path, target)


# ---- keyboard ------------------------------------------------------------------------------

FOCUS_STATE = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  // judge the end state of focus transitions (Material fades some focus styles in)
  focused.getAnimations({subtree: true}).forEach(a => a.finish());
  // Material's palette radio is visually hidden; its label next to it shows the focus
  const el = focused.matches('.md-option') && focused.nextElementSibling ? focused.nextElementSibling : focused;
  el.getAnimations().forEach(a => a.finish());
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {
    key: focused.outerHTML.slice(0, 120),
    visible: outline || shadow,
    shown: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
    transparent: parseFloat(s.opacity) === 0,
  };
}"""

TABBABLE = """() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden').length"""


def keyboard_pages(site_dir):
    """Every page but the standards' own pages, which share one template: two of those."""
    urls = page_urls(site_dir)
    standards = [u for u in urls if re.fullmatch(r"benchmark/[A-Z]+-[A-Z]+-\d+/", u)]
    return [u for u in urls if u not in standards] + standards[:2]


def test_tab_shows_a_visible_focus_on_every_stop_and_never_traps(browser, site_url, site_dir):
    context = open_context(browser, site_url, **RUNS["light"])
    page = context.new_page()
    problems = []
    try:
        for url in keyboard_pages(site_dir):
            goto(page, url)
            limit = page.evaluate(TABBABLE) * 2 + 20
            first = None
            for _ in range(limit):
                page.keyboard.press("Tab")
                state = page.evaluate(FOCUS_STATE)
                if state is None:  # focus left the page after the last stop: no trap
                    break
                if first is None:
                    first = state["key"]
                elif state["key"] == first:
                    break
                if not state["shown"] or state["transparent"]:
                    problems.append(f"{url or '/'}: focus lands on something that cannot be seen: {state['key']}")
                elif not state["visible"]:
                    problems.append(f"{url or '/'}: no visible focus on {state['key']}")
            else:
                problems.append(f"{url or '/'}: Tab never left the page or came round again: a keyboard trap")
    finally:
        context.close()
    assert problems == [], "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("url", ["", "about/", "benchmark/strategic/", "404.html"])
def test_skip_link_shows_on_focus_and_moves_to_the_content(page, url):
    goto(page, url)
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    wait_until(page, "getComputedStyle(document.activeElement).opacity === '1'")
    box = skip.bounding_box()
    assert box and box["width"] > 0 and box["y"] >= 0
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # the next stop comes after the skip target: past the header, the exit button and the menu
    after = page.evaluate(
        """(id) => { const t = document.getElementById(id), a = document.activeElement;
                     return !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)
                            && !a.closest('header, .md-sidebar--primary, [data-pg-exit]'); }""",
        target[1:],
    )
    assert after, page.evaluate("document.activeElement.outerHTML")


def test_links_in_text_are_underlined(browser, site_url, site_dir):
    context = open_context(browser, site_url, **RUNS["light"])
    page = context.new_page()
    bare = []
    try:
        for url in page_urls(site_dir):
            goto(page, url)
            bare += [
                f"{url or '/'}: {html}"
                for html in page.evaluate(
                    """() => [...document.querySelectorAll('article.md-typeset a[href]:not(.headerlink):not(.md-button)')]
                        .filter(a => a.getClientRects().length)
                        .filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))
                        .map(a => a.outerHTML.slice(0, 120))"""
                )
            ]
    finally:
        context.close()
    assert bare == [], "\n".join(bare[:30])


# ---- content notes, wide tables ------------------------------------------------------------


def test_content_notes_are_closed_and_open_with_the_keyboard(page):
    goto(page, "parent-voice/")
    notes = page.locator("details.pg-content-note")
    assert notes.count() >= 1
    note = notes.first
    assert note.evaluate("d => !d.open")
    quote = note.locator("blockquote")
    assert not quote.is_visible()
    summary = note.locator("summary")
    assert summary.inner_text().startswith("Content note:")
    summary.focus()
    page.keyboard.press("Enter")
    assert note.evaluate("d => d.open") and quote.is_visible()
    # open, the quotation's own link is the next tab stop
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('details.pg-content-note figure')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert note.evaluate("d => !d.open") and not quote.is_visible()
    # closed, Tab skips the quotation altogether
    page.keyboard.press("Tab")
    assert not page.evaluate("!!document.activeElement.closest('details.pg-content-note figure')")


def test_review_findings_about_harm_sit_behind_content_notes(page, guide):
    noted = [f for s in guide.sources for f in s.findings if getattr(f, "content_note", None)]
    assert noted, "findings that describe harm carry a content note in standards/sources.yml"
    goto(page, "evidence/")
    for finding in noted:
        item = page.locator(f"[id='{finding.id}']")
        note = item.locator("details.pg-content-note")
        assert note.count() == 1, finding.id
        assert finding.content_note in note.locator("summary").inner_text()
        assert not note.evaluate("d => d.open")
        note.locator("summary").focus()
        page.keyboard.press("Enter")
        assert note.evaluate("d => d.open")
    # a finding without a note is shown straight away (negative control)
    plain = next(f for s in guide.sources for f in s.findings if not getattr(f, "content_note", None))
    assert page.locator(f"[id='{plain.id}'] details").count() == 0


def test_a_wide_table_becomes_a_focusable_labelled_region(browser, site_url):
    context = open_context(browser, site_url, **RUNS["phone-360px"])
    page = context.new_page()
    try:
        goto(page, "about/")
        page.evaluate(
            """() => {
                const h = document.createElement('h2'); h.textContent = 'Planted wide table';
                const wrap = document.createElement('div'); wrap.className = 'md-typeset__scrollwrap';
                const inner = document.createElement('div'); inner.className = 'md-typeset__table';
                const narrow = wrap.cloneNode(); narrow.id = 'narrow';
                const t = document.createElement('table');
                t.innerHTML = '<tr>' + '<td>wide cell of text</td>'.repeat(20) + '</tr>';
                inner.appendChild(t); wrap.appendChild(inner); wrap.id = 'wide';
                const small = document.createElement('div'); small.className = 'md-typeset__table';
                small.innerHTML = '<table><tr><td>a</td></tr></table>'; narrow.appendChild(small);
                const a = document.querySelector('article'); a.append(h, wrap, narrow);
            }"""
        )
        wide = page.locator("#wide")
        wait_until(page, "document.querySelector('#wide').getAttribute('tabindex') === '0'")
        assert wide.get_attribute("role") == "region"
        assert wide.get_attribute("aria-label").startswith("Table: Planted wide table")
        # a table that fits stays out of the tab order (negative control)
        assert page.locator("#narrow").get_attribute("tabindex") is None
        wide.focus()
        page.keyboard.press("ArrowRight")
        wait_until(page, "document.querySelector('#wide').scrollLeft > 0")
    finally:
        context.close()
