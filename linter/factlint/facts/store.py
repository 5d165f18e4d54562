"""Merged facts as an SQLite database image, read one entity at a time.

The cache (:mod:`factlint.facts.cache`) keeps the merged facts in this form so
that a warm start does not build 100,000 :class:`Entity` objects: entities are
decoded when a document first names them, and the lookups that would go through
every entity -- the roles held at an organisation, the holders of a title, the
quantities of an entity -- are answered by indexed tables
(:class:`~factlint.facts.model.FactsIndex`). Titles and quantity kinds are few
and decoded at once. The results are the same, in the same order, as those of
the :class:`Facts` built in memory by the loader.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, overload

from factlint.dbimage import Database, Table, dumps
from factlint.facts.model import Entity, Facts, FactsIndex, Quantity, QuantityKind, Role, Title
from factlint.serial import decoder, to_plain

__all__ = ["facts_from_image", "facts_image"]

_ENTITY = decoder(Entity)
_TITLE = decoder(Title)
_KIND = decoder(QuantityKind)
_QUANTITY = decoder(Quantity)


def _entity(value: Any) -> Entity:
    entity: Entity = _ENTITY(value)
    return entity


def _same(value: Any) -> Any:
    return value


def facts_image(facts: Facts) -> bytes:
    """``facts`` as an SQLite database image (see :func:`facts_from_image`)."""
    db = Database()
    db.create(
        "meta",
        [
            ("digest", dumps(facts.digest)),
            ("titles", dumps([to_plain(t) for t in facts.titles.values()])),
            ("quantity_kinds", dumps([to_plain(k) for k in facts.quantity_kinds.values()])),
        ],
    )
    db.create("entities", ((i, dumps(to_plain(e))) for i, e in facts.entities.items()))
    connection = db.connection
    connection.execute(
        "CREATE TABLE roles (seq INTEGER PRIMARY KEY, org TEXT, title TEXT NOT NULL, "
        "entity TEXT NOT NULL, idx INTEGER NOT NULL)"
    )
    connection.executemany(
        "INSERT INTO roles (org, title, entity, idx) VALUES (?, ?, ?, ?)",
        (
            (role.org, role.title, entity.id, idx)
            for entity in facts.entities.values()
            for idx, role in enumerate(entity.roles)
        ),
    )
    connection.execute("CREATE INDEX roles_org ON roles (org)")
    connection.execute("CREATE INDEX roles_title ON roles (title)")
    connection.execute(
        "CREATE TABLE quantities (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, "
        "kind TEXT NOT NULL, v TEXT NOT NULL)"
    )
    connection.executemany(
        "INSERT INTO quantities (entity, kind, v) VALUES (?, ?, ?)",
        ((q.entity, q.kind, dumps(to_plain(q))) for q in facts.quantities),
    )
    connection.execute("CREATE INDEX quantities_of ON quantities (entity, kind)")
    connection.commit()
    return db.image()


def facts_from_image(image: bytes | memoryview) -> Facts:
    """The facts saved by :func:`facts_image`: entities and quantities read on demand."""
    db = Database.open(image)
    meta = Table(db, "meta", _same)
    titles = {t.id: t for t in map(_TITLE, meta["titles"])}
    kinds = {k.id: k for k in map(_KIND, meta["quantity_kinds"])}
    entities = Table(db, "entities", _entity)
    index = StoredIndex(db, entities)
    return Facts(
        entities=entities,
        titles=titles,
        quantity_kinds=kinds,
        quantities=_Quantities(db),
        digest=str(meta["digest"]),
        index=index,
    )


class StoredIndex(FactsIndex):
    """Roles and quantities from the tables of a facts image."""

    def __init__(self, db: Database, entities: Table[Entity]) -> None:
        self.db = db
        self.entities = entities
        self._at: dict[str | None, list[tuple[Entity, Role]]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoredIndex, (self.db, self.entities))

    def _pairs(self, rows: list[Any]) -> list[tuple[Entity, Role]]:
        out = []
        for entity_id, idx in rows:
            entity = self.entities[entity_id]
            out.append((entity, entity.roles[idx]))
        return out

    def roles_at(self, org: str | None) -> Sequence[tuple[Entity, Role]]:
        found = self._at.get(org)
        if found is None:
            rows = self.db.query(
                "SELECT entity, idx FROM roles WHERE org IS ? ORDER BY seq", (org,)
            )
            found = self._at[org] = self._pairs(rows)
        return found

    def roles_titled(self, titles: AbstractSet[str]) -> Sequence[tuple[Entity, Role]]:
        wanted = sorted(titles)
        marks = ", ".join("?" * len(wanted))
        rows = self.db.query(
            f"SELECT org, seq, entity, idx FROM roles WHERE title IN ({marks})", tuple(wanted)
        )
        rows.sort(key=lambda row: (row[0] or "", row[1]))
        return self._pairs([(entity, idx) for _, _, entity, idx in rows])

    def quantities_of(self, entity: str, kind: str) -> tuple[Quantity, ...]:
        rows = self.db.query(
            "SELECT v FROM quantities WHERE entity = ? AND kind = ? ORDER BY seq", (entity, kind)
        )
        return tuple(_QUANTITY(json.loads(v)) for (v,) in rows)


class _Quantities(Sequence[Quantity]):
    """Every quantity of a facts image, decoded when first asked for."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._all: tuple[Quantity, ...] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Quantities, (self.db,))

    def _items(self) -> tuple[Quantity, ...]:
        if self._all is None:
            rows = self.db.query("SELECT v FROM quantities ORDER BY seq")
            self._all = tuple(_QUANTITY(json.loads(v)) for (v,) in rows)
        return self._all

    @overload
    def __getitem__(self, i: int) -> Quantity: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Quantity]: ...

    def __getitem__(self, i: int | slice) -> Quantity | Sequence[Quantity]:
        return self._items()[i]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Quantity]:
        return iter(self._items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._items() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items())
