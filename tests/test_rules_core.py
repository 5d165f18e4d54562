"""Attribution (AT) and name (NM) rules against the test world, and whole articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pluggy
import pytest

from factlint.api import Rule
from factlint.config import Config
from factlint.document import parse
from factlint.engine import check_document, new_session
from factlint.facts import load_facts
from factlint.model import Finding, Severity
from factlint.selection import Selection

WorldLint = Callable[..., list[Finding]]  # the world_lint fixture (conftest.py)

DATE = "2023-06-01"


def sources(finding: Finding) -> str:
    """The facts' sources of a finding, as one string."""
    return " ".join(f"{r.id} {r.source}" for r in finding.facts)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


def spanned(text: str, finding: Finding) -> str:
    return text[finding.start : finding.end]


# ----------------------------------------------------------------------- AT001


def test_at001_wrong_holder_names_the_holders_and_sources(world_lint: WorldLint) -> None:
    text = "Leo Marsh, the former chief executive of Zentrix, spoke."
    f = only(world_lint(text, date=DATE), "AT001")
    assert f.severity is Severity.ERROR
    assert spanned(text, f) == "Leo Marsh, the former chief executive of Zentrix"
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 1, 1, 49)
    assert "Leo Marsh is not recorded as chief executive of Zentrix" in f.message
    assert "Nadia Karimi" in f.message and "Omar Haddad" in f.message
    assert "https://example.org/zentrix/leadership" in sources(f)
    ids = [ref.id for ref in f.facts]
    assert "nadia-karimi.ceo.zentrix" in ids and "omar-haddad.ceo.zentrix" in ids
    # the person's own recorded roles are listed too
    assert "Finance Minister of Nordland" in f.message
    assert "leo-marsh.finance-minister" in ids


def test_at001_prefers_holders_named_in_the_document(world_lint: WorldLint) -> None:
    text = "Omar Haddad agreed. Leo Marsh, the former chief executive of Zentrix, spoke."
    f = only(world_lint(text, date=DATE), "AT001")
    assert "Omar Haddad" in f.message
    assert "Nadia Karimi" not in f.message


def test_at001_arabic(world_lint: WorldLint) -> None:
    text = "وقال ليو مارش، الرئيس التنفيذي السابق لشركة البرمجيات زنتريكس، إن"
    f = only(world_lint(text, date=DATE), "AT001")
    assert spanned(text, f).startswith("ليو مارش")
    assert spanned(text, f).endswith("زنتريكس")


def test_at001_in_quoted_speech_is_less_severe(world_lint: WorldLint) -> None:
    text = "He said: “Leo Marsh, the former chief executive of Zentrix, left.”"
    f = only(world_lint(text, date=DATE), "AT001")
    assert f.severity is Severity.WARNING
    assert "quoted speech" in f.message


def test_at001_not_for_the_right_holder_or_a_narrower_title(world_lint: WorldLint) -> None:
    assert world_lint("Omar Haddad, the former chief executive of Zentrix, spoke.", date=DATE) == []
    assert world_lint("Zentrix CEO Nadia Karimi spoke.", date=DATE) == []


def test_at001_not_for_a_shared_title(world_lint: WorldLint) -> None:
    # many hold "board member" at once: Marsh holds it, Karimi is simply not recorded
    assert "AT001" not in codes(
        world_lint("Nadia Karimi, a Zentrix board member, spoke.", date=DATE)
    )


def test_at001_apposition_without_former(world_lint: WorldLint) -> None:
    text = "Leo Marsh, the chief executive of Zentrix, spoke."
    assert "AT001" in codes(world_lint(text, date=DATE))


# ----------------------------------------------------------------------- AT003


def test_at003_former_for_a_current_role(world_lint: WorldLint) -> None:
    text = "Nadia Karimi, the former chief executive of Zentrix, spoke."
    f = only(world_lint(text, date=DATE), "AT003")
    assert spanned(text, f) == "chief executive"
    assert f.severity is Severity.ERROR
    assert "'former' is wrong" in f.message
    assert "2019-03-01" in f.message and DATE in f.message
    assert [r.id for r in f.facts] == ["nadia-karimi.ceo.zentrix"]


def test_at003_former_for_a_current_role_arabic_feminine(world_lint: WorldLint) -> None:
    text = "وقالت نادية كريمي، الرئيسة التنفيذية السابقة لزنتريكس، إن"
    f = only(world_lint(text, date=DATE), "AT003")
    assert spanned(text, f) == "الرئيسة التنفيذية"


def test_at004_present_for_a_role_that_ended_long_before(world_lint: WorldLint) -> None:
    text = "Zentrix's chief executive Omar Haddad said"
    f = only(world_lint(text, date=DATE), "AT004")
    assert spanned(text, f) == "chief executive"
    assert f.severity is Severity.WARNING
    assert "until 2019-02-28" in f.message and "former" in f.message


def test_at003_current_for_an_ended_role_is_an_error(world_lint: WorldLint) -> None:
    text = "Emmett Shear, the current chief executive of Twitch, said"
    f = only(world_lint(text, date=DATE), "AT003")
    assert f.severity is Severity.ERROR


@pytest.mark.parametrize("date", ["2019-02-28", "2019-03-10", "2019-03-30"])
def test_at003_nothing_within_the_grace_period(world_lint: WorldLint, date: str) -> None:
    assert world_lint("Zentrix's chief executive Omar Haddad said", date=date) == []


def test_at004_after_the_grace_period(world_lint: WorldLint) -> None:
    assert codes(world_lint("Zentrix's chief executive Omar Haddad said", date="2019-04-15")) == [
        "AT004"
    ]
    # a shorter grace period from the configuration
    assert codes(
        world_lint("Zentrix's chief executive Omar Haddad said", date="2019-03-10", grace=5)
    ) == ["AT004"]


def test_at003_needs_a_document_date(world_lint: WorldLint) -> None:
    assert world_lint("Nadia Karimi, the former chief executive of Zentrix, spoke.") == []
    assert world_lint("Zentrix's chief executive Omar Haddad said") == []


def test_at003_front_matter_date_wins(world_lint: WorldLint) -> None:
    text = "---\ndate: 2019-03-10\n---\nZentrix's chief executive Omar Haddad said\n"
    assert world_lint(text, date="2023-06-01") == []
    text = "---\ndate: 2023-06-01\n---\nZentrix's chief executive Omar Haddad said\n"
    f = only(world_lint(text, date="2019-03-10"), "AT004")
    assert (f.line, f.column) == (4, 11)


def test_at003_former_after_joined_titles_applies_to_the_last(world_lint: WorldLint) -> None:
    text = "عمر حداد، رئيس مجلس الإدارة والرئيس التنفيذي السابق لزنتريكس، قال"
    assert world_lint(text, date=DATE) == []


# ----------------------------------------------------------------------- NM001


@pytest.mark.parametrize(
    ("text", "word", "right"),
    [
        ("Emmett Shear, the former chief of streaming platform Twich, spoke.", "Twich", "Twitch"),
        ("Emmett Shear, the former chief executive of Switch, spoke.", "Switch", "Twitch"),
        (
            "وتم تعيين إيميت شير، الرئيس التنفيذي السابق لمنصة بث ألعاب الفيديو سويتش، رئيسا",
            "سويتش",
            "تويتش",
        ),
        ("عمر حداد، الرئيس التنفيذي السابق لشركة البرمجيات زنتركس، قال", "زنتركس", "زنتريكس"),
    ],
)
def test_nm001_org_slot_near_miss(world_lint: WorldLint, text: str, word: str, right: str) -> None:
    f = only(world_lint(text, date=DATE), "NM001")
    assert spanned(text, f) == word
    assert f.replacement == right
    assert f.column == text.index(word) + 1
    assert f.end_column == text.index(word) + len(word) + 1
    assert "is not a known organisation" in f.message
    assert any(ref.id.endswith(".ceo.twitch") or ref.id.endswith(".zentrix") for ref in f.facts)


def test_nm001_org_slot_with_matching_descriptor_says_so(world_lint: WorldLint) -> None:
    text = "Emmett Shear, the former chief of streaming platform Twich, spoke."
    f = only(world_lint(text, date=DATE), "NM001")
    assert "description matches" in f.message
    assert "https://example.org/twitch" in sources(f)


def test_nm001_misspelt_first_name_next_to_the_rest_of_the_name(world_lint: WorldLint) -> None:
    text = "Later, Emmet Shear met Nadia Karimi."
    f = only(world_lint(text), "NM001")
    assert spanned(text, f) == "Emmet"
    assert f.replacement == "Emmett"
    assert "next to the rest of the name" in f.message


def test_nm001_arabic_misspelt_surname_with_proclitic(world_lint: WorldLint) -> None:
    text = "قالت نادية كريمي إن الخطة جيدة. وأضاف إيميت شير ولاحقا وكريمى"
    assert "NM001" not in codes(world_lint(text))  # ى folds to ي: not a misspelling


@pytest.mark.parametrize(
    "text",
    [
        "It was the Same old story, Sami Karimi said.",
        "The Emmet hotel is near Zentrix, Emmett Shear said.",
        "Marsh and Shear both spoke; a harsh marsh lay near Zentrix.",
    ],
)
def test_nm001_common_word_similar_to_a_first_name_is_not_flagged(
    world_lint: WorldLint, text: str
) -> None:
    assert "NM001" not in codes(world_lint(text))


def test_nm001_word_after_a_complete_name_is_not_a_misspelt_first_name(
    world_lint: WorldLint,
) -> None:
    assert world_lint("زارت نادية كريمي نادي الشركة.") == []


def test_nm001_exact_name_behind_a_proclitic_is_not_a_misspelling(world_lint: WorldLint) -> None:
    text = "قالت نادية كريمي وسامي كريمي إن الخطة جيدة. ولكريمي رأي آخر."
    assert world_lint(text) == []


# ----------------------------------------------------------------------- NM002


def test_nm002_literal_translation_next_to_the_real_name(world_lint: WorldLint) -> None:
    text = "ونقل موقع ذا ليدجر عن مصادر أن زنتريكس تنمو. ووفقا للدفتر، فإن الشركة رابحة."
    f = only(world_lint(text), "NM002")
    assert f.replacement == "ذا ليدجر"
    assert spanned(text, f) == "لدفتر"
    assert "literally" in f.message


def test_nm002_literal_form_alone_or_as_a_common_noun_is_fine(world_lint: WorldLint) -> None:
    assert world_lint("ووفقا للدفتر، فإن الشركة رابحة.") == []
    assert world_lint("وقالت رويترز وذا ليدجر إن الدفتر مفقود.") == []


def test_nm002_transliteration_variants(world_lint: WorldLint) -> None:
    text = "قال عمر حداد إن الخطة جيدة. وأضاف عمر حداد أن عمر الحداد لم يحضر."
    f = only(world_lint(text), "NM002")
    assert spanned(text, f) == "عمر الحداد"
    assert f.replacement == "عمر حداد"
    assert f.severity is Severity.WARNING


# ----------------------------------------------------------------------- NM003


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("Nadia Kareemi spoke.", "Nadia Kareemi", "Nadia Karimi"),
        ("قالت ناديا كريمي إن", "ناديا كريمي", "نادية كريمي"),
        ("قالت نادية كريمي إن وناديا كريمي", "ناديا كريمي", "نادية كريمي"),
    ],
)
def test_nm003_avoided_forms(world_lint: WorldLint, text: str, wrong: str, right: str) -> None:
    f = only(world_lint(text, path="a.ar.md" if "ن" in text else "a.md"), "NM003")
    assert spanned(text, f) == wrong
    assert f.replacement == right
    assert "known wrong form" in f.message


def test_nm003_replacement_keeps_the_script(world_lint: WorldLint) -> None:
    text = "قالت نادية كريمي (Nadia Karimi) إن Nadia Karimi وناديا كريمي"
    f = only(world_lint(text, path="a.ar.md"), "NM003")
    assert f.replacement == "نادية كريمي"


def test_nm003_replacement_is_the_documents_own_form(world_lint: WorldLint) -> None:
    # the document writes the name only in Latin script: suggest that, not the facts' Arabic form
    text = "قالت Nadia Karimi إن الخطة جاهزة، وأكدت ناديا كريمي ذلك."
    f = only(world_lint(text, path="a.ar.md"), "NM003")
    assert f.replacement == "Nadia Karimi"


# ------------------------------------------------------------------- selection


def test_select_and_ignore(world_lint: WorldLint) -> None:
    text = "Nadia Karimi, the former chief executive of Zentrix, met Nadia Kareemi."
    assert codes(world_lint(text, date=DATE)) == ["AT003", "NM003"]
    assert codes(world_lint(text, date=DATE, select=("NM",))) == ["NM003"]
    assert codes(world_lint(text, date=DATE, select=("AT003",))) == ["AT003"]
    assert codes(world_lint(text, date=DATE, ignore=("AT",))) == ["NM003"]
    assert codes(world_lint(text, date=DATE, select=("AT",), ignore=("AT003",))) == []


# ---------------------------------------------------------------------- articles


@pytest.mark.parametrize("name", ["clean.en.md", "clean.ar.md"])
def test_clean_articles_have_no_findings(
    world_lint: WorldLint, world_articles_dir: Path, name: str
) -> None:
    path = world_articles_dir / name
    text = path.read_text(encoding="utf-8")
    assert world_lint(text, path=name) == []
    # and not with an explicit date either (front matter wins)
    assert world_lint(text, path=name, date="2030-01-01") == []


def test_errors_article(world_lint: WorldLint, world_articles_dir: Path) -> None:
    text = (world_articles_dir / "errors.en.md").read_text(encoding="utf-8")
    found = world_lint(text, path="errors.en.md")
    assert codes(found) == ["AT001", "NM001"]
    at001, nm001 = found
    assert (at001.line, at001.column, at001.end_line, at001.end_column) == (8, 1, 8, 49)
    assert spanned(text, at001) == "Leo Marsh, the former chief executive of Zentrix"
    assert "Nadia Karimi" in at001.message
    line9 = text.splitlines()[8]
    col = line9.index("Twich") + 1
    assert (nm001.line, nm001.column, nm001.end_line, nm001.end_column) == (9, col, 9, col + 5)
    assert nm001.replacement == "Twitch"
    assert all(f.path == "errors.en.md" for f in found)


SHEAR = """\
version: 1
titles:
  - id: ceo
    names: {en: [chief executive], ar: [الرئيس التنفيذي]}
entities:
  - id: twitch
    type: organization
    names: {en: [Twitch]}
  - id: nimbus
    type: organization
    names: {en: [Nimbus Labs]}
  - id: emmett-shear
    type: person
    gender: male
    names: {en: [Emmett Shear]}
    source: https://example.org/shear
    roles:
      - {id: shear.ceo.twitch, title: ceo, org: twitch, start: 2011-06, end: 2023-03-16}
      - {id: shear.ceo.nimbus, title: ceo, org: nimbus, start: 2023-11-19}
  - id: ada-park
    type: person
    gender: female
    names: {en: [Ada Park]}
    source: https://example.org/park
    roles:
      - {id: park.ceo.nimbus.1, title: ceo, org: nimbus, start: 2015-01, end: 2018-06}
      - {id: park.ceo.nimbus.2, title: ceo, org: nimbus, start: 2023-01}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no organisation named: true of the role that ended (Twitch)
        ("Emmett Shear, the former chief executive, was named.", []),
        ("Nimbus Labs named Emmett Shear, the former chief executive of Twitch.", []),
        # the organisation named is the one he leads now
        ("Emmett Shear, the former chief executive of Nimbus Labs, spoke.", ["AT003"]),
        # a second term in the same post: "former" is wrong now
        ("Ada Park, the former chief executive, spoke.", ["AT003"]),
    ],
)
def test_at003_former_is_true_of_any_ended_role_when_no_organisation_is_named(
    tmp_path: Path, rules: dict[str, Rule], pm: pluggy.PluginManager, text: str, expected: list[str]
) -> None:
    (tmp_path / "facts.yaml").write_text(SHEAR, encoding="utf-8")
    facts = load_facts([tmp_path / "facts.yaml"], tmp_path)
    session = new_session(Config(root=tmp_path), facts, rules, Selection())
    doc = parse(text, "a.en.md", default_date=dt.date(2023, 11, 20))
    assert codes(list(check_document(doc, session, pm))) == expected
