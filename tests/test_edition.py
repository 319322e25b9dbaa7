"""Editions: a local overlay folder adds records and pages without editing the national data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data import editor_schema as gen
from macros.data.load import GuideError, load_guide
from macros.data.schema import FILES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "editions" / "example"
EXAMPLE_PUBLISHER = "Example Safeguarding Children Partnership"


def select_edition(project: Path, edition: str = "editions/example") -> None:
    """Select an edition in the project's mkdocs.yml, as a partnership would."""
    conf = project / "mkdocs.yml"
    text = conf.read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^  - practice-guide\s*$", f"  - practice-guide:\n      edition: {edition}", text)
    assert n == 1, "mkdocs.yml no longer lists '- practice-guide' as expected"
    # ... and names itself as the publisher, with its own logo (CONTRIBUTING.md, "Editions")
    new, n = re.subn(r"(?m)^  logo: .*$", "  logo: assets/example-logo.svg", new)
    assert n == 1, "mkdocs.yml no longer sets theme.logo as expected"
    new, n = re.subn(r"(?m)^(  publisher:\n    name: ).*$", r"\1" + EXAMPLE_PUBLISHER, new)
    assert n == 1, "mkdocs.yml no longer sets extra.publisher.name as expected"
    conf.write_text(new, encoding="utf-8")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory, build_site):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("edition") / "project")
    select_edition(project)
    out = tmp_path_factory.mktemp("edition-site") / "site"
    result = build_site(project, out)
    assert result.returncode == 0, f"the example edition does not build strictly:\n{result.stdout}\n{result.stderr}"
    return out


def test_example_edition_adds_its_pages_to_the_site_and_nav(edition_site):
    page = edition_site / "local" / "index.html"
    soup = _soup(page)
    assert soup.select_one("h1").get_text(strip=True).startswith("Local information for Example Partnership")
    assert "01632 960 001" in soup.get_text()
    # the macro in the edition's page rendered, and its link leads to the local standard
    (link,) = soup.select("article .pg-standard-links a")
    target = (page.parent / link["href"]).resolve() / "index.html"
    assert target == (edition_site / "benchmark" / "OPS-LISTEN-90" / "index.html").resolve()
    # the section is in the navigation of a national page, with both local pages
    home = _soup(edition_site / "index.html")
    nav_text = home.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "Local information" in nav_text and "Local services" in nav_text
    assert (edition_site / "local" / "services" / "index.html").is_file()
    # its edit link leads to the edition's own file, not to a docs/ file of that name
    (edit,) = soup.select('a[rel="edit"]')
    assert edit["href"].endswith("/edit/main/editions/example/docs/local/index.md"), edit["href"]
    assert (ROOT / "editions" / "example" / "docs" / "local" / "index.md").is_file()


def test_example_edition_adds_its_records(edition_site):
    page = _soup(edition_site / "benchmark" / "OPS-LISTEN-90" / "index.html")
    assert "Parents are invited to the MACE in good time" in page.select_one("h1").get_text()
    text = page.get_text(" ", strip=True)
    assert "Example Partnership audit of work with parents" in text  # its local source
    assert "multi-agency child exploitation meeting" in text  # its local glossary term, as a search term
    # the local standard is listed with the national ones on its level's page
    level = _soup(edition_site / "benchmark" / "operational" / "index.html").get_text()
    assert "OPS-LISTEN-90" in level
    # national pages are still there
    assert (edition_site / "benchmark" / "OPS-COMMS-01" / "index.html").is_file()


def test_without_the_edition_nothing_local_appears(site_dir, guide):
    """Negative control: the national site (no edition selected) has none of it."""
    assert not (site_dir / "local").exists()
    assert not (site_dir / "benchmark" / "OPS-LISTEN-90").exists()
    assert "Local information" not in _soup(site_dir / "index.html").get_text()
    assert "OPS-LISTEN-90" not in guide.by_id and "G-EXAMPLE-MACE" not in guide.by_id


def test_edition_data_validates_against_the_national_schemas():
    for fs in FILES:
        schema = json.loads((ROOT / "standards/schema" / gen.schema_name(fs)).read_text(encoding="utf-8"))
        for path in sorted((EXAMPLE / "standards").glob(fs.pattern)):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == [], path
    assert gen.missing_modelines(EXAMPLE / "standards", ROOT / "standards" / "schema") == []


def _edition(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "edition" / "standards"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_edition_records_are_checked_like_national_ones(tmp_path):
    folder = _edition(
        tmp_path,
        {
            # clashes with a national ID
            "glossary.yml": "- id: G-CSE\n  terms: [CSE]\n  definition: A clash.\n",
            # an unknown field and a reference to nothing
            "key-learning.yml": "- id: KL-LOCAL\n  theme: listen\n  point: P\n  explanation: E\n  source: SRC-NOWHERE\n  colour: red\n",
            "meta.yml": "title: Local\n",
            "glosary.yml": "[]\n",
        },
    )
    with pytest.raises(GuideError) as err:
        load_guide(ROOT / "standards", tmp_path, editions=(folder,))
    report = "\n".join(str(p) for p in err.value.problems)  # each problem in short: path:line: message
    assert re.search(r"edition/standards/glossary\.yml:1: glossary entry G-CSE: duplicate id 'G-CSE' \(first defined at .*standards/glossary\.yml:\d+\)", report)
    assert "edition/standards/key-learning.yml:6: key learning KL-LOCAL: unknown field 'colour'" in report
    assert "unknown source 'SRC-NOWHERE'" in report
    assert "edition/standards/meta.yml:1: an edition cannot replace the national meta.yml" in report
    assert "edition/standards/glosary.yml:1: not a file the guide reads" in report


def test_edition_cannot_replace_a_national_page(project_copy, tmp_path, build_site):
    select_edition(project_copy)
    clash = project_copy / "editions" / "example" / "docs" / "about.md"
    clash.write_text("# About us\n", encoding="utf-8")
    result = build_site(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "editions/example/docs/about.md: an edition adds pages and cannot replace docs/about.md" in result.stderr
    assert not (tmp_path / "site").exists()


def test_example_edition_names_its_publisher_on_its_pages_and_downloads(edition_site):
    import io

    import openpyxl
    from pypdf import PdfReader

    page = _soup(edition_site / "benchmark" / "index.html")
    assert " ".join(page.select_one(".pg-publisher").get_text().split()) == f"Published by {EXAMPLE_PUBLISHER}."
    logo = page.select_one(".md-header .md-logo img")
    assert logo["src"].endswith("assets/example-logo.svg")
    assert (edition_site / "assets" / "example-logo.svg").is_file()
    book = openpyxl.load_workbook(io.BytesIO((edition_site / "downloads" / "benchmark.xlsx").read_bytes()))
    assert book.properties.creator == EXAMPLE_PUBLISHER
    pdf = PdfReader(edition_site / "downloads" / "checklist-operational.pdf")
    assert pdf.metadata.author == EXAMPLE_PUBLISHER
