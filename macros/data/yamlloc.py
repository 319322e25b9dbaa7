"""YAML parsing that remembers line numbers.

Mappings come back as :class:`LocMap` (a dict with the line of the mapping and of
each key) and sequences as :class:`LocList` (a list with the line of each item),
so that every validation message can name the exact line. Duplicate keys are
reported rather than silently overwritten.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class LocMap(dict):
    """A YAML mapping with ``line`` (1-based) and ``key_lines`` per key."""

    line: int
    col: int
    key_lines: dict[str, int]
    key_cols: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def col_of(self, key: str) -> int:
        return self.key_cols.get(key, self.col)


class LocList(list):
    """A YAML sequence with ``line`` and ``item_lines``."""

    line: int
    item_lines: list[int]
    item_cols: list[int]


class _Refused:
    """What an alias, a tag or too deep a nesting leaves in place of its value: the problem has
    been reported where it is, so the checker says nothing more of it (not "empty", not "missing")."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = _Refused()


@dataclass(frozen=True)
class YamlProblem:
    line: int
    message: str
    col: int = 0


def parse(text: str) -> tuple[object, list[YamlProblem]]:
    """Parse one YAML document. Returns (value, problems).

    A syntax error gives (None, [problem]); duplicate keys give the value with
    the first occurrence kept and one problem per duplicate.

    libyaml's parser (when PyYAML has it) reads the files about ten times faster; a file it
    rejects is read again by the pure-Python parser, so that every message is worded the same.
    """
    if _FAST is not None:
        try:
            return _parse(text, _FAST)
        except yaml.YAMLError:
            pass
    return _parse(text, yaml.SafeLoader)


_FAST = getattr(yaml, "CSafeLoader", None)


def _parse(text: str, loader_class) -> tuple[object, list[YamlProblem]]:
    fast = loader_class is not yaml.SafeLoader
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as err:  # a character YAML does not allow anywhere (checked before parsing)
        if fast:
            raise
        return None, [_unprintable(text, err)]
    problems: list[YamlProblem] = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        return _convert(loader, node, problems, set(), 0, text.splitlines()), problems
    except RecursionError:
        # PyYAML composes nested brackets recursively: thousands of them exhaust Python's stack
        mark = loader.get_mark()
        return None, [YamlProblem(mark.line + 1, f"YAML nested too deeply to read (more than {MAX_DEPTH} levels are refused)", mark.column + 1)]
    except yaml.MarkedYAMLError as err:
        if fast:
            raise
        return None, [syntax_problem(err)]
    except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are rare
        if fast:
            raise
        return None, [YamlProblem(1, f"YAML syntax error: {err}")]
    finally:
        loader.dispose()


def _unprintable(text: str, err: yaml.reader.ReaderError) -> YamlProblem:
    """A control character (an escape, a bell, a NUL...) where YAML allows none: where it is, and which."""
    at = err.position
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    ch = chr(err.character) if isinstance(err.character, int) else str(err.character)
    name = unicodedata.name(ch, "a control character")
    return YamlProblem(line, f"the file holds a character that YAML does not allow (\\u{ord(ch):04x}, {name}): delete it", col)


MAX_DEPTH = 20  # levels of nesting: the data needs four (file, record, list of findings, finding)
# The tags of plain YAML values: any other (!!python/object/apply:…, !custom) is refused by name
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")}


def syntax_problem(err: yaml.MarkedYAMLError) -> YamlProblem:
    """Where a YAML syntax error is, in words. An unclosed bracket or quotation mark is reported
    on the line where it was opened (PyYAML notices it on a later line)."""
    mark = err.problem_mark or err.context_mark
    what = " ".join(p for p in (err.context, err.problem) if p)
    opened = err.context_mark
    if (
        opened is not None
        and mark is not None
        and mark.line != opened.line
        and err.context
        and err.context.startswith(("while parsing a flow", "while scanning a quoted"))
    ):
        closer = "quotation mark" if "quoted" in err.context else "bracket"
        return YamlProblem(opened.line + 1, f"YAML syntax error: the {closer} opened here is not closed (noticed at line {mark.line + 1}): {what}", opened.column + 1)
    return YamlProblem(mark.line + 1 if mark else 1, f"YAML syntax error: {what}", mark.column + 1 if mark else 0)


def _convert(loader: yaml.SafeLoader, node: Node, problems: list[YamlProblem], seen: set[int], depth: int, source: list[str]) -> object:
    line = node.start_mark.line + 1
    col = node.start_mark.column + 1
    if id(node) in seen:
        # the composer hands back the anchored node for each alias: refusing the second visit
        # keeps a "billion laughs" or a recursive alias from growing without end (one problem per anchor)
        if -id(node) in seen:
            return REFUSED
        seen.add(-id(node))
        problems.append(YamlProblem(line, "a YAML alias (*name) repeats the value anchored (&name) here: aliases are not allowed in the data, write the value out", col))
        return REFUSED
    seen.add(id(node))
    if node.tag not in PLAIN_TAGS:
        problems.append(YamlProblem(line, f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed in the data: remove it", col))
        return REFUSED
    if depth > MAX_DEPTH:
        problems.append(YamlProblem(line, f"YAML nested more than {MAX_DEPTH} levels deep: the data needs at most four", col))
        return REFUSED
    if isinstance(node, MappingNode):
        result = LocMap()
        result.line = line
        result.col = node.start_mark.column + 1
        result.key_lines = {}
        result.key_cols = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                problems.append(YamlProblem(key_line, f"duplicate field '{key}'", key_node.start_mark.column + 1))
                continue
            result.key_lines[key] = key_line
            result.key_cols[key] = key_node.start_mark.column + 1
            result[key] = _convert(loader, value_node, problems, seen, depth + 1, source)
        return result
    if isinstance(node, SequenceNode):
        items = LocList()
        items.line = line
        items.item_lines = []
        items.item_cols = []
        for child in node.value:
            items.item_lines.append(child.start_mark.line + 1)
            items.item_cols.append(child.start_mark.column + 1)
            items.append(_convert(loader, child, problems, seen, depth + 1, source))
        return items
    assert isinstance(node, ScalarNode)
    if not node.style and node.end_mark.line > node.start_mark.line:  # libyaml says "" for plain
        # plain text over several lines: a line in it that starts with "- " was meant as a list
        # item, but being indented further than the item above it, YAML joins it to that text
        for n in range(node.start_mark.line + 1, min(node.end_mark.line, len(source) - 1) + 1):
            text = source[n].lstrip()
            if text == "-" or text.startswith("- "):
                problems.append(
                    YamlProblem(
                        n + 1,
                        "this line starts with '- ' but is indented further than the text above it, so YAML reads it as more "
                        "of that text: indent it like the other items if it is a new item, or put the text in quotation marks",
                        len(source[n]) - len(text) + 1,
                    )
                )
                return REFUSED
    try:
        return loader.construct_object(node)
    except ValueError:
        # a value that looks like a date or number but is not one (2026-02-31): keep the text,
        # so that validation reports it against its field instead of the parser crashing
        return node.value
