"""Large cache entries as SQLite database images, decoded one key at a time.

A facts base of 100,000 entities and its mention lexicon are too large to
rebuild as Python objects at every start. The cache therefore keeps them as an
SQLite database: the whole database is one byte string (``serialize``), stored
and authenticated like any other entry (:mod:`factlint.cache`) and opened in
memory from the verified bytes (``deserialize``) -- SQLite never reads a file
another user could swap after the check. Each table maps a text key to a JSON
value; :class:`Table` decodes a value the first time its key is asked for.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["Database", "Table"]

V = TypeVar("V")
_MISSING: Any = object()  # no such key
_UNKNOWN: Any = object()  # not looked up yet


class Database:
    """An SQLite database held in memory; picklable (as its image) for --jobs."""

    def __init__(self, connection: sqlite3.Connection | None = None) -> None:
        self.connection = connection or sqlite3.connect(":memory:", check_same_thread=False)

    @classmethod
    def open(cls, image: bytes | memoryview) -> Database:
        """The database saved as ``image`` (raises ``sqlite3.DatabaseError`` if it is not one)."""
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        connection.deserialize(image)
        return cls(connection)

    def image(self) -> bytes:
        return self.connection.serialize()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Database.open, (self.image(),))

    def create(self, name: str, rows: Iterable[tuple[str, str]], *, ordered: bool = True) -> None:
        """A table of ``name`` from (key, JSON text) rows: iterated in insertion
        order when ``ordered``, else in key order (and stored more compactly)."""
        if ordered:
            self.connection.execute(
                f"CREATE TABLE {name} (k TEXT NOT NULL UNIQUE, v TEXT NOT NULL)"
            )
        else:
            self.connection.execute(
                f"CREATE TABLE {name} (k TEXT NOT NULL PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID"
            )
            rows = sorted(rows)  # in key order the table's pages are filled, not split
        self.connection.executemany(f"INSERT INTO {name} (k, v) VALUES (?, ?)", rows)

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        return self.connection.execute(sql, parameters).fetchall()


dumps: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""Compact JSON text of plain values (one encoder for every row)."""


class Table(Mapping[str, V]):
    """One table of a :class:`Database` as a read-only mapping; each value is
    decoded (``json.loads``, then ``decode``) on first use and kept."""

    def __init__(self, db: Database, name: str, decode: Callable[[Any], V]) -> None:
        self.db = db
        self.name = name
        self.decode = decode
        self._memo: dict[str, V] = {}
        self._sql = f"SELECT v FROM {name} WHERE k = ?"
        self._length: int | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (Table, (self.db, self.name, self.decode))

    def get(self, key: str, default: Any = None) -> Any:
        found = self._memo.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            row = self.db.connection.execute(self._sql, (key,)).fetchone()
            found = _MISSING if row is None else self.decode(json.loads(row[0]))
            if len(self._memo) > 1_000_000:
                self._memo.clear()
            self._memo[key] = found
        return default if found is _MISSING else found

    def __getitem__(self, key: str) -> V:
        found = self.get(key, _MISSING)
        if found is _MISSING:
            raise KeyError(key)
        value: V = found
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        (sql,) = self.db.query("SELECT sql FROM sqlite_master WHERE name = ?", (self.name,))[0]
        order = "k" if "WITHOUT ROWID" in sql else "rowid"
        rows = self.db.query(f"SELECT k FROM {self.name} ORDER BY {order}")
        return iter([row[0] for row in rows])

    def __len__(self) -> int:
        if self._length is None:
            self._length = int(self.db.query(f"SELECT count(*) FROM {self.name}")[0][0])
        return self._length

    def __repr__(self) -> str:
        return f"<Table {self.name} of {len(self)}>"
