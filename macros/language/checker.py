"""The language checker: one matcher, compiled from the language guide.

Each entry in ``standards/language.yml`` becomes one :class:`Rule`: a regular expression
built from its ``phrase``, ``variants`` and ``match`` forms, plus optional context rules
(``not_before``, ``not_after``, and ``said_of``/``not_said_of``, which name word lists in
``standards/language-words.yml``). The same regular-expression source strings, prepared here,
are written to ``assets/data/language.json`` for the page ``/language-checker/``, whose script
(``language-checker/match.js``) applies them with the same steps as :meth:`Matcher.spans`, so
the command line, the build and the browser can never disagree.

Forms
    Words separated by spaces. ``(a|b)`` means "a or b", ``[a]`` means "a or nothing"; they
    nest. A space matches any run of white space (line breaks too) or hyphens; a hyphen
    matches the same or nothing (``over-involved`` finds "over involved" and "overinvolved");
    an apostrophe matches ``'``, ``’`` or nothing (``can't`` finds "cant"). Case is ignored
    and a form only matches whole words.

Context rules (to avoid false alarms)
    A match is not a finding when the text just before it ends with a ``not_before`` form
    (the exploiters "colluding" with each other: ``not_before: ["exploiters [are]"]``), or
    when the text just after it starts with a ``not_after`` form (a helpline "hard to reach"
    for families). Only white space or hyphens may lie between the form and the match, and
    ``not_before`` looks only at the clause the match is in (from the last ``.``, ``!``, ``?``
    or ``;``).

Whom a phrase is said of (``said_of``, ``not_said_of``)
    A finding only when the phrase is said of a parent, carer, family or child: the word just
    after it decides ("hard to reach areas", "a chaotic household"), else the last word of the
    lists in the clause before it ("the police were hostile", "mum was hostile"), leaving out
    a word after a preposition ("the meeting with mum was chaotic"); a word of describing or
    saying ("described as", "officers felt") counts as said of the person. With none of the
    words near, the phrase counts. See :class:`Context`.

Overlaps
    Every rule is run over the whole text; where findings overlap, the one that starts
    first wins, then the longer one, then the earlier entry in the guide.

Exemptions: a clear, visible marker, never a global ignore list
    Markdown (``docs/``): text between ``<!-- language-check: quoted -->`` and
    ``<!-- /language-check -->`` is not checked. Use it only round a phrase quoted on
    purpose; the markers show in the page source and are not rendered. A block left open
    is itself reported.

    YAML (``standards/``): the records that are quotations on purpose are exempt by their
    kind or flag: every field of a language-guide entry (it lists the phrases), a parent
    quote's ``text``, and a finding's ``text`` when the finding has ``quoted: true``. Any
    other text field is exempt only with the comment ``# language-check: quoted`` on the
    line of its key (or of its list item), visible next to the quotation.

    The paste-in page and ``python -m macros lint`` on a .txt or .docx file exempt nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..data import model as m
from ..data.problems import Problem
from .forms import END, FLAGS, JS_FLAGS, SEP, START, alternation, compile_form  # noqa: F401 - compile_form, FormError: the public API
from .forms import FormError  # noqa: F401

SUFFIXES = (".txt", ".md", ".docx")  # what a folder given to the command line stands for
MARK_OPEN = "<!-- language-check: quoted -->"
MARK_CLOSE = "<!-- /language-check -->"
YAML_MARK = "# language-check: quoted"
# a language-guide entry's own prose, checked like any text: what to say instead must pass
LANGUAGE_PROSE = ("say_instead", "how_it_lands", "why_it_harms")


# --- rules and findings ----------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """Whom a phrase is said of: the said_of and not_said_of word lists of an entry.

    ``before`` and ``after`` are the same two expressions for every entry, over every word list
    the guide's entries name (one group per list, in the order of ``lists``), so the page makes
    two of them, not two for each entry; ``said`` and ``not_said`` are the entry's lists, as
    positions in ``lists``. A list word that is in neither of the entry's lists is passed over.

    ``after`` is tried first, just after the match (the word a phrase describes: "chaotic
    household", "hard to reach areas"; never a pronoun, which is the object of a verb:
    "controlling them"); then the last of ``before``'s matches in the clause
    before the match (from the last of ``BOUNDARIES``), leaving out words that follow a
    preposition ("the meeting with mum"), and where "described as" (or "seen as", "presents
    as", or a word of saying or thinking: "officers felt") is the last, the phrase is said of
    the person spoken of. In ``before`` group 1 is "described as", 2 the preposition and 3 on
    the word lists, one each; in ``after`` group 1 is "by" (the agent: "a failure to protect by
    the mother", which counts only for a said_of word) and 2 on the word lists."""

    before: str  # regex source, searched (all matches) in the clause before the phrase
    after: str  # regex source, matched exactly where the phrase ends
    lists: tuple[str, ...]  # the word lists' IDs, in the order of their groups
    said: tuple[int, ...]  # the entry's said_of lists, as positions in ``lists``
    not_said: tuple[int, ...]  # its not_said_of lists


@dataclass(frozen=True)
class Rule:
    id: str
    phrase: str
    about: str
    label: str
    how_it_lands: str
    why_it_harms: str
    say_instead: tuple[str, ...]
    pattern: str  # regex source for the match itself
    not_before: str | None  # regex source, tested against the text before the match
    not_after: str | None  # regex source, tested against the text after the match
    context: Context | None = None  # whom it must (not) be said of


BOUNDARIES = ".!?;"  # where a clause ends (characters, not a regex); a line break does not: Markdown wraps its lines
NEVER = "(?!)"
# a word the phrase is not said of when it follows one of these ("mum was hostile at the meeting")
PREPOSITION = (
    "(?:with|to|for|by|about|from|towards|toward|at|of|on|in|into|against|around|near|after|before|"
    "during|since|following|until|than|like|between|among|amongst|without|via|through|outside|inside)"
)
# "school describe him as", "mum presents as": what follows is said of the person described
DESCRIBED = (
    f"(?:described|describes|describe|describing|seen|sees|see|saw|viewed|views|view|regarded|regards|perceived|"
    f"perceives|presents|presented|presenting|labelled|labeled|comes across|came across|coming across)"
    f"(?:{SEP}(?:her|him|them|herself|himself|themselves))?{SEP}as"
    # "officers felt the activity was consensual": what follows is their view of the person
    f"|(?:said|says|say|felt|feel|feels|thought|thinks|think|believed|believes|believe|considered|considers|"
    f"stated|states|state|reported|reports|report|noted|notes|note|recorded|records|record|suggested|suggests|suggest|described|describes|describe)"
)
PRONOUN = "(?:she|he|they|her|him|them|it|we|us|you|me)"  # never what the word just after a phrase describes
DETERMINER = "(?:the|a|an|her|his|their|our|my|your|its|this|that|these|those|some|other|another|any)"


def _words(lists) -> str:
    forms = [w for lst in lists for w in lst.words]
    return alternation(forms) if forms else NEVER


def context_of(e: m.LanguageEntry, lists: tuple, before: str, after: str) -> Context | None:
    """The context rule of an entry, or None when it names no word lists."""
    if not e.said_of and not e.not_said_of:
        return None
    ids = tuple(w.id for w in lists)
    return Context(
        before=before,
        after=after,
        lists=ids,
        said=tuple(ids.index(w.id) for w in e.said_of),
        not_said=tuple(ids.index(w.id) for w in e.not_said_of),
    )


def shared_context(language) -> tuple[tuple, str, str]:
    """Every word list the entries name (by ID), and the two expressions over all of them."""
    seen: dict[str, object] = {}
    for e in language:
        for w in (*e.said_of, *e.not_said_of):
            seen.setdefault(w.id, w)
    lists = tuple(seen[k] for k in sorted(seen))
    who = "(?:" + "|".join(f"({_words((w,))})" for w in lists) + ")" if lists else NEVER
    # "described as" first: "school report", "nurse notes" are what someone says of the person
    before = f"{START}(?:({DESCRIBED})|(?:({PREPOSITION}){SEP}(?:{DETERMINER}{SEP})?)?{who}){END}"
    after = f"{SEP}(?:(by){SEP}(?:{DETERMINER}{SEP})?)?(?!{PRONOUN}{END}){who}{END}"
    return lists, before, after


def _not_before(forms) -> str | None:
    """Forms that may not end just before the phrase; one starting with an apostrophe ("'s")
    follows a word directly ("Sam's mum"), so it has no word boundary before it."""
    if not forms:
        return None
    joined = [f"{START}{compile_form(f)}" if f.strip()[:1] not in "'\u2019" else compile_form(f) for f in forms]
    return "(?:" + "|".join(sorted(set(joined), key=lambda x: (-len(x), x))) + f"){SEP}$"


def compile_rules(language: tuple[m.LanguageEntry, ...]) -> tuple[Rule, ...]:
    rules = []
    lists, before, after_words = shared_context(language)
    for e in language:
        forms = [e.phrase, *e.variants, *e.match]
        after = e.not_after
        rules.append(
            Rule(
                id=e.id,
                phrase=e.phrase,
                about=e.about or "parents",
                label=e.label,
                how_it_lands=e.how_it_lands,
                why_it_harms=e.why_it_harms,
                say_instead=tuple(e.say_instead),
                pattern=f"{START}{alternation(forms)}{END}",
                not_before=_not_before(e.not_before),
                not_after=f"{SEP}{alternation(after)}{END}" if after else None,
                context=context_of(e, lists, before, after_words),
            )
        )
    return tuple(rules)


def clause_start(text: str, offset: int) -> int:
    """Where the clause holding ``offset`` starts: after the last of BOUNDARIES before it."""
    return max(text.rfind(c, 0, offset) for c in BOUNDARIES) + 1


def patterns_json(guide: m.Guide) -> dict:
    """What the browser needs: the compiled rules, with their explanations, prepared here at
    build time so that the page only hands each source to RegExp. The two context expressions
    are the same for every entry, so they are written once."""
    rules = compile_rules(guide.language)
    shared = next((r.context for r in rules if r.context is not None), None)
    return {
        "version": guide.meta.version,
        "flags": JS_FLAGS,
        "boundaries": BOUNDARIES,
        "context": {"before": shared.before, "after": shared.after, "lists": list(shared.lists)} if shared else None,
        "rules": [
            {
                "id": r.id,
                "phrase": r.phrase,
                "about": r.about,
                "label": r.label,
                "how_it_lands": r.how_it_lands,
                "why_it_harms": r.why_it_harms,
                "say_instead": list(r.say_instead),
                "pattern": r.pattern,
                "not_before": r.not_before,
                "not_after": r.not_after,
                "said_of": list(r.context.said) if r.context is not None else None,
                "not_said_of": list(r.context.not_said) if r.context is not None else None,
            }
            for r in rules
        ],
    }


def language_json(guide: m.Guide) -> dict[str, bytes]:
    """Producer for :mod:`macros.downloads.registry`: the compiled patterns for the checker page."""
    data = json.dumps(patterns_json(guide), ensure_ascii=True, indent=1, sort_keys=True)
    return {"assets/data/language.json": data.encode("utf-8")}


@dataclass(frozen=True)
class Finding:
    """One phrase found: where (1-based line and column, in characters), what and why."""

    path: str
    line: int
    col: int
    text: str  # the words as found
    rule: Rule | None  # None for a problem with the markers themselves
    message: str = ""
    start: int = 0
    end: int = 0

    @property
    def what(self) -> str:
        """What was found and what to say instead (the finding without its place)."""
        if self.rule is None:
            return self.message
        found = " ".join(self.text.split())
        alternatives = " or ".join(f'"{s}"' for s in self.rule.say_instead)
        context = f"{self.message} " if self.message else ""
        return f'{context}"{found}" ({self.rule.label}) -> say instead: {alternatives}'

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.what}"

    def github(self) -> str:
        """The finding as a GitHub Actions annotation on its line of a pull request's diff."""
        return Problem(self.path, self.line, self.what, "PG022", self.col).github()


class Matcher:
    """Finds the phrases of the language guide in a text."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        shared: dict[str, re.Pattern] = {}  # the context expressions, one of each, whatever the entry
        for r in rules:
            if r.context is not None:
                for src in (r.context.before, r.context.after):
                    shared.setdefault(src, re.compile(src, FLAGS))
        self._compiled = [
            (
                r,
                re.compile(r.pattern, FLAGS),
                re.compile(r.not_before, FLAGS) if r.not_before else None,
                re.compile(r.not_after, FLAGS) if r.not_after else None,
                (shared[r.context.before], shared[r.context.after], set(r.context.said), set(r.context.not_said)) if r.context else None,
            )
            for r in rules
        ]

    @classmethod
    def from_guide(cls, guide: m.Guide) -> "Matcher":
        return cls(compile_rules(guide.language))

    def spans(self, text: str) -> list[tuple[int, int, Rule]]:
        """(start, end, rule) of every finding, in order, without overlaps."""
        found = []
        for order, (rule, rx, before, after, context) in enumerate(self._compiled):
            for mt in rx.finditer(text):
                s, e = mt.span()
                if before is not None and before.search(text[clause_start(text, s) : s]):
                    continue
                if after is not None and after.match(text, e):
                    continue
                if context is not None and not said_of_a_person(context, text, s, e):
                    continue
                found.append((s, -(e - s), order, e, rule))
        found.sort(key=lambda t: t[:3])
        kept: list[tuple[int, int, Rule]] = []
        for s, _neg, _order, e, rule in found:
            if kept and s < kept[-1][1]:
                continue
            kept.append((s, e, rule))
        return kept

    def find(self, text: str, path: str = "<text>", skip: list[tuple[int, int]] = ()) -> list[Finding]:
        out = []
        for s, e, rule in self.spans(text):
            if any(a <= s < b for a, b in skip):
                continue
            line, col = position(text, s)
            out.append(Finding(path, line, col, text[s:e], rule, start=s, end=e))
        return out


def _which(mt: re.Match, first: int, said: set[int], not_said: set[int]) -> bool | None:
    """True for a said_of word, False for a not_said_of word, None for a word of another list."""
    for k, g in enumerate(mt.groups()[first - 1 :]):
        if g is not None:
            return True if k in said else False if k in not_said else None
    return None


def said_of_a_person(context: tuple, text: str, s: int, e: int) -> bool:
    """Whether the phrase at text[s:e] counts, by its context rule (see :class:`Context`):
    the word just after it decides, else the last word of the lists in its clause before it
    that does not follow a preposition; with neither, it counts."""
    before, after, said, not_said = context
    mt = after.match(text, e)
    if mt is not None:
        kind = _which(mt, 2, said, not_said)
        if kind is not None and (mt.group(1) is None or kind):
            return kind
    last = None
    for mt in before.finditer(text[clause_start(text, s) : s]):
        if mt.group(2) is not None:
            continue  # after a preposition
        kind = True if mt.group(1) is not None else _which(mt, 3, said, not_said)
        if kind is not None:
            last = kind
    return last is None or last


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


# --- exemptions in Markdown ------------------------------------------------------------


def quoted_blocks(text: str, path: str) -> tuple[list[tuple[int, int]], list[Finding]]:
    """The spans between the quoted-block markers, and a problem for each marker misused."""
    spans, problems = [], []
    i = 0
    while True:
        a = text.find(MARK_OPEN, i)
        c = text.find(MARK_CLOSE, i)
        if a == -1 and c == -1:
            break
        if c != -1 and (a == -1 or c < a):
            line, col = position(text, c)
            problems.append(Finding(path, line, col, MARK_CLOSE, None, f"'{MARK_CLOSE}' without an opening '{MARK_OPEN}'"))
            i = c + len(MARK_CLOSE)
            continue
        close = text.find(MARK_CLOSE, a + len(MARK_OPEN))
        nested = text.find(MARK_OPEN, a + len(MARK_OPEN))
        if close == -1 or (nested != -1 and nested < close):
            line, col = position(text, a)
            problems.append(
                Finding(
                    path,
                    line,
                    col,
                    MARK_OPEN,
                    None,
                    f"'{MARK_OPEN}' is not closed with '{MARK_CLOSE}' before the next block or the end",
                )
            )
            i = a + len(MARK_OPEN)
            continue
        spans.append((a, close + len(MARK_CLOSE)))
        i = close + len(MARK_CLOSE)
    return spans, problems


def lint_markdown(text: str, matcher: Matcher, path: str) -> list[Finding]:
    skip, problems = quoted_blocks(text, path)
    found = matcher.find(text, path, skip)
    return sorted(problems + found, key=lambda f: (f.line, f.col))


# --- files -----------------------------------------------------------------------------


class Unreadable(Exception):
    """A file the checker cannot read; the message says why, in plain words."""


def read_text_file(path: Path) -> str:
    """The text of a .txt/.md (UTF-8) or .docx file (one line per paragraph)."""
    shown = str(path)
    if not path.exists():
        raise Unreadable(f"{shown}: cannot read: no such file")
    if path.is_dir():
        raise Unreadable(f"{shown}: cannot read: it is a folder, not a file")
    if path.suffix.lower() == ".docx":
        return _docx_text(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise Unreadable(f"{shown}: cannot read: {err.strerror or err}") from None
    if b"\x00" in data:
        raise Unreadable(f"{shown}: cannot read: it is not a text file (save it as .txt, .md or .docx)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(f"{shown}: cannot read: it is not UTF-8 text (save it as UTF-8 .txt, .md or .docx)") from None


def _docx_text(path: Path) -> str:
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is pinned in requirements.txt
        raise Unreadable(f"{path}: cannot read .docx files: python-docx is not installed") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise Unreadable(f"{path}: cannot read: it is not a readable Word (.docx) document ({type(err).__name__})") from None
    except Exception as err:  # python-docx raises many kinds on broken XML
        raise Unreadable(f"{path}: cannot read: it is not a readable Word (.docx) document ({type(err).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def lint_file(path: Path, matcher: Matcher, shown: str | None = None) -> list[Finding]:
    """Findings in one file. Markdown honours the quoted-block markers. Raises Unreadable."""
    text = read_text_file(path)
    shown = shown or str(path)
    if path.suffix.lower() == ".md":
        return lint_markdown(text, matcher, shown)
    return matcher.find(text, shown)


# --- the project's own content ---------------------------------------------------------


def exempt_field(kind: str, field: str, quoted: bool, key_line_text: str) -> bool:
    """The rule for standards/: quotations on purpose, by kind or flag or visible comment."""
    if kind == "language":  # it lists the phrases; what it says of them, and instead, must pass
        return field not in LANGUAGE_PROSE
    if kind == "word_list" or field == "id":  # the words themselves; IDs are not prose
        return True
    if kind == "quote" and field == "text":
        return True
    if kind == "finding" and field == "text" and quoted:
        return True
    return YAML_MARK in key_line_text


def lint_standards(guide: m.Guide, standards_dir: Path, root: Path, matcher: Matcher) -> list[Finding]:
    """Findings in the text fields of the data files under ``standards_dir``, as the loader read them."""
    try:
        prefix = standards_dir.resolve().relative_to(root.resolve()).as_posix().rstrip("/") + "/"
    except ValueError:
        prefix = standards_dir.resolve().as_posix().rstrip("/") + "/"
    out = []
    sources: dict[str, list[str]] = {}
    for tf in guide.text_fields:
        if not tf.path.startswith(prefix) or exempt_field(tf.kind, tf.field, tf.quoted, tf.line_text):
            continue
        who = f"{tf.label} {tf.record_id}" if tf.record_id else tf.label
        found = matcher.find(tf.text, tf.path)
        if not found:
            continue
        if tf.path not in sources:
            try:
                sources[tf.path] = (root / tf.path).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeError):
                sources[tf.path] = []
        places = place_in_source(sources[tf.path], tf.line, [f.text for f in found])
        for f, (line, col) in zip(found, places):
            out.append(Finding(tf.path, line, col, f.text, f.rule, f"{who} field '{tf.field}':", f.start, f.end))
    return out


def place_in_source(lines: list[str], line: int, phrases: list[str]) -> list[tuple[int, int]]:
    """Where each phrase found in one field's value is in the file: its own line and column.

    The value starts on ``line`` (its key's line, or its list item's) and runs until a line
    indented no further than that one. YAML may have folded the value over several lines, so a
    space in a phrase stands for any run of spaces, line breaks and hyphens there. Phrases are
    placed in order, each after the one before; one not found (written with escapes in quotation
    marks) is placed at the start of the value's line."""
    if not 0 < line <= len(lines):
        return [(line, 1)] * len(phrases)
    first = lines[line - 1]
    indent = len(first) - len(first.lstrip())
    end = line
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    block = "\n".join(lines[line - 1 : end])
    places, at = [], 0
    for phrase in phrases:
        words = [w for w in re.split(r"[\s-]+", phrase) if w]
        pattern = re.compile(r"(?<!\w)" + r"[\s-]+".join(map(re.escape, words)), re.IGNORECASE) if words else None
        match = pattern.search(block, at) if pattern else None
        if match is None:
            places.append((line, indent + 1))
            continue
        at = match.end()
        row, col = position(block, match.start())
        places.append((line + row - 1, col))
    return places


def lint_docs(docs_dir: Path, root: Path, matcher: Matcher) -> list[Finding]:
    out = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            shown = path.relative_to(root).as_posix()
        except ValueError:
            shown = path.as_posix()
        out.extend(lint_file(path, matcher, shown))
    return out


def lint_project(guide: m.Guide, root: Path, docs_dir: Path, standards_dir: Path) -> list[Finding]:
    """Every finding in the site's own content: docs/ pages and standards/ text fields."""
    matcher = Matcher.from_guide(guide)
    return lint_docs(docs_dir, root, matcher) + lint_standards(guide, standards_dir, root, matcher)
