"""The thin MkDocs adapter: the only module (with ``define_env``) that knows MkDocs.

It loads and validates the model once per build in ``on_config`` (before MkDocs
cleans or writes anything, so bad data leaves the previous site intact), adds a
generated page for every level and standard in ``on_files``, and adds the
downloads as generated files. Moving to another generator means rewriting this
file and ``__init__.define_env`` only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .load import GuideError, load_guide
from .model import Guide
from .outputs import generated_files
from .pages import generated_pages
from .render import Fragments

log = logging.getLogger("mkdocs.plugins.practice_guide")


class PracticeGuideConfig(Config):
    standards_dir = c.Type(str, default="standards")
    fragments_dir = c.Type(str, default="overrides/fragments")


class PracticeGuidePlugin(BasePlugin[PracticeGuideConfig]):
    guide: Guide
    fragments: Fragments

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        try:
            self.guide = load_guide(root / self.config.standards_dir, root)
        except GuideError as err:
            raise PluginError(err.report()) from None
        self.fragments = Fragments(root / self.config.fragments_dir)
        log.debug("practice guide: %d standards loaded", len(self.guide.standards))
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in generated_pages(self.guide):
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"docs/{page.src_uri} would hide the page generated for this record: remove the file")
            files.append(File.generated(config, page.src_uri, content=page.content))
        for path, content in generated_files(self.guide).items():
            files.append(File.generated(config, path, content=content))
        return files
