"""The site's ES modules joined into classic scripts, for the copy opened from a folder.

Chromium runs no ``<script type="module">`` and no ``import`` from a ``file://`` page (its origin
is opaque), so the zip of the site (macros/web/offline.py) carries, for each module a page loads,
one classic script holding it and every module it imports. Each module becomes a function in
that script, run once when first imported, with its ``export`` keywords taken off and its
``import`` statements made into reads of the modules before it; ``import.meta.url`` becomes the
address the module has on the site, and ``import(...)`` a call to the prelude's ``__pgImport``.

Only the forms the site's own modules use are understood (``import {a, b as c} from "./x.js"``,
``import * as x from``, ``import x from``; ``export`` before ``function``, ``async function``,
``class``, ``const`` and ``let``; ``export { ... }``). Any other ``import`` or ``export`` line, an
import from outside the folder, or a cycle is an error that names the file and line, never a
script that half works. No MkDocs import here.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path


class BundleError(ValueError):
    """A module uses a form the joiner does not understand."""


_IMPORT = re.compile(
    r"^import\s+(?:(?P<named>\{[^}]*\})|\*\s+as\s+(?P<star>[A-Za-z_$][\w$]*)|(?P<default>[A-Za-z_$][\w$]*))\s+from\s+"
    r"(?P<q>[\"'])(?P<src>[^\"']+)(?P=q)\s*;?[ \t]*$",
    re.MULTILINE,
)
_EXPORT_DECL = re.compile(r"^export\s+(?P<kw>async\s+function\*?|function\*?|class|const|let)\s+(?P<name>[A-Za-z_$][\w$]*)", re.MULTILINE)
_EXPORT_LIST = re.compile(r"^export\s*\{(?P<names>[^}]*)\}\s*;?[ \t]*$", re.MULTILINE)
_LEFT = re.compile(r"^(?:import|export)\b(?!\s*\()", re.MULTILINE)  # any import/export line not understood
_META = re.compile(r"\bimport\.meta\.url\b")
_DYNAMIC = re.compile(r"(?<![\w$.])import\s*\(")
_IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")


@dataclass(frozen=True)
class Module:
    path: str  # relative to the scripts' folder, posix: "assessment/app.js"
    body: str  # the code with its imports and exports rewritten
    deps: tuple[str, ...]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _names(spec: str, where: str) -> list[tuple[str, str]]:
    """``{a, b as c}`` -> [("a", "a"), ("b", "c")]: (exported name, local name)."""
    out = []
    for part in spec.strip().strip("{}").split(","):
        part = part.strip()
        if not part:
            continue
        bits = part.split()
        if len(bits) == 1 and _IDENT.match(bits[0]):
            out.append((bits[0], bits[0]))
        elif len(bits) == 3 and bits[1] == "as" and _IDENT.match(bits[0]) and _IDENT.match(bits[2]):
            out.append((bits[0], bits[2]))
        else:
            raise BundleError(f"{where}: cannot read the name list {spec.strip()!r}")
    return out


def read_module(folder: Path, path: str, site_path: str) -> Module:
    """One module of ``folder`` (``path`` relative to it), rewritten; ``site_path``: the
    address of ``folder`` from the site's root ("assets/javascripts/")."""
    file = folder / path
    text = file.read_text(encoding="utf-8")
    exports: list[tuple[str, str]] = []
    deps: list[str] = []

    def where(offset: int) -> str:
        return f"{file}:{_line(text, offset)}"

    def importing(m: re.Match) -> str:
        src = m.group("src")
        if not src.startswith("."):
            raise BundleError(f"{where(m.start())}: only the site's own modules can be joined, not {src!r}")
        dep = posixpath.normpath(posixpath.join(posixpath.dirname(path), src))
        if dep.startswith(".."):
            raise BundleError(f"{where(m.start())}: {src!r} is outside {folder}")
        deps.append(dep)
        got = f"__pgRequire({json.dumps(dep)})"
        if m.group("star"):
            return f"const {m.group('star')} = {got};"
        if m.group("default"):
            return f"const {m.group('default')} = {got}.default;"
        pairs = _names(m.group("named"), where(m.start()))
        return "const { " + ", ".join(a if a == b else f"{a}: {b}" for a, b in pairs) + f" }} = {got};"

    body = _IMPORT.sub(importing, text)

    def declared(m: re.Match) -> str:
        exports.append((m.group("name"), m.group("name")))
        return m.group(0).removeprefix("export").lstrip()

    body = _EXPORT_DECL.sub(declared, body)

    def listed(m: re.Match) -> str:
        exports.extend((local, exported) for local, exported in _names(m.group("names"), f"{file}"))
        return ""

    body = _EXPORT_LIST.sub(listed, body)
    left = _LEFT.search(body)
    if left:
        line = body[left.start():].split("\n", 1)[0]
        raise BundleError(f"{file}: a line the joiner cannot read: {line.strip()[:80]!r}")
    body = _META.sub(lambda m: json.dumps("__PG_MODULE_URL__"), body)  # filled in below, per module
    body = _DYNAMIC.sub("__pgImport(", body)
    # the address of the module on the site, from the joined script's own address
    url = f"new URL({json.dumps(site_path + path)}, __pgSite).href"
    body = body.replace(json.dumps("__PG_MODULE_URL__"), url)
    ret = ", ".join(f"{json.dumps(exported)}: {local}" for local, exported in exports)
    return Module(path, f"{body}\nreturn {{ {ret} }};", tuple(dict.fromkeys(deps)))


def bundle(folder: Path, entry: str, prelude: str, site_path: str, extra: tuple[str, ...] = ()) -> str:
    """A classic script that runs ``entry`` (relative to ``folder``, the site's scripts at
    ``site_path`` from its root) with every module it imports, after ``prelude`` (which
    defines ``__pgSite``, ``__pgImport`` and anything the modules are to see instead of the
    browser's). ``extra``: modules to include though nothing imports them (the prelude may)."""
    order: list[Module] = []
    seen: dict[str, Module] = {}
    visiting: list[str] = []

    def visit(path: str) -> None:
        if path in seen:
            return
        if path in visiting:
            raise BundleError(f"{folder / path}: the modules import each other in a cycle ({' -> '.join([*visiting, path])})")
        if not (folder / path).is_file():
            raise BundleError(f"{folder / (visiting[-1] if visiting else path)}: imports {path}, which is missing")
        visiting.append(path)
        module = read_module(folder, path, site_path)
        for dep in module.deps:
            visit(dep)
        visiting.pop()
        seen[path] = module
        order.append(module)

    for path in (entry, *extra):
        visit(path)
    depth = site_path.count("/") + entry.count("/")
    parts = ['(function () {\n"use strict";', prelude.replace("__PG_DEPTH__", str(depth))]
    parts.append("const __pgDefs = Object.create(null);\nconst __pgDone = Object.create(null);")
    for module in order:
        parts.append(f"__pgDefs[{json.dumps(module.path)}] = function (__pgRequire, __pgImport) {{\n{module.body}\n}};")
    parts.append(
        "function __pgRequire(path) {\n"
        "  if (!(path in __pgDone)) __pgDone[path] = __pgDefs[path](__pgRequire, __pgImport);\n"
        "  return __pgDone[path];\n}"
    )
    parts.append(f"__pgRequire({json.dumps(entry)});\n}})();\n")
    return "\n".join(parts)
