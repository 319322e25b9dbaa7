"""bench/lighthouse.py serves the built site compressed, as GitHub Pages does, and reads what
Lighthouse reports. Its figures are timings and are not asserted: only that they are there."""

from __future__ import annotations

import gzip
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import lighthouse  # noqa: E402


def _get(url: str, encoding: str | None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def test_the_site_is_served_gzip_compressed_when_asked(site_dir):
    with lighthouse.served(site_dir) as base:
        status, headers, body = _get(base + "benchmark/strategic/", "gzip, deflate, br")
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert gzip.decompress(body) == (site_dir / "benchmark" / "strategic" / "index.html").read_bytes()
        status, headers, body = _get(base + "benchmark/strategic/", None)
        assert headers.get("Content-Encoding") is None
        assert body == (site_dir / "benchmark" / "strategic" / "index.html").read_bytes()
        logo = next((site_dir / "assets").rglob("*.png"), None)
        if logo is not None:  # images go as they are, compressed or not
            _, headers, body = _get(base + logo.relative_to(site_dir).as_posix(), "gzip")
            assert headers.get("Content-Encoding") is None and body == logo.read_bytes()
        status, _, _ = _get(base + "no-such-page/", "gzip")
        assert status == 404
        status, headers, _ = _get(base + "benchmark/strategic", "gzip")
        assert status == 200  # the redirect to the folder's address was followed


def test_each_kind_of_page_is_found_in_the_built_site(site_dir):
    pages = lighthouse.pages_of(site_dir)
    assert list(pages) == ["home", "standard", "level", "assessment", "language checker", "briefing"]
    for rel in pages.values():
        assert (site_dir / rel / "index.html").is_file(), rel
    assert pages["standard"].startswith("benchmark/") and pages["briefing"].startswith("briefings/")


def test_one_lighthouse_run_gives_every_figure(site_dir, tmp_path):
    result = lighthouse.measure(site_dir, runs=1, names=["home"], log=lambda _: None, keep=tmp_path)
    assert "error" not in result, result.get("error")
    assert result["lighthouse"] == "12.2.3"
    home = result["pages"]["home"]
    for key in ("performance", "total_blocking_time_ms", "largest_contentful_paint_ms", "accessibility"):
        assert key in home["median"], key
    assert 0 <= home["median"]["performance"] <= 100 and 0 <= home["median"]["accessibility"] <= 100
    assert home["transfer_bytes"] > 0
    # the run went over the compressed server: the main bundle came over smaller than it is
    import json

    report = json.loads((tmp_path / "home-1.json").read_text())
    requests = report["audits"]["network-requests"]["details"]["items"]
    bundle = next(r for r in requests if "/bundle." in r["url"] and r["url"].endswith(".js"))
    assert bundle["transferSize"] < bundle["resourceSize"] / 2
    printed = lighthouse.report(result)
    assert "home (/)" in printed and "Lighthouse 12.2.3" in printed
