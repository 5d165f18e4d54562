"""The document model: Markdown and plain text read as prose, mapped to the file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import WorldLint
from factlint.document import parse
from factlint.prose import OBJECT, markdown_prose, plain_prose


def _words(text: str, path: str = "a.md") -> str:
    doc = parse(text, path)
    return " ".join(doc.prose.text.replace(OBJECT, " ").split())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**Microsoft** and _Twitch_ and ~~old~~ text", "Microsoft and Twitch and old text"),
        ("[OpenAI](https://openai.com/a_b) said", "OpenAI said"),
        ("Run `factlint seeds/` now", "Run now"),
        ("See https://example.com/x_y?q=1. Then", "See . Then"),
        ("See <https://example.com/a> now", "See now"),
        ("A\\*B and 1&lt;2 &amp; more", "A*B and 1<2 & more"),
        ("line one<br>line two", "line one line two"),
        ("![Nadia Karimi at a desk](img/a.png)", "Nadia Karimi at a desk"),
        ("<!-- Zentrix hidden -->\n\nVisible", "Visible"),
        ("```\ncode Zentrix\n```\n\nAfter", "After"),
        ("    indented code\n\nAfter", "After"),
        ('[ref]: https://x.com "Title"\n\nAfter', "After"),
        ("| Name | Role |\n|---|---|\n| Omar | chair |", "Name Role Omar chair"),
        ("> quoted\n> text", "quoted text"),
        ("---\ntitle: Zentrix\n---\nBody", "Body"),
        ("Zentrix grew.[^1] More.\n\n[^1]: A *note*.", "Zentrix grew. More. A note."),
    ],
)
def test_markdown_prose(source: str, expected: str) -> None:
    assert _words(source) == expected


def test_prose_characters_map_to_themselves() -> None:
    text = (
        "# A *heading* here\n\n"
        "- first **item** [link](http://x.y) end\n"
        "  second line\n\n"
        "> quote `code` more\n\n"
        "| a | b |\n|---|---|\n| cell | other |\n"
    )
    prose = markdown_prose(text)
    for ch, pos in zip(prose.text, prose.origin, strict=True):
        if ch in ("\n", OBJECT):
            continue
        if ch == " " and text[pos] == "\n":
            continue  # a soft line break
        assert text[pos] == ch


def test_soft_breaks_join_lines_and_blocks_break() -> None:
    text = "# Title\n\nOne sentence runs\nover two lines.\n\n- item one\n- item two\n"
    prose = markdown_prose(text).text
    assert "runs over two" in prose
    assert prose.split("\n")[:4] == [
        "Title",
        "One sentence runs over two lines.",
        "item one",
        "item two",
    ]


def test_plain_text_paragraph_per_line_and_wrapped() -> None:
    per_line = "First paragraph that is a long line of text " * 3 + "\nSecond one.\n"
    assert plain_prose(per_line).text.count("\n") == 2
    wrapped = "A wrapped paragraph\ncontinues here.\n\nNext paragraph.\n"
    assert plain_prose(wrapped).text == "A wrapped paragraph continues here.\nNext paragraph.\n"


def test_claim_across_a_wrapped_line_is_found(world_lint: WorldLint) -> None:
    text = (
        "The company grew fast.\n\n"
        "Emmett Shear, the former chief executive of\n"
        "Zentrix, spoke on Monday.\n"
    )
    found = [f for f in world_lint(text, "a.md", date="2024-01-10") if f.code.startswith("AT")]
    assert found, "a role claim broken over two lines must be read"
    f = found[0]
    assert (f.line, f.column) == (3, 1)
    assert f.end_line == 4
    assert text[f.start : f.end].startswith("Emmett Shear")


def test_same_claim_on_one_line_and_wrapped_gives_same_codes(world_lint: WorldLint) -> None:
    one = "Emmett Shear, the former chief executive of Zentrix, spoke.\n"
    two = "Emmett Shear, the former chief executive\nof Zentrix, spoke.\n\nEnd.\n"
    codes_one = sorted(f.code for f in world_lint(one, "a.md", date="2024-01-10"))
    codes_two = sorted(f.code for f in world_lint(two, "a.md", date="2024-01-10"))
    assert codes_one == codes_two
    assert codes_one


def test_no_findings_inside_code_or_urls(world_lint: WorldLint) -> None:
    text = (
        "Plain words.\n\n"
        "```\nEmmett Shear, the former chief executive of Zentrix\nthe the\n```\n\n"
        "Inline `Emmett Shear, chief executive of Zentrix` code and "
        "[a link](https://example.com/the/the/Zentrix،،) here.\n"
    )
    assert world_lint(text, "a.md", date="2024-01-10") == []


def test_emphasised_name_is_that_name(world_lint: WorldLint) -> None:
    text = "**Emmett Shear**, the former chief executive of _Zentrix_, spoke.\n"
    found = [f for f in world_lint(text, "a.md", date="2024-01-10") if f.code == "AT001"]
    assert found
    assert text[found[0].start : found[0].start + 12] == "Emmett Shear"


def test_arabic_markdown_offsets() -> None:
    text = "## عنوان\n\nقال **عمر حداد**، رئيس مجلس الإدارة\nلشركة زنتريكس، إن …\n"
    doc = parse(text, "a.ar.md")
    norm = doc.normalized()
    i = norm.text.index("حداد")
    a, b = norm.orig_span(i, i + 4)
    assert text[a:b] == "حداد"
    assert "الاداره لشركه" in norm.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_parses_and_maps_inside_the_file(text: str) -> None:
    for path in ("a.md", "a.txt"):
        doc = parse(text, path)
        assert len(doc.prose.text) == len(doc.prose.origin)
        assert all(0 <= o <= len(text) for o in doc.prose.origin)
        norm = doc.normalized()
        assert all(0 <= o <= len(text) for o in norm.origin)
