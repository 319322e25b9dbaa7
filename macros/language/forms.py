"""The language checker's form syntax, compiled to regular expressions (JavaScript-compatible).

A form is words separated by spaces; ``(a|b)`` means "a or b", ``[a]`` means "a or nothing";
they nest. ``*`` stands for any one word (a name: "keep * safe" finds "keep Lola safe"). The data loader uses :func:`form_problems` to check every form in the language
guide, and :mod:`macros.language.checker` builds its rules from :func:`compile_form`. This
module imports nothing of the project's, so both can use it without importing each other.
"""

from __future__ import annotations

import re

# --- the pieces every pattern is built from (JavaScript-compatible regex syntax) ---------
WORD = "A-Za-z0-9_"
SPACE = "[ \\t\\r\\n\\f\\v\\u00a0\\u2010\\u2011-]"  # white space, line breaks, hyphens
SEP = SPACE + "+"  # between two words
HYPHEN = SPACE + "*"  # a hyphen in a form: the same, or nothing
APOSTROPHE = "['\\u2019]?"
ANY_WORD = "[A-Za-z0-9_'\\u2019]+"  # ``*`` in a form: one word of any letters
START = f"(?<![{WORD}])"
END = f"(?![{WORD}])"
# Python flags equal to JavaScript's "i" without "u": ASCII-only case folding and classes.
FLAGS = re.IGNORECASE | re.ASCII
JS_FLAGS = "i"


_TOKEN = re.compile(r"\s+|-|'|’|\[|\]|\(|\)|\||[A-Za-z0-9]+|.", re.S)


class FormError(ValueError):
    """A form in the language guide is not well written (e.g. an unclosed bracket)."""


# --- compiling forms -------------------------------------------------------------------


def _tokens(form: str) -> list[str]:
    out = []
    for t in _TOKEN.findall(form.strip()):
        out.append(" " if t.isspace() else t)
    return out


class _Parser:
    def __init__(self, form: str):
        self.form = form
        self.toks = _tokens(form)
        self.i = 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> str:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self) -> str:
        if not self.toks:
            raise FormError("the form is empty")
        out = self.alt()
        if self.peek() is not None:
            raise FormError(f"unexpected '{self.peek()}' in '{self.form}'")
        return out

    def alt(self) -> str:
        options = [self.seq()]
        while self.peek() == "|":
            self.take()
            options.append(self.seq())
        if any(o == "" for o in options):
            raise FormError(f"an empty choice in '{self.form}'")
        if len(options) == 1:
            return options[0]
        # the longest first, so that the longer of two forms wins at the same place
        options.sort(key=len, reverse=True)
        return "(?:" + "|".join(options) + ")"

    def seq(self) -> str:
        parts: list[str] = []  # compiled pieces; " " marks a separator still to place
        while self.peek() not in (None, "|", ")", "]"):
            t = self.take()
            if t == " ":
                if parts and parts[-1] != " ":
                    parts.append(" ")
            elif t == "-":
                parts.append(HYPHEN)
            elif t in ("'", "’"):
                parts.append(APOSTROPHE)
            elif t == "*":
                parts.append(ANY_WORD)
            elif t in "?+{}":
                raise FormError(f"'{t}' has no meaning in a form ('{self.form}'): write [a] for 'a or nothing'")
            elif t == "(":
                inner = self.alt()
                self.expect(")")
                parts.append(inner)
            elif t == "[":
                inner = self.alt()
                self.expect("]")
                parts.append(("opt", inner))
            elif re.fullmatch(r"[A-Za-z0-9]+", t):
                parts.append(t.lower())
            elif t in ")]|":  # pragma: no cover - stopped by the loop condition
                raise FormError(f"unexpected '{t}' in '{self.form}'")
            else:
                parts.append(re.escape(t) if t not in "/" else t)
        while parts and parts[-1] == " ":
            parts.pop()
        # place separators: an optional part takes the separator before it (or, at the
        # start, the one after it), so that leaving it out leaves one separator, not two
        out: list[str] = []
        k = 0
        while k < len(parts):
            p = parts[k]
            if p == " ":
                nxt = parts[k + 1] if k + 1 < len(parts) else None
                if isinstance(nxt, tuple):
                    out.append(f"(?:{SEP}{nxt[1]})?")
                    k += 2
                    continue
                out.append(SEP)
            elif isinstance(p, tuple):
                nxt = parts[k + 1] if k + 1 < len(parts) else None
                if nxt == " " and not out:
                    out.append(f"(?:{p[1]}{SEP})?")
                    k += 2
                    continue
                out.append(f"(?:{p[1]})?")
            else:
                out.append(p)
            k += 1
        return "".join(out)

    def expect(self, t: str) -> None:
        if self.peek() != t:
            raise FormError(f"'{t}' missing in '{self.form}'")
        self.take()


def compile_form(form: str) -> str:
    """The regular-expression source (JavaScript-compatible) of one form."""
    if not re.search(r"[A-Za-z0-9]", form):
        raise FormError(f"the form '{form}' has no words")
    source = _Parser(form).parse()
    re.compile(source, FLAGS)  # raises re.error on anything odd
    return source


def alternation(forms) -> str:
    """One regular expression for any of the forms, the longest first."""
    compiled = sorted({compile_form(f) for f in forms}, key=lambda s: (-len(s), s))
    return "(?:" + "|".join(compiled) + ")"


def form_problem(form: str) -> str | None:
    """Why the language checker cannot use ``form``, or None when it can."""
    try:
        compile_form(form)
    except (FormError, re.error) as err:
        return f"'{form}' cannot be used by the language checker: {err}"
    return None
