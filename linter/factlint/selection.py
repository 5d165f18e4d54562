"""--select / --ignore: rule codes or code prefixes, ruff-style."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        code = code.upper()

        def best(prefixes: tuple[str, ...]) -> int:
            lengths = [
                0 if p == "ALL" else len(p) for p in prefixes if p == "ALL" or code.startswith(p)
            ]
            return max(lengths, default=-1)

        selected = best(tuple(p.upper() for p in self.select))
        ignored = best(tuple(p.upper() for p in self.ignore))
        # the more specific prefix wins; on a tie, ignore wins
        return selected >= 0 and selected > ignored
