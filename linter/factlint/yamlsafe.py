"""YAML for configuration and front matter: safe, strict and bounded.

:func:`load` differs from ``yaml.safe_load`` in what it refuses, each with the
line it is on:

* a key given twice in one mapping (``safe_load`` keeps the last one);
* nesting deeper than ``MAX_DEPTH`` (PyYAML's composer recurses: Python
  raises ``RecursionError`` and the C extension can crash the process);
* aliases that recurse or expand to more than ``MAX_NODES`` values (a
  "billion laughs" document).

Timestamps are kept as the strings written, so that dates are checked by
:mod:`factlint.dates` with the line they are on instead of failing inside PyYAML.
:func:`check_depth` is the depth check alone, for loaders with their own
composer (the facts loader).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_DEPTH = 64
MAX_NODES = 100_000

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Each nesting level needs at least one of these characters.
_NESTING_CHARS = "[{-?:"


class YamlProblem(Exception):
    """A document :func:`load` refuses; ``line`` and ``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class StrictLoader(_Base):  # type: ignore[misc,valid-type]
    """A safe loader that rejects duplicate keys and keeps timestamps as strings.

    ``line_offset`` is added to the line numbers written into messages (for YAML
    that starts below line 1 of its file, such as front matter).
    """

    line_offset = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1 + self.line_offset
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key_node.value!r} (first given on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = line
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


StrictLoader.add_constructor(_TIMESTAMP_TAG, StrictLoader.construct_yaml_str)


def _problem(exc: yaml.YAMLError, line_offset: int) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None)
    if problem is None:  # a ReaderError (control character) has no mark: its first line
        problem = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
    if mark is None:
        return YamlProblem(str(problem))
    return YamlProblem(str(problem), mark.line + 1 + line_offset, mark.column + 1)


def _at(problem: str, node: yaml.Node | yaml.Event, line_offset: int) -> YamlProblem:
    mark = node.start_mark
    if mark is None:
        return YamlProblem(problem)
    return YamlProblem(problem, mark.line + 1 + line_offset, mark.column + 1)


def check_depth(text: str, limit: int = MAX_DEPTH, *, line_offset: int = 0) -> None:
    """Raise :class:`YamlProblem` when collections nest deeper than ``limit``.

    Reads parser events (no recursion); skipped when the text has too few
    nesting characters to reach the limit.
    """
    if sum(text.count(ch) for ch in _NESTING_CHARS) < limit:
        return
    _check_flow_depth(text, limit, line_offset)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    raise _at(f"nested more than {limit} levels deep", event, line_offset)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _problem(exc, line_offset) from None


_FLOW_MARKS = re.compile(r"[\n\"'\[\]{}#]")


def _check_flow_depth(text: str, limit: int, line_offset: int) -> None:
    """Flow collections ("[[[[...") counted by their brackets before the parser runs:
    recent PyYAML versions scan ahead and stop at a depth limit of their own, with
    another message and position."""
    # a block mapping or sequence around the flow collections is one level too
    body = text.lstrip()
    depth = 0 if body.startswith(("[", "{")) else 1
    base = depth
    line, line_start = 1, 0
    quote: str | None = None
    for found in _FLOW_MARKS.finditer(text):  # every other character changes nothing
        ch = found.group()
        if ch == "\n":
            line, line_start = line + 1, found.end()
            quote = None if quote == "\n" else quote  # a comment ends with its line
            continue
        column = found.start() - line_start + 1
        if quote is not None:
            if ch == quote:
                quote = None
            continue
        if ch in "\"'" and depth > base:
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > limit:
                raise YamlProblem(
                    f"nested more than {limit} levels deep", line + line_offset, column
                )
        elif ch in "]}" and depth > base:
            depth -= 1
        elif ch == "#" and depth == base:
            quote = "\n"  # a comment: skip to the end of the line


def _check_graph(root: yaml.Node, line_offset: int) -> None:
    """Refuse recursive aliases and alias expansion beyond ``MAX_NODES`` (iteratively)."""
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if leaving:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(child)] for child in children)
            if size[key] > MAX_NODES:
                raise _at(f"aliases expand to more than {MAX_NODES} values", node, line_offset)
            continue
        if key in size:
            continue
        if key in on_path:
            raise _at("recursive alias", node, line_offset)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in size)


def load(text: str, *, line_offset: int = 0) -> Any:
    """The value of one YAML document (``None`` when empty); :class:`YamlProblem` otherwise.

    ``line_offset`` is added to every line number reported (front matter: 1).
    """
    check_depth(text, line_offset=line_offset)
    loader = StrictLoader(text)
    loader.line_offset = line_offset
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_graph(node, line_offset)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _problem(exc, line_offset) from None
    finally:
        loader.dispose()
