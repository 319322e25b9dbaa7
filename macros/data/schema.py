"""The shape of every file in ``standards/``, derived from the record declarations in :mod:`macros.data.model`.

Nothing is declared here: a :class:`RecordSpec` lists the fields of one record class that are
written in YAML, with the rules their declarations carry, and :data:`FILES` says which file
holds which kind. The loader checks against these specs and the editor JSON Schema is made
from them (:mod:`macros.data.editor_schema`), so the rules live on the declarations only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from . import model
from .fields import (  # noqa: F401 - re-exported: the field kinds the loader and the schema generator switch on
    BOOL,
    CHOICE,
    DATE,
    FORMS,
    INPUT_KINDS,
    INT,
    RECORDS,
    REF,
    REF_LIST,
    TEXT,
    TEXT_LIST,
    UPPER_ID,
    rules,
)


@dataclass(frozen=True)
class Field:
    """One field written in YAML, with its rules."""

    name: str
    kind: str
    required: bool = True
    ref: str | None = None
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    records: "RecordSpec | None" = None  # for RECORDS: the nested kind's spec
    help: str = ""
    max_length: int | None = None
    plain: bool = False  # FORMS: one form, written as text


@dataclass(frozen=True)
class RecordSpec:
    kind: str  # key used in references and messages, e.g. "standard"
    label: str  # how a message names it, e.g. "standard"
    fields: tuple[Field, ...]
    cls: type  # the model class the loader builds
    id_pattern: re.Pattern[str] | None = UPPER_ID
    help: str = ""

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


@dataclass(frozen=True)
class FileSpec:
    """Which files hold which kind of record."""

    pattern: str  # glob relative to standards/
    spec: RecordSpec
    single: bool = False  # True: the file is one mapping, not a list of records
    optional: bool = False  # True: the file may be missing or an empty list


def _spec(cls: type, specs: dict[str, RecordSpec]) -> RecordSpec:
    kind = cls.__record__
    fields = []
    for name, rule in rules(cls):
        if rule.kind not in INPUT_KINDS:
            continue
        nested = specs[rule.ref] if rule.kind == RECORDS else None
        fields.append(Field(name, rule.kind, rule.required, rule.ref, rule.choices, rule.pattern, nested, rule.help, rule.max_length, rule.plain))
    return RecordSpec(kind.name, kind.label, tuple(fields), cls, kind.id_pattern, kind.help)


def _derive() -> tuple[dict[str, RecordSpec], tuple[FileSpec, ...]]:
    specs: dict[str, RecordSpec] = {}
    # nested kinds first, so that a RECORDS field can hold its kind's spec
    for cls in sorted(model.KINDS, key=lambda c: c.__record__.file is not None):
        specs[cls.__record__.name] = _spec(cls, specs)
    files = tuple(
        FileSpec(c.__record__.file, specs[c.__record__.name], c.__record__.single, c.__record__.optional) for c in model.KINDS if c.__record__.file
    )
    return {c.__record__.name: specs[c.__record__.name] for c in model.KINDS}, files


SPECS, FILES = _derive()
