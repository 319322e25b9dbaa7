"""The layers of macros/ are a test, not a comment: no import cycle, and MkDocs only in the adapter.

Every import in every module is read from its syntax tree (imports inside functions too), so a
lazy import that hides a cycle or a MkDocs dependency is caught as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "macros"
# The only modules that may import MkDocs, its plugins or Material: the adapter.
ADAPTER = ("macros", "macros.adapter")
ENGINE_PACKAGES = {"mkdocs", "material", "mkdocs_macros", "properdocs", "zensical"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module this file imports, as absolute dotted names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            # "from . import model" imports the module macros.data.model
            found.update(f"{stem}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in imports(path) if i in modules and i != name} for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycle_in_macros():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    """Negative control: the walk does see a cycle, and a lazy import inside a function."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


def test_imports_inside_functions_are_read(tmp_path):
    pkg = tmp_path / "macros" / "x"
    pkg.mkdir(parents=True)
    mod = pkg / "y.py"
    mod.write_text("def f():\n    from ..data import load\n    import mkdocs.plugins\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert {"macros.data", "macros.data.load", "mkdocs.plugins"} <= imports(mod)
    finally:
        ROOT = saved


def test_mkdocs_is_imported_only_by_the_adapter():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if name in ADAPTER or name.startswith("macros.adapter."):
            continue
        for imported in sorted(imports(path)):
            if imported.split(".")[0] in ENGINE_PACKAGES:
                offenders.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert offenders == []
    # negative control: the walk sees the adapter's own imports of MkDocs
    assert any(i.split(".")[0] == "mkdocs" for i in imports(PACKAGE / "adapter" / "plugin.py"))


def test_the_layers_do_not_reach_up():
    """data is the bottom layer: it imports nothing of the others but the language checker's form
    syntax (a leaf module); nothing but the adapter and the CLI imports the adapter."""
    edges = graph()
    for name, targets in edges.items():
        if name.startswith("macros.data."):
            assert {t for t in targets if not t.startswith(("macros.data", "macros.language.forms"))} <= {"macros.language"}, name
        if not (name in ADAPTER or name.startswith("macros.adapter")):
            assert not any(t.startswith("macros.adapter") for t in targets), name
    assert not any(t.startswith("macros.") for t in edges["macros.language.forms"])
