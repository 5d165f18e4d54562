"""The fast tokenizer against the character-by-character reference (tests/oracles)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from factlint.normalize import normalize
from factlint.tokens import Token, tokenize
from oracles.tokenize_reference import reference_tokenize

ROOT = Path(__file__).resolve().parent.parent


def _fields(tokens: tuple[Token, ...]) -> list[tuple[object, ...]]:
    return [(t.text, t.start, t.end, t.kind, t.script, t.possessive) for t in tokens]


def _same(text: str) -> None:
    norm = normalize(text)
    assert _fields(tokenize(norm)) == _fields(reference_tokenize(norm)), text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The Systems' staff and Altman's board's 2,500.5 seats",
        "d'angelo o'neil 's 's' s's x'",
        "لOpenAI و٢٠٢٣م q-star 1,2,3. 12٬000٫5",
        "a_b*c+d@e#f ²3 ①x 五十 ½",
        "ﻻ ﷲ s'\u0627 x's\u0627 cats'5 cats''",
        "x's_五 x's_ab cat's's Jones' 5 x's*ب",
    ],
)
def test_examples_agree(text: str) -> None:
    _same(text)


def test_every_code_point_agrees() -> None:
    _same("".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000))


def test_random_strings_agree() -> None:
    rnd = random.Random(7)
    alphabet = "aAsS'’`-–,.٬٫0٣9 \n\t_*+@#²½五ابسالéßﬁ\u064e\u0640ﻻ" + "".join(
        chr(rnd.randrange(0x20, 0x3000)) for _ in range(200)
    )
    for _ in range(3000):
        _same("".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 30))))


def test_repository_texts_agree() -> None:
    for path in sorted([*ROOT.glob("seeds/*"), *ROOT.glob("benchmarks/realtext/*.md")])[:80]:
        _same(path.read_text(encoding="utf-8"))
