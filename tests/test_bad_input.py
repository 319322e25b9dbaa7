"""The bad-input corpus: what a careless contributor or an attacker can put in the data.

Each case is a small change to the minimal fixture (tests/fixtures/minimal). For each, `make check`
must exit 1 and print exactly the problems written here (file, line, column, code and message: the
headline of each; the source line and caret under it are not compared), and a strict `mkdocs build`
into a folder holding an earlier good build must fail and leave that folder byte for byte as it was.

The messages are written out by hand: they are what a contributor reads, so a change to one is a
change to what people are told and must be made here on purpose.

All the cases run in one process (tests/failing_builds.py): a Python each would spend most of the
time importing MkDocs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from support import copy_minimal

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Case:
    name: str
    changes: tuple  # of ("edit", file, old, new) | ("write", file, text or bytes) | ("remove", file) | ("rename", file, to)
    expected: tuple[str, ...]  # the headline of every problem, in the order printed


def edit(file: str, old: str, new: str) -> tuple:
    return ("edit", file, old, new)


def write(file: str, content: str | bytes) -> tuple:
    return ("write", file, content)


def remove(file: str) -> tuple:
    return ("remove", file)


def rename(file: str, to: str) -> tuple:
    return ("rename", file, to)


STR = "standards/benchmark/strategic.yml"
OPS = "standards/benchmark/operational.yml"
Q = "standards/quotes.yml"
SRC = "standards/sources.yml"

CASES: list[Case] = []


def case(name: str, *changes: tuple, expect: tuple[str, ...] | list[str]) -> None:
    CASES.append(Case(name, tuple(changes), tuple(expect)))


# -- YAML syntax ------------------------------------------------------------------------------
case(
    "a tab used to indent",
    edit(STR, "  level: strategic", "\tlevel: strategic"),
    expect=[
        "standards/benchmark/strategic.yml:2:1: PG002 YAML syntax error: while scanning for the next token found character '\\t' that cannot start any token"
    ],
)
case(
    "an unclosed quotation mark",
    edit(STR, "title: Leaders listen", 'title: "Leaders listen'),
    expect=[
        "standards/benchmark/strategic.yml:15:11: PG002 YAML syntax error: while parsing a block mapping expected <block end>, but found '<scalar>'"
    ],
)
case(
    "an unclosed bracket",
    edit(STR, "findings: [F-ONE-A]", "findings: [F-ONE-A"),
    expect=[
        "standards/benchmark/strategic.yml:14:13: PG002 YAML syntax error: the bracket opened here is not closed (noticed at line 15): while parsing a flow sequence expected ',' or ']', but got ':'",
    ],
)
case(
    "a colon and space inside plain text",
    edit(STR, "title: Leaders listen", "title: Leaders: listen"),
    expect=["standards/benchmark/strategic.yml:4:17: PG002 YAML syntax error: mapping values are not allowed here"],
)
case(
    "a field indented less than the record",
    edit(STR, "  theme: listen", " theme: listen"),
    expect=[
        "standards/benchmark/strategic.yml:3:2: PG002 YAML syntax error: while parsing a block collection expected <block end>, but found '<block mapping start>'",
    ],
)
case(
    "a list item indented more than its neighbours",
    edit(STR, "    - Two.", "      - Two."),
    expect=[
        "standards/benchmark/strategic.yml:8:7: PG002 this line starts with '- ' but is indented further than the text above it, so YAML reads it as more of that text: indent it like the other items if it is a new item, or put the text in quotation marks",
    ],
)
case(
    "two documents in one file",
    edit(STR, "- id: STR-LISTEN-01", "---\n- id: STR-LISTEN-02\n---\n- id: STR-LISTEN-01"),
    expect=[
        "standards/benchmark/strategic.yml:3:1: PG002 YAML syntax error: expected a single document in the stream but found another document"
    ],
)
case(
    "a field written twice",
    edit(STR, "  theme: listen\n", "  theme: listen\n  theme: trauma\n"),
    expect=["standards/benchmark/strategic.yml:4:3: PG003 duplicate field 'theme'"],
)
case(
    "a record written as one line of text",
    write("standards/glossary.yml", "- G-CSE: CSE\n"),
    expect=[
        "standards/glossary.yml:1:3: PG007 glossary entry (no id): missing field 'definition'",
        "standards/glossary.yml:1:3: PG007 glossary entry (no id): missing field 'id'",
        "standards/glossary.yml:1:3: PG007 glossary entry (no id): missing field 'terms'",
        "standards/glossary.yml:1:3: PG006 glossary entry (no id): unknown field 'G-CSE'",
    ],
)
case(
    "the file is one piece of text",
    write("standards/principles.yml", "Parents are partners.\n"),
    expect=[
        "standards/benchmark/strategic.yml:17:16: PG012 standard STR-LISTEN-01: field 'principles': unknown principle 'P-ONE'",
        "standards/principles.yml:1:1: PG005 the file must be a list of principle records (each starting '- id:'), not text",
    ],
)
case(
    "the file is a set of fields, not a list",
    write("standards/levels.yml", "strategic:\n  code: STR\n"),
    expect=[
        "standards/benchmark/operational.yml:2:3: PG012 standard OPS-TRAUMA-01: field 'level': unknown level 'operational'",
        "standards/benchmark/strategic.yml:2:3: PG012 standard STR-LISTEN-01: field 'level': unknown level 'strategic'",
        "standards/levels.yml:1:1: PG005 the file must be a list of level records (each starting '- id:'), not a set of fields",
    ],
)
case(
    "an empty file",
    write("standards/outcomes.yml", ""),
    expect=[
        "standards/benchmark/operational.yml:17:14: PG012 standard OPS-TRAUMA-01: field 'outcomes': unknown outcome 'O-ONE'",
        "standards/outcomes.yml:1:1: PG004 the file is empty: expected outcome records",
    ],
)
case(
    "a file of comments only",
    write("standards/outcomes.yml", "# to do\n"),
    expect=[
        "standards/benchmark/operational.yml:17:14: PG012 standard OPS-TRAUMA-01: field 'outcomes': unknown outcome 'O-ONE'",
        "standards/outcomes.yml:1:1: PG004 the file is empty: expected outcome records",
    ],
)
case(
    "a character YAML does not allow (an escape)",
    edit(STR, "title: Leaders listen", "title: Leaders \x1b[31mlisten"),
    expect=[
        "standards/benchmark/strategic.yml:4:18: PG002 the file holds a character that YAML does not allow (\\u001b, a control character): delete it"
    ],
)

# -- encodings --------------------------------------------------------------------------------
case(
    "a byte that is not UTF-8 (Windows-1252 é)",
    write("standards/glossary.yml", b"- id: G-CSE\n  terms: [CSE]\n  definition: Caf\xe9.\n"),
    expect=["standards/glossary.yml:3:18: PG001 not UTF-8 text: byte 0xe9 at line 3, column 18; save the file as UTF-8"],
)
case(
    "a file saved as UTF-16",
    write("standards/glossary.yml", "- id: G-CSE\n  terms: [CSE]\n  definition: Child.\n".encode("utf-16")),
    expect=["standards/glossary.yml:1:1: PG001 not UTF-8 text: byte 0xff at line 1, column 1; save the file as UTF-8"],
)
case(
    "a NUL byte",
    write("standards/glossary.yml", b"- id: G-CSE\n  terms: [CSE]\n  definition: Chi\x00ld.\n"),
    expect=[
        "standards/glossary.yml:3:18: PG002 the file holds a character that YAML does not allow (\\u0000, a control character): delete it"
    ],
)

# -- records, fields and types ----------------------------------------------------------------
case(
    "a missing field",
    edit(Q, "  attribution: Anon, Test Town, 2020\n", ""),
    expect=["standards/quotes.yml:1:3: PG007 quote Q-ONE: missing field 'attribution'"],
)
case(
    "a misspelt field",
    edit(Q, "  attribution:", "  atribution:"),
    expect=[
        "standards/quotes.yml:1:3: PG007 quote Q-ONE: missing field 'attribution'",
        "standards/quotes.yml:3:3: PG006 quote Q-ONE: unknown field 'atribution' (did you mean 'attribution'?)",
    ],
)
case(
    "a field name in capitals",
    edit(Q, "  attribution:", "  Attribution:"),
    expect=[
        "standards/quotes.yml:1:3: PG007 quote Q-ONE: missing field 'attribution'",
        "standards/quotes.yml:3:3: PG006 quote Q-ONE: unknown field 'Attribution' (did you mean 'attribution'?)",
    ],
)
case(
    "an empty field",
    edit(STR, "statement: The partnership hears parents about CSE.", "statement:"),
    expect=["standards/benchmark/strategic.yml:5:3: PG008 standard STR-LISTEN-01: field 'statement' is empty"],
)
case(
    "a field of spaces only",
    edit(STR, "statement: The partnership hears parents about CSE.", 'statement: "   "'),
    expect=["standards/benchmark/strategic.yml:5:3: PG008 standard STR-LISTEN-01: field 'statement' is empty"],
)
case(
    "a list where text is expected",
    edit(STR, "title: Leaders listen", "title: [Leaders, listen]"),
    expect=["standards/benchmark/strategic.yml:4:3: PG009 standard STR-LISTEN-01: field 'title' must be text, not a list"],
)
case(
    "a set of fields where text is expected",
    edit(STR, "title: Leaders listen", "title: {text: Leaders listen}"),
    expect=[
        "standards/benchmark/strategic.yml:4:3: PG009 standard STR-LISTEN-01: field 'title' must be text, not a set of fields"
    ],
)
case(
    "a number where text is expected",
    edit(STR, "title: Leaders listen", "title: 42"),
    expect=["standards/benchmark/strategic.yml:4:3: PG009 standard STR-LISTEN-01: field 'title' must be text, not a number"],
)
case(
    "text where a list is expected",
    edit(STR, "  findings: [F-ONE-A]", "  findings: F-ONE-A"),
    expect=[
        "standards/benchmark/strategic.yml:14:3: PG009 standard STR-LISTEN-01: field 'findings' must be a list (one item per line starting '- '), not a single piece of text",
    ],
)
case(
    "a set of fields where a list is expected",
    edit(STR, "  indicators:\n    - One.\n    - Two.\n    - Three.\n", "  indicators:\n    one: One.\n"),
    expect=[
        "standards/benchmark/strategic.yml:6:3: PG009 standard STR-LISTEN-01: field 'indicators' must be a list, not a set of fields"
    ],
)
case(
    "an empty list",
    edit(STR, "  findings: [F-ONE-A]", "  findings: []"),
    expect=["standards/benchmark/strategic.yml:14:3: PG008 standard STR-LISTEN-01: field 'findings' is an empty list"],
)
case(
    "an empty item in a list",
    edit(STR, "    - Two.\n", "    -\n"),
    expect=["standards/benchmark/strategic.yml:8:6: PG008 standard STR-LISTEN-01: field 'indicators' item 2 is empty"],
)
case(
    "a list inside a list",
    edit(STR, "    - Two.\n", "    - [Two, and a half]\n"),
    expect=[
        "standards/benchmark/strategic.yml:8:7: PG009 standard STR-LISTEN-01: field 'indicators' item 2 must be text, not a list"
    ],
)
case(
    "a year written as text",
    edit(Q, "year: 2020", "year: twenty twenty"),
    expect=["standards/quotes.yml:5:3: PG009 quote Q-ONE: field 'year' must be a whole number, not text"],
)
case(
    "a year with a decimal point",
    edit(Q, "year: 2020", "year: 2020.5"),
    expect=["standards/quotes.yml:5:3: PG009 quote Q-ONE: field 'year' must be a whole number, not a number"],
)
case(
    "yes where true or false is expected",
    edit(SRC, "quoted: true", "quoted: yes please"),
    expect=["standards/sources.yml:12:7: PG009 finding F-ONE-B: field 'quoted' must be true or false, not text"],
)
case(
    "an impossible date",
    edit("standards/meta.yml", "date: 2026-01-31", "date: 2026-02-30"),
    expect=["standards/meta.yml:3:1: PG009 meta: field 'date' must be a date written YYYY-MM-DD"],
)
case(
    "a date written the British way",
    edit("standards/meta.yml", "date: 2026-01-31", "date: 31/01/2026"),
    expect=["standards/meta.yml:3:1: PG009 meta: field 'date' must be a date written YYYY-MM-DD"],
)
case(
    "a version that is a number",
    edit("standards/meta.yml", 'version: "0.1.0"', "version: 0.1"),
    expect=["standards/meta.yml:2:1: PG009 meta: field 'version' must be text, not a number"],
)
case(
    "a version with Arabic-Indic digits",
    edit("standards/meta.yml", 'version: "0.1.0"', 'version: "٠.١.٠"'),
    expect=["standards/meta.yml:2:1: PG010 meta: field 'version' '٠.١.٠' is not in the expected form"],
)
case(
    "a kind not in the list",
    edit(SRC, "kind: review", "kind: reveiw"),
    expect=[
        "standards/sources.yml:5:3: PG011 source SRC-ONE: field 'kind' must be one of article, slides, statement, report, review, update, guidance, not 'reveiw' (did you mean 'review'?)",
    ],
)
case(
    "a finding that is not a set of fields",
    edit(SRC, "    - id: F-ONE-A\n      text: Parents were not heard.\n", "    - Parents were not heard.\n"),
    expect=[
        "standards/benchmark/operational.yml:14:23: PG012 standard OPS-TRAUMA-01: field 'findings': unknown finding 'F-ONE-A' (did you mean 'F-ONE-B'?)",
        "standards/benchmark/strategic.yml:14:14: PG012 standard STR-LISTEN-01: field 'findings': unknown finding 'F-ONE-A' (did you mean 'F-ONE-B'?)",
        "standards/sources.yml:8:7: PG005 source SRC-ONE: field 'findings': each finding must be a set of fields, not text",
    ],
)
case(
    "a rating the guide needs is missing",
    edit("standards/ratings.yml", "- id: amber\n  label: Amber\n  meaning: partly in place\n  score: 1\n\n", ""),
    expect=[
        "standards/ratings.yml:1:1: PG020 the ratings must be, in this order: red, amber, green, not_applicable, not_assessed (found red, green, not_applicable, not_assessed)",
    ],
)

# -- IDs, duplicates and codes ----------------------------------------------------------------
case(
    "a duplicate ID in one file",
    edit(
        "standards/principles.yml", "- id: P-ONE", "- id: P-ONE\n  title: Again\n  text: Again.\n  source: SRC-TWO\n- id: P-ONE"
    ),
    expect=[
        "standards/principles.yml:5:3: PG014 principle P-ONE: duplicate id 'P-ONE' (first defined at standards/principles.yml:1)"
    ],
)
case(
    "a duplicate finding ID in two sources",
    edit(SRC, "  cited_in: SRC-ONE\n", "  cited_in: SRC-ONE\n  findings:\n    - id: F-ONE-A\n      text: Again.\n"),
    expect=[
        "standards/sources.yml:19:7: PG014 finding F-ONE-A: duplicate id 'F-ONE-A' (first defined at standards/sources.yml:8)"
    ],
)
case(
    "two themes with one code",
    edit("standards/themes.yml", "code: TRAUMA", "code: LISTEN"),
    expect=[
        "standards/benchmark/operational.yml:1:3: PG016 standard OPS-TRAUMA-01: field 'id' must be 'OPS-LISTEN-' and two digits, to match its level and theme (e.g. OPS-LISTEN-01)",
        "standards/themes.yml:5:3: PG015 theme trauma: code 'LISTEN' is already used by theme listen",
    ],
)
case(
    "a standard ID that does not match its theme",
    edit(OPS, "id: OPS-TRAUMA-01", "id: OPS-LISTEN-01"),
    expect=[
        "standards/benchmark/operational.yml:1:3: PG016 standard OPS-LISTEN-01: field 'id' must be 'OPS-TRAUMA-' and two digits, to match its level and theme (e.g. OPS-TRAUMA-01)",
    ],
)
case(
    "a standard ID in lower case",
    edit(OPS, "id: OPS-TRAUMA-01", "id: ops-trauma-01"),
    expect=[
        "standards/benchmark/operational.yml:1:3: PG010 standard ops-trauma-01: field 'id' 'ops-trauma-01' is not a valid ID (e.g. STR-LISTEN-01)",
        "standards/benchmark/operational.yml:1:3: PG016 standard ops-trauma-01: field 'id' must be 'OPS-TRAUMA-' and two digits, to match its level and theme (e.g. OPS-TRAUMA-01)",
    ],
)
case(
    "a standard ID with three digits",
    edit(OPS, "id: OPS-TRAUMA-01", "id: OPS-TRAUMA-001"),
    expect=[
        "standards/benchmark/operational.yml:1:3: PG016 standard OPS-TRAUMA-001: field 'id' must be 'OPS-TRAUMA-' and two digits, to match its level and theme (e.g. OPS-TRAUMA-01)",
    ],
)
case(
    "an ID that holds markup",
    edit("standards/principles.yml", "id: P-ONE", 'id: "P-<b>ONE</b>"'),
    expect=[
        "standards/benchmark/strategic.yml:17:16: PG012 standard STR-LISTEN-01: field 'principles': unknown principle 'P-ONE'",
        "standards/principles.yml:1:3: PG010 principle P-<b>ONE</b>: field 'id' 'P-<b>ONE</b>' is not a valid ID (e.g. STR-LISTEN-01)",
    ],
)
case(
    "a standard added in a later version than the data",
    edit(STR, 'added: "0.1.0"', 'added: "2.0.0"'),
    expect=[
        "standards/benchmark/strategic.yml:15:3: PG017 standard STR-LISTEN-01: field 'added' 2.0.0 is later than the data's version 0.1.0 (standards/meta.yml)"
    ],
)

# -- references -------------------------------------------------------------------------------
case(
    "an unknown level",
    edit(STR, "level: strategic", "level: strategc"),
    expect=[
        "standards/benchmark/strategic.yml:2:3: PG012 standard STR-LISTEN-01: field 'level': unknown level 'strategc' (did you mean 'strategic'?)"
    ],
)
case(
    "an unknown finding",
    edit(STR, "findings: [F-ONE-A]", "findings: [F-ONE-Z]"),
    expect=[
        "standards/benchmark/strategic.yml:14:14: PG012 standard STR-LISTEN-01: field 'findings': unknown finding 'F-ONE-Z' (did you mean 'F-ONE-B'?)"
    ],
)
case(
    "a reference to the wrong kind of record",
    edit(OPS, "quotes: [Q-ONE]", "quotes: [F-ONE-A]"),
    expect=[
        "standards/benchmark/operational.yml:16:12: PG013 standard OPS-TRAUMA-01: field 'quotes': 'F-ONE-A' is a finding, not a quote"
    ],
)
case(
    "an unknown key learning point",
    edit(STR, "key_learning: [KL-LISTEN]", "key_learning: [KL-LISTN]"),
    expect=[
        "standards/benchmark/strategic.yml:16:18: PG012 standard STR-LISTEN-01: field 'key_learning': unknown key learning 'KL-LISTN' (did you mean 'KL-LISTEN'?)",
    ],
)
case(
    "an unknown source of a quote",
    edit(Q, "source: SRC-TWO", "source: SRC-THREE"),
    expect=["standards/quotes.yml:4:3: PG012 quote Q-ONE: field 'source': unknown source 'SRC-THREE' (did you mean 'SRC-TWO'?)"],
)
case(
    "an unknown theme of a quote",
    edit(Q, "themes: [listen, trauma]", "themes: [listen, truama]"),
    expect=["standards/quotes.yml:7:20: PG012 quote Q-ONE: field 'themes': unknown theme 'truama' (did you mean 'trauma'?)"],
)
case(
    "a source cited in itself",
    edit(SRC, "  cited_in: SRC-ONE\n", "  cited_in: SRC-TWO\n"),
    expect=["standards/sources.yml:17:3: PG013 source SRC-TWO: field 'cited_in': a source cannot be cited in itself"],
)
case(
    "a record deleted that others cite",
    edit("standards/outcomes.yml", "- id: O-ONE", "- id: O-TWO"),
    expect=[
        "standards/benchmark/operational.yml:17:14: PG012 standard OPS-TRAUMA-01: field 'outcomes': unknown outcome 'O-ONE' (did you mean 'O-TWO'?)"
    ],
)

# -- invisible and direction-changing characters -----------------------------------------------
case(
    "a zero-width space in an ID",
    edit("standards/principles.yml", "id: P-ONE", "id: P-\u200bONE"),
    expect=[
        "standards/benchmark/strategic.yml:17:16: PG012 standard STR-LISTEN-01: field 'principles': unknown principle 'P-ONE'",
        "standards/principles.yml:1:3: PG010 principle P-\\u200bONE: field 'id' 'P-\\u200bONE' is not a valid ID (e.g. STR-LISTEN-01)",
        "standards/principles.yml:1:3: PG023 principle P-\\u200bONE: field 'id' holds an invisible or direction-changing character, \\u200b (ZERO WIDTH SPACE), at character 3: delete it (it can hide a word from the language check or show the text in another order)",
    ],
)
case(
    "a zero-width space in a reference",
    edit(STR, "principles: [P-ONE]", "principles: [P-ON\u200bE]"),
    expect=[
        "standards/benchmark/strategic.yml:17:16: PG023 standard STR-LISTEN-01: field 'principles' item 1 holds an invisible or direction-changing character, \\u200b (ZERO WIDTH SPACE), at character 5: delete it (it can hide a word from the language check or show the text in another order)",
    ],
)
case(
    "a right-to-left override in a reference",
    edit(Q, "source: SRC-TWO", "source: SRC-\u202eTWO"),
    expect=[
        "standards/quotes.yml:4:3: PG023 quote Q-ONE: field 'source' holds an invisible or direction-changing character, \\u202e (RIGHT-TO-LEFT OVERRIDE), at character 5: delete it (it can hide a word from the language check or show the text in another order)",
    ],
)
case(
    "a right-to-left override in a title",
    edit(STR, "title: Leaders listen", "title: Leaders \u202enetsil"),
    expect=[
        "standards/benchmark/strategic.yml:4:3: PG023 standard STR-LISTEN-01: field 'title' holds an invisible or direction-changing character, \\u202e (RIGHT-TO-LEFT OVERRIDE), at character 9: delete it (it can hide a word from the language check or show the text in another order)",
    ],
)
case(
    "a zero-width space hiding a phrase from the language check",
    edit(STR, "title: Leaders listen", "title: Leaders listen to hard\u200b to reach parents"),
    expect=[
        "standards/benchmark/strategic.yml:4:3: PG023 standard STR-LISTEN-01: field 'title' holds an invisible or direction-changing character, \\u200b (ZERO WIDTH SPACE), at character 23: delete it (it can hide a word from the language check or show the text in another order)",
    ],
)

# -- aliases, tags and nesting ----------------------------------------------------------------
case(
    "an alias",
    edit(STR, "  findings: [F-ONE-A]\n", "  findings: &f [F-ONE-A]\n  keywords: *f\n"),
    expect=[
        "standards/benchmark/strategic.yml:14:13: PG002 a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out",
    ],
)
case(
    "an alias bomb (billion laughs)",
    write(
        "standards/glossary.yml",
        "- id: G-CSE\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  terms: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  definition: Boom.\n",
    ),
    expect=[
        "standards/glossary.yml:2:6: PG002 a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out",
        "standards/glossary.yml:2:3: PG006 glossary entry G-CSE: unknown field 'a'",
        "standards/glossary.yml:3:6: PG002 a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out",
        "standards/glossary.yml:3:3: PG006 glossary entry G-CSE: unknown field 'b'",
        "standards/glossary.yml:4:6: PG002 a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out",
        "standards/glossary.yml:4:3: PG006 glossary entry G-CSE: unknown field 'c'",
    ],
)
case(
    "a recursive alias",
    write("standards/glossary.yml", "- id: G-CSE\n  terms: &x [CSE, *x]\n  definition: Loop.\n"),
    expect=[
        "standards/glossary.yml:2:10: PG002 a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out",
    ],
)
case(
    "a Python object tag on a mapping",
    write("standards/glossary.yml", "- !!python/object/apply:os.system\n  args: [echo owned]\n"),
    expect=[
        "standards/glossary.yml:1:3: PG002 the YAML tag '!!python/object/apply:os.system' is not allowed in the data: remove it"
    ],
)
case(
    "a Python tag on a text value",
    edit(STR, "title: Leaders listen", "title: !!python/name:os.system"),
    expect=[
        "standards/benchmark/strategic.yml:4:10: PG002 the YAML tag '!!python/name:os.system' is not allowed in the data: remove it"
    ],
)
case(
    "a tag of the contributor's own",
    edit(STR, "title: Leaders listen", "title: !important Leaders listen"),
    expect=["standards/benchmark/strategic.yml:4:10: PG002 the YAML tag '!important' is not allowed in the data: remove it"],
)
case(
    "lists nested 3,000 deep",
    write("standards/glossary.yml", "- id: G-CSE\n  terms: " + "[" * 3000 + "]" * 3000 + "\n  definition: Deep.\n"),
    expect=[
        "standards/glossary.yml:2:29: PG002 YAML nested more than 20 levels deep: the data needs at most four",
        "standards/glossary.yml:2:11: PG009 glossary entry G-CSE: field 'terms' item 1 must be text, not a list",
    ],
)

# -- files ------------------------------------------------------------------------------------
case(
    "a data file renamed to .yaml",
    rename(OPS, "standards/benchmark/operational.yaml"),
    expect=[
        "standards/benchmark/operational.yaml:1:1: PG021 data files end in .yml, so this one is not read: rename it to benchmark/operational.yml"
    ],
)
case(
    "a file the guide does not read",
    write("standards/notes.yml", "- id: N-ONE\n"),
    expect=[
        "standards/notes.yml:1:1: PG021 not a file the guide reads (did you mean quotes.yml?); the data files are benchmark/*.yml, glossary.yml, key-learning.yml, language-words.yml, language.yml, levels.yml, meta.yml, outcomes.yml, principles.yml, quotes.yml, ratings.yml, retired.yml, sources.yml, support.yml, themes.yml, ui.yml",
    ],
)
case(
    "a misspelt file name",
    rename("standards/glossary.yml", "standards/glosary.yml"),
    expect=[
        "standards/glosary.yml:1:1: PG021 not a file the guide reads (did you mean glossary.yml?); the data files are benchmark/*.yml, glossary.yml, key-learning.yml, language-words.yml, language.yml, levels.yml, meta.yml, outcomes.yml, principles.yml, quotes.yml, ratings.yml, retired.yml, sources.yml, support.yml, themes.yml, ui.yml",
        "standards/glossary.yml:1:1: PG004 no file found: expected glossary entry records here",
    ],
)
case(
    "a needed file deleted",
    remove("standards/levels.yml"),
    expect=[
        "standards/benchmark/operational.yml:2:3: PG012 standard OPS-TRAUMA-01: field 'level': unknown level 'operational'",
        "standards/benchmark/strategic.yml:2:3: PG012 standard STR-LISTEN-01: field 'level': unknown level 'strategic'",
        "standards/levels.yml:1:1: PG004 no file found: expected level records here",
    ],
)
case(
    "a file bigger than 10 MB",
    write("standards/glossary.yml", "- id: G-CSE\n  terms: [CSE]\n  definition: Big.\n" + "# padding\n" * 1_100_000),
    expect=[
        "standards/glossary.yml:1:1: PG019 the file is 11.0 MB: a data file holds at most 10 MB; split the records or shorten them"
    ],
)
case(
    "a statement longer than 4,000 characters",
    edit(STR, "statement: The partnership hears parents about CSE.", "statement: " + "Parents are heard. " * 220),
    expect=[
        "standards/benchmark/strategic.yml:5:3: PG019 standard STR-LISTEN-01: field 'statement' is 4179 characters long: at most 4000"
    ],
)
case(
    "a title longer than its limit",
    edit(STR, "title: Leaders listen", "title: " + "Leaders listen " * 20),
    expect=[
        "standards/benchmark/strategic.yml:4:3: PG019 standard STR-LISTEN-01: field 'title' is 299 characters long: at most 160"
    ],
)

# -- the language check ------------------------------------------------------------------------
case(
    "a phrase that blames parents, in a title",
    edit(STR, "title: Leaders listen", "title: Leaders listen to hard to reach parents"),
    expect=[
        'standards/benchmark/strategic.yml:4:28: standard STR-LISTEN-01 field \'title\': "hard to reach" (Hard to reach) -> say instead: "We have not found a way that suits them."',
    ],
)
case(
    "a phrase that blames parents, inside a folded statement",
    edit(
        STR,
        "statement: The partnership hears parents about CSE.",
        "statement: >-\n    The partnership hears parents\n    who are called hard to reach, about CSE.",
    ),
    expect=[
        'standards/benchmark/strategic.yml:7:20: standard STR-LISTEN-01 field \'statement\': "hard to reach" (Hard to reach) -> say instead: "We have not found a way that suits them."',
    ],
)


def apply(project: Path, change: tuple) -> None:
    kind, file, *rest = change
    path = project / file
    if kind == "edit":
        old, new = rest
        text = path.read_text(encoding="utf-8")
        assert old in text, f"the fixture {file} no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif kind == "write":
        (content,) = rest
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    elif kind == "remove":
        path.unlink()
    elif kind == "rename":
        path.rename(project / rest[0])
    else:  # pragma: no cover
        raise AssertionError(kind)


def headlines(printed: str) -> list[str]:
    """The first line of each problem `make check` printed (not the source line and caret under it)."""
    lines = (line.strip() for line in printed.splitlines())
    return [line for line in lines if line.startswith(("standards/", "docs/"))]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    base = tmp_path_factory.mktemp("bad-input")
    good = copy_minimal(base / "good")
    built = run_build(good, good / "site")
    assert built.returncode == 0, built.stderr
    dirs = []
    for n, c in enumerate(CASES):
        project = base / f"case-{n:02d}"
        shutil.copytree(good, project, symlinks=True)
        for change in c.changes:
            apply(project, change)
        dirs.append(project)
    out = base / "results.json"
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}  # the plain messages, not annotations
    env.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)])})
    run = subprocess.run(
        [sys.executable, str(HERE / "failing_builds.py"), str(out), *map(str, dirs)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return {c.name: r for c, r in zip(CASES, json.loads(out.read_text(encoding="utf-8")))}


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_with_exact_messages_and_the_site_kept(c, results):
    r = results[c.name]
    assert r["check_exit"] == 1, r["check_output"]
    assert headlines(r["check_output"]) == list(c.expected), r["check_output"]
    assert r["build_failed"], "the strict build did not fail:\n" + r["build_log"][-3000:]
    assert r["site_files"] > 20 and r["site_intact"], (
        "the failed build changed the site that was there:\n" + r["build_log"][-3000:]
    )


def test_the_corpus_covers_every_kind_of_bad_input():
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)
