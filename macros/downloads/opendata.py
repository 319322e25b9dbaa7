"""The open data made at build time from the model: the benchmark as JSON and as CSV.

``registry.from_model`` declares the two downloads (their names and what the downloads page
says about them) and makes them with :func:`benchmark_data`, :func:`to_json` and
:func:`to_csv`.
"""

from __future__ import annotations

import csv
import io
import json

from ..data import model as m
from ..web.routes import url_of

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


CSV_COLUMNS = (
    "id", "level", "theme", "title", "statement", "indicators", "evidence_prompts",
    "plain_english", "findings", "quotes", "key_learning", "url", "version",
)


_FORMULA_START = ("'", "=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """A cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets an
    apostrophe in front, as the assessment's CSV export does (assessment/core.js ``guard``):
    one on text that already starts with an apostrophe too, so that the rule can be undone."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(guide: m.Guide) -> bytes:
    """One row per standard. UTF-8 with a byte-order mark, so Excel reads the accents and
    quotation marks right; lists (indicators, evidence prompts) are one cell, one item a line;
    IDs are separated by spaces. ``version`` is the data's version, the same on every row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in guide.standards:
        writer.writerow(
            guard(str(cell))
            for cell in [
                s.id, s.level.id, s.theme.id, s.title, s.statement,
                "\n".join(s.indicators), "\n".join(s.evidence_prompts), s.plain_english,
                " ".join(f.id for f in s.findings), " ".join(q.id for q in s.quotes),
                " ".join(k.id for k in s.key_learning), url_of(s), guide.meta.version,
            ]
        )
    return out.getvalue().encode("utf-8-sig")
