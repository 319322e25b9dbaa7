"""Run `make check` and a strict `mkdocs build` on many broken copies of a project, in one process.

The bad-input corpus (tests/test_bad_input.py) has dozens of cases; a fresh Python for each would
spend most of its time importing MkDocs and Material. This runs, for each project folder given:

- ``python -m macros check --root DIR`` (what `make check` runs), by calling its ``main``: the exit
  code and everything it printed;
- ``mkdocs build --strict`` into ``DIR/site``, which already holds an earlier, good build: whether
  the build failed, and whether ``DIR/site`` is byte for byte what it was.

Usage: ``python tests/failing_builds.py RESULTS.json DIR...``; writes a JSON list, one entry a DIR.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import sys
from pathlib import Path


def manifest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def check(project: Path) -> tuple[int, str]:
    from macros.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main(["check", "--root", str(project)])
        except SystemExit as exit:  # argparse and friends
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue()


def build(project: Path) -> tuple[bool, str]:
    """A strict build into ``project/site``, as ``mkdocs build --strict --site-dir site``: (failed, log)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.getLogger("mkdocs").addHandler(handler)
    here = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        mkdocs_build(config)
        return False, log.getvalue()
    except BaseException as err:  # noqa: BLE001 - a failed build is what is measured; KeyboardInterrupt aside
        if isinstance(err, KeyboardInterrupt):
            raise
        return True, f"{log.getvalue()}{type(err).__name__}: {err}"
    finally:
        os.chdir(here)
        logging.getLogger("mkdocs").removeHandler(handler)


def main(argv: list[str]) -> int:
    results_file, *dirs = argv
    results = []
    for name in dirs:
        project = Path(name).resolve()
        before = manifest(project / "site")
        code, printed = check(project)
        failed, log = build(project)
        results.append(
            {
                "dir": name,
                "check_exit": code,
                "check_output": printed,
                "build_failed": failed,
                "build_log": log,
                "site_intact": manifest(project / "site") == before,
                "site_files": len(before),
            }
        )
    Path(results_file).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
