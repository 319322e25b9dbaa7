"""Translations as data (issue 21): the Welsh overlay in standards/cy/, its checks, the model's
text() with its English fallback, out-of-date detection, the status counts and the translator's
fingerprint tool.

Each case writes a small overlay into a copy of the minimal fixture (tests/fixtures/minimal) and
runs `python -m macros check` (the function `make check` runs, in this process) or the loader.
The fingerprints are written out by hand: the first 8 hex digits of the SHA-256 of the English
text (one list item to a line), e.g. "Leaders listen" -> 3d5f3a0b. No browser, no build.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from macros.cli import main
from macros.data import translations as tr
from macros.data.load import GuideError, load_guide
from support import edit

FIXTURE = Path(__file__).parent / "fixtures" / "minimal" / "standards"
ROOT = Path(__file__).resolve().parent.parent

# fingerprints of the fixture's English, worked out by hand with hashlib (see the docstring)
TITLE = "3d5f3a0b"  # "Leaders listen"
INDICATORS = "d54dab8b"  # "One.\nTwo.\nThree."
PLAIN = "1911e94e"  # "Leaders listen to you."
THEME_TITLE = "14f21fbd"  # "Listen to parents"
QUOTE = "4139f826"  # "I felt <b>lost</b> & {{ alone }}."

GOOD = f"""\
# The Welsh of benchmark/strategic.yml
- id: STR-LISTEN-01
  status: draft
  title:
    cy: Mae arweinwyr yn gwrando
    from: {TITLE}
  indicators:
    cy:
      - Un.
      - Dau.
      - Tri.
    from: {INDICATORS}
  plain_english:
    cy: Mae arweinwyr yn gwrando arnoch chi.
    from: {PLAIN}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root / "standards")
    return root


def write(root: Path, rel: str, text: str) -> Path:
    path = root / "standards" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


def check(root: Path) -> tuple[int, str]:
    return run("check", "--root", str(root), "--docs", "no-docs")


def headlines(output: str) -> list[str]:
    """The first line of each problem printed (path:line:col: code message), as test_bad_input compares them."""
    return [line.strip() for line in output.splitlines() if re.match(r"\s+\S+:\d+:\d+: PG\d{3} ", line)]


# -- a valid overlay ---------------------------------------------------------------------------


def test_a_valid_overlay_loads_and_gives_the_welsh(project):
    write(project, "cy/benchmark/strategic.yml", GOOD)
    guide = load_guide(project / "standards", project)
    standard = guide.standard("STR-LISTEN-01")

    title = guide.text(standard, "title", "cy")
    assert (title.value, title.lang, title.state, title.fallback, title.status) == ("Mae arweinwyr yn gwrando", "cy", "translated", False, "draft")
    assert guide.text(standard, "indicators", "cy").value == ("Un.", "Dau.", "Tri.")
    # not translated: the English, marked as a fallback so a page can say so (and set lang="en")
    statement = guide.text(standard, "statement", "cy")
    assert (statement.value, statement.lang, statement.state, statement.fallback) == ("The partnership hears parents about CSE.", "en", "missing", True)
    # English asked for: the English, never a fallback
    english = guide.text(standard, "title", "en")
    assert (english.value, english.lang, english.fallback) == ("Leaders listen", "en", False)
    # a field that is never translated, and a language that does not exist, are errors of the caller
    with pytest.raises(KeyError, match="not one that is translated"):
        guide.text(standard, "added", "cy")
    with pytest.raises(KeyError, match="no language 'fr'"):
        guide.text(standard, "title", "fr")

    code, printed = check(project)
    assert code == 0, printed
    assert "OK: 2 standards" in printed


def test_the_english_guide_is_unchanged_by_an_overlay(project):
    plain = load_guide(project / "standards", project)
    write(project, "cy/benchmark/strategic.yml", GOOD)
    overlaid = load_guide(project / "standards", project)
    assert overlaid.standard("STR-LISTEN-01").title == plain.standard("STR-LISTEN-01").title == "Leaders listen"
    assert overlaid == plain  # the records compare equal: translations sit beside them


def test_a_parents_words_are_never_replaced_by_their_translation(project):
    write(
        project,
        "cy/quotes.yml",
        f"- id: Q-ONE\n  status: draft\n  text:\n    cy: Roeddwn i'n teimlo ar goll ac ar fy mhen fy hun.\n    from: {QUOTE}\n",
    )
    guide = load_guide(project / "standards", project)
    quote = guide.quote("Q-ONE")
    shown = guide.text(quote, "text", "cy")
    assert shown.value == "I felt <b>lost</b> & {{ alone }}." and shown.lang == "en"  # the parent's own words
    assert shown.verbatim and shown.translation == "Roeddwn i'n teimlo ar goll ac ar fy mhen fy hun." and shown.status == "draft"
    assert not shown.fallback


def test_an_empty_overlay_file_translates_nothing_and_is_no_problem(project):
    write(project, "cy/themes.yml", "# nothing translated yet\n")
    code, printed = check(project)
    assert code == 0, printed
    assert "  theme: 0 of 4 translated, 0 out of date, 4 missing" in printed


# -- bad input: every problem with file, line, column, field, and a failed check ----------------


def overlay_record(field_lines: str, rid: str = "STR-LISTEN-01", status: str = "draft") -> str:
    return f"- id: {rid}\n  status: {status}\n{field_lines}"


TITLE_OK = f"  title:\n    cy: Mae arweinwyr yn gwrando\n    from: {TITLE}\n"

BAD = [
    (
        "an ID that is not in the English data",
        {"cy/benchmark/strategic.yml": overlay_record(TITLE_OK, rid="STR-LISTEN-09")},
        ["standards/cy/benchmark/strategic.yml:1:3: PG012 Welsh of standard STR-LISTEN-09: field 'id': there is no standard 'STR-LISTEN-09' in the English data"],
    ),
    (
        "an ID of another kind of record",
        {"cy/benchmark/strategic.yml": overlay_record(TITLE_OK, rid="KL-LISTEN")},
        [
            "standards/cy/benchmark/strategic.yml:1:3: PG013 Welsh of standard KL-LISTEN: field 'id': 'KL-LISTEN' is a key learning, not a standard: "
            "its translation goes in the file named as its English one"
        ],
    ),
    (
        "a field that does not exist",
        {"cy/benchmark/strategic.yml": overlay_record(TITLE_OK + "  titel:\n    cy: Teitl\n    from: 3d5f3a0b\n")},
        [
            "standards/cy/benchmark/strategic.yml:6:3: PG006 Welsh of standard STR-LISTEN-01: unknown field 'titel' (did you mean 'title'?): "
            "the fields of a standard that are translated are title, statement, indicators, evidence_prompts, plain_english, change_note"
        ],
    ),
    (
        "a field that is never translated (the quote's attribution)",
        {"cy/quotes.yml": overlay_record("  attribution:\n    cy: Dienw\n    from: 3d5f3a0b\n", rid="Q-ONE")},
        [
            "standards/cy/quotes.yml:3:3: PG006 Welsh of quote Q-ONE: unknown field 'attribution': the fields of a quote that are translated are text, content_note"
        ],
    ),
    (
        "a status that is neither draft nor reviewed",
        {"cy/benchmark/strategic.yml": overlay_record(TITLE_OK, status="reviwed")},
        ["standards/cy/benchmark/strategic.yml:2:3: PG011 Welsh of standard STR-LISTEN-01: field 'status' must be one of draft, reviewed, not 'reviwed' (did you mean 'reviewed'?)"],
    ),
    (
        "no status",
        {"cy/benchmark/strategic.yml": f"- id: STR-LISTEN-01\n{TITLE_OK}"},
        [
            "standards/cy/benchmark/strategic.yml:1:3: PG007 Welsh of standard STR-LISTEN-01: missing field 'status' (draft, or reviewed once a "
            "Welsh-speaking practitioner has checked it)"
        ],
    ),
    (
        "no fingerprint",
        {"cy/benchmark/strategic.yml": overlay_record("  title:\n    cy: Mae arweinwyr yn gwrando\n")},
        [
            "standards/cy/benchmark/strategic.yml:4:5: PG007 Welsh of standard STR-LISTEN-01: field 'title': missing field 'from' (the fingerprint "
            "of the English it was made from): run python -m macros translations --update-fingerprints"
        ],
    ),
    (
        "a fingerprint that is not one",
        {"cy/benchmark/strategic.yml": overlay_record("  title:\n    cy: Mae arweinwyr yn gwrando\n    from: Leaders listen\n")},
        [
            "standards/cy/benchmark/strategic.yml:5:5: PG010 Welsh of standard STR-LISTEN-01: field 'title': field 'from' 'Leaders listen' is not a "
            "fingerprint (8 letters and digits from 0-9 and a-f, as python -m macros translations --update-fingerprints writes it)"
        ],
    ),
    (
        "a fingerprint of digits only, which YAML reads as a number",
        {"cy/benchmark/strategic.yml": overlay_record("  title:\n    cy: Mae arweinwyr yn gwrando\n    from: 12345678\n")},
        [
            "standards/cy/benchmark/strategic.yml:5:5: PG009 Welsh of standard STR-LISTEN-01: field 'title': field 'from' 12345678 is read as a "
            'number: write it in quotation marks, "12345678" (as python -m macros translations --update-fingerprints does)'
        ],
    ),
    (
        "the Welsh written straight after the field's name",
        {"cy/benchmark/strategic.yml": overlay_record("  title: Mae arweinwyr yn gwrando\n")},
        [
            "standards/cy/benchmark/strategic.yml:3:3: PG009 Welsh of standard STR-LISTEN-01: field 'title' must be a set of two fields, 'cy' "
            "(the Welsh) and 'from' (the fingerprint of the English), not text"
        ],
    ),
    (
        "a list with an item too few",
        {"cy/benchmark/strategic.yml": overlay_record(f"  indicators:\n    cy:\n      - Un.\n      - Dau.\n    from: {INDICATORS}\n")},
        [
            "standards/cy/benchmark/strategic.yml:4:5: PG010 Welsh of standard STR-LISTEN-01: field 'indicators': 'cy' has 2 items, the English has 3: "
            "translate each item once, in the same order"
        ],
    ),
    (
        "an empty translation",
        {"cy/benchmark/strategic.yml": overlay_record(f"  title:\n    cy: ''\n    from: {TITLE}\n")},
        ["standards/cy/benchmark/strategic.yml:4:5: PG008 Welsh of standard STR-LISTEN-01: field 'title': 'cy' is empty"],
    ),
    (
        "a field the English record does not have",
        {"cy/benchmark/strategic.yml": overlay_record(f"  change_note:\n    cy: Newid\n    from: {TITLE}\n")},
        ["standards/cy/benchmark/strategic.yml:3:3: PG006 Welsh of standard STR-LISTEN-01: field 'change_note': the English standard has no 'change_note' to translate"],
    ),
    (
        "the same record translated twice",
        {"cy/benchmark/strategic.yml": overlay_record(TITLE_OK) + overlay_record(TITLE_OK)},
        ["standards/cy/benchmark/strategic.yml:6:3: PG014 Welsh of standard STR-LISTEN-01: translated twice in cy/ (first at standards/cy/benchmark/strategic.yml:1)"],
    ),
    (
        "malformed YAML",
        {"cy/benchmark/strategic.yml": "- id: STR-LISTEN-01\n  status: draft\n  title:\n    cy: Arweinwyr: yn gwrando\n"},
        ["standards/cy/benchmark/strategic.yml:4:18: PG002 YAML syntax error: mapping values are not allowed here"],
    ),
    (
        "a field written twice",
        {"cy/benchmark/strategic.yml": overlay_record(TITLE_OK + TITLE_OK)},
        ["standards/cy/benchmark/strategic.yml:6:3: PG003 duplicate field 'title'"],
    ),
    (
        "a file that is not a list",
        {"cy/themes.yml": "listen:\n  title: Gwrando\n"},
        ["standards/cy/themes.yml:1:1: PG005 the file must be a list of translations of theme records (each starting '- id:'), not a set of fields"],
    ),
    (
        "a file the guide does not read",
        {"cy/theme.yml": overlay_record(TITLE_OK, rid="listen")},
        [
            "standards/cy/theme.yml:1:1: PG021 not a file the guide reads (did you mean cy/themes.yml?); the translations are in files named as the "
            "English ones: cy/benchmark/*.yml, cy/key-learning.yml, cy/levels.yml, cy/outcomes.yml, cy/principles.yml, cy/quotes.yml, "
            "cy/ratings.yml, cy/support.yml, cy/themes.yml, cy/ui.yml"
        ],
    ),
    (
        "an invisible character in the Welsh",
        {"cy/benchmark/strategic.yml": overlay_record(f"  title:\n    cy: \"Mae arweinwyr\\u200b yn gwrando\"\n    from: {TITLE}\n")},
        [
            "standards/cy/benchmark/strategic.yml:4:5: PG023 Welsh of standard STR-LISTEN-01: field 'title': 'cy' holds an invisible or "
            "direction-changing character, \\u200b (ZERO WIDTH SPACE), at character 14: delete it (it can hide a word from the language check "
            "or show the text in another order)"
        ],
    ),
    (
        "two problems in two files: both are listed",
        {
            "cy/benchmark/strategic.yml": overlay_record(TITLE_OK, status="final"),
            "cy/key-learning.yml": overlay_record("  point:\n    cy: Gwrando ar rieni\n", rid="KL-LISTEN"),
        },
        [
            "standards/cy/benchmark/strategic.yml:2:3: PG011 Welsh of standard STR-LISTEN-01: field 'status' must be one of draft, reviewed, not 'final'",
            "standards/cy/key-learning.yml:4:5: PG007 Welsh of key learning KL-LISTEN: field 'point': missing field 'from' (the fingerprint of the "
            "English it was made from): run python -m macros translations --update-fingerprints",
        ],
    ),
]


@pytest.mark.parametrize("files, expected", [(files, expected) for _, files, expected in BAD], ids=[name for name, _, _ in BAD])
def test_bad_overlay_is_reported_with_file_line_and_field(project, files, expected):
    for rel, text in files.items():
        write(project, rel, text)
    code, printed = check(project)
    assert code == 1, printed
    assert headlines(printed) == expected
    # the loader raises with the same problems: nothing is built from a bad overlay
    with pytest.raises(GuideError) as caught:
        load_guide(project / "standards", project)
    assert len(caught.value.problems) == len(expected)


def test_a_problem_shows_the_line_as_written_with_a_caret(project):
    write(project, "cy/benchmark/strategic.yml", overlay_record(TITLE_OK, status="reviwed"))
    _, printed = check(project)
    assert "    2 |   status: reviwed\n      |   ^" in printed


def test_problems_in_the_english_and_the_welsh_are_listed_together(project):
    edit(project, "benchmark/strategic.yml", "  level: strategic\n", "  level: strategik\n")
    write(project, "cy/benchmark/strategic.yml", overlay_record(TITLE_OK, status="final"))
    code, printed = check(project)
    assert code == 1
    found = headlines(printed)
    assert any("PG012 standard STR-LISTEN-01: field 'level': unknown level 'strategik'" in h for h in found)
    assert any(h.startswith("standards/cy/benchmark/strategic.yml:2:3: PG011") for h in found)


# -- out of date -------------------------------------------------------------------------------


def test_changing_an_english_field_makes_its_translation_out_of_date(project):
    write(project, "cy/benchmark/strategic.yml", GOOD)
    edit(project, "benchmark/strategic.yml", "title: Leaders listen\n", "title: Leaders hear parents\n")
    guide = load_guide(project / "standards", project)
    standard = guide.standard("STR-LISTEN-01")

    title = guide.text(standard, "title", "cy")
    # never shown as if current: the English, with the reason
    assert (title.value, title.lang, title.state, title.fallback) == ("Leaders hear parents", "en", "out_of_date", True)
    # a page may choose to show it anyway, still marked
    stale = guide.text(standard, "title", "cy", out_of_date=True)
    assert (stale.value, stale.lang, stale.state) == ("Mae arweinwyr yn gwrando", "cy", "out_of_date")
    # the other fields, whose English did not change, stay current
    assert guide.text(standard, "indicators", "cy").state == "translated"

    code, printed = check(project)
    assert code == 0, printed  # an English edit never fails the check because a translation is behind
    assert (
        "standards/cy/benchmark/strategic.yml:4: out of date: standard STR-LISTEN-01 field 'title': its English has changed since it was "
        "translated (standards/benchmark/strategic.yml:4); update the Welsh, then run python -m macros translations --update-fingerprints STR-LISTEN-01"
    ) in printed
    assert "  standard: 2 of 10 translated, 1 out of date, 7 missing" in printed


def test_rewrapping_the_english_does_not_make_a_translation_out_of_date(project):
    write(project, "cy/benchmark/strategic.yml", GOOD)
    edit(project, "benchmark/strategic.yml", "title: Leaders listen\n", "title: >-\n    Leaders\n    listen\n")
    guide = load_guide(project / "standards", project)
    assert guide.text(guide.standard("STR-LISTEN-01"), "title", "cy").state == "translated"


def test_an_item_added_to_an_english_list_makes_the_list_out_of_date_not_a_problem(project):
    write(project, "cy/benchmark/strategic.yml", GOOD)
    edit(project, "benchmark/strategic.yml", "    - Three.\n", "    - Three.\n    - Four.\n")
    code, printed = check(project)
    assert code == 0, printed
    assert "out of date: standard STR-LISTEN-01 field 'indicators'" in printed


# -- the status ---------------------------------------------------------------------------------


def test_the_status_counts_each_kind(project):
    write(project, "cy/benchmark/strategic.yml", GOOD.replace("status: draft", "status: reviewed"))
    write(project, "cy/themes.yml", f"- id: listen\n  status: draft\n  title:\n    cy: Gwrando ar rieni\n    from: {THEME_TITLE}\n")
    guide = load_guide(project / "standards", project)
    st = tr.status(guide, "cy")
    by_kind = {c.kind: (c.translated, c.out_of_date, c.missing, c.reviewed) for c in st.counts}
    # 2 standards x 5 fields (no change_note in the fixture); 2 themes x 2; 1 key learning x 2
    assert by_kind["standard"] == (3, 0, 7, 3)
    assert by_kind["theme"] == (1, 0, 3, 0)
    assert by_kind["key_learning"] == (0, 0, 2, 0)
    assert "ui" not in by_kind  # the fixture has no interface strings: no row of nothing

    code, printed = check(project)
    assert code == 0
    assert "  standard: 3 of 10 translated, 0 out of date, 7 missing" in printed
    assert "  theme: 1 of 4 translated, 0 out of date, 3 missing" in printed


def test_the_translations_command_lists_every_missing_field(project):
    write(project, "cy/benchmark/strategic.yml", GOOD)
    code, printed = run("translations", "--root", str(project))
    assert code == 0
    assert "standards/benchmark/strategic.yml:5: missing: standard STR-LISTEN-01 field 'statement'" in printed
    assert "STR-LISTEN-01 field 'title'" not in printed  # translated, so not listed
    missing = [line for line in printed.splitlines() if ": missing: " in line]
    assert len(missing) == sum(c.missing for c in tr.status(load_guide(project / "standards", project), "cy").counts)


# -- the fingerprint tool -----------------------------------------------------------------------


def test_update_fingerprints_fills_in_the_missing_ones_and_keeps_comments(project):
    path = write(
        project,
        "cy/benchmark/strategic.yml",
        "# Cyfieithiad drafft\n- id: STR-LISTEN-01\n  status: draft\n  title:   # y teitl\n    cy: Mae arweinwyr yn gwrando\n"
        "  indicators:\n    cy:\n      - Un.\n      - Dau.\n      - Tri.\n",
    )
    assert check(project)[0] == 1  # fingerprints missing
    code, printed = run("translations", "--root", str(project), "--update-fingerprints", "--summary")
    assert code == 0, printed
    assert "2 fingerprints written" in printed
    assert path.read_text(encoding="utf-8") == (
        "# Cyfieithiad drafft\n- id: STR-LISTEN-01\n  status: draft\n  title:   # y teitl\n"
        f"    from: {TITLE}\n    cy: Mae arweinwyr yn gwrando\n"
        f"  indicators:\n    from: {INDICATORS}\n    cy:\n      - Un.\n      - Dau.\n      - Tri.\n"
    )
    assert check(project)[0] == 0


def test_update_fingerprints_refreshes_an_out_of_date_translation_only_when_named(project):
    path = write(project, "cy/benchmark/strategic.yml", GOOD)
    edit(project, "benchmark/strategic.yml", "title: Leaders listen\n", "title: Leaders hear parents\n")
    run("translations", "--root", str(project), "--update-fingerprints")
    assert f"from: {TITLE}" in path.read_text(encoding="utf-8")  # not named: still out of date

    code, printed = run("translations", "--root", str(project), "--update-fingerprints", "STR-LISTEN-01.title")
    assert code == 0, printed
    assert "from: 6c509927" in path.read_text(encoding="utf-8")  # "Leaders hear parents"
    assert f"from: {INDICATORS}" in path.read_text(encoding="utf-8")  # the other fields untouched
    guide = load_guide(project / "standards", project)
    assert guide.text(guide.standard("STR-LISTEN-01"), "title", "cy").state == "translated"


def test_the_fingerprint_tool_needs_the_english_to_be_valid(project):
    edit(project, "benchmark/strategic.yml", "  level: strategic\n", "  level: strategik\n")
    code, printed = run("translations", "--root", str(project), "--update-fingerprints")
    assert code == 1
    assert "Fix the English data first" in printed


# -- the real data and the built site -----------------------------------------------------------


def welsh_fields(pattern: str) -> int:
    """Fields translated in the project's overlay files matching ``pattern``, counted from the YAML itself."""
    import yaml

    n = 0
    for path in sorted((ROOT / "standards" / "cy").glob(pattern)):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            n += sum(1 for key in record if key not in ("id", "status"))
    return n


def test_the_status_page_gives_the_counts_of_the_real_data(site_dir, guide):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site_dir / "translation-status" / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one(".pg-translation-status table")
    rows = {tr_.th.get_text(strip=True): [int(td.get_text(strip=True)) for td in tr_.find_all("td")] for tr_ in table.tbody.find_all("tr")}
    translated, reviewed, stale, missing, total = rows["Standard"]
    assert total == 5 * len(guide.standards) + sum(1 for s in guide.standards if s.change_note)
    assert translated + stale == welsh_fields("benchmark/*.yml")  # every field written in Welsh is counted, current or not
    assert translated + stale + missing == total
    assert rows["Key learning"][4] == 2 * len(guide.key_learning)
    assert table.caption.get_text(strip=True) == "Welsh translation, by kind of text"
    assert soup.select_one("#out-of-date") is not None


def test_every_standard_key_learning_and_interface_string_has_a_current_welsh_draft(guide):
    """Issue 21's content: the Welsh of every standard's five fields, the key learning and the interface."""
    fields = ("title", "statement", "indicators", "evidence_prompts", "plain_english")
    for record, names in [*((s, fields) for s in guide.standards), *((k, ("point", "explanation")) for k in guide.key_learning), *((u, ("text",)) for u in guide.ui)]:
        for name in names:
            shown = guide.text(record, name, "cy")
            assert (shown.lang, shown.state, shown.status) == ("cy", "translated", "draft"), (record.id, name)
            assert shown.value != getattr(record, name), (record.id, name)  # Welsh, not the English copied over
    assert len(guide.ui) >= 90


def test_the_welsh_interface_strings_keep_their_placeholders(guide):
    for u in guide.ui:
        welsh = guide.ui_text(u.id, "cy").value
        assert re.findall(r"\{\w+\}", welsh) == re.findall(r"\{\w+\}", u.text), u.id


# -- pages: the Welsh of docs/<page>.md is standards/cy/pages/<page>.md -------------------------

PAGE_EN = "# Minimal fixture\n\n{{ standard_count }} standards, data version {{ guide_meta.version }}.\n\n{{ quote(\"Q-ONE\") }}\n"
PAGE_FP = "ab81c5fd"  # SHA-256 of the words of PAGE_EN (the fixture's docs/index.md) joined by single spaces, by hand with hashlib


@pytest.fixture
def site_project(project) -> Path:
    """The fixture's data and its one page, docs/index.md."""
    shutil.copytree(FIXTURE.parent / "docs", project / "docs")
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == PAGE_EN
    return project


def page_translation(front: str) -> str:
    return f"---\ntitle: Gosodiad bach\n{front}---\n\n# Gosodiad bach\n\n{{{{ quote(\"Q-ONE\") }}}}\n"


def check_pages(root: Path) -> tuple[int, str]:
    return run("check", "--root", str(root))


def test_a_page_translation_is_counted_and_goes_out_of_date_with_its_english(site_project):
    write(site_project, "cy/pages/index.md", page_translation(f"translation:\n  status: draft\n  from: {PAGE_FP}\n"))
    code, printed = check_pages(site_project)
    assert code == 0, printed
    assert "  page: 1 of 1 translated, 0 out of date, 0 missing" in printed

    (site_project / "docs" / "index.md").write_text(PAGE_EN + "\nA new paragraph.\n", encoding="utf-8")
    code, printed = check_pages(site_project)
    assert code == 0, printed
    assert "  page: 0 of 1 translated, 1 out of date, 0 missing" in printed
    assert (
        "standards/cy/pages/index.md:3: out of date: page index.md: its English has changed since it was translated (docs/index.md:1); "
        "update the Welsh, then run python -m macros translations --update-fingerprints index.md"
    ) in printed


PAGE_BAD = [
    (
        "no front matter",
        "# Gosodiad bach\n",
        ["standards/cy/pages/index.md:1:1: PG005 Welsh of page index.md: the file must start with front matter between two '---' lines, holding 'translation:' with its status and fingerprint"],
    ),
    (
        "no translation field",
        page_translation(""),
        ["standards/cy/pages/index.md:2:1: PG007 Welsh of page index.md: missing field 'translation' in the front matter (with 'status' and 'from')"],
    ),
    (
        "a status that is not one",
        page_translation(f"translation:\n  status: done\n  from: {PAGE_FP}\n"),
        ["standards/cy/pages/index.md:4:3: PG011 Welsh of page index.md: field 'translation': field 'status' must be one of draft, reviewed, not 'done'"],
    ),
    (
        "no fingerprint",
        page_translation("translation:\n  status: draft\n"),
        [
            "standards/cy/pages/index.md:4:3: PG007 Welsh of page index.md: field 'translation': missing field 'from' (the fingerprint of the English "
            "page it was made from): run python -m macros translations --update-fingerprints"
        ],
    ),
]


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in PAGE_BAD], ids=[n for n, _, _ in PAGE_BAD])
def test_a_bad_page_translation_is_reported_with_file_line_and_field(site_project, text, expected):
    write(site_project, "cy/pages/index.md", text)
    code, printed = check_pages(site_project)
    assert code == 1, printed
    assert headlines(printed) == expected


def test_a_translation_of_a_page_that_does_not_exist_is_reported(site_project):
    write(site_project, "cy/pages/indx.md", page_translation(f"translation:\n  status: draft\n  from: {PAGE_FP}\n"))
    code, printed = check_pages(site_project)
    assert code == 1
    assert headlines(printed) == [
        "standards/cy/pages/indx.md:1:1: PG012 Welsh of page indx.md: there is no page docs/indx.md to translate (did you mean cy/pages/index.md?)"
    ]


def test_update_fingerprints_writes_a_pages_fingerprint_after_its_status(site_project):
    path = write(site_project, "cy/pages/index.md", page_translation("translation:\n  status: draft\n"))
    code, printed = run("translations", "--root", str(site_project), "--update-fingerprints", "--summary")
    assert code == 0, printed
    assert path.read_text(encoding="utf-8").startswith(f"---\ntitle: Gosodiad bach\ntranslation:\n  status: draft\n  from: {PAGE_FP}\n---\n")
    assert check_pages(site_project)[0] == 0


def test_a_welsh_file_that_is_not_utf8_is_read_as_the_loader_reads_every_data_file(project):
    # the overlay's files go through the loader's own reading: the byte and its place are named
    path = project / "standards" / "cy" / "benchmark" / "strategic.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(GOOD.encode("utf-8").replace("gwrando".encode(), b"gwr\xe2ndo", 1))
    code, output = check(project)
    assert code != 0
    (problem,) = headlines(output)
    assert re.match(r"standards/cy/benchmark/strategic\.yml:\d+:\d+: PG001 not UTF-8 text: byte 0xe2 at line \d+, column \d+; save the file as UTF-8", problem), problem
