"""Translations as data: a Welsh (Cymraeg) overlay on the English records, and what the guide
knows about each translation.

The Welsh of a data file sits at the same path under ``standards/cy/``: the Welsh of
``standards/benchmark/strategic.yml`` is ``standards/cy/benchmark/strategic.yml``. Each record
there names an English record by its ID and gives the Welsh of some of its fields::

    - id: STR-LISTEN-01
      status: draft                 # draft, or reviewed by a Welsh-speaking practitioner
      title:
        cy: Mae arweinwyr yn gwrando ar rieni
        from: 3f9a2c1d              # the fingerprint of the English it was made from

``from`` is :func:`fingerprint` of the English field when the translation was made. When the
English changes, its fingerprint no longer matches and the translation is reported out of date
(never silently shown as if it were current). ``python -m macros translations`` lists what is
missing and out of date; ``--update-fingerprints`` fills in the fingerprints a translator left
out, and, for the record IDs given, refreshes those whose Welsh has been brought up to date.

Which fields may be translated is declared once, in :data:`FIELDS`. A parent's words are never
translated in place: a quote's ``text`` may carry a translation, but :meth:`Translations.text`
always gives the parent's own words, with the translation beside them, labelled as one.

This module reads the overlay with the loader's checker (any object with the ``problem``,
``fits``, ``lines`` and ``display`` of :class:`macros.data.load._Checker`), so every problem has
its code, file, line, column and field. It imports neither the model nor MkDocs.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping

from .fields import Origin
from .problems import describe, suggest
from .yamlloc import REFUSED, LocList, LocMap, parse

ENGLISH = "en"
LANGUAGES: Mapping[str, str] = MappingProxyType({"cy": "Welsh"})  # code: the language's name in English
OWN_NAMES: Mapping[str, str] = MappingProxyType({"en": "English", "cy": "Cymraeg"})  # each language's name in itself
STATUSES = ("draft", "reviewed")

# Each record kind whose text may be translated, and its fields that may be, in the order they are
# shown. Anything else (IDs, references, attributions, provenance, phone numbers) is never translated.
FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "standard": ("title", "statement", "indicators", "evidence_prompts", "plain_english", "change_note"),
        "key_learning": ("point", "explanation"),
        "theme": ("title", "summary"),
        "level": ("title", "who", "summary"),
        "rating": ("label", "meaning"),
        "principle": ("title", "text"),
        "outcome": ("title", "text"),
        "quote": ("text", "content_note"),
        "support": ("offers", "who", "phone_note"),
        "ui": ("text",),
    }
)
# Fields whose words are a parent's own: a translation is shown beside them, never instead of them.
VERBATIM = frozenset({("quote", "text")})

FINGERPRINT = re.compile(r"^[0-9a-f]{8}$")
UPDATE_HINT = "python -m macros translations --update-fingerprints"

# The state of one field in one language
TRANSLATED = "translated"  # a translation made from the English as it is now
OUT_OF_DATE = "out_of_date"  # a translation made from English that has changed since
MISSING = "missing"  # no translation
STATES = (TRANSLATED, OUT_OF_DATE, MISSING)


def fingerprint(value: str | tuple[str, ...] | list[str]) -> str:
    """A short fingerprint of an English field: the first 8 hex digits of the SHA-256 of its text
    (a list's items one to a line), in Unicode NFC with runs of spaces and line breaks as one space,
    so re-wrapping a line in YAML does not make a translation out of date but any change of words does."""
    items = [value] if isinstance(value, str) else list(value)
    text = "\n".join(" ".join(unicodedata.normalize("NFC", item).split()) for item in items)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class FieldTranslation:
    """The translation of one field of one record, as written in the overlay."""

    lang: str
    kind: str
    record_id: str
    field: str
    value: str | tuple[str, ...]
    source: str  # the fingerprint of the English it was made from
    status: str  # draft or reviewed
    origin: Origin  # the line of the field's key in the overlay file
    from_line: int  # the line of its 'from:' (what --update-fingerprints rewrites)


@dataclass(frozen=True)
class Text:
    """What :meth:`Translations.text` gives: the words to show, in which language, and why.

    ``lang`` is the language of ``value``: the one asked for when it is translated and current,
    otherwise English (``fallback`` is true and ``state`` says whether the translation is missing
    or out of date). For a parent's words (``verbatim``) ``value`` is always the original, in
    English, and ``translation`` holds the labelled translation beside it, when there is one."""

    value: str | tuple[str, ...] | None
    lang: str
    state: str  # TRANSLATED, OUT_OF_DATE or MISSING; TRANSLATED for English asked for in English
    fallback: bool  # English shown where another language was asked for
    status: str | None = None  # draft or reviewed, when a translation is shown (or held beside)
    verbatim: bool = False
    translation: str | tuple[str, ...] | None = None  # verbatim fields only: the translation beside the original

    def __str__(self) -> str:
        return self.value if isinstance(self.value, str) else "\n".join(self.value or ())


@dataclass(frozen=True)
class Count:
    """How many fields of one kind are translated, out of date and missing, in one language."""

    kind: str
    label: str
    translated: int
    out_of_date: int
    missing: int
    reviewed: int  # of the translated, how many are reviewed (the rest are drafts)

    @property
    def total(self) -> int:
        return self.translated + self.out_of_date + self.missing


@dataclass(frozen=True)
class Entry:
    """One field of one record that can be translated, and its state in one language (a row of the status report)."""

    kind: str
    record_id: str
    field: str
    state: str
    english_origin: Origin | None
    translation: FieldTranslation | None


def _kind_of(record) -> str:
    return type(record).__record__.name


def _english(record, name: str):
    value = getattr(record, name, None)
    return value if value else None


@dataclass(frozen=True)
class Translations:
    """Every translation in the overlay, keyed by (language, record ID, field)."""

    entries: Mapping[tuple[str, str, str], FieldTranslation] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, lang: str, record_id: str, name: str) -> FieldTranslation | None:
        return self.entries.get((lang, record_id, name))

    def state(self, record, name: str, lang: str) -> str:
        """TRANSLATED, OUT_OF_DATE or MISSING for one field of a record in ``lang``."""
        t = self.get(lang, record.id, name)
        if t is None:
            return MISSING
        english = _english(record, name)
        return TRANSLATED if english is not None and t.source == fingerprint(english) else OUT_OF_DATE

    def text(self, record, name: str, lang: str = ENGLISH, *, out_of_date: bool = False) -> Text:
        """The words of ``record.name`` to show in ``lang``: the translation when there is a current
        one, otherwise the English, marked as a fallback. ``out_of_date=True`` shows a translation
        whose English has changed too (still marked: ``state`` is OUT_OF_DATE)."""
        kind = _kind_of(record)
        if name not in FIELDS.get(kind, ()):
            raise KeyError(f"{kind} field {name!r} is not one that is translated (those are: {', '.join(FIELDS.get(kind, ())) or 'none'})")
        english = getattr(record, name)
        verbatim = (kind, name) in VERBATIM
        if lang == ENGLISH:
            return Text(english, ENGLISH, TRANSLATED, False, verbatim=verbatim)
        if lang not in LANGUAGES:
            raise KeyError(f"no language {lang!r} (known: {', '.join([ENGLISH, *LANGUAGES])})")
        t = self.get(lang, record.id, name)
        state = self.state(record, name, lang)
        shown = t is not None and (state == TRANSLATED or out_of_date)
        if verbatim:
            return Text(english, ENGLISH, state, False, t.status if shown else None, True, t.value if shown else None)
        if shown:
            return Text(t.value, lang, state, False, t.status)
        return Text(english, ENGLISH, state, True)

    def entries_for(self, records, lang: str, lines: Mapping[tuple[str, str], Origin] | None = None) -> list[Entry]:
        """Every translatable field that has English, of every record given, with its state in ``lang``.
        ``lines``: where each (record ID, field) is written in English; the record's line otherwise."""
        out = []
        for record in records:
            kind = _kind_of(record)
            for name in FIELDS.get(kind, ()):
                if _english(record, name) is None:
                    continue
                where = (lines or {}).get((record.id, name)) or getattr(record, "origin", None)
                out.append(Entry(kind, record.id, name, self.state(record, name, lang), where, self.get(lang, record.id, name)))
        return out


def count(entries: list[Entry], kinds: Mapping[str, str]) -> list[Count]:
    """Per kind (in the order of ``kinds``, {kind: label}): translated, out of date, missing."""
    out = []
    for kind, label in kinds.items():
        mine = [e for e in entries if e.kind == kind]
        if not mine:
            continue
        n = {s: sum(1 for e in mine if e.state == s) for s in STATES}
        reviewed = sum(1 for e in mine if e.state == TRANSLATED and e.translation.status == "reviewed")
        out.append(Count(kind, label, n[TRANSLATED], n[OUT_OF_DATE], n[MISSING], reviewed))
    return out


# ---------------------------------------------------------------------------------------------
# reading the overlay


@dataclass(frozen=True)
class OverlayFile:
    """A file pattern under ``standards/<lang>/``, and the kind of record it translates."""

    pattern: str  # e.g. "benchmark/*.yml"
    kind: str
    label: str


def overlay_files(file_specs) -> tuple[OverlayFile, ...]:
    """The overlay's files: the same patterns as the English data files (``schema.FILES``), for each kind that is translated."""
    return tuple(OverlayFile(fs.pattern, fs.spec.kind, fs.spec.label) for fs in file_specs if fs.spec.kind in FIELDS)


@dataclass
class _Position:
    """Where a field's fingerprint is, or would go, in an overlay file (for --update-fingerprints)."""

    path: Path
    field_line: int  # the line of the field's mapping's first key
    field_col: int  # its column (1-based): where a new 'from:' line is indented to
    from_line: int | None  # the line of 'from:' when written


@dataclass
class Overlay:
    """What reading the overlay found: the translations, and where each fingerprint is or would go."""

    translations: Translations
    positions: dict[tuple[str, str, str], _Position]
    without_fingerprint: list[tuple[str, str, str]]  # keys of translations whose 'from' is missing


EnglishLookup = Callable[[str], "tuple[str, Callable[[str], object]] | None"]




def read(checker, standards_dir: Path, file_specs, english: EnglishLookup, kind_labels: Mapping[str, str]) -> Overlay:
    """Read and check every overlay file under ``standards_dir/<lang>/``, reporting each problem to ``checker``.

    ``english(record_id)`` gives ``(kind, get)`` for an English record, where ``get(field)`` is its
    value (None when empty), or None when there is no record with that ID. A translation with a
    problem is left out; one without a fingerprint is kept aside for ``--update-fingerprints``."""
    entries: dict[tuple[str, str, str], FieldTranslation] = {}
    positions: dict[tuple[str, str, str], _Position] = {}
    without: list[tuple[str, str, str]] = []
    files = overlay_files(file_specs)
    for lang in LANGUAGES:
        folder = standards_dir / lang
        if not folder.is_dir():
            continue
        known: set[Path] = set()
        seen: dict[str, tuple[str, int]] = {}
        for of in files:
            for path in sorted(folder.glob(of.pattern)):
                known.add(path)
                _read_file(checker, path, of, lang, english, kind_labels, entries, positions, without, seen)
        patterns = sorted(of.pattern for of in files)
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p not in known):
            rel = path.relative_to(folder).as_posix()
            if rel.endswith((".md", "~")) or path.name.startswith("."):
                continue
            close = difflib.get_close_matches(rel, patterns, n=1, cutoff=0.6)
            hint = f" (did you mean {lang}/{close[0]}?)" if close else ""
            checker.problem(
                checker.display(path), 1, "PG021",
                f"not a file the guide reads{hint}; the translations are in files named as the English ones: {', '.join(f'{lang}/{p}' for p in patterns)}",
            )  # fmt: skip
    return Overlay(Translations(MappingProxyType(entries)), positions, without)


def _read_file(checker, path: Path, of: OverlayFile, lang: str, english: EnglishLookup, kind_labels, entries, positions, without, seen) -> None:
    read = checker.read_yaml(path)  # the loader's own reading (load._Checker), its problems reported
    if read is None:
        return
    shown, data, _ = read
    if data is REFUSED or data is None or (isinstance(data, LocList) and not data):
        return  # a syntax error is reported; an empty file translates nothing yet
    if not isinstance(data, LocList):
        checker.problem(shown, getattr(data, "line", 1), "PG005", f"the file must be a list of translations of {of.label} records (each starting '- id:'), not {describe(data)}")
        return
    for item, line, col in zip(data, data.item_lines, data.item_cols):
        if item is REFUSED:
            continue
        if not isinstance(item, LocMap):
            checker.problem(shown, line, "PG005", f"each translation must be a set of fields starting 'id:', not {describe(item)}", col)
            continue
        _read_record(checker, path, shown, item, of, lang, english, kind_labels, entries, positions, without, seen)


def _read_record(checker, path, shown, item: LocMap, of: OverlayFile, lang, english: EnglishLookup, kind_labels, entries, positions, without, seen) -> None:
    rid = item.get("id")
    if not isinstance(rid, str) or not rid.strip():
        if "id" not in item:
            checker.problem(shown, item.line, "PG007", f"translation of a {of.label}: missing field 'id' (the ID of the English record)", item.col)
        elif rid is not REFUSED:
            checker.problem(shown, item.line_of("id"), "PG008" if not rid else "PG009", f"translation of a {of.label}: field 'id' must be the ID of the English record", item.col_of("id"))
        return
    rid = rid.strip()
    who = f"{LANGUAGES[lang]} of {of.label} {rid}"
    found = english(rid)
    if found is None:
        checker.problem(shown, item.line_of("id"), "PG012", f"{who}: field 'id': there is no {of.label} '{rid}' in the English data", item.col_of("id"))
        return
    kind, get = found
    if kind != of.kind:
        checker.problem(
            shown, item.line_of("id"), "PG013",
            f"{who}: field 'id': '{rid}' is a {kind_labels.get(kind, kind)}, not a {of.label}: its translation goes in the file named as its English one",
            item.col_of("id"),
        )  # fmt: skip
        return
    if rid in seen:
        first = seen[rid]
        checker.problem(shown, item.line_of("id"), "PG014", f"{who}: translated twice in {lang}/ (first at {first[0]}:{first[1]})", item.col_of("id"))
        return
    seen[rid] = (shown, item.line_of("id"))

    status = item.get("status")
    ok = True
    if "status" not in item:
        checker.problem(shown, item.line, "PG007", f"{who}: missing field 'status' (draft, or reviewed once a Welsh-speaking practitioner has checked it)", item.col)
        ok = False
    elif status is REFUSED:
        ok = False
    elif not isinstance(status, str) or status.strip() not in STATUSES:
        shown_value = status if isinstance(status, str) else describe(status)
        checker.problem(
            shown, item.line_of("status"), "PG011",
            f"{who}: field 'status' must be one of {', '.join(STATUSES)}, not '{shown_value}'{suggest(str(status), STATUSES)}",
            item.col_of("status"),
        )  # fmt: skip
        ok = False
    status = status.strip() if ok else None

    allowed = FIELDS[of.kind]
    for key in item:
        if key in ("id", "status"):
            continue
        if key not in allowed:
            checker.problem(
                shown, item.line_of(key), "PG006",
                f"{who}: unknown field '{key}'{suggest(key, allowed)}: the fields of a {of.label} that are translated are {', '.join(allowed)}",
                item.col_of(key),
            )  # fmt: skip
            continue
        value = item[key]
        where = f"{who}: field '{key}'"
        if value is REFUSED:
            continue
        source_value = get(key)
        if source_value is None:
            checker.problem(shown, item.line_of(key), "PG006", f"{where}: the English {of.label} has no '{key}' to translate", item.col_of(key))
            continue
        if not isinstance(value, LocMap):
            checker.problem(
                shown, item.line_of(key), "PG009",
                f"{where} must be a set of two fields, '{lang}' (the {LANGUAGES[lang]}) and 'from' (the fingerprint of the English), not {describe(value)}",
                item.col_of(key),
            )  # fmt: skip
            continue
        fp = _read_fingerprint(checker, shown, value, where)
        # a list must match the English item for item, when it says it was made from the English as it is
        current = fp is _MISSING or fp == fingerprint(source_value)
        translated = _read_value(checker, shown, value, lang, where, source_value, current)
        for extra in value:
            if extra not in (lang, "from"):
                checker.problem(shown, value.line_of(extra), "PG006", f"{where}: unknown field '{extra}'{suggest(extra, (lang, 'from'))}: only '{lang}' and 'from'", value.col_of(extra))
        entry_key = (lang, rid, key)
        positions[entry_key] = _Position(path, value.line, value.col, value.line_of("from") if "from" in value else None)
        if translated is None or not ok:
            continue
        if fp is _MISSING:
            without.append(entry_key)
            continue
        if fp is None:
            continue
        entries[entry_key] = FieldTranslation(lang, of.kind, rid, key, translated, fp, status, Origin(shown, item.line_of(key)), value.line_of("from"))


_MISSING = object()


def _read_value(checker, shown, value: LocMap, lang: str, where: str, english, current: bool):
    if lang not in value:
        checker.problem(shown, value.line, "PG007", f"{where}: missing field '{lang}' (the {LANGUAGES[lang]})", value.col)
        return None
    raw, line, col = value[lang], value.line_of(lang), value.col_of(lang)
    if raw is REFUSED:
        return None
    if isinstance(english, str):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            checker.problem(shown, line, "PG008", f"{where}: '{lang}' is empty", col)
            return None
        if not isinstance(raw, str):
            checker.problem(shown, line, "PG009", f"{where}: '{lang}' must be text, not {describe(raw)}", col)
            return None
        text = raw.strip()
        return text if checker.fits(_Limit(), text, shown, line, col, f"{where}: '{lang}'") else None
    # a list in English: a list of the same length, item for item
    if not isinstance(raw, LocList):
        checker.problem(shown, line, "PG009", f"{where}: '{lang}' must be a list (one item per line starting '- '), as the English is, not {describe(raw)}", col)
        return None
    if current and len(raw) != len(english):
        checker.problem(shown, line, "PG010", f"{where}: '{lang}' has {len(raw)} item{'s' if len(raw) != 1 else ''}, the English has {len(english)}: translate each item once, in the same order", col)
        return None
    items = []
    for n, (item, item_line, item_col) in enumerate(zip(raw, raw.item_lines, raw.item_cols), start=1):
        if item is REFUSED:
            return None
        if item is None or (isinstance(item, str) and not item.strip()):
            checker.problem(shown, item_line, "PG008", f"{where}: '{lang}' item {n} is empty", item_col)
            return None
        if not isinstance(item, str):
            checker.problem(shown, item_line, "PG009", f"{where}: '{lang}' item {n} must be text, not {describe(item)}", item_col)
            return None
        if not checker.fits(_Limit(), item.strip(), shown, item_line, item_col, f"{where}: '{lang}' item {n}"):
            return None
        items.append(item.strip())
    return tuple(items)


def _read_fingerprint(checker, shown, value: LocMap, where: str):
    if "from" not in value:
        checker.problem(
            shown, value.line, "PG007",
            f"{where}: missing field 'from' (the fingerprint of the English it was made from): run {UPDATE_HINT}",
            value.col,
        )  # fmt: skip
        return _MISSING
    raw = value["from"]
    if raw is REFUSED:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        checker.problem(
            shown, value.line_of("from"), "PG009",
            f"{where}: field 'from' {raw} is read as a number: write it in quotation marks, \"{raw}\" (as {UPDATE_HINT} does)",
            value.col_of("from"),
        )  # fmt: skip
        return None
    if not isinstance(raw, str) or not FINGERPRINT.match(raw.strip()):
        shown_value = raw if isinstance(raw, str) else describe(raw)
        checker.problem(
            shown, value.line_of("from"), "PG010",
            f"{where}: field 'from' '{shown_value}' is not a fingerprint (8 letters and digits from 0-9 and a-f, as {UPDATE_HINT} writes it)",
            value.col_of("from"),
        )  # fmt: skip
        return None
    return raw.strip()


@dataclass(frozen=True)
class _Limit:
    """The length rule the checker's ``fits`` reads: a translation may run longer than its English."""

    max_length: int | None = 6000


# ---------------------------------------------------------------------------------------------
# writing fingerprints (for a translator)


def _written(fp: str) -> str:
    """A fingerprint as written in YAML: in quotation marks when it is all digits, which YAML would read as a number."""
    return f'"{fp}"' if fp.isdigit() else fp


def update_fingerprints(overlay: Overlay, english: EnglishLookup, refresh: Callable[[str, str, str], bool]) -> list[tuple[Path, int, str]]:
    """Write the fingerprint of the current English into the overlay files: for every translation
    without one, and for each out-of-date translation for which ``refresh(lang, record_id, field)``
    is true (its Welsh has been brought up to date). Only those lines change; comments and layout
    stay. Returns (file, line, what was done) for each change."""
    edits: dict[Path, list[tuple[int, str, int | None, str]]] = {}  # path: (line, action, col, fingerprint)
    done = []
    for key in overlay.without_fingerprint:
        lang, rid, name = key
        pos = overlay.positions[key]
        fp = fingerprint(english(rid)[1](name))
        edits.setdefault(pos.path, []).append((pos.field_line, "insert", pos.field_col, fp))
        done.append((pos.path, pos.field_line, f"{rid} {name}: fingerprint {fp} added"))
    for key, t in overlay.translations.entries.items():
        lang, rid, name = key
        found = english(rid)
        fp = fingerprint(found[1](name))
        if fp != t.source and refresh(lang, rid, name):
            pos = overlay.positions[key]
            edits.setdefault(pos.path, []).append((pos.from_line, "replace", None, fp))
            done.append((pos.path, pos.from_line, f"{rid} {name}: fingerprint {t.source} -> {fp} (marked up to date)"))
    for path, changes in edits.items():
        changes = [(line, action, col, _written(fp)) for line, action, col, fp in changes]
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        # from the bottom up, so that an inserted line does not move the ones still to edit
        for line, action, col, fp in sorted(changes, key=lambda c: c[0], reverse=True):
            old = lines[line - 1]
            if action == "replace":
                lines[line - 1] = re.sub(r"(from:\s*)(['\"]?)[^\s#'\"]*\2", lambda m, fp=fp: f"{m.group(1)}{fp}", old, count=1)
            else:
                first = old[col - 1 :].lstrip()
                if old[: col - 1].strip() not in ("", "-") or first.startswith("{"):
                    raise ValueError(f"{path}:{line}: write this field's translation as a block ('cy:' on a line of its own) to add its fingerprint")
                lines.insert(line - 1, " " * (col - 1) + f"from: {fp}\n")
        path.write_text("".join(lines), encoding="utf-8")
    return done


# ---------------------------------------------------------------------------------------------
# the status report (make check, python -m macros translations, the translation status page)


@dataclass(frozen=True)
class Status:
    """How much of the guide is translated into one language: counts per record kind, and every field's state."""

    lang: str
    name: str  # the language's name in English, e.g. Welsh
    counts: tuple[Count, ...]
    entries: tuple[Entry, ...]

    @property
    def total(self) -> Count:
        return Count(
            "all", "all", *(sum(getattr(c, a) for c in self.counts) for a in ("translated", "out_of_date", "missing", "reviewed"))
        )  # fmt: skip

    def of(self, state: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.state == state)


def status(guide, lang: str, pages: "PageOverlay | None" = None) -> Status:
    """The state of every translatable field of every record of ``guide`` in ``lang``, and the counts per
    kind; with ``pages`` (:func:`read_pages`), each page of docs/ too."""
    records = [r for r in guide.by_id.values() if _kind_of(r) in FIELDS]
    order = {kind: n for n, kind in enumerate(FIELDS)}
    records.sort(key=lambda r: order[_kind_of(r)])  # stable: each kind in the order it is read
    labels = {}
    for r in records:
        labels.setdefault(_kind_of(r), type(r).__record__.label)
    lines: dict[tuple[str, str], Origin] = {}
    for tf in guide.text_fields:  # the first line of each field as written (a list's first item)
        lines.setdefault((tf.record_id, tf.field), Origin(tf.path, tf.line))
    entries = guide.translations.entries_for(records, lang, lines)
    if pages is not None:
        entries += pages.entries(lang)
        labels[PAGE_KIND] = "page"
    return Status(lang, LANGUAGES[lang], tuple(count(entries, labels)), tuple(entries))


def report(st: Status, *, details: bool = False) -> list[str]:
    """The status as lines of text: a line per kind; with ``details``, each field out of date or missing."""
    t = st.total
    lines = [
        f"{st.name} ({OWN_NAMES[st.lang]}, {st.lang}): {t.translated} of {t.total} pieces of text translated ({t.reviewed} reviewed, "
        f"{t.translated - t.reviewed} draft), {t.out_of_date} out of date, {t.missing} missing"
    ]
    for c in st.counts:
        lines.append(f"  {c.label}: {c.translated} of {c.total} translated, {c.out_of_date} out of date, {c.missing} missing")
    for e in st.of(OUT_OF_DATE):
        t_ = e.translation
        lines.append(
            f"{t_.origin.path}:{t_.origin.line}: out of date: {_what(e)}: its English has changed since it was "
            f"translated ({e.english_origin.path}:{e.english_origin.line}); update the {st.name}, then run {UPDATE_HINT} {e.record_id}"
        )
    if details:
        for e in st.of(MISSING):
            where = f"{e.english_origin.path}:{e.english_origin.line}: " if e.english_origin else ""
            lines.append(f"{where}missing: {_what(e)}")
    return lines


def _what(e: Entry) -> str:
    return f"page {e.record_id}" if e.kind == PAGE_KIND else f"{e.kind} {e.record_id} field '{e.field}'"


# ---------------------------------------------------------------------------------------------
# pages: the Welsh of a page in docs/ is a Markdown file at the same path under standards/cy/pages/

PAGES = "pages"  # standards/<lang>/pages/briefings/meetings.md is the <lang> of docs/briefings/meetings.md
PAGE_KIND = "page"


@dataclass(frozen=True)
class PageTranslation:
    """The translation of one page of ``docs/``: its Markdown as written, and its front matter's ``translation``."""

    lang: str
    page: str  # the English page, relative to docs/, e.g. briefings/meetings.md
    text: str  # the whole translated file
    source: str  # the fingerprint of the English page it was made from
    status: str
    origin: Origin  # the file, and the line of 'translation:'
    from_line: int


@dataclass(frozen=True)
class _Page:
    """An English page, as a record the status report can count (kind ``page``)."""

    id: str
    text: str
    origin: Origin


@dataclass
class PageOverlay:
    """The English pages, their translations, and where each fingerprint is or would go."""

    english: dict[str, _Page]
    translations: dict[tuple[str, str], PageTranslation]
    positions: dict[tuple[str, str], _Position]
    without_fingerprint: list[tuple[str, str]]

    def entries(self, lang: str) -> list[Entry]:
        out = []
        for name, page in self.english.items():
            t = self.translations.get((lang, name))
            state = MISSING if t is None else TRANSLATED if t.source == fingerprint(page.text) else OUT_OF_DATE
            out.append(Entry(PAGE_KIND, name, "text", state, page.origin, t))
        return out


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def read_pages(checker, standards_dir: Path, docs_dir: Path) -> PageOverlay:
    """Every page of ``docs_dir`` and every page translation under ``standards_dir/<lang>/pages/``, checked, each
    problem reported to ``checker`` with its file, line and field."""
    english = {}
    for path in sorted(docs_dir.rglob("*.md")):
        name = path.relative_to(docs_dir).as_posix()
        english[name] = _Page(name, path.read_text(encoding="utf-8"), Origin(checker.display(path), 1))
    translations: dict[tuple[str, str], PageTranslation] = {}
    positions: dict[tuple[str, str], _Position] = {}
    without: list[tuple[str, str]] = []
    for lang in LANGUAGES:
        folder = standards_dir / lang / PAGES
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            _read_page(checker, path, folder, docs_dir, lang, english, translations, positions, without)
    return PageOverlay(english, translations, positions, without)


def _read_page(checker, path: Path, folder: Path, docs_dir: Path, lang: str, english, translations, positions, without) -> None:
    shown = checker.display(path)
    name = path.relative_to(folder).as_posix()
    if path.suffix != ".md" or path.name.startswith("."):
        if not path.name.startswith(".") and not name.endswith("~"):
            checker.problem(shown, 1, "PG021", f"not a file the guide reads: the translation of a page is Markdown (.md), named as the page in {checker.display(docs_dir)}/")
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        checker.problem(shown, 1, "PG001", f"cannot read the file as UTF-8 text: {err}")
        return
    checker.lines[shown] = text.splitlines()
    who = f"{LANGUAGES[lang]} of page {name}"
    if name not in english:
        close = difflib.get_close_matches(name, list(english), n=1, cutoff=0.6)
        hint = f" (did you mean {lang}/{PAGES}/{close[0]}?)" if close else ""
        checker.problem(shown, 1, "PG012", f"{who}: there is no page {checker.display(docs_dir / name)} to translate{hint}")
        return
    front = _FRONT.match(text)
    if front is None:
        checker.problem(shown, 1, "PG005", f"{who}: the file must start with front matter between two '---' lines, holding 'translation:' with its status and fingerprint")
        return
    data, yproblems = parse(front.group(1))
    for yp in yproblems:  # the front matter starts on the file's second line
        checker.problem(shown, yp.line + 1, "PG003" if yp.message.startswith("duplicate field") else "PG002", yp.message, yp.col)
    if yproblems or not isinstance(data, LocMap):
        if not yproblems:
            checker.problem(shown, 2, "PG005", f"{who}: the front matter must be a set of fields, not {describe(data)}")
        return
    if "translation" not in data:
        checker.problem(shown, 2, "PG007", f"{who}: missing field 'translation' in the front matter (with 'status' and 'from')")
        return
    t = data["translation"]
    line = data.line_of("translation") + 1
    if not isinstance(t, LocMap):
        checker.problem(shown, line, "PG009", f"{who}: field 'translation' must be a set of fields, 'status' and 'from', not {describe(t)}", data.col_of("translation"))
        return
    where = f"{who}: field 'translation'"
    ok = True
    for key in t:
        if key not in ("status", "from"):
            checker.problem(shown, t.line_of(key) + 1, "PG006", f"{where}: unknown field '{key}'{suggest(key, ('status', 'from'))}: only 'status' and 'from'", t.col_of(key))
    status = t.get("status")
    if "status" not in t:
        checker.problem(shown, t.line + 1, "PG007", f"{where}: missing field 'status' (draft, or reviewed once a Welsh-speaking practitioner has checked it)", t.col)
        ok = False
    elif not isinstance(status, str) or status.strip() not in STATUSES:
        checker.problem(shown, t.line_of("status") + 1, "PG011", f"{where}: field 'status' must be one of {', '.join(STATUSES)}, not '{status}'{suggest(str(status), STATUSES)}", t.col_of("status"))
        ok = False
    # a page's fingerprint sits on the line after 'status:' when it is added
    pos = _Position(path, (t.line_of("status") + 2) if "status" in t else line + 1, t.col, (t.line_of("from") + 1) if "from" in t else None)
    positions[(lang, name)] = pos
    if "from" not in t:
        checker.problem(shown, t.line + 1, "PG007", f"{where}: missing field 'from' (the fingerprint of the English page it was made from): run {UPDATE_HINT}", t.col)
        if ok:
            without.append((lang, name))
        return
    raw = t["from"]
    if isinstance(raw, int) and not isinstance(raw, bool):
        checker.problem(shown, t.line_of("from") + 1, "PG009", f"{where}: field 'from' {raw} is read as a number: write it in quotation marks, \"{raw}\" (as {UPDATE_HINT} does)", t.col_of("from"))
        return
    if not isinstance(raw, str) or not FINGERPRINT.match(raw.strip()):
        checker.problem(shown, t.line_of("from") + 1, "PG010", f"{where}: field 'from' '{raw}' is not a fingerprint (8 letters and digits from 0-9 and a-f, as {UPDATE_HINT} writes it)", t.col_of("from"))
        return
    if ok:
        translations[(lang, name)] = PageTranslation(lang, name, text, raw.strip(), status.strip(), Origin(shown, line), t.line_of("from") + 1)


def update_page_fingerprints(pages: PageOverlay, refresh: Callable[[str, str], bool]) -> list[tuple[Path, int, str]]:
    """As :func:`update_fingerprints`, for the page translations: fill in each missing 'from', and refresh
    each out-of-date one for which ``refresh(lang, page)`` is true."""
    done = []
    edits: dict[Path, list[tuple[int, str, int | None, str]]] = {}
    for key in pages.without_fingerprint:
        pos = pages.positions[key]
        fp = fingerprint(pages.english[key[1]].text)
        edits.setdefault(pos.path, []).append((pos.field_line, "insert", pos.field_col, _written(fp)))
        done.append((pos.path, pos.field_line, f"{key[1]}: fingerprint {fp} added"))
    for key, t in pages.translations.items():
        fp = fingerprint(pages.english[key[1]].text)
        if fp != t.source and refresh(*key):
            pos = pages.positions[key]
            edits.setdefault(pos.path, []).append((pos.from_line, "replace", None, _written(fp)))
            done.append((pos.path, pos.from_line, f"{key[1]}: fingerprint {t.source} -> {fp} (marked up to date)"))
    for path, changes in edits.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for line, action, col, fp in sorted(changes, key=lambda c: c[0], reverse=True):
            if action == "replace":
                lines[line - 1] = re.sub(r"(from:\s*)(['\"]?)[^\s#'\"]*\2", lambda m, fp=fp: f"{m.group(1)}{fp}", lines[line - 1], count=1)
            else:
                lines.insert(line - 1, " " * (col - 1) + f"from: {fp}\n")
        path.write_text("".join(lines), encoding="utf-8")
    return done
