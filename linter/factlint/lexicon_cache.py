"""The mention lexicon (:func:`factlint.mentions.build_lexicon`) through the project cache.

Building the lexicon normalizes and tokenizes every alias of every entity:
milliseconds with a small facts base, seconds with tens of thousands of
entities. It depends only on the facts and on the code that builds it, so it
is stored, keyed by the facts' digest and a hash of that code, as an SQLite
database image (:mod:`factlint.dbimage`): one table per mapping of the
:class:`~factlint.mentions.Lexicon`, each value decoded the first time a
document asks for its key. A warm start therefore reads and authenticates the
image but builds no Python object per alias.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from factlint.cache import Cache, code_digest, paused_gc
from factlint.dbimage import Database, Table, dumps
from factlint.facts.model import Facts
from factlint.mentions import Alias, Lexicon, build_lexicon
from factlint.serial import decoder, to_plain

__all__ = ["lexicon_from_image", "lexicon_image", "load_lexicon"]

_CODE = (
    "factlint.mentions",
    "factlint.normalize",
    "factlint.tokens",
    "factlint.model",
    "factlint.facts.model",
    "factlint.facts.loader",
    "factlint.serial",
    "factlint.dbimage",
    "factlint.lexicon_cache",
)
_SUFFIX = ".sqlite"
_ALIAS = decoder(Alias)


def _aliases(value: Any) -> tuple[Alias, ...]:
    return tuple(_ALIAS(item) for item in value)


def _ints(value: Any) -> tuple[int, ...]:
    return tuple(value)


def _text(value: Any) -> str:
    return str(value)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(value)


def _name_words(value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words, strong = value
    return tuple(words), tuple(strong)


def _rows(mapping: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    return ((key, dumps(to_plain(value))) for key, value in mapping.items())


def alias_plain(aliases: tuple[Alias, ...]) -> list[Any]:
    """``to_plain(aliases)``, written out for the 200,000 aliases of a large facts base."""
    return [
        [
            list(a.tokens),
            a.kind.value,
            a.target,
            a.name,
            a.lang,
            a.status.value,
            a.feminine,
            list(a.caps),
            a.construct,
        ]
        for a in aliases
    ]


def lexicon_image(lexicon: Lexicon) -> bytes:
    """``lexicon`` as an SQLite database image."""
    db = Database()
    db.create("meta", [("max_len", dumps(lexicon.max_len)), ("digest", dumps(lexicon.digest))])
    entries = ((key, dumps(alias_plain(value))) for key, value in lexicon.entries.items())
    db.create("entries", entries, ordered=False)
    db.create("lengths", _rows(lexicon.lengths), ordered=False)
    db.create("single_words", _rows(lexicon.single_words), ordered=False)
    db.create("word_entities", _rows(lexicon.word_entities), ordered=False)
    db.create("name_words", _rows(lexicon.name_words), ordered=False)
    return db.image()


def lexicon_from_image(image: bytes | memoryview) -> Lexicon:
    """The lexicon saved by :func:`lexicon_image`; its tables are read on demand."""
    db = Database.open(image)
    meta = Table(db, "meta", _same)
    return Lexicon(
        entries=Table(db, "entries", _aliases),
        lengths=Table(db, "lengths", _ints),
        max_len=int(meta["max_len"]),
        digest=str(meta["digest"]),
        single_words=Table(db, "single_words", _text),
        word_entities=Table(db, "word_entities", _texts),
        name_words=Table(db, "name_words", _name_words),
    )


def _same(value: Any) -> Any:
    return value


def load_lexicon(facts: Facts, cache: Cache | None) -> Lexicon:
    """The lexicon of ``facts``, read from ``cache`` when it was built before."""
    if cache is None or not facts.digest:
        return build_lexicon(facts)
    key = hashlib.sha256(f"{code_digest(*_CODE)}\0{facts.digest}".encode()).hexdigest()
    stored = cache.get_bytes("lexicon", key, _SUFFIX)
    if stored is not None:
        try:
            return lexicon_from_image(stored)
        except (sqlite3.Error, TypeError, ValueError, KeyError, IndexError):
            pass
    with paused_gc():
        lexicon = build_lexicon(facts)
        try:
            image = lexicon_image(lexicon)
        except (TypeError, ValueError, sqlite3.Error):
            return lexicon
        cache.put_bytes("lexicon", key, image, _SUFFIX)
    return lexicon
