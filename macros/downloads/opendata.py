"""Open data written at build time from the model, and the list of every download.

``downloads`` makes the open data (``benchmark.json`` and ``benchmark.csv``); the PDFs
(:mod:`macros.pdf`) and the spreadsheet (:mod:`macros.xlsx`) have their own producers.
:func:`catalogue` describes every file under ``downloads/`` for the downloads page, with its
size measured from the bytes this build made. No MkDocs import here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..data import model as m
from . import pdf
from . import xlsx
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


def to_csv(guide: m.Guide) -> bytes:
    """One row per standard. UTF-8 with a byte-order mark, so Excel reads the accents and
    quotation marks right; lists (indicators, evidence prompts) are one cell, one item a line;
    IDs are separated by spaces. ``version`` is the data's version, the same on every row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in guide.standards:
        writer.writerow(
            [
                s.id, s.level.id, s.theme.id, s.title, s.statement,
                "\n".join(s.indicators), "\n".join(s.evidence_prompts), s.plain_english,
                " ".join(f.id for f in s.findings), " ".join(q.id for q in s.quotes),
                " ".join(k.id for k in s.key_learning), url_of(s), guide.meta.version,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def downloads(guide: m.Guide) -> dict[str, bytes]:
    """The open data, keyed on its path under the site's ``downloads/`` folder.

    The adapter hands them to the site generator as generated files, so links to
    them are validated like links to pages, and nothing is written before the
    whole build has succeeded in memory.
    """
    return {"benchmark.json": to_json(benchmark_data(guide)), "benchmark.csv": to_csv(guide)}


@dataclass(frozen=True)
class Download:
    """One file on the downloads page."""

    name: str  # file name under downloads/
    group: str
    title: str
    purpose: str
    format: str
    size: int  # bytes

    @property
    def path(self) -> str:
        return f"downloads/{self.name}"

    @property
    def size_label(self) -> str:
        if self.size < 1024:
            return f"{self.size} bytes"
        if self.size < 1024 * 1024:
            return f"{round(self.size / 1024)} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"


GROUPS = ("Checklists to print", "Briefing papers", "Templates", "Spreadsheet and open data")
PDF = "PDF (A4, tagged for screen readers)"


def catalogue(guide: m.Guide, files: Mapping[str, bytes], briefings: Mapping[str, str] | None = None) -> list[Download]:
    """Every download the build made, described, in the order of :data:`GROUPS`.

    ``files``: ``{name under downloads/: content}`` as made by this build; ``briefings``:
    ``{name: page title}`` of the briefing papers' PDFs. A file made but not described here,
    or described but not made, is an error, so the page can never list a missing file or
    leave one out.
    """
    items: list[Download] = []

    def add(name: str, group: str, title: str, purpose: str, fmt: str) -> None:
        if name not in files:
            raise LookupError(f"the downloads page lists downloads/{name}, which this build did not make")
        items.append(Download(name, group, title, purpose, fmt, len(files[name])))

    for lv in guide.levels:
        add(pdf.checklist_name(lv), GROUPS[0], f"{lv.title} checklist",
            f"The {len(lv.standards)} {lv.title.lower()} standards to print and fill in by hand in a meeting: "
            "tick Red, Amber, Green or Not applicable and note evidence, actions, owner and review date.", PDF)
    add(pdf.checklist_name(None), GROUPS[0], "Whole benchmark checklist",
        f"All {len(guide.standards)} standards at every level in one document, for a full self-assessment.", PDF)
    for name, title in sorted((briefings or {}).items()):
        add(name, GROUPS[1], title, "A briefing paper to print or share with colleagues.", PDF)
    add(pdf.ACTION_PLAN, GROUPS[2], "Action plan template",
        "A blank plan for the standards you rated red or amber: action, owner, deadline and review.", PDF)
    add(xlsx.NAME, GROUPS[3], "Benchmark workbook",
        "Run the benchmark in a spreadsheet: a sheet per level with a rating dropdown, and a summary "
        "that counts ratings by level and theme.", "Excel workbook (xlsx), opens in LibreOffice too")
    add("benchmark.csv", GROUPS[3], "Benchmark as CSV",
        "Every standard, one row each, to import into another tool.", "CSV (UTF-8)")
    add("benchmark.json", GROUPS[3], "Benchmark as JSON",
        "Every standard with its links to findings, quotes and key learning, for developers.", "JSON")
    listed = {d.name for d in items}
    unlisted = sorted(set(files) - listed)
    if unlisted:
        raise LookupError(f"downloads made but not described in exports.catalogue: {', '.join(unlisted)}")
    return items
