"""Synthetic content for the benchmark: the real data, scaled up N times.

``scale(project, n)`` rewrites the ``standards/`` folder of a *copy* of the project so that it
holds n times the real number of standards, sources (with their findings) and parent quotes.
Every copy is valid data: the real loader accepts it with no problem at all, and the language
checker finds nothing in it (the copies keep the real text, comments included).

- Sources and quotes are copied as text, with every ID of a source, finding or quote given a
  suffix (``F-MISSING-PIECE-CULTURE`` -> ``F-MISSING-PIECE-CULTURE-X007``), so the comments that
  exempt a quotation from the language checker stay on their lines.
- Each copy of a standard cites the same copy's findings and quotes, keeps its level and, while
  there is room, its theme. A standard ID has two digits, so a level x theme cell holds at most
  99 standards: when the real themes are full, extra themes are added (``extra-1``, code ``XA``).
- Key learning, principles, outcomes, the language guide and the glossary are not scaled.

Nothing here imports MkDocs. Run ``python bench/synth.py PROJECT_DIR N`` to scale a copy by hand.
"""

from __future__ import annotations

import re
import string
import sys
from collections import Counter
from copy import deepcopy
from pathlib import Path

import yaml

MAX_PER_CELL = 99  # a standard ID ends in two digits
_ID = re.compile(r"(?<![A-Za-z0-9-])(?:SRC|F|Q)-[A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Za-z0-9-])")


def _suffix(k: int) -> str:
    return f"-X{k:03d}"


def _copy_text(text: str, ids: set[str], k: int) -> str:
    """``text`` with every known ID given copy k's suffix; other text is left alone."""
    return _ID.sub(lambda mt: mt.group(0) + _suffix(k) if mt.group(0) in ids else mt.group(0), text)


def _list_body(text: str) -> str:
    """A YAML list file without its opening comment lines (the copies are appended to it)."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("- "))
    return "\n".join(lines[first:]) + "\n"


def _extra_theme_code(n: int) -> str:
    letters = string.ascii_uppercase
    return "X" + letters[n] if n < 26 else "X" + letters[n // 26 - 1] + letters[n % 26]


def scale(project: Path | str, n: int) -> dict[str, int]:
    """Scale ``project/standards`` to n times the real content, in place. Returns the counts."""
    if n < 1:
        raise ValueError("n must be 1 or more")
    data = Path(project) / "standards"
    sources_text = (data / "sources.yml").read_text(encoding="utf-8")
    quotes_text = (data / "quotes.yml").read_text(encoding="utf-8")
    sources = yaml.safe_load(sources_text)
    quotes = yaml.safe_load(quotes_text)
    ids = {s["id"] for s in sources} | {f["id"] for s in sources for f in s.get("findings", ())} | {q["id"] for q in quotes}

    # sources (with their findings) and quotes, as text
    copies = range(1, n)
    (data / "sources.yml").write_text(
        sources_text.rstrip("\n") + "\n" + "".join("\n" + _copy_text(_list_body(sources_text), ids, k) for k in copies),
        encoding="utf-8",
    )
    (data / "quotes.yml").write_text(
        quotes_text.rstrip("\n") + "\n" + "".join("\n" + _copy_text(_list_body(quotes_text), ids, k) for k in copies),
        encoding="utf-8",
    )

    # standards: the copies go into one more file per level
    levels = {lv["id"]: lv["code"] for lv in yaml.safe_load((data / "levels.yml").read_text(encoding="utf-8"))}
    themes = {th["id"]: th["code"] for th in yaml.safe_load((data / "themes.yml").read_text(encoding="utf-8"))}
    files = sorted((data / "benchmark").glob("*.yml"))
    real = [s for path in files for s in yaml.safe_load(path.read_text(encoding="utf-8"))]
    used: Counter[tuple[str, str]] = Counter()
    for s in real:
        used[s["level"], s["theme"]] = max(used[s["level"], s["theme"]], int(s["id"].rsplit("-", 1)[1]))
    extra: list[tuple[str, str]] = []  # (id, code) of the themes added for room
    made: dict[str, list[dict]] = {lv: [] for lv in levels}

    def cell_for(level: str, theme: str) -> str:
        for candidate in [theme, *(t for t, _ in extra)]:
            if used[level, candidate] < MAX_PER_CELL:
                return candidate
        extra.append((f"extra-{len(extra) + 1}", _extra_theme_code(len(extra))))
        return extra[-1][0]

    codes = dict(themes)
    for k in copies:
        for s in real:
            theme = cell_for(s["level"], s["theme"])
            codes.update(extra)
            used[s["level"], theme] += 1
            copy = deepcopy(s)  # nothing shared: yaml.safe_dump would write shared lists as aliases, which the loader refuses
            copy["id"] = f"{levels[s['level']]}-{codes[theme]}-{used[s['level'], theme]:02d}"
            copy["theme"] = theme
            copy["title"] = f"{s['title']} (copy {k})"
            copy["findings"] = [f + _suffix(k) for f in s["findings"]]
            if s.get("quotes"):
                copy["quotes"] = [q + _suffix(k) for q in s["quotes"]]
            made[s["level"]].append(copy)
    for level, items in made.items():
        if items:
            text = "# Synthetic standards for the benchmark (bench/synth.py): copies of the real ones.\n"
            text += yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=100)
            (data / "benchmark" / f"synthetic-{level}.yml").write_text(text, encoding="utf-8")
    if extra:
        entries = [
            {
                "id": tid,
                "code": code,
                "title": f"Extra theme {i}",
                "summary": "A theme added by the benchmark to make room for more standards.",
            }
            for i, (tid, code) in enumerate(extra, start=1)
        ]
        path = data / "themes.yml"
        path.write_text(
            path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + yaml.safe_dump(entries, sort_keys=False), encoding="utf-8"
        )
    findings = sum(len(s.get("findings", ())) for s in sources)
    return {
        "standards": len(real) * n,
        "sources": len(sources) * n,
        "findings": findings * n,
        "quotes": len(quotes) * n,
        "extra_themes": len(extra),
    }


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/synth.py PROJECT_COPY N   (rewrites PROJECT_COPY/standards in place)")
    print(scale(Path(sys.argv[1]), int(sys.argv[2])))
