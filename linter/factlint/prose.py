"""The prose of a document: the characters a reader reads, mapped back to the file.

Markdown is parsed with a CommonMark parser (markdown-it-py, with GFM tables
and strikethrough). Only prose is kept -- paragraphs, headings, list items,
block quotes, table cells, link text and image alt text -- while code (fenced,
indented, inline), HTML blocks and inline tags, comments, link and image
destinations, autolinks, bare URLs, reference definitions and front matter are
left out. Markup characters (emphasis, link brackets, backslash escapes,
entities) are not part of the words: ``**Microsoft**`` reads as ``Microsoft``.

The result is a :class:`Prose`: a string and, for each of its characters, the
offset in the original file it stands for. Three characters are synthetic:

* ``" "`` for a soft line break inside a paragraph (its origin is the line
  break), so that sentences run across wrapped lines;
* ``"\\n"`` between blocks (paragraphs, headings, list items, cells), so every
  later stage sees a paragraph break there;
* ``OBJECT`` (U+FFFC) where code or a URL stood inside a sentence, so that the
  words on either side are not read as adjacent.

Plain text files: paragraphs are separated by blank lines. When the text is
hard-wrapped (no line longer than ``WRAP_WIDTH`` and at least one blank line),
a single line break is a soft break; otherwise every line is a paragraph (one
paragraph per line, the way many articles are stored).
"""

from __future__ import annotations

import collections
import functools
import html
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlint.chartable import CharTable

if TYPE_CHECKING:
    from markdown_it.token import Token as MdToken

OBJECT = "\ufffc"


# "\x01" for a prose character, "\x00" for a line end or an object marker
_NOT_MARKER = CharTable(lambda ch: "\x00" if ch in ("\n", OBJECT) else "\x01")
WRAP_WIDTH = 100
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\[\]{}\"'“”«»]+[^\s<>()\[\]{}\"'“”«».,;:!?،؛؟]"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BR = re.compile(r"<br\s*/?>", re.I)
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Prose:
    """Prose characters and the original offset of each."""

    text: str
    origin: tuple[int, ...]
    # Markdown lists: for each list, the original span of each item's first paragraph
    lists: tuple[tuple[tuple[int, int], ...], ...] = ()

    def mask(self, size: int) -> bytearray:
        """A per-character flag over the original text: 1 where a prose character stands."""
        flags = bytearray(size)
        keep = self.text.translate(_NOT_MARKER).encode("latin-1")  # 1 per prose character
        places = list(itertools.compress(self.origin, keep))
        if places and (min(places) < 0 or max(places) >= size):
            places = [p for p in places if 0 <= p < size]
        collections.deque(map(flags.__setitem__, places, itertools.repeat(1)), 0)
        return flags


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.origin: list[int] = []

    def add(self, text: str, origins: Sequence[int]) -> None:
        self.chars.append(text)
        self.origin.extend(origins)

    def span(self, source: str, start: int, end: int) -> None:
        self.add(source[start:end], range(start, end))

    def mark(self, ch: str, at: int) -> None:
        self.chars.append(ch)
        self.origin.append(at)

    def block_break(self, at: int) -> None:
        if self.chars and not self.chars[-1].endswith("\n"):
            self.mark("\n", at)

    def build(self, lists: tuple[tuple[tuple[int, int], ...], ...] = ()) -> Prose:
        text = "".join(self.chars)
        assert len(text) == len(self.origin)
        return Prose(text, tuple(self.origin), lists)


def _add_text(out: _Builder, text: str, origins: Sequence[int]) -> None:
    """Text with bare URLs replaced by OBJECT."""
    pos = 0
    for match in _URL.finditer(text):
        if match.start() > pos:
            out.add(text[pos : match.start()], origins[pos : match.start()])
        out.mark(OBJECT, origins[match.start()])
        pos = match.end()
    if pos < len(text):
        out.add(text[pos:], origins[pos:])


# -- plain text -----------------------------------------------------------------


def is_wrapped(text: str, start: int = 0) -> bool:
    """Whether the text is hard-wrapped: no line longer than WRAP_WIDTH, and a blank line."""
    lines = text[start:].split("\n")
    if not any(not line.strip() for line in lines[:-1]):
        return False
    return all(len(line.rstrip("\r")) <= WRAP_WIDTH for line in lines)


def plain_prose(text: str, start: int = 0) -> Prose:
    out = _Builder()
    wrapped = is_wrapped(text, start)
    pos = start
    n = len(text)
    blank_before = True
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        content_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        line = text[pos:content_end]
        if not line.strip():
            out.block_break(pos)
            blank_before = True
        else:
            if not blank_before and out.chars:
                if wrapped:
                    out.mark(" ", pos - 1)
                else:
                    out.block_break(pos - 1)
            _add_text(out, line, range(pos, content_end))
            blank_before = False
        if nl < 0:
            break
        pos = nl + 1
    out.block_break(len(text))
    return out.build()


# -- Markdown -------------------------------------------------------------------


@functools.cache
def _parser() -> object:
    """The Markdown parser (built once: it keeps no state between documents)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.use(footnote_plugin)  # "[^1]" markers are not words; footnotes are prose


def _line_starts(text: str) -> list[int]:
    """Line starts as CommonMark counts lines: after \r\n, \n or a lone \r."""
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


class _Source:
    """The content string of an inline token with its characters' original offsets."""

    def __init__(self, content: str, origins: list[int]) -> None:
        self.content = content
        self.origins = origins

    @classmethod
    def locate(
        cls, text: str, starts: list[int], content: str, first_line: int, last_line: int
    ) -> _Source:
        """Map the content of a block (its lines with container prefixes removed)."""
        origins: list[int] = []
        lines = content.split("\n")
        for k, piece in enumerate(lines):
            index = first_line + k
            if index >= len(starts) or index >= last_line + 1:
                index = min(last_line, len(starts) - 1)
            a = starts[index]
            b = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
            if b > a and text[b - 1] == "\r":
                b -= 1
            line = text[a:b]
            at = _find_piece(line, piece)
            origins.extend(range(a + at, a + at + len(piece)))
            if k < len(lines) - 1:
                origins.append(b)  # the line break
        # markdown-it may expand tabs; keep the map the content's length
        if len(origins) < len(content):
            origins.extend(
                [origins[-1] if origins else starts[first_line]] * (len(content) - len(origins))
            )
        return cls(content, origins[: len(content)])


def _find_piece(line: str, piece: str) -> int:
    stripped = piece.rstrip()
    if not stripped:
        return len(line) - len(line.lstrip())
    end = len(line.rstrip())
    at = end - len(stripped)
    if at >= 0 and line[at:end] == stripped:
        return at
    found = line.find(stripped)
    if found >= 0:
        return found
    return max(0, len(line) - len(piece))


def _skip_destination(content: str, j: int) -> int:
    """After a link's closing ``]``: skip ``(destination "title")`` or ``[label]``."""
    n = len(content)
    if j < n and content[j] == "]":
        j += 1
    if j < n and content[j] == "(":
        depth = 0
        quote: str | None = None
        while j < n:
            ch = content[j]
            if quote is not None:
                if ch == "\\":
                    j += 2
                    continue
                if ch == quote:
                    quote = None
            elif ch == "\\":
                j += 2
                continue
            elif ch in "\"'" and depth == 1 and content[j - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return n
    if j < n and content[j] == "[":
        close = content.find("]", j)
        return n if close < 0 else close + 1
    return j


class _Inline:
    """Walks an inline token's children, aligning their text with the source."""

    def __init__(self, out: _Builder, src: _Source) -> None:
        self.out = out
        self.src = src
        self.j = 0

    def origin(self, j: int) -> int:
        origins = self.src.origins
        if not origins:
            return 0
        return origins[min(max(j, 0), len(origins) - 1)]

    def align(self, text: str) -> list[int]:
        """Original offsets for ``text``, found from the cursor on."""
        content = self.src.content
        n = len(content)
        j = self.j
        end = j + len(text)
        if end <= len(self.src.origins) and content.startswith(text, j):
            self.j = end  # the text as written: no escape, entity or line end inside
            return self.src.origins[j:end]
        result: list[int] = []
        i = 0
        while i < len(text):
            if j >= n:
                result.extend([self.origin(n - 1)] * (len(text) - i))
                break
            ch = text[i]
            c = content[j]
            if c == ch:
                result.append(self.origin(j))
                i += 1
                j += 1
                continue
            if c == "\\" and j + 1 < n and content[j + 1] == ch:
                j += 1
                continue
            if c == "&":
                entity = _ENTITY.match(content, j)
                if entity is not None:
                    decoded = html.unescape(entity.group())
                    if decoded and text.startswith(decoded, i):
                        result.extend([self.origin(j)] * len(decoded))
                        i += len(decoded)
                        j = entity.end()
                        continue
            if c == "\n" and ch == " ":
                result.append(self.origin(j))
                i += 1
                j += 1
                continue
            j += 1  # a markup character
        self.j = j
        return result

    def skip_to(self, needle: str) -> int:
        """Move the cursor past the next occurrence of ``needle``; return where it began."""
        found = self.src.content.find(needle, self.j)
        if found < 0:
            return self.j
        self.j = found + len(needle)
        return found

    def walk(self, children: Sequence[MdToken]) -> None:
        out = self.out
        content = self.src.content
        k = 0
        while k < len(children):
            tok = children[k]
            kind = tok.type
            if kind == "text":
                if tok.content:
                    _add_text(out, tok.content, self.align(tok.content))
            elif kind in ("softbreak", "hardbreak"):
                at = self.skip_to("\n")
                out.mark(" ", self.origin(at))
            elif kind == "code_inline":
                run = re.compile(r"`+").match(content, content.find("`", self.j))
                if run is not None:
                    ticks = run.group()
                    close = content.find(ticks, run.end())
                    out.mark(OBJECT, self.origin(run.start()))
                    self.j = len(content) if close < 0 else close + len(ticks)
                else:
                    out.mark(OBJECT, self.origin(self.j))
            elif kind == "html_inline":
                at = self.skip_to(tok.content)
                if _BR.fullmatch(tok.content.strip()):
                    out.mark(" ", self.origin(at))
            elif kind == "link_open" and tok.markup in ("autolink", "linkify"):
                out.mark(OBJECT, self.origin(self.j))
                while k < len(children) and children[k].type != "link_close":
                    k += 1
                if tok.markup == "autolink":
                    self.skip_to(">")
                else:
                    self.skip_to(str(tok.attrs.get("href", "")))
            elif kind == "link_open":
                self.skip_to("[")
            elif kind == "link_close":
                close = content.find("]", self.j)
                if close >= 0:
                    self.j = _skip_destination(content, close)
            elif kind == "image":
                self.skip_to("![")
                out.mark(" ", self.origin(self.j))
                self.walk(tok.children or [])
                close = content.find("]", self.j)
                if close >= 0:
                    self.j = _skip_destination(content, close)
                out.mark(" ", self.origin(self.j))
            k += 1


def markdown_prose(text: str, start: int = 0) -> Prose:
    """The prose of a Markdown document (``start``: the end of its front matter)."""
    md = _parser()
    starts = _line_starts(text)
    # front matter becomes blank lines, so the parser's line numbers stay the file's
    body = "\n" * len(_LINE_END.findall(text, 0, start)) + text[start:]
    tokens = md.parse(body)  # type: ignore[attr-defined]
    out = _Builder()
    row_cursor: dict[int, int] = {}
    open_lists: list[list[tuple[int, int]]] = []
    item_pending: list[bool] = []
    lists: list[tuple[tuple[int, int], ...]] = []
    for index, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            open_lists.append([])
            item_pending.append(False)
            continue
        if tok.type in ("bullet_list_close", "ordered_list_close") and open_lists:
            items = open_lists.pop()
            item_pending.pop()
            if items:
                lists.append(tuple(items))
            continue
        if tok.type == "list_item_open" and item_pending:
            item_pending[-1] = True
            continue
        if tok.type != "inline" or tok.map is None:
            continue
        first, last = tok.map[0], tok.map[1] - 1
        parent = tokens[index - 1].type if index > 0 else ""
        out.block_break(starts[first] if first < len(starts) else len(text))
        if parent in ("th_open", "td_open"):
            src = _cell_source(text, starts, first, tok.content, row_cursor)
        else:
            src = _Source.locate(text, starts, tok.content, first, last)
        before = len(out.origin)
        _Inline(out, src).walk(tok.children or [])
        if item_pending and item_pending[-1] and len(out.origin) > before:
            item_pending[-1] = False  # the item's first paragraph
            open_lists[-1].append((out.origin[before], out.origin[-1] + 1))
    out.block_break(len(text))
    return out.build(tuple(sorted(lists)))


def _cell_source(
    text: str, starts: list[int], line: int, content: str, cursor: dict[int, int]
) -> _Source:
    a = starts[line]
    b = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
    row = text[a:b]
    pos = cursor.get(line, 0)
    found = row.find(content, pos) if content else -1
    if found < 0:
        found = pos
    cursor[line] = found + len(content) if content else pos + 1
    return _Source(content, list(range(a + found, a + found + len(content))))


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def prose_of(text: str, path: str, start: int = 0) -> Prose:
    if is_markdown(path):
        return markdown_prose(text, start)
    return plain_prose(text, start)
