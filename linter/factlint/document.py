"""Loading a document: decoding, line index, front matter, language and date."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factlint.dates import strict_date
from factlint.errors import InputError
from factlint.normalize import Normalized, normalize_prose
from factlint.prose import Prose, plain_prose, prose_of
from factlint.tokens import is_arabic

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
_LANG_SUFFIX = re.compile(r"\.([a-z]{2})(?:[-_][A-Za-z]{2})?\.(?:md|markdown|txt|text|rst)$")


@dataclass(frozen=True)
class Document:
    """One article. ``text`` is the decoded file without a BOM; offsets index it."""

    path: str
    text: str
    line_starts: tuple[int, ...]
    body_start: int = 0
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    date: dt.date | None = None
    lang: str = "en"
    prose: Prose = field(default=Prose("", ()), compare=False, repr=False)
    prose_mask: bytes = field(default=b"", compare=False, repr=False)

    @property
    def markdown(self) -> bool:
        from factlint.prose import is_markdown

        return is_markdown(self.path)

    def in_prose(self, start: int, end: int) -> bool:
        """Whether [start, end) begins and ends on prose characters (not code, URLs,
        markup or front matter). An empty span counts when it touches prose."""
        mask = self.prose_mask
        if not mask:
            return start >= self.body_start
        if not 0 <= start <= len(mask) or not start <= end <= len(mask):
            return False
        if end == start:
            return (start < len(mask) and mask[start] == 1) or (start > 0 and mask[start - 1] == 1)
        return mask[start] == 1 and mask[end - 1] == 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, in characters of the original file."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def normalized(self) -> Normalized:
        prose = self.prose if self.prose_mask else plain_prose(self.text, self.body_start)
        return normalize_prose(prose, self.text)


def line_starts_of(text: str) -> tuple[int, ...]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return tuple(starts)


def detect_lang(text: str) -> str:
    """'ar' when Arabic letters outnumber Latin ones, else 'en'."""
    arabic = latin = 0
    for ch in text[:20000]:
        if is_arabic(ch):
            arabic += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    return "ar" if arabic > latin else "en"


def _parse_date(value: Any, path: str, line: int) -> dt.date:
    try:
        return strict_date(value, allow_time=True)
    except ValueError as exc:
        raise InputError(f"front matter: date: {exc}", path, line) from None


def _key_line(front: str, key: str) -> int:
    """The file line of a top-level front-matter key (front matter starts on line 2)."""
    found = re.search(rf"^{key}[ \t]*:", front, re.M)
    return front.count("\n", 0, found.start()) + 2 if found else 2


def decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not a text article", path, 1, 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)", path, line, col
        ) from None
    return text


def parse(
    text: str,
    path: str,
    *,
    default_date: dt.date | None = None,
    default_lang: str | None = None,
) -> Document:
    starts = line_starts_of(text)
    meta: dict[str, Any] = {}
    body_start = 0
    match = _FRONT_MATTER.match(text)
    if match:
        body_start = match.end()
        from factlint import yamlsafe  # YAML only for a document with front matter

        try:
            loaded = yamlsafe.load(match.group(1) or "", line_offset=1) or {}
        except yamlsafe.YamlProblem as exc:
            line = exc.line if exc.line is not None else 1
            raise InputError(f"front matter: {exc.message}", path, line) from None
        if isinstance(loaded, dict):
            meta = {str(k): v for k, v in loaded.items()}
    date = default_date
    if "date" in meta and meta["date"] is not None:
        date = _parse_date(
            meta["date"], path, _key_line(match.group(1) or "" if match else "", "date")
        )
    lang = meta.get("lang") or meta.get("language")
    if not isinstance(lang, str) or not lang:
        suffix = _LANG_SUFFIX.search(path)
        lang = default_lang or (suffix.group(1) if suffix else detect_lang(text[body_start:]))
    prose = prose_of(text, path, body_start)
    mask = bytes(prose.mask(len(text)))
    return Document(path, text, starts, body_start, meta, date, lang.lower()[:2], prose, mask)


def load(
    path: Path,
    display: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    default_date: dt.date | None = None,
    default_lang: str | None = None,
) -> Document:
    name = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size} bytes, over the limit of {max_bytes} (set max-file-size)", name
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    return parse(decode(data, name), name, default_date=default_date, default_lang=default_lang)
