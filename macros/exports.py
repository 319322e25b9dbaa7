"""Open data written at build time from the model. No MkDocs import here."""

from __future__ import annotations

import json
from . import model as m
from .routes import url_of

FORMAT_VERSION = 1


def benchmark_data(guide: m.Guide) -> dict:
    """Every standard with what a spreadsheet or another tool needs, keyed on IDs."""
    return {
        "format": "parents-as-safeguarding-partners/benchmark",
        "format_version": FORMAT_VERSION,
        "title": guide.meta.title,
        "version": guide.meta.version,
        "date": guide.meta.date,
        "levels": [{"id": lv.id, "title": lv.title, "who": lv.who} for lv in guide.levels],
        "themes": [{"id": th.id, "title": th.title} for th in guide.themes],
        "standards": [
            {
                "id": s.id,
                "level": s.level.id,
                "theme": s.theme.id,
                "title": s.title,
                "statement": s.statement,
                "indicators": list(s.indicators),
                "evidence_prompts": list(s.evidence_prompts),
                "plain_english": s.plain_english,
                "findings": [f.id for f in s.findings],
                "quotes": [q.id for q in s.quotes],
                "key_learning": [k.id for k in s.key_learning],
                "url": url_of(s),
            }
            for s in guide.standards
        ],
    }


def to_json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def downloads(guide: m.Guide) -> dict[str, bytes]:
    """Every download, keyed on its path under the site's ``downloads/`` folder.

    The adapter hands them to the site generator as generated files, so links to
    them are validated like links to pages, and nothing is written before the
    whole build has succeeded in memory.
    """
    return {"benchmark.json": to_json(benchmark_data(guide))}
