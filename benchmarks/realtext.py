"""False alarms per 1,000 lines on real published text (benchmarks/realtext/).

Every document in benchmarks/realtext/ is linted with the repository's
configuration (the one the seeds use). Each error or warning is looked up in
benchmarks/realtext/reviewed.yaml, where a person marked it ``true`` (the facts
in claims/ really contradict the text) or ``false`` (a false alarm), with a
one-line reason. The report prints, per rule code and per language, the number
of errors, warnings and infos, how many were reviewed true, false or not yet,
and the false alarms (errors and warnings reviewed false or not reviewed) per
1,000 non-blank lines of body text.

    python benchmarks/realtext.py            # the report
    python benchmarks/realtext.py --update   # also append unreviewed findings
    python benchmarks/realtext.py --check    # exit 1 on an error or warning not reviewed true

Infos are counted but not reviewed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "realtext"
REVIEWED = CORPUS / "reviewed.yaml"
SUFFIXES = (".md", ".txt")
VERDICTS = ("true", "false", "unreviewed")


@dataclass(frozen=True)
class Hit:
    """One finding, keyed by what a reviewer sees: file, line, rule and matched text."""

    path: str
    line: int
    code: str
    severity: str
    text: str
    message: str
    lang: str

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.code, self.text)


@dataclass
class Report:
    hits: list[Hit] = field(default_factory=list)
    lines: Counter[str] = field(default_factory=Counter)  # non-blank body lines per language
    documents: Counter[str] = field(default_factory=Counter)
    reviewed: dict[tuple[str, int, str, str], dict[str, Any]] = field(default_factory=dict)
    crashes: list[str] = field(default_factory=list)  # "path: error" for documents not linted

    def verdict(self, hit: Hit) -> str:
        entry = self.reviewed.get(hit.key)
        if entry is None:
            return "unreviewed"
        value = entry.get("verdict")
        if value is True:
            return "true"
        if value is False:
            return "false"
        return "unreviewed"

    def alarms(self) -> list[Hit]:
        """Errors and warnings not reviewed as true."""
        return [h for h in self.hits if h.severity != "info" and self.verdict(h) != "true"]


def documents() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in SUFFIXES and p.name != "README.md")


def load_reviewed(path: Path = REVIEWED) -> dict[tuple[str, int, str, str], dict[str, Any]]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out: dict[tuple[str, int, str, str], dict[str, Any]] = {}
    for entry in data:
        key = (str(entry["path"]), int(entry["line"]), str(entry["code"]), str(entry["text"]))
        out[key] = entry
    return out


def _matched(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def evaluate() -> Report:
    from factlint.config import load_config
    from factlint.engine import lint_file, new_session
    from factlint.facts.loader import load_facts
    from factlint.plugins import collect_rules, new_plugin_manager
    from factlint.selection import Selection

    pm = new_plugin_manager()
    config = load_config([ROOT / "seeds"])
    session = new_session(config, load_facts(list(config.facts)), collect_rules(pm), Selection())
    report = Report(reviewed=load_reviewed())
    for path in documents():
        rel = path.relative_to(ROOT).as_posix()
        try:
            result = lint_file(path, session, pm)
        except Exception as exc:  # a crash is a finding of this benchmark, not the end of it
            report.crashes.append(f"{rel}: {type(exc).__name__}: {exc}")
            continue
        if result.document is None:
            report.crashes.append(f"{rel}: {result.error}")
            continue
        doc = result.document
        body = doc.text[doc.body_start :]
        report.lines[doc.lang] += sum(1 for line in body.split("\n") if line.strip())
        report.documents[doc.lang] += 1
        for f in result.findings:
            report.hits.append(
                Hit(
                    path=rel,
                    line=f.line,
                    code=f.code,
                    severity=f.severity.value,
                    text=_matched(doc.text, f.start, f.end),
                    message=f.message,
                    lang=doc.lang,
                )
            )
    report.hits.sort(key=lambda h: (h.path, h.line, h.code, h.text))
    return report


def update(report: Report, path: Path = REVIEWED) -> int:
    """Append an ``unreviewed`` entry for every error or warning not in the file yet."""
    entries = list(report.reviewed.values())
    added = 0
    for hit in report.hits:
        if hit.severity == "info" or hit.key in report.reviewed:
            continue
        entry = {
            "path": hit.path,
            "line": hit.line,
            "code": hit.code,
            "severity": hit.severity,
            "text": hit.text,
            "message": hit.message,
            "verdict": "unreviewed",
            "reason": "",
        }
        entries.append(entry)
        report.reviewed[hit.key] = entry
        added += 1
    entries.sort(key=lambda e: (e["path"], int(e["line"]), e["code"], e["text"]))
    header = (
        "# Reviewed findings on benchmarks/realtext (see benchmarks/realtext.py).\n"
        "# verdict: true  = for fact rules (NM, AT, ND, AG), the facts in claims/ really\n"
        "#                  contradict the text; for text-integrity rules (TX), the text\n"
        "#                  really has the defect named (read in the source);\n"
        "#          false = a false alarm (reason: the construction that caused it);\n"
        "#          unreviewed = appended by --update, not yet read.\n"
    )
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")
    return added


def _row(label: str, hits: list[Hit], report: Report, lines: int) -> str:
    sev = Counter(h.severity for h in hits)
    ver = Counter(report.verdict(h) for h in hits if h.severity != "info")
    false = ver["false"] + ver["unreviewed"]
    rate = 1000 * false / lines if lines else 0.0
    return (
        f"{label:8} {sev['error']:6d} {sev['warning']:8d} {sev['info']:5d}"
        f" {ver['true']:5d} {ver['false']:5d} {ver['unreviewed']:6d} {rate:9.2f}"
    )


def render(report: Report) -> str:
    total_lines = sum(report.lines.values())
    out = [
        f"documents: {sum(report.documents.values())} "
        + " ".join(f"{lang}={n}" for lang, n in sorted(report.documents.items())),
        f"non-blank lines: {total_lines} "
        + " ".join(f"{lang}={n}" for lang, n in sorted(report.lines.items())),
        "",
        f"{'rule':8} {'errors':>6} {'warnings':>8} {'infos':>5} {'true':>5} {'false':>5}"
        f" {'unrev':>6} {'FA/kLOC':>9}",
    ]
    for code in sorted({h.code for h in report.hits}):
        out.append(_row(code, [h for h in report.hits if h.code == code], report, total_lines))
    out.append(_row("all", report.hits, report, total_lines))
    out.append("")
    for lang in sorted(report.lines):
        hits = [h for h in report.hits if h.lang == lang]
        out.append(_row(f"all/{lang}", hits, report, report.lines[lang]))
        for code in sorted({h.code for h in hits}):
            mine = [h for h in hits if h.code == code]
            out.append(_row(f" {code}", mine, report, report.lines[lang]))
    false_errors = sum(
        1 for h in report.alarms() if h.severity == "error" and report.verdict(h) == "false"
    )
    out.append("")
    out.append(
        f"false alarms (errors+warnings not reviewed true): {len(report.alarms())}; "
        f"false errors: {false_errors}"
    )
    for crash in report.crashes:
        out.append(f"CRASH {crash}")
    stale = set(report.reviewed) - {h.key for h in report.hits}
    if stale:
        out.append(f"reviewed entries no longer produced (fixed or moved): {len(stale)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="append unreviewed findings")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 on an error or warning not reviewed true"
    )
    args = parser.parse_args(argv)
    report = evaluate()
    if args.update:
        added = update(report)
        print(f"appended {added} unreviewed finding(s) to {REVIEWED.relative_to(ROOT)}")
    print(render(report))
    if args.check and (report.alarms() or report.crashes):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
