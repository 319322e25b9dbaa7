"""The typed, immutable model of the practice guide.

Built in one pass by :mod:`macros.load`. Cross-references are resolved here, so
templates never look anything up by hand: a standard holds its findings and
quotes, a finding knows the standards that cite it. Back-references are set
once while the model is being built and are excluded from equality and repr.
No MkDocs import here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


def _back() -> object:
    """A back-reference: filled in by the builder, not compared, not printed."""
    return field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Meta:
    title: str
    version: str
    date: str  # ISO date of this version
    publisher: str


@dataclass(frozen=True)
class Level:
    id: str
    code: str
    title: str
    who: str
    summary: str
    standards: tuple["Standard", ...] = _back()


@dataclass(frozen=True)
class Theme:
    id: str
    code: str
    title: str
    summary: str
    key_learning: tuple["KeyLearning", ...] = _back()
    standards: tuple["Standard", ...] = _back()
    quotes: tuple["Quote", ...] = _back()


@dataclass(frozen=True)
class Finding:
    id: str
    text: str
    quoted: bool
    content_note: str | None = None
    source: "Source" = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    cited_by: tuple["Standard", ...] = _back()


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    author: str | None
    year: int | None
    kind: str
    summary: str
    findings: tuple[Finding, ...]
    cited_in: "Source | None" = field(default=None, compare=False, repr=False)
    cites: tuple["Source", ...] = _back()


@dataclass(frozen=True)
class KeyLearning:
    id: str
    theme: Theme
    point: str
    explanation: str
    source: Source
    standards: tuple["Standard", ...] = _back()


@dataclass(frozen=True)
class Principle:
    id: str
    title: str
    text: str
    source: Source
    standards: tuple["Standard", ...] = _back()


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    text: str
    source: Source
    standards: tuple["Standard", ...] = _back()


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    attribution: str
    source: Source
    year: int
    provenance: str
    themes: tuple[Theme, ...]
    content_note: str | None = None
    standards: tuple["Standard", ...] = _back()


@dataclass(frozen=True)
class LanguageEntry:
    id: str
    phrase: str
    variants: tuple[str, ...]
    label: str
    example: str | None
    how_it_lands: str
    why_it_harms: str
    say_instead: tuple[str, ...]
    source: Source
    match: tuple[str, ...] = ()  # more forms for the language checker (macros.lint)
    not_before: tuple[str, ...] = ()  # context rules: not a finding after / before these
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    terms: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class Standard:
    id: str
    level: Level
    theme: Theme
    title: str
    statement: str
    indicators: tuple[str, ...]
    evidence_prompts: tuple[str, ...]
    plain_english: str
    findings: tuple[Finding, ...]
    key_learning: tuple[KeyLearning, ...]
    quotes: tuple[Quote, ...]
    principles: tuple[Principle, ...]
    outcomes: tuple[Outcome, ...]
    keywords: tuple[str, ...]
    search_terms: tuple[str, ...]  # keywords plus glossary synonyms, for the search index
    added: str = "1.0.0"  # data version that first published it
    changed: str | None = None  # data version that last changed its wording
    change_note: str | None = None

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources of this standard's findings, each once, in order."""
        seen: dict[str, Source] = {}
        for f in self.findings:
            seen.setdefault(f.source.id, f.source)
        return tuple(seen.values())


@dataclass(frozen=True)
class Retired:
    """A standard no longer in the benchmark: its ID stays reserved and resolvable."""

    id: str
    title: str
    retired: str  # data version that retired it
    replaced_by: tuple[Standard, ...]
    reason: str


@dataclass(frozen=True)
class Guide:
    """The whole practice guide: every record, in display order."""

    meta: Meta
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
    by_id: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.sources for f in s.findings)

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
