"""Loaded facts from the project cache (:mod:`factlint.cache`), keyed by content.

Two kinds of entries:

* ``facts-file``: one facts file parsed and validated against the schema (its
  values and the line and column of each), keyed by the file's bytes, the path
  shown in messages and the loader's code. A facts edit re-parses and
  re-validates only the file that changed; the merge and cross-checks then run
  over all files (they are cheap and see every file).
* ``facts``: the merged :class:`Facts`, keyed by every file's bytes and path,
  as an SQLite database image (:mod:`factlint.facts.store`) whose entities are
  decoded when first asked for: a run with unchanged facts reads one entry,
  builds no object per entity up front, and imports neither YAML's loader nor
  jsonschema.

Without a cache (``cache=None``) the files are simply loaded.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.cache import Cache, code_digest, json_bytes, json_chunks, paused_gc
from factlint.facts.loader import (
    FactsSource,
    _Builder,
    _Document,
    _parse_yaml,
    _Positions,
    _validate,
    facts_digest,
    load_schema,
    parse_sources,
    quick_valid,
    read_sources,
)
from factlint.facts.model import Facts
from factlint.facts.store import facts_from_image, facts_image

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

__all__ = ["load_facts_cached"]

_CODE = (
    "factlint.facts.model",
    "factlint.facts.loader",
    "factlint.facts.cache",
    "factlint.facts.store",
    "factlint.model",
    "factlint.serial",
    "factlint.dbimage",
)
_SUFFIX = ".sqlite"


def _code_key() -> str:
    digest = hashlib.sha256(code_digest(*_CODE).encode())
    try:
        digest.update(resources.files("factlint.facts").joinpath("schema.json").read_bytes())
    except OSError:
        digest.update(b"?")
    return digest.hexdigest()


def _file_key(code: str, source: FactsSource) -> str:
    digest = hashlib.sha256(f"{code}\0{source.display}\0".encode())
    digest.update(source.data)
    return digest.hexdigest()


def _positions_from(plain: list[Any]) -> _Positions:
    values, keys = plain
    return _Positions(
        {tuple(p): (line, col) for p, line, col in values},
        {tuple(p): (line, col) for p, line, col in keys},
    )


class _Files:
    """Per-file parse and validation, through the cache; the validator made on first need."""

    def __init__(self, cache: Cache, code: str) -> None:
        self.cache = cache
        self.code = code
        self.validator: Draft202012Validator | None = None

    def document(self, index: int, source: FactsSource) -> _Document | None:
        key = _file_key(self.code, source)
        stored = self.cache.get("facts-file", key)
        if isinstance(stored, dict) and "data" in stored:
            if stored["data"] is None:
                return None
            return _Document(index, source.display, stored["data"], _positions_from(stored["at"]))
        parsed = _parse_yaml(source)
        if parsed is None:
            self.cache.put("facts-file", key, {"data": None})
            return None
        data, positions = parsed
        document = _Document(index, source.display, data, positions)
        if not quick_valid(data):  # a file that may have a problem: jsonschema reports it
            if self.validator is None:
                from jsonschema import Draft202012Validator

                self.validator = Draft202012Validator(inline_refs(load_schema()))
            _validate(document, self.validator)
        self.cache.put_chunks("facts-file", key, _entry_chunks(data, positions))
        return document


def _entry_chunks(data: Any, positions: _Positions) -> Iterator[bytes]:
    """The JSON of a facts-file entry, ``{"data": ..., "at": [values, keys]}``, in
    chunks: for a large file the whole text would take several times its size."""
    yield b'{"data":'
    yield from json_chunks(data)
    yield b',"at":['
    for i, table in enumerate((positions.values, positions.keys)):
        yield b"[" if i == 0 else b",["
        items = list(table.items())
        for start in range(0, len(items), 20_000):
            batch = [[list(p), v[0], v[1]] for p, v in items[start : start + 20_000]]
            if start:
                yield b","
            yield json_bytes(batch)[1:-1]
        yield b"]"
    yield b"]}"


def _facts_key(code: str, sources: Sequence[FactsSource]) -> str:
    digest = hashlib.sha256(code.encode())
    for source in sources:
        digest.update(f"\0{source.display}\0{source.path.as_posix()}\0".encode())
        digest.update(hashlib.sha256(source.data).digest())
    return digest.hexdigest()


def load_facts_cached(
    paths: Sequence[Path], root: Path | None = None, cache: Cache | None = None
) -> Facts:
    """Like :func:`factlint.facts.load_facts`, through ``cache`` when one is given."""
    sources = read_sources(paths, root)
    if cache is None:
        return parse_sources(sources)
    code = _code_key()
    whole = _facts_key(code, sources)
    stored = cache.get_bytes("facts", whole, _SUFFIX)
    if stored is not None:
        try:
            return facts_from_image(stored)
        except (sqlite3.Error, TypeError, ValueError, KeyError, IndexError):
            pass  # an entry of another layout: rebuild it
    with paused_gc():
        files = _Files(cache, code)
        documents = [
            doc
            for doc in (files.document(i, source) for i, source in enumerate(sources))
            if doc is not None
        ]
        facts = _Builder(documents).build(facts_digest(sources))
        del documents
        try:
            image = facts_image(facts)
        except (TypeError, ValueError, sqlite3.Error):
            return facts
        cache.put_bytes("facts", whole, image, _SUFFIX)
    return facts


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with each local ``$ref`` to ``#/$defs/NAME`` replaced by that definition.

    jsonschema resolves a ``$ref`` through its registry on every use, which is
    most of the time spent validating a large facts file; the inlined schema
    validates the same documents with the same errors (sibling keywords of a
    ``$ref`` are kept). Recursive definitions are left as references.
    """
    defs: dict[str, Any] = schema.get("$defs", {})

    def walk(node: Any, active: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [walk(item, active) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/") :]
            if name in defs and "/" not in name and name not in active:
                target = walk(defs[name], active | {name})
                siblings = {k: walk(v, active) for k, v in node.items() if k != "$ref"}
                return {**target, **siblings} if siblings else target
        return {key: walk(value, active) for key, value in node.items()}

    inlined: dict[str, Any] = walk(schema, frozenset())
    return inlined
