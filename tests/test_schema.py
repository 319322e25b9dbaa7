"""The JSON Schema for editors: current, pointed at by every data file, and agreeing with the loader."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros.data import editor_schema as gen
from macros.data.load import GuideError, load_guide
from macros.data.schema import FILES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "standards" / "schema"


def _json_like(value):
    """What an editor (and JSON) sees: YAML's unquoted dates are text."""
    if isinstance(value, dict):
        return {k: _json_like(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_like(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(fs):
    schema = json.loads((SCHEMA_DIR / gen.schema_name(fs)).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _data_files():
    return [(fs, p) for fs in FILES for p in sorted((ROOT / "standards").glob(fs.pattern))]


def test_checked_in_schemas_equal_freshly_generated_ones():
    wanted = gen.schemas()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    assert set(on_disk) == set(wanted)
    for name, text in wanted.items():
        assert on_disk[name] == text, f"standards/schema/{name} is out of date: run 'make schema'"
    assert gen.stale(SCHEMA_DIR) == []


def test_every_schema_is_a_valid_draft7_schema():
    for fs in FILES:
        jsonschema.Draft7Validator.check_schema(json.loads((SCHEMA_DIR / gen.schema_name(fs)).read_text(encoding="utf-8")))


@pytest.mark.parametrize(("fs", "path"), _data_files(), ids=lambda x: x.name if isinstance(x, Path) else "")
def test_each_real_file_validates_and_points_at_its_schema(fs, path):
    text = path.read_text(encoding="utf-8")
    errors = [e.message for e in _validator(fs).iter_errors(_json_like(yaml.safe_load(text)))]
    assert errors == []
    first = text.splitlines()[0]
    assert first == gen.modeline(fs, path, SCHEMA_DIR)
    # the modeline resolves, relative to the file, to the schema the test used
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (SCHEMA_DIR / gen.schema_name(fs)).resolve()


def test_there_are_data_files_for_every_required_kind():
    kinds = {fs.spec.kind for fs, _ in _data_files()}
    assert {fs.spec.kind for fs in FILES if not fs.optional} <= kinds


def _standard(**overrides):
    good = yaml.safe_load((ROOT / "standards/benchmark/operational.yml").read_text(encoding="utf-8"))[0]
    return _json_like({**good, **overrides})


def test_a_good_record_passes_and_bad_records_fail():
    fs = next(f for f in FILES if f.spec.kind == "standard")
    v = _validator(fs)
    assert list(v.iter_errors([_standard()])) == []  # control: the unchanged record passes
    bad = {
        "unknown field": _standard(colour="red"),
        "missing field": {k: val for k, val in _standard().items() if k != "statement"},
        "bad id": _standard(id="ops listen 1"),
        "text not a list": _standard(indicators="one long line"),
        "empty list": _standard(findings=[]),
        "blank text": _standard(title="   "),
        "bad version": _standard(added="1.0"),
    }
    for why, record in bad.items():
        assert list(v.iter_errors([record])), f"schema accepted a record with {why}"


def test_schema_and_loader_agree_on_a_bad_choice(project_copy):
    """A value outside a fixed set fails both the loader and the schema: one source of truth."""
    path = project_copy / "standards" / "sources.yml"
    text = path.read_text(encoding="utf-8")
    broken, n = re.subn(r"(?m)^  kind: \w+$", "  kind: leaflet", text, count=1)
    assert n == 1
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(GuideError, match="must be one of"):
        load_guide(project_copy / "standards", project_copy)
    fs = next(f for f in FILES if f.spec.kind == "source")
    errors = list(_validator(fs).iter_errors(_json_like(yaml.safe_load(path.read_text(encoding="utf-8")))))
    assert any("leaflet" in e.message for e in errors)


def test_schema_command_checks_and_regenerates(project_copy):
    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "macros", "schema", *args], cwd=project_copy, capture_output=True, text=True, timeout=60
        )

    assert run("--check").returncode == 0
    stale = project_copy / "standards/schema/levels.json"
    stale.write_text("{}\n", encoding="utf-8")
    (project_copy / "standards/schema/old.json").write_text("{}\n", encoding="utf-8")
    data = project_copy / "standards/themes.yml"
    data.write_text("\n".join(data.read_text(encoding="utf-8").splitlines()[1:]) + "\n", encoding="utf-8")
    failed = run("--check")
    assert failed.returncode == 1
    assert "levels.json: out of date" in failed.stderr and "old.json" in failed.stderr
    assert "themes.yml: line 1 should be '# yaml-language-server: $schema=schema/themes.json'" in failed.stderr
    assert run().returncode == 0
    assert json.loads(stale.read_text(encoding="utf-8"))["items"]["title"] == "level"
    assert not (project_copy / "standards/schema/old.json").exists()
    # writing the schemas leaves data files alone: only the first-line note remains
    again = run("--check")
    assert again.returncode == 1 and "out of date" not in again.stderr
