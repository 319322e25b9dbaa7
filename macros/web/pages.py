"""The pages generated for every record: one stub per level and per standard.

Each stub is front matter plus one macro call; the look of the page lives in the
fragment templates. The MkDocs adapter adds these as generated files. No MkDocs
import here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..data import model as m
from .routes import level_src, standard_src


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # path relative to docs/
    content: str  # Markdown with front matter
    call: tuple[str, str] | None = None  # (macro, record ID): the one call in the content


def _page(src_uri: str, front_matter: str, macro: str, record_id: str) -> GeneratedPage:
    return GeneratedPage(src_uri, front_matter + f'{{{{ {macro}("{record_id}") }}}}\n', (macro, record_id))


def _front_matter(**fields: object) -> str:
    # JSON is valid YAML, and escapes every character that YAML would treat specially
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def generated_pages(guide: m.Guide) -> list[GeneratedPage]:
    pages = []
    for level in guide.levels:
        pages.append(
            _page(level_src(level.id), _front_matter(title=f"{level.title} standards", description=level.summary), "level_page", level.id)
        )
    for s in guide.standards:
        pages.append(
            _page(
                standard_src(s.id),
                _front_matter(
                    title=f"{s.id}: {s.title}",
                    description=s.statement,
                    tags=[s.level.title, s.theme.title],
                    search={"boost": 2},
                ),
                "standard_page",
                s.id,
            )
        )
    # a retired standard keeps its address, saying why it went and what replaced it
    for r in guide.retired:
        pages.append(
            _page(
                standard_src(r.id),
                _front_matter(title=f"{r.id}: {r.title} (retired)", description=f"Retired in version {r.retired}. {r.reason}"),
                "retired_page",
                r.id,
            )
        )
    return pages
