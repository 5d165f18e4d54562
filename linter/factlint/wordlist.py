"""Common words of a language: a word in these lists is never a misspelt name.

The lists ship inside the package (``factlint/data/common-<lang>.txt``, built
from wordfreq by ``tools/build_wordlists.py``); nothing is downloaded. They are
read on first use, once per run.
"""

from __future__ import annotations

from importlib import resources

from factlint.normalize import fold

LANGS = ("en", "ar")


class Vocabulary:
    """Loads each language's list on first use; shared by every document of a run."""

    def __init__(self) -> None:
        self._words: dict[str, frozenset[str]] = {}

    def words(self, lang: str) -> frozenset[str]:
        found = self._words.get(lang)
        if found is None:
            found = _load(lang) if lang in LANGS else frozenset()
            self._words[lang] = found
        return found

    def is_common(self, word: str, lang: str) -> bool:
        """Whether the (normalized) word is a common word of ``lang``."""
        return fold(word) in self.words(lang)

    def __getstate__(self) -> dict[str, object]:
        return {}  # workers load what they need

    def __setstate__(self, state: dict[str, object]) -> None:
        self._words = {}


def _load(lang: str) -> frozenset[str]:
    path = resources.files("factlint").joinpath("data", f"common-{lang}.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1  # the header: source and licence
    return frozenset(lines[start:]) - {""}
