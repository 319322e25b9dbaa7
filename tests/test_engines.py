"""The site's core is engine-neutral: ProperDocs builds the same site as MkDocs.

ProperDocs (a maintained fork of MkDocs 1.6, pinned in requirements.txt) is installed in
.venv beside MkDocs: it is the module ``properdocs`` with its own console script, reads
mkdocs.yml, loads the plugins registered under the ``mkdocs.plugins`` entry point group
(Material's, mkdocs-macros' and our ``practice-guide``) and, while it runs, answers every
``import mkdocs.*`` with its own modules. So ``python -m properdocs build`` runs our adapter,
Material and mkdocs-macros on ProperDocs' code alone, and the site it writes must be the site
MkDocs writes, byte for byte, PDFs and the workbook included. The one expected difference is
the generator meta tag in the head of each page (``mkdocs-1.6.1`` against
``mkdocs-ProperDocs 1.6.7``): exactly that tag is normalised, nothing else.

ProperDocs builds a copy of the project without .cache/ and draws every PDF afresh
(PRACTICE_GUIDE_PDF_CACHE=off), so equal PDFs are PDFs ProperDocs' build drew, not copies
from .cache/pdf/ that the MkDocs build filled, and its compiled templates are its own.

CONTRIBUTING.md, "Engines and dependency internals", describes the check, what a Zensical
adapter would need, and lists every private attribute of MkDocs, Material, mkdocs-macros,
watchdog and WeasyPrint the code relies on, with the test that guards it.
"""

from __future__ import annotations

import re

import gzip
import importlib.metadata
import importlib.util
import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import copy_minimal, copy_project

INSTALL = ".venv/bin/python -m pip install -r requirements.txt -c constraints.txt (or: make setup)"


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(f"{dist} is not installed in {sys.prefix}: run {INSTALL}", pytrace=False)


def generator_tag(engine: str) -> bytes:
    """The generator meta tag Material writes in every page's head, built by ``engine``.

    Material writes ``mkdocs-{{ mkdocs_version }}``; ProperDocs sets ``mkdocs_version`` to
    ``ProperDocs <its version>`` (properdocs/commands/build.py).
    """
    material = version("mkdocs-material")
    engine_version = version("mkdocs") if engine == "mkdocs" else "ProperDocs " + version("properdocs")
    return f'<meta name="generator" content="mkdocs-{engine_version}, mkdocs-material-{material}">'.encode()


GENERATOR = b"<!-- generator tag -->"


def normalised(path: Path, tag: bytes) -> bytes:
    """The file's bytes; in an HTML page, its one generator tag ``tag`` replaced by a placeholder."""
    data = path.read_bytes()
    if path.suffix == ".html":
        data = data.replace(tag, GENERATOR)
    return data


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def differences(expected: Path, actual: Path, expected_tag: bytes, actual_tag: bytes) -> list[str]:
    """What differs between two built sites, once each page's generator tag is set aside.

    Every file is compared byte for byte (PDFs, xlsx, images, JSON, sitemap.xml.gz). In HTML
    pages only the exact generator tag of each engine is replaced, and each page must have had
    exactly one, so a tag that differs in any other way is still a difference.
    """
    found: list[str] = []
    a, b = files_in(expected), files_in(actual)
    # Pagefind writes its filter and metadata files with their entries in arbitrary order, so
    # their names (content hashes) change from one build to the next (Pagefind issue #638; the
    # records themselves, its fragments, are stable and compared byte for byte with the rest)
    va, vb = {n for n in a if _unstable(n)}, {n for n in b if _unstable(n)}
    a, b = a - va, b - vb
    sa, sb = _unstable_sizes(expected, va), _unstable_sizes(actual, vb)
    if sa != sb:
        found.append(f"differs: Pagefind's filter and metadata files (decompressed sizes {sa} and {sb})")
    found += [f"only in the MkDocs build: {name}" for name in sorted(a - b)]
    found += [f"only in the ProperDocs build: {name}" for name in sorted(b - a)]
    for name in sorted(a & b):
        x, y = expected / name, actual / name
        if name.endswith(".html"):
            for path, tag in ((x, expected_tag), (y, actual_tag)):
                count = path.read_bytes().count(tag)
                if count != 1:
                    found.append(f"{name}: {count} generator tags {tag.decode()!r} in {path}")
        if name == "sw.js":  # the hash of every file (macros/web/offline.py): the pages' differ by their generator tag
            if _worker_list(x) != _worker_list(y):
                found.append("differs: the files sw.js keeps offline")
            continue
        if normalised(x, expected_tag) != normalised(y, actual_tag):
            found.append(f"differs: {name}{first_difference(normalised(x, expected_tag), normalised(y, actual_tag))}")
    return found


def _worker_list(path: Path) -> list[str]:
    """The files sw.js lists, but Pagefind's unstable ones (their names change from build to build)."""
    listed = json.loads(path.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("self.PG_OFFLINE = ").removesuffix(";"))
    return sorted(n for n in listed["files"] if not _unstable(n))


def _unstable(name: str) -> bool:
    return name.startswith("pagefind/filter/") or (name.startswith("pagefind/") and name.endswith(".pf_meta")) or name == "pagefind/pagefind-entry.json"


def _unstable_sizes(folder: Path, names: set[str]) -> list[tuple[str, int]]:
    """Pagefind's unstable files by kind, each with its size decompressed, in order."""
    out = []
    for name in names:
        data = (folder / name).read_bytes()
        kind = "entry" if name.endswith(".json") else name.rsplit(".", 1)[-1]
        out.append((kind, len(data) if kind == "entry" else len(gzip.decompress(data))))
    return sorted(out)


def first_difference(x: bytes, y: bytes) -> str:
    at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f" (sizes {len(x)} and {len(y)}; first difference at byte {at}: {x[max(0, at - 40) : at + 40]!r} / {y[max(0, at - 40) : at + 40]!r})"


def run_properdocs(project_dir: Path, out_dir: Path, code_dir: Path | None = None) -> subprocess.CompletedProcess:
    """A strict ``properdocs build`` of ``project_dir``, as tests/conftest.py's run_build runs MkDocs;
    ``macros`` is imported from ``code_dir`` (default: the project itself)."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(code_dir or project_dir),
        "PRACTICE_GUIDE_PDF_CACHE": "off",  # draw the PDFs: compare ProperDocs' own, not cached ones
    }
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out_dir)],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory) -> tuple[Path, Path]:
    """The real site built by ProperDocs from a copy of the project without .cache/: (project, site)."""
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail(f"ProperDocs is not installed in {sys.prefix}: run {INSTALL}", pytrace=False)
    base = tmp_path_factory.mktemp("properdocs")
    project = copy_project(base / "project", cache=False)  # no .cache/: no compiled templates, no PDFs
    out = base / "site"
    result = run_properdocs(project, out)
    if result.returncode != 0:
        pytest.fail(f"the real site does not build strictly with ProperDocs:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return project, out


@pytest.fixture(scope="module")
def properdocs_site(properdocs_build) -> Path:
    return properdocs_build[1]


def test_properdocs_is_pinned_and_separate_from_mkdocs(root):
    """ProperDocs is pinned exactly, and is its own module: it does not replace MkDocs on disk."""
    pins = {line.strip() for line in (root / "constraints.txt").read_text().splitlines()}
    assert f"properdocs=={version('properdocs')}" in pins, (
        "constraints.txt does not pin the installed properdocs (requirements.txt pins it; make constraints re-pins)"
    )
    assert f"mkdocs=={version('mkdocs')}" in pins
    import mkdocs
    import properdocs

    # Two packages side by side: in this process (and in `mkdocs build`) mkdocs is MkDocs.
    assert Path(mkdocs.__file__).parent.name == "mkdocs" and Path(properdocs.__file__).parent.name == "properdocs"
    entry_points = importlib.metadata.entry_points(group="mkdocs.plugins")
    assert "practice-guide" in {ep.name for ep in entry_points}, "the plugin is not registered: run make setup"


def test_properdocs_builds_the_same_site_as_mkdocs(site_dir, properdocs_site):
    found = differences(site_dir, properdocs_site, generator_tag("mkdocs"), generator_tag("properdocs"))
    assert not found, "ProperDocs and MkDocs built different sites:\n" + "\n".join(found)
    names = files_in(site_dir)
    # The comparison covered the downloads, not only the pages.
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".xlsx") for n in names)


def test_the_comparison_catches_a_difference(site_dir, tmp_path):
    """Negative control: the comparison sees a changed, missing or added file and any other tag."""
    tag, other = generator_tag("mkdocs"), generator_tag("properdocs")
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    pages = sorted(p for p in copy.rglob("*.html"))
    for page in pages:  # as ProperDocs writes it: the same site but for the tag
        page.write_bytes(page.read_bytes().replace(tag, other))
    assert differences(site_dir, copy, tag, other) == []

    pdf = sorted(copy.rglob("*.pdf"))[0]
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 1  # one bit in the middle of a PDF
    pdf.write_bytes(bytes(data))
    xlsx = sorted(copy.rglob("*.xlsx"))[0]
    xlsx.unlink()
    (copy / "extra.txt").write_text("not in the MkDocs build")
    page = pages[0]
    page.write_bytes(page.read_bytes().replace(b"</body>", b" </body>", 1))  # one space in a page
    tagged = pages[1]  # a generator tag that differs in any other way is not set aside
    tagged.write_bytes(tagged.read_bytes().replace(other, other.replace(b"material-", b"material-0"), 1))

    found = differences(site_dir, copy, tag, other)
    rel = lambda p: p.relative_to(copy).as_posix()  # noqa: E731
    assert f"only in the MkDocs build: {rel(xlsx)}" in found
    assert "only in the ProperDocs build: extra.txt" in found
    assert any(f.startswith(f"differs: {rel(pdf)} ") for f in found)
    assert any(f.startswith(f"differs: {rel(page)} ") for f in found)
    assert any(f.startswith(f"{rel(tagged)}: 0 generator tags") for f in found)
    assert any(f.startswith(f"differs: {rel(tagged)} ") for f in found)
    assert len(found) == 6, found


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_serve_internals_the_adapter_changes_are_there(engine, tmp_path):
    """on_serve replaces ``server.builder`` and lowers watchdog's private ``observer._timeout``
    (CONTRIBUTING.md, "Engines and dependency internals"): both exist in each engine's
    LiveReloadServer, the rebuild loop calls ``self.builder``, and a folder watched after the
    hook (mkdocs.yml's ``watch:``) is polled at the lowered interval."""
    import watchdog.events

    from macros.adapter.plugin import PracticeGuidePlugin

    livereload = importlib.import_module(f"{engine}.livereload")
    assert "self.builder()" in inspect.getsource(livereload.LiveReloadServer._build_loop)
    calls = []
    server = livereload.LiveReloadServer(builder=lambda: calls.append(1), host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert isinstance(server.observer._timeout, (int, float)) and server.observer.timeout == 0.5
        assert PracticeGuidePlugin().on_serve(server, config=None, builder=server.builder) is server
        assert server.observer.timeout == 0.1
        watch = server.observer.schedule(watchdog.events.FileSystemEventHandler(), str(tmp_path), recursive=True)
        assert [e.timeout for e in server.observer.emitters if e.watch == watch] == [0.1]
        server.builder()  # the wrapper calls the engine's builder
        assert calls == [1]
    finally:
        server.server_close()


def test_the_theme_templates_are_compiled_into_the_cache(properdocs_build):
    """on_env sets ``env.bytecode_cache`` on the engine's theme environment, after the engine
    made it and before it loads a template: a build that began without .cache/ leaves there a
    compiled template for each theme template it rendered (main.html and Material's own)."""
    project, _ = properdocs_build
    compiled = list((project / ".cache" / "jinja" / "theme").glob("__jinja2_*.cache"))
    assert len(compiled) >= 3, compiled  # main.html, Material's base.html and 404.html at least


def test_a_strict_properdocs_build_fails_on_the_plugins_warning(root, tmp_path):
    """Strict means strict under ProperDocs too: it counts the warnings our plugin logs to
    ``mkdocs.plugins.practice_guide`` (ProperDocs hangs the ``mkdocs`` logger under its own)."""
    project = copy_minimal(tmp_path / "minimal")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSome parents are hard to reach.\n", encoding="utf-8")
    bad = run_properdocs(project, tmp_path / "out", code_dir=root)
    assert bad.returncode != 0, bad.stderr
    output = bad.stdout + bad.stderr
    assert "language check: docs/index.md:" in output and "Aborted with 1 warning" in output, output


def test_materials_bundle_still_wraps_tables_in_the_class_scroll_regions_js_looks_for(site_dir):
    """scroll-regions.js makes Material's table wrapper focusable when it scrolls, found by its
    class. Material adds that wrapper in its JavaScript bundle (not in the HTML), so the browser
    test, which plants a wrapper of its own, would not notice if Material renamed it."""
    bundles = list((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, bundles
    script = (site_dir / "assets" / "javascripts" / "scroll-regions.js").read_text(encoding="utf-8")
    # as written, or as the build minifies it (macros/web/minify.py)
    assert re.search(r'SELECTOR\s*=\s*"\.md-typeset__scrollwrap"', script), "scroll-regions.js no longer looks for .md-typeset__scrollwrap"
    assert "md-typeset__scrollwrap" in bundles[0].read_text(encoding="utf-8")
