"""The shape of every record in ``standards/``, declared once.

The loader validates against these specs, and the JSON Schema for editors can be
generated from them, so the rules live in one place. No MkDocs import here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Field kinds
TEXT = "text"  # a non-empty string
TEXT_LIST = "text_list"  # a non-empty list of non-empty strings
INT = "int"  # a whole number
BOOL = "bool"
DATE = "date"  # YYYY-MM-DD
REF = "ref"  # the id of a record of another kind
REF_LIST = "ref_list"  # a list of such ids
CHOICE = "choice"  # one of a fixed set of strings
RECORDS = "records"  # a nested list of records (a source's findings)

UPPER_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
LOWER_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Z]{2,8}$")
VERSION = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = True
    ref: str | None = None  # record kind named by REF / REF_LIST
    choices: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    records: "RecordSpec | None" = None  # for RECORDS
    help: str = ""


@dataclass(frozen=True)
class RecordSpec:
    kind: str  # key used in references and messages, e.g. "standard"
    label: str  # how a message names it, e.g. "standard"
    fields: tuple[Field, ...]
    id_pattern: re.Pattern[str] = UPPER_ID
    help: str = ""

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True)
class FileSpec:
    """Which files hold which kind of record."""

    pattern: str  # glob relative to standards/
    spec: RecordSpec
    single: bool = False  # True: the file is one mapping, not a list of records
    optional: bool = False  # True: the file may be missing or an empty list


def _id(pattern: re.Pattern[str] = UPPER_ID) -> Field:
    return Field("id", TEXT, pattern=pattern, help="Stable ID: never change it once published.")


SOURCE_KINDS = ("article", "slides", "statement", "report", "review", "update")

META = RecordSpec(
    "meta",
    "meta",
    (
        Field("title", TEXT, help="The name of the benchmark."),
        Field("version", TEXT, pattern=VERSION, help="Version of the data, e.g. 1.0.0."),
        Field("date", DATE, help="Date of this version, YYYY-MM-DD."),
        Field("publisher", TEXT, help="Who publishes this edition."),
    ),
    help="The data's version and date, stamped on every download.",
)

LEVEL = RecordSpec(
    "level",
    "level",
    (
        _id(LOWER_ID),
        Field("code", TEXT, pattern=CODE, help="Short code used in standard IDs, e.g. STR."),
        Field("title", TEXT),
        Field("who", TEXT, help="Who works at this level."),
        Field("summary", TEXT),
    ),
    id_pattern=LOWER_ID,
    help="A level at which a partnership works: strategic, commissioning, operational.",
)

THEME = RecordSpec(
    "theme",
    "theme",
    (
        _id(LOWER_ID),
        Field("code", TEXT, pattern=CODE, help="Short code used in standard IDs, e.g. LISTEN."),
        Field("title", TEXT),
        Field("summary", TEXT),
    ),
    id_pattern=LOWER_ID,
    help="One of the six points of key learning from parents, used to group standards.",
)

FINDING = RecordSpec(
    "finding",
    "finding",
    (
        _id(),
        Field("text", TEXT, help="The finding, in the guide's words unless 'quoted' is true."),
        Field(
            "quoted",
            BOOL,
            required=False,
            help="true when 'text' is the source's own words, shown as a quotation.",
        ),
        Field("content_note", TEXT, required=False, help="A short note shown before a finding that describes harm; the reader opens it."),
    ),
    help="A key finding of a source document or review.",
)

SOURCE = RecordSpec(
    "source",
    "source",
    (
        _id(),
        Field("title", TEXT),
        Field("author", TEXT, required=False, help="Author or publisher, as the document gives it."),
        Field("year", INT, required=False, help="Year of publication, where the document gives it."),
        Field("kind", CHOICE, choices=SOURCE_KINDS),
        Field("summary", TEXT),
        Field("cited_in", REF, required=False, ref="source", help="The document that cites this one."),
        Field("findings", RECORDS, required=False, records=FINDING),
    ),
    help="A document or review the guide rests on, with its key findings.",
)

KEY_LEARNING = RecordSpec(
    "key_learning",
    "key learning",
    (
        _id(),
        Field("theme", REF, ref="theme"),
        Field("point", TEXT, help="The point as the source words it."),
        Field("explanation", TEXT),
        Field("source", REF, ref="source"),
    ),
    help="A point of key learning from parents.",
)

PRINCIPLE = RecordSpec(
    "principle",
    "principle",
    (
        _id(),
        Field("title", TEXT, help="The recommendation as the source words it."),
        Field("text", TEXT, help="What it means in practice."),
        Field("source", REF, ref="source"),
    ),
    help="A recommendation of the National Parents in Exploitation Safeguarding group (NPIES).",
)

OUTCOME = RecordSpec(
    "outcome",
    "outcome",
    (
        _id(),
        Field("title", TEXT, help="The outcome as the source words it."),
        Field("text", TEXT, help="What it means in practice."),
        Field("source", REF, ref="source"),
    ),
    help="An outcome of the Relational Safeguarding Model.",
)

QUOTE = RecordSpec(
    "quote",
    "quote",
    (
        _id(),
        Field("text", TEXT, help="The parent's words, verbatim. Never edit or paraphrase."),
        Field("attribution", TEXT, help="Exactly as the source gives it, e.g. 'Anon, East Riding, 2020'."),
        Field("source", REF, ref="source"),
        Field("year", INT),
        Field(
            "provenance",
            TEXT,
            help="Where the quote was published and on what basis it may be reproduced (consent).",
        ),
        Field("themes", REF_LIST, ref="theme"),
        Field("content_note", TEXT, required=False, help="A short note before distressing words."),
    ),
    help="A parent's words, quoted verbatim with the source's attribution.",
)

LANGUAGE = RecordSpec(
    "language",
    "language entry",
    (
        _id(),
        Field("phrase", TEXT, help="The phrase to avoid."),
        Field("variants", TEXT_LIST, required=False, help="Other forms that mean the same, shown on the guide page and found by the language checker."),
        Field(
            "match",
            TEXT_LIST,
            required=False,
            help="More forms the language checker finds: (a|b) means a or b, [a] means a or nothing.",
        ),
        Field(
            "not_before",
            TEXT_LIST,
            required=False,
            help="Context rule: not a finding when the text just before the phrase ends with one of these forms.",
        ),
        Field(
            "not_after",
            TEXT_LIST,
            required=False,
            help="Context rule: not a finding when the text just after the phrase starts with one of these forms.",
        ),
        Field("label", TEXT, help="The label the phrase puts on parents."),
        Field("example", TEXT, required=False, help="The professional's words as the source gives them, verbatim."),
        Field("how_it_lands", TEXT, help="How a parent hears it."),
        Field("why_it_harms", TEXT),
        Field("say_instead", TEXT_LIST),
        Field("source", REF, ref="source"),
    ),
    help="A phrase that blames parents, with what to say instead.",
)

GLOSSARY = RecordSpec(
    "glossary",
    "glossary entry",
    (
        _id(),
        Field("terms", TEXT_LIST, help="Words that mean the same; a search for one finds the others."),
        Field("definition", TEXT),
    ),
    help="Abbreviations and their full terms, fed to the search index.",
)

STANDARD = RecordSpec(
    "standard",
    "standard",
    (
        _id(),
        Field("level", REF, ref="level"),
        Field("theme", REF, ref="theme"),
        Field("title", TEXT),
        Field("statement", TEXT),
        Field("indicators", TEXT_LIST, help="What good looks like."),
        Field("evidence_prompts", TEXT_LIST, help="What a partnership could show."),
        Field("plain_english", TEXT, help="The standard in plain words, for parents."),
        Field("findings", REF_LIST, ref="finding", help="The source findings it rests on."),
        Field("key_learning", REF_LIST, required=False, ref="key_learning"),
        Field("quotes", REF_LIST, required=False, ref="quote"),
        Field("principles", REF_LIST, required=False, ref="principle"),
        Field("outcomes", REF_LIST, required=False, ref="outcome"),
        Field("keywords", TEXT_LIST, required=False, help="Words people search for."),
        Field("added", TEXT, pattern=VERSION, help="The data version in which the standard was first published, e.g. 1.0.0."),
        Field("changed", TEXT, required=False, pattern=VERSION, help="The data version in which its wording last changed."),
        Field("change_note", TEXT, required=False, help="What changed, in a sentence, for the 'What has changed' page."),
    ),
    help="A benchmark standard.",
)

RETIRED = RecordSpec(
    "retired",
    "retired standard",
    (
        _id(),
        Field("title", TEXT, help="The title it had when it was retired."),
        Field("retired", TEXT, pattern=VERSION, help="The data version that retired it."),
        Field("replaced_by", REF_LIST, required=False, ref="standard", help="The standards that carry its ratings over."),
        Field("reason", TEXT, help="Why it was retired, in a sentence."),
    ),
    help="A standard that is no longer in the benchmark. Its ID stays reserved and its URL says what replaced it.",
)

FILES: tuple[FileSpec, ...] = (
    FileSpec("meta.yml", META, single=True),
    FileSpec("levels.yml", LEVEL),
    FileSpec("themes.yml", THEME),
    FileSpec("sources.yml", SOURCE),
    FileSpec("key-learning.yml", KEY_LEARNING),
    FileSpec("principles.yml", PRINCIPLE),
    FileSpec("outcomes.yml", OUTCOME),
    FileSpec("quotes.yml", QUOTE),
    FileSpec("language.yml", LANGUAGE),
    FileSpec("glossary.yml", GLOSSARY),
    FileSpec("benchmark/*.yml", STANDARD),
    FileSpec("retired.yml", RETIRED, optional=True),
)

SPECS: dict[str, RecordSpec] = {
    s.kind: s for s in (META, LEVEL, THEME, SOURCE, FINDING, KEY_LEARNING, PRINCIPLE, OUTCOME, QUOTE, LANGUAGE, GLOSSARY, STANDARD, RETIRED)
}

