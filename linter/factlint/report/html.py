"""The ``html`` format: one self-contained page an editor can read and print.

``factlint --format html -o report.html PATHS`` writes a page with no external
resource at all (inline CSS and script, a Content-Security-Policy that forbids
every fetch): a summary (articles, findings by family and severity, claim
coverage, the facts files and their modification times), then every article
in its own direction with line numbers, findings highlighted by severity over
exactly their [line, column]-[end line, end column) span (a span crossing lines
is drawn in one piece per line), and the claims read marked quietly by
verdict. Hovering or focusing a highlight (each one is a tab stop) shows the
message, rule, docs, replacement and the facts with their sources. A side
panel lists findings and claims, filterable by family, severity and verdict.
All text from articles and facts is HTML-escaped. See docs/coverage.md.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from factlint.coverage import (
    FileCoverage,
    JudgedClaim,
    Verdict,
    coverage_counts,
    finding_offsets,
    report_coverage,
)
from factlint.model import FactRef, Finding, Severity

if TYPE_CHECKING:
    from factlint.api import ReportContext, Rule
    from factlint.document import Document

RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb", "sd", "ug", "dv"})
_URL = re.compile(r"https?://[^\s<>\"']+")
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_VERDICTS = (Verdict.CONTRADICTED, Verdict.UNKNOWN, Verdict.VERIFIED)


def _asset(name: str) -> str:
    """The report's stylesheet or script, shipped next to this module."""
    return resources.files("factlint.report").joinpath(name).read_text(encoding="utf-8")


def esc(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    return html.escape(text, quote=True)


def linkify(text: str) -> str:
    """Escaped ``text`` with its http(s) URLs as links (opened only when clicked)."""
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        out.append(esc(text[last : match.start()]))
        url = _trim_url(match.group(0))
        out.append(f'<a href="{esc(url)}" rel="noreferrer noopener" target="_blank">{esc(url)}</a>')
        last = match.start() + len(url)
    out.append(esc(text[last:]))
    return "".join(out)


def _trim_url(url: str) -> str:
    """Drop trailing punctuation and closing brackets the URL does not open."""
    while url:
        last = url[-1]
        if (
            last in ".,;:!?"
            or (last == ")" and url.count(")") > url.count("("))
            or (last == "]" and url.count("]") > url.count("["))
        ):
            url = url[:-1]
        else:
            break
    return url


def direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGS else "ltr"


def _strong(text: str) -> tuple[int, int]:
    """(right-to-left, left-to-right) strong characters of ``text``."""
    import unicodedata

    rtl = ltr = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return rtl, ltr


def line_direction(line: str, article: str) -> str | None:
    """The line's own direction when most of its letters run the other way, else None."""
    rtl, ltr = _strong(line)
    if article == "rtl" and ltr > rtl:
        return "ltr"
    if article == "ltr" and rtl > ltr:
        return "rtl"
    return None


@dataclass(frozen=True)
class _Item:
    """A highlight: a finding or a claim, with its [start, end) in the document."""

    ident: str
    start: int
    end: int
    layer: int  # claims 0 (outermost), findings 1 + severity (errors innermost)
    classes: str
    filters: str
    label: str


def _family(rules: dict[str, Rule], code: str) -> str:
    rule = rules.get(code)
    return rule.family if rule is not None and rule.family else "other"


def _facts_html(facts: Sequence[FactRef]) -> str:
    if not facts:
        return ""
    items = []
    for fact in facts:
        source = f" — {linkify(fact.source)}" if fact.source else ""
        items.append(f"<li><code>{esc(fact.id)}</code>{source}</li>")
    return f'<p class="k">Facts</p><ul class="facts">{"".join(items)}</ul>'


def _finding_detail(ident: str, finding: Finding, rules: dict[str, Rule]) -> str:
    rule = rules.get(finding.code)
    name = f" {esc(rule.name)}" if rule else ""
    parts = [
        f'<div class="tip-body" id="tip-{ident}" hidden>',
        f'<p class="head"><span class="sev sev-{finding.severity.value}">'
        f"{finding.severity.value}</span> <code>{esc(finding.code)}</code>{name}"
        f' <span class="fam">{esc(_family(rules, finding.code))}</span></p>',
        f'<p class="msg" dir="auto">{linkify(finding.message)}</p>',
    ]
    if rule is not None:
        parts.append(
            f'<p class="rule">{esc(rule.summary)} <a href="#rule-{esc(finding.code)}">docs</a></p>'
        )
    if finding.replacement is not None:
        if finding.replacement:
            parts.append(
                f'<p><span class="k">Replace with</span> <bdi class="repl">'
                f"{esc(finding.replacement)}</bdi></p>"
            )
        else:
            parts.append('<p><span class="k">Fix:</span> delete this text</p>')
    parts.append(_facts_html(finding.facts))
    parts.append("</div>")
    return "".join(parts)


def _claim_detail(ident: str, claim: JudgedClaim) -> str:
    parts = [
        f'<div class="tip-body" id="tip-{ident}" hidden>',
        f'<p class="head"><span class="verdict v-{claim.verdict.value}">{claim.verdict.value}'
        f"</span> {esc(claim.kind)} claim{' (quoted)' if claim.quoted else ''}</p>",
        f'<p dir="auto"><bdi>{esc(claim.statement)}</bdi></p>',
    ]
    if claim.verdict is Verdict.VERIFIED:
        parts.append(f'<p dir="auto">{esc(claim.basis)}</p>')
        parts.append(_facts_html(claim.facts))
    elif claim.verdict is Verdict.CONTRADICTED:
        codes = ", ".join(f'<a href="#rule-{esc(c)}">{esc(c)}</a>' for c in claim.codes)
        parts.append(f"<p>Contradicted: {codes}</p>")
    else:
        parts.append(
            f'<p dir="auto"><span class="k">The facts lack:</span> {esc(claim.missing)}</p>'
        )
    parts.append("</div>")
    return "".join(parts)


def _render_line(
    text: str, start: int, end: int, items: Sequence[_Item], first_piece: set[str]
) -> str:
    pieces = [(max(i.start, start), min(i.end, end), i) for i in items]
    pieces = [(a, b, i) for a, b, i in pieces if a < b]
    bounds = sorted({start, end, *(a for a, _, _ in pieces), *(b for _, b, _ in pieces)})
    out: list[str] = []
    for x, y in itertools.pairwise(bounds):
        covering = sorted(
            (i for a, b, i in pieces if a <= x and y <= b),
            key=lambda i: (i.layer, i.start, i.ident),
        )
        opened = []
        for item in covering:
            tag = "mark" if item.layer > 0 else "span"
            attrs = f'class="hl {item.classes}" data-id="{item.ident}" data-filter="{item.filters}"'
            if item.ident not in first_piece:
                first_piece.add(item.ident)
                attrs += (
                    f' id="{item.ident}" tabindex="0" aria-describedby="tip-{item.ident}"'
                    f' aria-label="{esc(item.label)}"'
                )
            out.append(f"<{tag} {attrs}>")
            opened.append(tag)
        out.append(esc(text[x:y]))
        out.extend(f"</{tag}>" for tag in reversed(opened))
    return "".join(out)


def _print_notes(finding: Finding) -> str:
    """The replacement and facts of a finding, shown in the panel only when printed."""
    notes = []
    if finding.replacement:
        notes.append(f'replace with <bdi class="repl">{esc(finding.replacement)}</bdi>')
    if finding.facts:
        notes.append("facts: " + "; ".join(esc(f.cite()) for f in finding.facts))
    return f'<span class="more" dir="auto">{" · ".join(notes)}</span>' if notes else ""


@dataclass(frozen=True)
class _Article:
    body: str
    panel: list[str]


def _article(
    number: int,
    doc: Document,
    findings: Sequence[Finding],
    coverage: FileCoverage | None,
    rules: dict[str, Rule],
    counter: Counter[str],
) -> _Article:
    items: list[_Item] = []
    details: list[str] = []
    panel: list[str] = []
    text = doc.text
    for finding in sorted(findings, key=Finding.sort_key):
        counter["F"] += 1
        ident = f"F{counter['F']}"
        a, b = finding_offsets(doc.line_starts, len(text), finding)
        if b <= a:  # an empty span is shown on the character after it (or before it)
            a, b = (a, a + 1) if a < len(text) and text[a] != "\n" else (max(a - 1, 0), a)
        family = _family(rules, finding.code)
        sev = finding.severity
        filters = f"kind:finding family:{family} severity:{sev.value}"
        items.append(
            _Item(
                ident,
                a,
                b,
                1 + 3 - sev.rank,
                f"f sev-{sev.value}",
                filters,
                f"{sev.value} {finding.code}: {finding.message}",
            )
        )
        details.append(_finding_detail(ident, finding, rules))
        panel.append(
            f'<li data-filter="{filters}" class="it sev-{sev.value}"><a href="#{ident}">'
            f'<span class="sev sev-{sev.value}">{sev.value[0].upper()}</span> '
            f"<code>{esc(finding.code)}</code> <bdi>{esc(doc.path)}</bdi>:{finding.line}:"
            f'{finding.column}</a> <span class="msg" dir="auto">{esc(finding.message)}</span>'
            f"{_print_notes(finding)}</li>"
        )
    for claim in coverage.claims if coverage else ():
        counter["C"] += 1
        ident = f"C{counter['C']}"
        filters = f"kind:claim verdict:{claim.verdict.value}"
        items.append(
            _Item(
                ident,
                claim.start,
                max(claim.end, claim.start + 1),
                0,
                f"c v-{claim.verdict.value}",
                filters,
                f"{claim.verdict.value} {claim.kind} claim: {claim.statement}",
            )
        )
        details.append(_claim_detail(ident, claim))
        panel.append(
            f'<li data-filter="{filters}" class="it"><a href="#{ident}">'
            f'<span class="verdict v-{claim.verdict.value}">{claim.verdict.value}</span> '
            f"{esc(claim.kind)} <bdi>{esc(doc.path)}</bdi>:{claim.line}:{claim.column}</a> "
            f'<span class="msg" dir="auto">{esc(claim.statement)}</span></li>'
        )
    article_dir = direction(doc.lang)
    rows: list[str] = []
    first_piece: set[str] = set()
    starts = doc.line_starts
    for index, line_start in enumerate(starts):
        line_end = starts[index + 1] if index + 1 < len(starts) else len(text)
        line = text[line_start:line_end].rstrip("\r\n")
        line_end = line_start + len(line)
        if index + 1 == len(starts) and not line:
            break  # the empty "line" after a final newline
        own = line_direction(line, article_dir)
        dir_attr = f' dir="{own}"' if own else ""
        inside = [
            i for i in items if i.start < max(line_end, line_start + 1) and i.end > line_start
        ]
        body = _render_line(text, line_start, line_end, inside, first_piece)
        rows.append(
            f'<div class="row" id="d{number}-L{index + 1}"><span class="ln" aria-hidden="true">'
            f'{index + 1}</span><span class="tx"{dir_attr}>{body}</span></div>'
        )
    counts = coverage.counts() if coverage else coverage_counts(())
    meta = (
        f"{esc(doc.lang)}{' · ' + doc.date.isoformat() if doc.date else ''} · "
        f"{len(findings)} findings · {counts['claims']} claims "
        f"({counts['verified']} verified, {counts['contradicted']} contradicted, "
        f"{counts['unknown']} unknown)"
    )
    body = (
        f'<section class="article" id="doc-{number}" aria-labelledby="doc-{number}-h">'
        f'<h2 id="doc-{number}-h"><bdi>{esc(doc.path)}</bdi></h2><p class="meta">{meta}</p>'
        f'<div class="text" lang="{esc(doc.lang)}" dir="{article_dir}">{"".join(rows)}</div>'
        f'<div class="details">{"".join(details)}</div></section>'
    )
    return _Article(body, panel)


def _facts_files(ctx: ReportContext) -> list[tuple[str, str]]:
    """(display path, modification time) of every facts file read, includes too."""
    config = ctx.config
    if config is None or not config.facts:
        return []
    from factlint.facts.loader import read_sources

    try:
        sources = read_sources(list(config.facts), config.root)
    except Exception:  # a facts problem was reported when the facts were loaded
        return []
    out = []
    for source in sources:
        try:
            stamp = dt.datetime.fromtimestamp(source.path.stat().st_mtime, dt.UTC)
            when = stamp.strftime("%Y-%m-%d %H:%M UTC")
        except OSError:
            when = "?"
        out.append((source.display, when))
    return out


def _checkbox(name: str, value: str, count: int) -> str:
    return (
        f'<label><input type="checkbox" name="{name}" value="{esc(value)}" checked> '
        f'{esc(value)} <span class="n">({count})</span></label>'
    )


def _summary(
    ctx: ReportContext,
    findings: Sequence[Finding],
    coverage: Sequence[FileCoverage],
    rules: dict[str, Rule],
) -> str:
    by_family: Counter[tuple[str, str]] = Counter(
        (_family(rules, f.code), f.severity.value) for f in findings
    )
    families = sorted({fam for fam, _ in by_family})
    rows = "".join(
        f'<tr><th scope="row">{esc(fam)}</th>'
        + "".join(f"<td>{by_family[(fam, s.value)]}</td>" for s in _SEVERITIES)
        + f"<td>{sum(by_family[(fam, s.value)] for s in _SEVERITIES)}</td></tr>"
        for fam in families
    )
    head = "".join(f'<th scope="col">{s.value}</th>' for s in _SEVERITIES)
    table = (
        f'<table class="fam"><thead><tr><th scope="col">family</th>{head}'
        f'<th scope="col">total</th></tr></thead><tbody>{rows}</tbody></table>'
        if families
        else "<p>No findings.</p>"
    )
    totals = coverage_counts(c for cov in coverage for c in cov.claims)
    share = (
        f" ({100 * totals['verified'] // totals['claims']}% verified)" if totals["claims"] else ""
    )
    files = _facts_files(ctx)
    facts = (
        "<ul>"
        + "".join(
            f'<li><bdi>{esc(p)}</bdi> <span class="date">{esc(w)}</span></li>' for p, w in files
        )
        + "</ul>"
        if files
        else "<p>No facts files.</p>"
    )
    errors = (
        '<div class="errors"><h3>Input errors</h3><ul>'
        + "".join(f'<li dir="auto">{esc(e)}</li>' for e in ctx.errors)
        + "</ul></div>"
        if ctx.errors
        else ""
    )
    return (
        '<section class="summary" aria-label="Summary">'
        f'<div><h3>Articles</h3><p class="big">{len(ctx.documents)}</p></div>'
        f"<div><h3>Findings ({len(findings)})</h3>{table}</div>"
        f"<div><h3>Coverage</h3><p>{totals['claims']} claims read{share}: "
        f'<span class="verdict v-verified">{totals["verified"]} verified</span> '
        f'<span class="verdict v-contradicted">{totals["contradicted"]} contradicted</span> '
        f'<span class="verdict v-unknown">{totals["unknown"]} unknown</span></p></div>'
        f"<div><h3>Facts files</h3>{facts}</div>{errors}</section>"
    )


def _filters(
    findings: Sequence[Finding], claims: Iterable[JudgedClaim], rules: dict[str, Rule]
) -> str:
    families = Counter(_family(rules, f.code) for f in findings)
    severities = Counter(f.severity.value for f in findings)
    verdicts = Counter(c.verdict.value for c in claims)
    groups = [
        ("Family", "family", sorted(families.items())),
        ("Severity", "severity", [(s.value, severities[s.value]) for s in _SEVERITIES]),
        ("Verdict", "verdict", [(v.value, verdicts[v.value]) for v in _VERDICTS]),
    ]
    fields = "".join(
        f"<fieldset><legend>{legend}</legend>"
        + "".join(_checkbox(name, value, count) for value, count in values)
        + "</fieldset>"
        for legend, name, values in groups
    )
    return f'<form id="filters" aria-label="Filters">{fields}<p id="shown" aria-live="polite"></p></form>'


def _rules_section(codes: Iterable[str], rules: dict[str, Rule]) -> str:
    parts = []
    for code in sorted(set(codes)):
        rule = rules.get(code)
        if rule is None:
            continue
        parts.append(
            f'<details id="rule-{esc(code)}"><summary><code>{esc(code)}</code> {esc(rule.name)} — '
            f"{esc(rule.summary)}</summary><pre>{esc(rule.docs.strip())}</pre></details>"
        )
    return f'<section class="rules"><h2>Rules</h2>{"".join(parts)}</section>' if parts else ""


def format_html(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """The whole page (see the module docs)."""
    rules = dict(ctx.rules)
    coverage = {c.path: c for c in report_coverage(findings, ctx)}
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    counter: Counter[str] = Counter()
    articles: list[_Article] = []
    for number, path in enumerate(sorted(ctx.documents), start=1):
        articles.append(
            _article(
                number,
                ctx.documents[path],
                by_path.get(path, []),
                coverage.get(path),
                rules,
                counter,
            )
        )
    claims = [c for cov in coverage.values() for c in cov.claims]
    panel_items = "".join(item for article in articles for item in article.panel)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>factlint report</title><style>{_asset('html.css')}</style></head><body>"
        f'<header class="top"><h1>factlint report</h1><p class="ver">factlint {esc(ctx.version)}</p>'
        f"{_summary(ctx, findings, list(coverage.values()), rules)}</header>"
        '<div class="layout"><main>'
        + "".join(a.body for a in articles)
        + _rules_section((f.code for f in findings), rules)
        + '</main><aside id="panel" aria-label="Findings and claims">'
        f"<h2>Findings and claims</h2>{_filters(findings, claims, rules)}"
        f'<ol id="items">{panel_items}</ol></aside></div>'
        '<div id="tip" role="tooltip" hidden></div>'
        f"<script>{_asset('html.js')}</script></body></html>\n"
    )


def format_claims_json(findings: Sequence[Finding], ctx: ReportContext) -> str:
    """``--format claims-json``: every claim with its verdict (as ``factlint claims --format json``)."""
    from factlint.coverage_cli import render_json

    return render_json(report_coverage(findings, ctx))
