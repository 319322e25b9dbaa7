"""The language checker: one matcher from the language guide, on the command line and in the build.

The labelled corpus in tests/language/corpus.txt measures it (precision and recall, overall and
per entry, with tests/language/evaluate.py; both at least 0.95); the context rules are tested
with sentences that must and must not match;
the command line is run as a user runs it, on .txt, .md and real .docx files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from conftest import ROOT
from support import copy_minimal
from macros.language import checker as lint
from macros.data.load import GuideError, load_guide

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
sys.path.insert(0, str(ROOT / "tests" / "language"))
import evaluate  # noqa: E402 - tests/language/evaluate.py, the corpus report


def labelled() -> list[tuple[set[str], str]]:
    return [(set(ids), sentence) for _, ids, sentence in evaluate.read_corpus()]


@pytest.fixture(scope="module")
def matcher(guide):
    return lint.Matcher.from_guide(guide)


def rule_ids(matcher, text):
    return {f.rule.id for f in matcher.find(text)}


# --- the labelled set ------------------------------------------------------------------


def test_labelled_sentences_precision_and_recall(matcher, guide):
    items = labelled()
    positives = [s for ids, s in items if ids]
    negatives = [s for ids, s in items if not ids]
    assert len(items) >= 400 and len(positives) >= 200 and len(negatives) >= 150
    known = {e.id for e in guide.language}
    tp = fp = fn = 0
    wrong = []
    for expected, sentence in items:
        assert expected <= known, f"unknown entry in the fixture: {expected - known}"
        got = rule_ids(matcher, sentence)
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
        if got != expected:
            wrong.append(f"expected {sorted(expected) or 'nothing'}, found {sorted(got) or 'nothing'}: {sentence!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(
        f"\nlanguage checker on {len(items)} labelled sentences: precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
    )
    for w in wrong:
        print("  " + w)
    assert precision >= 0.95, wrong
    assert recall >= 0.95, wrong


def test_every_entry_is_exercised_by_the_labelled_set(guide):
    expected = set().union(*(ids for ids, _ in labelled()))
    assert {e.id for e in guide.language} <= expected


def test_the_corpus_report_overall_and_per_entry(guide, matcher):
    """tests/language/evaluate.py, as make lint-eval runs it: the figures add up to the corpus."""
    corpus = evaluate.read_corpus()
    report = evaluate.evaluate(lambda t: rule_ids(matcher, t), corpus, {e.id for e in guide.language})
    assert not report.unknown
    assert report.overall.precision >= 0.95 and report.overall.recall >= 0.95, report.wrong
    assert report.negatives >= 150 and report.sentences == len(corpus)
    assert sum(s.tp for s in report.per_entry.values()) == report.overall.tp
    assert sum(s.fn for s in report.per_entry.values()) == report.overall.fn
    # every entry is found in the corpus at least once, and never mostly wrongly
    for rid, score in report.per_entry.items():
        assert score.tp >= 1, rid
        assert score.precision >= 0.5, (rid, report.wrong)
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "language" / "evaluate.py")], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"{report.sentences} sentences" in out.stdout and "L-PUTTING-AT-RISK" in out.stdout


def test_the_guide_has_sixty_entries_on_parents_and_on_children(guide):
    about = [e.about or "parents" for e in guide.language]
    assert len(guide.language) >= 60
    assert about.count("children") >= 20 and about.count("parents") >= 30
    new_sources = {"SRC-LANGUAGE-GUIDE-2024", "SRC-LANGUAGE-CE-2022", "SRC-CSW-LANGUAGE", "SRC-VSCP-TERMS", "SRC-NYSCP-LANGUAGE"}
    assert new_sources <= {e.source.id for e in guide.language}
    for e in guide.language:
        assert e.source.id and e.say_instead and e.how_it_lands


def test_every_say_instead_and_explanation_passes_the_checker(guide, matcher):
    """The site's own words of advice pass: what to say instead is never a phrase to avoid."""
    for e in guide.language:
        for text in (*e.say_instead, e.how_it_lands, e.why_it_harms):
            assert not matcher.find(text), (e.id, text, [f.text for f in matcher.find(text)])


@pytest.mark.parametrize(
    ("rid", "said_of_a_person", "said_of_something_else"),
    [
        ("L-HARD-TO-REACH", "Mum is hard to reach.", "The top shelf is hard to reach."),
        ("L-HARD-TO-REACH", "They are a hard to reach family.", "They live in a hard to reach area."),
        ("L-COLLUDING", "Nan colluded with the men.", "The grooming gang colluded to move the children."),
        ("L-HOSTILE", "At the meeting, dad was hostile.", "Dad said the meeting was hostile."),
        ("L-CHAOTIC", "After the meeting mum was chaotic.", "The meeting with mum was chaotic."),
        ("L-AGGRESSIVE", "Described as an aggressive parent.", "The exploiters are aggressive."),
        ("L-CONTROLLING", "Staff see dad as controlling.", "The men are controlling them."),
        ("L-NOT-PROTECTIVE", "Mum isn't protective.", "Police were not protective of her privacy."),
        ("L-FAILED-TO-PROTECT", "There was a failure to protect by the mother.", "We failed to protect him."),
    ],
)
def test_a_phrase_counts_only_when_said_of_a_person(matcher, rid, said_of_a_person, said_of_something_else):
    assert rid in rule_ids(matcher, said_of_a_person)
    assert rid not in rule_ids(matcher, said_of_something_else)


def test_word_lists_are_what_tell_a_person_from_a_thing(guide, matcher):
    """Negative control: without its said_of/not_said_of lists an entry finds things too."""
    bare = tuple(replace(e, said_of=(), not_said_of=()) for e in guide.language)
    unruled = lint.Matcher(lint.compile_rules(bare))
    for rid, sentence in [("L-HARD-TO-REACH", "The top shelf is hard to reach."), ("L-HOSTILE", "The males were hostile to officers.")]:
        assert rid not in rule_ids(matcher, sentence)
        assert rid in rule_ids(unruled, sentence)


@pytest.mark.parametrize(
    ("rid", "forms"),
    [
        ("L-NON-COMPLIANT", ["non-compliant", "non compliant", "noncompliant", "Non-\ncompliant", "non-compliance"]),
        ("L-DISENGAGED", ["disengaged", "disengaging", "disengages", "not engaging", "didn't engage", "has not engaged"]),
        ("L-NOT-PROTECTIVE", ["not protective", "isn't protective", "wasn\u2019t protective", "unable to protect", "lacks the capacity to safeguard"]),
        ("L-PUTTING-AT-RISK", ["putting herself at risk", "put himself at risk", "puts themselves in danger", "placing herself at significant risk"]),
        ("L-UNCOOPERATIVE", ["uncooperative", "un-cooperative", "non-cooperative", "refused to co-operate"]),
    ],
)
def test_inflections_hyphens_and_negations(matcher, rid, forms):
    for form in forms:
        text = "Ms Reid " + form + "."
        assert rid in rule_ids(matcher, text), text


def test_language_guide_covers_the_sources_lists(guide):
    """Every label on the slides' 'be mindful of language' list and the round-table's four."""
    labels = {e.label.casefold() for e in guide.language}
    for label in [
        "disinterested",
        "hard to reach",
        "failed to protect",
        "difficult to engage with",
        "under-protective",
        "over-protective",
        "does not understand the risks",
        "colluding",
        "problematic",
        "demanding",
        "controlling",
        "over-involved",
    ]:
        assert label in labels
    assert len(guide.language) >= 14
    slides = next((ROOT.parent / "shared" / "sources").glob("001_*.txt"), None) if (ROOT.parent / "shared").is_dir() else None
    for e in guide.language:
        assert e.say_instead and e.how_it_lands and e.why_it_harms and e.variants
        if e.example and slides is not None:
            assert e.example in slides.read_text(encoding="utf-8"), f"{e.id}: example is not verbatim from the source"


# --- the matcher's rules ---------------------------------------------------------------


def test_forms_compile_to_javascript_compatible_patterns(matcher):
    for rule in matcher.rules:
        for source in (rule.pattern, rule.not_before, rule.not_after):
            if source is None:
                continue
            re.compile(source, lint.FLAGS)
            # none of Python's own syntax: named groups, \A \Z, inline flags, possessives
            assert not re.search(r"\(\?P|\\[AZz]|\(\?[aiLmsux]|\*\+|\+\+", source), source


@pytest.mark.parametrize(
    ("form", "hits", "misses"),
    [
        (
            "hard to reach",
            ["Hard To Reach", "hard\nto   reach", "hard-to-reach", "hard -\nto reach"],
            ["hardto reach", "hard to reaches", "unhard to reach"],
        ),
        ("over-involved", ["over-involved", "overinvolved", "over involved", "OVER-\ninvolved"], ["over-involvedness"]),
        ("can't keep her in", ["can't keep her in", "cant keep her in", "can\u2019t keep her in"], ["can keep her in"]),
        (
            "does not [seem to] understand",
            ["does not understand", "does not seem to understand"],
            ["does not seem understand", "does notunderstand"],
        ),
        ("[you] need to be firmer", ["you need to be firmer", "need to be firmer"], ["need to befirmer"]),
        ("(is|was) (hard|difficult) to reach", ["is hard to reach", "was difficult to reach"], ["are hard to reach"]),
        ("a safety plan[,] but", ["a safety plan, but", "a safety plan but"], ["a safety plan; but"]),
    ],
)
def test_form_notation(form, hits, misses):
    rx = re.compile(lint.START + lint.compile_form(form) + lint.END, lint.FLAGS)
    for text in hits:
        assert rx.fullmatch(text) or rx.search(text), (form, text)
    for text in misses:
        assert not rx.search(text), (form, text)


@pytest.mark.parametrize("form", ["", "(a|b", "[you need", "need)", "(|a)", "--", "a|"])
def test_bad_forms_are_refused(form):
    with pytest.raises((lint.FormError, re.error)):
        lint.compile_form(form)


def test_a_bad_form_is_a_data_problem_with_file_and_line(tmp_path):
    project = tmp_path / "minimal"
    shutil.copytree(MINIMAL, project)
    path = project / "standards" / "language.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  variants: [hard-to-reach]\n", "  variants: [hard-to-reach]\n  match: ['(is|was hard to reach']\n"),
        encoding="utf-8",
    )
    with pytest.raises(GuideError) as err:
        load_guide(project / "standards", project)
    line = text.splitlines().index("  variants: [hard-to-reach]") + 2
    problem = next(p for p in err.value.problems if p.code == "PG018")
    assert str(problem).startswith(f"standards/language.yml:{line}: language entry L-HARD-TO-REACH: field 'match': '(is|was hard to reach'")
    assert f"standards/language.yml:{line}:" in err.value.report() and "PG018" in err.value.report()


def test_context_rules_are_what_keeps_the_other_meanings_out(guide, matcher):
    """Negative control: without its context rules an entry finds the sentences they exempt."""
    cases = {
        "L-COLLUDING": "The exploiters were colluding with each other.",
        "L-HARD-TO-REACH": "The helpline is hard to reach at weekends.",
        "L-FAILED-TO-PROTECT": "Services failed to protect Jacob.",
        "L-CONTROLLING": "Coercive and controlling behaviour by the gang was recorded.",
    }
    bare = tuple(replace(e, not_before=(), not_after=(), said_of=(), not_said_of=()) for e in guide.language)
    unruled = lint.Matcher(lint.compile_rules(bare))
    for rid, sentence in cases.items():
        assert rid not in rule_ids(matcher, sentence)
        assert rid in rule_ids(unruled, sentence)
    # the rules only look right next to the match: the blaming use is still found
    assert "L-COLLUDING" in rule_ids(matcher, "The exploiters say mum was colluding with them.")
    assert "L-HARD-TO-REACH" in rule_ids(matcher, "The helpline said mum is hard to reach.")


def test_findings_give_place_label_and_alternatives(matcher):
    text = "Case note.\n  Mum is Hard to\nreach, and dad is over-involved."
    found = matcher.find(text, "note.txt")
    assert [(f.line, f.col, f.text, f.rule.id) for f in found] == [
        (2, 10, "Hard to\nreach", "L-HARD-TO-REACH"),
        (3, 19, "over-involved", "L-OVER-INVOLVED"),
    ]
    first = str(found[0])
    assert first.startswith('note.txt:2:10: "Hard to reach" (Hard to reach) -> say instead: "We have not yet found')
    # columns count characters, not bytes or UTF-16 units
    assert matcher.find("\U0001f600 é hard to reach")[0].col == 5


def test_overlapping_forms_give_one_finding(matcher):
    found = matcher.find("You need to be firmer with your child.")
    assert [(f.text, f.rule.id) for f in found] == [("You need to be firmer", "L-BE-FIRMER")]


# --- exemptions ------------------------------------------------------------------------


def test_markdown_quoted_block_is_exempt_and_visible(matcher):
    text = "Mum is hard to reach.\n\n<!-- language-check: quoted -->\n> Mum is hard to reach.\n<!-- /language-check -->\n\nDad is hard to reach.\n"
    found = lint.lint_markdown(text, matcher, "page.md")
    assert [(f.line, f.rule.id) for f in found] == [(1, "L-HARD-TO-REACH"), (7, "L-HARD-TO-REACH")]
    # the same text as plain text (the paste-in page, a .txt file) exempts nothing
    assert len(matcher.find(text)) == 3


def test_markdown_markers_misused_are_reported(matcher):
    unclosed = lint.lint_markdown("ok\n<!-- language-check: quoted -->\nMum is hard to reach.\n", matcher, "p.md")
    assert [(f.line, f.rule) for f in unclosed] == [(2, None), (3, unclosed[1].rule)]
    assert "is not closed" in str(unclosed[0])
    stray = lint.lint_markdown("fine\n<!-- /language-check -->\n", matcher, "p.md")
    assert len(stray) == 1 and "without an opening" in str(stray[0])


def test_yaml_exemptions_by_kind_flag_and_comment():
    assert lint.exempt_field("language", "variants", False, "") and lint.exempt_field("language", "example", False, "")
    assert not lint.exempt_field("language", "how_it_lands", False, "") and not lint.exempt_field("language", "say_instead", False, "")
    assert lint.exempt_field("word_list", "words", False, "") and lint.exempt_field("standard", "id", False, "")
    assert lint.exempt_field("quote", "text", False, "")
    assert not lint.exempt_field("quote", "provenance", False, "")
    assert lint.exempt_field("finding", "text", True, "")
    assert not lint.exempt_field("finding", "text", False, "      text: >-")
    assert lint.exempt_field("finding", "text", False, "      text: >-  # language-check: quoted")
    assert not lint.exempt_field("standard", "statement", False, "    statement: x")


def test_standards_text_fields_are_checked_with_their_lines(tmp_path):
    project = tmp_path / "minimal"
    shutil.copytree(MINIMAL, project)
    guide = load_guide(project / "standards", project)
    matcher = lint.Matcher.from_guide(guide)
    assert lint.lint_standards(guide, project / "standards", project, matcher) == []
    path = project / "standards" / "benchmark" / "operational.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, t in enumerate(lines) if t.strip().startswith("statement:"))
    key = lines[n].split(":")[0]
    lines[n] = f"{key}: Parents who are hard to reach get a named worker."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    guide = load_guide(project / "standards", project)
    found = lint.lint_standards(guide, project / "standards", project, matcher)
    assert [(f.path, f.line, f.rule.id) for f in found] == [("standards/benchmark/operational.yml", n + 1, "L-HARD-TO-REACH")]
    assert "field 'statement'" in str(found[0])
    # only the records read from the folder given: the same data under another folder name is not its text
    assert lint.lint_standards(guide, project / "editions", project, matcher) == []
    lines[n] += "  # language-check: quoted"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    guide = load_guide(project / "standards", project)
    assert lint.lint_standards(guide, project / "standards", project, matcher) == []


def test_the_language_check_reads_no_file_of_the_data_again(tmp_path, monkeypatch):
    """One parse: the checker works on the text the loader kept (Guide.text_fields), so it
    finds a phrase even when the YAML file is gone by the time it runs."""
    project = tmp_path / "minimal"
    shutil.copytree(MINIMAL, project)
    path = project / "standards" / "benchmark" / "operational.yml"
    text = path.read_text(encoding="utf-8")
    n = next(i for i, t in enumerate(text.splitlines()) if t.strip().startswith("statement:"))
    lines = text.splitlines()
    lines[n] = lines[n].split(":")[0] + ": Parents who are hard to reach get a named worker."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    guide = load_guide(project / "standards", project)
    shutil.rmtree(project / "standards")
    found = lint.lint_standards(guide, project / "standards", project, lint.Matcher.from_guide(guide))
    assert [(f.line, f.rule.id) for f in found] == [(n + 1, "L-HARD-TO-REACH")]


def test_the_sites_own_content_passes_its_own_checker(guide):
    findings = lint.lint_project(guide, ROOT, ROOT / "docs", ROOT / "standards")
    assert [str(f) for f in findings] == []


# --- the command line ------------------------------------------------------------------


def run_lint(*files, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "lint", "--root", str(ROOT), *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def make_docx(path: Path, paragraphs: list[str], cell: str | None = None) -> Path:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if cell is not None:
        document.add_table(rows=1, cols=1).cell(0, 0).text = cell
    document.save(str(path))
    return path


def test_cli_clean_file_exits_0(tmp_path):
    clean = tmp_path / "minutes.txt"
    clean.write_text("Mum told us the meeting times did not work for her.\nWe agreed new times.\n", encoding="utf-8")
    result = run_lint(clean)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_cli_finding_exits_1_with_file_line_col(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Visit on Monday.\nThe parents are hard to\nreach and colluding.\n", encoding="utf-8")
    result = run_lint(note)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        f'{note}:2:17: "hard to reach" (Hard to reach) -> say instead: "We have not yet found a way of working'
    )
    assert lines[1].startswith(f'{note}:3:11: "colluding" (Colluding) -> say instead: "The family is under pressure')
    assert "2 phrases found" in result.stderr


def test_cli_markdown_honours_the_quoted_marker(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("<!-- language-check: quoted -->\nThey said: 'hard to reach'.\n<!-- /language-check -->\n", encoding="utf-8")
    assert run_lint(page).returncode == 0
    same = tmp_path / "page.txt"
    same.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_lint(same).returncode == 1  # a text file has no markers


def test_cli_reads_a_real_docx(tmp_path):
    report = make_docx(
        tmp_path / "report.docx", ["Strategy meeting", "Mum failed to protect her child."], cell="Dad is over-protective."
    )
    result = run_lint(report)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f'{report}:2:5: "failed to protect" (Failed to protect)')
    assert lines[1].startswith(f'{report}:3:8: "over-protective" (Over-protective)')
    clean = make_docx(tmp_path / "clean.docx", ["Mum is working hard to keep her safe."])
    assert run_lint(clean).returncode == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "cannot read: no such file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "it is not a text file"),
        ("latin1.txt", "caf\xe9 hard to reach".encode("latin-1"), "it is not UTF-8 text"),
        ("broken.docx", b"PK\x03\x04 this is not really a zip", "not a readable Word (.docx) document"),
        ("plain.docx", b"Mum is hard to reach.", "not a readable Word (.docx) document"),
    ],
)
def test_cli_unreadable_file_exits_2_with_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_lint(path)
    assert result.returncode == 2
    assert f"error: {path}: " in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_unreadable_beats_found_but_still_reports_the_rest(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Mum is hard to reach.\n", encoding="utf-8")
    result = run_lint(note, tmp_path / "gone.docx")
    assert result.returncode == 2
    assert f"{note}:1:8:" in result.stdout
    assert "gone.docx: cannot read: no such file" in result.stderr


def test_cli_folder_stands_for_its_text_files(tmp_path):
    (tmp_path / "a.md").write_text("All fine here.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Dad is over-involved.\n", encoding="utf-8")
    (tmp_path / "sub" / "c.png").write_bytes(b"\x89PNG\x00")  # not a text file: left out
    result = run_lint(tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path / 'sub' / 'b.txt'}:1:8:")


def test_check_fails_on_a_blaming_phrase_in_a_page(tmp_path):
    project = tmp_path / "minimal"
    shutil.copytree(MINIMAL, project)
    docs = project / "docs"
    docs.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "macros", "check", "--root", str(project)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    good = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    assert good.returncode == 0, good.stderr
    assert "language check clean" in good.stdout
    (docs / "extra.md").write_text("# Extra\n\nSome parents are hard to reach.\n", encoding="utf-8")
    bad = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    assert bad.returncode == 1
    assert 'docs/extra.md:3:18: "hard to reach" (Hard to reach)' in bad.stderr


# --- the patterns file the browser reads ------------------------------------------------


def test_language_json_is_the_compiled_rules(guide, matcher):
    files = lint.language_json(guide)
    data = json.loads(files["assets/data/language.json"])
    assert data["flags"] == "i"
    assert [r["id"] for r in data["rules"]] == [e.id for e in guide.language]
    for r, rule in zip(data["rules"], matcher.rules):
        assert (r["pattern"], r["not_before"], r["not_after"]) == (rule.pattern, rule.not_before, rule.not_after)
        assert r["say_instead"] and r["label"] and r["why_it_harms"]


def test_built_site_has_the_patterns_and_the_checker_page(site_dir, guide):
    data = json.loads((site_dir / "assets" / "data" / "language.json").read_text(encoding="utf-8"))
    assert data == lint.patterns_json(guide)
    html = (site_dir / "language-checker" / "index.html").read_text(encoding="utf-8")
    assert 'id="pg-lc-text"' in html and "language-checker.js" in html
    assert "Nothing you type leaves this device" in html


# --- the build -------------------------------------------------------------------------


def test_strict_build_fails_on_a_finding_and_passes_with_the_quoted_marker(tmp_path, build_site):
    project = copy_minimal(tmp_path / "minimal")
    page = project / "docs" / "index.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nSome parents are hard to reach.\n", encoding="utf-8")
    line = len((original + "\nSome parents are hard to reach.\n").splitlines())
    bad = build_site(project, tmp_path / "out-bad")
    assert bad.returncode != 0
    assert f'WARNING -  language check: docs/index.md:{line}:18: "hard to reach" (Hard to reach)' in bad.stderr
    page.write_text(
        original + "\n<!-- language-check: quoted -->\nSome parents are hard to reach.\n<!-- /language-check -->\n",
        encoding="utf-8",
    )
    good = build_site(project, tmp_path / "out-good")
    assert good.returncode == 0, good.stderr
    assert "language check" not in good.stderr


def test_strict_build_checks_an_editions_own_pages_too(tmp_path, build_site):
    project = copy_minimal(tmp_path / "minimal")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - practice-guide:\n", "  - practice-guide:\n      edition: local\n"), encoding="utf-8")
    (project / "local" / "docs").mkdir(parents=True)
    page = project / "local" / "docs" / "services.md"
    page.write_text("# Local services\n\nWe offer parents a named worker.\n", encoding="utf-8")
    good = build_site(project, tmp_path / "out-good")
    assert good.returncode == 0, good.stderr
    page.write_text("# Local services\n\nFor families who are hard-to-reach.\n", encoding="utf-8")
    bad = build_site(project, tmp_path / "out-bad")
    assert bad.returncode != 0
    assert 'language check: local/docs/services.md:3:22: "hard-to-reach" (Hard to reach)' in bad.stderr
