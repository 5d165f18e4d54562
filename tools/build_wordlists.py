"""Build factlint's common-word lists from wordfreq (run by a developer, not at run time).

    python -m pip install wordfreq && python tools/build_wordlists.py

Writes ``linter/factlint/data/common-<lang>.txt``: the words of the language
with a Zipf frequency of at least ``ZIPF`` (about two in a million words),
folded as factlint folds text, one per line, sorted. The near-miss name rule
never reports such a word as a misspelt name. wordfreq's data is licensed
CC BY-SA 4.0 (Robyn Speer, https://github.com/rspeer/wordfreq); so are these
derived lists.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "linter"))

ZIPF = 3.3
LANGS = ("en", "ar")


def main() -> None:
    from importlib.metadata import version

    import wordfreq

    from factlint.normalize import fold

    for lang in LANGS:
        words: set[str] = set()
        for word, freq in wordfreq.get_frequency_dict(lang).items():
            if wordfreq.freq_to_zipf(freq) < ZIPF:
                continue
            folded = fold(word)
            if folded and all(ch.isalpha() or ch == "'" for ch in folded):
                words.add(folded)
        out = ROOT / "linter" / "factlint" / "data" / f"common-{lang}.txt"
        header = (
            f"# Common {lang} words (Zipf >= {ZIPF}) from wordfreq {version('wordfreq')}, "
            "CC BY-SA 4.0 (https://github.com/rspeer/wordfreq); built by tools/build_wordlists.py\n"
        )
        out.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(words)} words")


if __name__ == "__main__":
    main()
