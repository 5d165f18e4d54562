"""Tests for the output formats in factlint.report."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pluggy
import pytest

from factlint import hookspecs
from factlint.api import CheckContext, ReportContext, Rule
from factlint.document import Document, parse
from factlint.model import FactRef, Finding, Severity
from factlint.report import formats
from factlint.report.github import escape_data, escape_property, format_github
from factlint.report.json import format_json, format_jsonl
from factlint.report.sarif import artifact_uri, format_sarif
from factlint.report.text import (
    ELLIPSIS,
    WINDOW,
    display_width,
    format_concise,
    format_text,
    snippet,
    visible,
)

SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-2.1.0.json"  # from shared/schemas

# Diacritics before the span (fatha + shadda on تمَّ) and after it (tanween in رئيسًا).
ARABIC = "تمَّ تعيين Emmett Shear، الرئيس التنفيذي السابق لمنصة Switch، رئيسًا مؤقتًا لشركة OpenAI."
AR_PATH = "articles/openai.ar.txt"
EN_PATH = "articles/openai.en.md"
ENGLISH = "Intro line.\nSam Altman, the CEO of OpenAI, was fired on Friday, 17 November.\nEnd.\n"


def _no_findings(ctx: CheckContext) -> Iterable[Finding]:
    return ()


RULES = {
    "FL101": Rule(
        code="FL101",
        name="wrong-organisation",
        summary="A person's organisation contradicts the facts file.",
        check=_no_findings,
        severity=Severity.ERROR,
        family="names",
        docs="## wrong-organisation\n\nChecks the organisation named in a role claim.\n\n"
        "Wrong: `CEO of Switch`. Right: `CEO of Twitch`.\n",
        fixable=True,
    ),
    "FL201": Rule(
        code="FL201",
        name="weekday-mismatch",
        summary="The weekday does not match the date.",
        check=_no_findings,
        severity=Severity.WARNING,
    ),
    "FL300": Rule(
        code="FL300",
        name="unused-rule",
        summary="A rule with no findings in these tests.",
        check=_no_findings,
        severity=Severity.INFO,
    ),
}


def make_finding(
    doc: Document,
    needle: str,
    code: str,
    message: str,
    *,
    severity: Severity = Severity.ERROR,
    replacement: str | None = None,
    facts: tuple[FactRef, ...] = (),
    occurrence: int = 0,
    length: int | None = None,
) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(needle, start + 1)
    end = start + (len(needle) if length is None else length)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=code,
        severity=severity,
        message=message,
        replacement=replacement,
        facts=facts,
        start=start,
        end=end,
    )


def context(*docs: Document, color: bool = False, errors: tuple[str, ...] = ()) -> ReportContext:
    return ReportContext(
        documents={doc.path: doc for doc in docs},
        rules=RULES,
        version="0.1.0",
        color=color,
        errors=errors,
    )


@pytest.fixture
def ar_doc() -> Document:
    return parse("العنوان\n" + ARABIC + "\n", AR_PATH)


@pytest.fixture
def en_doc() -> Document:
    return parse(ENGLISH, EN_PATH)


@pytest.fixture
def switch(ar_doc: Document) -> Finding:
    return make_finding(
        ar_doc,
        "Switch",
        "FL101",
        "Emmett Shear was CEO of Twitch, not Switch",
        replacement="Twitch",
        facts=(FactRef("emmett-shear", "https://example.org/shear"), FactRef("twitch")),
    )


def caret_target(line: str, offset: int) -> str:
    """The rest of ``line`` from the character that starts at display column ``offset``."""
    for index in range(len(line) + 1):
        if display_width(line[:index]) == offset and display_width(line[index : index + 1]) > 0:
            return line[index:]
    raise AssertionError(f"no character starts at display column {offset}")


def source_block(output: str) -> tuple[str, str]:
    """(source line, caret line) of the first finding, without their gutters."""
    lines = output.splitlines()
    source = next(
        i for i, line in enumerate(lines) if line.lstrip()[:1].isdigit() and " | " in line
    )
    gutter = lines[source].index("| ") + 2
    return lines[source][gutter:], lines[source + 1][gutter:]


# --- display width -------------------------------------------------------------------------


def test_display_width_counts_marks_and_controls_as_zero() -> None:
    assert display_width("تم") == 2
    assert display_width("تمَّ") == 2  # fatha and shadda
    assert display_width("رئيسًا") == 5  # tanween fath
    assert display_width("\u200f\u202b\u2067\u200d\u061c") == 0  # bidi controls, ZWJ, ALM
    assert display_width("ـ") == 1  # tatweel is visible
    assert display_width("中文") == 4
    assert display_width("e\u0301") == 1


def test_visible_neutralises_control_characters() -> None:
    assert visible("a\x1b[31mb") == "a\u241b[31mb"
    assert visible("\tx") == "    x"
    assert display_width("\x1b") == display_width(visible("\x1b")) == 1


# --- text ----------------------------------------------------------------------------------


def test_text_arabic_span_with_latin_word(ar_doc: Document, switch: Finding) -> None:
    out = format_text([switch], context(ar_doc))
    column = ARABIC.index("Switch") + 1
    assert switch.line == 2
    assert switch.column == column
    first = out.splitlines()[0]
    assert first == f"{AR_PATH}:2:{column}: FL101 Emmett Shear was CEO of Twitch, not Switch"
    source, carets = source_block(out)
    assert source == ARABIC
    offset = len(carets) - len(carets.lstrip(" "))
    # Two diacritics precede the span: the caret offset is two less than the column.
    assert offset == column - 1 - 2 == display_width(ARABIC[: column - 1])
    assert carets.strip() == "^" * len("Switch")
    assert caret_target(source, offset).startswith("Switch")
    assert "2 | " + ARABIC in out
    assert "  = help: replace with `Twitch`" in out
    assert "  = facts: emmett-shear (https://example.org/shear), twitch" in out
    # FL101 declares only fixable=True: its fix counts as unsafe
    assert out.endswith(
        "\n\nFound 1 error, 0 warnings, 0 infos.\n1 more fixable with --fix --unsafe-fixes.\n"
    )
    assert "\x1b" not in out


def test_text_span_with_diacritics_is_underlined_by_display_width(ar_doc: Document) -> None:
    finding = make_finding(ar_doc, "رئيسًا مؤقتًا", "FL201", "m", severity=Severity.WARNING)
    _, carets = source_block(format_text([finding], context(ar_doc)))
    assert carets.strip() == "^" * display_width("رئيسًا مؤقتًا")
    assert len(carets.strip()) == len("رئيسًا مؤقتًا") - 2


def test_text_long_arabic_line_is_windowed() -> None:
    words = "قال المجلس إن الرئيس التنفيذي لم يكن صريحًا باستمرار في اتصالاته مع أعضائه، "
    line = words * 4 + "وعيّن Emmett Shear مكانه " + words * 4
    assert len(line) > 480
    doc = parse(line + "\n", AR_PATH)
    finding = make_finding(doc, "Emmett Shear", "FL101", "m")
    out = format_text([finding], context(doc))
    assert f":1:{line.index('Emmett') + 1}: FL101" in out  # column is never changed
    source, carets = source_block(out)
    assert source.startswith(ELLIPSIS) and source.endswith(ELLIPSIS)
    assert WINDOW - 5 <= display_width(source) <= WINDOW + 2
    offset = len(carets) - len(carets.lstrip(" "))
    assert caret_target(source, offset).startswith("Emmett Shear")
    assert carets.strip() == "^" * len("Emmett Shear")
    # The span sits near the middle of the window.
    assert abs(offset - (display_width(source) - len(carets.strip())) // 2) < 10


def test_text_window_at_line_start_and_end() -> None:
    line = "OpenAI " + "كلمة " * 120 + "Twitch"
    doc = parse(line, EN_PATH)
    first = make_finding(doc, "OpenAI", "FL101", "m")
    last = make_finding(doc, "Twitch", "FL101", "m")
    source, carets = source_block(format_text([first], context(doc)))
    assert not source.startswith(ELLIPSIS) and source.endswith(ELLIPSIS)
    assert carets == "^" * 6
    source, carets = source_block(format_text([last], context(doc)))
    assert source.startswith(ELLIPSIS) and source.endswith("Twitch")
    assert caret_target(source, len(carets) - 6) == "Twitch"


def test_snippet_span_wider_than_window() -> None:
    line = "x" * 50 + "y" * 300 + "z" * 50
    cut = snippet(line, 50, 350)
    assert cut.text.startswith(ELLIPSIS) and cut.text.endswith(ELLIPSIS)
    assert caret_target(cut.text, cut.caret_offset).startswith("y")
    assert cut.caret_offset + cut.caret_width <= display_width(cut.text)


def test_snippet_keeps_marks_with_their_letter() -> None:
    line = "بَ" * 200 + "X" + "بَ" * 200
    cut = snippet(line, 400, 401)
    body = cut.text.strip(ELLIPSIS)
    assert not body.startswith("\u064e")
    assert caret_target(cut.text, cut.caret_offset).startswith("X")


def test_snippet_empty_span_gets_one_caret() -> None:
    cut = snippet("abc", 3, 3)
    assert (cut.text, cut.caret_offset, cut.caret_width) == ("abc", 3, 1)


def test_text_multiline_span_underlines_to_end_of_first_line(en_doc: Document) -> None:
    finding = make_finding(en_doc, "Friday", "FL201", "m", length=len("Friday, 17 November.\nEnd"))
    assert (finding.line, finding.end_line) == (2, 3)
    source, carets = source_block(format_text([finding], context(en_doc)))
    assert source == ENGLISH.splitlines()[1]
    assert carets.strip() == "^" * len("Friday, 17 November.")
    assert len(carets) == len(source)


def test_text_sorts_and_summarises(ar_doc: Document, en_doc: Document, switch: Finding) -> None:
    weekday = make_finding(en_doc, "Friday", "FL201", "wrong weekday", severity=Severity.WARNING)
    info = make_finding(en_doc, "OpenAI", "FL300", "note", severity=Severity.INFO)
    out = format_text([weekday, switch, info], context(ar_doc, en_doc))
    headers = [line for line in out.splitlines() if line.startswith("articles/")]
    assert [h.split(": ")[1].split()[0] for h in headers] == ["FL101", "FL300", "FL201"]
    assert out.endswith(
        "Found 1 error, 1 warning, 1 info.\n1 more fixable with --fix --unsafe-fixes.\n"
    )
    assert "= help" not in out.split("FL300")[1].split("FL201")[0]


def test_text_no_findings() -> None:
    assert format_text([], context()) == "All checks passed!\n"
    assert format_concise([], context()) == "All checks passed!\n"


def test_text_no_findings_with_input_errors() -> None:
    out = format_text([], context(errors=("a.txt: not valid UTF-8",)))
    assert "All checks passed!" not in out
    assert "1 input error reported above." in out


def test_text_without_document_shows_header_and_notes(switch: Finding) -> None:
    out = format_text([switch], context())
    lines = out.splitlines()
    assert lines[0].startswith(f"{AR_PATH}:2:")
    assert lines[1] == " = help: replace with `Twitch`"
    assert " | " not in out


def test_text_deletion_help(en_doc: Document) -> None:
    finding = make_finding(en_doc, "the CEO of OpenAI, ", "FL101", "m", replacement="")
    assert "= help: delete this text" in format_text([finding], context(en_doc))


def test_text_color(ar_doc: Document, switch: Finding) -> None:
    plain = format_text([switch], context(ar_doc))
    colored = format_text([switch], context(ar_doc, color=True))
    assert "\x1b[1;31mFL101\x1b[0m" in colored
    assert "\x1b[1;31m^^^^^^\x1b[0m" in colored
    assert "\x1b" not in plain


def test_text_escapes_control_characters_in_messages(en_doc: Document) -> None:
    finding = make_finding(en_doc, "Friday", "FL201", "bad \x1b[2J message\nnext")
    out = format_text([finding], context(en_doc))
    assert "\x1b" not in out
    assert "bad \u241b[2J message\u240anext" in out


def test_concise(ar_doc: Document, en_doc: Document, switch: Finding) -> None:
    weekday = make_finding(en_doc, "Friday", "FL201", "wrong weekday", severity=Severity.WARNING)
    out = format_concise([weekday, switch], context(ar_doc, en_doc))
    column = ARABIC.index("Switch") + 1
    assert out == (
        f"{AR_PATH}:2:{column}: FL101 Emmett Shear was CEO of Twitch, not Switch"
        " [facts: emmett-shear (https://example.org/shear); twitch]\n"
        f"{EN_PATH}:2:45: FL201 wrong weekday\n"
        "Found 2 findings.\n"
        "1 more fixable with --fix --unsafe-fixes.\n"
    )
    assert format_concise([weekday], context(en_doc)).endswith("Found 1 finding.\n")


# --- json ----------------------------------------------------------------------------------


def test_json(ar_doc: Document, en_doc: Document, switch: Finding) -> None:
    weekday = make_finding(en_doc, "Friday", "FL201", "wrong weekday", severity=Severity.WARNING)
    out = format_json([weekday, switch], context(ar_doc, en_doc))
    assert "Switch" in out and "رئيس" not in out  # message is Latin; path is ASCII
    assert out.startswith('{\n  "findings": [')
    data = json.loads(out)
    assert data["summary"] == {"errors": 1, "warnings": 1, "infos": 0}
    first, second = data["findings"]
    assert list(first) == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "severity",
        "message",
        "replacement",
        "facts",
    ]
    assert first == {
        "path": AR_PATH,
        "line": 2,
        "column": switch.column,
        "end_line": 2,
        "end_column": switch.column + 6,
        "code": "FL101",
        "severity": "error",
        "message": "Emmett Shear was CEO of Twitch, not Switch",
        "replacement": "Twitch",
        "facts": [
            {"id": "emmett-shear", "source": "https://example.org/shear"},
            {"id": "twitch", "source": None},
        ],
    }
    assert second["severity"] == "warning"
    assert second["replacement"] is None
    assert second["facts"] == []


def test_json_keeps_non_ascii(ar_doc: Document) -> None:
    finding = make_finding(ar_doc, "رئيسًا", "FL101", "المنصب خطأ", severity=Severity.INFO)
    out = format_json([finding], context(ar_doc))
    assert "المنصب خطأ" in out
    assert json.loads(out)["summary"] == {"errors": 0, "warnings": 0, "infos": 1}


def test_json_empty() -> None:
    data = json.loads(format_json([], context()))
    assert data == {"findings": [], "summary": {"errors": 0, "warnings": 0, "infos": 0}}


def test_jsonl(ar_doc: Document, en_doc: Document, switch: Finding) -> None:
    weekday = make_finding(en_doc, "Friday", "FL201", "wrong\nweekday", severity=Severity.WARNING)
    out = format_jsonl([weekday, switch], context(ar_doc, en_doc))
    lines = out.splitlines()
    assert len(lines) == 2 and out.endswith("\n")
    records = [json.loads(line) for line in lines]
    assert [r["code"] for r in records] == ["FL101", "FL201"]
    assert records[1]["message"] == "wrong\nweekday"
    assert format_jsonl([], context()) == ""


# --- github --------------------------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_github(ar_doc: Document, en_doc: Document, switch: Finding) -> None:
    weekday = make_finding(
        en_doc,
        "Friday",
        "FL201",
        "17 November 2023 was a Friday, not Monday: 100% sure,\nreally",
        severity=Severity.WARNING,
    )
    info = make_finding(en_doc, "OpenAI", "FL300", "note", severity=Severity.INFO)
    out = format_github([weekday, switch, info], context(ar_doc, en_doc))
    lines = out.splitlines()
    assert len(lines) == 3 and out.endswith("\n")
    column = switch.column
    assert lines[0] == (
        f"::error file={AR_PATH},line=2,col={column},endLine=2,endColumn={column + 6},"
        "title=FL101::Emmett Shear was CEO of Twitch, not Switch"
        "%0Ahelp: replace with `Twitch`"
        "%0Afacts: emmett-shear (https://example.org/shear), twitch"
    )
    # most severe first: error, warning, notice
    assert lines[1] == (
        "::warning file=articles/openai.en.md,line=2,col=45,endLine=2,endColumn=51,"
        "title=FL201::17 November 2023 was a Friday, not Monday: 100%25 sure,%0Areally"
    )
    assert lines[2].startswith("::notice file=articles/openai.en.md,line=2,col=24,")


def test_github_escapes_properties_and_omits_columns_for_multiline() -> None:
    doc = parse("first line\nsecond line\n", "dir/a,b:c%.txt")
    finding = make_finding(doc, "line", "FL201", "m", length=len("line\nsec"))
    out = format_github([finding], context(doc))
    assert out == "::error file=dir/a%2Cb%3Ac%25.txt,line=1,endLine=2,title=FL201::m\n"
    assert format_github([], context()) == ""


# --- sarif ---------------------------------------------------------------------------------


def validate_sarif(log: dict[str, Any]) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(
        schema, default=jsonschema.Draft7Validator
    )
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_sarif(ar_doc: Document, en_doc: Document, switch: Finding) -> None:
    weekday = make_finding(en_doc, "Friday", "FL201", "wrong weekday", severity=Severity.WARNING)
    unknown = make_finding(en_doc, "End", "X999", "from a plugin", severity=Severity.INFO)
    log = json.loads(format_sarif([weekday, unknown, switch], context(ar_doc, en_doc)))
    validate_sarif(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "factlint"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == ["FL101", "FL201", "FL300", "X999"]
    fl101 = driver["rules"][0]
    assert fl101["name"] == "wrong-organisation"
    assert fl101["shortDescription"]["text"] == RULES["FL101"].summary
    assert fl101["fullDescription"]["text"] == "Checks the organisation named in a role claim."
    assert fl101["help"]["markdown"].startswith("## wrong-organisation")
    assert fl101["defaultConfiguration"]["level"] == "error"
    assert driver["rules"][2]["defaultConfiguration"]["level"] == "note"

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FL101", "FL201", "X999"]
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    first = results[0]
    assert first["level"] == "error"
    assert first["message"]["text"] == "Emmett Shear was CEO of Twitch, not Switch"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": AR_PATH, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 2,
        "startColumn": switch.column,
        "endLine": 2,
        "endColumn": switch.column + 6,
        "snippet": {"text": "Switch"},
    }
    assert location["contextRegion"]["snippet"]["text"] == ARABIC
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"] == {"text": "Twitch"}
    assert replacement["deletedRegion"]["startColumn"] == switch.column
    assert first["properties"]["facts"] == [
        {"id": "emmett-shear", "source": "https://example.org/shear"},
        {"id": "twitch", "source": None},
    ]
    assert [r["level"] for r in results[1:]] == ["warning", "note"]
    assert "fixes" not in results[1] and "properties" not in results[1]


def test_sarif_empty_and_input_errors() -> None:
    log = json.loads(format_sarif([], context(errors=("bad.txt: not valid UTF-8",))))
    validate_sarif(log)
    (run,) = log["runs"]
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["FL101", "FL201", "FL300"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].startswith("bad.txt")


def test_sarif_multiline_and_deletion(en_doc: Document) -> None:
    finding = make_finding(
        en_doc, "November.", "FL201", "m", length=len("November.\nEnd"), replacement=""
    )
    log = json.loads(format_sarif([finding], context(en_doc)))
    validate_sarif(log)
    result = log["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"], region["endColumn"]) == (2, 3, 4)
    assert region["snippet"]["text"] == "November.\nEnd"
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": ""
    }


def test_artifact_uri(tmp_path: Path) -> None:
    assert artifact_uri("articles/openai.ar.txt") == ("articles/openai.ar.txt", "%SRCROOT%")
    assert artifact_uri("./a b/مقال.txt") == ("a%20b/%D9%85%D9%82%D8%A7%D9%84.txt", "%SRCROOT%")
    inside = str(tmp_path / "x" / "a.txt")
    assert artifact_uri(inside, str(tmp_path)) == ("x/a.txt", "%SRCROOT%")
    uri, base = artifact_uri(inside, str(tmp_path / "elsewhere"))
    assert uri.startswith("file:///") and uri.endswith("/x/a.txt") and base is None


# --- plugin --------------------------------------------------------------------------------


def test_formats_plugin() -> None:
    manager = pluggy.PluginManager("factlint")
    manager.add_hookspecs(hookspecs)
    manager.register(formats)
    (provided,) = manager.hook.factlint_formats()
    assert set(provided) == {
        *("text", "full", "concise", "json", "jsonl", "github", "sarif"),
        *("rdjson", "gitlab", "junit", "html", "claims-json"),
    }
    assert provided["full"] is provided["text"] is format_text
    for formatter in provided.values():
        assert isinstance(formatter([], context()), str)
