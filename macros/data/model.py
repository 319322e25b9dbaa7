"""The practice guide's record kinds, each declared once, and the model built from them.

Every class here is a record kind: a frozen dataclass whose fields carry their rules (help,
required or optional, the kind they refer to, pattern, length limit; see
:mod:`macros.data.fields`). The loader's checks, the editor JSON Schema in
``standards/schema/`` and the model the loader builds all come from these declarations.
Adding a field is one edit here plus the fragment that shows it.

Cross-references are resolved in the model, so templates never look anything up by hand: a
standard holds its findings and quotes, a finding knows the standards that cite it.
Back-references are set once while the model is built and are left out of equality and repr.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from . import fields as f
from .fields import CODE, LOWER_ID, SNAKE_ID, VERSION, Origin
from .translations import Text, Translations

SOURCE_KINDS = ("article", "slides", "statement", "report", "review", "update", "guidance")
TITLE = 160  # characters: a title longer than this is a sentence, and breaks headers and sheets


@f.record("meta", file="meta.yml", collection="meta", single=True, help="The data's version and date, stamped on every download.")
class Meta:
    title: str = f.text("The name of the benchmark.", max_length=TITLE)
    version: str = f.text("Version of the data, e.g. 1.0.0.", pattern=VERSION)
    date: str = f.date("Date of this version, YYYY-MM-DD.")
    publisher: str = f.text("Who publishes this edition.")
    origin: Origin = f.origin()


@f.record(
    "rating",
    file="ratings.yml",
    collection="ratings",
    help="A rating a partnership gives a standard or an indicator. The IDs are fixed: saved assessments use them.",
)
class Rating:
    id: str = f.ident(SNAKE_ID, "not_applicable")
    label: str = f.text("The word the reader sees, e.g. Green.", max_length=40)
    meaning: str = f.text("What the rating means, in a few words, e.g. 'in place and evidenced'.", max_length=80)
    score: int | None = f.integer("0, 1 or 2 for the ratings that grade a standard (Red, Amber, Green); left out for the others.", required=False)
    origin: Origin = f.origin()


@f.record("level", file="levels.yml", collection="levels", help="A level at which a partnership works: strategic, commissioning, operational.")
class Level:
    id: str = f.ident(LOWER_ID, "strategic")
    code: str = f.text("Short code used in standard IDs, e.g. STR.", pattern=CODE)
    title: str = f.text(max_length=TITLE)
    who: str = f.text("Who works at this level.")
    summary: str = f.text()
    standards: tuple[Standard, ...] = f.back("standard", "level")
    origin: Origin = f.origin()


@f.record("theme", file="themes.yml", collection="themes", help="One of the six points of key learning from parents, used to group standards.")
class Theme:
    id: str = f.ident(LOWER_ID, "strategic")
    code: str = f.text("Short code used in standard IDs, e.g. LISTEN.", pattern=CODE)
    title: str = f.text(max_length=TITLE)
    summary: str = f.text()
    key_learning: tuple[KeyLearning, ...] = f.back("key_learning", "theme")
    standards: tuple[Standard, ...] = f.back("standard", "theme")
    quotes: tuple[Quote, ...] = f.back("quote", "themes")
    origin: Origin = f.origin()


@f.record("finding", help="A key finding of a source document or review.")
class Finding:
    id: str = f.ident()
    text: str = f.text("The finding, in the guide's words unless 'quoted' is true.")
    quoted: bool = f.boolean("true when 'text' is the source's own words, shown as a quotation.", required=False)
    content_note: str | None = f.text("A short note shown before a finding that describes harm; the reader opens it.", required=False)
    source: Source = f.parent("source")
    cited_by: tuple[Standard, ...] = f.back("standard", "findings")
    origin: Origin = f.origin()


@f.record("source", file="sources.yml", collection="sources", help="A document or review the guide rests on, with its key findings.")
class Source:
    id: str = f.ident()
    title: str = f.text(max_length=300)
    author: str | None = f.text("Author or publisher, as the document gives it.", required=False)
    year: int | None = f.integer("Year of publication, where the document gives it.", required=False)
    kind: str = f.choice(SOURCE_KINDS)
    summary: str = f.text()
    cited_in: Source | None = f.ref("source", "The document that cites this one.", required=False, compare=False)
    findings: tuple[Finding, ...] = f.records("finding", required=False)
    cites: tuple[Source, ...] = f.back("source", "cited_in")
    origin: Origin = f.origin()


@f.record("key_learning", label="key learning", file="key-learning.yml", collection="key_learning", help="A point of key learning from parents.")
class KeyLearning:
    id: str = f.ident()
    theme: Theme = f.ref("theme")
    point: str = f.text("The point as the source words it.")
    explanation: str = f.text()
    source: Source = f.ref("source")
    standards: tuple[Standard, ...] = f.back("standard", "key_learning")
    origin: Origin = f.origin()


@f.record(
    "principle",
    file="principles.yml",
    collection="principles",
    help="A recommendation of the National Parents in Exploitation Safeguarding group (NPIES).",
)
class Principle:
    id: str = f.ident()
    title: str = f.text("The recommendation as the source words it.", max_length=TITLE)
    text: str = f.text("What it means in practice.")
    source: Source = f.ref("source")
    standards: tuple[Standard, ...] = f.back("standard", "principles")
    origin: Origin = f.origin()


@f.record("outcome", file="outcomes.yml", collection="outcomes", help="An outcome of the Relational Safeguarding Model.")
class Outcome:
    id: str = f.ident()
    title: str = f.text("The outcome as the source words it.", max_length=TITLE)
    text: str = f.text("What it means in practice.")
    source: Source = f.ref("source")
    standards: tuple[Standard, ...] = f.back("standard", "outcomes")
    origin: Origin = f.origin()


@f.record("quote", file="quotes.yml", collection="quotes", help="A parent's words, quoted verbatim with the source's attribution.")
class Quote:
    id: str = f.ident()
    text: str = f.text("The parent's words, verbatim. Never edit or paraphrase.")
    attribution: str = f.text("Exactly as the source gives it, e.g. 'Anon, East Riding, 2020'.")
    source: Source = f.ref("source")
    year: int = f.integer()
    provenance: str = f.text("Where the quote was published and on what basis it may be reproduced (consent).")
    themes: tuple[Theme, ...] = f.ref_list("theme")
    content_note: str | None = f.text("A short note before distressing words.", required=False)
    standards: tuple[Standard, ...] = f.back("standard", "quotes")
    origin: Origin = f.origin()


@f.record(
    "word_list",
    label="language word list",
    file="language-words.yml",
    collection="word_lists",
    optional=True,
    help="Words for whom or what a phrase is said of, named once for the language guide's entries.",
)
class WordList:
    id: str = f.ident(example="W-PEOPLE")
    description: str = f.text("What the words stand for, e.g. parents, carers, children and the words for them.")
    words: tuple[str, ...] = f.forms("The words, in the language checker's form syntax: (a|b) means a or b, [a] means a or nothing.")
    origin: Origin = f.origin()


LANGUAGE_ABOUT = ("parents", "children")


@f.record("language", label="language entry", file="language.yml", collection="language", help="A phrase that blames parents or exploited children, with what to say instead.")
class LanguageEntry:
    id: str = f.ident()
    about: str | None = f.choice(LANGUAGE_ABOUT, "Whom the phrase blames: parents (and carers), the default, or exploited children and young people.", required=False)
    phrase: str = f.forms("The phrase to avoid.", plain=True)
    variants: tuple[str, ...] = f.forms(
        "Other forms that mean the same, shown on the guide page and found by the language checker.", required=False
    )
    match: tuple[str, ...] = f.forms("More forms the language checker finds: (a|b) means a or b, [a] means a or nothing.", required=False)
    not_before: tuple[str, ...] = f.forms(
        "Context rule: not a finding when the text just before the phrase ends with one of these forms.", required=False
    )
    not_after: tuple[str, ...] = f.forms(
        "Context rule: not a finding when the text just after the phrase starts with one of these forms.", required=False
    )
    said_of: tuple[WordList, ...] = f.ref_list(
        "word_list",
        "Context rule: a finding only when the phrase is said of these (the nearest such word in its clause, or the word just after it); "
        "when neither these nor not_said_of words are near, it is a finding.",
        required=False,
    )
    not_said_of: tuple[WordList, ...] = f.ref_list(
        "word_list", "Context rule: not a finding when the phrase is said of these (a service, place, object or perpetrator).", required=False
    )
    label: str = f.text("The label the phrase puts on parents or on the child.")
    example: str | None = f.text("The professional's words as the source gives them, verbatim.", required=False)
    how_it_lands: str = f.text("How a parent hears it.")
    why_it_harms: str = f.text()
    say_instead: tuple[str, ...] = f.text_list()
    source: Source = f.ref("source")
    origin: Origin = f.origin()


@f.record("glossary", label="glossary entry", file="glossary.yml", collection="glossary", help="Abbreviations and their full terms, fed to the search index.")
class GlossaryEntry:
    id: str = f.ident()
    terms: tuple[str, ...] = f.text_list("Words that mean the same; a search for one finds the others.")
    definition: str = f.text()
    origin: Origin = f.origin()


@f.record("standard", file="benchmark/*.yml", collection="standards", help="A benchmark standard.")
class Standard:
    id: str = f.ident()
    level: Level = f.ref("level")
    theme: Theme = f.ref("theme")
    title: str = f.text(max_length=TITLE)
    statement: str = f.text()
    indicators: tuple[str, ...] = f.text_list("What good looks like.")
    evidence_prompts: tuple[str, ...] = f.text_list("What a partnership could show.")
    plain_english: str = f.text("The standard in plain words, for parents.")
    findings: tuple[Finding, ...] = f.ref_list("finding", "The source findings it rests on.")
    key_learning: tuple[KeyLearning, ...] = f.ref_list("key_learning", required=False)
    quotes: tuple[Quote, ...] = f.ref_list("quote", required=False)
    principles: tuple[Principle, ...] = f.ref_list("principle", required=False)
    outcomes: tuple[Outcome, ...] = f.ref_list("outcome", required=False)
    keywords: tuple[str, ...] = f.text_list("Words people search for.", required=False)
    search_terms: tuple[str, ...] = f.derived("Keywords plus the glossary synonyms of terms the standard uses, for the search index.")
    added: str = f.text("The data version in which the standard was first published, e.g. 1.0.0.", pattern=VERSION)
    changed: str | None = f.text("The data version in which its wording last changed.", required=False, pattern=VERSION)
    change_note: str | None = f.text("What changed, in a sentence, for the 'What has changed' page.", required=False)
    origin: Origin = f.origin()

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources of this standard's findings, each once, in order."""
        seen: dict[str, Source] = {}
        for finding in self.findings:
            seen.setdefault(finding.source.id, finding.source)
        return tuple(seen.values())


@f.record(
    "retired",
    label="retired standard",
    file="retired.yml",
    collection="retired",
    optional=True,
    help="A standard that is no longer in the benchmark. Its ID stays reserved and its URL says what replaced it.",
)
class Retired:
    id: str = f.ident()
    title: str = f.text("The title it had when it was retired.", max_length=TITLE)
    retired: str = f.text("The data version that retired it.", pattern=VERSION)
    replaced_by: tuple[Standard, ...] = f.ref_list("standard", "The standards that carry its ratings over.", required=False)
    reason: str = f.text("Why it was retired, in a sentence.")
    origin: Origin = f.origin()


PHONE = re.compile(r"^[0-9][0-9 ]{2,14}[0-9]$")  # as dialled in the UK: digits and spaces, "0808 800 5000", "116 000", "999"
WEBSITE = re.compile(r"^https://[^\s\"'<>]+$")  # a real address, never a script: https only


@f.record(
    "support",
    label="support organisation",
    file="support.yml",
    collection="support",
    optional=True,
    help="Where parents and carers can get help now, shown on the pages for parents. Only what you have checked on the organisation's own site.",
)
class SupportOrganisation:
    id: str = f.ident(example="SUP-NSPCC")
    name: str = f.text(max_length=TITLE)
    offers: str = f.text("What it offers, in a sentence, for parents.")
    who: str = f.text("Who it is for.", max_length=TITLE)
    phone: str | None = f.text("The number to call, as the organisation writes it.", required=False, pattern=PHONE, max_length=20)
    phone_note: str | None = f.text("When to call, or what a call costs, as the organisation says.", required=False, max_length=TITLE)
    website: str = f.text("The organisation's own page for this help (https).", pattern=WEBSITE, max_length=300)
    checked: str = f.date("When someone last checked the number and the address on the organisation's own site, YYYY-MM-DD.")
    origin: Origin = f.origin()


@f.record(
    "ui",
    label="interface string",
    file="ui.yml",
    collection="ui",
    optional=True,
    help="Words of the site's interface (buttons, labels, messages), declared once so that they can be translated.",
)
class UiString:
    id: str = f.ident(LOWER_ID, "exit-button")
    text: str = f.text("The words as the reader sees them, in English.", max_length=300)
    where: str = f.text("Where the words are shown and what they do, for translators.")
    origin: Origin = f.origin()


# Every record kind, in the order the loader reads their files and builds them.
KINDS: tuple[type, ...] = (
    Meta, Rating, Level, Theme, Source, Finding, KeyLearning, Principle, Outcome, Quote, WordList, LanguageEntry, GlossaryEntry, Standard, Retired,
    SupportOrganisation, UiString,
)  # fmt: skip

# The rating IDs the code and every saved assessment rely on, in the order they are offered,
# with their scores (None: the rating grades nothing).
RATING_SCORES: Mapping[str, int | None] = MappingProxyType({"red": 0, "amber": 1, "green": 2, "not_applicable": None, "not_assessed": None})
RATING_IDS = tuple(RATING_SCORES)
UNRATED = "not_assessed"


@dataclass(frozen=True)
class TextField:
    """One piece of text in a data file, where it is, and what holds it (for the language checker)."""

    path: str
    line: int  # the line of the field's key, or of the list item
    line_text: str  # that line as written, comments included
    kind: str  # the record kind, e.g. "standard"
    label: str
    record_id: str | None
    field: str
    text: str
    quoted: bool  # the record says its text is a quotation (a finding with quoted: true)


@dataclass(frozen=True)
class Guide:
    """The whole practice guide: every record, in display order."""

    meta: Meta
    ratings: tuple[Rating, ...]
    levels: tuple[Level, ...]
    themes: tuple[Theme, ...]
    standards: tuple[Standard, ...]
    sources: tuple[Source, ...]
    key_learning: tuple[KeyLearning, ...]
    principles: tuple[Principle, ...]
    outcomes: tuple[Outcome, ...]
    quotes: tuple[Quote, ...]
    language: tuple[LanguageEntry, ...]
    glossary: tuple[GlossaryEntry, ...]
    retired: tuple[Retired, ...] = ()
    word_lists: tuple[WordList, ...] = ()
    support: tuple[SupportOrganisation, ...] = ()
    ui: tuple[UiString, ...] = ()
    # the translations of the records' text (standards/cy/), and what state each is in
    translations: Translations = field(default_factory=Translations, compare=False, repr=False)
    by_id: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)
    # every text value as written, read in the same pass as the records (the language checker's input)
    text_fields: tuple[TextField, ...] = field(default=(), compare=False, repr=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.sources for f in s.findings)

    def rating(self, rating_id: str) -> Rating:
        for r in self.ratings:
            if r.id == rating_id:
                return r
        raise KeyError(f"no rating with id {rating_id!r} (known: {', '.join(r.id for r in self.ratings)})")

    @property
    def given_ratings(self) -> tuple[Rating, ...]:
        """The ratings a partnership can give, in order: every one but "not yet assessed"."""
        return tuple(r for r in self.ratings if r.id != UNRATED)

    @property
    def graded_ratings(self) -> tuple[Rating, ...]:
        """The ratings that grade a standard (Red, Amber, Green), worst first."""
        return tuple(sorted((r for r in self.ratings if r.score is not None), key=lambda r: r.score))

    def text(self, record: object, name: str, lang: str = "en", *, out_of_date: bool = False) -> Text:
        """The words of ``record.name`` in ``lang`` ("en", "cy"): the translation when a current one is
        written, otherwise the English with ``fallback`` set (see :meth:`Translations.text`)."""
        return self.translations.text(record, name, lang, out_of_date=out_of_date)

    def ui_text(self, ui_id: str, lang: str = "en") -> Text:
        """An interface string in ``lang``, or its English with ``fallback`` set."""
        return self.text(self._get(ui_id, UiString), "text", lang)

    def standard(self, standard_id: str) -> Standard:
        return self._get(standard_id, Standard)

    def level(self, level_id: str) -> Level:
        return self._get(level_id, Level)

    def theme(self, theme_id: str) -> Theme:
        return self._get(theme_id, Theme)

    def quote(self, quote_id: str) -> Quote:
        return self._get(quote_id, Quote)

    def finding(self, finding_id: str) -> Finding:
        return self._get(finding_id, Finding)

    def standards_for(self, level: Level | None = None, theme: Theme | None = None) -> tuple[Standard, ...]:
        return tuple(
            s
            for s in self.standards
            if (level is None or s.level.id == level.id) and (theme is None or s.theme.id == theme.id)
        )

    def _get(self, record_id: str, kind: type) -> object:
        record = self.by_id.get(record_id)
        if not isinstance(record, kind):
            known = ", ".join(sorted(k for k, v in self.by_id.items() if isinstance(v, kind)))
            raise KeyError(f"no {kind.__name__.lower()} with id {record_id!r} (known: {known})")
        return record
