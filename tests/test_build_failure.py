"""Bad data stops `make check` and `mkdocs build` with every problem, and loses nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from support import copy_minimal

BROKEN = ("standards/quotes.yml", "  provenance: Published anonymously in source two.\n", "")
EXPECTED = "standards/quotes.yml:1:3: PG007 quote Q-ONE: missing field 'provenance'"


@pytest.fixture
def minimal_project(tmp_path) -> Path:
    """The minimal fixture site, copied so that it can be broken, using the project's templates."""
    return copy_minimal(tmp_path / "minimal")


def break_data(project: Path) -> None:
    rel, old, new = BROKEN
    path = project / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_check_passes_on_good_data_and_fails_on_bad(minimal_project):
    good = check(minimal_project)
    assert good.returncode == 0, good.stderr
    assert "OK: 2 standards" in good.stdout
    break_data(minimal_project)
    bad = check(minimal_project)
    assert bad.returncode == 1
    assert EXPECTED in bad.stderr
    assert "1 problem in the practice-guide data" in bad.stderr


def test_failed_build_leaves_the_previous_site_intact(minimal_project):
    out = minimal_project / "site"
    first = run_build(minimal_project, out)
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert Path("benchmark/STR-LISTEN-01/index.html") in before

    break_data(minimal_project)
    second = run_build(minimal_project, out)
    assert second.returncode != 0
    assert EXPECTED in second.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # not one file removed, added or changed


def test_without_repo_url_no_page_has_an_edit_link_and_nothing_fails(minimal_project):
    config = minimal_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "repo_url" not in text
    config.write_text(text.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n", 1), encoding="utf-8")
    out = minimal_project / "site"
    result = run_build(minimal_project, out)
    assert result.returncode == 0, result.stderr
    pages = sorted(out.rglob("index.html"))
    assert Path(out / "benchmark" / "STR-LISTEN-01" / "index.html") in pages
    assert not [p for p in pages if 'rel="edit"' in p.read_text(encoding="utf-8")]
    # negative control: with a repository, the same site has an edit link on every page
    repo = "repo_url: https://github.com/example/minimal\nedit_uri: edit/main/docs/\n"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true\n", "strict: true\n" + repo, 1), encoding="utf-8")
    result = run_build(minimal_project, out)
    assert result.returncode == 0, result.stderr
    assert all('rel="edit"' in p.read_text(encoding="utf-8") for p in pages)
    standard = (out / "benchmark" / "STR-LISTEN-01" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/minimal/blob/main/standards/' in standard


def make_site(project: Path) -> subprocess.CompletedProcess:
    # the project's Makefile, run in the copy with the project's .venv; `-o setup` skips set-up
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    return subprocess.run(
        ["make", "-o", "setup", "site", f"VENV={ROOT / '.venv'}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_make_site_keeps_the_old_site_when_the_build_fails(minimal_project):
    first = make_site(minimal_project)
    assert first.returncode == 0, first.stdout + first.stderr
    page = minimal_project / "site" / "benchmark" / "STR-LISTEN-01" / "index.html"
    old = page.read_bytes()
    break_data(minimal_project)
    second = make_site(minimal_project)
    assert second.returncode != 0
    assert EXPECTED in second.stderr
    assert page.read_bytes() == old
    assert not (minimal_project / ".site-new" / "index.html").exists()


def test_text_from_the_data_is_escaped(minimal_project):
    out = minimal_project / "site"
    result = run_build(minimal_project, out)
    assert result.returncode == 0, result.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    # the quote holds <b>, & and {{ alone }}: all shown as text, none interpreted
    assert "I felt &lt;b&gt;lost&lt;/b&gt; &amp; {{ alone }}." in html
    assert "<b>lost</b>" not in html
    source_page = (out / "benchmark" / "OPS-TRAUMA-01" / "index.html").read_text(encoding="utf-8")
    assert "Source &amp; &#34;one&#34;" in source_page or "Source &amp; &quot;one&quot;" in source_page


def test_an_inline_script_in_a_page_fails_the_build_with_its_file_and_line(minimal_project):
    """The CSP allows only the theme's own inline scripts (macros/web/csp.py): a contributor's is
    not hashed into the policy to run, but stops the build, named with its line."""
    page = minimal_project / "docs" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", "<script>window.tracked = true</script>", ""]
    page.write_text("\n".join(lines), encoding="utf-8")
    result = run_build(minimal_project, minimal_project / "site")
    assert result.returncode != 0
    assert f"docs/index.md:{len(lines) - 1}: an inline <script> (window.tracked = true) is not one of the theme's own scripts" in result.stdout + result.stderr


def test_make_site_fails_on_what_strict_mode_fails_on_and_says_why(minimal_project):
    """A language finding is a warning, which fails the strict build: `make site` must not hide
    it (it passed --quiet) nor publish the site, and must say which phrase and where."""
    first = make_site(minimal_project)
    assert first.returncode == 0, first.stdout + first.stderr
    page = minimal_project / "site" / "benchmark" / "STR-LISTEN-01" / "index.html"
    old = page.read_bytes()
    data = minimal_project / "standards" / "benchmark" / "strategic.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("  title: Leaders listen", "  title: Leaders listen to hard to reach parents", 1), encoding="utf-8")
    second = make_site(minimal_project)
    out = second.stdout + second.stderr
    assert second.returncode != 0
    assert "standards/benchmark/strategic.yml:4:" in out and '"hard to reach"' in out
    assert "Aborted with 1 warnings in strict mode!" in out
    assert "site/ is unchanged" in out
    assert page.read_bytes() == old
    assert "[macros]" not in first.stdout + first.stderr  # and a good build is quiet about mkdocs-macros' internals
