"""Help for parents, now: the support organisations of standards/support.yml, validated like the
rest of the data, shown after 999 on the pages for parents, and reported when their check is
more than a year older than the data."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data.load import GuideError, load_guide


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("page", ["for-parents", "staying-safe"])
def test_the_pages_for_parents_give_999_then_every_organisation(site_dir, guide, page):
    help_now = _soup(site_dir / page / "index.html").select_one(".pg-help-now")
    assert help_now is not None
    text = help_now.get_text(" ")
    assert text.index("999") < min(text.index(o.name) for o in guide.support)
    assert guide.support, "standards/support.yml lists no organisation"
    for o in guide.support:
        item = help_now.select_one(f"#{o.id}")
        assert item is not None and o.name in item.get_text(), o.id
        if o.phone:
            call = item.select_one('a[href^="tel:"]')
            assert call["href"] == "tel:" + o.phone.replace(" ", "") and re.fullmatch(r"tel:\d+", call["href"]), o.id
        else:
            assert item.select_one('a[href^="tel:"]') is None
        web = item.select_one(".pg-support__web a")
        assert web["href"] == o.website and web["href"].startswith("https://"), o.id


def _write(project, records):
    (project / "standards" / "support.yml").write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_number_or_address_that_is_not_one_is_refused(project_copy):
    records = yaml.safe_load((project_copy / "standards" / "support.yml").read_text(encoding="utf-8"))
    records[0]["phone"] = "call 0808 now"
    records[1]["website"] = "javascript:alert(1)"
    records[2]["website"] = 'https://example.org/" onmouseover="x'
    _write(project_copy, records)
    with pytest.raises(GuideError) as raised:
        load_guide(project_copy / "standards", project_copy)
    report = raised.value.report()
    assert re.search(rf"support\.yml:\d+:\d+: .*{records[0]['id']}.*'phone'", report), report
    assert report.count("'website'") == 2, report


def test_an_entry_checked_more_than_a_year_before_the_data_is_reported(project_copy, build_site, tmp_path):
    records = yaml.safe_load((project_copy / "standards" / "support.yml").read_text(encoding="utf-8"))
    meta = yaml.safe_load((project_copy / "standards" / "meta.yml").read_text(encoding="utf-8"))
    year = int(str(meta["date"])[:4])
    records[0]["checked"] = f"{year - 2}-01-15"
    records[1]["checked"] = str(meta["date"])  # checked on the data's own date: fine
    _write(project_copy, records)
    env = {**os.environ, "PYTHONPATH": str(project_copy)}
    done = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project_copy, capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stdout + done.stderr
    line = next(n for n, text in enumerate((project_copy / "standards" / "support.yml").read_text().splitlines(), 1) if text.startswith(f"- id: {records[0]['id']}"))
    assert f"standards/support.yml:{line}: support organisation {records[0]['id']}: last checked {year - 2}-01-15" in done.stderr, done.stderr
    assert records[1]["id"] not in done.stderr
    # the strict build fails on it too, and says the same
    built = build_site(project_copy, tmp_path / "site")
    assert built.returncode != 0 and f"support organisation {records[0]['id']}: last checked" in built.stderr + built.stdout
