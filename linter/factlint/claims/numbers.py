"""Numeric claims: ages, weekday + date, founding years, counts, announced lists."""

from __future__ import annotations

from dataclasses import dataclass

from factlint.document import Document
from factlint.facts.model import Facts
from factlint.model import AgeClaim, CountClaim, DateClaim, ListClaim, Mention, YearClaim
from factlint.normalize import Normalized
from factlint.quotes import QuoteScan
from factlint.tokens import Token


@dataclass(frozen=True)
class NumericClaims:
    ages: tuple[AgeClaim, ...] = ()
    dates: tuple[DateClaim, ...] = ()
    years: tuple[YearClaim, ...] = ()
    counts: tuple[CountClaim, ...] = ()
    lists: tuple[ListClaim, ...] = ()


def extract_numeric(
    doc: Document,
    norm: Normalized,
    tokens: tuple[Token, ...],
    mentions: tuple[Mention, ...],
    quotes: QuoteScan,
    facts: Facts,
) -> NumericClaims:
    return NumericClaims()
