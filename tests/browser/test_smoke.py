"""The browser tier works: Chromium opens the built site and stays on its origin."""


def test_home_page_opens_without_foreign_requests(page, site_url):
    page.goto(site_url)
    assert "Parents as Safeguarding Partners" in page.title()
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent").strip() == "Parents as Safeguarding Partners"
    assert page.foreign_requests == []


def test_benchmark_matrix_fits_a_phone_with_level_names_whole(page):
    # at 360 px the level names used to break at any letter ("Stra/tegi/c")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("benchmark/")
    heads = page.locator("table.pg-matrix thead th a")
    assert heads.count() == 3
    lines = heads.evaluate_all("els => els.map(e => [e.textContent, e.getClientRects().length])")
    assert all(n == 1 for _, n in lines), f"a level name wraps: {lines}"
    wrap = page.locator(".pg-table-wrap").first
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth"), "the matrix needs sideways scrolling at 360 px"
