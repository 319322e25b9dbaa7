"""Load ``standards/`` into the model, collecting every problem first.

:func:`load_guide` reads every file once, checks every record against the rules declared on
its class (:mod:`macros.data.model`, through :mod:`macros.data.schema`), resolves every
reference, and only then builds the frozen model, by field name. Any problem at all raises
:class:`GuideError` listing all of them, each with a code, file, line, column and the line as
written (:mod:`macros.data.problems`). The text of every field is kept with its line on the
model (``Guide.text_fields``), so the language checker needs no second reading of the files.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import unicodedata
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..language.forms import form_problem
from . import model as m
from . import translations as tr
from .fields import BACK, PARENT, Origin, rule_of, rules
from .problems import GuideError, Problem, describe, suggest
from .schema import (
    BOOL,
    CHOICE,
    DATE,
    FILES,
    FORMS,
    INT,
    RECORDS,
    REF,
    REF_LIST,
    SPECS,
    TEXT,
    TEXT_LIST,
    Field,
    FileSpec,
    RecordSpec,
)
from .yamlloc import REFUSED, LocList, LocMap, parse

__all__ = ["GuideError", "Problem", "load_guide", "glossary_patterns", "search_terms"]


MAX_FILE_BYTES = 10_000_000  # one data file: today all the data is about 200 KB, and bench/synth.py at 100x about 2 MB a file


# Characters no text in the data needs and that change what a reader or the language check sees:
# zero-width spaces and joiners, direction marks, embeddings, overrides and isolates, the soft
# hyphen, the word joiner and invisible operators, the byte order mark, interlinear annotation
# marks, tag characters, line and paragraph separators, and controls other than tab and newline.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def visible(text: str) -> str:
    """``text`` with every invisible or direction-changing character (a zero-width space, a
    right-to-left override, any control but tab) written as ``\\u200b``: a message must show
    what is really in the file, and must not reorder the terminal's line."""
    return "".join(
        ch if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") else f"\\u{ord(ch):04x}" for ch in text
    )


@dataclass
class _Record:
    """A checked record: its values, where it is, and what it is."""

    spec: RecordSpec
    values: dict
    path: str
    line: int
    parent: "_Record | None" = None
    node: LocMap | None = None  # the parsed mapping: lines and columns of its keys
    built: object = None  # the model object, once made

    def line_of(self, name: str) -> int:
        return self.node.line_of(name) if self.node is not None else self.line

    def col_of(self, name: str) -> int:
        return self.node.col_of(name) if self.node is not None else 0


@dataclass(frozen=True)
class _Ref:
    record: _Record
    field: str
    line: int
    col: int
    kind: str
    value: str




class _Checker:
    def __init__(self, standards_dir: Path, root: Path):
        self.dir = standards_dir
        self.root = root
        self.problems: list[Problem] = []
        self.records: dict[str, list[_Record]] = {}
        self.ids: dict[str, _Record] = {}
        self.refs: list[_Ref] = []
        self.lines: dict[str, list[str]] = {}  # each file read, by its shown path: its lines

    # -- reporting -------------------------------------------------------
    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, path: str, line: int, code: str, message: str, col: int = 0) -> None:
        lines = self.lines.get(path, ())
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        self.problems.append(Problem(path, line, visible(message), code, col, visible(source)))

    @staticmethod
    def name(spec: RecordSpec, values: dict) -> str:
        if spec.field("id") is None:
            return spec.label
        rid = values.get("id")
        return f"{spec.label} {rid}" if isinstance(rid, str) and rid else f"{spec.label} (no id)"

    # -- files -----------------------------------------------------------
    def check_files(self) -> None:
        if not self.dir.is_dir():
            self.problem(self.display(self.dir), 1, "PG004", "the data folder is missing")
            return
        known: set[Path] = set()
        for fs in FILES:
            paths = sorted(self.dir.glob(fs.pattern))
            known.update(paths)
            if not paths and not fs.optional:
                self.problem(self.display(self.dir / fs.pattern), 1, "PG004", f"no file found: expected {fs.spec.label} records here")
            for path in paths:
                self.check_file(path, fs)
        # the translations (standards/cy/...) are read, and their stray files named, by translations.read
        known.update(p for lang in tr.LANGUAGES for p in (self.dir / lang).rglob("*"))
        self.check_unknown_files(self.dir, known)

    def check_unknown_files(self, folder: Path, known: set[Path]) -> None:
        """Every other file under the data folder is a mistake (``retired.yaml``, ``operational.yml``
        renamed, a stray copy): named, with the data file it was probably meant to be, never
        silently left out. ``schema/`` holds the generated editor schema."""
        expected = sorted({fs.pattern for fs in FILES})
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p not in known):
            rel = path.relative_to(folder).as_posix()
            if rel.startswith("schema/") or rel.endswith((".md", "~")) or path.name.startswith("."):
                continue
            guess = rel[: -len(".yaml")] + ".yml" if rel.endswith(".yaml") else rel
            if guess != rel and any(fnmatch.fnmatch(guess, pattern) for pattern in expected):
                message = f"data files end in .yml, so this one is not read: rename it to {guess}"
            else:
                close = difflib.get_close_matches(guess, expected, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                message = f"not a file the guide reads{hint}; the data files are {', '.join(expected)}"
            self.problem(self.display(path), 1, "PG021", message)

    def check_edition(self, folder: Path) -> None:
        """An edition's local records: the same files and rules as standards/, every file
        optional, read after the national data (so a clashing ID is reported there)."""
        if not folder.is_dir():
            self.problem(self.display(folder), 1, "PG004", "the edition's data folder is missing")
            return
        known: set[Path] = set()
        for fs in FILES:
            for path in sorted(folder.glob(fs.pattern)):
                known.add(path)
                if fs.single or fs.spec.kind == "rating":
                    self.problem(self.display(path), 1, "PG021", f"an edition cannot replace the national {fs.pattern}: remove this file")
                else:
                    self.check_file(path, fs)
        self.check_unknown_files(folder, known)

    def read_yaml(self, path: Path) -> tuple[str, object, list] | None:
        """One data file read, decoded and parsed, each problem on the way reported: the path as
        shown, the data and the YAML problems; None when the file cannot be read as YAML at all
        (too big, unreadable, not UTF-8). The national files, an edition's and the Welsh overlay's."""
        shown = self.display(path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            self.problem(shown, 1, "PG001", f"cannot read the file: {err}")
            return None
        if len(raw) > MAX_FILE_BYTES:
            self.problem(shown, 1, "PG019", f"the file is {len(raw) / 1e6:.1f} MB: a data file holds at most {MAX_FILE_BYTES // 1_000_000} MB; split the records or shorten them")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            line = raw.count(b"\n", 0, err.start) + 1
            col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
            self.lines[shown] = raw.decode("utf-8", errors="replace").splitlines()
            self.problem(shown, line, "PG001", f"not UTF-8 text: byte {raw[err.start]:#04x} at line {line}, column {col}; save the file as UTF-8", col)
            return None
        self.lines[shown] = text.splitlines()
        data, yproblems = parse(text)
        for yp in yproblems:
            self.problem(shown, yp.line, "PG003" if yp.message.startswith("duplicate field") else "PG002", yp.message, yp.col)
        return shown, data, yproblems

    def check_file(self, path: Path, fs: FileSpec) -> None:
        read = self.read_yaml(path)
        if read is None:
            return
        shown, data, yproblems = read
        if data is REFUSED:
            return  # a tag on the whole file: reported
        if data is None or (fs.optional and isinstance(data, LocList) and not data):
            if not yproblems and not fs.optional:
                self.problem(shown, 1, "PG004", f"the file is empty: expected {fs.spec.label} records")
            return
        if fs.single:
            if not isinstance(data, LocMap):
                self.problem(shown, 1, "PG005", f"the file must be a set of {fs.spec.label} fields, not {describe(data)}")
                return
            self.check_record(fs.spec, data, shown)
            return
        if not isinstance(data, LocList):
            line = getattr(data, "line", 1)
            self.problem(shown, line, "PG005", f"the file must be a list of {fs.spec.label} records (each starting '- id:'), not {describe(data)}")
            return
        for item, line, col in zip(data, data.item_lines, data.item_cols):
            if item is REFUSED:
                continue
            if not isinstance(item, LocMap):
                self.problem(shown, line, "PG005", f"each {fs.spec.label} must be a set of fields, not {describe(item)}", col)
                continue
            self.check_record(fs.spec, item, shown)

    # -- records ---------------------------------------------------------
    def check_record(self, spec: RecordSpec, data: LocMap, path: str, parent: _Record | None = None) -> _Record:
        values: dict = {}
        rec = _Record(spec, values, path, data.line, parent, data)
        # the id first, so that every message can name the record
        if spec.field("id") is not None:
            rid = data.get("id")
            if isinstance(rid, str) and rid.strip():
                values["id"] = rid.strip()
        who = self.name(spec, values)

        for key in data:
            if spec.field(key) is None:
                known = [f.name for f in spec.fields]
                self.problem(path, data.line_of(key), "PG006", f"{who}: unknown field '{key}'{suggest(key, known)}", data.col_of(key))

        for f in spec.fields:
            if f.name not in data:
                if f.required:
                    self.problem(path, data.line, "PG007", f"{who}: missing field '{f.name}'", data.col)
                continue
            value = self.check_value(f, data[f.name], data.line_of(f.name), data.col_of(f.name), path, who, rec)
            if value is not None:
                values[f.name] = value

        if "id" in values:
            rid = values["id"]
            line, col = data.line_of("id"), data.col_of("id")
            if spec.id_pattern and not spec.id_pattern.match(rid):
                example = rule_of(spec.cls, "id").example
                self.problem(path, line, "PG010", f"{who}: field 'id' '{rid}' is not a valid ID (e.g. {example})", col)
            elif rid in self.ids:
                first = self.ids[rid]
                self.problem(path, line, "PG014", f"{who}: duplicate id '{rid}' (first defined at {first.path}:{first.line})", col)
            else:
                self.ids[rid] = rec
        self.records.setdefault(spec.kind, []).append(rec)
        return rec

    def check_value(self, f: Field, raw, line: int, col: int, path: str, who: str, rec: _Record):
        where = f"{who}: field '{f.name}'"
        if raw is REFUSED:  # an alias, a tag or too deep: reported where it is
            return None
        if f.kind in (TEXT, REF, CHOICE) or (f.kind == FORMS and f.plain):
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                self.problem(path, line, "PG008", f"{where} is empty", col)
                return None
            if not isinstance(raw, str):
                self.problem(path, line, "PG009", f"{where} must be text, not {describe(raw)}", col)
                return None
            value = raw.strip()
            if f.pattern and f.name != "id" and not f.pattern.match(value):
                self.problem(path, line, "PG010", f"{where} '{value}' is not in the expected form", col)
                return None
            if f.kind == CHOICE and value not in f.choices:
                self.problem(path, line, "PG011", f"{where} must be one of {', '.join(f.choices)}, not '{value}'{suggest(value, f.choices)}", col)
                return None
            if not self.fits(f, value, path, line, col, where):
                return None
            if f.kind == FORMS and not self.usable_form(value, path, line, col, where):
                return None
            if f.kind == REF:
                self.refs.append(_Ref(rec, f.name, line, col, f.ref, value))
            return value
        if f.kind in (TEXT_LIST, REF_LIST, FORMS):
            if raw is None:
                self.problem(path, line, "PG008", f"{where} is empty", col)
                return None
            if isinstance(raw, str):
                self.problem(path, line, "PG009", f"{where} must be a list (one item per line starting '- '), not a single piece of text", col)
                return None
            if not isinstance(raw, LocList):
                self.problem(path, line, "PG009", f"{where} must be a list, not {describe(raw)}", col)
                return None
            if not raw:
                self.problem(path, line, "PG008", f"{where} is an empty list", col)
                return None
            items = []
            for n, (item, item_line, item_col) in enumerate(zip(raw, raw.item_lines, raw.item_cols), start=1):
                if item is REFUSED:
                    continue
                if item is None or (isinstance(item, str) and not item.strip()):
                    self.problem(path, item_line, "PG008", f"{where} item {n} is empty", item_col)
                elif not isinstance(item, str):
                    self.problem(path, item_line, "PG009", f"{where} item {n} must be text, not {describe(item)}", item_col)
                elif self.fits(f, item.strip(), path, item_line, item_col, f"{where} item {n}") and (
                    f.kind != FORMS or self.usable_form(item.strip(), path, item_line, item_col, where)
                ):
                    items.append(item.strip())
                    if f.kind == REF_LIST:
                        self.refs.append(_Ref(rec, f.name, item_line, item_col, f.ref, item.strip()))
            return tuple(items)
        if f.kind == INT:
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.problem(path, line, "PG009", f"{where} must be a whole number, not {describe(raw)}", col)
                return None
            return raw
        if f.kind == BOOL:
            if not isinstance(raw, bool):
                self.problem(path, line, "PG009", f"{where} must be true or false, not {describe(raw)}", col)
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
            self.problem(path, line, "PG009", f"{where} must be a date written YYYY-MM-DD", col)
            return None
        if f.kind == RECORDS:
            if not isinstance(raw, LocList):
                self.problem(path, line, "PG009", f"{where} must be a list of {f.records.label} records, not {describe(raw)}", col)
                return None
            children = []
            for item, item_line, item_col in zip(raw, raw.item_lines, raw.item_cols):
                if item is REFUSED:
                    continue
                if not isinstance(item, LocMap):
                    self.problem(path, item_line, "PG005", f"{where}: each {f.records.label} must be a set of fields, not {describe(item)}", item_col)
                    continue
                children.append(self.check_record(f.records, item, path, parent=rec))
            return tuple(children)
        raise AssertionError(f"unknown field kind {f.kind}")  # pragma: no cover

    def fits(self, f: Field, value: str, path: str, line: int, col: int, where: str) -> bool:
        if f.max_length is not None and len(value) > f.max_length:
            self.problem(path, line, "PG019", f"{where} is {len(value)} characters long: at most {f.max_length}", col)
            return False
        hidden = _HIDDEN.search(value)
        if hidden:
            ch = hidden.group()
            name = unicodedata.name(ch, "a control character")
            self.problem(
                path,
                line,
                "PG023",
                f"{where} holds an invisible or direction-changing character, \\u{ord(ch):04x} ({name}), at character {hidden.start() + 1}: "
                "delete it (it can hide a word from the language check or show the text in another order)",
                col,
            )
            return False
        return True

    def usable_form(self, form: str, path: str, line: int, col: int, where: str) -> bool:
        """The language checker must be able to use every form of the language guide."""
        message = form_problem(form)
        if message:
            self.problem(path, line, "PG018", f"{where}: {message}", col)
        return message is None

    # -- cross-checks ----------------------------------------------------
    def check_refs(self) -> None:
        for ref in self.refs:
            who = self.name(ref.record.spec, ref.record.values)
            target = self.ids.get(ref.value)
            if target is None:
                known = [rid for rid, r in self.ids.items() if r.spec.kind == ref.kind]
                label = SPECS[ref.kind].label
                self.problem(ref.record.path, ref.line, "PG012", f"{who}: field '{ref.field}': unknown {label} '{ref.value}'{suggest(ref.value, known)}", ref.col)
            elif target.spec.kind != ref.kind:
                self.problem(
                    ref.record.path,
                    ref.line,
                    "PG013",
                    f"{who}: field '{ref.field}': '{ref.value}' is a {target.spec.label}, not a {SPECS[ref.kind].label}",
                    ref.col,
                )

    def check_rules(self) -> None:
        """Rules that span records: codes unique, standard IDs match level and theme, versions in order, the ratings."""
        for kind in ("level", "theme"):
            seen: dict[str, _Record] = {}
            for rec in self.records.get(kind, []):
                code = rec.values.get("code")
                if code and code in seen:
                    first = seen[code]
                    who = self.name(rec.spec, rec.values)
                    self.problem(rec.path, rec.line, "PG015", f"{who}: code '{code}' is already used by {kind} {first.values.get('id')}", rec.col_of("code"))
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
                    "PG016",
                    f"{self.name(rec.spec, v)}: field 'id' must be '{lc}-{tc}-' and two digits, to match its level and theme (e.g. {lc}-{tc}-01)",
                    rec.col_of("id"),
                )
        cited_in = {r.values.get("id"): r for r in self.records.get("source", []) if r.values.get("id")}
        for rec in cited_in.values():
            chain, at = [rec.values["id"]], rec.values.get("cited_in")
            while at in cited_in and at not in chain:
                chain.append(at)
                at = cited_in[at].values.get("cited_in")
            if at == chain[0]:  # back where it started: a source cited, in the end, in itself
                loop = f" ({chain[0]} is cited in {' in '.join([*chain[1:], at])})" if len(chain) > 1 else ""
                self.problem(
                    rec.path,
                    rec.line_of("cited_in"),
                    "PG013",
                    f"{self.name(rec.spec, rec.values)}: field 'cited_in': a source cannot be cited in itself{loop}",
                    rec.col_of("cited_in"),
                )
        meta = (self.records.get("meta") or [None])[0]
        current = _version(meta.values.get("version")) if meta else None
        if current:
            for kind, names in (("standard", ("added", "changed")), ("retired", ("retired",))):
                for rec in self.records.get(kind, []):
                    for name in names:
                        v = rec.values.get(name)
                        if v and _version(v) > current:
                            self.problem(
                                rec.path,
                                rec.line_of(name),
                                "PG017",
                                f"{self.name(rec.spec, rec.values)}: field '{name}' {v} is later than the data's version {meta.values['version']} (standards/meta.yml)",
                                rec.col_of(name),
                            )
            for rec in self.records.get("standard", []):
                a, c = rec.values.get("added"), rec.values.get("changed")
                if a and c and _version(c) < _version(a):
                    self.problem(rec.path, rec.line_of("changed"), "PG017", f"{self.name(rec.spec, rec.values)}: field 'changed' {c} is earlier than 'added' {a}", rec.col_of("changed"))
        self.check_ratings()

    def check_ratings(self) -> None:
        """ratings.yml words the ratings; their IDs, order and scores are what saved assessments rely on."""
        found = self.records.get("rating")
        if not found:
            return  # a missing or empty file is reported already
        ids = [r.values.get("id") for r in found]
        path = found[0].path
        if ids != list(m.RATING_IDS):
            self.problem(path, found[0].line, "PG020", f"the ratings must be, in this order: {', '.join(m.RATING_IDS)} (found {', '.join(map(str, ids))})")
        scores = {r.values.get("id"): r.values.get("score") for r in found}
        for rid, want in m.RATING_SCORES.items():
            rec = next((r for r in found if r.values.get("id") == rid), None)
            if rec is not None and scores[rid] != want:
                says = "no score" if want is None else f"score {want}"
                self.problem(rec.path, rec.line, "PG020", f"{self.name(rec.spec, rec.values)}: must have {says}", rec.col_of("score") if "score" in rec.node else 0)


def _version(text: str | None) -> tuple[int, ...] | None:
    if not text or not re.fullmatch(r"\d+\.\d+\.\d+", text):
        return None
    return tuple(int(x) for x in text.split("."))


# ---------------------------------------------------------------------------
# building the model, by field name, from the declarations


def _make(rec: _Record) -> object:
    """The model object of one checked record: its written values, references still as IDs
    (replaced in :func:`_resolve`), the other declared fields at their defaults."""
    cls = rec.spec.cls
    placeholder = {REF: None, REF_LIST: (), RECORDS: ()}
    values = {name: placeholder.get(rec.spec.field(name).kind, value) for name, value in rec.values.items()}
    obj = cls(**values, origin=Origin(rec.path, rec.line))
    rec.built = obj
    return obj


def _resolve(rec: _Record, by_id: dict[str, object]) -> None:
    obj = rec.built
    for f in rec.spec.fields:
        if f.name not in rec.values:
            continue
        value = rec.values[f.name]
        if f.kind == REF:
            object.__setattr__(obj, f.name, by_id[value])
        elif f.kind == REF_LIST:
            object.__setattr__(obj, f.name, tuple(by_id[i] for i in value))
        elif f.kind == RECORDS:
            object.__setattr__(obj, f.name, tuple(child.built for child in value))
    for name, rule in rules(rec.spec.cls):
        if rule.kind == PARENT and rec.parent is not None:
            object.__setattr__(obj, name, rec.parent.built)


def _fill_back_references(collections: dict[str, tuple]) -> None:
    """Each ``back(kind, via)`` field: the records of ``kind``, in model order, whose ``via`` points here."""
    for cls in m.KINDS:
        for name, rule in rules(cls):
            if rule.kind != BACK:
                continue
            for source in collections[rule.ref]:
                targets = getattr(source, rule.via)
                for target in targets if isinstance(targets, tuple) else (targets,):
                    if target is not None:
                        object.__setattr__(target, name, getattr(target, name) + (source,))


def _build(c: _Checker, translations: tr.Translations | None = None) -> m.Guide:
    recs = c.records
    by_id: dict[str, object] = {}
    for cls in m.KINDS:
        for rec in recs.get(cls.__record__.name, []):
            obj = _make(rec)
            if "id" in rec.values:
                by_id[rec.values["id"]] = obj
    for kind_recs in recs.values():
        for rec in kind_recs:
            _resolve(rec, by_id)

    collections: dict[str, tuple] = {cls.__record__.name: tuple(r.built for r in recs.get(cls.__record__.name, [])) for cls in m.KINDS}
    # standards in display order: by level, then theme, then ID
    level_order = {lv.id: n for n, lv in enumerate(collections["level"])}
    theme_order = {th.id: n for n, th in enumerate(collections["theme"])}
    collections["standard"] = tuple(sorted(collections["standard"], key=lambda s: (level_order[s.level.id], theme_order[s.theme.id], s.id)))
    # findings are reached through their sources; back-references follow the model's order
    collections["finding"] = tuple(f for s in collections["source"] for f in s.findings)
    patterns = glossary_patterns(collections["glossary"])
    for s in collections["standard"]:
        text = " ".join([s.title, s.statement, *s.indicators, *s.keywords])
        object.__setattr__(s, "search_terms", search_terms(text, s.keywords, patterns))
    _fill_back_references(collections)

    kinds = {cls.__record__.name: cls.__record__ for cls in m.KINDS}
    guide = m.Guide(
        **{k.collection: (collections[name][0] if k.single else collections[name]) for name, k in kinds.items() if k.collection},
        by_id=MappingProxyType(by_id),
        text_fields=tuple(_text_fields(c)),
        translations=translations or tr.Translations(),
    )
    return guide


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


def _text_fields(c: _Checker):
    """Every text value in the files read, with its line as written (the language checker's input)."""
    for kind_recs in c.records.values():
        for rec in kind_recs:
            lines = c.lines.get(rec.path, [])
            quoted = rec.values.get("quoted") is True
            for f in rec.spec.fields:
                raw = rec.node.get(f.name)
                if f.kind == TEXT or (f.kind == FORMS and f.plain):
                    items = [(raw, rec.node.line_of(f.name))] if isinstance(raw, str) else []
                elif f.kind in (TEXT_LIST, FORMS) and isinstance(raw, LocList):
                    items = [(x, n) for x, n in zip(raw, raw.item_lines) if isinstance(x, str)]
                else:
                    continue
                for text, line in items:
                    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
                    yield m.TextField(rec.path, line, line_text, rec.spec.kind, rec.spec.label, rec.values.get("id"), f.name, text, quoted)


def english_lookup(c: _Checker) -> tr.EnglishLookup:
    """For the translations: an English record's kind and its checked values, by ID."""

    def find(record_id: str):
        rec = c.ids.get(record_id)
        return None if rec is None else (rec.spec.kind, lambda name: rec.values.get(name) or None)

    return find


def read_translations(c: _Checker, standards_dir: Path) -> tr.Overlay:
    """The overlay in ``standards_dir/cy/`` (:mod:`macros.data.translations`), checked against the records ``c`` read."""
    return tr.read(c, standards_dir, FILES, english_lookup(c), {k: s.label for k, s in SPECS.items()})


def check_translations(standards_dir: Path | str, root: Path | str, guide: m.Guide) -> tuple[tr.Overlay, list[Problem]]:
    """The overlay of a guide already loaded (``translations=False``), with the problems in it, for
    the translator's tool (``python -m macros translations``), which can fill in missing fingerprints."""
    checker = _Checker(Path(standards_dir).resolve(), Path(root).resolve())

    def find(record_id: str):
        rec = guide.by_id.get(record_id)
        return None if rec is None else (type(rec).__record__.name, lambda name: getattr(rec, name, None) or None)

    overlay = tr.read(checker, checker.dir, FILES, find, {k: s.label for k, s in SPECS.items()})
    return overlay, sorted(checker.problems)


def check_pages(standards_dir: Path | str, root: Path | str, docs_dir: Path | str) -> tuple[tr.PageOverlay, list[Problem]]:
    """The pages of ``docs_dir`` and their translations (``standards/cy/pages/``), with every problem in those."""
    checker = _Checker(Path(standards_dir).resolve(), Path(root).resolve())
    pages = tr.read_pages(checker, checker.dir, Path(docs_dir).resolve())
    return pages, sorted(checker.problems)


def load_guide(
    standards_dir: Path | str, root: Path | str | None = None, editions: tuple[Path | str, ...] = (), *, translations: bool = True
) -> m.Guide:
    """Read, validate and build the guide. Raises GuideError with every problem.

    ``editions``: data folders of a local edition, whose records are added to the national ones.
    ``translations``: read and check the translations in ``standards/cy/`` too.
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
    overlay = read_translations(checker, standards_dir) if translations else None
    if checker.problems:
        raise GuideError(checker.problems)
    return _build(checker, overlay.translations if overlay else None)
