"""Role claims (PERSON - TITLE - ORGANISATION - tense) in Arabic and English."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factlint.api import CheckContext
from factlint.model import RoleClaim, Tense

WorldContext = Callable[..., CheckContext]  # the world_context fixture (conftest.py)

Row = tuple[str, str, str | None, Tense]


def roles(world_context: WorldContext, text: str) -> list[RoleClaim]:
    return list(world_context(text).claims.roles)


def rows(claims: list[RoleClaim]) -> list[Row]:
    return [
        (c.person.target, c.title.target, c.org.target if c.org else None, c.tense) for c in claims
    ]


F, C, U = Tense.FORMER, Tense.CURRENT, Tense.UNSPECIFIED


# --------------------------------------------------------------------------- Arabic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "عمر حداد، الرئيس التنفيذي السابق لشركة البرمجيات زنتريكس، قال",
            [("omar-haddad", "ceo", "zentrix", F)],
        ),
        (
            "عمر حداد، الرئيس التنفيذي السابق لزنتريكس، قال",
            [("omar-haddad", "ceo", "zentrix", F)],
        ),
        (
            "إيميت شير، الرئيس التنفيذي لمنصة بث ألعاب الفيديو تويتش، قال",
            [("emmett-shear", "ceo", "twitch", U)],
        ),
        (
            "وقالت نادية كريمي، الرئيسة التنفيذية لشركة زنتريكس، إن",
            [("nadia-karimi", "ceo", "zentrix", U)],
        ),
        (
            "نادية كريمي، كبيرة مسؤولي التكنولوجيا السابقة في زنتريكس، قالت",
            [("nadia-karimi", "cto", "zentrix", F)],
        ),
        (
            "نادية كريمي، الرئيسة التنفيذية الحالية لزنتريكس، قالت",
            [("nadia-karimi", "ceo", "zentrix", C)],
        ),
        (
            "وقالت الرئيسة التنفيذية لزنتريكس نادية كريمي إن",
            [("nadia-karimi", "ceo", "zentrix", U)],
        ),
        (
            "عمر حداد، رئيس مجلس الإدارة والرئيس التنفيذي لزنتريكس، قال",
            [("omar-haddad", "chair", "zentrix", U), ("omar-haddad", "ceo", "zentrix", U)],
        ),
        (
            "وسامي كريمي، رائد أعمال في مجال التكنولوجيا، قال",
            [("sami-karimi", "entrepreneur", None, U)],
        ),
    ],
)
def test_arabic_role_claims(world_context: WorldContext, text: str, expected: list[Row]) -> None:
    assert rows(roles(world_context, text)) == expected


def test_arabic_feminine_title_is_recorded(world_context: WorldContext) -> None:
    (claim,) = roles(world_context, "نادية كريمي، الرئيسة التنفيذية لزنتريكس، قالت")
    assert claim.title.feminine is True
    (claim,) = roles(world_context, "عمر حداد، الرئيس التنفيذي السابق لزنتريكس، قال")
    assert claim.title.feminine is False


def test_arabic_descriptor_between_title_and_org(world_context: WorldContext) -> None:
    text = "عمر حداد، الرئيس التنفيذي السابق لشركة البرمجيات زنتريكس، قال"
    (claim,) = roles(world_context, text)
    assert claim.descriptor is not None
    assert text[claim.descriptor[0] : claim.descriptor[1]] == "لشركة البرمجيات"
    assert claim.org is not None and text[claim.org.start : claim.org.end] == "زنتريكس"
    assert text[claim.start : claim.end] == text[: text.index("،", 10)]


def test_arabic_unknown_org_word_is_recorded_in_org_slot(world_context: WorldContext) -> None:
    text = "وتم تعيين إيميت شير، الرئيس التنفيذي السابق لمنصة بث ألعاب الفيديو سويتش، رئيسا"
    (claim,) = roles(world_context, text)
    assert rows([claim]) == [("emmett-shear", "ceo", None, F)]
    assert claim.org_slot is not None
    assert text[claim.org_slot[0] : claim.org_slot[1]] == "سويتش"
    assert claim.org_slot_text == "سويتش"
    assert claim.descriptor is not None
    assert text[claim.descriptor[0] : claim.descriptor[1]] == "لمنصة بث ألعاب الفيديو"
    assert claim.end == claim.org_slot[1]


def test_role_being_given_is_not_an_apposition(world_context: WorldContext) -> None:
    # "appointed ... as CEO": no claim that she already holds it
    assert roles(world_context, "عينت زنتريكس نادية كريمي بمنصب الرئيسة التنفيذية") == []
    assert roles(world_context, "عملت نادية كريمي كرئيسة تنفيذية") == []


def test_quoted_claim_is_marked(world_context: WorldContext) -> None:
    text = "قال: «عمر حداد، الرئيس التنفيذي لزنتريكس، غادر»"
    (claim,) = roles(world_context, text)
    assert claim.quoted


# -------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Omar Haddad, the former chief executive of Zentrix, said",
            [("omar-haddad", "ceo", "zentrix", F)],
        ),
        (
            "Omar Haddad, the ex-CEO of Zentrix, said",
            [("omar-haddad", "ceo", "zentrix", F)],
        ),
        (
            "Nadia Karimi, the current chief executive of Zentrix, said",
            [("nadia-karimi", "ceo", "zentrix", C)],
        ),
        (
            "Omar Haddad, Zentrix's chairman, said",
            [("omar-haddad", "chair", "zentrix", U)],
        ),
        (
            "Zentrix's chief executive Nadia Karimi said",
            [("nadia-karimi", "ceo", "zentrix", U)],
        ),
        (
            "Zentrix’s former chief executive Omar Haddad said",
            [("omar-haddad", "ceo", "zentrix", F)],
        ),
        (
            "Zentrix CEO Nadia Karimi said",
            [("nadia-karimi", "ceo", "zentrix", U)],
        ),
        (
            "Chief executive of Zentrix, Nadia Karimi, said",
            [("nadia-karimi", "ceo", "zentrix", U)],
        ),
        (
            "The former chief executive of Twitch, Emmett Shear, said",
            [("emmett-shear", "ceo", "twitch", F)],
        ),
        (
            "Chief executive Nadia Karimi said",
            [("nadia-karimi", "ceo", None, U)],
        ),
        (
            "Omar Haddad, the former chairman and chief executive of Zentrix, said",
            [("omar-haddad", "chair", "zentrix", F), ("omar-haddad", "ceo", "zentrix", F)],
        ),
        (
            "Sami Karimi, an entrepreneur, said",
            [("sami-karimi", "entrepreneur", None, U)],
        ),
    ],
)
def test_english_role_claims(world_context: WorldContext, text: str, expected: list[Row]) -> None:
    assert rows(roles(world_context, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nadia Karimi, the chief executive of Zentrix, said",
        "Nadia Karimi, chief executive of Zentrix, said",
        "Omar Haddad, the chairman of Zentrix, said",
    ],
)
def test_english_apposition_without_tense_word_links_the_org(
    world_context: WorldContext, text: str
) -> None:
    (claim,) = roles(world_context, text)
    assert claim.org is not None and claim.org.target == "zentrix"


def test_english_apposition_org_possessive_former_title(world_context: WorldContext) -> None:
    text = "Omar Haddad, Zentrix's former CEO, said"
    assert rows(roles(world_context, text)) == [("omar-haddad", "ceo", "zentrix", F)]


def test_english_unknown_org_word_is_recorded_in_org_slot(world_context: WorldContext) -> None:
    text = "Emmett Shear, the former chief of streaming platform Twich, said"
    (claim,) = roles(world_context, text)
    assert rows([claim]) == [("emmett-shear", "ceo", None, F)]
    assert claim.org_slot is not None
    assert text[claim.org_slot[0] : claim.org_slot[1]] == "Twich"
    assert claim.descriptor is not None
    assert "streaming platform" in text[claim.descriptor[0] : claim.descriptor[1]]


def test_claim_span_covers_person_title_and_org(world_context: WorldContext) -> None:
    text = "Earlier, Omar Haddad, the former chief executive of Zentrix, said"
    (claim,) = roles(world_context, text)
    assert text[claim.start : claim.end] == "Omar Haddad, the former chief executive of Zentrix"
    assert not claim.quoted


def test_no_claim_across_a_sentence_break(world_context: WorldContext) -> None:
    assert roles(world_context, "Nadia Karimi spoke. The chief executive left.") == []
    assert roles(world_context, "The chief executive. Nadia Karimi spoke.") == []


def test_title_alone_or_person_alone_make_no_claim(world_context: WorldContext) -> None:
    assert roles(world_context, "Nadia Karimi, who spoke, left.") == []
    assert roles(world_context, "The chief executive of Zentrix left.") == []


def test_quoted_english_claim(world_context: WorldContext) -> None:
    text = 'He said: "Omar Haddad, the former chief executive of Zentrix, left."'
    (claim,) = roles(world_context, text)
    assert claim.quoted
