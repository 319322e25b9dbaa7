"""Tier 1: the loader and the model, including a corpus of bad inputs.

Every bad input is a small edit of the minimal fixture data, and each asserts the exact
messages the loader gives: file, line, record ID and field.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data.load import GuideError, load_guide
from support import edit

FIXTURE = Path(__file__).parent / "fixtures" / "minimal" / "standards"


def fixture_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root / "standards")
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(GuideError) as caught:
        load_guide(root / "standards", root)
    return [str(p) for p in caught.value.problems]


# (name, [(file, old, new), ...], exact problems)
CORPUS = [
    (
        "quote without attribution",
        [("quotes.yml", "  attribution: Anon, Test Town, 2020\n", "")],
        ["standards/quotes.yml:1: quote Q-ONE: missing field 'attribution'"],
    ),
    (
        "quote without provenance",
        [("quotes.yml", "  provenance: Published anonymously in source two.\n", "")],
        ["standards/quotes.yml:1: quote Q-ONE: missing field 'provenance'"],
    ),
    (
        "quote with empty provenance",
        [("quotes.yml", "provenance: Published anonymously in source two.", 'provenance: "  "')],
        ["standards/quotes.yml:6: quote Q-ONE: field 'provenance' is empty"],
    ),
    (
        "misspelt field",
        [("quotes.yml", "  attribution:", "  atribution:")],
        [
            "standards/quotes.yml:1: quote Q-ONE: missing field 'attribution'",
            "standards/quotes.yml:3: quote Q-ONE: unknown field 'atribution' (did you mean 'attribution'?)",
        ],
    ),
    (
        "YAML syntax error",
        [("benchmark/strategic.yml", "findings: [F-ONE-A]", "findings: [F-ONE-A")],
        [
            # the line of the bracket left open, not the line where PyYAML noticed
            "standards/benchmark/strategic.yml:14: YAML syntax error: the bracket opened here is not closed (noticed at line 15): "
            "while parsing a flow sequence expected ',' or ']', but got ':'"
        ],
    ),
    (
        "wrong type: year as text",
        [("quotes.yml", "year: 2020", "year: twenty twenty")],
        ["standards/quotes.yml:5: quote Q-ONE: field 'year' must be a whole number, not text"],
    ),
    (
        "unknown level",
        [("benchmark/strategic.yml", "level: strategic", "level: strategc")],
        ["standards/benchmark/strategic.yml:2: standard STR-LISTEN-01: field 'level': unknown level 'strategc' (did you mean 'strategic'?)"],
    ),
    (
        "unknown theme",
        [("benchmark/operational.yml", "theme: trauma", "theme: truama")],
        ["standards/benchmark/operational.yml:3: standard OPS-TRAUMA-01: field 'theme': unknown theme 'truama' (did you mean 'trauma'?)"],
    ),
    (
        "duplicate ID across files",
        [
            (
                "benchmark/operational.yml",
                "  keywords: [recovery]\n",
                "  keywords: [recovery]\n"
                "- id: STR-LISTEN-01\n  level: strategic\n  theme: listen\n  title: Copy\n  statement: Copy.\n"
                "  indicators: [a, b, c]\n  evidence_prompts: [a, b]\n  plain_english: Copy.\n"
                "  findings: [F-ONE-A]\n  added: \"0.1.0\"\n",
            )
        ],
        [
            # files load in name order, so the strategic original is the second one seen
            "standards/benchmark/strategic.yml:1: standard STR-LISTEN-01: duplicate id 'STR-LISTEN-01' "
            "(first defined at standards/benchmark/operational.yml:19)"
        ],
    ),
    (
        "reference to a finding that does not exist",
        [("benchmark/strategic.yml", "findings: [F-ONE-A]", "findings: [F-ONE-Z]")],
        ["standards/benchmark/strategic.yml:14: standard STR-LISTEN-01: field 'findings': unknown finding 'F-ONE-Z' (did you mean 'F-ONE-B'?)"],
    ),
    (
        "reference to a record of the wrong kind",
        [("benchmark/operational.yml", "quotes: [Q-ONE]", "quotes: [F-ONE-A]")],
        [
            "standards/benchmark/operational.yml:16: standard OPS-TRAUMA-01: field 'quotes': 'F-ONE-A' is a finding, not a quote",
            # Q-ONE is then unused, which is allowed at this tier (the content tests require use)
        ],
    ),
    (
        "empty statement",
        [("benchmark/strategic.yml", "statement: The partnership hears parents about CSE.", 'statement: ""')],
        ["standards/benchmark/strategic.yml:5: standard STR-LISTEN-01: field 'statement' is empty"],
    ),
    (
        "empty list of indicators",
        [("benchmark/strategic.yml", "  indicators:\n    - One.\n    - Two.\n    - Three.\n", "  indicators: []\n")],
        ["standards/benchmark/strategic.yml:6: standard STR-LISTEN-01: field 'indicators' is an empty list"],
    ),
    (
        "list written as one piece of text",
        [("benchmark/strategic.yml", "  indicators:\n    - One.\n    - Two.\n    - Three.\n", "  indicators: One, two and three.\n")],
        [
            "standards/benchmark/strategic.yml:6: standard STR-LISTEN-01: field 'indicators' must be a list "
            "(one item per line starting '- '), not a single piece of text"
        ],
    ),
    (
        "empty item in a list",
        [("benchmark/strategic.yml", "    - Two.\n", "    -\n")],
        ["standards/benchmark/strategic.yml:8: standard STR-LISTEN-01: field 'indicators' item 2 is empty"],
    ),
    (
        "standard ID that does not match its level and theme",
        [("benchmark/operational.yml", "id: OPS-TRAUMA-01", "id: OPS-LISTEN-01")],
        [
            "standards/benchmark/operational.yml:1: standard OPS-LISTEN-01: field 'id' must be 'OPS-TRAUMA-' and two digits, "
            "to match its level and theme (e.g. OPS-TRAUMA-01)"
        ],
    ),
    (
        "source kind not in the list",
        [("sources.yml", "kind: review", "kind: reveiw")],
        [
            "standards/sources.yml:5: source SRC-ONE: field 'kind' must be one of article, slides, statement, report, review, "
            "update, guidance, not 'reveiw' (did you mean 'review'?)"
        ],
    ),
    (
        "impossible date",
        [("meta.yml", "date: 2026-01-31", "date: 2026-02-31")],
        ["standards/meta.yml:3: meta: field 'date' must be a date written YYYY-MM-DD"],
    ),
    (
        "duplicate field in one record",
        [("quotes.yml", "  year: 2020\n", "  year: 2020\n  year: 2021\n")],
        ["standards/quotes.yml:6: duplicate field 'year'"],
    ),
    (
        "standard added in a later version than the data",
        [("benchmark/strategic.yml", 'added: "0.1.0"', 'added: "2.0.0"')],
        ["standards/benchmark/strategic.yml:15: standard STR-LISTEN-01: field 'added' 2.0.0 is later than the data's version 0.1.0 (standards/meta.yml)"],
    ),
    (
        "quoted finding flag that is not true or false",
        [("sources.yml", "quoted: true", "quoted: yes please")],
        ["standards/sources.yml:12: finding F-ONE-B: field 'quoted' must be true or false, not text"],
    ),
]


@pytest.mark.parametrize("name, edits, expected", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_input_gives_exact_messages(tmp_path, name, edits, expected):
    root = fixture_copy(tmp_path)
    for rel, old, new in edits:
        edit(root, rel, old, new)
    assert problems_of(root) == expected


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 15


def test_mapping_file_is_reported_and_cascades(tmp_path):
    root = fixture_copy(tmp_path)
    (root / "standards" / "levels.yml").write_text("strategic:\n  code: STR\n", encoding="utf-8")
    problems = problems_of(root)
    assert problems[0].startswith("standards/benchmark/")  # sorted by path: the dangling references
    assert "standards/levels.yml:1: the file must be a list of level records (each starting '- id:'), not a set of fields" in problems
    assert "standards/benchmark/strategic.yml:2: standard STR-LISTEN-01: field 'level': unknown level 'strategic'" in problems


def test_record_without_id_is_named_and_placed(tmp_path):
    root = fixture_copy(tmp_path)
    edit(root, "principles.yml", "- id: P-ONE\n  title", "- title")
    problems = problems_of(root)
    assert "standards/principles.yml:1: principle (no id): missing field 'id'" in problems
    # the standard that cited P-ONE now points nowhere, and says so
    assert "standards/benchmark/strategic.yml:17: standard STR-LISTEN-01: field 'principles': unknown principle 'P-ONE'" in problems


def test_every_problem_is_listed_at_once(tmp_path):
    root = fixture_copy(tmp_path)
    edit(root, "quotes.yml", "  provenance: Published anonymously in source two.\n", "")
    edit(root, "benchmark/strategic.yml", "level: strategic", "level: strategc")
    edit(root, "sources.yml", "kind: review", "kind: book")
    (root / "standards" / "glossary.yml").write_text("- id: G-CSE\n  terms: [CSE\n", encoding="utf-8")
    problems = problems_of(root)
    assert len(problems) == 4
    assert [p.split(":")[0] for p in problems] == sorted(p.split(":")[0] for p in problems)
    assert {p.split(":")[0] for p in problems} == {
        "standards/quotes.yml",
        "standards/benchmark/strategic.yml",
        "standards/sources.yml",
        "standards/glossary.yml",
    }


def test_missing_empty_and_unreadable_files(tmp_path):
    root = fixture_copy(tmp_path)
    (root / "standards" / "themes.yml").unlink()
    (root / "standards" / "outcomes.yml").write_text("# nothing yet\n", encoding="utf-8")
    (root / "standards" / "principles.yml").write_bytes(b"- id: P-ONE\n  title: caf\xe9\n")
    problems = problems_of(root)
    assert "standards/themes.yml:1: no file found: expected theme records here" in problems
    assert "standards/outcomes.yml:1: the file is empty: expected outcome records" in problems
    # the bad byte's own line and column, not line 1 and a byte offset
    assert "standards/principles.yml:2: not UTF-8 text: byte 0xe9 at line 2, column 13; save the file as UTF-8" in problems


def test_the_real_data_loads(guide):
    assert guide.meta.version
    assert len(guide.levels) == 3
    assert [t.id for t in guide.themes] == ["listen", "trust", "communicate", "partners", "trauma", "alongside"]
    assert guide.standards and guide.quotes and guide.language and guide.findings


def test_model_resolves_references_both_ways(tmp_path):
    guide = load_guide(FIXTURE, FIXTURE.parent)
    s = guide.standard("OPS-TRAUMA-01")
    assert [f.id for f in s.findings] == ["F-ONE-B", "F-ONE-A"]
    assert s.findings[0].source.id == "SRC-ONE"
    assert [x.id for x in guide.finding("F-ONE-A").cited_by] == ["STR-LISTEN-01", "OPS-TRAUMA-01"]
    assert guide.quote("Q-ONE").standards == (s,)
    assert [x.id for x in guide.level("strategic").standards] == ["STR-LISTEN-01"]
    src_two = guide.by_id["SRC-TWO"]
    assert src_two.cited_in.id == "SRC-ONE" and guide.by_id["SRC-ONE"].cites == (src_two,)
    # levels first, then themes: the strategic standard comes before the operational one
    assert [x.id for x in guide.standards] == ["STR-LISTEN-01", "OPS-TRAUMA-01"]


def test_model_is_immutable():
    guide = load_guide(FIXTURE, FIXTURE.parent)
    with pytest.raises(AttributeError):
        guide.standards[0].title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        guide.by_id["X"] = 1  # type: ignore[index]


def test_search_terms_add_glossary_synonyms():
    guide = load_guide(FIXTURE, FIXTURE.parent)
    terms = guide.standard("STR-LISTEN-01").search_terms
    # the statement says CSE: every synonym of CSE is added for the search index
    assert "child sexual exploitation" in terms and "CSE" in terms
    assert "recovery" not in terms  # a keyword of another standard
    assert guide.standard("OPS-TRAUMA-01").search_terms == ("recovery",)


def test_unknown_lookup_names_what_exists():
    guide = load_guide(FIXTURE, FIXTURE.parent)
    with pytest.raises(KeyError, match="no standard with id 'NOPE'.*OPS-TRAUMA-01, STR-LISTEN-01"):
        guide.standard("NOPE")


def test_retired_standards_reserve_their_ids(tmp_path):
    root = fixture_copy(tmp_path)
    (root / "standards" / "retired.yml").write_text(
        "- id: STR-LISTEN-02\n  title: Old\n  retired: \"0.1.0\"\n  replaced_by: [STR-LISTEN-01]\n  reason: Merged.\n",
        encoding="utf-8",
    )
    guide = load_guide(root / "standards", root)
    assert guide.retired[0].replaced_by == (guide.standard("STR-LISTEN-01"),)
    # a retired ID can never be reused by a live record
    edit(root, "benchmark/strategic.yml", "id: STR-LISTEN-01", "id: STR-LISTEN-02")
    problems = problems_of(root)
    assert any("duplicate id 'STR-LISTEN-02'" in p for p in problems)


def test_aliases_tags_and_deep_nesting_are_refused_with_their_line_quickly(tmp_path):
    import time

    root = fixture_copy(tmp_path)
    laughs = "".join(f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ["ha"] * 9) + "]\n" for i in range(9))
    (root / "standards" / "glossary.yml").write_text(
        "- id: G-BOMB\n  terms: [CSE]\n  definition: x\n" + laughs
        + "- id: G-LOOP\n  terms: &x [CSE, *x]\n  definition: y\n"
        + "- id: G-TAG\n  terms: !!python/object/apply:os.system [ls]\n  definition: !!python/name:os.system z\n",
        encoding="utf-8",
    )
    (root / "standards" / "outcomes.yml").write_text("- id: O-DEEP\n  title: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    start = time.monotonic()
    problems = problems_of(root)
    assert time.monotonic() - start < 5  # unbounded before: a billion laughs grew without end
    aliases = [p for p in problems if "a YAML alias (*name) repeats the value anchored (&name) here" in p]
    assert "standards/glossary.yml:4: a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out" in problems
    assert "standards/glossary.yml:14: a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out" in problems
    assert len(aliases) <= 10  # one per anchor, not one per use
    assert "standards/glossary.yml:17: the YAML tag '!!python/object/apply:os.system' is not allowed in the data: remove it" in problems
    assert "standards/glossary.yml:18: the YAML tag '!!python/name:os.system' is not allowed in the data: remove it" in problems
    assert any(p.startswith("standards/outcomes.yml:2: YAML nested more than 20 levels deep") for p in problems), problems


def test_files_the_guide_does_not_read_are_named(tmp_path):
    root = fixture_copy(tmp_path)
    (root / "standards" / "retired.yaml").write_text("[]\n", encoding="utf-8")
    bench = root / "standards" / "benchmark"
    first = sorted(bench.glob("*.yml"))[0]
    first.rename(first.with_suffix(".yaml"))
    (root / "standards" / "glosary.yml").write_text("[]\n", encoding="utf-8")
    problems = problems_of(root)
    assert "standards/retired.yaml:1: data files end in .yml, so this one is not read: rename it to retired.yml" in problems
    assert f"standards/benchmark/{first.stem}.yaml:1: data files end in .yml, so this one is not read: rename it to benchmark/{first.stem}.yml" in problems
    assert any(p.startswith("standards/glosary.yml:1: not a file the guide reads (did you mean glossary.yml?)") for p in problems), problems


def test_invisible_and_direction_characters_are_refused_and_shown_escaped(tmp_path):
    root = fixture_copy(tmp_path)
    path = root / "standards" / "benchmark" / "operational.yml"
    text = path.read_text(encoding="utf-8")
    first_id = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("- id: "))
    path.write_text(text.replace(f"- id: {first_id}", f"- id: {first_id}\u200b", 1), encoding="utf-8")
    problems = problems_of(root)
    shown = [p for p in problems if "\\u200b" in p]
    assert shown, problems
    assert not any("\u200b" in p for p in problems)  # never raw: the ID would look right
    assert any(p.startswith("standards/benchmark/operational.yml:1: ") and f"{first_id}\\u200b" in p for p in shown), shown


def test_a_huge_field_or_file_is_refused_with_its_limit(tmp_path):
    root = fixture_copy(tmp_path)
    path = root / "standards" / "benchmark" / "strategic.yml"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("  statement:"))
    lines = text.splitlines()
    lines[line - 1] = "  statement: " + "word " * 200_000  # 1 MB: the xlsx cut it, the PDF ran to 204 pages
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = problems_of(root)
    assert any(p.startswith(f"standards/benchmark/strategic.yml:{line}: ") and "field 'statement' is 999999 characters long: at most 4000" in p for p in problems), problems
    (root / "standards" / "glossary.yml").write_text("# padding\n" * 1_100_000, encoding="utf-8")
    assert "standards/glossary.yml:1: the file is 11.0 MB: a data file holds at most 10 MB; split the records or shorten them" in problems_of(root)
