"""Every built page is valid HTML: the W3C Nu HTML checker (npm's vnu-jar, run with Java) finds no
error in any page of the site, Material's markup included (issue 17).

The checker is the one the W3C runs at validator.w3.org/nu, here run locally over the built
folder. It is installed by `make setup` (package.json, pinned in package-lock.json) and needs
Java (`.ci/system-deps.sh`). Missing either is a failure, not a skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.web.conform import conform

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(target: Path) -> list[dict]:
    """The checker's errors for an HTML file, or every page under a folder."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: run 'make system' (it installs openjdk-17-jre-headless)", pytrace=False)
    if not VNU.is_file():
        pytest.fail(f"the Nu HTML checker is missing at {VNU.relative_to(ROOT)}: run 'make setup' (npm ci)", pytrace=False)
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(target)],
                          capture_output=True, text=True, timeout=300)
    # the report goes to stderr; exit status 1 means "errors found"
    report = json.loads(done.stderr or done.stdout)
    return [m for m in report["messages"] if m.get("type") == "error" or m.get("subType") == "fatal"]


def test_every_built_page_is_valid_html(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 60, "the site has fewer pages than expected: is site_dir the built site?"
    errors = nu_errors(site_dir)
    shown = [f"{Path(m['url'].removeprefix('file:')).relative_to(site_dir)}:{m.get('lastLine')}: {m['message']}" for m in errors[:20]]
    assert not errors, f"{len(errors)} HTML errors, the first:\n" + "\n".join(shown)


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    # the negative control: Material's attributes, as its templates write them, are errors
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
                    '<label class="md-nav__link" for="__drawer" id="l" tabindex="">Menu</label>', encoding="utf-8")
    messages = [m["message"] for m in nu_errors(page)]
    assert any("autocomplete" in m for m in messages), messages
    assert any("tabindex" in m for m in messages), messages
    # and conform() takes out exactly those two, leaving the rest as it was
    fixed = tmp_path / "fixed.html"
    fixed.write_text(conform(page.read_text(encoding="utf-8")), encoding="utf-8")
    assert nu_errors(fixed) == []
    assert 'id="__drawer"' in fixed.read_text(encoding="utf-8") and ">Menu</label>" in fixed.read_text(encoding="utf-8")


def test_conform_leaves_the_guides_own_inputs_alone():
    search_box = '<input id="pg-search-q" type="search" autocomplete="off">'
    assert conform(search_box) == search_box
    focusable = '<label tabindex="0">x</label>'
    assert conform(focusable) == focusable
