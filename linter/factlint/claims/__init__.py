"""Claim extraction: what the article asserts, assembled from mentions per clause."""

from __future__ import annotations

from factlint.claims.numbers import extract_numeric
from factlint.claims.roles import extract_roles
from factlint.document import Document
from factlint.facts.model import Facts
from factlint.model import Claims, Mention
from factlint.normalize import Normalized
from factlint.quotes import QuoteScan
from factlint.segment import Segments
from factlint.tokens import Token


def extract_claims(
    doc: Document,
    norm: Normalized,
    tokens: tuple[Token, ...],
    segments: Segments,
    mentions: tuple[Mention, ...],
    quotes: QuoteScan,
    facts: Facts,
) -> Claims:
    roles = extract_roles(norm, tokens, segments, mentions, quotes, facts)
    numeric = extract_numeric(doc, norm, tokens, segments, mentions, quotes, facts)
    return Claims(
        roles=roles,
        ages=numeric.ages,
        dates=numeric.dates,
        years=numeric.years,
        counts=numeric.counts,
        lists=numeric.lists,
        events=numeric.events,
    )
