"""The data the in-browser self-assessment reads, written at build time from the model.

The page at ``/assessment/`` runs entirely in the browser: it fetches this one JSON file
(same origin, no other request), keeps every answer in the browser's local storage and
reads and writes assessment files on the user's own device. This module only describes
the benchmark to it: levels, themes, standards and the retired IDs whose ratings carry
over to the standards that replaced them.

Two format versions live here and must move together with the page's JavaScript
(``overrides/assets/javascripts/assessment/core.js``):

- ``FORMAT_VERSION``: the shape of this data file;
- ``ASSESSMENT_FORMAT_VERSION``: the shape of the assessment files people export and import.
"""

from __future__ import annotations

from ..data import model as m
from .opendata import to_json
from ..web.routes import url_of

PATH = "assets/data/assessment.json"
FORMAT = "parents-as-safeguarding-partners/assessment-data"
FORMAT_VERSION = 1
ASSESSMENT_FORMAT = "parents-as-safeguarding-partners/assessment"
ASSESSMENT_FORMAT_VERSION = 1


def _standard(s: m.Standard) -> dict:
    return {
        "id": s.id,
        "level": s.level.id,
        "theme": s.theme.id,
        "title": s.title,
        "statement": s.statement,
        "plain_english": s.plain_english,
        "url": url_of(s),
        "added": s.added,
        "changed": s.changed,
    }


def assessment_data(guide: m.Guide) -> dict:
    """Everything the self-assessment page needs about the benchmark, keyed on stable IDs.

    Standards come in display order (level, then the order of the source files). ``url``
    is relative to the site root. A retired standard lists the IDs of the standards that
    replaced it; its saved ratings are carried over to them when an assessment is opened
    or imported.
    """
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "assessment_format": ASSESSMENT_FORMAT,
        "assessment_format_version": ASSESSMENT_FORMAT_VERSION,
        "title": guide.meta.title,
        "version": guide.meta.version,
        "date": guide.meta.date,
        "levels": [{"id": lv.id, "code": lv.code, "title": lv.title, "who": lv.who} for lv in guide.levels],
        "ratings": [{"id": r.id, "label": r.label, "meaning": r.meaning, "score": r.score} for r in guide.ratings],
        "themes": [{"id": th.id, "code": th.code, "title": th.title} for th in guide.themes],
        "standards": [_standard(s) for s in _ordered(guide)],
        "retired": [
            {
                "id": r.id,
                "title": r.title,
                "retired": r.retired,
                "replaced_by": [s.id for s in r.replaced_by],
                "reason": r.reason,
            }
            for r in guide.retired
        ],
    }


def _ordered(guide: m.Guide) -> list[m.Standard]:
    """Standards grouped by level, in the order the levels are listed; stable within a level."""
    rank = {lv.id: i for i, lv in enumerate(guide.levels)}
    return sorted(guide.standards, key=lambda s: rank[s.level.id])


def files(guide: m.Guide) -> dict[str, bytes]:
    """The producer listed in ``outputs.PRODUCERS``."""
    return {PATH: to_json(assessment_data(guide))}
