"""Recall: the claims editors check, in the ways journalists write them (issue: recall).

Each construction is tested in English and Arabic against the small fictional world
of tests/fixtures/prose/facts.yaml (a football club, a second club, a government).
Every sentence is wrong in exactly one way the facts decide.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factlint.model import Finding, Severity

FACTS = Path(__file__).resolve().parent / "fixtures" / "prose"
DATE = "2024-03-01"

Lint = Callable[..., list[Finding]]


@pytest.fixture
def lint(prose_lint: Lint) -> Lint:
    return prose_lint


def codes(found: list[Finding]) -> list[str]:
    return [f.code for f in found]


# -- role claims in more constructions ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Ivo Kern coaches Bay United, not Harbor FC
        "Ivo Kern, 44, the Harbor FC coach, praised the fans.",
        "Ivo Kern (Harbor FC coach) praised the fans.",
        "Ivo Kern, who coaches Harbor FC, praised the fans.",
        "Ivo Kern is Harbor FC's coach.",
        "Harbor FC named Ivo Kern as coach last summer.",
        "At Harbor FC, the board named Ivo Kern as coach last summer.",
        "وقال إيفو كيرن مدرب نادي هاربور إن الجمهور رائع.",
        "وقال إيفو كيرن (مدرب نادي هاربور) إن الجمهور رائع.",
        "وقال مدرب هاربور الجديد إيفو كيرن إن الجمهور رائع.",
    ],
)
def test_wrong_holder_in_every_construction(lint: Lint, text: str) -> None:
    assert codes(lint(text)) == ["AT001"]


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg, 48, the Harbor FC coach, praised the fans.",
        "Tomas Berg (Harbor FC coach) praised the fans.",
        "Tomas Berg, who coaches Harbor FC, praised the fans.",
        "Tomas Berg is Harbor FC's coach.",
        "وقال توماس بيرغ مدرب نادي هاربور إن الجمهور رائع.",
        "وقال مدرب هاربور الجديد توماس بيرغ إن الجمهور رائع.",
    ],
)
def test_the_same_constructions_stay_quiet_when_right(lint: Lint, text: str) -> None:
    assert codes(lint(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Maya Holt, the interior minister, spoke.",  # held by Holt since 2019: right
        "وقالت مايا هولت، وزيرة الداخلية، إن",
    ],
)
def test_titles_without_organisation_right(lint: Lint, text: str) -> None:
    assert codes(lint(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Lina Sayed, the interior minister, spoke.",
        "وقالت لينا سيد، وزيرة الداخلية، إن",
    ],
)
def test_titles_without_organisation_wrong(lint: Lint, text: str) -> None:
    found = lint(text)
    assert codes(found) == ["AT001"]
    assert "Maya Holt" in found[0].message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Maya Holt, the current chief executive of Kestrel Systems, spoke.", ["AT003"]),
        ("وقالت مايا هولت، الرئيسة التنفيذية الحالية لكيستريل سيستمز، إن", ["AT003"]),
    ],
)
def test_explicit_current_beats_the_grace_period(lint: Lint, text: str, code: list[str]) -> None:
    # Holt left Kestrel on 2019-04-01; with a document date inside the grace period
    # an unmarked title is tolerated, an explicit "current" is not
    assert codes(lint(text, date="2019-04-10")) == code


# -- wrong organisation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Adam Rusk, the Bay United goalkeeper, saved a penalty.",
        "وتصدى حارس نادي باي يونايتد آدم راسك لركلة جزاء.",
    ],
)
def test_shared_title_at_the_wrong_organisation_is_a_warning(lint: Lint, text: str) -> None:
    found = lint(text)
    assert codes(found) == ["AT002"]
    assert found[0].severity is Severity.WARNING
    assert "Harbor FC" in found[0].message


# -- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Harbor FC beat Bay Untied on Sunday.", "Untied"),  # a transposition
        ("Coach Tomas Bergg spoke.", "Bergg"),  # the surname beside the right given name
        ("وقال المدرب توماس بيرق إن", "بيرق"),
        ("Kestrel Systems hired Maya Hlot last year.", "Hlot"),
    ],
)
def test_misspelt_names(lint: Lint, text: str, word: str) -> None:
    found = [f for f in lint(text) if f.code in ("NM001", "NM004")]
    assert [text[f.start : f.end] for f in found] == [word]


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg, now 52, renewed his contract.",
        "Tomas Berg, who turned 52 this week, renewed his contract.",
        "وقال توماس بيرغ، الذي بلغ الآن 52 عامًا، إنه سيبقى.",
    ],
)
def test_ages_in_more_forms(lint: Lint, text: str) -> None:
    assert codes(lint(text)) == ["ND001"]


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Systems grew fast. The company's 3,100 employees moved offices.",
        "Kestrel Systems grew fast. The firm, which keeps its 3,100 employees busy, moved.",
        "تنمو كيستريل سيستمز بسرعة. ويعمل في الشركة 3100 موظف.",
    ],
)
def test_counts_with_an_anaphoric_subject(lint: Lint, text: str) -> None:
    assert codes(lint(text, date="2023-08-01")) == ["ND004"]


@pytest.mark.parametrize(
    "text",
    [
        "Harbor FC, which was founded in 1925, won.",
        "فاز نادي هاربور. وكان النادي، الذي تأسس عام 1925، قد خسر.",
    ],
)
def test_founding_year_with_a_relative_or_anaphoric_subject(lint: Lint, text: str) -> None:
    assert codes(lint(text)) == ["ND003"]


# -- closed world ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg, the Harbor FC goalkeeper, saved a penalty.",
        "وتصدى حارس نادي هاربور توماس بيرغ لركلة جزاء.",
    ],
)
def test_closed_list_of_holders_contradicts_anyone_else(lint: Lint, text: str) -> None:
    found = lint(text)
    assert codes(found) == ["AT001"]
    assert "Adam Rusk" in found[0].message and "every holder" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg, the Bay United goalkeeper, saved a penalty.",
        "وتصدى حارس نادي باي يونايتد توماس بيرغ لركلة جزاء.",
    ],
)
def test_open_world_stays_the_default(lint: Lint, text: str) -> None:
    assert codes(lint(text)) == []


# -- events ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Harbor FC won the Norland Cup final on 19 May at Lumen Arena.", ["ND006"]),
        ("Harbor FC won the Norland Cup final on May 18, 2024, at Corniche Stadium.", ["ND007"]),
        ("وفاز نادي هاربور بنهائي كأس نورلاند في 19 مايو على ملعب لومين.", ["ND006"]),
        ("وفاز نادي هاربور بنهائي كأس نورلاند في 18 مايو على ملعب الكورنيش.", ["ND007"]),
        ("Harbor FC won the Norland Cup final on 18 May at Lumen Arena.", []),
        ("Harbor FC won the Norland Cup final in Norland on 18 May.", []),
        ("وفاز نادي هاربور بنهائي كأس نورلاند في 18 مايو على ملعب لومين.", []),
    ],
)
def test_event_date_and_venue(lint: Lint, text: str, code: list[str]) -> None:
    assert codes(lint(text, date="2024-05-20")) == code


# -- names across scripts ------------------------------------------------------------------------


def test_arabic_rendering_of_a_latin_name_with_one_consonant_wrong(lint: Lint) -> None:
    text = "وقالت رينا هولم، الرئيسة التنفيذية لشركة فيلوبور، إن الأرباح زادت."
    found = lint(text)
    assert [(f.code, text[f.start : f.end], f.replacement) for f in found] == [
        ("NM001", "فيلوبور", "Velocore")
    ]


def test_a_correct_arabic_rendering_is_not_a_garbling(lint: Lint) -> None:
    assert lint("وقالت رينا هولم، الرئيسة التنفيذية لشركة فيلوكور، إن الأرباح زادت.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The club named three new vice-presidents: Tomas Berg and Lina Sayed.",
        "وأعلن النادي ثلاثة نواب جدد للرئيس: توماس بيرغ ولينا سيد.",
    ],
)
def test_announced_count_with_a_hyphenated_or_qualified_noun(lint: Lint, text: str) -> None:
    assert codes(lint(text)) == ["ND005"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The club confirmed three departures:\n\n- Tomas Berg, to Bay United;\n- Lina Sayed\n",
            ["ND005"],
        ),
        ("The club confirmed two departures:\n\n- Tomas Berg, to Bay United;\n- Lina Sayed\n", []),
        (
            "أكد النادي رحيل ثلاثة لاعبين:\n\n- توماس بيرغ، إلى باي يونايتد؛\n- لينا سيد\n",
            ["ND005"],
        ),
        ("أكد النادي رحيل لاعبين اثنين:\n\n- توماس بيرغ\n- لينا سيد\n", []),
    ],
)
def test_announced_count_against_a_markdown_list(lint: Lint, text: str, code: list[str]) -> None:
    assert codes(lint(text)) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the organisation itself: contradicted
        ("Rina Holm, the chief executive of Kestrel Systems, spoke.", ["AT001"]),
        # a part of it named by a possessive ("Georgetown University's Center for ..."):
        # the facts say nothing of that part
        ("Rina Holm, the chief executive of Kestrel Systems' research arm, spoke.", []),
        ("Tomas Berg, a coach at Bay United's youth academy, spoke.", []),
    ],
)
def test_a_possessive_organisation_names_a_part_of_it(
    lint: Lint, text: str, code: list[str]
) -> None:
    assert codes(lint(text)) == code
