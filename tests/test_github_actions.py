"""GitHub Actions: workflow commands within GitHub's limits, the job summary,
the default format under Actions and paths relative to the repository root.

Syntax checked against GitHub's documented workflow commands
(``::error file={name},line={line},endLine={endLine},title={title}::{message}``,
``::group::{title}`` / ``::endgroup::``), with values escaped as
``@actions/core`` does (``%25``, ``%0D``, ``%0A``; ``%3A``, ``%2C`` in properties).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from workflow_helpers import CLEAN, DOUBLED, TWICH, make_repo, run

# One annotation: ::LEVEL key=value,key=value::message, nothing unescaped.
ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice)"
    r"(?: (?P<props>(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*"
    r"(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*))?"
    r"::(?P<message>[^\r\n]*)$"
)
GROUP = re.compile(r"^::group::[^\r\n]+$")


def parse_annotations(out: str) -> list[tuple[str, dict[str, str], str]]:
    """Every line that is a workflow command; fails on a malformed one."""
    found: list[tuple[str, dict[str, str], str]] = []
    depth = 0
    for line in out.splitlines():
        if line.startswith("::group::"):
            assert GROUP.match(line), line
            assert depth == 0, "groups do not nest"
            depth += 1
            continue
        if line == "::endgroup::":
            assert depth == 1
            depth -= 1
            continue
        if not line.startswith("::"):
            assert depth == 1, f"plain line outside a group: {line!r}"
            continue
        match = ANNOTATION.match(line)
        assert match, f"not a valid workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in (match["props"] or "").split(",") if p)
        assert not re.search(r"%(?!25|0D|0A|3A|2C)", match["message"]), line
        found.append((match["level"], props, match["message"]))
    assert depth == 0
    return found


def _many(tmp_path: Path, errors: int, warnings: int, config: str = "") -> Path:
    repo = make_repo(tmp_path / "repo", config)
    (repo / "docs").mkdir()
    (repo / "docs" / "a.md").write_text(TWICH * errors + DOUBLED * warnings, encoding="utf-8")
    return repo


def test_within_limits_every_finding_is_annotated(tmp_path: Path) -> None:
    repo = _many(tmp_path, errors=2, warnings=3)
    proc = run("--format", "github", "docs", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    annotations = parse_annotations(proc.stdout)
    assert [a[0] for a in annotations] == ["error"] * 2 + ["warning"] * 3
    assert "::group::" not in proc.stdout
    _, props, message = annotations[0]
    assert props["file"] == "docs/a.md" and props["line"] == "1" and props["title"] == "NM001"
    assert props["col"] == "54" and props["endColumn"] == "59"
    assert "%0Ahelp: replace with `Twitch`" in message


def test_over_the_limits_most_severe_first_then_one_notice(tmp_path: Path) -> None:
    # 12 errors and 12 infos (TX001 lowered to info in the configuration)
    repo = _many(tmp_path, errors=12, warnings=12, config="severity: {TX001: info}\n")
    proc = run("--format", "github", "docs", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    annotations = parse_annotations(proc.stdout)
    levels = Counter(level for level, _, _ in annotations)
    assert levels == {"error": 10, "notice": 10}  # 9 infos + the count of the rest
    assert [level for level, _, _ in annotations[:10]] == ["error"] * 10
    summary = annotations[-1]
    assert summary[1] == {"title": "factlint"}
    assert summary[2].startswith("5 more findings were not annotated")
    # every finding is still in the log, inside the group
    listing = proc.stdout.split("::group::", 1)[1].split("::endgroup::", 1)[0]
    assert listing.count("\ndocs/a.md:") == 24
    assert "info TX001" in listing and "error NM001" in listing


def test_annotations_never_exceed_ten_per_level(tmp_path: Path) -> None:
    repo = _many(tmp_path, errors=0, warnings=25)
    proc = run("--format", "github", "docs", cwd=repo)
    annotations = parse_annotations(proc.stdout)
    levels = Counter(level for level, _, _ in annotations)
    assert levels == {"warning": 10, "notice": 1}
    assert annotations[-1][2].startswith("15 more findings")


def test_github_is_the_default_under_actions(tmp_path: Path) -> None:
    repo = _many(tmp_path, errors=1, warnings=0)
    under_actions = run("docs", cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert under_actions.stdout.startswith("::error file=docs/a.md,line=1,")
    plain = run("docs", cwd=repo)
    assert plain.stdout.startswith("docs/a.md:1:54: NM001")
    explicit = run("--format", "concise", "docs", cwd=repo, env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith("docs/a.md:1:54: NM001")


def test_paths_are_relative_to_the_repository_root_not_the_cwd(tmp_path: Path) -> None:
    repo = _many(tmp_path, errors=1, warnings=0)
    for fmt in ("github", "concise", "json", "sarif", "rdjson", "gitlab", "junit"):
        proc = run("--format", fmt, "a.md", cwd=repo / "docs")
        assert "docs/a.md" in proc.stdout, (fmt, proc.stdout)
        assert re.search(r"(?<![\w/])a\.md", proc.stdout.replace("docs/a.md", "")) is None, fmt


def test_step_summary_is_appended(tmp_path: Path) -> None:
    repo = _many(tmp_path, errors=2, warnings=1)
    (repo / "docs" / "b.md").write_text("Pipes | and <b>tags</b> said said.\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true"}
    proc = run("docs", cwd=repo, env=env)
    assert proc.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## factlint\n")
    assert "**Found 2 errors, 2 warnings, 0 infos.** (2 files checked)" in text
    assert "| Rule | Name | Severity | Findings |" in text
    assert re.search(
        r"\| \[NM001\]\(https://\S+#nm001-name-near-miss\) \| name-near-miss \| error \| 2 \|", text
    )
    assert "### docs/a.md" in text and "### docs/b.md" in text
    rows = [line for line in text.splitlines() if re.match(r"\| \d+ \| \[", line)]
    assert len(rows) == 4
    for row in rows:  # every row has exactly 4 cells: pipes in messages are escaped
        assert len(re.findall(r"(?<!\\)\|", row)) == 5, row
    assert "<b>" not in text
    # --no-step-summary leaves it alone
    before = summary.read_text(encoding="utf-8")
    run("--no-step-summary", "docs", cwd=repo, env=env)
    assert summary.read_text(encoding="utf-8") == before


def test_step_summary_without_findings(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "a.md").write_text(CLEAN, encoding="utf-8")
    summary = tmp_path / "summary.md"
    proc = run(".", cwd=repo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 0, proc.stderr
    assert summary.read_text(encoding="utf-8") == "## factlint\n\nNo findings in 1 file.\n\n"
