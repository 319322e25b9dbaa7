"""The pages generated for every record: one stub per level and per standard.

Each stub is front matter plus one macro call; the look of the page lives in the
fragment templates. The MkDocs adapter adds these as generated files. Each page also
knows where its record is written (``origin``: file and line), so that its "edit"
link (:func:`edit_url`) leads to the record's own line in its YAML file. No MkDocs
import here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urljoin

from markupsafe import Markup, escape

from ..data import model as m
from .routes import level_src, standard_src


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # path relative to docs/
    content: str  # Markdown with front matter
    call: tuple[str, str] | None = None  # (macro, record ID): the one call in the content
    origin: m.Origin | None = None  # where the record is written: .path (from the project root), .line


def _page(src_uri: str, front_matter: str, macro: str, record: object) -> GeneratedPage:
    record_id = record.id  # type: ignore[attr-defined]
    call = (macro, record_id)
    return GeneratedPage(src_uri, front_matter + f'{{{{ {macro}("{record_id}") }}}}\n', call, record.origin)  # type: ignore[attr-defined]


def edit_url(repo_url: str, edit_uri: str, docs_dir: str, path: str, line: int | None = None) -> str | None:
    """The address of a file of the project in its repository, from mkdocs.yml's ``repo_url`` and
    ``edit_uri`` (``edit/main/docs/``: the edit view of the docs folder, ``docs_dir`` its last part).

    ``path``: the file, relative to the project root (posix). With ``line``, the blob view at that
    line (``blob/main/standards/benchmark/operational.yml#L57``), since GitHub's edit view has no line
    anchors; without it, the edit view. None when there is no repository or no ``edit_uri``."""
    if not repo_url or not edit_uri:
        return None
    parts = [p for p in edit_uri.split("/") if p]
    if parts and parts[-1] == docs_dir.strip("/").rsplit("/", 1)[-1]:
        parts.pop()  # the repository's root, not its docs folder
    if line is not None:
        parts = ["blob" if p == "edit" else p for p in parts]
    target = "/".join([*parts, path])
    return urljoin(repo_url.rstrip("/") + "/", target) + (f"#L{line}" if line is not None else "")


def _front_matter(**fields: object) -> str:
    # JSON is valid YAML, and escapes every character that YAML would treat specially
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def generated_pages(guide: m.Guide) -> list[GeneratedPage]:
    pages = []
    for level in guide.levels:
        pages.append(
            _page(level_src(level.id), _front_matter(title=f"{level.title} standards", description=level.summary, kind="Benchmark", level=level.title), "level_page", level)
        )
    for s in guide.standards:
        pages.append(
            _page(
                standard_src(s.id),
                _front_matter(
                    title=f"{s.id}: {s.title}",
                    description=s.statement,
                    tags=[s.level.title, s.theme.title],
                    kind="Standard",
                    level=s.level.title,
                    theme=s.theme.title,
                ),
                "standard_page",
                s,
            )
        )
    # a retired standard keeps its address, saying why it went and what replaced it
    for r in guide.retired:
        pages.append(
            _page(
                standard_src(r.id),
                _front_matter(title=f"{r.id}: {r.title} (retired)", description=f"Retired in version {r.retired}. {r.reason}", kind="Standard"),
                "retired_page",
                r,
            )
        )
    return pages


def inert_meta(meta: dict) -> dict:
    """A page's front matter with every text value HTML-escaped, as markup-safe strings.

    MkDocs and Material print ``page.meta`` and ``page.title`` into the page without escaping
    (the page header, ``<title>``, ``<meta name="description">``, tag chips, the tags index
    and the search index), and MkDocs' own ``page.title`` from a heading is already HTML. A
    title or statement from the data, or a contributor's front matter, is text: escaped here,
    once, it shows as written everywhere and can never become an element or break out of an
    attribute. ``Markup`` keeps a template's ``| e`` from escaping it a second time. Values
    that are not text (numbers, booleans) are left as they are."""

    def inert(value: object) -> object:
        if isinstance(value, Markup):
            return value
        if isinstance(value, str):
            return escape(value)
        if isinstance(value, list):
            return [inert(v) for v in value]
        if isinstance(value, dict):
            return {k: inert(v) for k, v in value.items()}
        return value

    return {k: inert(v) for k, v in meta.items()}
