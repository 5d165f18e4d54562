"""Rule packs and configuration cannot make factlint hang: RE2 patterns, YAML alias checks."""

from __future__ import annotations

import time
from pathlib import Path

import pluggy
import pytest

from factlint.config import Config, load_config
from factlint.document import parse
from factlint.engine import check_document, new_session
from factlint.errors import ConfigError
from factlint.facts.model import Facts
from factlint.plugins import collect_rules
from factlint.rules.rulepacks import parse_pack, to_re2
from factlint.selection import Selection
from factlint.yamlguard import check_aliases, compose


def _pack(pattern: str) -> str:
    return (
        "pack: slow\n"
        "rules:\n"
        "  - code: SL001\n"
        "    type: existence\n"
        "    message: \"'{match}'\"\n"
        f"    pattern: '{pattern}'\n"
    )


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+\?", r"(a+)+$"])
def test_catastrophic_patterns_run_in_linear_time(
    pattern: str, tmp_path: Path, pm: pluggy.PluginManager
) -> None:
    pack = tmp_path / "slow.yaml"
    pack.write_text(_pack(pattern), encoding="utf-8")
    config = Config(root=tmp_path, rules=(pack,), options={"no_cache": True})
    rules = collect_rules(pm, config)
    session = new_session(config, Facts(entities={}, titles={}), rules, Selection(("SL",)))
    # each line defeats a backtracking engine: Python's re would take years on these
    lines = ["word " * 20_000 + "!", "a" * 100_000 + "b"]
    started = time.perf_counter()
    for line in lines:
        check_document(parse(line + "\n", "long.en.txt"), session, pm)
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"(?<!\w)fire", "lookaround"),
        (r"(?=x)x", "lookaround"),
        (r"(a)\1", "backreferences"),
        (r"\bfire\b", "word boundaries"),
        (r"(a", "invalid regular expression"),
        (r"x*", "empty string"),
    ],
)
def test_patterns_re2_cannot_run_are_refused_with_file_and_line(pattern: str, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_pack(_pack(pattern), "packs/slow.yaml")
    assert str(info.value).startswith("packs/slow.yaml:6: ")
    assert words in info.value.message


def test_class_escapes_mean_unicode() -> None:
    assert to_re2(r"\w+") == r"[\p{L}\p{M}\p{N}_]+"
    assert to_re2(r"[\w-]") == r"[\p{L}\p{M}\p{N}_-]"
    assert to_re2(r"[\]\w]") == r"[\]\p{L}\p{M}\p{N}_]"
    assert to_re2(r"\.\S") == r"\.[^\s\p{Z}]"
    with pytest.raises(ValueError):
        to_re2(r"[\W]")


def test_pattern_matches_are_whole_words(pm: pluggy.PluginManager, tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(_pack(r"النار\w*"), encoding="utf-8")
    config = Config(root=tmp_path, rules=(pack,), options={"no_cache": True})
    session = new_session(
        config, Facts(entities={}, titles={}), collect_rules(pm, config), Selection(("SL",))
    )
    text = "أطلق النارية ثم بالنار والنار.\n"
    found = check_document(parse(text, "a.ar.txt"), session, pm)
    # "النارية" is a whole word starting with the pattern; "بالنار" starts inside a word
    assert [text[f.start : f.end] for f in found] == ["النارية"]


BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_an_alias_bomb_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(ConfigError, match="alias bomb") as info:
        compose(BOMB, "bomb.yaml")
    assert time.perf_counter() - started < 1
    assert info.value.path == "bomb.yaml" and info.value.line is not None


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(ConfigError, match="recursive") as info:
        compose("a: &a\n  - x\n  - *a\n", "loop.yaml")
    assert info.value.line is not None


def test_shared_aliases_within_the_limit_are_fine() -> None:
    node = compose("base: &b {x: 1, y: 2}\none: *b\ntwo: *b\n", "ok.yaml")
    assert node is not None and check_aliases(node, "ok.yaml") == 1 + 3 + 3 * 5


def test_alias_bombs_in_packs_and_config(tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(ConfigError, match="alias bomb") as info:
        parse_pack(BOMB + "rules: []\n", "packs/bomb.yaml")
    assert info.value.path == "packs/bomb.yaml"
    config = tmp_path / ".factlint.yaml"
    config.write_text(BOMB.replace("a: &a", "x-a: &a"), encoding="utf-8")
    with pytest.raises(ConfigError, match="alias bomb"):
        load_config([tmp_path])
    config.write_text("facts: &f [claims, *f]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="recursive"):
        load_config([tmp_path])
    assert time.perf_counter() - started < 2
