"""Frozen dataclasses to JSON-ready plain values and back, driven by type hints.

Used by the cache (:mod:`factlint.cache`) so that nothing is ever unpickled:
a dataclass becomes the list of its ``init`` fields in declaration order, an
enum its value, a tuple/list/frozenset a list (sets sorted), a mapping with
string keys an object. :func:`decoder` builds, once per type, a function that
rebuilds the objects from those values using the dataclasses' type hints, so a
new field of a supported type needs no change here. Cache entries are keyed by
a hash of the code that defines the types, so a layout change never meets an
old entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

__all__ = ["decoder", "to_plain"]

Decode = Callable[[Any], Any]
_PRIMITIVES = (str, int, float, bool, type(None))


_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's init fields, found once per class


def to_plain(obj: Any) -> Any:
    """JSON-ready values for ``obj`` (raises TypeError for what it cannot represent)."""
    kind = type(obj)
    if kind is str or kind is int or obj is None:
        return obj
    if kind is tuple or kind is list:
        return [to_plain(item) for item in obj]
    names = _FIELDS.get(kind)
    if names is not None:
        return [to_plain(getattr(obj, name)) for name in names]
    if kind is dict:
        return _plain_mapping(obj)
    if isinstance(obj, str | int | float):
        return obj
    if isinstance(obj, enum.Enum):
        return obj.value
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(obj) if f.init)
        return [to_plain(getattr(obj, name)) for name in names]
    if isinstance(obj, Mapping):
        return _plain_mapping(obj)
    if isinstance(obj, AbstractSet):
        return [to_plain(item) for item in sorted(obj)]
    if isinstance(obj, tuple | list):
        return [to_plain(item) for item in obj]
    if isinstance(obj, Path):
        return obj.as_posix()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    raise TypeError(f"cannot store a {type(obj).__name__}")


def _plain_mapping(obj: Mapping[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in obj.items():
        if not isinstance(key, str):
            raise TypeError(f"mapping key {key!r} is not a string")
        out[key] = to_plain(value)
    return out


def _same(value: Any) -> Any:
    return value


def _optional(inner: Decode) -> Decode:
    if inner is _same:
        return _same
    return lambda value: None if value is None else inner(value)


def _sequence(inner: Decode, kind: Callable[[Any], Any]) -> Decode:
    if inner is _same:
        return kind
    return lambda value: kind(map(inner, value))


def _mapping(inner: Decode) -> Decode:
    if inner is _same:
        return dict
    return lambda value: {key: inner(item) for key, item in value.items()}


def _dataclass(cls: type, memo: dict[Any, Decode]) -> Decode:
    """Rebuild a dataclass from the list of its init fields.

    Without ``__post_init__``, the instance is made without calling ``__init__``
    (a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, several times slower); fields with a default made
    outside ``__init__`` (``init=False``) are then set from their defaults.
    """
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    parts: list[Decode] = []
    post_init = hasattr(cls, "__post_init__")
    slots = hasattr(cls, "__slots__")
    extra = {
        f.name: f.default
        for f in dataclasses.fields(cls)
        if not f.init and f.default is not dataclasses.MISSING
    }
    if (
        post_init
        or slots
        or any(not f.init and f.default is dataclasses.MISSING for f in dataclasses.fields(cls))
    ):

        def construct(value: Any) -> Any:
            return cls(*[part(item) for part, item in zip(parts, value, strict=True)])

        memo[cls] = construct
        parts.extend(decoder(hints[name], memo) for name in names)
        return construct

    new = object.__new__

    def build(value: Any) -> Any:
        obj: Any = new(cls)
        state = obj.__dict__
        for name, part, item in zip(names, parts, value, strict=True):
            state[name] = item if part is _same else part(item)
        if extra:
            state.update(extra)
        return obj

    memo[cls] = build  # before the fields: a type may refer to itself
    parts.extend(decoder(hints[name], memo) for name in names)
    return build


def decoder(tp: Any, memo: dict[Any, Decode] | None = None) -> Decode:
    """A function rebuilding a value of type ``tp`` from :func:`to_plain`'s output."""
    memo = {} if memo is None else memo
    if tp in memo:
        return memo[tp]
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any or tp in _PRIMITIVES:
        return _same
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if all(a in _PRIMITIVES for a in options):
            return _same
        if len(options) == 1:
            return _optional(decoder(options[0], memo))
        raise TypeError(f"cannot decode {tp}")
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, memo)
    if tp is Path:
        return Path
    if tp is dt.date:
        return dt.date.fromisoformat
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _sequence(decoder(args[0], memo), tuple)
        fixed = [decoder(a, memo) for a in args]
        return lambda value: tuple(d(v) for d, v in zip(fixed, value, strict=True))
    if origin in (list, Sequence):
        return _sequence(decoder(args[0], memo) if args else _same, list)
    if origin in (frozenset, set, AbstractSet):
        return _sequence(decoder(args[0], memo) if args else _same, frozenset)
    if origin in (dict, Mapping):
        return _mapping(decoder(args[1], memo) if args else _same)
    raise TypeError(f"cannot decode {tp}")
