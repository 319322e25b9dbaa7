"""Links between pages: routes.relative gives what posixpath.relpath would, for every record.
(The boundary, that nothing but the adapter imports MkDocs, is tests/test_layers.py.)"""

from __future__ import annotations

import posixpath

from macros.web import routes


def _relpath(target: str, from_page: str) -> str:
    # the straightforward definition that routes.relative computes by hand, for speed
    path, _, anchor = target.partition("#")
    start = posixpath.dirname(from_page.rstrip("/") + "/x") if from_page else ""
    rel = posixpath.relpath(path or ".", start or ".")
    rel = "./" if rel == "." else rel + "/" if path.endswith("/") else rel
    return f"{rel}#{anchor}" if anchor else rel


def test_relative_links_match_relpath_for_every_record_and_page(guide):
    records = [*guide.levels, *guide.themes, *guide.standards, *guide.key_learning, *guide.quotes, *guide.sources]
    targets = sorted({routes.url_of(r) for r in records}) + ["", "downloads/benchmark.xlsx", "assets/x.css", "#top"]
    pages = ["", "404.html", "benchmark/", "evidence/", "briefings/meetings/", *(f"benchmark/{s.id}/" for s in guide.standards[:5])]
    wrong = [(t, p, routes.relative(t, p), _relpath(t, p)) for t in targets for p in pages if routes.relative(t, p) != _relpath(t, p)]
    assert wrong == []
    # and a few by hand, so the test does not only compare two versions of one idea
    assert routes.relative("benchmark/STR-LISTEN-01/", "evidence/") == "../benchmark/STR-LISTEN-01/"
    assert routes.relative("evidence/#F-X", "evidence/") == "./#F-X"
    assert routes.relative("", "benchmark/STR-LISTEN-01/") == "../.."
