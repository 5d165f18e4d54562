"""SARIF, rdjson, GitLab Code Quality, JUnit XML, --statistics, --fail-on and
severity overrides, through the real command, each checked against its
documented shape (schemas in tests/schemas/)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from workflow_helpers import DOUBLED, SCHEMAS, TWICH, make_repo, run

ARABIC_LINE = "قال المتحدث إن الإعلان تم تم يوم الثلاثاء.\n"  # doubled تم: TX001


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo")
    (root / "news").mkdir()
    (root / "news" / "a.md").write_text("Intro.\n" + TWICH + DOUBLED, encoding="utf-8")
    (root / "news" / "b.ar.txt").write_text(ARABIC_LINE, encoding="utf-8")
    return root


def sarif_of(repo: Path, *args: str) -> dict[str, Any]:
    proc = run("--format", "sarif", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    log: dict[str, Any] = json.loads(proc.stdout)
    jsonschema.validate(log, schema("sarif-2.1.0.json"))
    return log


# --------------------------------------------------------------------- SARIF


def test_sarif_for_code_scanning(repo: Path) -> None:
    log = sarif_of(repo, "news")
    (run_,) = log["runs"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    nm001 = rules["NM001"]
    assert nm001["helpUri"].endswith("docs/rules.md#nm001-name-near-miss")
    assert "Wrong" in nm001["help"]["markdown"] or "wrong" in nm001["help"]["markdown"]
    assert nm001["properties"]["precision"] == "high"
    assert nm001["properties"]["problem.severity"] == "error"
    assert rules["TX001"]["properties"]["problem.severity"] == "warning"
    results = run_["results"]
    twich = next(r for r in results if r["ruleId"] == "NM001")
    first, _, rest = twich["message"]["text"].partition("\n\n")
    assert first == "'Twich' is not a known organisation."
    assert rest.startswith("The facts record Emmett Shear")
    location = twich["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "news/a.md", "uriBaseId": "%SRCROOT%"}
    assert len(twich["partialFingerprints"]["factlint/v1"]) == 16


def test_sarif_fingerprints_survive_edits_above(repo: Path) -> None:
    before = sarif_of(repo, "news/a.md")["runs"][0]["results"]
    article = repo / "news" / "a.md"
    article.write_text("A new first paragraph.\n\nAnd another.\n\n" + article.read_text("utf-8"))
    after = sarif_of(repo, "news/a.md")["runs"][0]["results"]

    def prints(results: list[dict[str, Any]]) -> dict[str, tuple[str, int]]:
        return {
            r["partialFingerprints"]["factlint/v1"]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    old, new = prints(before), prints(after)
    assert old.keys() == new.keys() and len(old) == 2
    assert all(new[k][1] == old[k][1] + 4 for k in old)


def test_sarif_context_is_bounded_on_a_huge_line(repo: Path) -> None:
    padding = "lorem ipsum dolor sit amet, " * 4000
    (repo / "news" / "huge.md").write_text(padding + "said said " + padding + "\n", "utf-8")
    log = sarif_of(repo, "news/huge.md")
    (result,) = log["runs"][0]["results"]
    context = result["locations"][0]["physicalLocation"]["contextRegion"]
    assert len(context["snippet"]["text"]) <= 2 * 80 + len("said said")
    assert "said said" in context["snippet"]["text"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert context["startColumn"] <= region["startColumn"] < region["endColumn"]
    assert region["endColumn"] <= context["endColumn"]


def test_severity_override_reaches_every_format(repo: Path) -> None:
    (repo / ".factlint.yaml").write_text(
        (repo / ".factlint.yaml").read_text("utf-8") + "severity: {TX: info, NM001: warning}\n",
        encoding="utf-8",
    )
    findings = json.loads(run("--format", "json", "news", cwd=repo).stdout)["findings"]
    assert {(f["code"], f["severity"]) for f in findings} == {
        ("NM001", "warning"),
        ("TX001", "info"),
    }
    log = sarif_of(repo, "news")
    levels = {(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]}
    assert levels == {("NM001", "warning"), ("TX001", "note")}
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["TX001"]["defaultConfiguration"]["level"] == "note"
    gitlab = json.loads(run("--format", "gitlab", "news", cwd=repo).stdout)
    assert {i["severity"] for i in gitlab} == {"minor", "info"}
    github = run("--format", "github", "news", cwd=repo).stdout
    assert not any(line.startswith("::error") for line in github.splitlines())


def test_bad_severity_setting_is_a_one_line_error(repo: Path) -> None:
    config = repo / ".factlint.yaml"
    config.write_text(config.read_text("utf-8") + "severity: {TX001: fatal}\n", encoding="utf-8")
    proc = run("news", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert ".factlint.yaml:2: severity.TX001: expected one of error, warning, info" in proc.stderr
    config.write_text(config.read_text("utf-8").replace("TX001: fatal", "QQ9: info"), "utf-8")
    proc = run("news", cwd=repo)
    assert proc.returncode == 2 and "no rule code starts with 'QQ9'" in proc.stderr


@pytest.mark.parametrize(
    ("level", "expected"), [("error", 1), ("warning", 1), ("info", 1)], ids=str
)
def test_fail_on_with_an_error(repo: Path, level: str, expected: int) -> None:
    assert run("--fail-on", level, "news", cwd=repo).returncode == expected


def test_fail_on_decides_the_exit_code(repo: Path) -> None:
    only_warnings = ["news/b.ar.txt"]  # a TX001 warning only
    assert run(*only_warnings, cwd=repo).returncode == 1  # default: warning
    assert run("--fail-on", "error", *only_warnings, cwd=repo).returncode == 0
    config = repo / ".factlint.yaml"
    config.write_text(config.read_text("utf-8") + "severity: {TX001: info}\n", encoding="utf-8")
    assert run(*only_warnings, cwd=repo).returncode == 0  # infos do not fail by default
    assert run("--fail-on", "info", *only_warnings, cwd=repo).returncode == 1
    assert run("--fail-on", "fatal", *only_warnings, cwd=repo).returncode == 2


# -------------------------------------------------------------------- rdjson


def test_rdjson_matches_reviewdogs_shape_with_byte_columns(repo: Path) -> None:
    proc = run("--format", "rdjson", "news", cwd=repo)
    data = json.loads(proc.stdout)
    jsonschema.validate(data, schema("reviewdog-rdjson.schema.json"))
    assert data["source"]["name"] == "factlint"
    by_path = {
        d["location"]["path"]: d for d in data["diagnostics"] if d["code"]["value"] != "TX001"
    }
    twich = by_path["news/a.md"]
    assert twich["severity"] == "ERROR"
    assert twich["location"]["range"] == {
        "start": {"line": 2, "column": 54},
        "end": {"line": 2, "column": 59},
    }
    assert twich["suggestions"] == [{"range": twich["location"]["range"], "text": "Twitch"}]
    arabic = next(d for d in data["diagnostics"] if d["location"]["path"] == "news/b.ar.txt")
    start = arabic["location"]["range"]["start"]["column"]
    end = arabic["location"]["range"]["end"]["column"]
    raw = ARABIC_LINE.encode("utf-8")
    assert raw[start - 1 : end - 1].decode("utf-8").strip() in {"تم تم", "تم"}
    assert start - 1 == len(ARABIC_LINE[: ARABIC_LINE.index("تم")].encode("utf-8")) or start > 30


# -------------------------------------------------------------------- GitLab


def test_gitlab_code_quality_report(repo: Path) -> None:
    (repo / "news" / "c.md").write_text(DOUBLED + DOUBLED, encoding="utf-8")
    issues = json.loads(run("--format", "gitlab", "news", cwd=repo).stdout)
    jsonschema.validate(issues, schema("gitlab-codequality.schema.json"))
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 5
    twich = next(i for i in issues if i["check_name"] == "NM001")
    assert twich["severity"] == "major"
    assert twich["location"] == {"path": "news/a.md", "lines": {"begin": 2, "end": 2}}
    again = json.loads(run("--format", "gitlab", "news", cwd=repo).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]
    assert (
        json.loads(run("--format", "gitlab", "news/b.ar.txt", "--select", "NM", cwd=repo).stdout)
        == []
    )


# --------------------------------------------------------------------- JUnit


def test_junit_xml(repo: Path) -> None:
    (repo / "news" / "clean.md").write_text("Nadia Karimi leads Zentrix.\n", encoding="utf-8")
    proc = run("--format", "junit", "news", cwd=repo)
    assert proc.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(proc.stdout.split("\n", 1)[1])
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"news/a.md", "news/b.ar.txt", "news/clean.md"}
    a = suites["news/a.md"]
    assert (a.get("tests"), a.get("failures"), a.get("errors")) == ("2", "2", "0")
    failures = a.findall("testcase/failure")
    assert {f.get("type") for f in failures} == {"error", "warning"}
    assert all(f.text and f.text.startswith("news/a.md:") for f in failures)
    clean = suites["news/clean.md"]
    assert clean.get("failures") == "0" and clean.find("testcase") is not None
    assert root.get("tests") == "4" and root.get("failures") == "3"


# ---------------------------------------------------------------- statistics


def test_statistics(repo: Path) -> None:
    (repo / "news" / "c.md").write_text(DOUBLED * 3, encoding="utf-8")
    proc = run("--statistics", "news", cwd=repo)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "5\tTX001\t[*] duplicated-word",
        "1\tNM001\t[*] name-near-miss",
    ]
    data = json.loads(run("--statistics", "--format", "json", "news", cwd=repo).stdout)
    assert data[0] == {
        "code": "TX001",
        "name": "duplicated-word",
        "severity": "warning",
        "count": 5,
        "fixable": 5,
    }


# ------------------------------------------------------------ rules, explain


def test_rules_and_explain_as_json_with_prefixes(repo: Path) -> None:
    rules = json.loads(run("rules", "--format", "json", cwd=repo).stdout)
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes) and {"NM001", "AT001", "TX001"} <= set(codes)
    assert set(rules[0]) == {
        "code",
        "name",
        "summary",
        "severity",
        "family",
        "fixable",
        "fix",
        "url",
    }
    explained = json.loads(run("explain", "NM", "--format", "json", cwd=repo).stdout)
    names = [c for c in codes if c.startswith("NM")]
    assert len(names) >= 3 and [r["code"] for r in explained] == names
    assert all(r["docs"] for r in explained)
    text = run("explain", "nm00", cwd=repo).stdout
    assert text.count("\n# ") + text.startswith("# ") == len(names)
    assert run("rules", "AT", cwd=repo).stdout.splitlines()[0].startswith("AT001")
    bad = run("explain", "ZZ", cwd=repo)
    assert bad.returncode == 2 and "unknown rule code 'ZZ'" in bad.stderr
