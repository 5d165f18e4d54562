"""Inline suppressions in Markdown and plain text, and FL100 for the unused ones."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from conftest import WorldLint
from factlint.model import Finding
from factlint.suppress import parse_directives


def where(findings: Sequence[Finding], code: str = "TX001") -> list[int]:
    return [f.line for f in findings if f.code == code]


@pytest.fixture
def tx(world_lint: WorldLint) -> WorldLint:
    """Only the duplicated-word rule and FL100: no facts needed."""

    def lint(text: str, path: str = "a.md", **kw: object) -> list[Finding]:
        return world_lint(text, path, select=kw.pop("select", ("TX001", "FL")), **kw)  # type: ignore[arg-type]

    return lint


# ------------------------------------------------------------------ Markdown


def test_markdown_next_line(tx: WorldLint) -> None:
    text = (
        "We saw the the first.\n"
        "<!-- factlint-disable-next-line TX001 -->\n"
        "We saw the the second.\n"
        "We saw the the third.\n"
    )
    assert where(tx(text)) == [1, 4]


def test_markdown_next_line_skips_blank_and_stacked_directives(tx: WorldLint) -> None:
    text = (
        "<!-- factlint-disable-next-line TX001 -- a quoted stammer -->\n"
        "<!-- factlint-disable-next-line TX004 -->\n"
        "\n"
        "He said the the words.\n"
    )
    found = tx(text, select=("TX", "FL"))
    assert where(found) == []
    # TX004 had nothing to suppress on that line
    assert [(f.code, f.line) for f in found] == [("FL100", 2)]


def test_markdown_range(tx: WorldLint) -> None:
    text = (
        "<!-- factlint-disable TX001 -->\n"
        "Quoted: the the one.\n"
        "\n"
        "Quoted: and and two.\n"
        "<!-- factlint-enable TX001 -->\n"
        "Our own text: a a mistake.\n"
    )
    assert where(tx(text)) == [6]


def test_markdown_range_without_enable_runs_to_the_end(tx: WorldLint) -> None:
    text = "A a start.\n<!-- factlint-disable TX001 -->\nThe the end.\n\nOn on and on.\n"
    assert where(tx(text)) == [1]


def test_markdown_file_with_prefix(tx: WorldLint) -> None:
    text = "The the top.\n\n<!-- factlint-disable-file TX -->\n\nThe the bottom.\n"
    assert tx(text) == []


def test_markdown_codes_list_and_case(tx: WorldLint) -> None:
    text = "<!-- factlint-disable-next-line nm001, tx001 -->\nThe the line.\n"
    found = tx(text, select=("TX001", "NM", "FL"))
    assert where(found) == []
    # NM001 ran and found nothing there: reported, and the fix keeps TX001 only
    (unused,) = found
    assert unused.code == "FL100" and "NM001" in unused.message
    assert unused.replacement == "<!-- factlint-disable-next-line TX001 -->"


def test_markdown_bare_line_is_text_not_a_directive(tx: WorldLint) -> None:
    text = "factlint-disable-next-line TX001\nThe the line.\n"
    assert where(tx(text)) == [2]


def test_markdown_comment_must_be_alone_on_its_line(tx: WorldLint) -> None:
    text = "Text <!-- factlint-disable-next-line TX001 -->\nThe the line.\n"
    assert where(tx(text)) == [2]


def test_directives_in_fenced_code_and_front_matter_are_ignored(tx: WorldLint) -> None:
    text = (
        "---\n"
        "note: <!-- factlint-disable-file TX001 -->\n"
        "---\n"
        "```markdown\n"
        "<!-- factlint-disable-file TX001 -->\n"
        "```\n"
        "The the line.\n"
    )
    assert parse_directives(text, markdown=True) == ()
    assert where(tx(text)) == [7]
    assert where(tx(text), "FL100") == []


# ----------------------------------------------------------------- plain text


def test_text_next_line(tx: WorldLint) -> None:
    text = (
        "We saw the the first.\n"
        "factlint-disable-next-line TX001 -- as the witness said it\n"
        "We saw the the second.\n"
        "We saw the the third.\n"
    )
    assert where(tx(text, "a.txt")) == [1, 4]


def test_text_range_and_file(tx: WorldLint) -> None:
    text = "factlint-disable TX001\nThe the one.\nfactlint-enable TX001\nThe the two.\n"
    assert where(tx(text, "a.txt")) == [4]
    assert tx("The the one.\n\n  factlint-disable-file TX001\n", "a.txt") == []


def test_text_accepts_the_comment_form(tx: WorldLint) -> None:
    text = "<!-- factlint-disable-next-line TX -->\nThe the one.\n"
    assert tx(text, "a.txt") == []


def test_text_directive_inside_a_sentence_is_not_one(tx: WorldLint) -> None:
    text = "Say factlint-disable-next-line TX001 here.\nThe the one.\n"
    assert where(tx(text, "a.txt")) == [2]


def test_arabic_text_with_crlf(tx: WorldLint) -> None:
    text = "factlint-disable-next-line TX001\r\nاجتمع المجلس في في المساء.\r\n"
    assert tx(text, "a.ar.txt") == []


# -------------------------------------------------------------------- unused


def test_unused_suppression_is_reported_with_a_removing_fix(tx: WorldLint) -> None:
    text = "Intro.\n<!-- factlint-disable-next-line TX001 -->\nA clean line.\nEnd.\n"
    (finding,) = tx(text)
    assert (finding.code, finding.line, finding.column) == ("FL100", 2, 1)
    assert "nothing reported for TX001" in finding.message
    fixed = text[: finding.start] + (finding.replacement or "") + text[finding.end :]
    assert fixed == "Intro.\nA clean line.\nEnd.\n"


def test_unused_range_reports_both_ends(tx: WorldLint) -> None:
    text = "factlint-disable TX001\nClean.\nfactlint-enable TX001\n"
    found = tx(text, "a.txt")
    assert [(f.code, f.line) for f in found] == [("FL100", 1), ("FL100", 3)]


def test_unknown_code_and_stray_enable(tx: WorldLint) -> None:
    text = "<!-- factlint-disable-next-line QQ123 -->\nText.\n<!-- factlint-enable TX001 -->\n"
    found = tx(text)
    assert [f.line for f in found] == [1, 3]
    assert "QQ123 is not a rule code" in found[0].message
    assert "no factlint-disable TX001 before it" in found[1].message


def test_codes_that_did_not_run_are_not_unused(tx: WorldLint) -> None:
    text = "<!-- factlint-disable-next-line ND001 -->\nClean.\n"
    assert tx(text, select=("TX001", "FL")) == []
    assert where(tx(text, select=("TX001", "ND", "FL")), "FL100") == [1]


def test_fl100_can_be_ignored(tx: WorldLint) -> None:
    text = "<!-- factlint-disable-next-line TX001 -->\nClean.\n"
    assert tx(text, select=("TX001",)) == []
