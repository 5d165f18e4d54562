"""The html format without a browser: spans, escaping, direction, self-containment."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pluggy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.api import ReportContext, Rule
from factlint.cli import main
from factlint.document import parse
from factlint.model import FactRef, Finding, Severity
from factlint.plugins import collect_formats
from factlint.report.html import format_html, line_direction, linkify


class _Collect(HTMLParser):
    """Text inside elements carrying data-id (per id), and every tag's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.texts: dict[str, str] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.body_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "input", "br"):
            self.stack.append(dict(attrs).get("data-id"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("meta", "input", "br") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.body_text.append(data)
        for ident in {i for i in self.stack if i}:
            self.texts[ident] = self.texts.get(ident, "") + data


def _parse(page: str) -> _Collect:
    collector = _Collect()
    collector.feed(page)
    return collector


def _finding(
    doc_path: str, line: int, col: int, end_line: int, end_col: int, **kw: object
) -> Finding:
    return Finding(
        path=doc_path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        code=str(kw.get("code", "TX001")),
        severity=kw.get("severity", Severity.WARNING),  # type: ignore[arg-type]
        message=str(kw.get("message", "a message")),
        replacement=kw.get("replacement"),  # type: ignore[arg-type]
        facts=kw.get("facts", ()),  # type: ignore[arg-type]
    )


def _report(text: str, findings: list[Finding], rules: dict[str, Rule], path: str = "x.md") -> str:
    doc = parse(text, path)
    ctx = ReportContext(documents={path: doc}, rules=rules, version="test")
    return format_html(findings, ctx)


def test_html_is_registered_through_the_formats_hook(pm: pluggy.PluginManager) -> None:
    formats = collect_formats(pm)
    assert formats["html"] is format_html
    assert "claims-json" in formats


def test_a_span_crossing_lines_is_drawn_exactly_over_it(rules: dict[str, Rule]) -> None:
    text = "The first line ends here\nand the second one starts here.\n"
    page = _report(text, [_finding("x.md", 1, 11, 2, 8)], rules)
    found = _parse(page)
    assert found.texts["F1"] == "line ends here" + "and the"
    assert page.count('data-id="F1"') == 2  # one piece per line
    assert len(re.findall(r'\sid="F1"', page)) == 1  # one tab stop


def test_nested_and_overlapping_spans(rules: dict[str, Rule]) -> None:
    text = "alpha beta gamma delta\n"
    findings = [
        _finding("x.md", 1, 1, 1, 12, code="TX001"),  # "alpha beta "
        _finding("x.md", 1, 7, 1, 17, code="TX002", severity=Severity.ERROR),  # "beta gamma"
    ]
    found = _parse(_report(text, findings, rules))
    assert found.texts["F1"] == "alpha beta "
    assert found.texts["F2"] == "beta gamma"


def test_article_text_and_messages_are_escaped(rules: dict[str, Rule]) -> None:
    text = 'He wrote <script>alert("x")</script> & left.\n'
    finding = _finding(
        "x.md",
        1,
        10,
        1,
        18,
        message="<img src=x onerror=alert(1)>",
        replacement="</mark><b>",
        facts=(FactRef("a.b", "javascript:alert(1) <i>"),),
    )
    page = _report(text, [finding], rules)
    assert "<script>alert" not in page
    assert "alert(&quot;x&quot;)&lt;/script&gt; &amp; left." in page
    assert "<img" not in page and "<b>" not in page and "<i>" not in page
    assert 'href="javascript' not in page
    assert _parse(page).texts["F1"] == "<script>"
    assert len(re.findall(r"<script>", page)) == 1  # only the report's own script


def test_no_external_resource(rules: dict[str, Rule]) -> None:
    finding = _finding("x.md", 1, 1, 1, 4, facts=(FactRef("f", "see https://example.org/a_(b)."),))
    page = _report("Some text.\n", [finding], rules)
    tags = _parse(page).tags
    assert not [
        a for t, a in tags if t in ("script", "img", "iframe", "audio", "video") and a.get("src")
    ]
    assert not [a for t, a in tags if t == "link"]
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page
    links = [a["href"] for t, a in tags if t == "a" and (a.get("href") or "").startswith("http")]
    assert links == ["https://example.org/a_(b)"]


def test_article_direction_and_mixed_lines(rules: dict[str, Rule]) -> None:
    text = "قال Emmett Shear إن الشركة ستبقى.\nThis whole line is an English quotation.\n"
    page = _report(text, [], rules, path="story.ar.txt")
    assert 'class="text" lang="ar" dir="rtl"' in page
    rows = re.findall(r'<div class="row" id="d1-L(\d+)">.*?<span class="tx"([^>]*)>', page)
    assert rows == [("1", ""), ("2", ' dir="ltr"')]
    assert line_direction("Hello world", "ltr") is None
    assert line_direction("مرحبا بالعالم", "ltr") == "rtl"


def test_linkify_keeps_balanced_brackets_and_drops_trailing_punctuation() -> None:
    assert 'href="https://en.wikipedia.org/wiki/A_(b)"' in linkify(
        "(https://en.wikipedia.org/wiki/A_(b))."
    )
    assert linkify("no link & <tag>") == "no link &amp; &lt;tag&gt;"


def test_seed_report_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    out = tmp_path / "r.html"
    assert main(["--format", "html", "-o", str(out), "seeds/"]) == 1
    page = out.read_text(encoding="utf-8")
    found = _parse(page)
    line13 = re.search(r'<div class="row" id="d1-L13">.*?</div>', page)
    assert line13 is not None
    ident = re.search(r'<mark class="hl f sev-(\w+)" data-id="(F\d+)"', line13.group(0))
    assert ident is not None and found.texts[ident.group(2)] == "Switch"
    assert "claims/people.yaml" in page  # facts files in the summary
    assert re.search(r"\d+ claims read", page)
    # deterministic: the same bytes a second time
    again = tmp_path / "r2.html"
    assert main(["--format", "html", "-o", str(again), "seeds/"]) == 1
    assert again.read_bytes() == out.read_bytes()


@given(
    st.text(alphabet="ab ج\nد", min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=4),
)
@settings(max_examples=60, deadline=None)
def test_every_highlight_covers_exactly_its_span(
    rules: dict[str, Rule], text: str, spans: list[tuple[int, int]]
) -> None:
    doc = parse(text, "p.txt")
    findings = []
    for a, b in spans:
        a, b = sorted((min(a, len(text)), min(b, len(text))))
        if a == b or not text[a:b].replace("\n", ""):
            continue
        (line, col), (end_line, end_col) = doc.position(a), doc.position(b)
        findings.append((text[a:b], _finding("p.txt", line, col, end_line, end_col)))
    page = _report(text, [f for _, f in findings], rules, path="p.txt")
    covered = _parse(page).texts
    ordered = sorted(findings, key=lambda item: item[1].sort_key())
    for number, (expected, _) in enumerate(ordered, start=1):
        assert covered[f"F{number}"] == expected.replace("\n", "")
