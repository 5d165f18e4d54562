"""The mention lexicon (:func:`factlint.mentions.build_lexicon`) through the project cache.

Building the lexicon normalizes and tokenizes every alias of every entity:
milliseconds with a small facts base, seconds with tens of thousands of
entities. It depends only on the facts and on the code that builds it, so it
is stored as JSON (:mod:`factlint.serial`) keyed by the facts' digest and a
hash of that code.
"""

from __future__ import annotations

import contextlib
import hashlib

from factlint.cache import Cache, code_digest
from factlint.facts.model import Facts
from factlint.mentions import Lexicon, build_lexicon
from factlint.serial import decoder, to_plain

__all__ = ["load_lexicon"]

_CODE = (
    "factlint.mentions",
    "factlint.normalize",
    "factlint.tokens",
    "factlint.model",
    "factlint.facts.model",
    "factlint.facts.loader",
    "factlint.serial",
)


def load_lexicon(facts: Facts, cache: Cache | None) -> Lexicon:
    """The lexicon of ``facts``, read from ``cache`` when it was built before."""
    if cache is None or not facts.digest:
        return build_lexicon(facts)
    key = hashlib.sha256(f"{code_digest(*_CODE)}\0{facts.digest}".encode()).hexdigest()
    stored = cache.get("lexicon", key)
    if stored is not None:
        try:
            lexicon: Lexicon = decoder(Lexicon)(stored)
            return lexicon
        except (TypeError, ValueError, KeyError, IndexError):
            pass
    lexicon = build_lexicon(facts)
    with contextlib.suppress(TypeError):
        cache.put("lexicon", key, to_plain(lexicon))
    return lexicon
