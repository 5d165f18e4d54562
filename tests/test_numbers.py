"""Tests of the numbers family: extraction of numeric claims and rules ND001-ND005."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factlint.claims import extract_claims
from factlint.config import Config
from factlint.document import parse
from factlint.engine import check_document, new_session
from factlint.facts.loader import load_facts
from factlint.facts.model import Facts
from factlint.mentions import build_lexicon, find_mentions
from factlint.model import Claims, Finding, Severity
from factlint.plugins import collect_rules, new_plugin_manager
from factlint.quotes import scan_prose
from factlint.rules.numbers import weekday_word
from factlint.segment import segment
from factlint.selection import Selection
from factlint.tokens import tokenize

FIXTURES = Path(__file__).parent / "fixtures" / "numbers"
DOC_DATE = dt.date(2023, 11, 24)


def sources(finding: Finding) -> str:
    """The facts' sources of a finding, as one string."""
    return " ".join(f"{r.id} {r.source}" for r in finding.facts)


@pytest.fixture(scope="module")
def facts() -> Facts:
    return load_facts([FIXTURES])


def lint(
    text: str, facts: Facts, day: dt.date | None = DOC_DATE, tmp: Path | None = None
) -> list[Finding]:
    pm = new_plugin_manager()
    rules = collect_rules(pm)
    session = new_session(Config(root=tmp or FIXTURES), facts, rules, Selection(("ND",)))
    doc = parse(text, "a.md", default_date=day)
    return list(check_document(doc, session, pm))


def claims_of(text: str, facts: Facts) -> Claims:
    doc = parse(text, "a.md", default_date=DOC_DATE)
    norm = doc.normalized()
    tokens = tokenize(norm)
    mentions = find_mentions(norm, tokens, build_lexicon(facts))
    return extract_claims(
        doc, norm, tokens, segment(norm, tokens), mentions, scan_prose(doc.prose), facts
    )


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def only(findings: list[Finding], code: str) -> Finding:
    assert [f.code for f in findings] == [code], [(f.code, f.message) for f in findings]
    return findings[0]


# -- ND001 ages ---------------------------------------------------------------------

AGE_WRONG = [
    ("Lina Haddad, 42, said the plan was sound.", "42"),
    ("The 42-year-old Lina Haddad resigned.", "42"),
    ("Nimbus Labs fired Lina Haddad on Friday. The board said the 40-year-old had lied.", "40"),
    ("Haddad, aged 45, resigned.", "45"),
    ("Lina Haddad (45) resigned.", "45"),
    ("Karim Nassar, 50, resigned.", "50"),
    ("قالت لينا حداد البالغة من العمر 40 عاما إن الخطة جيدة.", "40"),
    ("قالت لينا حداد، البالغة من العمر ٤١ عامًا، إن الخطة جيدة.", "٤١"),
    ("أقالت نيمبس لابز لينا حداد.\nوقال المجلس إن المرأة البالغة من العمر 40 عاما كذبت.", "40"),
    ("لينا حداد (40 عاما) استقالت.", "40"),
    ("استقالت لينا حداد التي يبلغ من العمر 44 عاما.", "44"),
]


@pytest.mark.parametrize(("text", "needle"), AGE_WRONG)
def test_wrong_age_is_found(text: str, needle: str, facts: Facts) -> None:
    finding = only(lint(text, facts), "ND001")
    assert (finding.line, finding.column) == position(text, needle)
    assert finding.severity is Severity.ERROR
    assert "born" in finding.message and "https://example.org/" in sources(finding)


AGE_RIGHT = [
    "Lina Haddad, 43, said the plan was sound.",
    "The 43-year-old Lina Haddad resigned.",
    "Nimbus Labs fired Lina Haddad on Friday. The board said the 43-year-old had lied.",
    "Karim Nassar, 47, resigned. Karim Nassar, 48, resigned.",
    "قالت لينا حداد البالغة من العمر ٤٣ عاما إن الخطة جيدة.",
    "قالت لينا حداد، البالغة من العمر 43 عامًا، إن الخطة جيدة.",
    "أقالت نيمبس لابز لينا حداد. وقال المجلس إن المرأة البالغة من العمر 43 عاما كذبت.",
    # nobody to attach the age to
    "Nimbus Labs fired its chief executive. The 41-year-old said she was surprised.",
    # an anaphor points back: not to a person named after it, nor to one of two
    "The 41-year-old will be replaced by the company's chief, Lina Haddad.",
    "Tom Berg resigned and Lina Haddad stayed. The 41-year-old said she was surprised.",
    "A 30-year-old man was arrested.",
    "Lina Haddad said the company is 8 years old.",
    # the age of a birthday a few days before the document date (born 1990-11-20)
    "Tom Berg, 32, resigned on Friday.",
    "Tom Berg, 33, resigned on Friday.",
]


@pytest.mark.parametrize("text", AGE_RIGHT)
def test_right_age_is_silent(text: str, facts: Facts) -> None:
    assert lint(text, facts) == []


def test_age_replacement_keeps_digits(facts: Facts) -> None:
    text = "قالت لينا حداد البالغة من العمر ٤٠ عاما إن الخطة جيدة."
    assert only(lint(text, facts), "ND001").replacement == "٤٣"
    text = "Lina Haddad, 42, said the plan was sound."
    assert only(lint(text, facts), "ND001").replacement == "43"
    # only a birth year: no single right age to suggest
    assert only(lint("Karim Nassar, 50, resigned.", facts), "ND001").replacement is None


def test_age_needs_a_document_date(facts: Facts) -> None:
    assert lint("Lina Haddad, 42, said the plan was sound.", facts, day=None) == []


def test_age_in_quoted_speech_is_lowered(facts: Facts) -> None:
    finding = only(lint('She said: "Lina Haddad, 42, lied to us."', facts), "ND001")
    assert finding.severity is Severity.WARNING
    assert "(in quoted speech)" in finding.message


def test_age_claims_are_attached(facts: Facts) -> None:
    claims = claims_of("Nimbus Labs fired Lina Haddad. The 43-year-old left.", facts)
    assert [(c.person.target if c.person else None, c.age) for c in claims.ages] == [
        ("lina-haddad", 43)
    ]
    # the only person of the right gender in the previous two sentences
    text = "غادر توم بيرغ. وقالت لينا حداد إنها ستعود. وقال المجلس إن الرجل البالغ من العمر 33 عاما غادر."
    claims = claims_of(text, facts)
    assert [c.person.target if c.person else None for c in claims.ages] == ["tom-berg"]
    # too far back: nobody
    text = "غادر توم بيرغ. وقالت لينا حداد إنها ستعود. وقال المجلس. ثم إن الرجل البالغ من العمر 33 عاما غادر."
    assert [c.person for c in claims_of(text, facts).ages] == [None]


# -- ND002 weekdays ---------------------------------------------------------------------

WEEKDAY_WRONG = [
    ("The board met on Thursday, November 17, 2023.", "Thursday", "Friday"),
    ("The board met on Thursday 17 November.", "Thursday", "Friday"),
    ("The board met on Thursday (Nov. 17).", "Thursday", "Friday"),
    ("The board met on friday the 18th of November 2023.", "friday", "saturday"),
    ("The vote was on Tue, Nov. 22.", "Tue", "Wed"),
    ("أعلن المجلس يوم الخميس الموافق 17 نوفمبر/تشرين الثاني أنه أقال حداد.", "الخميس", "الجمعة"),
    ("أعلن المجلس الخميس، 17 تشرين الثاني 2023 أنه أقال حداد.", "الخميس", "الجمعة"),
    ("وفي يوم الأحد ١٨ كانون الثاني قال المجلس إنه سيجتمع.", "الأحد", "الخميس"),
    ("وقال المجلس يوم السبت 17 نوفمبر 2023 إنه سيجتمع.", "السبت", "الجمعة"),
    ("وتم الإعلان يوم جمعة ١٩ آذار ٢٠٢٢.", "جمعة", "سبت"),
]


@pytest.mark.parametrize(("text", "needle", "right"), WEEKDAY_WRONG)
def test_wrong_weekday_is_found(text: str, needle: str, right: str, facts: Facts) -> None:
    finding = only(lint(text, facts), "ND002")
    assert (finding.line, finding.column) == position(text, needle)
    assert finding.end - finding.start == len(needle)
    assert finding.replacement == right


WEEKDAY_RIGHT = [
    "The board met on Friday, November 17, 2023.",
    "The board met on Friday 17 November.",
    "On Friday (Nov. 17) the board met.",
    "أعلن مجلس الإدارة يوم الجمعة الموافق 17 نوفمبر/تشرين الثاني أنه أقال حداد.",
    "أعلن المجلس الجمعة 17 تشرين الثاني 2023 أنه أقال حداد.",
    "أعلن المجلس يوم الجمعة ١٧ نوفمبر ٢٠٢٣ أنه أقال حداد.",
    "وفي يوم الأربعاء 22 تشرين الثاني عاد.",
    "وفي يوم الخميس 18 يناير عاد.",  # next January is nearest to the document date
    "He sat 17 November exams.",
    "The vote was on Wed, Nov. 22.",  # "sat" is not a weekday here
]


@pytest.mark.parametrize("text", WEEKDAY_RIGHT)
def test_right_weekday_is_silent(text: str, facts: Facts) -> None:
    assert lint(text, facts) == []


def test_weekday_without_year_needs_a_document_date(facts: Facts) -> None:
    assert lint("The board met on Thursday 17 November.", facts, day=None) == []
    assert [f.code for f in lint("Thursday, November 17, 2023.", facts, day=None)] == ["ND002"]


def test_weekday_word_forms() -> None:
    assert weekday_word(4, "Thursday") == "Friday"
    assert weekday_word(4, "THU") == "FRI"
    assert weekday_word(4, "thu.") == "fri"
    assert weekday_word(4, "الخميس") == "الجمعة"
    assert weekday_word(4, "خميس") == "جمعة"


def test_date_claims(facts: Facts) -> None:
    claims = claims_of("يوم الجمعة الموافق 17 نوفمبر/تشرين الثاني 2023", facts)
    assert [(c.weekday, c.day, c.month, c.year) for c in claims.dates] == [(4, 17, 11, 2023)]
    claims = claims_of("on Friday (Nov. 17)", facts)
    assert [(c.weekday, c.day, c.month, c.year) for c in claims.dates] == [(4, 17, 11, None)]


# -- ND003 years -----------------------------------------------------------------------

YEAR_WRONG = [
    ("Nimbus Labs, founded in 2013, makes drones.", "2013"),
    ("Founded in 2014, Nimbus Labs makes drones.", "2014"),
    ("Nimbus Labs was founded in March 2013 by Lina Haddad.", "2013"),
    ("Lina Haddad co-founded Nimbus Labs in 2011.", "2011"),
    ("Lina Haddad was born in 1981 in Beirut.", "1981"),
    ("تأسست نيمبس لابز في عام 2013.", "2013"),
    ("نيمبس لابز، التي تأسست عام ٢٠١٤، تصنع الطائرات.", "٢٠١٤"),
    ("وُلدت لينا حداد عام 1979 في بيروت.", "1979"),
    ("لينا حداد التي ولدت في 15 يونيو 1982 استقالت.", "1982"),
]


@pytest.mark.parametrize(("text", "needle"), YEAR_WRONG)
def test_wrong_year_is_found(text: str, needle: str, facts: Facts) -> None:
    finding = only(lint(text, facts), "ND003")
    assert (finding.line, finding.column) == position(text, needle)
    assert "https://example.org/" in sources(finding)
    assert finding.replacement in ("2012", "1980", "٢٠١٢")


YEAR_RIGHT = [
    "Nimbus Labs, founded in 2012, makes drones.",
    "تأسست نيمبس لابز في عام ٢٠١٢ بهدف صنع الطائرات.",
    "Lina Haddad was born in Beirut in 1980.",
    # the year belongs to someone or something else
    "Nimbus Labs's rival Skyward, founded in 2019, makes drones.",
    "Lina Haddad founded Skyward in 2019.",
    "Tom Berg, whose mother was born in 1960, spoke.",
    "أسست لينا حداد شركة سكاي وورد عام 2019.",
]


@pytest.mark.parametrize("text", YEAR_RIGHT)
def test_right_year_is_silent(text: str, facts: Facts) -> None:
    assert lint(text, facts) == []


# -- ND004 counts -----------------------------------------------------------------------

COUNT_WRONG = [
    ("Nimbus Labs's 1,100 employees were told.", "1,100"),
    ("Nimbus Labs has 900 employees.", "900"),
    ("All 900 Nimbus Labs staff signed.", "900"),
    ("900 of the 1,000 Nimbus Labs employees signed.", "1,000"),
    ("Nearly all of Orbit AI's 900 employees signed.", "900"),
    ("وقعت الغالبية العظمى من موظفي أوربت إيه آي البالغ عددهم 950 موظفًا على الرسالة.", "950"),
    ("وقع 700 من أصل 950 موظفا في أوربت إيه آي على الرسالة.", "950"),
    ("يعمل في نيمبس لابز ١٥٠٠ موظف.", "١٥٠٠"),
    ("يبلغ عدد موظفي نيمبس لابز 1500 موظف.", "1500"),
]


@pytest.mark.parametrize(("text", "needle"), COUNT_WRONG)
def test_wrong_count_is_found(text: str, needle: str, facts: Facts) -> None:
    finding = only(lint(text, facts), "ND004")
    assert (finding.line, finding.column) == position(text, needle)
    assert "employees.2023-" in sources(finding) and "https://example.org/" in sources(finding)


COUNT_RIGHT = [
    "Nimbus Labs's 1,200 employees were told.",
    "900 of the 1,200 Nimbus Labs employees signed.",
    "900 Nimbus Labs staff signed the letter.",  # may be a part
    "More than 900 Nimbus Labs employees signed.",
    "the 700 Nimbus Labs employees who signed the letter",
    "Nearly all of Orbit AI's 770 employees signed.",
    "Nearly all of Orbit AI's 790 employees signed.",  # approximate: within 5%
    "700 of the 770 Orbit AI employees signed.",
    "وقعت الغالبية العظمى من موظفي أوربت إيه آي البالغ عددهم ٧٧٠ موظفًا على الرسالة.",
    "وقع 700 من أصل 770 موظفا في أوربت إيه آي على الرسالة.",
    "وقع نحو 770 موظفًا في أوربت إيه آي على الرسالة.",
    "وقع أكثر من 700 موظف في أوربت إيه آي على الرسالة.",
    "وقع حوالي 900 موظف في أوربت إيه آي على الرسالة.",
]


@pytest.mark.parametrize("text", COUNT_RIGHT)
def test_right_count_is_silent(text: str, facts: Facts) -> None:
    assert lint(text, facts) == []


def test_count_uses_quantity_closest_to_document_date(facts: Facts) -> None:
    text = "Nimbus Labs's 300 employees were told."
    assert [f.code for f in lint(text, facts)] == ["ND004"]
    assert lint(text, facts, day=dt.date(2019, 6, 1)) == []


def test_count_claims_mark_parts(facts: Facts) -> None:
    claims = claims_of("700 of the 770 Orbit AI employees signed.", facts)
    assert [(c.value, c.partial) for c in claims.counts] == [(700, True), (770, False)]
    claims = claims_of("وقع نحو 770 موظفًا في أوربت إيه آي على الرسالة.", facts)
    assert [(c.value, c.partial) for c in claims.counts] == [(770, True)]


# -- ND005 lists ------------------------------------------------------------------------

# Names in the next sentence are not the list an announced count refers to.
LIST_NOT_A_LIST = [
    "غادر كبار الباحثين الأربعة. آدا كيم وبن أودي وساي موس بقوا.",
    "Nimbus Labs lost four researchers. Ada Kim and Ben Ode stayed.",
]

LIST_WRONG = [
    (
        "تضم المدينة أربع جامعات كبيرة: جامعة الشمال، جامعة الساحل وجامعة الوادي؛ وإلى جانبها معاهد.",
        "أربع",
    ),
    ("Nimbus Labs lost three researchers: Ada Kim and Ben Ode.", "three"),
    ("Nimbus Labs lost three senior researchers: Ada Kim, Ben Ode, Cy Moss and Tom Berg.", "three"),
    ("Nimbus Labs lost four senior researchers: Ada Kim, Ben Ode and Jane Roe, who left.", "four"),
    ("The two founders — Ada Kim, Ben Ode and Cy Moss — left.", "two"),
    ("Nimbus Labs lost two researchers, including Ada Kim, Ben Ode and Cy Moss.", "two"),
    ("The two board members are: Ada Kim, an investor; Ben Ode, a chemist; and Cy Moss.", "two"),
    ("غادر كبار الباحثين الأربعة: آدا كيم وبن أودي وساي موس.", "الأربعة"),
    ("خسرت الشركة أربعة باحثين: سمير خليل ورامي حداد ونادر سالم.", "أربعة"),
    ("زار الوفد ثلاث دول هي مصر والسعودية والأردن وقطر.", "ثلاث"),
    (
        "أما أعضاء المجلس الاثنان الآخران فهما: آدا كيم، مؤسسة الشركة؛ وبن أودي، مستثمر؛"
        " وساي موس، مهندس.",
        "الاثنان",
    ),
]


@pytest.mark.parametrize(("text", "needle"), LIST_WRONG)
def test_wrong_list_count_is_found(text: str, needle: str, facts: Facts) -> None:
    finding = only(lint(text, facts), "ND005")
    assert (finding.line, finding.column) == position(text, needle)
    assert finding.severity is Severity.WARNING


LIST_RIGHT = [
    *LIST_NOT_A_LIST,
    "تضم المدينة ثلاث جامعات كبيرة: جامعة الشمال، جامعة الساحل وجامعة الوادي؛ وإلى جانبها معاهد.",
    "Nimbus Labs lost three senior researchers: Ada Kim, Ben Ode and Cy Moss.",
    "Nimbus Labs lost three researchers: Ada Kim, Ben Ode and Cy Moss, who all resigned.",
    "Nimbus Labs lost three researchers, including Ada Kim and Ben Ode.",
    "He spent three days there. Ada Kim said it was fine.",
    "The three board members are: Ada Kim, an investor; Ben Ode, a chemist; and Cy Moss.",
    "غادر كبار الباحثين الثلاثة: آدا كيم وبن أودي وساي موس",
    "غادر كبار الباحثين الثلاثة. آدا كيم وبن أودي وساي موس.",
    "خسرت الشركة ثلاثة باحثين: سمير خليل ورامي حداد ونادر سالم.",
    "زار الوفد ثلاث دول: مصر والسعودية والأردن، ثم عاد.",
    "أما أعضاء المجلس الثلاثة الآخرون فهم: آدا كيم، مؤسسة الشركة؛ وبن أودي، مستثمر؛"
    " وساي موس، مهندس.",
    "عُيّن رئيس تنفيذي ثالث للشركة في ثلاثة أيام. بعد فترة وجيزة، أعلن المجلس قراره.",
    "Nimbus Labs lost 3 researchers: Ada Kim, Ben Ode and Cy Moss.",
]


@pytest.mark.parametrize("text", LIST_RIGHT)
def test_right_list_is_silent(text: str, facts: Facts) -> None:
    assert lint(text, facts) == []


def test_list_items_are_names(facts: Facts) -> None:
    text = "غادر كبار الباحثين الثلاثة: آدا كيم وبن أودي وساي موس."
    claims = claims_of(text, facts)
    assert [[text[a:b] for a, b in c.items] for c in claims.lists] == [
        ["آدا كيم", "بن أودي", "ساي موس"]
    ]


# -- a whole article ---------------------------------------------------------------------

ARTICLE = """\
---
date: 2023-11-24
---
# Nimbus Labs board fires its chief executive

Nimbus Labs, founded in 2012, said on Friday, November 17, that Lina Haddad would leave.
The 43-year-old had led the company since 2016. More than 900 of its 1,200 employees
signed a letter. Three researchers quit: Ada Kim, Ben Ode and Cy Moss.

أعلنت نيمبس لابز يوم الخميس الموافق 17 نوفمبر/تشرين الثاني أنها أقالت لينا حداد.
وكانت لينا حداد البالغة من العمر ٤٣ عامًا قد أسست نيمبس لابز عام 2011.
"""


def test_article_findings_at_exact_positions(facts: Facts, tmp_path: Path) -> None:
    findings = lint(ARTICLE, facts, day=None, tmp=tmp_path)
    got = [(f.code, f.line, f.column) for f in findings]
    assert got == [
        ("ND002", *position(ARTICLE, "الخميس")),
        ("ND003", *position(ARTICLE, "2011")),
    ]
