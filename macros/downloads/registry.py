"""Every file the build generates beside the pages, in one registry. No MkDocs import here.

Each producer takes the model and returns ``{path under the site root: bytes}``. The MkDocs
adapter adds them all as generated files, so links to them are validated like links to pages
and nothing is written until the whole build has succeeded in memory. To add an output, write
a producer in its own module and list it in ``PRODUCERS``.
"""

from __future__ import annotations

from collections.abc import Callable

from . import assessment
from . import opendata as exports
from ..language import checker as lint
from . import pdf
from . import xlsx
from ..data import model as m

Producer = Callable[[m.Guide], dict[str, bytes]]
SiteProducer = Callable[[m.Guide, str], dict[str, bytes]]  # also given the site's address


def _downloads(guide: m.Guide) -> dict[str, bytes]:
    return {f"downloads/{name}": content for name, content in exports.downloads(guide).items()}


def _pdfs(guide: m.Guide) -> dict[str, bytes]:
    return {f"downloads/{name}": content for name, content in pdf.pdfs(guide).items()}


def _xlsx(guide: m.Guide, site_url: str) -> dict[str, bytes]:
    return {f"downloads/{xlsx.NAME}": xlsx.benchmark_xlsx(guide, site_url)}


PRODUCERS: tuple[Producer, ...] = (_downloads, assessment.files, _pdfs, lint.language_json)
# producers that also need the site's absolute address (site_url in mkdocs.yml; "" when unset)
SITE_PRODUCERS: tuple[SiteProducer, ...] = (_xlsx,)


def generated_files(guide: m.Guide, site_url: str = "") -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    made = [producer(guide) for producer in PRODUCERS] + [producer(guide, site_url) for producer in SITE_PRODUCERS]
    for output in made:
        for path, content in output.items():
            if path in files:
                raise ValueError(f"two outputs write {path}")
            files[path] = content
    return files
