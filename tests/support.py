"""What the tests and the benchmark (bench/run.py) both need: a copy of the project to break or
to time, and a real ``mkdocs serve`` on it. No pytest here, so bench/run.py can import it too
(``sys.path`` gets ``tests/``)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# never copied: environments, built sites, version control, Python's and tools' caches
IGNORED = (".venv*", "site", ".site-*", ".git", "__pycache__", ".pytest_cache", "*.egg-info", "build", ".ruff_cache")


def copy_project(dest: Path, source: Path = ROOT, *, cache: bool = True) -> Path:
    """A copy of the project's sources in ``dest``, for tests that break it and for timed builds.

    ``cache=False`` leaves out ``.cache/`` (drawn PDFs, compiled templates) and bench results,
    for the benchmark's cold builds; the tests keep the cache, so their builds are warm."""
    extra = () if cache else (".cache", "results")
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*IGNORED, *extra))
    return dest


MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def copy_minimal(dest: Path) -> Path:
    """The minimal fixture site (tests/fixtures/minimal), copied to ``dest`` to be broken, using
    the project's own templates (its mkdocs.yml names them by a path relative to the fixture)."""
    shutil.copytree(MINIMAL, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../overrides", str(ROOT / "overrides")), encoding="utf-8")
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(project: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """``mkdocs serve --strict`` (as ``make serve`` runs it) on ``project`` on a free port,
    its output in ``log``; returns the process and the site's address."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    return proc, f"http://127.0.0.1:{port}/"


def stop_serve(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def pagefind_records(site: Path) -> list[dict]:
    """Every record of the site's Pagefind index (a page's or a download's, at the address it
    links to): each fragment file is gzip, a 12-byte signature, then JSON with url, content,
    meta and filters."""
    import gzip
    import json

    out = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path.name
        record = json.loads(raw[len(b"pagefind_dcd"):])
        if "url" in record["meta"]:  # a download: its own address, not the page Pagefind read it from
            record["url"] = "/" + record["meta"]["url"]
        out.append(record)
    return out



def made_up_assessment_data(data: dict, n: int) -> dict:
    """The self-assessment's data file (assets/data/assessment.json, as ``data``) with ``n``
    made-up standards spread over its levels and themes, every level with every theme: for the
    browser test of 500 standards and for bench/assessment.py."""
    levels, themes = data["levels"], data["themes"]
    out = dict(data)
    out["standards"] = [
        {
            "id": f"{levels[i % len(levels)]['code']}-{themes[(i // len(levels)) % len(themes)]['code']}-{i:03d}",
            "level": levels[i % len(levels)]["id"],
            "theme": themes[(i // len(levels)) % len(themes)]["id"],
            "title": f"Made-up standard {i}",
            "statement": f"Statement {i}: what good looks like, in a sentence or two of ordinary length.",
            "plain_english": f"Plain English {i}.",
            "url": "benchmark/",
            "added": "1.0.0",
            "changed": None,
        }
        for i in range(n)
    ]
    return out


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first ``old`` with ``new`` in ``root/standards/rel``, failing if it is not there."""
    path = root / "standards" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
