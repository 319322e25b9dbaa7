"""How a record kind is declared: once, as a frozen dataclass whose fields carry their rules.

A field of a record in ``standards/`` is written with one of the helpers below, for example::

    @record("quote", file="quotes.yml", collection="quotes", help="A parent's words…")
    class Quote:
        id: str = ident()
        text: str = text("The parent's words, verbatim.")
        source: Source = ref("source")
        content_note: str | None = text("A short note before distressing words.", required=False)
        standards: tuple[Standard, ...] = back("standard", "quotes")

Each helper returns a :func:`dataclasses.field` whose metadata holds a :class:`Rule`: its
kind, help text, whether it is required, the kind of record it refers to, a pattern and a
length limit. From that one declaration, :mod:`macros.data.schema` derives the loader's checks
and the editor JSON Schema, and :mod:`macros.data.load` builds the model by field name. Fields
that are not written in YAML (back-references, the record's place in its file, values the
loader works out) are declared with :func:`back`, :func:`parent`, :func:`derived` and
:func:`origin`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

# Field kinds: what a value in YAML must be
TEXT = "text"  # a non-empty string
TEXT_LIST = "text_list"  # a non-empty list of non-empty strings
INT = "int"  # a whole number
BOOL = "bool"
DATE = "date"  # YYYY-MM-DD
REF = "ref"  # the id of a record of another kind
REF_LIST = "ref_list"  # a list of such ids
CHOICE = "choice"  # one of a fixed set of strings
RECORDS = "records"  # a nested list of records (a source's findings)
FORMS = "forms"  # text or a list of text in the language checker's form syntax

# Fields not written in YAML
BACK = "back"  # the records of another kind that refer to this one
PARENT = "parent"  # the record a nested record sits in
DERIVED = "derived"  # worked out by the loader
ORIGIN = "origin"  # where the record is written

INPUT_KINDS = (TEXT, TEXT_LIST, INT, BOOL, DATE, REF, REF_LIST, CHOICE, RECORDS, FORMS)

UPPER_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
LOWER_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SNAKE_ID = re.compile(r"^[a-z][a-z]*(_[a-z]+)*$")
CODE = re.compile(r"^[A-Z]{2,8}$")
VERSION = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+$")  # ASCII digits: the browser code reads versions with the same rule

META_KEY = "practice_guide"


@dataclass(frozen=True)
class Rule:
    """What one field must hold, and where it points."""

    kind: str
    help: str = ""
    required: bool = True
    ref: str | None = None  # the record kind named by REF, REF_LIST, RECORDS, BACK
    via: str | None = None  # BACK: the field of ``ref`` that points here
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    max_length: int | None = None  # characters, for TEXT and each item of TEXT_LIST
    plain: bool = False  # FORMS: a single form, written as text rather than a list
    example: str = ""  # an ID: one that fits the pattern, for messages


@dataclass(frozen=True)
class Origin:
    """Where a record is written: its file (relative to the project) and the line of its first field."""

    path: str
    line: int


def _field(rule: Rule, default: Any = dataclasses.MISSING, *, compare: bool = True, repr: bool = True) -> Any:
    if default is dataclasses.MISSING and not rule.required:
        default = _EMPTY[rule.kind]  # an optional field left out
    return dataclasses.field(default=default, compare=compare, repr=repr, metadata={META_KEY: rule})


_EMPTY = {TEXT: None, TEXT_LIST: (), INT: None, BOOL: False, DATE: None, REF: None, REF_LIST: (), CHOICE: None, RECORDS: (), FORMS: ()}


def ident(pattern: re.Pattern[str] = UPPER_ID, example: str = "STR-LISTEN-01") -> Any:
    return _field(Rule(TEXT, "Stable ID: never change it once published.", pattern=pattern, example=example))


# characters in one text field or list item unless its declaration says otherwise: six times the
# longest real value (a quote of about 630), far below what a spreadsheet cell holds (32,767)
LONG_TEXT = 4000


def text(help: str = "", *, required: bool = True, pattern: re.Pattern[str] | None = None, max_length: int | None = LONG_TEXT) -> Any:
    return _field(Rule(TEXT, help, required, pattern=pattern, max_length=max_length))


def text_list(help: str = "", *, required: bool = True, max_length: int | None = LONG_TEXT) -> Any:
    return _field(Rule(TEXT_LIST, help, required, max_length=max_length))


def forms(help: str = "", *, required: bool = True, plain: bool = False) -> Any:
    """Text the language checker compiles into a pattern (its syntax: macros/language/forms.py)."""
    return _field(Rule(FORMS, help, required, plain=plain))


def integer(help: str = "", *, required: bool = True) -> Any:
    return _field(Rule(INT, help, required))


def boolean(help: str = "", *, required: bool = True) -> Any:
    return _field(Rule(BOOL, help, required))


def date(help: str = "", *, required: bool = True) -> Any:
    return _field(Rule(DATE, help, required))


def choice(choices: tuple[str, ...], help: str = "", *, required: bool = True) -> Any:
    return _field(Rule(CHOICE, help, required, choices=tuple(choices)))


def ref(kind: str, help: str = "", *, required: bool = True, compare: bool = True) -> Any:
    """The ID of a record of ``kind``; the model holds the record itself."""
    return _field(Rule(REF, help, required, ref=kind), compare=compare, repr=compare)


def ref_list(kind: str, help: str = "", *, required: bool = True) -> Any:
    return _field(Rule(REF_LIST, help, required, ref=kind))


def records(kind: str, help: str = "", *, required: bool = True) -> Any:
    """A list of records of ``kind`` written inside this one (a source's findings)."""
    return _field(Rule(RECORDS, help, required, ref=kind))


def back(kind: str, via: str) -> Any:
    """Every record of ``kind`` whose field ``via`` refers to this one, set once by the loader."""
    return _field(Rule(BACK, ref=kind, via=via, required=False), (), compare=False, repr=False)


def parent(kind: str) -> Any:
    """The record of ``kind`` that this nested record is written in."""
    return _field(Rule(PARENT, ref=kind, required=False), None, compare=False, repr=False)


def derived(help: str, default: Any = ()) -> Any:
    """A value the loader works out from the data (not written in YAML)."""
    return _field(Rule(DERIVED, help, required=False), default)


def origin() -> Any:
    return _field(Rule(ORIGIN, required=False), None, compare=False, repr=False)


@dataclass(frozen=True)
class Kind:
    """What a record class is: its name in references and messages, and the file that holds it."""

    name: str  # e.g. "standard"
    label: str  # how a message names one, e.g. "language entry"
    file: str | None  # glob relative to standards/; None for records nested in another kind
    collection: str | None  # the Guide attribute that holds them all
    id_pattern: re.Pattern[str] | None
    help: str
    single: bool  # the file is one mapping, not a list
    optional: bool  # the file may be missing or an empty list


def record(
    name: str,
    *,
    label: str | None = None,
    file: str | None = None,
    collection: str | None = None,
    help: str = "",
    single: bool = False,
    optional: bool = False,
):
    """Class decorator: a frozen, keyword-only dataclass declared as a record kind."""

    def wrap(cls):
        cls = dataclass(frozen=True, kw_only=True)(cls)
        id_rule = rule_of(cls, "id")
        cls.__record__ = Kind(name, label or name, file, collection, id_rule.pattern if id_rule else None, help, single, optional)
        return cls

    return wrap


def rule_of(cls, name: str) -> Rule | None:
    for f in dataclasses.fields(cls):
        if f.name == name:
            return f.metadata.get(META_KEY)
    return None


def rules(cls) -> list[tuple[str, Rule]]:
    """(name, rule) of every declared field of a record class, in declaration order."""
    return [(f.name, f.metadata[META_KEY]) for f in dataclasses.fields(cls) if META_KEY in f.metadata]
