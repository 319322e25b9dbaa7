"""The data file the in-browser self-assessment reads (macros/assessment.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from macros.downloads import assessment
from macros.downloads import registry as outputs
from macros.data.load import load_guide

FIXTURES = Path(__file__).parent / "fixtures"

# The shape the page's JavaScript relies on: a change here must move with core.js.
SCHEMA = {
    "type": "object",
    "required": [
        "format",
        "format_version",
        "assessment_format",
        "assessment_format_version",
        "version",
        "date",
        "levels",
        "themes",
        "standards",
        "retired",
    ],
    "properties": {
        "format": {"const": "parents-as-safeguarding-partners/assessment-data"},
        "format_version": {"const": 1},
        "assessment_format": {"const": "parents-as-safeguarding-partners/assessment"},
        "assessment_format_version": {"const": 1},
        "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "levels": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["id", "code", "title", "who"]}},
        "themes": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["id", "code", "title"]}},
        "standards": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "level", "theme", "title", "statement", "plain_english", "url", "added"],
                "properties": {
                    k: {"type": "string", "minLength": 1}
                    for k in ("id", "level", "theme", "title", "statement", "plain_english", "url", "added")
                },
            },
        },
        "retired": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "retired", "replaced_by", "reason"],
                "properties": {"replaced_by": {"type": "array", "items": {"type": "string"}}},
            },
        },
    },
}


def test_real_data_lists_every_standard_in_level_order(guide):
    data = assessment.assessment_data(guide)
    jsonschema.validate(data, SCHEMA)
    assert data["version"] == guide.meta.version and data["date"] == guide.meta.date
    assert sorted(s["id"] for s in data["standards"]) == sorted(s.id for s in guide.standards)
    level_rank = [lv["id"] for lv in data["levels"]]
    ranks = [level_rank.index(s["level"]) for s in data["standards"]]
    assert ranks == sorted(ranks)
    themes = {t["id"] for t in data["themes"]}
    for s in data["standards"]:
        std = guide.standard(s["id"])
        assert s["theme"] in themes
        assert (s["title"], s["statement"], s["plain_english"]) == (std.title, std.statement, std.plain_english)
        assert s["url"] == f"benchmark/{s['id']}/"
    assert data["retired"] == [] and not guide.retired  # no standards/retired.yml yet


def test_producer_is_registered_and_writes_utf8_json(guide):
    assert assessment.files in outputs.PRODUCERS
    files = assessment.files(guide)
    assert list(files) == ["assets/data/assessment.json"]
    raw = files[assessment.PATH]
    assert json.loads(raw.decode("utf-8")) == assessment.assessment_data(guide)
    assert raw.endswith(b"\n")


def test_retired_standards_name_their_replacements(tmp_path):
    standards = tmp_path / "standards"
    shutil.copytree(FIXTURES / "minimal" / "standards", standards)
    shutil.copy(FIXTURES / "assessment" / "retired.yml", standards / "retired.yml")
    data = assessment.assessment_data(load_guide(standards, tmp_path))
    jsonschema.validate(data, SCHEMA)
    assert data["retired"] == [
        {
            "id": "STR-LISTEN-02",
            "title": "An older wording of listening to parents",
            "retired": "0.1.0",
            "replaced_by": ["STR-LISTEN-01", "OPS-TRAUMA-01"],
            "reason": "Split into two standards.",
        },
        {
            "id": "OPS-TRAUMA-02",
            "title": "A standard withdrawn without a replacement",
            "retired": "0.1.0",
            "replaced_by": [],
            "reason": "Covered elsewhere.",
        },
    ]
    # negative control: a retired ID is never offered as a standard to rate
    assert {"STR-LISTEN-02", "OPS-TRAUMA-02"}.isdisjoint(s["id"] for s in data["standards"])
    assert [s["id"] for s in data["standards"]] == ["STR-LISTEN-01", "OPS-TRAUMA-01"]


def test_built_site_serves_the_data_file(site_dir, guide):
    built = json.loads((site_dir / assessment.PATH).read_text("utf-8"))
    assert built == assessment.assessment_data(guide)
    html = (site_dir / "assessment" / "index.html").read_text("utf-8")
    assert "assets/data/assessment.json" in html


@pytest.mark.parametrize("field", ["statement", "plain_english"])
def test_text_is_passed_as_data_not_markup(tmp_path, field):
    """Quotes and ampersands stay text: the page sets them with textContent, never as HTML."""
    standards = tmp_path / "standards"
    shutil.copytree(FIXTURES / "minimal" / "standards", standards)
    path = standards / "benchmark" / "operational.yml"
    text = path.read_text("utf-8")
    key = f"  {field}: "
    assert key in text
    path.write_text(text.replace(key, f'{key}"<b>Tom & Jerry</b> say \\"hi\\"" #', 1), "utf-8")
    data = assessment.assessment_data(load_guide(standards, tmp_path))
    values = [s[field] for s in data["standards"]]
    assert '<b>Tom & Jerry</b> say "hi"' in values
