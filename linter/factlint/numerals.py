"""Digits and integers from text, without the surprises of ``str.isdigit`` and ``int``.

``str.isdigit()`` accepts superscripts (``²``, ``⁶``) and circled digits
(``①``) that ``int()`` refuses, and ``int()`` refuses strings longer than the
interpreter's integer-string limit. Every place that turns article text into
a number goes through :func:`to_int` (and :func:`to_float`) instead, and the
tokenizer starts a number only at a character ``str.isdecimal()`` accepts.
"""

from __future__ import annotations

import math

MAX_DIGITS = 1000
"""Longest digit string read as a number (well below Python's limit of 4300)."""


def to_int(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """The integer written by a run of decimal digits, or ``None``.

    ``None`` for an empty string, any character that is not a decimal digit
    (signs, spaces, underscores, superscripts) and more than ``max_digits`` digits.
    """
    if not text or len(text) > max_digits or not text.isdecimal():
        return None
    try:
        return int(text)
    except ValueError:  # an interpreter started with a lower int-string limit
        return None


def to_float(text: str) -> float | None:
    """A finite decimal number written with ``.`` as the decimal point, or ``None``."""
    whole, _, fraction = text.partition(".")
    if not whole.isdecimal() or (fraction and not fraction.isdecimal()):
        return None
    if len(whole) + len(fraction) > MAX_DIGITS:
        return None
    value = float(text)
    return value if math.isfinite(value) else None
