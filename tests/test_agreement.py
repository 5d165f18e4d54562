"""Tests for AG001 gender-agreement (factlint.rules.agreement)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from factlint.config import Config
from factlint.document import parse
from factlint.engine import check_document, new_session
from factlint.facts.loader import load_facts
from factlint.model import Finding, Severity
from factlint.normalize import fold
from factlint.plugins import collect_rules, new_plugin_manager
from factlint.rules.agreement import FORMS, VERBS, read_verb, verb_forms
from factlint.selection import Selection

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "agreement"
DATE = dt.date(2023, 11, 24)


def sources(finding: Finding) -> str:
    """The facts' sources of a finding, as one string."""
    return " ".join(f"{r.id} {r.source}" for r in finding.facts)


def lint(text: str, path: str = "a.ar.md") -> list[Finding]:
    pm = new_plugin_manager()
    rules = collect_rules(pm)
    facts = load_facts([FIXTURES])
    session = new_session(Config(root=FIXTURES), facts, rules, Selection(select=("AG",)))
    return list(check_document(parse(text, path, default_date=DATE), session, pm))


def spans(text: str, findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.replacement) for f in findings]


def one(text: str) -> Finding:
    findings = lint(text)
    assert len(findings) == 1, findings
    return findings[0]


# --------------------------------------------------------------- name first


def test_name_first_after_anna_feminine_person_masculine_verb() -> None:
    text = "وذكرت الصحيفة أن قرداحي أرسل رسالة إلى الموظفين."
    f = one(text)
    assert f.code == "AG001"
    assert text[f.start : f.end] == "أرسل"
    assert f.replacement == "أرسلت"
    assert f.severity is Severity.ERROR
    assert "'أرسل' is masculine but Salma Haddad is female" in f.message
    assert "salma-haddad.gender" in sources(f)
    assert "https://example.org/salma-haddad" in sources(f)
    assert [r.id for r in f.facts] == ["salma-haddad.gender"]


def test_name_first_full_name_at_sentence_start() -> None:
    text = "سلمى قرداحي قال إن الشركة مستقرة."
    assert spans(text, lint(text)) == [("قال", "قالت")]


def test_name_first_male_person_feminine_verb() -> None:
    text = "بشناق قالت إن الشركة مستقرة."
    f = one(text)
    assert (text[f.start : f.end], f.replacement) == ("قالت", "قال")
    assert "'قالت' is feminine but Karim Nassar is male" in f.message


@pytest.mark.parametrize("link", ["قد", "لقد"])
def test_name_first_with_qad(link: str) -> None:
    text = f"وقال المتحدث إن قرداحي {link} استقال من منصبه."
    assert spans(text, lint(text)) == [("استقال", "استقالت")]


def test_name_first_after_amma() -> None:
    text = "أما قرداحي فقال إن الأمر انتهى."
    assert spans(text, lint(text)) == [("فقال", "فقالت")]


def test_name_first_defective_verbs() -> None:
    text = "وأكدت الصحيفة أن قرداحي نفى الخبر، لكن بشناق تلقت رسالة."
    assert spans(text, lint(text)) == [("نفى", "نفت"), ("تلقت", "تلقى")]


def test_span_and_fix_with_diacritics() -> None:
    text = "ذكرت الصحيفة أن قرداحي أرسلَ رسالة."
    assert spans(text, lint(text)) == [("أرسلَ", "أرسلت")]


# --------------------------------------------------------------- verb first


def test_verb_first_masculine_verb_before_woman() -> None:
    text = "قال سلمى قرداحي إن الشركة مستقرة."
    f = one(text)
    assert (text[f.start : f.end], f.replacement) == ("قال", "قالت")
    assert f.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وأعلنت بشناق عودته إلى الشركة.", ("وأعلنت", "وأعلن")),
        ("فقال قرداحي إن الأمر انتهى.", ("فقال", "فقالت")),
        ("وأضاف قرداحي أن الفريق باق.", ("وأضاف", "وأضافت")),
        ("ثم عاد قرداحي إلى المكتب.", ("عاد", "عادت")),
    ],
)
def test_verb_first_with_proclitics_and_particles(text: str, expected: tuple[str, str]) -> None:
    assert spans(text, lint(text)) == [expected]


def test_verb_first_after_comma_is_a_warning() -> None:
    text = "بعد فترة وجيزة، أعلن قرداحي استقالته."
    f = one(text)
    assert (text[f.start : f.end], f.replacement) == ("أعلن", "أعلنت")
    assert f.severity is Severity.WARNING


# --------------------------------------------------------------- imperfect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قرداحي يقول إن العمل مستمر.", ("يقول", "تقول")),
        ("ويقول قرداحي إن العمل مستمر.", ("ويقول", "وتقول")),
        ("بشناق تقول إن العمل مستمر.", ("تقول", "يقول")),
        ("ويؤكد قرداحي أن الفريق باق.", ("ويؤكد", "وتؤكد")),
        ("وأعلنت الشركة أن قرداحي سيغادر الشهر المقبل.", ("سيغادر", "ستغادر")),
        ("ولم تستعيد بشناق مكانه بعد.", ("تستعيد", "يستعيد")),
        ("لم يكن قرداحي على علم بالقرار.", ("يكن", "تكن")),
    ],
)
def test_imperfect_verbs(text: str, expected: tuple[str, str]) -> None:
    assert spans(text, lint(text)) == [expected]


# --------------------------------------------------------------- follow-up


def test_follow_up_verb_in_the_same_clause() -> None:
    text = (
        "وذكرت الصحيفة أن قرداحي أرسل رسالة إلى الموظفين على منصة سلاك يقول فيها "
        "“ما زلنا نعمل عليها”."
    )
    findings = lint(text)
    assert spans(text, findings) == [("أرسل", "أرسلت"), ("يقول", "تقول")]
    assert findings[0].severity is Severity.ERROR
    assert findings[1].severity is Severity.WARNING
    assert "the subject it continues" in findings[1].message


def test_follow_up_after_an_agreeing_verb() -> None:
    text = "وأرسلت قرداحي رسالة إلى الموظفين يقول فيها إن العمل مستمر."
    assert spans(text, lint(text)) == [("يقول", "تقول")]


def test_follow_up_male() -> None:
    text = "وكتب بشناق منشورا طويلا على موقعه تقول فيه إنه سيعود."
    assert spans(text, lint(text)) == [("تقول", "يقول")]


@pytest.mark.parametrize(
    "text",
    [
        # the letter "says that": the verb agrees with رسالة, not with the sender
        "وذكرت الصحيفة أن بشناق أرسل رسالة إلى الموظفين تقول إن العمل مستمر.",
        # a clause break, another person, a relative clause in between
        "وذكرت الصحيفة أن قرداحي أرسلت رسالة، يقول فيها إن العمل مستمر.",
        "وذكرت الصحيفة أن قرداحي أرسلت رسالة إلى بشناق يقول فيها إن العمل مستمر.",
        "وذكرت الصحيفة أن قرداحي أرسلت رسالة إلى المدير الذي يقول فيها إن العمل مستمر.",
    ],
)
def test_follow_up_only_where_safe(text: str) -> None:
    assert lint(text) == []


# --------------------------------------------------------------- quotes


def test_quoted_speech_is_lowered() -> None:
    text = "وقال المتحدث: «إن قرداحي قال إن الأمر انتهى»."
    f = one(text)
    assert (text[f.start : f.end], f.replacement) == ("قال", "قالت")
    assert f.severity is Severity.WARNING
    assert f.message.endswith("(in quoted speech)")


# --------------------------------------------------------------- titles


def test_feminine_title_for_a_man() -> None:
    text = "وقال كريم بشناق، الرئيسة التنفيذية لشركة نيمبس لابس، إن الشركة مستقرة."
    f = one(text)
    assert (text[f.start : f.end], f.replacement) == ("الرئيسة التنفيذية", "الرئيس التنفيذي")
    assert f.severity is Severity.ERROR
    assert "karim-nassar.gender" in sources(f)


# --------------------------------------------------------------- no findings


@pytest.mark.parametrize(
    "text",
    [
        # agreeing verbs, both orders, both genders
        "وقالت سلمى قرداحي إن الشركة مستقرة.",
        "وقال كريم بشناق إن الشركة مستقرة.",
        "وذكرت الصحيفة أن قرداحي أرسلت رسالة إلى الموظفين تقول فيها إن العمل مستمر.",
        "بشناق يقول إن العمل مستمر، وقرداحي تقول إنه متوقف.",
        # a masculine title for a woman is standard Arabic journalism
        "وقالت سلمى قرداحي، الرئيس التنفيذي للتكنولوجيا في نيمبس لابس، إن العمل مستمر.",
        "سلمى قرداحي، كبير مسؤولي التكنولوجيا لشركة نيمبس لابس، قالت إن العمل مستمر.",
        # the verb agrees with another noun
        "وقعت الغالبية العظمى من الموظفين، بما في ذلك قرداحي، على الرسالة.",
        "وقالت شركة بشناق إن العمل مستمر.",
        "شركة بشناق قالت إن العمل مستمر.",
        "وأعلن مكتب قرداحي أن العمل مستمر.",
        # the name is an object, not a subject
        "الشركة التي عينت بشناق رئيسا تنفيذيا أعلنت ذلك أمس.",
        "أقال المجلس بشناق ثم عين قرداحي مكانه.",
        "وأبلغت بشناق بالقرار.",
        "وأخبر المدير قرداحي بالقرار.",
        # a preposition or conjunction on the name
        "وقال لقرداحي إن العمل مستمر.",
        "قال بشناق وقرداحي إن العمل مستمر.",
        # a verbal noun after a comma: "Haddad's refusal"
        "وأثار ذلك، رفض قرداحي للعرض، استغراب الموظفين.",
        # the name is a topic; the verb has another subject
        "وقيل إن بشناق كانت له علاقة بالقرار.",
        # ambiguous: تحدث may be the feminine imperfect تُحدِث
        "وأكدت الصحيفة أن قرداحي تحدث تغييرا كبيرا.",
        # no gender in the facts
        "وقالت لي بارك إن العمل مستمر.",
        # the verb is not adjacent
        "قرداحي، التي تولت المنصب العام الماضي، قالت إن العمل مستمر.",
    ],
)
def test_correct_sentences_have_no_findings(text: str) -> None:
    assert lint(text) == []


def test_english_article_has_no_findings() -> None:
    text = (
        "Salma Haddad said she sent a message to staff. Karim Nassar, the chief "
        "executive of Nimbus Labs, said he would stay. Haddad, the CTO, agreed.\n"
    )
    assert lint(text, "a.en.md") == []


# --------------------------------------------------------------- verb table


def test_no_form_reads_as_both_genders() -> None:
    readings: dict[str, set[bool]] = defaultdict(set)
    for form, reading in verb_forms():
        readings[form].add(reading.feminine)
    for form, reading in FORMS.items():
        assert readings[form] == {reading.feminine}, form


def test_table_forms() -> None:
    masculine = {fold(m) for m, _, _ in VERBS}
    assert len(masculine) == len(VERBS)
    for _, imperfect, flags in VERBS:
        assert set(flags) <= {"v", "n"}
        for form in imperfect.split("|") if imperfect else ():
            assert form.startswith("ي"), form


@pytest.mark.parametrize(
    ("word", "prefix", "feminine", "imperfect"),
    [
        ("وقالت", "و", True, False),
        ("فقال", "ف", False, False),
        ("سيقول", "س", False, True),
        ("وستقول", "وس", True, True),
        ("تلقت", "", True, False),
    ],
)
def test_read_verb(word: str, prefix: str, feminine: bool, imperfect: bool) -> None:
    read = read_verb(fold(word))
    assert read is not None
    assert read[0] == prefix
    assert (read[1].feminine, read[1].imperfect) == (feminine, imperfect)


@pytest.mark.parametrize("word", ["الرساله", "سقال", "لقال", "تلقى", "موظفين"])
def test_read_verb_rejects(word: str) -> None:
    assert read_verb(fold(word)) is None
