"""Every file the build generates beside the pages, in one registry. No MkDocs import here.

Each producer takes the model and returns ``{path under the site root: bytes}``. The MkDocs
adapter adds them all as generated files, so links to them are validated like links to pages
and nothing is written until the whole build has succeeded in memory. To add an output, write
a producer in its own module and list it in ``PRODUCERS``.
"""

from __future__ import annotations

from collections.abc import Callable

from . import exports
from . import model as m

Producer = Callable[[m.Guide], dict[str, bytes]]


def _downloads(guide: m.Guide) -> dict[str, bytes]:
    return {f"downloads/{name}": content for name, content in exports.downloads(guide).items()}


PRODUCERS: tuple[Producer, ...] = (_downloads,)


def generated_files(guide: m.Guide) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for producer in PRODUCERS:
        for path, content in producer(guide).items():
            if path in files:
                raise ValueError(f"two outputs write {path}")
            files[path] = content
    return files
