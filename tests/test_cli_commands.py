"""The command line's subcommands: one argparse parser (factlint.cli_parser), ``check``
as the default, help for every command, and configuration and plugins loaded before
``rules``/``explain``/``check``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factlint.cli_parser import COMMANDS, early_plugins, with_command
from test_cli import PLUGIN_SOURCE, assert_one_line_error, findings_of, project, run

__all__ = ["project"]  # the fixture, shared with test_cli

REPO = Path(__file__).resolve().parents[1]

OPTION_PLUGIN = '''\
"""A plugin that adds a command-line option and reports its value."""

from factlint.api import Rule
from factlint.hookspecs import hookimpl
from factlint.model import Severity

SEEN = {}


@hookimpl
def factlint_addoption(parser):
    parser.add_argument("--shout-word", default="zzz", help="the word the SH001 rule flags")


@hookimpl
def factlint_configure(config):
    SEEN["word"] = config.options.get("shout_word", "zzz")


def check(ctx):
    word = SEEN.get("word", "zzz")
    start = ctx.document.text.find(word)
    if start != -1:
        yield ctx.finding("SH001", start, start + len(word), f"found {word}")


@hookimpl
def factlint_rules():
    return [Rule(code="SH001", name="shout", summary="A word", check=check,
                 severity=Severity.WARNING, docs="Flags one word.")]
'''


def test_argv_gets_check_in_front_unless_it_names_a_command() -> None:
    assert with_command([]) == ["check"]
    assert with_command(["a.md", "--fix"]) == ["check", "a.md", "--fix"]
    assert with_command(["--format", "json", "rules"]) == ["check", "--format", "json", "rules"]
    assert with_command(["--", "rules"]) == ["check", "--", "rules"]
    for name in COMMANDS:
        assert with_command([name, "x"]) == [name, "x"]
    for top in ("-h", "--help", "--version"):
        assert with_command([top]) == [top]


def test_plugins_named_with_p_are_read_before_parsing() -> None:
    argv = ["check", "-p", "a", "--plugin", "b", "-pc", "--plugin=d", "x", "--", "-p", "e"]
    assert early_plugins(argv) == ["a", "b", "c", "d"]


def test_help_lists_every_subcommand_with_one_line(project: Path) -> None:
    proc = run("--help", cwd=project)
    assert proc.returncode == 0, proc.stderr
    out = " ".join(proc.stdout.split())  # argparse wraps the help column
    for name, help_ in COMMANDS.items():
        assert f"{name} {' '.join(help_.split())}" in out, name
    assert "factlint check rules" in out  # how to lint a path named like a command


@pytest.mark.parametrize("command", [*COMMANDS, "cache clean"])
def test_every_subcommand_has_help(project: Path, command: str) -> None:
    proc = run(*command.split(), "--help", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: factlint {command}")
    assert proc.stderr == ""


def test_check_help_shows_the_check_options(project: Path) -> None:
    proc = run("check", "--help", cwd=project)
    for option in ("--format", "--select", "--fix", "--baseline", "--fail-on", "--jobs"):
        assert option in proc.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ("--no-such-option", "clean.en.md"),
        ("check", "--no-such-option", "clean.en.md"),
        ("rules", "--no-such-option"),
        ("explain", "AT001", "--no-such-option"),
        ("claims", "--no-such-option", "clean.en.md"),
        ("init", "--no-such-option"),
        ("cache", "clean", "--no-such-option"),
        ("check-facts", "--no-such-option"),
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_an_unknown_option_is_one_line_and_exit_2(project: Path, argv: tuple[str, ...]) -> None:
    proc = run(*argv, cwd=project)
    assert proc.returncode == 2
    line = assert_one_line_error(proc.stderr)
    assert line.startswith("factlint: error: ") and "--no-such-option" in line
    assert proc.stdout == ""


def test_cache_without_an_action_is_a_usage_error(project: Path) -> None:
    proc = run("cache", cwd=project)
    assert proc.returncode == 2
    assert "ACTION" in assert_one_line_error(proc.stderr)


def test_check_is_the_default_command(project: Path) -> None:
    plain = run("errors.en.md", "--format", "json", cwd=project)
    named = run("check", "errors.en.md", "--format", "json", cwd=project)
    assert plain.returncode == named.returncode == 1
    assert plain.stdout == named.stdout
    assert [f["code"] for f in findings_of(named)] == ["AT001", "NM001"]


def test_a_path_named_like_a_command(project: Path) -> None:
    folder = project / "rules"
    folder.mkdir()
    (project / "errors.en.md").rename(folder / "errors.en.md")
    listed = run("rules", cwd=project)  # the command, as before
    assert listed.returncode == 0 and "AT001" in listed.stdout
    for argv in (
        ("check", "rules", "--format", "json"),
        ("rules/", "--format", "json"),
        ("--format", "json", "--", "rules"),  # after '--' every argument is a path
        ("check", "--format", "json", "--", "rules"),
    ):
        proc = run(*argv, cwd=project)
        assert proc.returncode == 1, (argv, proc.stderr)
        assert {f["path"] for f in findings_of(proc)} == {"rules/errors.en.md"}, argv


def _plugin_env(tmp_path: Path, name: str, source: str) -> dict[str, str]:
    plugins = tmp_path / "plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / f"{name}.py").write_text(source, encoding="utf-8")
    return {"PYTHONPATH": str(plugins)}


def test_a_p_plugin_adds_options_to_check_and_claims(project: Path, tmp_path: Path) -> None:
    env = _plugin_env(tmp_path, "shout_plugin", OPTION_PLUGIN)
    helped = run("check", "-p", "shout_plugin", "--help", cwd=project, env=env)
    assert helped.returncode == 0 and "--shout-word" in helped.stdout
    claims = run("claims", "-p", "shout_plugin", "--help", cwd=project, env=env)
    assert "--shout-word" in claims.stdout
    assert "--shout-word" not in run("check", "--help", cwd=project).stdout
    (project / "s.md").write_text("Say quack.\n", encoding="utf-8")
    default = run("s.md", "-p", "shout_plugin", "--format", "json", cwd=project, env=env)
    assert default.returncode == 0, default.stderr
    proc = run(
        "s.md", "-p", "shout_plugin", "--shout-word", "quack", "--format", "json",
        cwd=project, env=env,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert [f["message"] for f in findings_of(proc)] == ["found quack"]


def test_an_entry_point_plugin_adds_options_to_check(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "shout_ep.py").write_text(OPTION_PLUGIN, encoding="utf-8")
    info = site / "shout_ep-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: shout-ep\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text("[factlint]\nshout = shout_ep\n", encoding="utf-8")
    proc = run("check", "--help", cwd=project, env={"PYTHONPATH": str(site)})
    assert proc.returncode == 0 and "--shout-word" in proc.stdout


def test_rules_and_explain_load_p_plugins_and_config_packs(project: Path, tmp_path: Path) -> None:
    env = _plugin_env(tmp_path, "zz_plugin", PLUGIN_SOURCE)
    assert "ZZ001" not in run("rules", cwd=project, env=env).stdout
    listed = run("rules", "-p", "zz_plugin", "--format", "json", cwd=project, env=env)
    assert "ZZ001" in [r["code"] for r in json.loads(listed.stdout)]
    explained = run("explain", "ZZ001", "-p", "zz_plugin", cwd=project, env=env)
    assert explained.returncode == 0 and "Do not write zzz." in explained.stdout
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: house\nrules:\n  - code: HS001\n    type: existence\n"
        "    message: \"'{match}' is jargon\"\n    pattern: 'synerg\\w*'\n",
        encoding="utf-8",
    )
    with_pack = run("rules", "HS", "--rules", str(pack), cwd=project)
    assert with_pack.returncode == 0, with_pack.stderr
    assert with_pack.stdout.startswith("HS001")
    config = tmp_path / "other.yaml"
    config.write_text(f"rules: [{json.dumps(str(pack))}]\n", encoding="utf-8")
    assert run("rules", "HS", "--config", str(config), cwd=project).stdout.startswith("HS001")


def test_rules_refuses_a_repository_plugin_as_check_does(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "evil_plugin.py").write_text(
        'from pathlib import Path\nPath("PWNED").write_text("ran")\n', encoding="utf-8"
    )
    (repo / ".factlint.yaml").write_text("plugins: [evil_plugin]\n", encoding="utf-8")
    for command in ("rules", "explain"):
        proc = run(command, "AT001", cwd=repo)
        assert proc.returncode == 2
        assert "is not an installed package" in assert_one_line_error(proc.stderr)
    assert not (repo / "PWNED").exists()


LAZY_PROBE = """
import sys
from factlint.cli import main
lazy = sys.argv.pop(1).split(",")
code = main(sys.argv[1:])
print("LOADED:" + ",".join(m for m in lazy if m in sys.modules))
"""
LAZY = (
    "factlint.autofix",
    "factlint.baseline",
    "factlint.checkfacts",
    "factlint.cli_commands",
    "factlint.coverage",
    "factlint.coverage_cli",
    "factlint.diffbase",
    "factlint.ruleinfo",
    "factlint.scaffold",
    "factlint.statistics",
    "factlint.suggest",
    "factlint.report.gitlab",
    "factlint.report.html",
    "factlint.report.junit",
    "factlint.report.rdjson",
    "factlint.report.sarif",
    "factlint.report.summary",
    "jsonschema",
    "multiprocessing",
)


@pytest.mark.parametrize(
    ("fmt", "more"), [("concise", ("factlint.adopt",)), ("json", ()), ("sarif", ())]
)
def test_a_check_imports_only_what_it_needs(project: Path, fmt: str, more: tuple[str, ...]) -> None:
    """A plain check -- streamed (concise) or written at the end (json, sarif) -- imports
    none of the other commands, the adoption helpers or the formats it does not write."""
    lazy = [m for m in (*LAZY, *more) if not m.endswith(f".{fmt}")]
    cold = [m for m in lazy if m != "jsonschema"]  # the first run validates the facts
    env = {**os.environ, "PYTHONPATH": str(REPO / "linter"), "XDG_CONFIG_HOME": str(project)}
    env.pop("FACTLINT_NO_CACHE", None)
    for modules in (cold, lazy):
        proc = subprocess.run(
            [sys.executable, "-c", LAZY_PROBE, ",".join(modules), "errors.en.md", "--format", fmt],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.stdout.strip().endswith("LOADED:"), proc.stdout + proc.stderr
