"""Precision on language real articles use every day (issue: real prose).

Each phenomenon is tested in English and Arabic, with sentences written for these
tests against a small fictional world (tests/fixtures/prose/facts.yaml). The
'clean' cases must raise no error or warning; the 'wrong' cases keep the true
finding.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factlint.model import Finding, Severity

FACTS = Path(__file__).resolve().parent / "fixtures" / "prose"
ROOT = Path(__file__).resolve().parents[1]
DATE = "2024-03-01"

Lint = Callable[..., list[Finding]]


@pytest.fixture
def lint(prose_lint: Lint) -> Lint:
    return prose_lint


def alarms(found: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in found]


# -- common words one edit from a name --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg praised the team. Later the Bergs, a local family, sold the iceberg.",
        "Holt spoke first. Then the club said its Hold on the title was secure.",
        "Maya Holt met fans. A Colt and a Bolt were parked outside Lumen Arena.",
        "قال توماس بيرغ إن الفريق جاهز. وأضاف سيد أن السيدة حضرت.",
        "قالت مايا هولت إن الوزارة جاهزة، وإن هول المفاجأة كان كبيرا.",
    ],
)
def test_common_words_near_a_name_are_not_misspellings(lint: Lint, text: str) -> None:
    assert alarms(lint(text)) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Coach Tomas Brg spoke to the press.", "Brg"),
        ("Maya Hlot, the interior minister, spoke.", "Hlot"),
        ("وقال توماس بيرع إن الفريق جاهز.", "بيرع"),
    ],
)
def test_misspelt_surname_beside_the_given_name_is_an_error(
    lint: Lint, text: str, word: str
) -> None:
    found = [f for f in lint(text) if f.code == "NM001"]
    assert [text[f.start : f.end] for f in found] == [word]
    assert found[0].severity is Severity.ERROR


def test_named_elsewhere_alone_is_not_enough_for_a_common_word(lint: Lint) -> None:
    text = "Berg arrived. The berg of ice drifted; Herg drew comics."
    assert [f.code for f in lint(text)] == []


# -- alternative transliterations ---------------------------------------------------------


def test_arabic_transliteration_variant_is_at_most_a_warning(lint: Lint) -> None:
    text = "وقال توماس بيرج إن الفريق جاهز."  # ج for the g sound
    found = lint(text)
    assert [f.code for f in found] == ["NM004"]
    assert found[0].severity is Severity.WARNING
    text = "وقالت لينا سييد إن الفريق جاهز."  # a vowel letter more
    assert [f.code for f in lint(text)] == ["NM004"]


def test_listed_variant_mixed_with_the_name_is_inconsistent(lint: Lint) -> None:
    text = "أعلنت كيستريل سيستمز نتائجها. وقالت كستريل سيستمز إن الأرباح زادت."
    found = lint(text)
    assert [f.code for f in found] == ["NM002"]
    assert text[found[0].start : found[0].end] == "كستريل سيستمز"


def test_a_surname_is_never_a_near_miss_of_an_organisation(lint: Lint) -> None:
    # "Sayed" is a person's surname, one edit from nothing; "Holt" vs "Bolt": names of
    # people are never reported as misspelt organisations and vice versa
    text = "Kestrel Systems hired Sayed. Lina Sayed said KSI was ready."
    assert alarms(lint(text)) == []


# -- interchangeable names ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Republic of Norland voted. Norland's parliament met.",
        "Harbor FC won at Lumen Arena. Harbor Football Club fans filled the Lumen.",
        "Kestrel Systems (KSI) grew. KSI now employs thousands.",
        "صوتت جمهورية نورلاند. واجتمع برلمان نورلاند.",
        "فاز نادي هاربور في ملعب لومين. واحتفل جمهور هاربور في لومين.",
    ],
)
def test_standard_names_of_one_entity_are_interchangeable(lint: Lint, text: str) -> None:
    assert alarms(lint(text)) == []


# -- lists of appositions -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg, the coach of Harbor FC, and Lina Sayed, the captain of Harbor FC, spoke.",
        "The club's coach Tomas Berg, captain Lina Sayed and president Maya Holt met.",
        "وحضر المدرب توماس بيرغ، والقائدة لينا سيد، ومايا هولت.",
        "وقال مدرب نادي هاربور توماس بيرغ، وقائدة الفريق لينا سيد، إن الموسم صعب.",
    ],
)
def test_each_title_belongs_to_the_name_beside_it(lint: Lint, text: str) -> None:
    assert [f.code for f in lint(text) if f.code.startswith(("AT", "AG"))] == []


def test_a_wrong_title_in_a_list_is_still_found(lint: Lint) -> None:
    text = "Lina Sayed, the coach of Harbor FC, and Tomas Berg, the captain of Harbor FC, spoke."
    codes = [f.code for f in lint(text)]
    assert codes.count("AT001") == 2


# -- past roles stated as past ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Former interior minister Rafael Ortiz spoke.",
        "Then-interior minister Rafael Ortiz signed the law.",
        "Rafael Ortiz, interior minister at the time, signed the law.",
        "Rafael Ortiz, interior minister under President Vance, signed the law.",
        "Rafael Ortiz, interior minister from 2015 until 2019, signed the law.",
        "In 2017, Rafael Ortiz, the interior minister, signed the law.",
        "Former Kestrel Systems chief executive Maya Holt spoke.",
        "ووقع وزير الداخلية آنذاك رافاييل أورتيز القانون.",
        "وقال وزير الداخلية الأسبق رافاييل أورتيز إن",
        "وقال رافاييل أورتيز، وزير الداخلية سابقا، إن",
        "وقالت مايا هولت، الرئيسة التنفيذية السابقة لكيستريل سيستمز، إن",
    ],
)
def test_past_roles_stated_as_past_are_not_tense_errors(lint: Lint, text: str) -> None:
    assert [f.code for f in lint(text) if f.code.startswith("AT")] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Rafael Ortiz, the current interior minister, spoke.", "AT003"),
        ("وقال رافاييل أورتيز، وزير الداخلية الحالي، إن", "AT003"),
        ("Maya Holt, the former interior minister, spoke.", "AT003"),
        ("Rafael Ortiz, the interior minister, spoke.", "AT004"),
    ],
)
def test_explicit_time_words_are_checked(lint: Lint, text: str, code: str) -> None:
    assert [f.code for f in lint(text) if f.code.startswith("AT")] == [code]


# -- a title belongs to an organisation only when the grammar links them --------------


@pytest.mark.parametrize(
    "text",
    [
        "The club is backed by Kestrel Systems, and coach Tomas Berg said it would grow.",
        "Harbor FC thanked Kestrel Systems; captain Lina Sayed read a statement.",
        "يدعم كيستريل سيستمز النادي، وقال المدرب توماس بيرغ إنه سعيد.",
    ],
)
def test_no_title_without_grammatical_link(lint: Lint, text: str) -> None:
    assert [f.code for f in lint(text) if f.code.startswith("AT")] == []


# -- acronyms spelled letter by letter -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["قالت هيئة بي بي سي إن المباراة تأجلت.", "وقال مكتب إف بي آي وشبكة سي إن إن إن"],
)
def test_arabic_acronyms_are_not_duplicated_words(lint: Lint, text: str) -> None:
    assert [f.code for f in lint(text) if f.code == "TX001"] == []


def test_a_real_duplicate_is_still_found(lint: Lint) -> None:
    assert [f.code for f in lint("وقال إن إن الفريق جاهز.")] == ["TX001"]
    assert [f.code for f in lint("The coach said the the team was ready.")] == ["TX001"]


# -- multi-paragraph quotations -------------------------------------------------------------


@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_quotation_reopened_in_the_next_paragraph(lint: Lint, path: str) -> None:
    text = (
        "Berg said: “We trained hard all winter and it showed.\n\n"
        "“Next season we want more,” he added.\n"
    )
    assert lint(text, path) == []
    text_ar = "وقال بيرغ: «تدربنا طوال الشتاء.\n\n«ونريد المزيد في الموسم المقبل».\n"
    assert lint(text_ar, path.replace("a.", "a.ar.")) == []


# -- counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Kestrel Systems' 3,100 employees were told in 2019.", "2019-05-01"),
        ("Kestrel Systems has up to 5,000 employees.", DATE),
        ("The club has three new members. Lina Sayed and Tomas Berg joined.", DATE),
        ("ويعمل في كيستريل سيستمز ما يصل إلى 5000 موظف.", DATE),
    ],
)
def test_counts_only_when_comparable(lint: Lint, text: str, date: str) -> None:
    assert [f.code for f in lint(text, date=date) if f.code.startswith("ND")] == []


def test_count_close_to_as_of_is_checked(lint: Lint) -> None:
    found = lint("Kestrel Systems' 3,100 employees were told.", date="2023-08-01")
    assert [f.code for f in found] == ["ND004"]


# -- a year beside another event -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Maya Holt left Kestrel Systems in 2019 to join the government.",
        "Harbor FC moved to Lumen Arena in 1998.",
        "انتقل نادي هاربور إلى ملعب لومين عام 1998.",
        "وغادرت مايا هولت كيستريل سيستمز عام 2019.",
    ],
)
def test_year_of_another_event_is_not_a_founding_year(lint: Lint, text: str) -> None:
    assert [f.code for f in lint(text) if f.code == "ND003"] == []


def test_founding_year_is_still_checked(lint: Lint) -> None:
    assert [f.code for f in lint("Harbor FC, founded in 1925, won.")] == ["ND003"]
    assert [f.code for f in lint("تأسس نادي هاربور عام 1925.")] == ["ND003"]


# -- Arabic possessive ـه and verb subjects -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "وأشاد اللاعب بمدربه توماس بيرغ.",  # his coach: ـه is not the feminine ـة
        "وقال مدربه توماس بيرغ إن الفريق جاهز.",
        "وهنأ توماس بيرغ لينا سيد على الفوز.",  # the woman is the object
        "وقال وزير في حكومة مايا هولت إن الخطة جاهزة.",  # a genitive, not the subject
        "والتقت لينا سيد بتوماس بيرغ وقالت إن الفريق جاهز.",
    ],
)
def test_gender_is_decided_by_the_subject_only(lint: Lint, text: str) -> None:
    assert [f.code for f in lint(text) if f.code.startswith("AG")] == []


def test_verb_disagreeing_with_its_subject_is_found(lint: Lint) -> None:
    assert [f.code for f in lint("وقال لينا سيد إن الفريق جاهز.")] == ["AG001"]


# -- determinism -------------------------------------------------------------------------------


def test_output_is_identical_across_hash_seeds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(
        [
            "Tomas Brg and Lina Sayde met. Maya Hlot, the former interior minister, spoke.",
            "وقال توماس بيرج إن لينا سييد، القائد، جاهزة. وقال إن إن الفريق جاهز.",
            "Harbor FC, founded in 1925, has three members: Tomas Berg and Lina Sayed.",
        ]
        * 3
    ):
        (corpus / f"a{i}.md").write_text(f"---\ndate: {DATE}\n---\n{text}\n", encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-m", "factlint", "--facts", str(FACTS), "--format", "json", "."],
            cwd=corpus,
            capture_output=True,
            text=True,
            env=env,
        )
        assert proc.returncode == 1, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    assert outputs.pop().count('"code"') >= 9
