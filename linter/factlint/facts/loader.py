"""Loading, validating and cross-checking facts files (see docs/facts.md).

Every file is parsed into a YAML node tree first so that each value keeps its
line and column; the tree is then validated against ``schema.json`` (JSON Schema
Draft 2020-12) and all files are merged and cross-checked. Every problem raises
a :class:`~factlint.errors.FactsError` naming the file, the 1-based line and
column, and the field (``entities[2].roles[0].org: unknown entity id 'open-ai'``).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from factlint.errors import FactsError, shown
from factlint.facts.model import (
    Entity,
    Facts,
    PartialDate,
    Quantity,
    QuantityKind,
    Role,
    Title,
)
from factlint.files import read_regular
from factlint.yamlsafe import (
    _NESTING_CHARS,
    MAX_DEPTH,
    YamlProblem,
    _check_flow_depth,
    check_depth,
)

__all__ = [
    "FACTS_SUFFIXES",
    "FactsSource",
    "display_path",
    "facts_digest",
    "facts_files",
    "load_facts",
    "load_schema",
    "parse_sources",
    "read_sources",
]

FACTS_SUFFIXES = frozenset({".yaml", ".yml"})

_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_DATE_FORMAT = "YYYY, YYYY-MM or YYYY-MM-DD"
_ID_RULE = "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"

# A location inside one YAML document: mapping keys and sequence indices.
JsonPath = tuple[str | int, ...]


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class FactsSource:
    """The bytes of one facts file, with the path shown in messages."""

    path: Path  # absolute
    display: str  # relative to the root when possible, with forward slashes
    data: bytes


if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) when it is inside it."""
    base = root if root is not None else Path.cwd()
    try:
        resolved = (path.resolve(), base.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        resolved = (path.absolute(), base.absolute())
    for candidate, anchor in ((path.absolute(), base.absolute()), resolved):
        try:
            return candidate.relative_to(anchor).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def facts_files(paths: Sequence[Path], root: Path | None = None) -> list[Path]:
    """The facts files named by ``paths``: files as given, directories searched recursively.

    Directories contribute every ``*.yaml``/``*.yml`` file below them in sorted
    order, skipping hidden files and directories. A file named twice is kept once.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            below = [
                candidate
                for candidate in path.rglob("*")
                if candidate.suffix.lower() in FACTS_SUFFIXES
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
                and not candidate.is_dir()
            ]
            below.sort(key=lambda candidate: candidate.relative_to(path).parts)
        elif os.path.lexists(path):  # a file, or something read_regular reports
            below = [path]
        else:
            raise FactsError("facts file or directory not found", display_path(path, root))
        for candidate in below:
            try:
                key = candidate.resolve()
            except (OSError, RuntimeError):  # a symlink loop: reported when it is read
                key = candidate.absolute()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def read_sources(paths: Sequence[Path], root: Path | None = None) -> list[FactsSource]:
    """Read every facts file named by ``paths`` (see :func:`facts_files`).

    A file's ``include:`` entries are read just before it (see :func:`includes`);
    a file included twice, or also named by ``paths``, is read once.
    """
    sources: list[FactsSource] = []
    seen: set[Path] = set()
    for path in facts_files(paths, root):
        _read_source(path, display_path(path, root), root, sources, seen)
    return sources


SHIPPED = "factlint:"
"""Prefix of an ``include:`` entry naming a file shipped with factlint (``factlint:titles``)."""

_INCLUDE_KEY = re.compile(rb"include[ \t]*:")


def _include_key(data: bytes) -> int:
    """Where a line starting ``include:`` begins, or -1 (found with ``bytes.find``:
    a regular expression anchored at each line start scans a large file slowly)."""
    at = data.find(b"include")
    while at >= 0:
        if (at == 0 or data[at - 1] == 0x0A) and _INCLUDE_KEY.match(data, at):
            return at
        at = data.find(b"include", at + 1)
    return -1


def _read_source(
    path: Path, display: str, root: Path | None, sources: list[FactsSource], seen: set[Path]
) -> None:
    try:
        key = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: read_regular reports it
        key = path.absolute()
    if key in seen:
        return
    seen.add(key)
    data = read_regular(path, display, error=FactsError)
    source = FactsSource(path.absolute(), display, data)
    for target, target_display in includes(source, root):
        _read_source(target, target_display, root, sources, seen)
    sources.append(source)


def shipped_file(name: str) -> Path:
    """The path of a facts file shipped in ``factlint/data`` (``titles`` or ``titles.yaml``)."""
    stem = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    return Path(str(resources.files("factlint").joinpath("data", stem)))


def includes(source: FactsSource, root: Path | None = None) -> list[tuple[Path, str]]:
    """The files a facts file's top-level ``include:`` names, as (path, display).

    An entry is a path relative to the including file, or ``factlint:NAME`` for a
    file shipped with factlint (``factlint:titles``: the starter title lexicon).
    Entries that are not strings are left to the schema to report.
    """
    at = _include_key(source.data)
    if at < 0:
        return []
    line = source.data.count(b"\n", 0, at) + 1
    try:
        check_depth(source.data.decode("utf-8-sig"))  # safe_load recurses
        data = yaml.safe_load(source.data)
    except (yaml.YAMLError, YamlProblem, UnicodeDecodeError):
        return []  # reported with its position when the file is parsed
    value = data.get("include") if isinstance(data, dict) else None
    entries = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    found: list[tuple[Path, str]] = []
    for entry in entries:
        if not isinstance(entry, str):
            continue
        if entry.startswith(SHIPPED):
            target = shipped_file(entry[len(SHIPPED) :])
            display = f"{SHIPPED}{target.name}"
        else:
            target = Path(os.path.normpath(source.path.parent / entry))
            display = display_path(target, root)
            if not Path(entry).is_absolute() and not _within_repository(target, source.path, root):
                raise FactsError(
                    f"include: {entry!r} leads outside the repository (write an absolute "
                    "path to include a file from elsewhere)",
                    source.display,
                    line,
                )
        if not target.is_file():
            raise FactsError(f"include: no such facts file {entry!r}", source.display, line)
        found.append((target, display))
    return found


def _within_repository(target: Path, including: Path, root: Path | None) -> bool:
    """Whether a relative include stays inside the repository of the including file
    (outside a git repository: inside the project root, when there is one)."""
    from factlint.paths import git_top_level

    base = git_top_level(including.parent) or (root.resolve() if root is not None else None)
    if base is None:
        return True
    try:
        target.resolve().relative_to(base)
    except ValueError:
        return False
    return True


def facts_digest(sources: Iterable[FactsSource]) -> str:
    """SHA-256 over the files' bytes, in path order (each length-prefixed)."""
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: s.path.as_posix()):
        digest.update(len(source.data).to_bytes(8, "big"))
        digest.update(source.data)
    return digest.hexdigest()


def load_schema() -> dict[str, Any]:
    """The JSON Schema of one facts file, shipped as ``factlint/facts/schema.json``."""
    text = resources.files("factlint.facts").joinpath("schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_facts(paths: Sequence[Path], root: Path | None = None) -> Facts:
    """Load, validate and merge the facts files named by ``paths``.

    Each path is a file or a directory (searched recursively for ``*.yaml`` and
    ``*.yml``). Paths in messages and in ``Entity.file`` are relative to ``root``
    (default: the working directory) when possible. Raises :class:`FactsError`.
    """
    return parse_sources(read_sources(paths, root))


def parse_sources(sources: Sequence[FactsSource]) -> Facts:
    """Build :class:`Facts` from files already read (in this order)."""
    validator: Draft202012Validator | None = None
    documents: list[_Document] = []
    for index, source in enumerate(sources):
        parsed = _parse_yaml(source)
        if parsed is None:
            continue
        data, positions = parsed
        document = _Document(index, source.display, data, positions)
        if not quick_valid(data):
            if validator is None:
                # imported here: valid files and cache hits never need it
                from jsonschema import Draft202012Validator

                validator = Draft202012Validator(load_schema())
            _validate(document, validator)
        documents.append(document)
    return _Builder(documents).build(facts_digest(sources))


# ---------------------------------------------------------------------- positions


def _field(path: JsonPath) -> str:
    """``('entities', 2, 'roles', 0, 'org')`` -> ``entities[2].roles[0].org``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _message(path: JsonPath, problem: str) -> str:
    where = _field(path)
    return f"{where}: {problem}" if where else problem


@dataclass
class _Positions:
    """1-based (line, column) of every value and every mapping key in one document."""

    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: JsonPath) -> tuple[int, int]:
        """Where the value at ``path`` (or its nearest known ancestor) starts."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def key(self, path: JsonPath) -> tuple[int, int]:
        """Where the key of the mapping entry at ``path`` starts."""
        found = self.keys.get(path)
        return found if found is not None else self.value(path)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _index(
    node: yaml.Node, path: JsonPath, positions: _Positions, display: str, active: set[int]
) -> None:
    """Record positions under ``node``; reject non-string and duplicate keys.

    YAML timestamps are retagged as strings so that dates reach the schema (and
    the error messages) exactly as written.
    """
    positions.values.setdefault(path, _mark(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _TIMESTAMP_TAG:
            node.tag = _STR_TAG
        return
    if id(node) in active:
        raise FactsError(_message(path, "recursive alias"), display, *_mark(node))
    active.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), positions, display, active)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                key_text = key_node.value if isinstance(key_node, yaml.ScalarNode) else "..."
                problem = f"keys must be strings; quote the key {shown(key_text)}"
                raise FactsError(_message(path, problem), display, *_mark(key_node))
            key: str = key_node.value
            if key in seen:
                line, _ = seen[key]
                problem = f"duplicate key {key!r} (first given on line {line})"
                raise FactsError(_message(path, problem), display, *_mark(key_node))
            seen[key] = _mark(key_node)
            child = (*path, key)
            positions.keys[child] = _mark(key_node)
            _index(value_node, child, positions, display, active)
    active.discard(id(node))


_SCALAR_TAGS = frozenset(
    {
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
    }
)
_EMPTY: Any = object()  # a file without a YAML document


def _read_plain(text: str) -> Any:
    """The data and positions of a plain YAML document, read in one pass over the
    parser's events: what :func:`_parse_yaml`'s composer path gives, without
    building a node tree (seconds and hundreds of megabytes for 100,000
    entities). ``_EMPTY`` for a file without a document; ``None`` for anything
    it leaves to the composer path, which then reports any problem as before:
    parse errors, anchors and aliases, explicit tags, merge keys, non-string or
    duplicate keys, nesting deeper than the limit (the flow-bracket check of
    :func:`~factlint.yamlsafe.check_depth` runs first, as there)."""
    if not yaml.__with_libyaml__:
        return None
    if sum(text.count(ch) for ch in _NESTING_CHARS) >= MAX_DEPTH:
        try:
            _check_flow_depth(text, MAX_DEPTH, 0)
        except YamlProblem:
            return None
    loader = yaml.CSafeLoader(text)
    try:
        return _events(loader)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _events(loader: Any) -> Any:
    ScalarEvent = yaml.ScalarEvent
    MappingStartEvent = yaml.MappingStartEvent
    SequenceStartEvent = yaml.SequenceStartEvent
    ScalarNode = yaml.ScalarNode
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    get_event = loader.get_event
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return _EMPTY
    get_event()  # document start
    positions = _Positions()
    values = positions.values
    keys = positions.keys
    root: list[Any] = []
    # open collections: (container, path, is_mapping)
    stack: list[tuple[Any, JsonPath, bool]] = []
    keyed: list[Any] = []  # the pending key of each open mapping (None: expecting a key)
    while True:
        event = get_event()
        cls = type(event)
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.anchor is not None:
                return None
            tag = event.tag
            if cls is ScalarEvent:
                if tag is None or tag == "!":
                    tag = resolve(ScalarNode, event.value, event.implicit)
            elif tag is not None and tag != "!":
                return None
            if stack:
                container, path, is_map = stack[-1]
                if is_map:
                    if keyed[-1] is None:  # a key
                        if cls is not ScalarEvent or tag != _STR_TAG:
                            return None
                        name = event.value
                        if name in container:
                            return None
                        keyed[-1] = name
                        mark = event.start_mark
                        keys[(*path, name)] = (mark.line + 1, mark.column + 1)
                        continue
                    here = (*path, keyed[-1])
                else:
                    here = (*path, len(container))
            else:
                container, is_map, here = root, False, ()
            mark = event.start_mark
            values.setdefault(here, (mark.line + 1, mark.column + 1))
            if cls is ScalarEvent:
                if tag in (_STR_TAG, _TIMESTAMP_TAG):
                    value: Any = event.value
                elif tag in _SCALAR_TAGS:
                    node = ScalarNode(
                        tag, event.value, event.start_mark, event.end_mark, event.style
                    )
                    value = constructors[tag](loader, node)
                else:
                    return None
            else:
                value = {} if cls is MappingStartEvent else []
            if is_map:
                container[keyed[-1]] = value
                keyed[-1] = None
            else:
                container.append(value)
            if cls is not ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    return None
                stack.append((value, here, cls is MappingStartEvent))
                keyed.append(None)
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            stack.pop()
            keyed.pop()
        elif cls is yaml.DocumentEndEvent:
            break
        else:  # an alias
            return None
    if not loader.check_event(yaml.StreamEndEvent):
        return None
    return root[0], positions


def _parse_yaml(source: FactsSource) -> tuple[Any, _Positions] | None:
    """The document of one file and its positions; ``None`` for an empty file."""
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactsError(f"not valid UTF-8 (byte {exc.start})", source.display) from exc
    plain = _read_plain(text)
    if plain is not None:
        return None if plain is _EMPTY else plain
    try:
        check_depth(text)  # before PyYAML's recursive composer sees the text
    except YamlProblem as exc:
        raise FactsError(
            f"invalid YAML: {exc.message}", source.display, exc.line, exc.column
        ) from None
    loader: yaml.CSafeLoader | yaml.SafeLoader
    loader = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        positions = _Positions()
        _index(node, (), positions, source.display, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = f"invalid YAML: {exc.problem or exc.context or exc}"
        if exc.problem and exc.context:
            problem += f" ({exc.context}"
            if exc.context_mark is not None:
                problem += f" started on line {exc.context_mark.line + 1}"
            problem += ")"
        if mark is None:
            raise FactsError(problem, source.display) from exc
        raise FactsError(problem, source.display, mark.line + 1, mark.column + 1) from exc
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FactsError(f"invalid YAML: {first_line}", source.display) from exc
    finally:
        loader.dispose()
    return data, positions


# ------------------------------------------------------------------------- schema


@dataclass
class _Document:
    index: int  # order of the file, for reporting the first problem
    display: str
    data: Any
    positions: _Positions


_EXPECTED_BY_TITLE = {
    "id": "an id",
    "date": f"a date ({_DATE_FORMAT})",
    "text": "a string",
    "names": "a mapping from language codes to lists of names",
    "forms": "a list of strings",
}

_EXPECTED_BY_TYPE = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
}


def _describe(value: object, *, with_value: bool = True) -> str:
    if not with_value and isinstance(value, str):
        return "a string"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, str):
        return f"string {shown(value)}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _schema_problems(error: ValidationError) -> Iterator[tuple[JsonPath, bool, str]]:
    """(path, whether the position is the key's, problem) for one schema error."""
    path: JsonPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    title = schema.get("title")
    value = error.instance
    keyword = error.validator
    rule: Any = error.validator_value
    if "propertyNames" in error.absolute_schema_path:
        yield (*path, str(value)), True, f"invalid language code {shown(value)}"
    elif keyword == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        for extra in value:
            if extra not in known:
                problem = f"unknown field {shown(extra)}"
                close = difflib.get_close_matches(str(extra), known, n=1)
                if close:
                    problem += f"; did you mean {close[0]!r}?"
                elif known:
                    problem += f" (expected one of: {', '.join(known)})"
                yield (*path, extra), True, problem
    elif keyword == "required" and isinstance(value, dict):
        for name in rule:
            if name not in value:
                yield path, False, f"missing required field {name!r}"
    elif keyword == "type":
        expected = _EXPECTED_BY_TITLE.get(str(title))
        if expected is None:
            names = [rule] if isinstance(rule, str) else list(rule)
            expected = " or ".join(_EXPECTED_BY_TYPE.get(name, name) for name in names)
        # at the top, the file may not be a facts file at all: do not show its content
        yield path, False, f"expected {expected}, got {_describe(value, with_value=bool(path))}"
    elif keyword == "pattern":
        if title == "id":
            yield path, False, f"invalid id {shown(value)} (use {_ID_RULE})"
        elif title == "date":
            yield path, False, f"invalid date {shown(value)} (expected {_DATE_FORMAT})"
        elif title == "language code":
            yield path, False, f"invalid language code {shown(value)}"
        else:
            yield path, False, "must not be blank"
    elif keyword in ("minimum", "maximum") and title == "date":
        yield path, False, f"invalid date {shown(value)} (expected {_DATE_FORMAT})"
    elif keyword == "minimum":
        yield path, False, f"must be at least {rule}, got {value}"
    elif keyword == "minLength":
        yield path, False, "must not be empty"
    elif keyword == "minItems":
        yield path, False, "must not be an empty list"
    elif keyword == "minProperties":
        yield path, False, "must give names in at least one language"
    elif keyword == "uniqueItems" and isinstance(value, list):
        for index, item in enumerate(value):
            if item in value[:index]:
                yield (*path, index), False, f"duplicate entry {shown(item)}"
                break
        else:
            yield path, False, "duplicate entries"
    elif keyword == "enum":
        allowed = ", ".join(str(option) for option in rule)
        yield path, False, f"expected one of {allowed}; got {_describe(value)}"
    elif keyword == "const":
        if path == ("version",):
            yield path, False, f"unsupported version {shown(value)} (expected {rule!r})"
        else:
            yield path, False, f"expected {rule!r}, got {_describe(value)}"
    else:
        yield path, False, error.message


def _validate(document: _Document, validator: Draft202012Validator) -> None:
    """Raise the first schema violation of ``document`` by position, if any."""
    problems: list[tuple[int, int, int, str]] = []
    for error in validator.iter_errors(document.data):
        for path, at_key, problem in _schema_problems(error):
            positions = document.positions
            line, column = positions.key(path) if at_key else positions.value(path)
            problems.append((line, column, len(problems), _message(path, problem)))
    if problems:
        line, column, _, message = min(problems)
        raise FactsError(message, document.display, line, column)


# -------------------------------------------------------------- fast acceptance

Check = Callable[[Any], bool]
_ANNOTATIONS = frozenset({"title", "description", "$schema", "$id", "$defs", "$comment"})


def _is_str(v: Any) -> bool:
    return type(v) is str


def _is_int(v: Any) -> bool:
    return type(v) is int


def _is_bool(v: Any) -> bool:
    return type(v) is bool


def _is_list(v: Any) -> bool:
    return type(v) is list


def _is_dict(v: Any) -> bool:
    return type(v) is dict


def _is_none(v: Any) -> bool:
    return v is None


def _never(v: Any) -> bool:
    return False


def _always(v: Any) -> bool:
    return True


_TYPES: dict[str, Check] = {
    "string": _is_str,
    "integer": _is_int,
    "boolean": _is_bool,
    "array": _is_list,
    "object": _is_dict,
    "null": _is_none,
}


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def check(v: Any) -> bool:
        for c in checks:  # noqa: SIM110 -- a loop: all() over a generator is slower here
            if not c(v):
                return False
        return True

    return check


def _unique(value: Any) -> bool:
    if type(value) is not list:
        return True
    return all(type(v) is str for v in value) and len(set(value)) == len(value)


def _keyword(keyword: str, rule: Any, schema: dict[str, Any], sub: Callable[[Any], Check]) -> Check:
    """The check of one keyword (``sub`` compiles a subschema); ``_never`` when unsure."""
    if keyword == "type":
        options = [_TYPES.get(n, _never) for n in ([rule] if isinstance(rule, str) else rule)]
        return lambda v: any(o(v) for o in options)
    if keyword == "pattern":
        regex = re.compile(rule)
        return lambda v: type(v) is not str or regex.search(v) is not None
    if keyword == "minLength":
        return lambda v: type(v) is not str or len(v) >= rule
    if keyword == "minimum":
        return lambda v: type(v) is not int or v >= rule
    if keyword == "maximum":
        return lambda v: type(v) is not int or v <= rule
    if keyword == "const":
        return lambda v: type(v) is type(rule) and v == rule
    if keyword == "enum":
        allowed = frozenset(o for o in rule if type(o) is str)
        return lambda v: type(v) is str and v in allowed
    if keyword == "required":
        names = tuple(rule)
        return lambda v: type(v) is not dict or all(k in v for k in names)
    if keyword == "minItems":
        return lambda v: type(v) is not list or len(v) >= rule
    if keyword == "minProperties":
        return lambda v: type(v) is not dict or len(v) >= rule
    if keyword == "uniqueItems":
        return _unique if rule else _always
    if keyword == "items":
        item = sub(rule)

        def items(v: Any) -> bool:
            if type(v) is list:
                for x in v:
                    if not item(x):
                        return False
            return True

        return items
    if keyword == "propertyNames":
        key = sub(rule)
        return lambda v: type(v) is not dict or all(map(key, v))
    if keyword == "properties":
        props = {k: sub(s) for k, s in rule.items()}

        def properties(v: Any) -> bool:
            if type(v) is dict:
                for k, x in v.items():
                    c = props.get(k)
                    if c is not None and not c(x):
                        return False
            return True

        return properties
    if keyword == "additionalProperties" and "patternProperties" not in schema:
        known = frozenset(schema.get("properties", ()))
        if rule is False:
            return lambda v: type(v) is not dict or all(k in known for k in v)
        extra = sub(rule)
        return lambda v: (
            type(v) is not dict or all(extra(x) for k, x in v.items() if k not in known)
        )
    return _never  # oneOf and anything else: let jsonschema decide


class _Acceptor:
    """A quick test that a document is valid against the schema, used before
    jsonschema: ``True`` only for documents jsonschema accepts (ints, strings,
    lists and dicts of the plain types; anything unusual -- a float where an
    integer is wanted, ``oneOf``, a keyword it does not know -- answers
    ``False``), so jsonschema runs only on files that may have a problem and
    reports it with the same message."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.compiled: dict[str, Check] = {}
        self.check = self.compile(schema)

    def ref(self, name: str) -> Check:
        if name not in self.compiled:
            self.compiled[name] = _never  # while compiling a recursive definition
            self.compiled[name] = self.compile(self.defs[name])
        compiled = self.compiled

        def check(value: Any) -> bool:
            return compiled[name](value)

        return check

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if not isinstance(schema, dict):
            return _never
        checks: list[Check] = []
        for keyword, rule in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            if keyword == "$ref":
                name = rule[len("#/$defs/") :] if isinstance(rule, str) else ""
                if not (isinstance(rule, str) and rule.startswith("#/$defs/")) or (
                    name not in self.defs
                ):
                    return _never
                checks.append(self.ref(name))
                continue
            check = _keyword(keyword, rule, schema, self.compile)
            if check is _never:
                return _never
            checks.append(check)
        return _all(checks) if checks else _always


_ACCEPTOR: list[_Acceptor] = []


def quick_valid(data: Any) -> bool:
    """Whether ``data`` is certainly valid against the schema (see :class:`_Acceptor`)."""
    if not _ACCEPTOR:
        _ACCEPTOR.append(_Acceptor(load_schema()))
    return _ACCEPTOR[0].check(data)


# ----------------------------------------------------------------- cross-checking


@dataclass(frozen=True, order=True)
class _Where:
    file: int
    line: int
    column: int
    display: str = field(compare=False)
    path: JsonPath = field(compare=False)

    def short(self) -> str:
        return f"{self.display}:{self.line}"


@dataclass
class _Builder:
    """Merges validated documents; collects every problem and raises the first."""

    documents: list[_Document]
    problems: list[tuple[_Where, str]] = field(default_factory=list)
    titles: dict[str, Title] = field(default_factory=dict)
    kinds: dict[str, QuantityKind] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    quantities: list[Quantity] = field(default_factory=list)
    title_at: dict[str, _Where] = field(default_factory=dict)
    kind_at: dict[str, _Where] = field(default_factory=dict)
    fact_at: dict[str, _Where] = field(default_factory=dict)  # entities, roles, quantities
    broader_at: dict[str, _Where] = field(default_factory=dict)
    references: list[tuple[str, str, _Where]] = field(default_factory=list)

    def build(self, digest: str) -> Facts:
        for document in self.documents:
            data: Mapping[str, Any] = document.data
            for index, item in enumerate(data.get("titles") or ()):
                self._title(document, ("titles", index), item)
            for index, item in enumerate(data.get("quantity_kinds") or ()):
                self._kind(document, ("quantity_kinds", index), item)
            for index, item in enumerate(data.get("entities") or ()):
                self._entity(document, ("entities", index), item)
            for index, item in enumerate(data.get("quantities") or ()):
                self._quantity(document, ("quantities", index), item)
        self._check_references()
        self._check_broader_cycles()
        if self.problems:
            where, problem = min(self.problems, key=lambda entry: entry[0])
            raise FactsError(_message(where.path, problem), where.display, where.line, where.column)
        return Facts(
            entities=self.entities,
            titles=self.titles,
            quantity_kinds=self.kinds,
            quantities=tuple(self.quantities),
            digest=digest,
        )

    # -- helpers

    def _at(self, document: _Document, path: JsonPath) -> _Where:
        line, column = document.positions.value(path)
        return _Where(document.index, line, column, document.display, path)

    def _problem(self, where: _Where, problem: str) -> None:
        self.problems.append((where, problem))

    def _claim_id(
        self, registry: dict[str, _Where], what: str, ident: str, where: _Where, hint: str = ""
    ) -> bool:
        first = registry.get(ident)
        if first is not None:
            self._problem(where, f"duplicate {what} id {ident!r} (first at {first.short()}){hint}")
            return False
        registry[ident] = where
        return True

    def _date(self, document: _Document, path: JsonPath, value: object) -> PartialDate | None:
        if value is None:
            return None
        try:
            date = PartialDate.parse(value)
            date.earliest()
        except ValueError as exc:
            self._problem(self._at(document, path), f"invalid date {shown(value)}: {exc}")
            return None
        return date

    @staticmethod
    def _names(value: Mapping[str, Sequence[str]] | None) -> dict[str, tuple[str, ...]]:
        return {lang: tuple(forms) for lang, forms in (value or {}).items()}

    # -- sections

    def _title(self, document: _Document, path: JsonPath, item: Mapping[str, Any]) -> None:
        ident: str = item["id"]
        where = self._at(document, (*path, "id"))
        if not self._claim_id(self.title_at, "title", ident, where):
            return
        broader = tuple(item.get("broader") or ())
        self.broader_at[ident] = self._at(document, (*path, "broader"))
        for index, other in enumerate(broader):
            self.references.append(("title", other, self._at(document, (*path, "broader", index))))
        self.titles[ident] = Title(
            id=ident,
            names=self._names(item["names"]),
            names_feminine=self._names(item.get("feminine")),
            broader=broader,
            label=item.get("label") or "",
            org_free=bool(item.get("org_free", False)),
            shared=bool(item.get("shared", False)),
        )

    def _kind(self, document: _Document, path: JsonPath, item: Mapping[str, Any]) -> None:
        ident: str = item["id"]
        where = self._at(document, (*path, "id"))
        if self._claim_id(self.kind_at, "quantity kind", ident, where):
            self.kinds[ident] = QuantityKind(id=ident, names=self._names(item["names"]))

    def _entity(self, document: _Document, path: JsonPath, item: Mapping[str, Any]) -> None:
        ident: str = item["id"]
        kind: str = item["type"]
        where = self._at(document, (*path, "id"))
        fresh = self._claim_id(self.fact_at, "entity", ident, where)
        if kind != "person":
            for name, what in (
                ("gender", "a gender"),
                ("born", "a birth date"),
                ("died", "a death date"),
                ("roles", "roles"),
            ):
                if name in item:
                    problem = f"only persons have {what} (this entity's type is {kind!r})"
                    self._problem(self._at(document, (*path, name)), problem)
        dates = {
            name: self._date(document, (*path, name), item.get(name))
            for name in ("born", "died", "founded", "date")
        }
        born, died = dates["born"], dates["died"]
        if born is not None and died is not None and died.latest() < born.earliest():
            self._problem(self._at(document, (*path, "died")), f"died {died} before born {born}")
        source: str | None = item.get("source")
        roles = tuple(
            self._role(document, (*path, "roles", index), role, ident, source)
            for index, role in enumerate(item.get("roles") or ())
        )
        if item.get("venue"):
            self.references.append(
                ("entity", str(item["venue"]), self._at(document, (*path, "venue")))
            )
        for index, other in enumerate(item.get("participants") or ()):
            self.references.append(
                ("entity", str(other), self._at(document, (*path, "participants", index)))
            )
        for index, other in enumerate(item.get("complete") or ()):
            self.references.append(
                ("title", str(other), self._at(document, (*path, "complete", index)))
            )
        entity = Entity(
            id=ident,
            type=kind,
            names=self._names(item["names"]),
            short=self._names(item.get("short")),
            variants=self._names(item.get("variants")),
            avoid=self._names(item.get("avoid")),
            literal=self._names(item.get("literal")),
            descriptors=self._names(item.get("descriptors")),
            gender=item.get("gender"),
            born=born,
            died=died,
            founded=dates["founded"],
            date=dates["date"],
            roles=roles,
            complete=tuple(str(t) for t in item.get("complete") or ()),
            venue=str(item["venue"]) if item.get("venue") else None,
            participants=tuple(str(p) for p in item.get("participants") or ()),
            source=source,
            description=item.get("description"),
            file=document.display,
            line=self._at(document, path).line,
        )
        if fresh:
            self.entities[ident] = entity

    def _role(
        self,
        document: _Document,
        path: JsonPath,
        item: Mapping[str, Any],
        entity: str,
        entity_source: str | None,
    ) -> Role:
        explicit: str | None = item.get("id")
        ident = explicit or f"{entity}.roles[{path[-1]}]"
        id_path = (*path, "id") if explicit else path
        self._claim_id(self.fact_at, "role", ident, self._at(document, id_path))
        title: str = item["title"]
        org: str | None = item.get("org")
        self.references.append(("title", title, self._at(document, (*path, "title"))))
        if org is not None:
            self.references.append(("entity", org, self._at(document, (*path, "org"))))
        start = self._date(document, (*path, "start"), item.get("start"))
        end = self._date(document, (*path, "end"), item.get("end"))
        if start is not None and end is not None and end.latest() < start.earliest():
            self._problem(self._at(document, (*path, "end")), f"end {end} is before start {start}")
        return Role(
            id=ident,
            title=title,
            org=org,
            start=start,
            end=end,
            source=item.get("source") or entity_source,
            label=item.get("label"),
            line=self._at(document, path).line,
        )

    def _quantity(self, document: _Document, path: JsonPath, item: Mapping[str, Any]) -> None:
        entity: str = item["entity"]
        kind: str = item["kind"]
        as_of = self._date(document, (*path, "as_of"), item.get("as_of"))
        explicit: str | None = item.get("id")
        if explicit:
            ident, where, hint = explicit, self._at(document, (*path, "id")), ""
        else:
            ident = f"{entity}.{kind}.{as_of}" if as_of is not None else f"{entity}.{kind}"
            where, hint = self._at(document, path), "; give the quantity an explicit id"
        self._claim_id(self.fact_at, "quantity", ident, where, hint)
        self.references.append(("entity", entity, self._at(document, (*path, "entity"))))
        self.references.append(("quantity kind", kind, self._at(document, (*path, "kind"))))
        self.quantities.append(
            Quantity(
                id=ident,
                entity=entity,
                kind=kind,
                value=int(item["value"]),
                as_of=as_of,
                source=item.get("source"),
                approximate=bool(item.get("approximate", False)),
            )
        )

    # -- whole-knowledge-base checks

    def _check_references(self) -> None:
        known: dict[str, Mapping[str, object]] = {
            "title": self.titles,
            "entity": self.entities,
            "quantity kind": self.kinds,
        }
        for what, ident, where in self.references:
            pool = known[what]
            if ident in pool:
                continue
            problem = f"unknown {what} id {ident!r}"
            close = difflib.get_close_matches(ident, list(pool), n=1)
            if close:
                problem += f"; did you mean {close[0]!r}?"
            self._problem(where, problem)

    def _check_broader_cycles(self) -> None:
        for ident, title in self.titles.items():
            todo = list(title.broader)
            seen: set[str] = set()
            while todo:
                current = todo.pop()
                if current == ident:
                    problem = f"title {ident!r} is (indirectly) broader than itself"
                    self._problem(self.broader_at[ident], problem)
                    break
                if current in seen:
                    continue
                seen.add(current)
                other = self.titles.get(current)
                if other is not None:
                    todo.extend(other.broader)
