"""Problems are data: a stable code, the place, the line with a caret, and GitHub annotations.

Each of the three ways a problem prints is checked here on real runs: ``make check``'s command
(``python -m macros check``) and a strict ``mkdocs build``, with and without GITHUB_ACTIONS.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run_build
from support import copy_minimal
from macros.data.load import GuideError, load_guide
from macros.data.problems import CODES, Problem

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture
def broken(tmp_path):
    """The minimal site with two problems: a misspelt field and a reference to nothing."""
    dest = copy_minimal(tmp_path / "minimal")
    quotes = dest / "standards" / "quotes.yml"
    text = quotes.read_text(encoding="utf-8")
    assert "  attribution:" in text and "themes: [listen, trauma]" in text
    quotes.write_text(text.replace("  attribution:", "  atribution:", 1).replace("themes: [listen, trauma]", "themes: [listne, trauma]", 1), encoding="utf-8")
    return dest


def lines_of(project, rel):
    return (project / rel).read_text(encoding="utf-8").splitlines()


def check(project, **env):
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": "", **env},
    )


def expected_pretty(project):
    lines = lines_of(project, "standards/quotes.yml")
    n = next(i for i, t in enumerate(lines) if t.startswith("  atribution:")) + 1
    t = next(i for i, t in enumerate(lines) if "themes: [listne, trauma]" in t) + 1
    col = lines[t - 1].index("listne") + 1
    def gutter(k):
        return " " * len(str(k))

    return [
        "standards/quotes.yml:1:3: PG007 quote Q-ONE: missing field 'attribution'",
        "  1 | - id: Q-ONE",
        "    |   ^",
        f"standards/quotes.yml:{n}:3: PG006 quote Q-ONE: unknown field 'atribution' (did you mean 'attribution'?)",
        f"  {n} | {lines[n - 1]}",
        f"  {gutter(n)} |   ^",
        f"standards/quotes.yml:{t}:{col}: PG012 quote Q-ONE: field 'themes': unknown theme 'listne' (did you mean 'listen'?)",
        f"  {t} | {lines[t - 1]}",
        f"  {gutter(t)} | " + " " * (col - 1) + "^",
    ], n, t, col


def test_check_prints_codes_lines_and_carets(broken):
    result = check(broken)
    assert result.returncode == 1
    want, *_ = expected_pretty(broken)
    got = [line[2:] for line in result.stderr.splitlines() if line.startswith("  ")]
    assert got == want
    assert "::error" not in result.stderr  # not on GitHub: no workflow commands


def test_check_on_github_also_prints_annotations(broken):
    result = check(broken, GITHUB_ACTIONS="true")
    assert result.returncode == 1
    _, n, t, col = expected_pretty(broken)
    annotations = [line for line in result.stderr.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=standards/quotes.yml,line=1,col=3,title=PG007::quote Q-ONE: missing field 'attribution'",
        f"::error file=standards/quotes.yml,line={n},col=3,title=PG006::quote Q-ONE: unknown field 'atribution' (did you mean 'attribution'?)",
        f"::error file=standards/quotes.yml,line={t},col={col},title=PG012::quote Q-ONE: field 'themes': unknown theme 'listne' (did you mean 'listen'?)",
    ]


def test_the_build_prints_the_same_with_annotations_on_their_own_lines(broken, tmp_path):
    os.environ["GITHUB_ACTIONS"] = "true"
    try:
        result = run_build(broken, tmp_path / "out")
    finally:
        del os.environ["GITHUB_ACTIONS"]
    assert result.returncode != 0
    want, n, t, col = expected_pretty(broken)
    for line in want:
        assert line in result.stderr
    own_lines = result.stderr.splitlines()
    assert f"::error file=standards/quotes.yml,line={t},col={col},title=PG012::quote Q-ONE: field 'themes': unknown theme 'listne' (did you mean 'listen'?)" in own_lines
    assert not (tmp_path / "out").exists()


def test_annotation_escapes_what_github_reads_as_syntax():
    p = Problem("standards/a,b:c.yml", 4, "100% wrong\nnext", "PG009", 2)
    assert p.github() == "::error file=standards/a%2Cb%3Ac.yml,line=4,col=2,title=PG009::100%25 wrong%0Anext"


def test_caret_without_a_column_points_at_the_first_character():
    p = Problem("x.yml", 7, "m", "PG008", 0, "    text: ''")
    assert p.pretty().splitlines() == ["x.yml:7:5: PG008 m", "  7 |     text: ''", "    |     ^"]


def test_every_code_is_documented_in_contributing():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `?(PG\d{3})`? ", text, re.M))
    assert listed == set(CODES)


# a problem of each kind, with the code it must carry (written by hand, not looked up)
CASES = [
    ("quotes.yml", "year: 2020", "year: twenty", "PG009"),
    ("quotes.yml", "  attribution:", "  atribution:", "PG006"),
    ("levels.yml", "code: STR", "code: str", "PG010"),
    ("sources.yml", "kind: ", "kind: nonsense\n  x_kind: ", "PG006"),
    ("benchmark/strategic.yml", "level: strategic", "level: strategc", "PG012"),
    ("benchmark/strategic.yml", "theme: listen", "theme: F-ONE-A", "PG013"),
    ("benchmark/strategic.yml", "findings: [F-ONE-A]", "findings: [F-ONE-A", "PG002"),
    ("ratings.yml", "label: Green", "label: ''", "PG008"),
    ("ratings.yml", "score: 2", "score: 3", "PG020"),
]


@pytest.mark.parametrize(("rel", "old", "new", "code"), CASES)
def test_each_kind_of_problem_has_its_code(tmp_path, rel, old, new, code):
    root = tmp_path / "p"
    shutil.copytree(FIXTURE / "standards", root / "standards")
    path = root / "standards" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GuideError) as err:
        load_guide(root / "standards", root)
    assert code in {p.code for p in err.value.problems}, [f"{p.code} {p}" for p in err.value.problems]
    assert all(p.source for p in err.value.problems if p.path.endswith(rel))  # each shows its line


def test_language_findings_are_annotated_on_github_too(tmp_path):
    project = tmp_path / "minimal"
    shutil.copytree(FIXTURE, project)
    page = project / "docs" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("Some families are hard to reach.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(project, GITHUB_ACTIONS="true")
    assert result.returncode == 1
    n = len(lines)
    col = len("Some families are ") + 1
    annotations = [line for line in result.stderr.splitlines() if line.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith(f"::error file=docs/index.md,line={n},col={col},title=PG022::\"hard to reach\"")
    assert "::" not in check(project).stderr.replace("docs/index.md", "")  # not on GitHub: none
