"""Load ``standards/`` into the model, collecting every problem first.

:func:`load_guide` reads every file, checks every record against
:mod:`macros.schema`, resolves every reference, and only then builds the frozen
model. Any problem at all raises :class:`GuideError` listing all of them, each
as ``path:line: <record> <id>: <what is wrong>``. No MkDocs import here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from . import model as m
from .schema import (
    BOOL,
    CHOICE,
    DATE,
    FILES,
    INT,
    RECORDS,
    REF,
    REF_LIST,
    TEXT,
    TEXT_LIST,
    FileSpec,
    RecordSpec,
)
from .yamlloc import LocList, LocMap, parse


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class GuideError(Exception):
    """The data has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the practice-guide data:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


@dataclass
class _Record:
    """A checked record: its values, where it is, and what it is."""

    spec: RecordSpec
    values: dict
    path: str
    line: int
    parent: "_Record | None" = None
    key_lines: dict = field(default_factory=dict)
    node: LocMap | None = None  # the parsed mapping, for the language checker's line numbers

    def line_of(self, name: str) -> int:
        return self.key_lines.get(name, self.line)


@dataclass(frozen=True)
class _Ref:
    record: _Record
    field: str
    line: int
    kind: str
    value: str


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return "text"


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    def __init__(self, standards_dir: Path, root: Path):
        self.dir = standards_dir
        self.root = root
        self.problems: list[Problem] = []
        self.records: dict[str, list[_Record]] = {}
        self.ids: dict[str, _Record] = {}
        self.refs: list[_Ref] = []

    # -- reporting -------------------------------------------------------
    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    @staticmethod
    def name(spec: RecordSpec, values: dict) -> str:
        if spec.field("id") is None:
            return spec.label
        rid = values.get("id")
        return f"{spec.label} {rid}" if isinstance(rid, str) and rid else f"{spec.label} (no id)"

    # -- files -----------------------------------------------------------
    def check_files(self) -> None:
        if not self.dir.is_dir():
            self.problem(self.display(self.dir), 1, "the data folder is missing")
            return
        for fs in FILES:
            paths = sorted(self.dir.glob(fs.pattern))
            if not paths and not fs.optional:
                self.problem(self.display(self.dir / fs.pattern), 1, f"no file found: expected {fs.spec.label} records here")
            for path in paths:
                self.check_file(path, fs)

    def check_edition(self, folder: Path) -> None:
        """An edition's local records: the same files and rules as standards/, every file
        optional, read after the national data (so a clashing ID is reported there)."""
        if not folder.is_dir():
            self.problem(self.display(folder), 1, "the edition's data folder is missing")
            return
        known: set[Path] = set()
        for fs in FILES:
            for path in sorted(folder.glob(fs.pattern)):
                known.add(path)
                if fs.single:
                    self.problem(self.display(path), 1, f"an edition cannot replace the national {fs.pattern}: remove this file")
                else:
                    self.check_file(path, fs)
        for path in sorted(set(folder.rglob("*.yml")) - known):
            self.problem(self.display(path), 1, "not a file the guide reads: use the file names of standards/ (e.g. glossary.yml)")

    def check_file(self, path: Path, fs: FileSpec) -> None:
        shown = self.display(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            self.problem(shown, 1, f"cannot read the file: {err}")
            return
        data, yproblems = parse(text)
        for yp in yproblems:
            self.problem(shown, yp.line, yp.message)
        if data is None or (fs.optional and isinstance(data, LocList) and not data):
            if not yproblems and not fs.optional:
                self.problem(shown, 1, f"the file is empty: expected {fs.spec.label} records")
            return
        if fs.single:
            if not isinstance(data, LocMap):
                self.problem(shown, 1, f"the file must be a set of {fs.spec.label} fields, not {_describe(data)}")
                return
            self.check_record(fs.spec, data, shown)
            return
        if not isinstance(data, LocList):
            line = getattr(data, "line", 1)
            self.problem(shown, line, f"the file must be a list of {fs.spec.label} records (each starting '- id:'), not {_describe(data)}")
            return
        for item, line in zip(data, data.item_lines):
            if not isinstance(item, LocMap):
                self.problem(shown, line, f"each {fs.spec.label} must be a set of fields, not {_describe(item)}")
                continue
            self.check_record(fs.spec, item, shown)

    # -- records ---------------------------------------------------------
    def check_record(self, spec: RecordSpec, data: LocMap, path: str, parent: _Record | None = None) -> _Record:
        values: dict = {}
        rec = _Record(spec, values, path, data.line, parent, dict(data.key_lines), data)
        # the id first, so that every message can name the record
        if spec.field("id") is not None:
            rid = data.get("id")
            if isinstance(rid, str) and rid.strip():
                values["id"] = rid.strip()
        who = self.name(spec, values)

        for key in data:
            if spec.field(key) is None:
                known = [f.name for f in spec.fields]
                self.problem(path, data.line_of(key), f"{who}: unknown field '{key}'{_suggest(key, known)}")

        for f in spec.fields:
            if f.name not in data:
                if f.required:
                    self.problem(path, data.line, f"{who}: missing field '{f.name}'")
                continue
            raw = data[f.name]
            line = data.line_of(f.name)
            value = self.check_value(spec, f, raw, line, path, who, rec)
            if value is not None:
                values[f.name] = value

        if "id" in values:
            rid = values["id"]
            if spec.id_pattern and not spec.id_pattern.match(rid):
                example = "strategic" if spec.id_pattern.pattern.startswith("^[a-z]") else "STR-LISTEN-01"
                self.problem(path, data.line_of("id"), f"{who}: field 'id' '{rid}' is not a valid ID (e.g. {example})")
            elif rid in self.ids:
                first = self.ids[rid]
                self.problem(path, data.line_of("id"), f"{who}: duplicate id '{rid}' (first defined at {first.path}:{first.line})")
            else:
                self.ids[rid] = rec
        self.records.setdefault(spec.kind, []).append(rec)
        return rec

    def check_value(self, spec, f, raw, line, path, who, rec):
        where = f"{who}: field '{f.name}'"
        if f.kind in (TEXT, REF, CHOICE):
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                self.problem(path, line, f"{where} is empty")
                return None
            if not isinstance(raw, str):
                self.problem(path, line, f"{where} must be text, not {_describe(raw)}")
                return None
            value = raw.strip()
            if f.pattern and f.name != "id" and not f.pattern.match(value):
                self.problem(path, line, f"{where} '{value}' is not in the expected form")
                return None
            if f.kind == CHOICE and value not in f.choices:
                self.problem(path, line, f"{where} must be one of {', '.join(f.choices)}, not '{value}'{_suggest(value, f.choices)}")
                return None
            if f.kind == REF:
                self.refs.append(_Ref(rec, f.name, line, f.ref, value))
            return value
        if f.kind in (TEXT_LIST, REF_LIST):
            if raw is None:
                self.problem(path, line, f"{where} is empty")
                return None
            if isinstance(raw, str):
                self.problem(path, line, f"{where} must be a list (one item per line starting '- '), not a single piece of text")
                return None
            if not isinstance(raw, LocList):
                self.problem(path, line, f"{where} must be a list, not {_describe(raw)}")
                return None
            if not raw:
                self.problem(path, line, f"{where} is an empty list")
                return None
            items = []
            for n, (item, item_line) in enumerate(zip(raw, raw.item_lines), start=1):
                if item is None or (isinstance(item, str) and not item.strip()):
                    self.problem(path, item_line, f"{where} item {n} is empty")
                elif not isinstance(item, str):
                    self.problem(path, item_line, f"{where} item {n} must be text, not {_describe(item)}")
                else:
                    items.append(item.strip())
                    if f.kind == REF_LIST:
                        self.refs.append(_Ref(rec, f.name, item_line, f.ref, item.strip()))
            return tuple(items)
        if f.kind == INT:
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.problem(path, line, f"{where} must be a whole number, not {_describe(raw)}")
                return None
            return raw
        if f.kind == BOOL:
            if not isinstance(raw, bool):
                self.problem(path, line, f"{where} must be true or false, not {_describe(raw)}")
                return None
            return raw
        if f.kind == DATE:
            if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
                return raw.isoformat()
            if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
                try:
                    return dt.date.fromisoformat(raw.strip()).isoformat()
                except ValueError:
                    pass
            self.problem(path, line, f"{where} must be a date written YYYY-MM-DD")
            return None
        if f.kind == RECORDS:
            if not isinstance(raw, LocList):
                self.problem(path, line, f"{where} must be a list of {f.records.label} records, not {_describe(raw)}")
                return None
            children = []
            for item, item_line in zip(raw, raw.item_lines):
                if not isinstance(item, LocMap):
                    self.problem(path, item_line, f"{where}: each {f.records.label} must be a set of fields, not {_describe(item)}")
                    continue
                children.append(self.check_record(f.records, item, path, parent=rec))
            return tuple(children)
        raise AssertionError(f"unknown field kind {f.kind}")  # pragma: no cover

    # -- cross-checks ----------------------------------------------------
    def check_refs(self) -> None:
        for ref in self.refs:
            who = self.name(ref.record.spec, ref.record.values)
            target = self.ids.get(ref.value)
            if target is None:
                known = [rid for rid, r in self.ids.items() if r.spec.kind == ref.kind]
                label = _label(ref.kind)
                self.problem(ref.record.path, ref.line, f"{who}: field '{ref.field}': unknown {label} '{ref.value}'{_suggest(ref.value, known)}")
            elif target.spec.kind != ref.kind:
                self.problem(
                    ref.record.path,
                    ref.line,
                    f"{who}: field '{ref.field}': '{ref.value}' is a {target.spec.label}, not a {_label(ref.kind)}",
                )

    def check_rules(self) -> None:
        """Rules that span records: codes unique, standard IDs match level and theme."""
        for kind in ("level", "theme"):
            seen: dict[str, _Record] = {}
            for rec in self.records.get(kind, []):
                code = rec.values.get("code")
                if code and code in seen:
                    first = seen[code]
                    self.problem(rec.path, rec.line, f"{self.name(rec.spec, rec.values)}: code '{code}' is already used by {kind} {first.values.get('id')}")
                elif code:
                    seen[code] = rec
        levels = {r.values.get("id"): r.values.get("code") for r in self.records.get("level", [])}
        themes = {r.values.get("id"): r.values.get("code") for r in self.records.get("theme", [])}
        for rec in self.records.get("standard", []):
            v = rec.values
            lc, tc = levels.get(v.get("level")), themes.get(v.get("theme"))
            rid = v.get("id")
            if rid and lc and tc and not re.fullmatch(rf"{lc}-{tc}-\d{{2}}", rid):
                self.problem(
                    rec.path,
                    rec.line_of("id"),
                    f"{self.name(rec.spec, v)}: field 'id' must be '{lc}-{tc}-' and two digits, to match its level and theme (e.g. {lc}-{tc}-01)",
                )
        meta = (self.records.get("meta") or [None])[0]
        current = _version(meta.values.get("version")) if meta else None
        if current:
            for kind, fields in (("standard", ("added", "changed")), ("retired", ("retired",))):
                for rec in self.records.get(kind, []):
                    for name in fields:
                        v = rec.values.get(name)
                        if v and _version(v) > current:
                            self.problem(
                                rec.path,
                                rec.line_of(name),
                                f"{self.name(rec.spec, rec.values)}: field '{name}' {v} is later than the data's version {meta.values['version']} (standards/meta.yml)",
                            )
            for rec in self.records.get("standard", []):
                a, c = rec.values.get("added"), rec.values.get("changed")
                if a and c and _version(c) < _version(a):
                    self.problem(rec.path, rec.line_of("changed"), f"{self.name(rec.spec, rec.values)}: field 'changed' {c} is earlier than 'added' {a}")
        from ..language.checker import form_problems  # the language checker must be able to use every form

        for rec in self.records.get("language", []):
            for name, message in form_problems(rec.values):
                self.problem(rec.path, rec.line_of(name), f"{self.name(rec.spec, rec.values)}: field '{name}': {message}")
        if len(self.records.get("meta", [])) > 1:  # pragma: no cover - one meta file by construction
            self.problem("standards/meta.yml", 1, "meta: more than one meta record")


def _version(text: str | None) -> tuple[int, ...] | None:
    if not text or not re.fullmatch(r"\d+\.\d+\.\d+", text):
        return None
    return tuple(int(x) for x in text.split("."))


def _label(kind: str) -> str:
    from .schema import SPECS

    return SPECS[kind].label


# ---------------------------------------------------------------------------
# building the model


def _build(c: _Checker) -> m.Guide:
    by_id: dict[str, object] = {}
    recs = c.records

    def vals(kind):
        return [r.values for r in recs.get(kind, [])]

    meta_v = vals("meta")[0]
    meta = m.Meta(meta_v["title"], meta_v["version"], meta_v["date"], meta_v["publisher"])

    levels = tuple(m.Level(v["id"], v["code"], v["title"], v["who"], v["summary"]) for v in vals("level"))
    themes = tuple(m.Theme(v["id"], v["code"], v["title"], v["summary"]) for v in vals("theme"))
    by_id.update({x.id: x for x in (*levels, *themes)})

    sources = []
    for v in vals("source"):
        findings = tuple(
            m.Finding(f.values["id"], f.values["text"], f.values.get("quoted", False), f.values.get("content_note")) for f in v.get("findings", ())
        )
        src = m.Source(v["id"], v["title"], v.get("author"), v.get("year"), v["kind"], v["summary"], findings)
        for f in findings:
            object.__setattr__(f, "source", src)
            by_id[f.id] = f
        by_id[src.id] = src
        sources.append(src)
    for v in vals("source"):
        if v.get("cited_in"):
            src, parent = by_id[v["id"]], by_id[v["cited_in"]]
            object.__setattr__(src, "cited_in", parent)
            object.__setattr__(parent, "cites", parent.cites + (src,))

    def get(ids):
        return tuple(by_id[i] for i in ids)

    key_learning = tuple(
        m.KeyLearning(v["id"], by_id[v["theme"]], v["point"], v["explanation"], by_id[v["source"]]) for v in vals("key_learning")
    )
    principles = tuple(m.Principle(v["id"], v["title"], v["text"], by_id[v["source"]]) for v in vals("principle"))
    outcomes = tuple(m.Outcome(v["id"], v["title"], v["text"], by_id[v["source"]]) for v in vals("outcome"))
    quotes = tuple(
        m.Quote(
            v["id"], v["text"], v["attribution"], by_id[v["source"]], v["year"], v["provenance"], get(v["themes"]), v.get("content_note")
        )
        for v in vals("quote")
    )
    language = tuple(
        m.LanguageEntry(
            v["id"],
            v["phrase"],
            v.get("variants", ()),
            v["label"],
            v.get("example"),
            v["how_it_lands"],
            v["why_it_harms"],
            v["say_instead"],
            by_id[v["source"]],
            v.get("match", ()),
            v.get("not_before", ()),
            v.get("not_after", ()),
        )
        for v in vals("language")
    )
    glossary = tuple(m.GlossaryEntry(v["id"], v["terms"], v["definition"]) for v in vals("glossary"))
    for x in (*key_learning, *principles, *outcomes, *quotes, *language, *glossary):
        by_id[x.id] = x

    level_order = {lv.id: n for n, lv in enumerate(levels)}
    theme_order = {th.id: n for n, th in enumerate(themes)}
    standards = []
    patterns = glossary_patterns(glossary)
    for v in sorted(vals("standard"), key=lambda v: (level_order[v["level"]], theme_order[v["theme"]], v["id"])):
        keywords = v.get("keywords", ())
        text = " ".join([v["title"], v["statement"], *v["indicators"], *keywords])
        standards.append(
            m.Standard(
                id=v["id"],
                level=by_id[v["level"]],
                theme=by_id[v["theme"]],
                title=v["title"],
                statement=v["statement"],
                indicators=v["indicators"],
                evidence_prompts=v["evidence_prompts"],
                plain_english=v["plain_english"],
                findings=get(v["findings"]),
                key_learning=get(v.get("key_learning", ())),
                quotes=get(v.get("quotes", ())),
                principles=get(v.get("principles", ())),
                outcomes=get(v.get("outcomes", ())),
                keywords=keywords,
                search_terms=search_terms(text, keywords, patterns),
                added=v["added"],
                changed=v.get("changed"),
                change_note=v.get("change_note"),
            )
        )
    standards = tuple(standards)
    for s in standards:
        by_id[s.id] = s
    retired = tuple(
        m.Retired(v["id"], v["title"], v["retired"], get(v.get("replaced_by", ())), v["reason"]) for v in vals("retired")
    )
    for r in retired:
        by_id[r.id] = r

    # back-references, set once while building
    def back(items, attr, standard):
        for item in items:
            object.__setattr__(item, attr, getattr(item, attr) + (standard,))

    for s in standards:
        back([s.level], "standards", s)
        back([s.theme], "standards", s)
        back(s.findings, "cited_by", s)
        back(s.key_learning, "standards", s)
        back(s.quotes, "standards", s)
        back(s.principles, "standards", s)
        back(s.outcomes, "standards", s)
    for k in key_learning:
        object.__setattr__(k.theme, "key_learning", k.theme.key_learning + (k,))
    for q in quotes:
        for th in q.themes:
            object.__setattr__(th, "quotes", th.quotes + (q,))

    guide = m.Guide(
        meta=meta,
        levels=levels,
        themes=themes,
        standards=standards,
        sources=tuple(sources),
        key_learning=key_learning,
        principles=principles,
        outcomes=outcomes,
        quotes=quotes,
        language=language,
        glossary=glossary,
        retired=retired,
    )
    return replace(guide, by_id=MappingProxyType(by_id))


def search_terms(text: str, keywords: tuple[str, ...], glossary: list[GlossaryPattern]) -> tuple[str, ...]:
    """Keywords plus every glossary synonym of a term that the text uses.

    ``glossary``: :func:`glossary_patterns`, compiled once for every standard."""
    found: list[str] = list(keywords)
    haystack = text.casefold()
    for entry, folded, pattern in glossary:
        # the plain substring test is quick and rules out most entries before the regex runs
        if any(t in haystack for t in folded) and pattern.search(haystack):
            found.extend(entry.terms)
    unique: dict[str, str] = {}
    for term in found:
        unique.setdefault(term.casefold(), term)
    return tuple(unique.values())


GlossaryPattern = tuple[m.GlossaryEntry, tuple[str, ...], re.Pattern[str]]


def glossary_patterns(glossary: tuple[m.GlossaryEntry, ...]) -> list[GlossaryPattern]:
    """Per glossary entry: the entry, its terms case-folded, and one regex for any of them as a whole word."""
    out = []
    for entry in glossary:
        folded = tuple(t.casefold() for t in entry.terms)
        out.append((entry, folded, re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in folded))))
    return out


@dataclass(frozen=True)
class TextField:
    """One piece of text in standards/, where it is, and what holds it (for the language checker)."""

    path: str
    line: int  # the line of the field's key, or of the list item
    line_text: str  # that line as written, comments included
    kind: str  # the record kind, e.g. "standard"
    label: str
    record_id: str | None
    field: str
    text: str
    quoted: bool  # the record says its text is a quotation (a finding with quoted: true)


def text_fields(standards_dir: Path | str, root: Path | str | None = None) -> list[TextField]:
    """Every text and text-list value in standards/, with its line. Reads the files as load_guide does."""
    standards_dir = Path(standards_dir).resolve()
    root = Path(root).resolve() if root is not None else standards_dir.parent
    checker = _Checker(standards_dir, root)
    checker.check_files()
    lines_of: dict[str, list[str]] = {}
    out: list[TextField] = []
    for recs in checker.records.values():
        for rec in recs:
            if rec.node is None:
                continue
            if rec.path not in lines_of:
                try:
                    lines_of[rec.path] = (root / rec.path).read_text(encoding="utf-8").splitlines()
                except OSError:
                    lines_of[rec.path] = []
            lines = lines_of[rec.path]
            quoted = rec.values.get("quoted") is True
            for f in rec.spec.fields:
                raw = rec.node.get(f.name)
                if f.kind == TEXT and isinstance(raw, str):
                    items = [(raw, rec.node.line_of(f.name))]
                elif f.kind == TEXT_LIST and isinstance(raw, LocList):
                    items = [(x, n) for x, n in zip(raw, raw.item_lines) if isinstance(x, str)]
                else:
                    continue
                for text, line in items:
                    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
                    out.append(TextField(rec.path, line, line_text, rec.spec.kind, rec.spec.label, rec.values.get("id"), f.name, text, quoted))
    return out


def load_guide(standards_dir: Path | str, root: Path | str | None = None, editions: tuple[Path | str, ...] = ()) -> m.Guide:
    """Read, validate and build the guide. Raises GuideError with every problem.

    ``editions``: data folders of a local edition, whose records are added to the national ones.
    """
    standards_dir = Path(standards_dir).resolve()
    root = Path(root).resolve() if root is not None else standards_dir.parent
    checker = _Checker(standards_dir, root)
    checker.check_files()
    for folder in editions:
        checker.check_edition(Path(folder).resolve())
    # reference and rule problems are reported alongside file problems, so
    # one run lists everything that needs fixing
    checker.check_refs()
    checker.check_rules()
    if checker.problems:
        raise GuideError(checker.problems)
    return _build(checker)
