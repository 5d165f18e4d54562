"""Tests for YAML rule packs (GL000 and the pack rules) and the repository's glossaries."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest

from factlint.api import Rule
from factlint.cli import main
from factlint.config import Config
from factlint.document import parse
from factlint.engine import check_document, new_session
from factlint.errors import ConfigError
from factlint.facts.model import Facts
from factlint.model import Finding, Severity
from factlint.rules.rulepacks import load_packs, parse_pack, project_rules
from factlint.selection import Selection

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "integrity"
PACK = FIXTURES / "pack.yaml"
REPO = Path(__file__).resolve().parents[1]


def lint(
    text: str,
    pm: pluggy.PluginManager,
    rules: dict[str, Rule],
    *,
    packs: tuple[Path, ...] = (PACK,),
    path: str = "a.ar.txt",
    select: tuple[str, ...] = ("ALL",),
    ignore: tuple[str, ...] = (),
) -> list[Finding]:
    facts = Facts(entities={}, titles={})
    config = Config(root=FIXTURES, rules=packs)
    session = new_session(config, facts, rules, Selection(select, ignore))
    found = check_document(parse(text, path), session, pm)
    return [f for f in found if not f.code.startswith("TX")]


def spans(text: str, found: list[Finding]) -> list[tuple[str, str, str | None]]:
    return [(f.code, text[f.start : f.end], f.replacement) for f in found]


def test_substitution_keeps_proclitic(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    text = (
        "أُبعد من اللوحة في الشركة.\n"
        "اجتمع الرئيس التنفيذي باللوحة.\n"
        "وقال للوحة الشركة كلامًا.\n"
        "واللوحة قررت في الشركة.\n"
    )
    found = lint(text, pm, rules, select=("GL",))
    assert spans(text, found) == [
        ("GL001", "اللوحة", "مجلس الإدارة"),
        ("GL001", "باللوحة", "بمجلس الإدارة"),
        ("GL001", "للوحة", "لمجلس الإدارة"),
        ("GL001", "واللوحة", "ومجلس الإدارة"),
    ]
    first = found[0]
    assert (first.line, first.column, first.end_column) == (1, 10, 16)
    assert first.severity is Severity.WARNING
    assert first.message.startswith("'اللوحة' -> 'مجلس الإدارة'")
    assert [r.source for r in first.facts] == ["test glossary"]
    assert first.facts and first.facts[0].source == "test glossary"


@pytest.mark.parametrize(
    "text",
    [
        "علّق اللوحة على الجدار.",  # no context word in the sentence
        "عرضت الشركة اللوحة الفنية.",  # an exception phrase
        "عرضت الشركة اللوحة في معرض.",  # a 'none' word in the sentence
        "الشركة مهتمة. علّق اللوحة على الجدار.",  # the context is in another sentence
    ],
)
def test_context_and_exceptions(
    text: str, pm: pluggy.PluginManager, rules: dict[str, Rule]
) -> None:
    assert lint(text, pm, rules, select=("GL",)) == []


def test_existence_tokens_and_pattern(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    text = "هذا ممنوع جدا هنا.\nالتقى سكرتيرة الخزانة ووزير المالية.\nسكرتير الحزب في المؤتمر العام السنوي الكبير.\n"
    found = lint(text, pm, rules)
    assert spans(text, found) == [("XY001", "ممنوع جدا", None), ("XY002", "سكرتيرة", None)]
    assert found[0].severity is Severity.ERROR
    assert found[0].message == "'ممنوع جدا' is banned"
    assert (found[1].line, found[1].column) == (2, 7)


def test_language_filter(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    text = "The ATM machine broke. Atm Machine too."
    # the pack is 'lang: ar'; XY003 overrides it with 'lang: en'
    found = lint(text, pm, rules, path="a.en.txt")
    assert spans(text, found) == [
        ("XY003", "ATM machine", "ATM"),
        ("XY003", "Atm Machine", "ATM"),
    ]
    assert lint("The ATM machine broke.", pm, rules, path="a.ar.txt", select=("XY003",)) == []


def test_selection_by_pack_code(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    text = "أُبعد من اللوحة في الشركة. هذا ممنوع جدا."
    assert {f.code for f in lint(text, pm, rules)} == {"GL001", "XY001"}
    assert {f.code for f in lint(text, pm, rules, select=("GL001",))} == {"GL001"}
    # a code not registered on its own (not in the project's packs) runs under GL000
    assert {f.code for f in lint(text, pm, rules, select=("GL000", "XY"))} == {"XY001"}
    assert lint(text, pm, rules, select=("XY",)) == []
    assert {f.code for f in lint(text, pm, rules, ignore=("GL001",))} == {"XY001"}
    assert lint(text, pm, rules, select=("TX",)) == []


def test_project_packs_are_rules(rules: dict[str, Rule]) -> None:
    # pytest runs from the repository root: its rules/ packs are registered
    assert rules["GL000"].name == "glossary"
    own = {r.code: r for r in project_rules(REPO)}
    assert {"GL001", "GL002", "GL003", "GL004", "GL005", "GL006", "GL101", "GL102"} <= set(own)
    assert own["GL001"].family == "rulepacks"
    assert "glossary-ar" in own["GL001"].docs


def test_cli_lists_and_selects_pack_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "GL000" in listing and "GL001" in listing and "board-as-panel" in listing
    assert main(["explain", "GL001"]) == 0
    assert "مجلس الإدارة" in capsys.readouterr().out


def test_cli_broken_pack_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.ar.txt"
    article.write_text("نص قصير.\n", encoding="utf-8")
    pack = tmp_path / "broken.yaml"
    pack.write_text("rules:\n  - code: GL001\n    type: existance\n    message: x\n", "utf-8")
    code = main([str(article), "--rules", str(pack), "--select", "GL", "--color", "never"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1
    assert f"{pack.as_posix()}:3:" in err[0]
    assert "existance" in err[0]


PACK_HEAD = "pack: t\nrules:\n"
GOOD_RULE = "  - code: GL001\n    type: substitution\n    message: m\n    swap:\n      a b: c\n"


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("pack: t\nrules: [\n", 3, "invalid rule pack"),
        ("- just a list\n", 1, "expected a mapping"),
        ("pack: t\n", 1, "'rules' is a required property"),
        ("pack: t\ncolour: red\nrules: []\n", 2, "unknown key 'colour'"),
        (PACK_HEAD + "  - code: gl001\n    type: existence\n    message: m\n", 3, "code"),
        (PACK_HEAD + GOOD_RULE + "    severity: fatal\n", 8, "severity"),
        (PACK_HEAD + "  - code: GL002\n    type: substitution\n    message: m\n", 4, "swap"),
        (
            PACK_HEAD + "  - code: GL002\n    type: existence\n    message: m\n    pattern: '(a'\n",
            6,
            "invalid regular expression",
        ),
        (PACK_HEAD + GOOD_RULE + GOOD_RULE, 8, "already used at line 3"),
        (
            PACK_HEAD
            + "  - code: GL002\n    type: existence\n    tokens: [x]\n    message: '{foo}'\n",
            6,
            "unknown placeholder {foo}",
        ),
        (
            PACK_HEAD + "  - code: GL002\n    type: substitution\n    message: m\n"
            "    swap:\n      a: b\n      a: c\n",
            8,
            "duplicate key 'a'",
        ),
        (
            PACK_HEAD + "  - code: GL002\n    type: existence\n    tokens: [x]\n    message: m\n"
            "    context:\n      any: [y]\n      window: page\n",
            9,
            "window",
        ),
        (
            PACK_HEAD + "  - code: GL000\n    type: existence\n    tokens: [x]\n    message: m\n",
            3,
            "reserved",
        ),
    ],
)
def test_pack_validation(body: str, line: int, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_pack(body, "packs/p.yaml")
    assert (info.value.path, info.value.line) == ("packs/p.yaml", line)
    assert words in info.value.message
    assert str(info.value).startswith(f"packs/p.yaml:{line}: ")
    assert "\n" not in str(info.value)


def test_broken_pack_from_check(
    tmp_path: Path, pm: pluggy.PluginManager, rules: dict[str, Rule]
) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK_HEAD + GOOD_RULE + "    severity: fatal\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        lint("نص.", pm, rules, packs=(pack,), select=("GL",))
    assert info.value.line == 8
    # not selected: the pack is not even read
    assert lint("نص.", pm, rules, packs=(pack,), select=("TX",)) == []


def test_codes_unique_across_packs(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(PACK_HEAD + GOOD_RULE, encoding="utf-8")
    (tmp_path / "b.yml").write_text("\n" + PACK_HEAD + GOOD_RULE, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_packs([tmp_path])
    assert info.value.line == 4
    assert "already defined in" in info.value.message
    with pytest.raises(ConfigError, match="not found"):
        load_packs([tmp_path / "missing.yaml"])


def test_pack_code_clashing_with_builtin(
    tmp_path: Path, pm: pluggy.PluginManager, rules: dict[str, Rule]
) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK_HEAD + GOOD_RULE.replace("GL001", "TX001"), encoding="utf-8")
    with pytest.raises(ConfigError, match="built-in"):
        lint("نص.", pm, rules, packs=(pack,), select=("GL",))


# ---------------------------------------------------------------- the repository's packs

REPO_PACKS = (REPO / "rules",)


@pytest.mark.parametrize(
    ("text", "code", "span", "replacement"),
    [
        (
            "قيل له إنه ستتم إزالته من اللوحة، لكنه بقي في الشركة.",
            "GL001",
            "اللوحة",
            "مجلس الإدارة",
        ),
        ("انضم إلى لوحة المديرين في الشركة.", "GL002", "لوحة المديرين", "مجلس الإدارة"),
        ("انتُخب كرسي مجلس الإدارة أمس.", "GL003", "كرسي مجلس الإدارة", "رئيس مجلس الإدارة"),
        (
            "أطلق مجلس الإدارة النار على الرئيس التنفيذي للشركة.",
            "GL004",
            "أطلق مجلس الإدارة النار",
            None,
        ),
        ("التقى لسكرتيرة الخزانة الأمريكية.", "GL005", "لسكرتيرة الخزانة", "لوزيرة الخزانة"),
        ("صوّت بيت النواب على القانون.", "GL006", "بيت النواب", "مجلس النواب"),
    ],
)
def test_repository_arabic_glossary(
    text: str,
    code: str,
    span: str,
    replacement: str | None,
    pm: pluggy.PluginManager,
    rules: dict[str, Rule],
) -> None:
    found = lint(text, pm, rules, packs=REPO_PACKS, select=("GL",))
    assert spans(text, found) == [(code, span, replacement)]


@pytest.mark.parametrize(
    "text",
    [
        "عُرضت اللوحة الفنية في معرض الشركة.",
        "تعطلت لوحة المفاتيح في الشركة، واستُبدلت اللوحة الأم.",
        "رسم الفنان اللوحة عام 1900، واشترتها الشركة.",
        "أطلق مسلح النار على موظفي الشركة وأصاب الرئيس التنفيذي.",
        "أطلقت الشركة منتجها الجديد.",
        "اجتمع مجلس الإدارة ووزير الخزانة في مجلس النواب.",
        "جلس على الكرسي في قاعة مجلس الإدارة.",
    ],
)
def test_repository_arabic_glossary_ordinary_uses(
    text: str, pm: pluggy.PluginManager, rules: dict[str, Rule]
) -> None:
    assert lint(text, pm, rules, packs=REPO_PACKS, select=("GL",)) == []


def test_repository_english_glossary(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    text = "Past history shows the ATM machine was fixed at 12 noon. The end result: none."
    found = lint(text, pm, rules, packs=REPO_PACKS, path="a.en.txt", select=("GL",))
    assert spans(text, found) == [
        ("GL102", "Past history", "History"),
        ("GL101", "ATM machine", "ATM"),
        ("GL102", "12 noon", "noon"),
        ("GL102", "end result", "result"),
    ]
    clean = "The board met at noon; its history is long. An ATM broke."
    assert lint(clean, pm, rules, packs=REPO_PACKS, path="a.en.txt", select=("GL",)) == []


def test_seed_glossary_findings(pm: pluggy.PluginManager, rules: dict[str, Rule]) -> None:
    seed = REPO / "seeds" / "openai-crisis-2023.ar.txt"
    text = seed.read_text(encoding="utf-8")
    facts = Facts(entities={}, titles={})
    session = new_session(
        Config(root=REPO, rules=REPO_PACKS), facts, rules, Selection(("TX", "GL"))
    )
    found = check_document(parse(text, "seed.ar.txt"), session, pm)
    assert [(f.line, f.code) for f in found] == [
        (4, "TX003"),
        (4, "TX002"),
        (7, "TX001"),
        (8, "GL001"),
        (21, "TX002"),
    ]
