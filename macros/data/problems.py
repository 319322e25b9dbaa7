"""Problems in the data, as data: a stable code, a place, a message and the line it is on.

Each problem prints three ways:

- for people, as compilers do: ``path:line:col: PG012 message``, then the source line with a
  caret under the place (:meth:`Problem.pretty`);
- for GitHub, with ``GITHUB_ACTIONS=true``: ``::error file=…,line=…,col=…,title=PG012::message``,
  so a pull request shows each problem on its line in the diff (:meth:`Problem.github`);
- in short, as ``path:line: message`` (``str(problem)``), for tests and logs.

The codes and what to do about each are listed once, in :data:`CODES`; CONTRIBUTING.md's
table "What the checks say" gives the same codes (a test checks that it lists every one).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field

# code -> what it means, in a few words (CONTRIBUTING.md explains each and how to fix it)
CODES: dict[str, str] = {
    "PG001": "the file cannot be read",
    "PG002": "YAML syntax error",
    "PG003": "a field is written twice in one record",
    "PG004": "a file or folder is missing or empty",
    "PG005": "the file or record has the wrong shape",
    "PG006": "unknown field",
    "PG007": "missing field",
    "PG008": "empty value",
    "PG009": "wrong type of value",
    "PG010": "not in the expected form",
    "PG011": "not one of the allowed values",
    "PG012": "unknown reference",
    "PG013": "reference to the wrong kind of record",
    "PG014": "duplicate ID",
    "PG015": "code already used",
    "PG016": "standard ID does not match its level and theme",
    "PG017": "version out of order",
    "PG018": "the language checker cannot use a form",
    "PG019": "too long",
    "PG020": "a rating the guide needs is missing or unknown",
    "PG021": "an edition cannot hold this file",
    "PG022": "the language checker found a phrase that blames (a language finding, not a data problem)",
    "PG023": "an invisible or direction-changing character in the text",
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    code: str = field(default="PG005", compare=False)
    col: int = field(default=0, compare=False)  # 1-based; 0 when only the line is known
    source: str = field(default="", compare=False, repr=False)  # the line as written

    def __post_init__(self):
        if self.code not in CODES:  # pragma: no cover - a programming error, caught by the tests
            raise ValueError(f"unknown problem code {self.code}")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    @property
    def column(self) -> int:
        """The column to point at: the one given, or the line's first character that is not a space."""
        if self.col:
            return self.col
        stripped = self.source.lstrip(" ")
        return len(self.source) - len(stripped) + 1 if stripped else 1

    def pretty(self) -> str:
        """The problem as a compiler prints one: place, code and message, the line, a caret."""
        head = f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
        if not self.source.strip():
            return head
        number = str(self.line)
        gutter = " " * len(number)
        shown, at = clip(self.source.rstrip(), self.column - 1)
        caret = " " * at + "^"
        return f"{head}\n  {number} | {shown}\n  {gutter} | {caret}"

    def github(self) -> str:
        """A GitHub Actions workflow command that puts the problem on its line of the diff."""
        props = f"file={_prop(self.path)},line={self.line},col={self.column},title={self.code}"
        return f"::error {props}::{_data(self.message)}"


SHOWN = 100  # characters of a long source line shown under a problem, around its column


def clip(line: str, at: int) -> tuple[str, int]:
    """A long line cut to about SHOWN characters around offset ``at``, with "…" where it was cut,
    and the offset of ``at`` in what is shown (a 4,000-character statement is one line of YAML)."""
    if len(line) <= SHOWN:
        return line, at
    start = max(0, min(at - SHOWN // 3, len(line) - SHOWN))
    end = start + SHOWN
    head = "…" if start > 0 else ""
    return head + line[start:end] + ("…" if end < len(line) else ""), at - start + len(head)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def on_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


class GuideError(Exception):
    """The data has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self, github: bool | None = None) -> str:
        """Every problem, for people; with ``github`` (default: when GITHUB_ACTIONS=true) also as
        workflow commands, each on a line of its own."""
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} in the practice-guide data:"]
        for p in self.problems:
            lines.extend("  " + line for line in p.pretty().splitlines())
        if on_github() if github is None else github:
            lines.extend(p.github() for p in self.problems)
        return "\n".join(lines)


def describe(value: object) -> str:
    """What kind of value a field holds, in words, for a message that says it is the wrong kind."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return "text"


def suggest(word: str, choices) -> str:
    """" (did you mean 'x'?)" for the closest of ``choices`` to a misspelt ``word``, or ""."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
