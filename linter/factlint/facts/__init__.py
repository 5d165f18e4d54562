"""The facts knowledge base: the model, the loader and its cache."""

from __future__ import annotations

from factlint.facts.cache import load_facts_cached
from factlint.facts.loader import load_facts
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
