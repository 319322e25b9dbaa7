"""The browser tier works: Chromium opens the built site and stays on its origin."""


def test_home_page_opens_without_foreign_requests(page, site_url):
    page.goto(site_url)
    assert "Parents as Safeguarding Partners" in page.title()
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent").strip() == "Parents as Safeguarding Partners"
    assert page.foreign_requests == []
