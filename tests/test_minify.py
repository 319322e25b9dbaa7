"""The guide's own JavaScript and CSS are minified in the built site (macros/web/minify.py), and
minified code still does what the source did. The browser tests run the built, minified files."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.web.minify import minify_site, minify_text, trim_palette

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "overrides"


def _own(suffixes: tuple[str, ...]) -> list[Path]:
    return [p for p in sorted((SOURCES / "assets").rglob("*")) if p.suffix in suffixes and ".min." not in p.name]


def _comments(source: str, kind: str) -> list[str]:
    """Words of the source's comments long enough not to occur in code by chance."""
    if kind == "css":
        found = re.findall(r"/\*(?!!)(.*?)\*/", source, re.S)
    else:
        found = [m for m in re.findall(r"^\s*//\s?(.*)$", source, re.M)]
        found += re.findall(r"/\*(?!!)(.*?)\*/", source, re.S)
    words = []
    for c in found:
        line = c.strip().splitlines()[0].strip() if c.strip() else ""
        if len(line) >= 25:
            words.append(line)
    return words


@pytest.mark.parametrize("suffix", [".js", ".css"])
def test_built_own_files_are_minified(site_dir, suffix):
    sources = _own((suffix,))
    assert sources, f"no {suffix} files under overrides/assets"
    kind = "css" if suffix == ".css" else "js"
    smaller = 0
    for source in sources:
        built = site_dir / source.relative_to(SOURCES)
        if not built.is_file():
            continue  # a file a page does not ship (e.g. joined into another by the offline step)
        text, out = source.read_text(encoding="utf-8"), built.read_text(encoding="utf-8")
        for comment in _comments(text, kind):
            assert comment not in out, f"{built.relative_to(site_dir)} still has the comment {comment!r}"
        assert not re.search(r"\n[ \t]+\S", out), f"{built.relative_to(site_dir)} still has indented lines"
        smaller += len(out.encode()) < len(text.encode())
    assert smaller >= len(sources) // 2, f"only {smaller} of {len(sources)} {suffix} files got smaller"


def test_theme_files_are_left_as_material_ships_them(site_dir):
    import material

    theme = Path(material.__file__).parent / "templates" / "assets"
    for name in ("stylesheets", "javascripts"):
        for shipped in (theme / name).glob("*.min.*"):
            if shipped.suffix in (".css", ".js") and not shipped.name.startswith("palette."):
                assert (site_dir / "assets" / name / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


def test_the_palette_keeps_the_colours_and_schemes_the_site_uses_only(site_dir):
    import material

    (shipped,) = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css")
    built = (site_dir / "assets" / "stylesheets" / shipped.name).read_text(encoding="utf-8")
    original = shipped.read_text(encoding="utf-8")
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    used = set(re.findall(r'data-md-color-(?:primary|accent)="([\w-]+)"', home))
    assert used == {"indigo"}  # mkdocs.yml's palette: indigo for both, in both schemes
    named = set(re.findall(r"data-md-color-(?:primary|accent)=([\w-]+)", built))
    assert named == {"indigo"}, named
    assert {"red", "teal", "black", "white"} <= set(re.findall(r"data-md-color-(?:primary|accent)=([\w-]+)", original))
    assert len(built) < len(original) / 2
    # the dark scheme and its switch are whole: every declaration of the slate rules is kept
    for declaration in (
        "color-scheme:dark",
        "--md-default-bg-color:hsla(var(--md-hue), 15%, 14%, 1)",
        "[data-md-color-switching]",
    ):
        assert declaration in built and declaration in original


def test_the_palette_is_left_whole_when_no_colour_is_known():
    css = "[data-md-color-primary=red]{--a:1}[data-md-color-primary=indigo]{--a:2}"
    assert trim_palette(css, {"primary": set(), "accent": set()}) == css
    assert trim_palette(css, {"primary": {"indigo"}, "accent": set()}) == "[data-md-color-primary=indigo]{--a:2}"
    mixed = "@media screen{[data-md-color-primary=red] a,[data-md-color-accent=indigo] b{x:y}}"
    assert (
        trim_palette(mixed, {"primary": {"indigo"}, "accent": {"indigo"}})
        == "@media screen{[data-md-color-accent=indigo] b{x:y}}"
    )


JS = r"""
// a line comment with a / and a ` in it
const SHOWN = 3; /* a block comment */
function say(n, found) {
  const re = /a\/b+/g;
  return `${n === SHOWN && found.length > SHOWN ? `The best ${SHOWN}` : n} result${n === 1 ? "" : "s"}` +
    " // not a comment " + "a/b/bbb".replace(re, "x") + `${`${"deep"}`}`;
}
const text = `line one
   line two`;
console.log(JSON.stringify([say(3, [1, 2, 3, 4]), say(1, []), say(2, [1]), text, 10 / 2 / 5]));
"""


def test_minified_javascript_runs_as_the_source_does(tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed (make system installs it)"
    small = minify_text(JS, "js")
    assert len(small) < len(JS) and "a block comment" not in small and "a line comment" not in small
    (tmp_path / "source.js").write_text(JS)
    (tmp_path / "small.js").write_text(small)
    expected = subprocess.run([node, tmp_path / "source.js"], capture_output=True, text=True, check=True).stdout
    got = subprocess.run([node, tmp_path / "small.js"], capture_output=True, text=True, check=True).stdout
    assert '"The best 3 results' in expected  # the snippet itself is right
    assert got == expected


def test_minify_site_touches_only_the_given_sources(tmp_path):
    sources, site = tmp_path / "overrides", tmp_path / "site"
    (sources / "assets").mkdir(parents=True)
    (site / "assets").mkdir(parents=True)
    (sources / "assets" / "a.css").write_text("/* note */\n.a {\n  color: red;\n}\n")
    (site / "assets" / "a.css").write_text("/* note */\n.a {\n  color: red;\n}\n")
    (site / "assets" / "b.css").write_text("/* not ours */\n.b { color: blue; }\n")
    (site / "assets" / "x.min.js").write_text("var  a = 1; // kept\n")
    done = minify_site(site, sources)
    assert done.files == 1
    assert (site / "assets" / "a.css").read_text() == ".a{color:red}"
    assert (site / "assets" / "b.css").read_text() == "/* not ours */\n.b { color: blue; }\n"
    assert (site / "assets" / "x.min.js").read_text() == "var  a = 1; // kept\n"
    assert (sources / "assets" / "a.css").read_text().startswith("/* note */")
