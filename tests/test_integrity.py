"""Tests for the integrity rules (TX001-TX004) and the quotation scanner."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest

from factlint.api import Rule
from factlint.config import Config
from factlint.document import parse
from factlint.engine import check_document, new_session
from factlint.facts.model import Facts
from factlint.model import Finding
from factlint.prose import prose_of
from factlint.quotes import QuoteScan, scan_prose
from factlint.selection import Selection

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "integrity"


def lint(
    text: str,
    path: str,
    pm: pluggy.PluginManager,
    rules: dict[str, Rule],
    select: tuple[str, ...] = ("TX",),
) -> list[Finding]:
    facts = Facts(entities={}, titles={})
    session = new_session(Config(root=FIXTURES), facts, rules, Selection(select))
    return list(check_document(parse(text, path), session, pm))


def where(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in findings]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_rules_registered(rules: dict[str, Rule]) -> None:
    for code in ("TX001", "TX002", "TX003", "TX004"):
        assert rules[code].family == "integrity"
        assert rules[code].docs, code


def test_planted_arabic(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    found = lint(fixture("planted.ar.txt"), "planted.ar.txt", pm, rules)
    assert where(found) == [
        (1, 14, "TX001"),  # في في
        (2, 38, "TX003"),  # و إن
        (2, 55, "TX002"),  # “ … »
        (3, 34, "TX001"),  # رئيس ورئيس
        (4, 62, "TX002"),  # a second closing ”
        (5, 7, "TX002"),  # « never closed
        (6, 13, "TX004"),  # space before ،
    ]
    by_pos = {(f.line, f.column): f for f in found}
    assert by_pos[1, 14].replacement == "في"
    assert by_pos[2, 38].replacement == "وإن"
    assert by_pos[2, 55].replacement == "”"
    assert "expected ”" in by_pos[2, 55].message
    assert by_pos[3, 34].replacement is None
    assert "4:37" in by_pos[4, 62].message
    assert by_pos[6, 13].replacement == "،"


def test_planted_english(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    found = lint(fixture("planted.en.md"), "planted.en.md", pm, rules)
    assert where(found) == [(3, 1, "TX001"), (4, 16, "TX001"), (4, 64, "TX002"), (5, 9, "TX002")]
    assert found[0].replacement == "The"
    assert found[1].replacement is None


@pytest.mark.parametrize("name", ["clean.ar.txt", "clean.en.md"])
def test_clean_texts(name: str, pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    assert lint(fixture(name), name, pm, rules) == []


@pytest.mark.parametrize(
    "text",
    [
        "He had had enough.",
        "The fact that that happened matters.",
        "Bora Bora is far. Johnson and Johnson reported.",
        "more and more, again and again, years and years, they talked and talked",
        "New York, New York.",
        "He said it.\nIt was late.",
        "تقدم رويدًا رويدًا وخطوة خطوة.",
        "يزور المقر بين الحين والحين.",
        "ارتفعت الأسعار أكثر وأكثر.",
        "قال 2 2 مرة.",
    ],
)
def test_legitimate_repetition(text: str, pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    assert lint(text, "a.txt", pm, rules, ("TX001",)) == []


@pytest.mark.parametrize(
    ("text", "span", "replacement"),
    [
        ("It is the the end.", "the the", "the"),
        ("جلس في في المكتب.", "في في", "في"),
        ("رئيس ورئيس OpenAI", "رئيس ورئيس", None),
        ("الرئيس و الرئيس", "الرئيس و الرئيس", None),
        ("She is CEO and CEO of it.", "CEO and CEO", None),
    ],
)
def test_duplicated(
    text: str, span: str, replacement: str | None, pm: pluggy.PluginManager, rules: dict[str, Rule]
) -> None:
    found = lint(text, "a.txt", pm, rules, ("TX001",))
    assert [text[f.start : f.end] for f in found] == [span]
    assert found[0].replacement == replacement


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال و إن الأمر انتهى.", ["و إن"]),
        ("وَ الشركة أعلنت.", ["وَ الشركة"]),
        ("بين 2 و 3 ملايين.", []),
        ("تعاونت OpenAI و Microsoft.", []),
        ("الحروف أ و ب.", []),
        ("و) البند السادس.", []),
        ("وإن الأمر انتهى.", []),
    ],
)
def test_detached_conjunction(
    text: str, expected: list[str], pm: pluggy.PluginManager, rules: dict[str, Rule]
) -> None:
    found = lint(text, "a.ar.txt", pm, rules, ("TX003",))
    assert [text[f.start : f.end] for f in found] == expected
    for f in found:
        assert f.replacement == text[f.start : f.end].replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "“balanced” and «balanced» and „German“ and ‹single›.",
        "“outer «inner» outer”",
        '"straight" quotes',
        "It's the writers' room; 'single' quotes are apostrophes.",
        '5\'10" tall, a 55" screen',
        "“first paragraph\n“second paragraph”",
        "“first paragraph\n\n“second paragraph”",
        '`"code` and\n```\n“fenced\n```\n',
        'See <a href="x">the “page”</a> and <!-- “ -->.',
        "[“link”](http://x.com/“weird) and ![“alt”](a.png)",
    ],
)
def test_balanced_quotes(text: str) -> None:
    for path in ("a.md", "a.txt"):
        if ("`" in text or "<" in text or "](" in text) and path == "a.txt":
            continue
        if "\n“second" in text and "\n\n" not in text and path == "a.md":
            continue  # one Markdown paragraph: the second “ nests
        assert _scan(text, path).problems == (), path


def _scan(text: str, path: str = "a.txt") -> QuoteScan:
    return scan_prose(prose_of(text, path))


@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_wrapped_document_quotes_span_lines(path: str) -> None:
    text = "He said “this quotation runs\nover two lines” of a wrapped paragraph.\n\nNext one.\n"
    result = _scan(text, path)
    assert result.problems == ()
    assert result.quoted(text.index("over"))


def test_unwrapped_plain_text_line_is_a_paragraph() -> None:
    text = "He said “this quotation never closes\n" + "x" * 120 + " and “more”.\n"
    problems = _scan(text, "a.txt").problems
    assert [(p.kind, p.start) for p in problems] == [("unclosed", text.index("“"))]


def test_quote_problems() -> None:
    text = "“a».\n«b\nc” d\n“e” f”"
    problems = _scan(text).problems
    assert [(p.kind, text[p.start]) for p in problems] == [
        ("mismatched", "»"),
        ("unclosed", "«"),
        ("unopened", "”"),
        ("unopened", "”"),
    ]
    assert problems[0].expected == "”"
    assert problems[1].expected == "»"
    assert problems[2].closed is None
    assert problems[3].closed == text.index("” f")


def test_quoted_regions() -> None:
    text = "a “b «c» d” e"
    result = _scan(text)
    assert result.quoted(text.index("c"))
    assert not result.quoted(text.index("e"))
    assert result.quoted(text.index("b"), text.index("d") + 1)


def test_punctuation_spacing(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    text = "قال ، ثم ،، انتهى ؟ وكتب,, ذلك... نعم."
    found = lint(text, "a.ar.txt", pm, rules, ("TX004",))
    assert [(text[f.start : f.end], f.replacement) for f in found] == [
        (" ،", "،"),
        (" ،،", "،"),
        (" ؟", "؟"),
        (",,", ","),
    ]


def test_selection(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    text = fixture("planted.ar.txt")
    found = lint(text, "planted.ar.txt", pm, rules, ("TX002",))
    assert {f.code for f in found} == {"TX002"}
