"""Render data fragments from the Jinja macro files in ``overrides/fragments/``.

Python passes data; the templates decide how it looks. Autoescape is always on
and undefined names are errors, so a quote containing ``<script>`` or ``{{ x }}``
is shown as text.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..data.dates import long_date

from .routes import Links


class Fragments:
    """Calls a named macro in a fragment file and returns safe HTML."""

    def __init__(self, fragments_dir: Path | str, bytecode_cache: BytecodeCache | None = None):
        self.env = Environment(
            loader=FileSystemLoader(str(fragments_dir)),
            bytecode_cache=bytecode_cache,
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=["jinja2.ext.do"],
        )
        self.env.filters["long_date"] = long_date  # 22 November 2026, as the PDFs and the spreadsheet write it

    def render(self, template: str, macro: str, page_url: str, **data: object) -> Markup:
        module = self.env.get_template(template).module
        fn = getattr(module, macro, None)
        if fn is None:
            raise LookupError(f"overrides/fragments/{template} has no macro '{macro}'")
        html = fn(link=Links(page_url), **data)
        # Markdown treats blank lines and indentation inside raw HTML blocks as
        # structure: emit the fragment as one compact block.
        return Markup(_compact(str(html)))


def template_cache(root: Path | str, name: str) -> BytecodeCache | None:
    """Compiled templates, kept under ``.cache/jinja/<name>/`` between builds.

    Compiling Jinja templates (Material's page templates and the fragments) is a good part of
    a build, and all of it again on every ``mkdocs serve`` rebuild. Jinja keys each entry on
    the template's file and a checksum of its source, and writes it atomically, so an edited
    template is compiled afresh and a parallel build never reads half a file. One folder per
    Jinja environment, since the environments' options differ. None when it cannot be written.
    """
    folder = Path(root) / ".cache" / "jinja" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def _compact(html: str) -> str:
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
