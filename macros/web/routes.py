"""Where every record lives on the site, in one place.

Page paths are directory URLs relative to the site root (``benchmark/STR-LISTEN-01/``);
records shown on a shared page get an anchor named after their ID. :class:`Links`
turns them into relative links from the page being rendered, so the built site
works from any base URL and from disk.
"""

from __future__ import annotations

import posixpath

from ..data import model as m

# page paths (directory URLs, relative to the site root)
HOME = ""
BENCHMARK = "benchmark/"
KEY_LEARNING = "key-learning/"
PARENT_VOICE = "parent-voice/"
LANGUAGE = "language-guide/"
EVIDENCE = "evidence/"
PRINCIPLES = "principles-and-outcomes/"
DOWNLOADS = "downloads/"


def standard_src(standard_id: str) -> str:
    """The generated Markdown file of a standard's page (relative to docs/)."""
    return f"benchmark/{standard_id}.md"


def level_src(level_id: str) -> str:
    return f"benchmark/{level_id}.md"


def url_of(record: object) -> str:
    """The site-relative URL of a record's page, with its anchor where it has one."""
    if isinstance(record, m.Standard):
        return f"benchmark/{record.id}/"
    if isinstance(record, m.Level):
        return f"benchmark/{record.id}/"
    if isinstance(record, m.Theme):
        return f"{BENCHMARK}#theme-{record.id}"
    if isinstance(record, m.KeyLearning):
        return f"{KEY_LEARNING}#{record.id}"
    if isinstance(record, m.Quote):
        return f"{PARENT_VOICE}#{record.id}"
    if isinstance(record, m.LanguageEntry):
        return f"{LANGUAGE}#{record.id}"
    if isinstance(record, (m.Source, m.Finding)):
        return f"{EVIDENCE}#{record.id}"
    if isinstance(record, (m.Principle, m.Outcome)):
        return f"{PRINCIPLES}#{record.id}"
    raise TypeError(f"no page for {type(record).__name__}")


def relative(target: str, from_page: str) -> str:
    """A link to site-relative ``target`` from the page at directory URL ``from_page``."""
    path, _, anchor = target.partition("#")
    start = posixpath.dirname(from_page.rstrip("/") + "/x") if from_page else ""
    # posixpath.relpath by hand: site URLs have no "." or ".." parts, and relpath's abspath
    # calls were a tenth of page rendering with thousands of standards (make bench).
    to_parts = [p for p in path.split("/") if p]
    from_parts = [p for p in start.split("/") if p]
    same = 0
    for a, b in zip(to_parts, from_parts):
        if a != b:
            break
        same += 1
    rel = "/".join([".."] * (len(from_parts) - same) + to_parts[same:]) or "."
    if rel == ".":
        rel = "./"
    elif path.endswith("/"):
        rel += "/"
    return f"{rel}#{anchor}" if anchor else rel


class Links:
    """Link helper handed to templates for the page being rendered."""

    def __init__(self, page_url: str):
        self.page_url = page_url

    def to(self, record: object) -> str:
        return relative(url_of(record), self.page_url)

    def page(self, target: str) -> str:
        return relative(target, self.page_url)
