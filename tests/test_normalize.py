"""Normalization: folding rules, the offset map back to the original text, and
properties that must hold for any mix of Arabic, Latin and invisible characters."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factlint.normalize import fold, fold_char, is_dropped, normalize
from factlint.tokens import Kind, tokenize

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)]  # fathatan .. sukun
TATWEEL = ["\u0640"]
HAMZA_FORMS = [*"أإآٱؤئءى", "\u0654", "\u0655", "\u0670"]
ARABIC_DIGITS = [chr(c) for c in range(0x0660, 0x066A)] + [chr(c) for c in range(0x06F0, 0x06FA)]
BIDI = ["\u200e", "\u200f"] + [chr(c) for c in range(0x202A, 0x202F)]
BIDI += [chr(c) for c in range(0x2066, 0x206A)] + ["\u061c"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
LATIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
LATIN_ACCENTED = [*"éèêëÉÈàâäÀçÇîïôöÖùûüÜñÑøåÅœæ", "ß", "ẞ", "\u0301"]
PUNCT_SPACE = [*" \n\t.,،؛:;!?؟'’‘\"“”«»-–—()", "\u00a0", "\u202f", "\u2009"]
DIGITS = list("0123456789")

ALPHABET = (
    ARABIC_LETTERS
    + DIACRITICS
    + TATWEEL
    + HAMZA_FORMS
    + ARABIC_DIGITS
    + BIDI
    + ZERO_WIDTH
    + LATIN
    + LATIN_ACCENTED
    + PUNCT_SPACE
    + DIGITS
)
mixed_text = st.text(alphabet=st.sampled_from(ALPHABET), max_size=80)
INVISIBLE = DIACRITICS + TATWEEL + BIDI + ZERO_WIDTH


# ---------------------------------------------------------------------------- folding


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أ", "ا"),
        ("إ", "ا"),
        ("آ", "ا"),
        ("ٱ", "ا"),
        ("ى", "ي"),
        ("ة", "ه"),
        ("ؤ", "و"),
        ("ئ", "ي"),
        ("ک", "ك"),
        ("ی", "ي"),
        ("٠", "0"),
        ("٩", "9"),
        ("۴", "4"),
        ("’", "'"),
        ("‘", "'"),
        ("\u00a0", " "),
        ("É", "e"),
        ("ß", "ss"),
        ("ñ", "n"),
        ("A", "a"),
        ("ﻻ", "لا"),
    ],
)
def test_fold_char(raw: str, folded: str) -> None:
    assert fold_char(raw) == folded


@pytest.mark.parametrize("ch", DIACRITICS + TATWEEL + BIDI + ZERO_WIDTH + ["\u0670"])
def test_invisible_characters_are_dropped(ch: str) -> None:
    assert fold_char(ch) == ""
    assert is_dropped(ch)


def test_fold_examples() -> None:
    assert fold("أَلـتـمان") == "التمان"
    assert fold("Straße ÉCOLE") == "strasse ecole"
    assert fold("٢٠٢٣") == "2023"
    assert fold("الرئيسة التنفيذية") == "الرييسه التنفيذيه"
    assert fold("\u200fOpenAI\u200e") == "openai"


def test_fold_is_idempotent_on_examples() -> None:
    for text in ("أَلـتـمان", "Straße", "مُوَظَّفًا ٧٧٠", "D’Angelo"):
        assert fold(fold(text)) == fold(text)


# ----------------------------------------------------------------------- offset map


def test_origin_points_at_original_characters() -> None:
    text = "وأَلـتـمان"
    norm = normalize(text)
    assert norm.text == "والتمان"
    assert [text[i] for i in norm.origin] == list("وألتمان")


def test_expanding_character_maps_every_output_char_to_its_source() -> None:
    norm = normalize("Straße")
    assert norm.text == "strasse"
    assert norm.origin == (0, 1, 2, 3, 4, 4, 5)


def test_normalize_slice_keeps_offsets_into_full_text() -> None:
    text = "---\ndate: 2023-01-01\n---\nأَلتمان"
    start = text.index("أ")
    norm = normalize(text, start)
    assert norm.text == "التمان"
    assert norm.origin[0] == start
    assert norm.source == text


def test_orig_span_covers_trailing_diacritics_and_tatweel() -> None:
    text = "ألتمانُ قال"
    norm = normalize(text)
    a, b = norm.orig_span(0, len("التمان"))
    assert text[a:b] == "ألتمانُ"
    text = "بروكمانـ قال"
    norm = normalize(text)
    a, b = norm.orig_span(0, len("بروكمان"))
    assert text[a:b] == "بروكمانـ"


def test_orig_span_of_empty_span_is_a_point() -> None:
    norm = normalize("abc")
    assert norm.orig_span(1, 1) == (1, 1)
    assert norm.orig_span(3, 3) == (3, 3)


def test_orig_span_does_not_swallow_direction_marks() -> None:
    text = "\u200fOpenAI\u200f said"
    norm = normalize(text)
    a, b = norm.orig_span(0, len("openai"))
    assert text[a:b] == "OpenAI"


@pytest.mark.parametrize("mark", ["\u2069", "\u202c", "\u200b", "\u2060"])
def test_orig_span_does_not_swallow_trailing_invisible_controls(mark: str) -> None:
    text = f"\u2068Zentrix{mark} grew"
    norm = normalize(text)
    a, b = norm.orig_span(0, len("zentrix"))
    assert text[a:b] == "Zentrix"


# ------------------------------------------------------------------------ properties


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(mixed_text)
@example("Straße ١٢٣ أَلـتـمان\u200f")
@example("ß\u0301ẞ")
def test_every_normalized_char_comes_from_a_char_that_folds_to_it(text: str) -> None:
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text)
    for ch, i in zip(norm.text, norm.origin, strict=True):
        assert 0 <= i < len(text)
        assert ch in fold_char(text[i])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(mixed_text)
def test_origins_are_non_decreasing(text: str) -> None:
    origin = normalize(text).origin
    assert all(a <= b for a, b in itertools.pairwise(origin))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(mixed_text)
def test_normalized_text_is_the_concatenation_of_folded_chars(text: str) -> None:
    norm = normalize(text)
    assert norm.text == fold(text) == "".join(fold_char(c) for c in text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(mixed_text)
def test_dropped_characters_never_appear_in_normalized_text(text: str) -> None:
    norm = normalize(text)
    for ch in INVISIBLE:
        assert ch not in norm.text
    assert not any(is_dropped(c) for c in norm.text)
    assert not any(unicodedata.combining(c) for c in norm.text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(mixed_text)
@example("أَلـتـمانُ، Straße’s ١٢٣")
def test_token_orig_span_folds_back_to_the_token(text: str) -> None:
    norm = normalize(text)
    for tok in tokenize(norm):
        a, b = norm.orig_span(tok.start, tok.end)
        assert 0 <= a <= b <= len(text)
        assert fold(text[a:b]) == tok.text
        if tok.kind in (Kind.WORD, Kind.NUMBER):
            assert not is_dropped(text[a])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(mixed_text, mixed_text)
def test_normalizing_a_suffix_keeps_full_text_offsets(head: str, tail: str) -> None:
    text = head + tail
    norm = normalize(text, len(head))
    assert norm.text == fold(tail)
    assert all(len(head) <= i < len(text) for i in norm.origin)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(mixed_text)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_every_code_point_folds_without_error() -> None:
    """No character makes normalization recurse or fail (U+FE0F, ﴿﴾, ﷽ once did)."""
    from factlint.normalize import fold_char, normalize

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are not characters of a decoded file
        folded = fold_char(chr(code))
        assert isinstance(folded, str)
    text = "❤️ 🛠️ ﴿نص﴾ ﷽ 40,000 m² E=mc² 10⁶ ①"
    norm = normalize(text)
    assert all(0 <= o < len(text) for o in norm.origin)
