"""Quick exit: the "Exit this page" button and the Shift-three-times shortcut.

The neutral page (mkdocs.yml extra.quick_exit_url) is never reached: ``page.route`` answers
it with a stub page, and records that the browser went there. Page routes take precedence
over the ``page`` fixture's context route, which blocks every other host.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
STUB = "<!doctype html><html lang='en'><title>Neutral page</title><h1>Weather</h1></html>"


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml may use MkDocs' own tags (!ENV, !relative); they do not matter here.
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def exit_url() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    url = config["extra"]["quick_exit_url"]
    assert url.startswith("https://"), "the quick-exit target must be an https page on another site"
    return url


@pytest.fixture
def neutral(page, exit_url):
    """Requests the browser made to the neutral page (answered by a stub, never the network)."""
    seen: list[str] = []

    def fulfil(route):
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STUB)

    page.route(exit_url.rstrip("/") + "**", fulfil)
    return seen


def open_page(page, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("load")


def test_every_page_has_the_exit_link_first_after_the_skip_link(site_dir, exit_url):
    pages = sorted(site_dir.rglob("index.html")) + [site_dir / "404.html"]
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("a[data-pg-exit-button]")
        assert len(links) == 1, path
        link = links[0]
        assert link.get_text(strip=True) == "Exit this page", path
        assert link["href"] == exit_url, path  # works without JavaScript too
        header = soup.select_one("header.md-header")
        # No link comes before the exit button but Material's skip link.
        links_in_order = soup.body.select("a[href], button, input:not([type=checkbox])")
        before = links_in_order[: links_in_order.index(link)]
        assert all("md-skip" in (el.get("class") or []) for el in before), (path, before)
        assert link.sourceline < header.sourceline, path


def test_button_replaces_the_page_with_the_neutral_page(page, neutral, exit_url):
    open_page(page, "")
    home = page.url
    open_page(page, "about/")
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(exit_url)
    assert neutral == [exit_url]
    assert page.title() == "Neutral page"
    # location.replace: the guide's page it left is no longer in the history, so Back
    # goes to the page before it, not back to the page the reader was on.
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url == home
    # the only other host the browser tried is the neutral page (answered by the stub)
    assert set(page.foreign_requests) == {exit_url}


def test_button_is_reachable_by_keyboard_and_visible(page, neutral, exit_url):
    open_page(page, "evidence/")
    button = page.locator("[data-pg-exit-button]")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["y"] < 60, "the button is at the top of the page"
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-pg-exit-button]')"):
            break
    assert page.evaluate("document.activeElement.matches('[data-pg-exit-button]')"), (
        "the exit button is among the first tab stops"
    )
    # still visible after scrolling to the end of a long page (it is fixed at the top)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert button.is_visible() and button.bounding_box()["y"] < 60
    page.keyboard.press("Enter")
    page.wait_for_url(exit_url)
    assert neutral == [exit_url]


def test_three_shift_presses_leave_the_page(page, neutral, exit_url):
    open_page(page, "parent-voice/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    status = page.locator("[data-pg-exit-status]")
    assert "1 more time" in status.text_content()
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert neutral == [exit_url]


def test_shift_works_while_typing_in_the_search_box(page, neutral, exit_url):
    open_page(page, "")
    page.locator("[data-pg-search-open]").click()
    expect(page.locator("#pg-search-q")).to_be_focused()
    page.keyboard.type("parent")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert neutral == [exit_url]


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(["Shift", "Shift"], id="two-presses"),
        pytest.param(["Shift+A", "Shift+B", "Shift+C"], id="capital-letters"),
        pytest.param(["Shift", "Shift", "a", "Shift"], id="a-letter-between"),
        pytest.param(["Escape", "Escape", "Escape"], id="escape"),
    ],
)
def test_other_keys_do_not_leave(page, neutral, keys):
    open_page(page, "key-learning/")
    start = page.url
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_timeout(600)
    assert neutral == []
    assert page.url == start
    assert page.evaluate("document.documentElement.classList.contains('pg-exiting')") is False


def test_presses_up_to_five_seconds_apart_leave_the_page(page, neutral, exit_url):
    # GOV.UK's "Exit this page" timing: people with a tremor or who move slowly need the time
    open_page(page, "key-learning/")
    page.keyboard.press("Shift")
    page.wait_for_timeout(2500)
    page.keyboard.press("Shift")
    page.wait_for_timeout(2500)  # 5 s from the first press: the time restarts at each press
    page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert neutral == [exit_url]


def test_presses_further_apart_than_five_seconds_do_not_leave(page, neutral):
    open_page(page, "key-learning/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(5400)
    status = page.locator("[data-pg-exit-status]")
    assert "expired" in status.text_content()
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert neutral == []
    assert "2 more times" in status.text_content()  # the count started again
