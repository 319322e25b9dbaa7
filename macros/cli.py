"""Command line: ``python -m macros check`` validates the data without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import jsonschema
from .load import GuideError, load_guide


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    try:
        guide = load_guide(root / args.standards, root)
    except GuideError as err:
        print(err.report(), file=sys.stderr)
        return 1
    counts = f"{len(guide.standards)} standards, {len(guide.quotes)} quotes, {len(guide.language)} language entries, {len(guide.findings)} findings"
    print(f"OK: {counts} (data version {guide.meta.version}, {guide.meta.date})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Parents as Safeguarding Partners practice guide tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate standards/ and list every problem")
    check.add_argument("--root", default=".", help="project folder (default: current folder)")
    check.add_argument("--standards", default="standards", help="data folder, relative to --root")
    check.set_defaults(func=_check)
    jsonschema.add_command(sub)  # python -m macros schema: JSON Schema for editors
    args = parser.parse_args(argv)
    return args.func(args)
