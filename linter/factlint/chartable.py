"""``str.translate`` tables filled on demand, for per-character work done in C.

A table maps each code point to what a function says of its character; the
function runs once per distinct character, the first time a text holds it,
and ``str.translate`` does the rest of the pass.
"""

from __future__ import annotations

from collections.abc import Callable


class CharTable(dict[int, str]):
    """A ``str.translate`` table of ``of(character)``, filled as characters are met."""

    def __init__(self, of: Callable[[str], str]) -> None:
        super().__init__()
        self.of = of

    def __missing__(self, code: int) -> str:
        value = self[code] = self.of(chr(code))
        return value
