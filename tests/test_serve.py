"""Live preview: a bad edit during ``mkdocs serve`` is reported, and the last good site stays up;
a PDF that an edit changed is drawn after the rebuild (issue 9: the preview must not wait for
WeasyPrint) and reaches the served site in full soon after, while ``mkdocs build`` never stands
a placeholder in for a PDF.

A real ``mkdocs serve`` (as ``make serve`` runs it) on a copy of the project, on a free port,
started as bench/run.py starts it (``support.start_serve``).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import start_serve, stop_serve

DEADLINE = 180  # seconds to wait for a build, a rebuild or a PDF; generous for a loaded machine
PLACEHOLDER = "This PDF is being drawn"


def _get_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def _get(url: str) -> str:
    return _get_bytes(url).decode("utf-8")


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _wait_for(what: str, check, log: Path, proc: subprocess.Popen):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"mkdocs serve exited ({proc.returncode}) while waiting for {what}:\n{log.read_text()}", pytrace=False)
        try:
            result = check()
        except (OSError, urllib.error.URLError):
            result = None
        if result:
            return result
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()}", pytrace=False)


@pytest.fixture
def served(project_copy, tmp_path):
    log = tmp_path / "serve.log"
    proc, url = start_serve(project_copy, log)
    try:
        yield project_copy, url, log, proc
    finally:
        stop_serve(proc)


def test_a_validation_error_is_reported_and_the_last_good_site_stays(served):
    project, url, log, proc = served
    data = project / "standards" / "benchmark" / "operational.yml"
    good = data.read_text(encoding="utf-8")
    sid = re.search(r"(?m)^- id: (OPS-[A-Z]+-\d\d)$", good).group(1)
    title = re.search(r"(?m)^  title: (.+)$", good).group(1).strip().strip('"')
    page = f"{url}benchmark/{sid}/"

    first = _wait_for("the first build", lambda: _get(page), log, proc)
    assert title in first

    # break it: misspell a field of the first standard
    lines = good.splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("  statement:"))
    lines[n] = lines[n].replace("  statement:", "  statment:", 1)
    data.write_text("".join(lines), encoding="utf-8")
    where = f"standards/benchmark/operational.yml:{n + 1}:3: PG006 standard {sid}: unknown field 'statment' (did you mean 'statement'?)"
    _wait_for("the validation error in the terminal", lambda: where in log.read_text(), log, proc)
    _wait_for("the note that the last good site is kept", lambda: "last good site" in log.read_text(), log, proc)

    # the server still answers, with the last good page
    assert proc.poll() is None
    kept = _get(page)
    assert title in kept and "statment" not in kept
    assert "Traceback" not in log.read_text()

    # fix it (and change the title, to see the rebuild): the new page is served
    fixed = good.replace(f"  title: {title}", f"  title: {title} (edited)", 1)
    assert fixed != good
    data.write_text(fixed, encoding="utf-8")
    rebuilt = _wait_for("the rebuild after the fix", lambda: "(edited)" in _get(page) and _get(page), log, proc)
    assert f"{title} (edited)" in rebuilt

    # a language finding fails the strict rebuild only after every page is written: the server
    # must not hang ("will appear stuck") nor serve the rejected build, but keep the last good one
    worded = fixed.replace(f"  title: {title} (edited)", f"  title: {title} (edited) for hard to reach parents", 1)
    data.write_text(worded, encoding="utf-8")
    _wait_for("the language finding in the terminal", lambda: "language check:" in log.read_text() and "hard to reach" in log.read_text(), log, proc)
    _wait_for("the note that the rebuild failed", lambda: "The rebuild failed (Aborted with" in log.read_text(), log, proc)
    with urllib.request.urlopen(page, timeout=10) as response:  # MkDocs alone holds this request
        kept = response.read().decode("utf-8")
    assert f"{title} (edited)" in kept and "hard to reach" not in kept
    assert "appear stuck" not in log.read_text()


def test_a_changed_pdf_is_drawn_after_the_rebuild_and_then_served_in_full(served):
    project, base, log, proc = served
    data = project / "standards" / "benchmark" / "operational.yml"
    good = data.read_text(encoding="utf-8")
    sid = re.search(r"(?m)^- id: (OPS-[A-Z]+-\d\d)$", good).group(1)
    title = re.search(r"(?m)^  title: (.+)$", good).group(1).strip()
    pdf_url = f"{base}downloads/checklist-operational.pdf"
    _wait_for("the first build", lambda: _get(f"{base}benchmark/{sid}/"), log, proc)
    first = _wait_for("the full checklist", lambda: (lambda t: PLACEHOLDER not in t and t)(_pdf_text(_get_bytes(pdf_url))), log, proc)
    marker = f"Edited for the test {os.getpid()}"
    assert marker not in first  # negative control

    data.write_text(good.replace(f"  title: {title}", f"  title: {title} ({marker})", 1), encoding="utf-8")
    _wait_for("the edited page", lambda: marker in _get(f"{base}benchmark/{sid}/"), log, proc)
    # the page came first; the PDF follows, in full, with the edit in it
    full = _wait_for("the redrawn checklist", lambda: (lambda t: marker in t and t)(_pdf_text(_get_bytes(pdf_url))), log, proc)
    assert PLACEHOLDER not in full and title in full
    assert "changed PDFs are being drawn" in log.read_text()
    assert "Traceback" not in log.read_text() and "failed" not in log.read_text()


def test_a_built_site_has_no_placeholder_pdf(site_dir):
    pdfs = sorted((site_dir / "downloads").glob("*.pdf"))
    assert len(pdfs) >= 5
    for path in pdfs:
        assert PLACEHOLDER not in _pdf_text(path.read_bytes()), path.name
