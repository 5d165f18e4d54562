"""The facts knowledge base: the model, the loader and its cache."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factlint.facts.model import (
    Entity,
    Facts,
    PartialDate,
    Quantity,
    QuantityKind,
    Role,
    Title,
)

__all__ = [
    "Entity",
    "Facts",
    "PartialDate",
    "Quantity",
    "QuantityKind",
    "Role",
    "Title",
    "load_facts",
    "load_facts_cached",
]

if TYPE_CHECKING:
    from factlint.facts.cache import load_facts_cached
    from factlint.facts.loader import load_facts


def __getattr__(name: str) -> Any:
    """The loader (YAML, JSON Schema) is imported only when facts are loaded."""
    if name == "load_facts":
        from factlint.facts.loader import load_facts

        return load_facts
    if name == "load_facts_cached":
        from factlint.facts.cache import load_facts_cached

        return load_facts_cached
    raise AttributeError(name)
