"""Segmentation: paragraphs, sentences and clauses over a document's tokens.

Done once per document and shared by every claim extractor and rule, so that
"where does this sentence end" has one answer.

* A paragraph ends at a NEWLINE token (the prose model puts one between blocks;
  wrapped lines are already joined).
* A sentence ends at ``. ! ? ؟ …`` (and a paragraph end), except a period after
  an abbreviation (``Mr.``, ``Jan.``, ``No.``) or an initial (``John F.
  Kennedy``). After ``U.S.``, ``Inc.``, ``Corp.`` or an initial the period
  ends the sentence only when the next word is a capitalised word that usually
  opens a sentence (``... Microsoft Corp. The deal``). Decimals and thousands
  separators are inside number tokens already.
* A clause ends at a sentence end or at ``, ، ; ؛ :``.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.normalize import Normalized
from factlint.tokens import Kind, Script, Token

SENTENCE_END = frozenset(".!?؟…")
CLAUSE_END = frozenset(",،;؛:")
# Abbreviations after which a period never ends a sentence (they precede what they modify).
NEVER_FINAL = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "lt", "col",
        "capt", "sgt", "cpl", "maj", "adm", "cmdr", "hon", "rev", "fr", "pres", "supt",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "no", "nos", "vs", "v", "approx", "dept", "est", "fig", "vol", "pp", "ch", "art",
        "e.g", "i.e", "cf", "mt", "ft",
    }
)  # fmt: skip
# Abbreviations that may also end a sentence.
MAYBE_FINAL = frozenset(
    {"inc", "ltd", "corp", "co", "jr", "sr", "plc", "llc", "bros", "etc", "al", "p.m", "a.m"}
)
# Capitalised words that usually open a sentence (decide after a MAYBE_FINAL abbreviation).
OPENERS = frozenset(
    {
        "the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "i", "you",
        "but", "and", "this", "that", "these", "those", "his", "her", "its", "their",
        "after", "before", "when", "while", "as", "for", "with", "by", "from", "there",
        "however", "meanwhile", "still", "yet", "so", "if", "mr", "ms", "mrs", "dr",
        "some", "many", "most", "one", "two", "both", "last", "earlier", "later", "since",
        "although", "though", "then", "now", "our", "my", "what", "who", "how", "why",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Segments:
    """Per token: which paragraph, sentence and clause it belongs to."""

    paragraph: tuple[int, ...]
    sentence: tuple[int, ...]
    clause: tuple[int, ...]
    breaks: frozenset[int]  # indices of tokens that end a sentence
    sentence_bounds: tuple[tuple[int, int], ...]  # per sentence id: [first, last] token index

    def ends_sentence(self, i: int) -> bool:
        return i < 0 or i >= len(self.sentence) or i in self.breaks

    def same_sentence(self, i: int, j: int) -> bool:
        return self._id(self.sentence, i) == self._id(self.sentence, j)

    def same_clause(self, i: int, j: int) -> bool:
        return self._id(self.clause, i) == self._id(self.clause, j)

    def same_paragraph(self, i: int, j: int) -> bool:
        return self._id(self.paragraph, i) == self._id(self.paragraph, j)

    def sentence_span(self, i: int) -> tuple[int, int]:
        """Token range [a, b) of the sentence holding token i, without its end mark."""
        if not self.sentence:
            return 0, 0
        k = self._id(self.sentence, i)
        a, b = self.sentence_bounds[k]
        return (a, b) if b in self.breaks else (a, min(b + 1, len(self.sentence)))

    @staticmethod
    def _id(ids: tuple[int, ...], i: int) -> int:
        if not ids:
            return 0
        return ids[min(max(i, 0), len(ids) - 1)]


def _abbreviation(tokens: tuple[Token, ...], i: int) -> str | None:
    """The abbreviation a period at token i closes, if any (normalized, with inner dots)."""
    if i <= 0:
        return None
    prev = tokens[i - 1]
    if prev.kind is not Kind.WORD or prev.script is not Script.LATIN:
        return None
    # "e.g." / "U.S." / "a.m.": letters and periods with no spaces
    j = i - 1
    parts = [prev.text]
    while (
        j >= 2
        and tokens[j - 1].text == "."
        and tokens[j - 1].start == tokens[j - 2].end
        and tokens[j].start == tokens[j - 1].end
        and tokens[j - 2].kind is Kind.WORD
        and len(tokens[j - 2].text) <= 2
    ):
        parts.insert(0, tokens[j - 2].text)
        j -= 2
    if prev.end != tokens[i].start:
        return None
    return ".".join(parts)


def _opens_sentence(norm: Normalized, tokens: tuple[Token, ...], i: int) -> bool:
    """Whether token i (the word after a period) reads as the start of a new sentence."""
    k = i
    while k < len(tokens) and tokens[k].kind is Kind.PUNCT and tokens[k].text in "\"'“”«»(":
        k += 1
    if k >= len(tokens):
        return True
    tok = tokens[k]
    if tok.kind is Kind.NEWLINE:
        return True
    if tok.kind is not Kind.WORD or tok.script is not Script.LATIN:
        return tok.kind is Kind.WORD  # an Arabic word after a Latin abbreviation
    first = norm.source[norm.orig_start(tok.start) : norm.orig_start(tok.start) + 1]
    return first.isupper() and tok.text in OPENERS


def is_sentence_end(norm: Normalized, tokens: tuple[Token, ...], i: int) -> bool:
    tok = tokens[i]
    if tok.kind is Kind.NEWLINE:
        return True
    if tok.kind is not Kind.PUNCT or tok.text not in SENTENCE_END:
        return False
    if tok.text != ".":
        return True
    abbreviation = _abbreviation(tokens, i)
    if abbreviation is None:
        return True
    if abbreviation in NEVER_FINAL:
        return False
    if abbreviation in MAYBE_FINAL or len(abbreviation) == 1 or "." in abbreviation:
        return _opens_sentence(norm, tokens, i + 1)
    return True


def segment(norm: Normalized, tokens: tuple[Token, ...]) -> Segments:
    paragraph: list[int] = []
    sentence: list[int] = []
    clause: list[int] = []
    breaks: set[int] = set()
    bounds: list[tuple[int, int]] = []
    p = s = c = 0
    first = 0
    in_paragraph, in_sentence, in_clause = paragraph.append, sentence.append, clause.append
    words = (Kind.WORD, Kind.NUMBER)
    for i, tok in enumerate(tokens):
        in_paragraph(p)
        in_sentence(s)
        in_clause(c)
        if tok.kind in words:
            continue  # neither ends a sentence nor a clause
        if is_sentence_end(norm, tokens, i):
            breaks.add(i)
            bounds.append((first, i))
            first = i + 1
            s += 1
            c += 1
            if tok.kind is Kind.NEWLINE:
                p += 1
        elif tok.kind is Kind.PUNCT and tok.text in CLAUSE_END:
            c += 1
    bounds.append((first, max(first, len(tokens) - 1)))
    return Segments(
        tuple(paragraph), tuple(sentence), tuple(clause), frozenset(breaks), tuple(bounds)
    )
