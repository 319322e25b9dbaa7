"""Under ``mkdocs serve``, a PDF that an edit changed is drawn after the rebuild (issue 9: the
preview must not wait for WeasyPrint), and reaches the served site in full soon after.
``mkdocs build`` never stands a placeholder in for a PDF."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from pypdf import PdfReader

DEADLINE = 180  # seconds: generous for a loaded machine; nothing here is a timing assertion
PLACEHOLDER = "This PDF is being drawn"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def _until(what: str, check, log, proc):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"mkdocs serve exited while waiting for {what}:\n{log.read_text()}", pytrace=False)
        try:
            found = check()
        except (OSError, urllib.error.URLError):
            found = None
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()}", pytrace=False)


def test_a_changed_pdf_is_drawn_after_the_rebuild_and_then_served_in_full(project_copy, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project_copy)}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project_copy,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        data = project_copy / "standards" / "benchmark" / "operational.yml"
        good = data.read_text(encoding="utf-8")
        sid = re.search(r"(?m)^- id: (OPS-[A-Z]+-\d\d)$", good).group(1)
        title = re.search(r"(?m)^  title: (.+)$", good).group(1).strip()
        pdf_url = f"{base}downloads/checklist-operational.pdf"
        _until("the first build", lambda: _get(f"{base}benchmark/{sid}/"), log, proc)
        first = _until("the full checklist", lambda: (lambda t: PLACEHOLDER not in t and t)(_text(_get(pdf_url))), log, proc)
        marker = f"Edited for the test {os.getpid()}"
        assert marker not in first  # negative control

        data.write_text(good.replace(f"  title: {title}", f"  title: {title} ({marker})", 1), encoding="utf-8")
        _until("the edited page", lambda: marker.encode() in _get(f"{base}benchmark/{sid}/"), log, proc)
        # the page came first; the PDF follows, in full, with the edit in it
        full = _until("the redrawn checklist", lambda: (lambda t: marker in t and t)(_text(_get(pdf_url))), log, proc)
        assert PLACEHOLDER not in full and title in full
        assert "changed PDFs are being drawn" in log.read_text()
        assert "Traceback" not in log.read_text() and "failed" not in log.read_text()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_a_built_site_has_no_placeholder_pdf(site_dir):
    pdfs = sorted((site_dir / "downloads").glob("*.pdf"))
    assert len(pdfs) >= 5
    for path in pdfs:
        assert PLACEHOLDER not in _text(path.read_bytes()), path.name
