"""End-to-end tests of the command line, through ``python -m factlint`` and the
console script, in temporary project directories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
WORLD = Path(__file__).resolve().parent / "fixtures" / "world"
ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
FINDING_KEYS = {
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
}
ENDED_ROLE = "Zentrix's chief executive Omar Haddad said so.\n"  # ended 2019-02-28


def console_script() -> str | None:
    beside = Path(sys.executable).parent / "factlint"
    if beside.is_file():
        return str(beside)
    return shutil.which("factlint")


def run(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    console: bool = False,
) -> subprocess.CompletedProcess[str]:
    if console:
        script = console_script()
        if script is None:
            pytest.skip("the factlint console script is not installed")
        cmd = [script]
    else:
        cmd = [sys.executable, "-m", "factlint"]
    full_env = {**os.environ, "FACTLINT_NO_CACHE": "1", "NO_COLOR": "1"}
    full_env.update(env or {})
    # the code of this checkout, not an installed copy (plus any directory the test adds)
    extra = (env or {}).get("PYTHONPATH")
    full_env["PYTHONPATH"] = os.pathsep.join([str(REPO / "linter"), *([extra] if extra else [])])
    return subprocess.run(
        [*cmd, *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def findings_of(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    data = json.loads(proc.stdout)
    assert isinstance(data, dict)
    findings = data["findings"]
    assert isinstance(findings, list)
    return findings


def assert_one_line_error(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project directory whose .factlint.yaml points at the test world."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / ".factlint.yaml").write_text(f"facts: [{json.dumps(str(WORLD))}]\n", encoding="utf-8")
    for name in ("clean.en.md", "clean.ar.md", "errors.en.md"):
        shutil.copy(ARTICLES / name, root / name)
    return root


# --------------------------------------------------------------------- exit codes


@pytest.mark.parametrize("console", [False, True], ids=["module", "console-script"])
def test_clean_files_exit_0(project: Path, console: bool) -> None:
    proc = run("clean.en.md", "clean.ar.md", cwd=project, console=console)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("console", [False, True], ids=["module", "console-script"])
def test_findings_exit_1(project: Path, console: bool) -> None:
    proc = run("errors.en.md", "--format", "json", cwd=project, console=console)
    assert proc.returncode == 1, proc.stderr
    found = findings_of(proc)
    assert [(f["code"], f["line"]) for f in found] == [("AT001", 8), ("NM001", 9)]


def test_exit_zero_option(project: Path) -> None:
    assert run("errors.en.md", "--exit-zero", cwd=project).returncode == 0


def test_check_subcommand_and_directory(project: Path) -> None:
    proc = run("check", ".", "--format", "json", cwd=project)
    assert proc.returncode == 1
    assert {f["path"] for f in findings_of(proc)} == {"errors.en.md"}


# ----------------------------------------------------------------------- json


def test_json_shape(project: Path) -> None:
    proc = run("errors.en.md", "--format", "json", cwd=project)
    data = json.loads(proc.stdout)
    assert isinstance(data, dict) and isinstance(data["findings"], list)
    for f in data["findings"]:
        assert set(f) == FINDING_KEYS
        assert f["path"] == "errors.en.md"
        for key in ("line", "column", "end_line", "end_column"):
            assert isinstance(f[key], int) and f[key] >= 1
        assert f["severity"] in ("error", "warning", "info")
        assert isinstance(f["message"], str) and f["message"]
        assert f["replacement"] is None or isinstance(f["replacement"], str)
        assert isinstance(f["facts"], list) and f["facts"]
        for ref in f["facts"]:
            assert set(ref) == {"id", "source"}
    at001, nm001 = data["findings"]
    assert (at001["line"], at001["column"], at001["end_line"], at001["end_column"]) == (
        8,
        1,
        8,
        49,
    )
    assert at001["replacement"] is None and at001["severity"] == "error"
    assert nm001["replacement"] == "Twitch"
    line = (project / "errors.en.md").read_text(encoding="utf-8").splitlines()[8]
    assert line[nm001["column"] - 1 : nm001["end_column"] - 1] == "Twich"


def test_json_with_no_findings_is_an_empty_list(project: Path) -> None:
    proc = run("clean.en.md", "--format", "json", cwd=project)
    assert proc.returncode == 0
    assert findings_of(proc) == []


# ------------------------------------------------------------- select / ignore


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), ["AT001", "NM001"]),
        (("--select", "AT001"), ["AT001"]),
        (("--select", "NM"), ["NM001"]),
        (("--select", "at,nm001"), ["AT001", "NM001"]),
        (("--ignore", "NM001"), ["AT001"]),
        (("--ignore", "AT"), ["NM001"]),
        (("--select", "AT", "--ignore", "AT001"), []),
        (("--select", "NM", "--select", "AT"), ["AT001", "NM001"]),
    ],
)
def test_select_and_ignore(project: Path, options: tuple[str, ...], expected: list[str]) -> None:
    proc = run("errors.en.md", "--format", "json", *options, cwd=project)
    assert [f["code"] for f in findings_of(proc)] == expected
    assert proc.returncode == (1 if expected else 0)


def test_select_unknown_code_is_an_error(project: Path) -> None:
    proc = run("errors.en.md", "--select", "QQ", cwd=project)
    assert proc.returncode == 2
    assert "QQ" in assert_one_line_error(proc.stderr)


# ---------------------------------------------------------------------- errors


@pytest.mark.parametrize("console", [False, True], ids=["module", "console-script"])
def test_unknown_option_is_a_one_line_error(project: Path, console: bool) -> None:
    proc = run("--no-such-option", "clean.en.md", cwd=project, console=console)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert "--no-such-option" in line
    assert proc.stdout == ""


def test_bad_date_option_is_a_one_line_error(project: Path) -> None:
    proc = run("--date", "yesterday", "clean.en.md", cwd=project)
    assert proc.returncode == 2
    assert "yesterday" in assert_one_line_error(proc.stderr)


def test_nonexistent_path_other_files_still_linted(project: Path) -> None:
    proc = run("missing.md", "errors.en.md", "--format", "json", cwd=project)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert "missing.md" in line
    assert [f["code"] for f in findings_of(proc)] == ["AT001", "NM001"]


def test_binary_file_is_a_one_line_error(project: Path) -> None:
    (project / "bin.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    proc = run("bin.md", "errors.en.md", "--format", "json", cwd=project)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert "bin.md:1" in line
    assert [f["code"] for f in findings_of(proc)] == ["AT001", "NM001"]


def test_non_utf8_file_is_a_one_line_error_with_its_line(project: Path) -> None:
    (project / "latin1.md").write_bytes("first line\nZentrix caf\u00e9\n".encode("latin-1"))
    proc = run("latin1.md", "errors.en.md", "--format", "json", cwd=project)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert "latin1.md:2" in line
    assert "UTF-8" in line
    assert [f["code"] for f in findings_of(proc)] == ["AT001", "NM001"]


def test_errors_in_a_directory_do_not_stop_the_run(project: Path) -> None:
    (project / "zz-bin.md").write_bytes(b"\x00\x01\x02")
    proc = run(".", "--format", "json", cwd=project)
    assert proc.returncode == 2
    assert "zz-bin.md:1" in assert_one_line_error(proc.stderr)
    assert {f["path"] for f in findings_of(proc)} == {"errors.en.md"}


def test_broken_facts_yaml_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "broken.yaml").write_text(
        "version: 1\nentities:\n  - id: x\n    type: person\n    names: {en: [X\n",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("Hello.\n", encoding="utf-8")
    proc = run("--facts", facts, "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert "broken.yaml:" in line
    location = line.split("broken.yaml:", 1)[1]
    assert location.split(":", 1)[0].isdigit()


def test_facts_schema_error_names_file_line_and_field(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        textwrap.dedent(
            """\
            version: 1
            entities:
              - id: p
                type: person
                names: {en: [P Person]}
                roles:
                  - title: nope
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("Hello.\n", encoding="utf-8")
    proc = run("--facts", facts, "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert "facts.yaml:7:" in line
    assert "nope" in line


# ----------------------------------------------------------------------- dates


def test_date_option_is_used_without_front_matter(project: Path) -> None:
    (project / "a.md").write_text(ENDED_ROLE, encoding="utf-8")
    within = run("a.md", "--date", "2019-03-10", "--format", "json", cwd=project)
    assert within.returncode == 0 and findings_of(within) == []
    late = run("a.md", "--date", "2023-06-01", "--format", "json", cwd=project)
    assert late.returncode == 1
    assert [f["code"] for f in findings_of(late)] == ["AT004"]


def test_front_matter_date_wins_over_the_option(project: Path) -> None:
    (project / "a.md").write_text("---\ndate: 2019-03-10\n---\n" + ENDED_ROLE, encoding="utf-8")
    proc = run("a.md", "--date", "2023-06-01", "--format", "json", cwd=project)
    assert proc.returncode == 0, proc.stdout
    (project / "b.md").write_text("---\ndate: 2023-06-01\n---\n" + ENDED_ROLE, encoding="utf-8")
    proc = run("b.md", "--date", "2019-03-10", "--format", "json", cwd=project)
    assert [(f["code"], f["line"]) for f in findings_of(proc)] == [("AT004", 4)]


def test_without_any_date_no_tense_check(project: Path) -> None:
    (project / "a.md").write_text(ENDED_ROLE, encoding="utf-8")
    assert run("a.md", cwd=project).returncode == 0


# ------------------------------------------------------------ config discovery


def test_config_from_factlint_yaml_found_upward(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "posts" / "2023").mkdir(parents=True)
    (root / ".factlint.yaml").write_text(
        f"facts: [{json.dumps(str(WORLD))}]\ndate: 2023-06-01\nselect: [AT]\n", encoding="utf-8"
    )
    post = root / "posts" / "2023" / "a.md"
    post.write_text(ENDED_ROLE + "Nadia Kareemi spoke.\n", encoding="utf-8")
    proc = run("a.md", "--format", "json", cwd=post.parent)
    assert proc.returncode == 1, proc.stderr
    assert [f["code"] for f in findings_of(proc)] == ["AT004"]  # NM003 not selected
    # paths are relative to the repository root (the configuration's directory), not the cwd
    assert findings_of(proc)[0]["path"] == "posts/2023/a.md"


def test_config_from_pyproject_with_per_file_dates(tmp_path: Path) -> None:
    root = tmp_path / "pyproj"
    (root / "articles").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        textwrap.dedent(
            f"""\
            [project]
            name = "articles"

            [tool.factlint]
            facts = [{json.dumps(str(WORLD))}]
            date = "2023-06-01"

            [tool.factlint.per-file."articles/old.md"]
            date = "2019-03-10"

            [tool.factlint.per-file."articles/ignored.md"]
            ignore = ["AT004"]
            """
        ),
        encoding="utf-8",
    )
    for name in ("old.md", "new.md", "ignored.md"):
        (root / "articles" / name).write_text(ENDED_ROLE, encoding="utf-8")
    proc = run("articles", "--format", "json", cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert [(f["path"], f["code"]) for f in findings_of(proc)] == [("articles/new.md", "AT004")]


def test_pyproject_without_tool_section_is_not_a_config(tmp_path: Path) -> None:
    root = tmp_path / "outer"
    inner = root / "inner"
    inner.mkdir(parents=True)
    (root / ".factlint.yaml").write_text(
        f"facts: [{json.dumps(str(WORLD))}]\ndate: 2023-06-01\n", encoding="utf-8"
    )
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (inner / "a.md").write_text(ENDED_ROLE, encoding="utf-8")
    proc = run("a.md", "--format", "json", cwd=inner)
    assert [f["code"] for f in findings_of(proc)] == ["AT004"]


def test_invalid_config_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / ".factlint.yaml").write_text("facts: [x]\nbogus: 1\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Hello.\n", encoding="utf-8")
    proc = run("a.md", cwd=tmp_path)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert ".factlint.yaml:2" in line and "bogus" in line


# ----------------------------------------------------------- explain and rules


def test_explain_prints_docs(project: Path) -> None:
    proc = run("explain", "AT001", cwd=project)
    assert proc.returncode == 0
    assert "AT001" in proc.stdout and "wrong-holder" in proc.stdout
    assert len(proc.stdout.splitlines()) > 5
    by_name = run("explain", "wrong-holder", cwd=project)
    assert by_name.returncode == 0 and by_name.stdout == proc.stdout
    lower = run("explain", "at001", cwd=project)
    assert lower.stdout == proc.stdout


def test_explain_unknown_code_exits_2(project: Path) -> None:
    proc = run("explain", "NOPE", cwd=project)
    assert proc.returncode == 2
    assert "NOPE" in assert_one_line_error(proc.stderr)


def test_rules_lists_codes(project: Path) -> None:
    proc = run("rules", cwd=project)
    assert proc.returncode == 0
    listed = [line.split()[0] for line in proc.stdout.splitlines() if line.strip()]
    for code in ("AT001", "AT002", "AT003", "AT004", "NM001", "NM002", "NM003"):
        assert code in listed
    assert listed == sorted(listed)


# ------------------------------------------------------------------------- fix


def test_fix_rewrites_the_file(project: Path) -> None:
    path = project / "errors.en.md"
    before = path.read_text(encoding="utf-8")
    proc = run("errors.en.md", "--fix", "--format", "json", cwd=project)
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("platform Twich,", "platform Twitch,")
    # the unfixable AT001 remains
    assert [f["code"] for f in findings_of(proc)] == ["AT001"]
    assert proc.returncode == 1
    again = run("errors.en.md", "--fix", "--format", "json", cwd=project)
    assert path.read_text(encoding="utf-8") == after
    assert [f["code"] for f in findings_of(again)] == ["AT001"]


def test_fix_keeps_crlf_and_arabic_text(project: Path) -> None:
    path = project / "fix.ar.md"
    text = "سطر أول\r\nعمر حداد، الرئيس التنفيذي السابق لشركة البرمجيات زنتركس، قال\r\n"
    path.write_bytes(text.encode("utf-8"))
    proc = run("fix.ar.md", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert path.read_bytes() == text.replace("زنتركس", "زنتريكس").encode("utf-8")


# ------------------------------------------------------------------------ jobs


def test_jobs_output_identical_to_serial(project: Path) -> None:
    for i in range(6):
        (project / f"more{i}.md").write_text(
            f"Line {i}.\nLeo Marsh, the former chief executive of Zentrix, spoke.\n",
            encoding="utf-8",
        )
    serial = run(".", "--format", "json", cwd=project)
    parallel = run(".", "--format", "json", "--jobs", "2", cwd=project)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    assert len(findings_of(serial)) == 8
    text_serial = run(".", cwd=project)
    text_parallel = run(".", "-j", "2", cwd=project)
    assert text_parallel.stdout == text_serial.stdout


# --------------------------------------------------------------------- plugins

PLUGIN_SOURCE = '''\
"""A third-party factlint plugin used by the tests."""

from factlint.api import Rule
from factlint.hookspecs import hookimpl
from factlint.model import Severity


def check(ctx):
    text = ctx.document.text
    start = text.find("zzz")
    while start != -1:
        yield ctx.finding("ZZ001", start, start + 3, "zzz is not a word", replacement="sleep")
        start = text.find("zzz", start + 1)


@hookimpl
def factlint_rules():
    return [
        Rule(
            code="ZZ001",
            name="no-zzz",
            summary="No zzz",
            check=check,
            severity=Severity.WARNING,
            docs="Do not write zzz.",
        )
    ]
'''


def test_plugin_module_with_p_option(project: Path, tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "zz_plugin.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    (project / "z.md").write_text("Nothing but\nzzz here.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(plugins)}
    proc = run("z.md", "-p", "zz_plugin", "--format", "json", cwd=project, env=env)
    assert proc.returncode == 1, proc.stderr
    (f,) = findings_of(proc)
    assert (f["code"], f["line"], f["column"], f["end_column"]) == ("ZZ001", 2, 1, 4)
    assert f["severity"] == "warning" and f["replacement"] == "sleep"
    # the plugin's rule is selectable, listed and explained
    proc = run("z.md", "-p", "zz_plugin", "--ignore", "ZZ", cwd=project, env=env)
    assert proc.returncode == 0
    # parallel runs load the plugin in the workers too
    (project / "z2.md").write_text("zzz\n", encoding="utf-8")
    serial = run("z.md", "z2.md", "-p", "zz_plugin", "--format", "json", cwd=project, env=env)
    parallel = run(
        "z.md", "z2.md", "-p", "zz_plugin", "-j", "2", "--format", "json", cwd=project, env=env
    )
    assert parallel.stdout == serial.stdout
    assert len(findings_of(serial)) == 2


def test_unknown_plugin_module_is_a_one_line_error(project: Path) -> None:
    proc = run("clean.en.md", "-p", "no_such_plugin_module", cwd=project)
    assert proc.returncode == 2
    assert "no_such_plugin_module" in assert_one_line_error(proc.stderr)


def test_plugin_from_entry_point(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "thirdparty_plugin.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    info = site / "thirdparty_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: thirdparty-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text("[factlint]\nzz = thirdparty_plugin\n", encoding="utf-8")
    (project / "z.md").write_text("zzz\n", encoding="utf-8")
    env = {"PYTHONPATH": str(site)}
    proc = run("z.md", "--format", "json", cwd=project, env=env)
    assert proc.returncode == 1, proc.stderr
    assert [f["code"] for f in findings_of(proc)] == ["ZZ001"]
    rules = run("rules", cwd=project, env=env)
    assert "ZZ001" in rules.stdout
    explain = run("explain", "ZZ001", cwd=project, env=env)
    assert explain.returncode == 0 and "Do not write zzz." in explain.stdout
    # without the site directory the rule is gone
    assert "ZZ001" not in run("rules", cwd=project).stdout


# ------------------------------------------------------------------------ seed


def _claims_present() -> bool:
    claims = REPO / "claims"
    return claims.is_dir() and any(claims.glob("*.y*ml"))


@pytest.mark.skipif(not _claims_present(), reason="claims/ has no YAML facts yet")
def test_seed_article() -> None:
    seed = REPO / "seeds" / "openai-crisis-2023.ar.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    proc = run("seeds/", "--format", "json", cwd=REPO)
    assert proc.returncode == 1, proc.stderr
    found = findings_of(proc)
    switch = [f for f in found if f["line"] == 13 and f["replacement"] == "Twitch"]
    assert len(switch) == 1, found
    (f,) = switch
    line13 = lines[12]
    assert f["end_line"] == 13
    assert line13[f["column"] - 1 : f["end_column"] - 1] == "Switch"
    line18 = [f for f in found if f["line"] == 18]
    assert any("Bret Taylor" in f["message"] and "Treasury" in f["message"] for f in line18), line18
