"""The performance benchmark (bench/): its synthetic data is valid, and its report is complete.

No timing is asserted here: the speed targets are in the benchmark, which prints figures
(`make bench`). These tests check that the figures can be trusted: the scaled-up data is
data the real loader and language checker accept, and the JSON has every figure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.language.checker import lint_project
from macros.data.load import GuideError, load_guide

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402


def test_synthetic_data_at_2x_is_valid_and_twice_the_real_data(project_copy, guide):
    counts = synth.scale(project_copy, 2)
    scaled = load_guide(project_copy / "standards", project_copy)  # raises GuideError on any problem
    assert len(scaled.standards) == counts["standards"] == 2 * len(guide.standards)
    assert len(scaled.quotes) == counts["quotes"] == 2 * len(guide.quotes)
    assert len(scaled.findings) == counts["findings"] == 2 * len(guide.findings)
    assert len(scaled.sources) == counts["sources"] == 2 * len(guide.sources)
    assert len(scaled.themes) == len(guide.themes)  # room enough: no theme added
    # each copy cites its own copies of the findings and quotes
    copy = next(s for s in scaled.standards if s.title.endswith("(copy 1)"))
    assert copy.findings and all(f.id.endswith("-X001") for f in copy.findings)
    assert all(q.id.endswith("-X001") for q in copy.quotes)
    # the language checker finds nothing: the comments that exempt a quotation were kept
    assert lint_project(scaled, project_copy, project_copy / "docs", project_copy / "standards") == []


def test_full_cells_get_extra_themes_and_stay_valid(project_copy, guide, monkeypatch):
    monkeypatch.setattr(synth, "MAX_PER_CELL", 5)  # as at 100x, where 99 a cell is not enough
    counts = synth.scale(project_copy, 3)
    scaled = load_guide(project_copy / "standards", project_copy)
    assert counts["extra_themes"] > 0
    assert len(scaled.themes) == len(guide.themes) + counts["extra_themes"]
    assert max(len(scaled.standards_for(lv, th)) for lv in scaled.levels for th in scaled.themes) <= 5
    assert len(scaled.standards) == 3 * len(guide.standards)


def test_a_broken_reference_in_synthetic_data_is_rejected(project_copy):
    # negative control: the loader does check the generated files
    synth.scale(project_copy, 2)
    path = next((project_copy / "standards" / "benchmark").glob("synthetic-*.yml"))
    text = path.read_text(encoding="utf-8")
    broken = text.replace("-X001", "-X999", 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(GuideError, match="X999"):
        load_guide(project_copy / "standards", project_copy)


def test_the_benchmark_writes_every_figure(tmp_path):
    # its own process, as `make bench` runs it (and apart from the browser tests' Playwright)
    out = tmp_path / "bench.json"
    args = ["--sizes", "1", "--repeats", "1", "--stub-pdfs", "--serve-edits", "1", "--out", str(out)]
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text())
    printed = done.stdout

    assert {"cores", "cpu", "ram_gib", "python"} <= set(result["machine"])
    (size,) = result["sizes"]
    assert size["scale"] == 1 and size["pages"] > size["counts"]["standards"] > 0
    for kind in ("cold", "warm"):
        phases = size[kind]["phases"]
        for phase in ("load and validate", "language check", "page rendering", "PDFs", "xlsx", "other exports", "search index"):
            assert phases[phase] > 0, f"{kind} build: no time for {phase}"
        # the phases are the build's wall time split up, not more
        assert sum(phases.values()) == pytest.approx(size[kind]["build_seconds"], rel=0.05)
    assert size["plain_material"]["pages"] == size["pages"]
    assert "PDFs" not in size["plain_material"]["phases"]  # negative control: plain Material has no downloads
    assert size["per_page_ratio"] > 0 and size["per_standard_ms"]["warm"] > 0

    serve = result["serve"]
    assert len(serve["rebuild_seconds"]) == 1 and serve["rebuild_median_seconds"] > 0

    (check,) = result["check"]  # make check at 1x: the data's real size, and the time per MB
    assert check["scale"] == 1 and 50_000 < check["data_bytes"] < 10_000_000 and check["seconds"] > 0
    assert check["seconds_per_mb"] == pytest.approx(check["seconds"] / (check["data_bytes"] / 1e6), rel=0.01)
    assert "make check (load, validate, language check): 1x" in printed

    sizes = result["sizes_default"]
    search = sizes["search"]
    assert search["bundle_files"] > 5 and search["bundle_bytes"] > 0
    assert len(search["ms_to_results"]) == len(search["queries"]) and all(t > 0 for t in search["ms_to_results"])
    assert search["max_ms"] == max(search["ms_to_results"]) and 0 < search["download_gzip"] < search["bundle_bytes"] + 200_000
    assert "Search at 1x: index" in printed
    for name in ("home", "standard", "assessment"):
        weight = sizes["pages"][name]
        assert weight["html"]["files"] == 1 and weight["css"]["files"] >= 1 and weight["js"]["files"] >= 1
        assert weight["total_gzip"] < weight["total_bytes"]
        view = sizes["first_view"][name]
        assert view["requests"] > 1 and view["gzip"] >= weight["total_gzip"]
        assert view["foreign_requests"] == []
    # the assessment page fetches its data file; a standard's page does not
    assert any(f["url"].endswith("assessment.json") for f in sizes["first_view"]["assessment"]["files"])
    assert not any(f["url"].endswith("assessment.json") for f in sizes["first_view"]["standard"]["files"])

    # the assessment's first screen: one group drawn, with the real standards and with 500
    first = sizes["assessment"]
    assert first["real"]["standards"] > 0 and first["made_up_500"]["standards"] == 500
    assert 0 < first["real"]["cards_drawn"] < first["real"]["standards"] and 0 < first["made_up_500"]["cards_drawn"] < 500
    assert all(first[k]["ready_ms"] > first[k]["parsed_ms"] > 0 and first[k]["rated_ms"] > 0 for k in ("real", "made_up_500"))
    assert "Self-assessment's first screen at 4x CPU slowdown" in printed

    names = {t["name"] for t in result["targets"]}
    assert len(names) >= 6 and all(t["limit"] > 0 for t in result["targets"])
    for t in result["targets"]:
        assert t["met"] is None or t["met"] == (t["measured"] <= t["limit"])
    assert "Search at 1x" in printed and "page CPU ms plain" in printed and str(out) in printed
