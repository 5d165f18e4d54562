"""Baselines: record today's findings so that only new ones are reported.

A baseline is a small JSON file, sorted and one entry per line so that it
reads well in a diff::

    {
      "version": 1,
      "findings": [
        {"path": "news/a.md", "code": "NM001", "fingerprint": "3f0c…", "text": "Twich"},
        …
      ]
    }

Paths are relative to the baseline file's directory, so the baseline works
from any working directory. An entry matches a finding with the same path, code and fingerprint
(:func:`factlint.fingerprint.fingerprint`: the rule, the matched text and its
sentence, not the line), so edits above a finding and a moved paragraph keep
it matched. The same finding twice in one file is recorded twice. ``text`` is
for the reader only. Writing a baseline records the current findings of the
linted files: entries for findings fixed since are dropped, while entries for
files not linted in this run (and still present) or for codes not selected are
kept.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factlint.document import Document
from factlint.errors import ConfigError
from factlint.fingerprint import fingerprint
from factlint.model import Finding

VERSION = 1
TEXT_LIMIT = 60


@dataclass(frozen=True, order=True)
class Entry:
    path: str
    code: str
    fingerprint: str
    text: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.code, self.fingerprint)


def key_path(file: Path, base: Path) -> str:
    """A linted file's path as a baseline records it: relative to the baseline's directory."""
    return Path(os.path.relpath(os.path.abspath(file), os.path.abspath(base))).as_posix()


def entry_for(finding: Finding, doc: Document, path: str) -> Entry:
    matched = " ".join(doc.text[finding.start : finding.end].split())
    if len(matched) > TEXT_LIMIT:
        matched = matched[: TEXT_LIMIT - 1] + "…"
    # the body only: front matter is not a sentence, and editing it must not unmatch findings
    body = doc.body_start if finding.start >= doc.body_start else 0
    return Entry(
        path,
        finding.code,
        fingerprint(finding.code, doc.text[body:], finding.start - body, finding.end - body),
        matched,
    )


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...] = ()

    def filter(self, path: str, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        """The findings of ``doc`` (recorded as ``path``) that the baseline does not cover."""
        budget = Counter(e.key for e in self.entries if e.path == path)
        if not budget:
            return list(findings)
        new: list[Finding] = []
        for finding in findings:
            key = entry_for(finding, doc, path).key
            if budget[key] > 0:
                budget[key] -= 1
            else:
                new.append(finding)
        return new

    def stale(self, current: Iterable[Entry], linted: set[str]) -> int:
        """How many entries for the linted paths match no current finding."""
        have = Counter(e.key for e in current)
        count = 0
        for entry in self.entries:
            if entry.path not in linted:
                continue
            if have[entry.key] > 0:
                have[entry.key] -= 1
            else:
                count += 1
        return count


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a one-line :class:`ConfigError` when it is not one."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read baseline: {exc.strerror or exc}", str(path)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"not valid JSON: {exc.msg}", str(path), exc.lineno, exc.colno) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError("not a factlint baseline (no 'findings' list)", str(path))
    if data.get("version") != VERSION:
        raise ConfigError(f"unsupported baseline version {data.get('version')!r}", str(path))
    entries: list[Entry] = []
    for number, item in enumerate(data["findings"], 1):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("path", "code", "fingerprint")
        ):
            raise ConfigError(
                f"findings[{number}]: needs string 'path', 'code' and 'fingerprint'", str(path)
            )
        text = item.get("text")
        entries.append(
            Entry(
                item["path"],
                item["code"],
                item["fingerprint"],
                text if isinstance(text, str) else "",
            )
        )
    return Baseline(tuple(entries))


def render(entries: Iterable[Entry]) -> str:
    """The baseline file's text: sorted entries, one per line."""
    lines = [
        "  "
        + json.dumps(
            {"path": e.path, "code": e.code, "fingerprint": e.fingerprint, "text": e.text},
            ensure_ascii=False,
        )
        for e in sorted(entries)
    ]
    body = ",\n".join(lines)
    findings = f"[\n{body}\n  ]" if lines else "[]"
    return f'{{\n  "version": {VERSION},\n  "findings": {findings}\n}}\n'


def merged(
    old: Baseline,
    current: Iterable[Entry],
    linted: set[str],
    enabled: Callable[[str], bool],
    exists: Callable[[str], bool],
) -> list[Entry]:
    """The entries to write: the current findings, plus old entries this run could not see."""
    kept = [
        e for e in old.entries if exists(e.path) and (e.path not in linted or not enabled(e.code))
    ]
    return sorted([*kept, *current])
