"""Precision, recall and false alarms on unseen domains (benchmarks/domains/).

Each domain is a directory ``benchmarks/domains/<domain>/`` with its own facts
base (``facts/``, the equivalent of ``--facts``: the repository's ``claims/``
are not used) and its articles (``articles/*.md``). An article lists the
findings it must produce in its front matter::

    expect:
      - {at: "Sam Altman, 45", code: ND001}

``at`` is a unique substring of the article body; it may run across a line
break (words separated by any whitespace, and by ``>`` on block-quote lines).
An article with ``expect: []`` is clean. A finding (error or warning; ``info``
is ignored) is a true positive when an expectation has its code and the
finding overlaps the characters of ``at`` (or, failing that, its lines); each
expectation is matched at most once. Every other finding is a false positive; every unmatched expectation is
a miss; ``code`` may list alternatives (``NM001|AT002``) when either report
is right. False alarms per 1,000 lines are counted on the clean articles only,
over their non-blank body lines (front matter excluded).

    python benchmarks/domains.py                       # all domains, summary
    python benchmarks/domains.py -v                    # also every miss and false alarm
    python benchmarks/domains.py --domain football
    python benchmarks/domains.py --min-precision 0.98 --min-recall 0.95 \\
        --max-false-alarms 1.0                         # exit 1 below the thresholds
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ROOT / "benchmarks" / "domains"
FAMILIES = {
    "AT": "attribution",
    "NM": "names",
    "ND": "numbers",
    "AG": "agreement",
    "TX": "integrity",
    "GL": "glossary",
}


@dataclass(frozen=True)
class Expected:
    path: str
    code: str  # one code, or alternatives "NM001|AT002" (any of them is right)
    at: str
    line: int
    end_line: int
    text: str  # the article line(s) the expectation is on
    start: int = 0  # character offsets of ``at`` in the file
    end: int = 0


@dataclass(frozen=True)
class Got:
    path: str
    code: str
    severity: str
    line: int
    end_line: int
    message: str
    text: str
    start: int = 0
    end: int = 0


@dataclass
class Score:
    """Counts for one domain: per family, clean-text lines and the lists behind them."""

    families: dict[str, Counter[str]] = field(default_factory=dict)
    clean_lines: int = 0
    clean_alarms: int = 0
    langs: dict[str, Counter[str]] = field(default_factory=dict)  # tp fp fn lines alarms
    articles: int = 0
    hits: list[tuple[Expected, Got]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    false: list[Got] = field(default_factory=list)

    def family(self, code: str) -> Counter[str]:
        return self.families.setdefault(FAMILIES.get(code[:2], code[:2]), Counter())

    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for counts in self.families.values():
            total.update(counts)
        return total


def precision(c: Counter[str]) -> float:
    return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0


def recall(c: Counter[str]) -> float:
    return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0


def per_1000(alarms: int, lines: int) -> float:
    return 1000.0 * alarms / lines if lines else 0.0


def domains(root: Path = DOMAINS) -> list[str]:
    return sorted(
        p.name for p in root.iterdir() if (p / "facts").is_dir() and (p / "articles").is_dir()
    )


def _pattern(at: str) -> re.Pattern[str]:
    words = at.split()
    return re.compile(r"[\s>]+".join(re.escape(w) for w in words))


def find(text: str, body_start: int, at: str, path: str) -> tuple[int, int]:
    """Character offsets of the unique occurrence of ``at`` in the body."""
    found = list(_pattern(at).finditer(text, body_start))
    if len(found) != 1:
        raise ValueError(
            f"{path}: expect at {at!r} occurs {len(found)} times in the body, not once"
        )
    return found[0].start(), found[0].end()


def locate(text: str, body_start: int, at: str, path: str) -> tuple[int, int]:
    """1-based first and last line of the unique occurrence of ``at`` in the body."""
    start, end = find(text, body_start, at, path)
    return text.count("\n", 0, start) + 1, text.count("\n", 0, end - 1) + 1


def _lines(lines: Sequence[str], first: int, last: int) -> str:
    return " / ".join(lines[i - 1].strip() for i in range(first, last + 1))


def evaluate(names: Iterable[str] | None = None, root: Path = DOMAINS) -> dict[str, Score]:
    """Lint every article of each domain under ``root`` with that domain's facts; score it."""
    from dataclasses import replace

    from factlint.config import load_config
    from factlint.engine import lint_files, new_session
    from factlint.facts.loader import load_facts
    from factlint.plugins import collect_rules, new_plugin_manager
    from factlint.selection import Selection

    pm = new_plugin_manager()
    rules = collect_rules(pm)
    scores: dict[str, Score] = {}
    for name in names or domains(root):
        base = root / name
        config = replace(load_config([base]), facts=(base / "facts",))
        session = new_session(config, load_facts([base / "facts"]), rules, Selection())
        paths = sorted((base / "articles").glob("*.md"))
        score = scores[name] = Score()
        for result in lint_files(paths, session, pm):
            if result.document is None:
                raise ValueError(f"{result.path}: {result.error}")
            _score_article(score, result.document, result.findings)
    return scores


def _score_article(score: Score, doc: Any, findings: Sequence[Any]) -> None:
    path = Path(doc.path).name if Path(doc.path).is_absolute() else doc.path
    lines = doc.text.split("\n")
    expected = []
    for e in doc.meta.get("expect") or []:
        start, end = find(doc.text, doc.body_start, e["at"], path)
        first, last = doc.text.count("\n", 0, start) + 1, doc.text.count("\n", 0, end - 1) + 1
        text = _lines(lines, first, last)
        expected.append(Expected(path, e["code"], e["at"], first, last, text, start, end))
    got = sorted(
        (
            Got(
                path,
                f.code,
                f.severity.value,
                f.line,
                f.end_line,
                f.message,
                _lines(lines, f.line, f.end_line),
                getattr(f, "start", 0),
                getattr(f, "end", 0),
            )
            for f in findings
            if f.severity.value != "info"
        ),
        key=lambda g: (g.line, g.end_line, g.code),
    )
    score.articles += 1
    by_lang = score.langs.setdefault(str(doc.lang), Counter())
    if not expected:
        body = doc.text[doc.body_start :]
        clean = sum(1 for line in body.split("\n") if line.strip())
        score.clean_lines += clean
        score.clean_alarms += len(got)
        by_lang.update(lines=clean, alarms=len(got))
    # A finding matches an expectation of its code whose characters it overlaps,
    # else one whose lines it overlaps (findings without offsets).
    unmatched = list(expected)
    matched: dict[int, Expected] = {}
    for overlap in (_chars_overlap, _lines_overlap):
        for i, g in enumerate(got):
            if i in matched:
                continue
            for e in unmatched:
                if g.code in e.code.split("|") and overlap(g, e):
                    matched[i] = e
                    unmatched.remove(e)
                    break
    for i, g in enumerate(got):
        if i in matched:
            score.family(g.code)["tp"] += 1
            by_lang["tp"] += 1
            score.hits.append((matched[i], g))
        else:
            score.family(g.code)["fp"] += 1
            by_lang["fp"] += 1
            score.false.append(g)
    for e in unmatched:
        score.family(e.code.split("|")[0])["fn"] += 1
        by_lang["fn"] += 1
        score.missed.append(e)


def _chars_overlap(g: Got, e: Expected) -> bool:
    return g.end > g.start and g.start < e.end and e.start < g.end


def _lines_overlap(g: Got, e: Expected) -> bool:
    return g.line <= e.end_line and e.line <= g.end_line


def report(scores: dict[str, Score], verbose: bool) -> None:
    overall = Score()
    for name, score in scores.items():
        total = score.totals()
        print(
            f"== {name}: {score.articles} articles; precision {precision(total):.2f}, "
            f"recall {recall(total):.2f} (tp {total['tp']}, fp {total['fp']}, fn {total['fn']}); "
            f"false alarms on clean text {score.clean_alarms} in {score.clean_lines} lines "
            f"= {per_1000(score.clean_alarms, score.clean_lines):.1f} per 1,000 lines"
        )
        _table(score.families)
        _languages(score.langs)
        if verbose:
            for e in score.missed:
                print(f"  missed  {e.path}:{e.line} {e.code} at {e.at!r}\n          | {e.text}")
            for g in score.false:
                print(
                    f"  false   {g.path}:{g.line} {g.code} ({g.severity}) {g.message[:160]}\n"
                    f"          | {g.text}"
                )
        for family, counts in score.families.items():
            overall.families.setdefault(family, Counter()).update(counts)
        overall.clean_lines += score.clean_lines
        overall.clean_alarms += score.clean_alarms
        for lang, counts in score.langs.items():
            overall.langs.setdefault(lang, Counter()).update(counts)
    if len(scores) > 1:
        total = overall.totals()
        print(
            f"== all domains: precision {precision(total):.2f}, recall {recall(total):.2f} "
            f"(tp {total['tp']}, fp {total['fp']}, fn {total['fn']}); false alarms "
            f"{per_1000(overall.clean_alarms, overall.clean_lines):.1f} per 1,000 clean lines"
        )
        _table(overall.families)
        _languages(overall.langs)


def _table(families: dict[str, Counter[str]]) -> None:
    print(f"   {'family':12} {'precision':>9} {'recall':>7}  {'tp':>3} {'fp':>3} {'fn':>3}")
    for family in sorted(families):
        c = families[family]
        print(
            f"   {family:12} {precision(c):9.2f} {recall(c):7.2f}  "
            f"{c['tp']:3d} {c['fp']:3d} {c['fn']:3d}"
        )


def _languages(langs: dict[str, Counter[str]]) -> None:
    for lang in sorted(langs):
        c = langs[lang]
        print(
            f"   language {lang}: precision {precision(c):.2f}, recall {recall(c):.2f} "
            f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']}); "
            f"{per_1000(c['alarms'], c['lines']):.1f} false alarms per 1,000 clean lines"
        )


def summary(scores: dict[str, Score]) -> tuple[float, float, float]:
    """Overall (precision, recall, false alarms per 1,000 clean lines)."""
    total: Counter[str] = Counter()
    lines = alarms = 0
    for score in scores.values():
        total.update(score.totals())
        lines += score.clean_lines
        alarms += score.clean_alarms
    return precision(total), recall(total), per_1000(alarms, lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--domain", action="append", help="only this domain (repeatable)")
    parser.add_argument(
        "--root", type=Path, default=DOMAINS, help="directory of domains (default: %(default)s)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    parser.add_argument(
        "--max-false-alarms", type=float, default=None, help="per 1,000 clean lines"
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.domain or ()) - set(domains(args.root)))
    if unknown:
        print(f"domains.py: unknown domain {', '.join(unknown)}", file=sys.stderr)
        return 2
    try:
        scores = evaluate(args.domain, args.root)
    except ValueError as exc:
        print(f"domains.py: {exc}", file=sys.stderr)
        return 2
    report(scores, args.verbose)
    p, r, fa = summary(scores)
    failed = [
        f"{what} {value:.3f} {op} {limit}"
        for what, value, op, limit, bad in [
            ("precision", p, "<", args.min_precision, p < args.min_precision),
            ("recall", r, "<", args.min_recall, r < args.min_recall),
            (
                "false alarms per 1,000 lines",
                fa,
                ">",
                args.max_false_alarms,
                args.max_false_alarms is not None and fa > args.max_false_alarms,
            ),
        ]
        if bad
    ]
    if failed:
        print("below thresholds: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "linter"))
    sys.exit(main())
