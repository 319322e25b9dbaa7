"""The Content-Security-Policy's inline-script hashes, for the theme's own scripts only.

``overrides/main.html`` writes the policy as a ``<meta http-equiv="Content-Security-Policy">``
whose ``script-src`` allows only ``'self'``. Material for MkDocs puts a few small inline
scripts in every page (``__md_scope`` and its storage helpers, the palette restore, the
anchor-to-tab check); one of them prints the page's relative base URL, so they differ from
page to page and cannot be listed as fixed hashes.

So the list of what may run is taken from the theme itself: :class:`ThemeScripts` reads the
theme's templates (Material's and ``overrides/``, never the data fragments) and turns every
inline ``<script>`` in them into a pattern, its text exact and each ``{{ … }}`` a slot that
takes only what a relative URL holds (no quote, angle bracket, backslash or space). After a
page is rendered, :func:`allow_inline_scripts` parses it, and each executable inline script
must be one of those; its SHA-256 (CSP Level 2: the exact characters between ``<script>``
and ``</script>``, UTF-8) is added to the policy's ``script-src``. Any other inline script
(from a title in the data, or one a contributor wrote into ``docs/``) is
:class:`UnknownScript`: the build fails and names it, instead of hashing it into the policy.

Data blocks such as ``<script type="application/json">`` are never executed, so they need no
hash and get none. No MkDocs import here: the adapter passes the theme's folders.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# The policy's script-src as main.html writes it; the hashes go right after it.
SCRIPT_SRC = "script-src 'self'"

_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_SLOT = r"[^\"'<>\\\s]*"  # what a theme's {{ … }} prints inside its scripts: a (relative) URL


class PolicyMissing(ValueError):
    """A page with inline scripts has no CSP meta tag (it does not extend main.html)."""


class UnknownScript(ValueError):
    """An inline script that is not one of the theme's own: it came from the page's content."""

    def __init__(self, line: int, body: str):
        self.line = line  # in the rendered page
        self.body = body
        snippet = " ".join(body.split())
        super().__init__(f"an inline <script> ({snippet[:60]}{'…' if len(snippet) > 60 else ''}) is not one of the theme's own scripts")


@dataclass(frozen=True)
class Script:
    body: str
    line: int  # 1-based, in the parsed text
    executable: bool


@dataclass(frozen=True)
class Policy:
    content: str
    start: int  # offset of the content attribute's value in the page
    end: int


class _Scanner(HTMLParser):
    """The inline scripts of a page (or template) with their lines, and the CSP meta tag."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.scripts: list[Script] = []
        self.policies: list[Policy] = []
        self._open: tuple[int, bool] | None = None  # (line, executable) of the script being read
        self._parts: list[str] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        names = {k.lower(): (v or "") for k, v in attrs}
        if tag == "script" and "src" not in names:
            self._open = (self.getpos()[0], names.get("type", "").strip().lower() in _JS_TYPES)
            self._parts = []
        elif tag == "meta" and names.get("http-equiv", "").lower() == "content-security-policy":
            start_tag = self.get_starttag_text() or ""
            value = names.get("content", "")
            at = start_tag.find(value) if value else -1
            if at >= 0:
                offset = self._offset() + at
                self.policies.append(Policy(value, offset, offset + len(value)))

    def handle_data(self, data):
        if self._open is not None:
            self._parts.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            line, executable = self._open
            self.scripts.append(Script("".join(self._parts), line, executable))
            self._open = None


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts a browser would execute, in page order."""
    return [s.body for s in _Scanner(html).scripts if s.executable]


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


class ThemeScripts:
    """The inline scripts the theme's own templates write, as patterns a page's scripts must match."""

    def __init__(self, template_texts: Iterable[str]):
        patterns = {}
        for text in template_texts:
            for script in _Scanner(text).scripts:
                if not script.executable or "{%" in script.body or "{#" in script.body:
                    continue  # a script built with template logic cannot be matched: it is left out, and fails loudly if a page has it
                pieces = _EXPRESSION.split(script.body)
                patterns[script.body] = re.compile(_SLOT.join(re.escape(p) for p in pieces), re.DOTALL)
        self.patterns = tuple(patterns.values())

    @classmethod
    def from_dirs(cls, dirs: Iterable[Path], exclude: Iterable[Path] = ()) -> ThemeScripts:
        """The scripts in every ``*.html`` template under ``dirs`` (the theme's folders, in the
        order the theme searches them), except under ``exclude`` (the data fragments)."""
        skip = [Path(p).resolve() for p in exclude]
        texts = []
        for folder in dirs:
            for path in sorted(Path(folder).rglob("*.html")):
                resolved = path.resolve()
                if any(resolved.is_relative_to(s) for s in skip):
                    continue
                texts.append(path.read_text(encoding="utf-8"))
        return cls(texts)

    def allows(self, body: str) -> bool:
        return any(p.fullmatch(body) for p in self.patterns)


def allow_inline_scripts(html: str, theme: ThemeScripts) -> str:
    """The page with the hash of each of its (theme's own) inline scripts added to its CSP meta tag.

    Raises :class:`UnknownScript` for the first inline script the theme did not write, and
    :class:`PolicyMissing` when there are scripts to allow but no policy to add them to."""
    scan = _Scanner(html)
    scripts = [s for s in scan.scripts if s.executable]
    for s in scripts:
        if not theme.allows(s.body):
            raise UnknownScript(s.line, s.body)
    hashes = list(dict.fromkeys(script_hash(s.body) for s in scripts))
    if not scan.policies:
        if hashes:
            raise PolicyMissing("the page has inline scripts but no Content-Security-Policy meta tag")
        return html
    policy = scan.policies[0]
    if SCRIPT_SRC not in policy.content:
        raise PolicyMissing(f'the Content-Security-Policy has no "{SCRIPT_SRC}" to add the hashes to')
    if not hashes:
        return html
    new_policy = policy.content.replace(SCRIPT_SRC, " ".join([SCRIPT_SRC, *hashes]), 1)
    return html[: policy.start] + new_policy + html[policy.end :]


def source_line(source: str, body: str) -> int | None:
    """The line of ``source`` (a page's Markdown) on which the script ``body`` starts, if it is written there."""
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if not first:
        return None
    for number, line in enumerate(source.splitlines(), start=1):
        if first in line:
            return number
    return None
