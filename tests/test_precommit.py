"""The pre-commit hooks run on the repository, pass, and catch each kind of mistake; CI runs the Makefile.

The hooks run on a copy of the project in its own git repository (never in the real checkout:
pre-commit would touch its index and hooks), with the project's .venv linked in.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ("yaml-syntax", "ruff", "data-and-language-check", "schema-current")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, timeout=60)


@pytest.fixture
def repo(project_copy, tmp_path):
    (project_copy / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    _git(project_copy, "init", "-q")
    _git(project_copy, "add", ".")
    return project_copy


def _run(repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(ROOT / ".venv/bin/pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _status(output: str) -> dict[str, str]:
    """Hook name line -> Passed / Failed / Skipped."""
    out = {}
    for line in output.splitlines():
        for word in ("Passed", "Failed", "Skipped"):
            if line.rstrip().endswith(word) and "." in line:
                out[line.split(".")[0].strip()] = word
    return out


def test_config_hooks_are_local_and_use_the_projects_venv():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for r in config["repos"] for h in r["hooks"]]
    assert [r["repo"] for r in config["repos"]] == ["local"]  # nothing fetched from the network
    assert tuple(h["id"] for h in hooks) == HOOKS
    assert all(h["language"] == "system" and h["entry"].startswith(".venv/bin/") for h in hooks)


def test_hooks_pass_on_the_repository_and_catch_each_mistake(repo, tmp_path):
    home = tmp_path / "pre-commit-home"
    clean = _run(repo, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    status = _status(clean.stdout)
    assert len(status) == len(HOOKS) and set(status.values()) == {"Passed"}, clean.stdout

    # one mistake of each kind
    (repo / "docs" / "about.md").write_text(
        (repo / "docs" / "about.md").read_text(encoding="utf-8") + "\nSome families are hard to reach.\n", encoding="utf-8"
    )
    (repo / "macros" / "broken.py").write_text("import os\n", encoding="utf-8")
    (repo / "editions" / "example" / "notes.yml").write_text("a: [1\n", encoding="utf-8")
    schema = repo / "standards" / "schema" / "levels.json"
    schema.write_text("{}\n", encoding="utf-8")
    _git(repo, "add", ".")
    broken = _run(repo, home)
    assert broken.returncode == 1
    out = broken.stdout
    assert set(_status(out).values()) == {"Failed"}, out
    assert "editions/example/notes.yml:1: YAML syntax error: the bracket opened here is not closed (noticed at line 2)" in out
    assert "macros/broken.py:1:8: F401" in out
    assert "docs/about.md" in out and "hard to reach" in out
    assert "standards/schema/levels.json: out of date" in out


def test_ci_runs_the_makefile_and_deploys_main_to_pages():
    workflows = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / ".github/workflows").glob("*.yml")}
    assert workflows
    jobs = {name: job for wf in workflows.values() for name, job in wf["jobs"].items()}

    def runs(job):
        return "\n".join(step.get("run", "") for step in job.get("steps", []))

    def uses(job):
        return [step.get("uses", "").split("@")[0] for step in job.get("steps", [])]

    triggers = {k for wf in workflows.values() for k in wf[True]}  # YAML 1.1 reads the key 'on' as true
    assert {"pull_request", "push"} <= triggers
    test = next(j for j in jobs.values() if "make test" in runs(j))
    assert ".ci/system-deps.sh --install" in runs(test)  # Chromium and Pango for the tests
    assert "if" not in test  # runs on every pull request
    build = next(j for j in jobs.values() if "actions/upload-pages-artifact" in uses(j))
    assert "make site" in runs(build) and "refs/heads/main" in build["if"]
    deploy = next(j for j in jobs.values() if "actions/deploy-pages" in uses(j))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    # every make target CI calls exists
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for job in jobs.values():
        for line in runs(job).splitlines():
            if line.strip().startswith("make "):
                assert f"\n{line.split()[1]}:" in makefile, line
