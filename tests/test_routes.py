"""Links between pages: routes.relative gives what posixpath.relpath would, for every record;
and the boundary: nothing but the adapter imports MkDocs."""

from __future__ import annotations

import ast
import posixpath
from pathlib import Path

from macros.web import routes


def _relpath(target: str, from_page: str) -> str:
    # the straightforward definition that routes.relative computes by hand, for speed
    path, _, anchor = target.partition("#")
    start = posixpath.dirname(from_page.rstrip("/") + "/x") if from_page else ""
    rel = posixpath.relpath(path or ".", start or ".")
    rel = "./" if rel == "." else rel + "/" if path.endswith("/") else rel
    return f"{rel}#{anchor}" if anchor else rel


def test_relative_links_match_relpath_for_every_record_and_page(guide):
    records = [*guide.levels, *guide.themes, *guide.standards, *guide.key_learning, *guide.quotes, *guide.sources]
    targets = sorted({routes.url_of(r) for r in records}) + ["", "downloads/benchmark.xlsx", "assets/x.css", "#top"]
    pages = ["", "404.html", "benchmark/", "evidence/", "briefings/meetings/", *(f"benchmark/{s.id}/" for s in guide.standards[:5])]
    wrong = [(t, p, routes.relative(t, p), _relpath(t, p)) for t in targets for p in pages if routes.relative(t, p) != _relpath(t, p)]
    assert wrong == []
    # and a few by hand, so the test does not only compare two versions of one idea
    assert routes.relative("benchmark/STR-LISTEN-01/", "evidence/") == "../benchmark/STR-LISTEN-01/"
    assert routes.relative("evidence/#F-X", "evidence/") == "./#F-X"
    assert routes.relative("", "benchmark/STR-LISTEN-01/") == "../.."


# --- boundaries: only the adapter knows the site generator ---------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "macros"
ENGINE = {"mkdocs", "material"}  # the site generator and its theme
MAY_IMPORT_ENGINE = {"adapter/plugin.py", "adapter/__init__.py", "__init__.py"}


def _imports(path: Path) -> set[str]:
    """The top-level names of every module a file imports (relative imports as "macros")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add("macros" if node.level else (node.module or "").split(".")[0])
    return names


def test_nothing_outside_the_adapter_imports_the_site_generator():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    offenders = [f.relative_to(PACKAGE).as_posix() for f in files if f.relative_to(PACKAGE).as_posix() not in MAY_IMPORT_ENGINE and _imports(f) & ENGINE]
    assert offenders == []
    # negative control: the adapter does import it, so the walk sees such imports
    assert "mkdocs" in _imports(PACKAGE / "adapter" / "plugin.py")
