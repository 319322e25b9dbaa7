"""JSON Schema for every YAML file in ``standards/``, generated from the record declarations.

The loader and the schemas read the same specs (:mod:`macros.data.schema`, derived from the
classes in :mod:`macros.data.model`), so the rules live in one place.
The schemas serve editors (the YAML language server in VS Code validates and completes
as you type); the loader stays the judge, and also checks what a schema cannot say
(references between records, IDs matching their level and theme).

``python -m macros schema`` writes them into ``standards/schema/``; ``--check`` only
reports whether the checked-in files are current.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from .schema import BOOL, CHOICE, DATE, FILES, FORMS, INT, RECORDS, REF, REF_LIST, SPECS, TEXT, TEXT_LIST, Field, FileSpec, RecordSpec

SCHEMA_DIR = "schema"  # relative to the standards folder
DRAFT = "http://json-schema.org/draft-07/schema#"
MODELINE = "# yaml-language-server: $schema="
# A value with at least one character that is not white space (the loader strips values).
NOT_BLANK = r"\S"


def schema_name(fs: FileSpec) -> str:
    """The schema file for a file pattern: ``levels.yml`` -> ``levels.json``, ``benchmark/*.yml`` -> ``benchmark.json``."""
    parts = PurePosixPath(fs.pattern).parts
    stem = parts[0] if len(parts) > 1 else PurePosixPath(parts[0]).stem
    return f"{stem}.json"


def modeline(fs: FileSpec, data_file: Path, schema_dir: Path) -> str:
    """The first line of a data file: a path to its schema, relative to the file."""
    rel = os.path.relpath(schema_dir / schema_name(fs), data_file.parent)
    return f"{MODELINE}{PurePosixPath(Path(rel)).as_posix()}"


def _text(pattern: str | None, max_length: int | None = None) -> dict:
    out = {"type": "string", "minLength": 1, "pattern": pattern or NOT_BLANK}
    if max_length is not None:
        out["maxLength"] = max_length
    return out


def _value(f: Field) -> dict:
    if f.kind == TEXT or (f.kind == FORMS and f.plain):
        return _text(f.pattern.pattern if f.pattern else None, f.max_length)
    if f.kind == REF:
        return _text(SPECS[f.ref].id_pattern.pattern) | {"description": f"The id of a {SPECS[f.ref].label}."}
    if f.kind in (TEXT_LIST, FORMS):
        return {"type": "array", "minItems": 1, "items": _text(None, f.max_length)}
    if f.kind == REF_LIST:
        item = _text(SPECS[f.ref].id_pattern.pattern)
        return {"type": "array", "minItems": 1, "items": item, "description": f"The ids of {SPECS[f.ref].label} records."}
    if f.kind == INT:
        return {"type": "integer"}
    if f.kind == BOOL:
        return {"type": "boolean"}
    if f.kind == DATE:
        # YAML reads an unquoted 2025-01-31 as a date; editors and JSON see the same text
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
    if f.kind == CHOICE:
        return {"type": "string", "enum": list(f.choices)}
    if f.kind == RECORDS:
        return {"type": "array", "items": record_schema(f.records)}
    raise AssertionError(f"unknown field kind {f.kind}")  # pragma: no cover


def _field(f: Field) -> dict:
    prop = _value(f)
    # the field's own help wins over the generic description of a reference
    if f.help:
        prop["description"] = f.help
    return prop


def record_schema(spec: RecordSpec) -> dict:
    props = {f.name: _field(f) for f in spec.fields}
    if "id" in props:
        props["id"]["pattern"] = spec.id_pattern.pattern
    out: dict = {"title": spec.label, "type": "object"}
    if spec.help:
        out["description"] = spec.help
    out["properties"] = props
    out["required"] = [f.name for f in spec.fields if f.required]
    out["additionalProperties"] = False
    return out


def file_schema(fs: FileSpec) -> dict:
    record = record_schema(fs.spec)
    head = {
        "$schema": DRAFT,
        "$comment": "Generated from the record classes in macros/data/model.py by 'python -m macros schema'. Do not edit by hand.",
        "title": f"standards/{fs.pattern}",
    }
    if fs.single:
        return head | {k: v for k, v in record.items() if k != "title"}
    return head | {
        "description": f"A list of {fs.spec.label} records, each starting '- id:'. {fs.spec.help}".strip(),
        "type": "array",
        "items": record,
    }


def schemas() -> dict[str, str]:
    """``{file name: JSON text}`` for every file kind in ``standards/``."""
    out: dict[str, str] = {}
    for fs in FILES:
        name = schema_name(fs)
        if name in out:  # pragma: no cover - one schema per pattern by construction
            raise ValueError(f"two file patterns share the schema name {name}")
        out[name] = json.dumps(file_schema(fs), indent=2, ensure_ascii=False) + "\n"
    return out


def stale(schema_dir: Path) -> list[str]:
    """The schema files that are missing, out of date or no longer generated."""
    wanted = schemas()
    out = [name for name, text in wanted.items() if not (schema_dir / name).is_file() or (schema_dir / name).read_text(encoding="utf-8") != text]
    if schema_dir.is_dir():
        out += [p.name for p in schema_dir.glob("*.json") if p.name not in wanted]
    return sorted(out)


def write(schema_dir: Path) -> list[str]:
    """Write every schema, remove ones no longer generated; return the names that changed."""
    changed = stale(schema_dir)
    schema_dir.mkdir(parents=True, exist_ok=True)
    wanted = schemas()
    for name in changed:
        path = schema_dir / name
        if name in wanted:
            path.write_text(wanted[name], encoding="utf-8")
        else:
            path.unlink()
    return changed


def missing_modelines(standards_dir: Path, schema_dir: Path | None = None) -> list[str]:
    """Data files whose first line does not point at their schema (``path: expected line``).

    ``schema_dir`` defaults to the folder's own ``schema/``; an edition's data points at the
    national one.
    """
    schema_dir = schema_dir if schema_dir is not None else standards_dir / SCHEMA_DIR
    out = []
    for fs in FILES:
        for path in sorted(standards_dir.glob(fs.pattern)):
            rel = path.relative_to(standards_dir).as_posix()
            want = modeline(fs, path, schema_dir)
            with path.open(encoding="utf-8") as fh:
                first = fh.readline().rstrip("\n")
            if first != want:
                out.append(f"{rel}: line 1 should be '{want}'")
    return out


# -- command line: ``python -m macros schema [--check]`` ---------------------------------


def add_command(subparsers) -> None:
    """Register the ``schema`` subcommand on the CLI's subparsers."""
    cmd = subparsers.add_parser("schema", help="write the JSON Schema for editors into standards/schema/")
    cmd.add_argument("--root", default=".", help="project folder (default: current folder)")
    cmd.add_argument("--standards", default="standards", help="data folder, relative to --root")
    cmd.add_argument("--check", action="store_true", help="only report whether the schemas and each file's first line are current")
    cmd.set_defaults(func=_command)


def _command(args) -> int:
    import sys

    standards = Path(args.root).resolve() / args.standards
    schema_dir = standards / SCHEMA_DIR
    shown = f"{args.standards}/{SCHEMA_DIR}"
    lines = missing_modelines(standards)
    if args.check:
        old = stale(schema_dir)
        for name in old:
            print(f"{shown}/{name}: out of date: run 'make schema' (python -m macros schema)", file=sys.stderr)
        for line in lines:
            print(f"{args.standards}/{line}", file=sys.stderr)
        if old or lines:
            return 1
        print(f"OK: the schemas in {shown}/ are current")
        return 0
    changed = write(schema_dir)
    print(f"Wrote {', '.join(changed)} in {shown}/" if changed else f"The schemas in {shown}/ were already current")
    for line in lines:
        print(f"note: {args.standards}/{line} (so that editors find the schema)", file=sys.stderr)
    return 0
