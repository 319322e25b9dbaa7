"""The offline copy on disk: sw.js lists every file of the site with the hash of its bytes; the
zip holds every page, its links open from a folder, it runs no ES module and its data files are
data only; the joiner of the folder copy's scripts refuses what it cannot read, by file and line.
(In Chromium: tests/browser/test_offline.py; this file has another name, as pytest imports both by their names.)"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.web import classic, offline

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"


def setup_of(site: Path) -> dict:
    first = (site / "sw.js").read_text("utf-8").split("\n", 1)[0]
    assert first.startswith("self.PG_OFFLINE = ") and first.endswith(";")
    return json.loads(first.removeprefix("self.PG_OFFLINE = ").removesuffix(";"))


@pytest.fixture(scope="module")
def zipped(site_dir) -> dict[str, bytes]:
    with zipfile.ZipFile(site_dir / "downloads" / offline.ZIP) as z:
        assert all(n.startswith(offline.ZIP_FOLDER + "/") for n in z.namelist())
        return {n.removeprefix(offline.ZIP_FOLDER + "/"): z.read(n) for n in z.namelist()}


def test_the_worker_lists_every_page_and_asset_with_its_hash(site_dir):
    setup = setup_of(site_dir)
    files = setup["files"]
    pages = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")}
    for page in pages:
        address = "./" if page == "index.html" else page.removesuffix("index.html")
        assert address in files, page
    for address, digest in files.items():
        path = site_dir / (address + "index.html" if address.endswith("/") else address)
        assert path.is_file(), address
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == digest, address
    # the search index, its words, the data of the self-assessment and the checker, the downloads
    assert "pagefind/pagefind.js" in files and "pagefind/words.json" in files
    assert any(a.endswith(".pf_fragment") for a in files) and any(a.endswith(".pagefind") for a in files)
    assert "assets/data/assessment.json" in files and "assets/data/language.json" in files
    assert "assets/javascripts/offline/offline.js" in files
    downloads = {p.name for p in (site_dir / "downloads").iterdir()} - {"index.html", offline.ZIP}
    assert {f"downloads/{n}" for n in downloads} <= set(files)
    # left out: the zip itself, the worker, source maps and Material's unused search
    assert f"downloads/{offline.ZIP}" not in files and "sw.js" not in files
    assert not [a for a in files if a.endswith(".map") or "/lunr/" in a or "/workers/" in a]
    assert re.fullmatch(r"[0-9a-f]{16}", setup["version"])
    # the worker's code follows the list, as written in overrides/
    assert (site_dir / "sw.js").read_text("utf-8").split("\n", 1)[1] == (SCRIPTS / "offline" / "sw.js").read_text("utf-8")


def test_the_pages_state_the_sizes_of_this_build(site_dir):
    files = setup_of(site_dir)["files"]
    kept = sum((site_dir / (a + "index.html" if a.endswith("/") else a)).stat().st_size for a in files)
    page = BeautifulSoup((site_dir / "offline" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one("[data-pg-offline-size=files]").get_text() == f"{len(files):,}"
    number, unit = page.select_one("[data-pg-offline-size=cache]").get_text().split()
    assert unit == "MB" and abs(float(number) - kept / 2**20) <= 0.05
    zip_bytes = (site_dir / "downloads" / offline.ZIP).stat().st_size
    downloads = BeautifulSoup((site_dir / "downloads" / "index.html").read_text("utf-8"), "html.parser")
    cell = downloads.select_one("td[data-pg-offline-size=zip]")
    assert int(cell["data-bytes"]) == zip_bytes
    number, unit = cell.get_text().split()
    assert unit == "MB" and abs(float(number) - zip_bytes / 2**20) <= 0.05
    assert cell.find_parent("tr").find("a")["href"] == offline.ZIP


def test_the_zip_holds_every_page_and_its_links_open_from_a_folder(site_dir, zipped):
    pages = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")}
    assert {n for n in zipped if n.endswith("index.html")} == pages
    assert "sw.js" not in zipped and not any(n.startswith("pagefind/") for n in zipped)
    assert not any(n.endswith(".zip") for n in zipped)
    checked = 0
    for name in sorted(pages):
        soup = BeautifulSoup(zipped[name].decode("utf-8"), "html.parser")
        assert not soup.select("script[type=module]"), name
        for script in soup.select("script[src]"):
            target = (Path(name).parent / script["src"]).as_posix()
            assert _norm(target) in zipped, (name, script["src"])
        for a in soup.select("a[href]"):
            href = a["href"]
            if re.match(r"^[a-z][\w+.-]*:|^#", href):
                continue
            path = href.split("#")[0].split("?")[0]
            assert not path.endswith("/") and path.rsplit("/", 1)[-1] not in (".", ".."), (name, href)  # a folder would not open
            target = _norm((Path(name).parent / path).as_posix())
            if target == f"downloads/{offline.ZIP}":
                continue  # the zip does not hold itself: the one link of the copy that goes nowhere
            assert target in zipped, (name, href)
            checked += 1
    assert checked > 1000


def _norm(path: str) -> str:
    parts: list[str] = []
    for p in path.split("/"):
        if p == "..":
            parts.pop()
        elif p not in ("", "."):
            parts.append(p)
    return "/".join(parts)


def test_the_zips_data_files_are_data_only(site_dir, zipped):
    """Each JSON file as a script is one call with one JSON value: nothing from the data runs."""
    wrapped = {n: c for n, c in zipped.items() if n.startswith(offline.FILES)}
    assert f"{offline.FILES}assets/data/assessment.json.js" in wrapped and f"{offline.FILES}{offline.FILE_INDEX}.js" in wrapped
    for name, content in wrapped.items():
        text = content.decode("ascii")  # \u-escaped: no line separator or other character a script reads otherwise
        m = re.fullmatch(r'__pgFile\(("[^"\\]*(?:\\.[^"\\]*)*"), (.*)\);\n', text, re.S)
        assert m, name
        path = json.loads(m.group(1))
        value = json.loads(m.group(2))  # a JSON value and nothing more
        assert name == f"{offline.FILES}{path}.js"
        if path != offline.FILE_INDEX:
            assert value == json.loads((site_dir / path).read_text("utf-8"))
    index = json.loads(re.fullmatch(r'__pgFile\("[^"]*", (.*)\);\n', wrapped[f"{offline.FILES}{offline.FILE_INDEX}.js"].decode(), re.S).group(1))
    assert {p["url"] for p in index} >= {"/", "/about/", "/offline/"}


def test_a_quote_that_closes_the_call_stays_text(tmp_path):
    """A value such as '"); alert(1); ("' or '</script>' is inside the JSON string of the call."""
    site = tmp_path / "site"
    (site / "pagefind" / "fragment").mkdir(parents=True)
    (site / "assets" / "data").mkdir(parents=True)
    nasty = '"); alert(1); ("</script>\u2028'
    (site / "assets" / "data" / "x.json").write_text(json.dumps({"t": nasty}), "utf-8")
    files = offline._Zipper._extra(site, ["assets/data/x.json"], SCRIPTS, "")
    script = tmp_path / "x.js"
    script.write_bytes(files[f"{offline.FILES}assets/data/x.json.js"])
    # run as a browser would run it: one call, and alert() (which would throw here) never called
    run = subprocess.run(["node", "-e", "let got = []; globalThis.__pgFile = (...a) => got.push(a); "
                          f"require({json.dumps(str(script))}); process.stdout.write(JSON.stringify(got));"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [["assets/data/x.json", {"t": nasty}]]


def test_links_to_folders_become_index_html():
    page = ('<a href="../about/">a</a><a href="./">b</a><a href="../..">c</a><a href="x/#top">d</a>'
            '<a href="https://example.org/">e</a><a href="#s">f</a><a href="a.pdf">g</a><link rel="prev" href="../">'
            '<script type="module" src="../assets/javascripts/search/search.js"></script><script src="q.js"></script>')
    out = BeautifulSoup(offline.for_folder(page), "html.parser")
    assert [a["href"] for a in out.select("a")] == [
        "../about/index.html", "./index.html", "../../index.html", "x/index.html#top", "https://example.org/", "#s", "a.pdf"]
    assert out.select_one("link")["href"] == "../index.html"
    module = out.select("script")[0]
    assert module["src"] == "../assets/javascripts/search/search.classic.js" and module.has_attr("defer") and not module.get("type")
    assert out.select("script")[1]["src"] == "q.js"


def test_the_joiner_rewrites_imports_and_exports(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "main.js").write_text('import { one, two as deux } from "../b.js";\nimport * as b from "../b.js";\n'
                                            'export const three = one + deux + b.two;\nconsole.log(import.meta.url);\n', "utf-8")
    (tmp_path / "b.js").write_text("export function one() {}\nexport const two = 2;\n", "utf-8")
    js = classic.bundle(tmp_path, "a/main.js", "/*prelude __PG_DEPTH__*/", "assets/javascripts/")
    assert "/*prelude 3*/" in js  # assets/javascripts/a/: three folders below the root
    assert 'const { one, two: deux } = __pgRequire("b.js");' in js and 'const b = __pgRequire("b.js");' in js
    assert 'return { "one": one, "two": two };' in js and 'return { "three": three };' in js
    assert js.index('__pgDefs["b.js"]') < js.index('__pgDefs["a/main.js"]')
    assert 'new URL("assets/javascripts/a/main.js", __pgSite).href' in js and "import" not in js.replace("__pgImport", "")


@pytest.mark.parametrize("source, message", [
    ('import x from "lodash";\n', "only the site's own modules"),
    ("export default function () {}\n", "cannot read"),
    ('import "./side-effect.js";\n', "cannot read"),
    ('import { a } from "./missing.js";\n', "missing"),
    ('import { a } from "./main.js";\nexport const a = 1;\n', "cycle"),
])
def test_the_joiner_refuses_what_it_cannot_read(tmp_path, source, message):
    (tmp_path / "main.js").write_text(source, "utf-8")
    with pytest.raises(classic.BundleError, match=message) as err:
        classic.bundle(tmp_path, "main.js", "", "assets/javascripts/")
    assert "main.js" in str(err.value)


def test_the_sites_own_modules_join(site_dir):
    """Every module a page loads is one the joiner reads (the build would fail otherwise), and
    the search's joined script carries the folder's search engine."""
    for entry in ("search/search.js", "assessment/app.js", "language-checker.js"):
        js = classic.bundle(SCRIPTS, entry, (SCRIPTS / offline.PRELUDE).read_text("utf-8"), offline.SCRIPTS, extra=(offline.ENGINE,))
        assert '__pgDefs["offline/file-engine.js"]' in js and "__PG_DEPTH__" not in js
        assert not re.search(r"^\s*(?:import|export)\s", js, re.M), entry


def test_the_zip_is_made_up_to_the_size_its_pages_state_and_still_opens():
    import io
    import zipfile

    from macros.web.offline import _padded

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("index.html", "<p>page</p>")
    made = buffer.getvalue()
    padded = _padded(made, len(made) + 300)
    assert len(padded) == len(made) + 300
    with zipfile.ZipFile(io.BytesIO(padded)) as z:
        assert z.testzip() is None and z.read("index.html") == b"<p>page</p>"
        assert z.comment == b" " * 300
    assert _padded(made, len(made) - 1) is None  # already longer than the figure: made again
    assert _padded(made, len(made) + 70_000) is None  # more than a zip comment can hold
