"""Calendar dates from configuration and front matter, strictly, and safe date arithmetic."""

from __future__ import annotations

import datetime as dt
import re

from factlint.errors import shown

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def strict_date(value: object, *, allow_time: bool = False) -> dt.date:
    """The calendar day ``value`` gives, or ``ValueError`` with a one-line reason.

    Accepts a ``date`` (from TOML or YAML) or a ``YYYY-MM-DD`` string naming a
    day that exists (not ``2023-02-30``). A date with a time (a TOML or YAML
    datetime, ``2023-02-03T10:00``) is accepted only with ``allow_time`` (front
    matter, where static-site generators write one); its day is used.
    """
    if isinstance(value, dt.datetime):
        if allow_time:
            return value.date()
        raise ValueError(f"{value.isoformat()!r} has a time; give the day only (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date (YYYY-MM-DD), got {shown(value)}")
    text = value.strip()
    match = _DAY.fullmatch(text)
    if match is None and allow_time and _DAY.match(text):
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    if match is None:
        raise ValueError(f"{shown(value)} is not a date (YYYY-MM-DD)")
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{shown(value)} is not a day of the calendar ({exc})") from None


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days`` days, clamped to the dates Python can represent."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
