"""Ordinary and hostile inputs, each fixed at its root: digits that int() refuses,
numbers beyond the integer-string limit, impossible dates, degenerate settings,
duplicate keys, deep nesting, byte-order marks, and files that are not regular
files. Every case must end in findings or a one-line error, never a traceback
or a hang. docs/robustness.md lists these tests by name."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import factlint
from conftest import run_factlint
from factlint.api import Rule
from factlint.config import Config, find_config, load_config
from factlint.dates import add_days, strict_date
from factlint.document import parse
from factlint.engine import checked_document, discover, new_session
from factlint.errors import ConfigError, FactsError, InputError
from factlint.facts.loader import load_facts
from factlint.facts.model import PartialDate
from factlint.model import Finding
from factlint.normalize import normalize
from factlint.numerals import to_float, to_int
from factlint.plugins import new_plugin_manager
from factlint.selection import Selection
from factlint.tokens import Kind, tokenize

WorldLint = Callable[..., list[Finding]]
LINTER = Path(factlint.__file__).resolve().parents[1]
HAS_FIFO = hasattr(os, "mkfifo")


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_factlint(*args, cwd=cwd)


# --------------------------------------------------------------------- numbers


def test_superscript_and_circled_digits_do_not_crash(world_lint: WorldLint) -> None:
    text = (
        "Zentrix's new campus covers 40,000 m² and its slogan is E=mc². "
        "It expects 10⁶ visitors; see note ① and step ⑳. Nadia Karimi, 4², spoke.\n"
    )
    world_lint(text, date="2023-06-01")  # no exception


def test_superscripts_are_not_number_tokens() -> None:
    tokens = tokenize(normalize("10⁶ and ① and ٣٤ and 7"))
    numbers = [t.text for t in tokens if t.kind is Kind.NUMBER]
    assert numbers == ["10", "34", "7"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("²", None),
        ("①", None),
        ("", None),
        ("1_000", None),
        ("-3", None),
        (" 4", None),
        ("٣٤", 34),
        ("0042", 42),
        ("9" * 1000, int("9" * 1000)),
        ("9" * 5000, None),
    ],
)
def test_to_int(text: str, value: int | None) -> None:
    assert to_int(text) == value


def test_to_float_refuses_infinity_and_junk() -> None:
    assert to_float("1.5") == 1.5
    assert to_float("9" * 400) is None  # would be inf
    assert to_float("1.2.3") is None and to_float("²") is None


def test_numbers_beyond_the_integer_string_limit(world_lint: WorldLint) -> None:
    huge = "9" * 5000
    text = (
        f"Zentrix has {huge} employees and {'9' * 400} million users. "
        f"Nadia Karimi, {huge}, was named chief executive in {huge}.\n"
    )
    world_lint(text, date="2023-06-01")  # no exception


# ----------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2023-02-30", "'2023-02-30' is not a day of the calendar"),
        ("9999-12", "'9999-12' is not a date (YYYY-MM-DD)"),
        ("2023-02-03 garbage", "is not a date"),
        (dt.datetime(2023, 2, 3, 10, 0), "has a time; give the day only"),
        ([2023], "expected a date (YYYY-MM-DD), got a list"),
    ],
)
def test_strict_date_refuses(value: object, problem: str) -> None:
    with pytest.raises(ValueError) as caught:
        strict_date(value)
    assert problem in str(caught.value)


def test_strict_date_accepts_a_time_only_when_asked() -> None:
    assert strict_date("2023-02-03T10:00:00Z", allow_time=True) == dt.date(2023, 2, 3)
    assert strict_date(dt.datetime(2023, 2, 3, 10), allow_time=True) == dt.date(2023, 2, 3)
    assert strict_date(dt.date(2020, 2, 29)) == dt.date(2020, 2, 29)


def test_add_days_clamps_at_the_calendar_ends() -> None:
    assert add_days(dt.date(9999, 12, 31), 30) == dt.date.max
    assert add_days(dt.date(1, 1, 2), -30) == dt.date.min
    assert add_days(dt.date(2023, 1, 1), 10**30) == dt.date.max


def test_front_matter_impossible_date_is_a_one_line_error() -> None:
    with pytest.raises(InputError) as caught:
        parse("---\ntitle: x\ndate: 2023-02-30\n---\nText.\n", "a.md")
    assert str(caught.value) == (
        "a.md:3: front matter: date: '2023-02-30' is not a day of the calendar "
        "(day is out of range for month)"
    )


def test_front_matter_date_with_junk_after_it_is_refused() -> None:
    with pytest.raises(InputError, match=r"a\.md:2: front matter: date: "):
        parse("---\ndate: 2023-02-03xyz\n---\nText.\n", "a.md")


def test_front_matter_datetime_gives_its_day() -> None:
    doc = parse("---\ndate: 2023-02-03T23:30:00+01:00\n---\nText.\n", "a.md")
    assert doc.date == dt.date(2023, 2, 3)


def test_partial_date_in_december_of_year_9999() -> None:
    assert PartialDate.parse("9999-12").latest() == dt.date(9999, 12, 31)
    assert PartialDate.parse(9999).latest() == dt.date(9999, 12, 31)


FACTS_HEAD = """\
version: 1
titles:
  - id: ceo
    names: {en: [chief executive]}
entities:
  - id: acme
    type: organization
    names: {en: [Acme]}
"""


def _facts(tmp_path: Path, person: str) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(FACTS_HEAD + textwrap.indent(textwrap.dedent(person), "  "), "utf-8")
    return path


def test_facts_far_future_dates_do_not_overflow(tmp_path: Path, rules: dict[str, Rule]) -> None:
    path = _facts(
        tmp_path,
        """\
        - id: ann-lee
          type: person
          born: 1
          died: "9999-12"
          names: {en: [Ann Lee]}
          roles:
            - {title: ceo, org: acme, start: 2001, end: 9999-12-20}
        """,
    )
    facts = load_facts([path], tmp_path)
    assert facts.entities["ann-lee"].died == PartialDate(9999, 12)
    config = Config(root=tmp_path, tense_grace_days=36_600)
    session = new_session(config, facts, rules, Selection(("ALL",), ()))
    pm = new_plugin_manager()
    for text, day in [
        ("Acme's chief executive Ann Lee spoke.\n", "9999-12-31"),  # ended + grace
        ("Ann Lee, 30, spoke.\n", "0050-06-01"),  # 49 or 48; a century of grace
    ]:
        doc = parse(text, "a.md", default_date=dt.date.fromisoformat(day))
        checked = checked_document(doc, session, pm)
        assert checked.errors == ()


@pytest.mark.parametrize(
    ("born", "where", "problem"),
    [
        ("2023-02-30", ":11:", "invalid date '2023-02-30'"),
        ("2023-02-03T10:00:00", ":11:", "invalid date '2023-02-03T10:00:00'"),
    ],
)
def test_facts_impossible_dates_are_errors_with_a_line(
    tmp_path: Path, born: str, where: str, problem: str
) -> None:
    path = _facts(
        tmp_path,
        f"""\
        - id: ann-lee
          type: person
          born: {born}
          names: {{en: [Ann Lee]}}
        """,
    )
    with pytest.raises(FactsError) as caught:
        load_facts([path], tmp_path)
    assert where in str(caught.value) and problem in str(caught.value)


def test_facts_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    # PyYAML's C composer recurses: 200,000 levels used to kill the process
    path = tmp_path / "facts.yaml"
    path.write_text("version: 1\nentities: " + "[" * 200_000 + "]" * 200_000 + "\n", "utf-8")
    with pytest.raises(FactsError) as caught:
        load_facts([path], tmp_path)
    assert str(caught.value) == "facts.yaml:2:74: invalid YAML: nested more than 64 levels deep"


# ---------------------------------------------------------------------- config


def _yaml_config(tmp_path: Path, body: str) -> Config:
    path = tmp_path / ".factlint.yaml"
    path.write_text(body, encoding="utf-8")
    return load_config([tmp_path], path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('exclude: [""]\n', ":1: exclude: an empty string is not a valid entry"),
        ('exclude: ["/"]\n', ":1: exclude: '/' is not a valid glob pattern (it matches nothing)"),
        ("lang: []\n", ":1: lang: expected one language code such as 'en' or 'ar'"),
        (
            "per-file:\n  'a.md': {lang: [ar]}\n",
            ":2: per-file.a.md.lang: expected one language code",
        ),
        ("tense-grace-days: 100000000000000000000\n", ":1: tense-grace-days: at most 36600 days"),
        ("date: 2023-02-30\n", ":1: date: '2023-02-30' is not a day of the calendar"),
        ("date: 2023-02-03 10:00:00\n", ":1: date: '2023-02-03 10:00:00' is not a date"),
        ("select: [NM]\nselect: [TX]\n", ":2:1: invalid YAML: duplicate key 'select' (first given"),
        ("exclude: " + "[" * 100_000 + "]" * 100_000 + "\n", ":1:73: invalid YAML: nested more"),
        ("a: &a [*a]\n", "invalid YAML: recursive alias"),
    ],
    ids=lambda value: str(value)[:24],
)
def test_bad_yaml_configuration_is_a_one_line_error(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        _yaml_config(tmp_path, body)
    text = str(caught.value)
    assert "\n" not in text and message in text


def test_toml_datetime_for_date_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.factlint]\ndate = 2023-02-03T10:00:00\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml:2: date: '2023-02-03T10:00:00' has a"):
        load_config([tmp_path], path)


def test_pyproject_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(
        b'\xef\xbb\xbf[tool.factlint]\nselect = ["TX"]\ntense-grace-days = 3\n'
    )
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    config = load_config([tmp_path])
    assert config.select == ("TX",) and config.tense_grace_days == 3


# ----------------------------------------------------------------- front matter


def test_front_matter_duplicate_key_names_its_line() -> None:
    with pytest.raises(InputError) as caught:
        parse("---\nlang: en\ndate: 2023-01-01\nlang: ar\n---\nText.\n", "a.md")
    assert str(caught.value) == "a.md:4: front matter: duplicate key 'lang' (first given on line 2)"


def test_front_matter_deep_nesting_is_an_error_not_a_crash() -> None:
    text = "---\nx: " + "[" * 300_000 + "]" * 300_000 + "\n---\nText.\n"
    with pytest.raises(InputError, match=r"a.md:2: front matter: nested more than 64 levels"):
        parse(text, "a.md")


def test_front_matter_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    text = "---\n" + "\n".join(lines) + "\ndate: *a7\n---\nText.\n"
    with pytest.raises(InputError, match=r"aliases expand to more than 100000 values"):
        parse(text, "a.md")


def test_front_matter_odd_lang_falls_back(world_lint: WorldLint) -> None:
    doc = parse("---\nlang: []\n---\nZentrix hired staff.\n", "a.md")
    assert doc.lang == "en"


# ----------------------------------------------------------- non-regular files


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs on this platform")
def test_fifo_socket_and_symlink_loops_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.md").write_text("Text.\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    (folder / "self.md").symlink_to("self.md")
    (folder / "ping.md").symlink_to("pong.md")
    (folder / "pong.md").symlink_to("ping.md")
    (folder / "gone.md").symlink_to("nowhere.md")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "sock.md"))
        found = list(discover([folder], Config(root=tmp_path)))
    finally:
        sock.close()
    shown = [str(item) if isinstance(item, InputError) else item.name for item in found]
    base = folder.as_posix()
    assert shown == [
        f"{base}/gone.md: broken symbolic link",
        "good.md",
        f"{base}/ping.md: symbolic link loop",
        f"{base}/pipe.md: not a regular file (a FIFO)",
        f"{base}/pong.md: symbolic link loop",
        f"{base}/self.md: symbolic link loop",
        f"{base}/sock.md: not a regular file (a socket)",
    ]


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs on this platform")
def test_cli_never_opens_a_fifo_or_device(tmp_path: Path, world_facts_dir: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    os.mkfifo(tmp_path / "claims-pipe.yaml")
    (tmp_path / "a.md").write_text("The the text.\n", encoding="utf-8")
    (tmp_path / "loop.md").symlink_to("loop.md")
    proc = run_cli(
        "--facts", world_facts_dir, "pipe.md", "loop.md", "/dev/zero", "a.md", cwd=tmp_path
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [
        "factlint: error: pipe.md: not a regular file (a FIFO)",
        "factlint: error: loop.md: symbolic link loop",
        "factlint: error: /dev/zero: not a regular file (a character device)",
    ]
    assert "a.md:1:1: TX001" in proc.stdout
    facts = run_cli("--facts", "claims-pipe.yaml", "a.md", cwd=tmp_path)
    assert facts.returncode == 2
    assert "claims-pipe.yaml: not a regular file (a FIFO)" in facts.stderr


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs on this platform")
def test_fifo_among_facts_files_is_an_error(tmp_path: Path, world_facts_dir: Path) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "world.yaml").write_bytes((world_facts_dir / "world.yaml").read_bytes())
    os.mkfifo(claims / "zz.yaml")
    with pytest.raises(FactsError, match=r"zz.yaml: not a regular file \(a FIFO\)"):
        load_facts([claims], tmp_path)
    os.remove(claims / "zz.yaml")
    (claims / "zz.yaml").symlink_to("zz.yaml")
    with pytest.raises(FactsError, match=r"zz.yaml: symbolic link loop"):
        load_facts([claims], tmp_path)


@pytest.mark.skipif(not HAS_FIFO, reason="no FIFOs on this platform")
def test_fifo_and_loop_among_rule_packs_are_errors(tmp_path: Path, world_facts_dir: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    os.mkfifo(packs / "pipe.yaml")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    proc = run_cli("--facts", world_facts_dir, "--rules", "packs", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "packs/pipe.yaml: not a regular file (a FIFO)" in proc.stderr
    assert "Traceback" not in proc.stderr
    os.remove(packs / "pipe.yaml")
    (packs / "loop.yaml").symlink_to("loop.yaml")
    proc = run_cli("--facts", world_facts_dir, "--rules", "packs", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "packs/loop.yaml: symbolic link loop" in proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
