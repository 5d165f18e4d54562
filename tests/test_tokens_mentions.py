"""Tokenization and mention finding, with exact offsets into the original text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from factlint.api import CheckContext
from factlint.mentions import strip_proclitics
from factlint.model import Mention, MentionKind, NameStatus
from factlint.normalize import normalize
from factlint.tokens import Kind, Script, Token, tokenize

WorldContext = Callable[..., CheckContext]  # the world_context fixture (conftest.py)


def toks(text: str) -> list[Token]:
    return list(tokenize(normalize(text)))


def words(text: str) -> list[str]:
    return [t.text for t in toks(text) if t.kind in (Kind.WORD, Kind.NUMBER)]


# ---------------------------------------------------------------------- tokenization


def test_words_do_not_straddle_a_change_of_script() -> None:
    result = toks("لOpenAI وZentrix")
    assert [(t.text, t.script) for t in result] == [
        ("ل", Script.ARABIC),
        ("openai", Script.LATIN),
        ("و", Script.ARABIC),
        ("zentrix", Script.LATIN),
    ]


def test_possessive_s_is_split_off_and_recorded() -> None:
    result = toks("OpenAI's staff and Zentrix’s CEO")
    assert [t.text for t in result] == ["openai", "staff", "and", "zentrix", "ceo"]
    assert [t.possessive for t in result] == [True, False, False, True, False]


def test_apostrophe_inside_a_latin_word_is_kept() -> None:
    assert words("Adam D'Angelo and d’angelo") == ["adam", "d'angelo", "and", "d'angelo"]
    assert words("O'Brien's") == ["o'brien"]


def test_words_that_merely_start_with_s_after_apostrophe_are_not_possessives() -> None:
    result = toks("rock'sound")
    assert [t.text for t in result] == ["rock'sound"]
    assert not result[0].possessive


def test_numbers_keep_their_separators_and_arabic_indic_digits_fold() -> None:
    assert words("1,234.5 and ١٬٢٣٤ and ٧٧٠ and 3.") == [
        "1,234.5",
        "and",
        "1٬234",
        "and",
        "770",
        "and",
        "3",
    ]
    kinds = [t.kind for t in toks("770.")]
    assert kinds == [Kind.NUMBER, Kind.PUNCT]


def test_hyphen_splits_latin_compounds() -> None:
    assert [t.text for t in toks("co-CEO")] == ["co", "-", "ceo"]


def test_newlines_are_tokens_and_spaces_are_not() -> None:
    result = toks("a\n b")
    assert [t.kind for t in result] == [Kind.WORD, Kind.NEWLINE, Kind.WORD]


def test_arabic_diacritics_and_tatweel_do_not_split_a_word() -> None:
    assert words("أَلـتـمان قال") == ["التمان", "قال"]


def test_token_offsets_are_normalized_offsets() -> None:
    norm = normalize("مُوَظَّف Zentrix")
    for t in tokenize(norm):
        assert norm.text[t.start : t.end] == t.text


# ------------------------------------------------------------------------- proclitics


def test_strip_proclitics_readings() -> None:
    readings = strip_proclitics("والشركه")
    assert readings[0] == ("", "والشركه")
    assert ("و", "الشركه") in readings
    assert ("وال", "شركه") in readings
    assert ("ل", "الشركه") in strip_proclitics("للشركه")
    assert ("ول", "الشركه") in strip_proclitics("وللشركه")


def test_strip_proclitics_keeps_a_stem_of_two_letters() -> None:
    assert all(len(stem) >= 2 for _, stem in strip_proclitics("وبك"))


# ----------------------------------------------------------------------- mentions


def entity_mentions(ctx_mentions: tuple[Mention, ...]) -> list[tuple[str, str]]:
    return [(m.target, m.text) for m in ctx_mentions if m.kind is MentionKind.ENTITY]


def assert_exact_offsets(text: str, mentions: tuple[Mention, ...]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text, m


@pytest.mark.parametrize(
    ("text", "written", "prefix"),
    [
        ("وكريمي قالت", "كريمي", "و"),
        ("ونادية كريمي قالت", "نادية كريمي", "و"),
        ("فزنتريكس أعلنت", "زنتريكس", "ف"),
        ("عمل بزنتريكس", "زنتريكس", "ب"),
        ("قال لزنتريكس", "زنتريكس", "ل"),
        ("كزنتريكس تماما", "زنتريكس", "ك"),
        ("ولزنتريكس فروع", "زنتريكس", "ول"),
        ("وبزنتريكس فروع", "زنتريكس", "وب"),
        ("والزنتريكس", "زنتريكس", "وال"),
    ],
)
def test_arabic_proclitics_are_stripped_from_entity_names(
    world_context: WorldContext, text: str, written: str, prefix: str
) -> None:
    ctx = world_context(text + " نادية كريمي")
    first = next(m for m in ctx.mentions if m.kind is MentionKind.ENTITY)
    assert first.text == written
    assert first.prefix == prefix
    assert text[first.start : first.end] == written
    assert_exact_offsets(ctx.document.text, ctx.mentions)


def test_lam_lam_contraction_of_the_article(world_context: WorldContext) -> None:
    text = "قال للرئيس التنفيذي إن"
    ctx = world_context(text)
    (m,) = ctx.mentions
    assert m.kind is MentionKind.TITLE and m.target == "ceo"
    assert m.prefix == "ل"
    # the preposition is outside the span, the article's lam is inside it
    assert text[m.start : m.end] == "لرئيس التنفيذي"
    assert m.end == text.index(" إن")


def test_feminine_title_after_wa_lam(world_context: WorldContext) -> None:
    text = "وقال ولرئيسة مجلس الإدارة"
    (m,) = world_context(text).mentions
    assert (m.target, m.feminine, m.prefix) == ("chair", True, "ول")
    assert text[m.start : m.end] == "رئيسة مجلس الإدارة"


@pytest.mark.parametrize(
    "written",
    ["نادية كريـمي", "ناديَة كَريمي", "نـاديـة كـريـمـي", "نادِيَةُ كَرِيمِيّ", "ناديه كريمى"],
)
def test_diacritics_tatweel_and_letter_variants_inside_names(
    world_context: WorldContext, written: str
) -> None:
    text = f"قالت {written} أمس"
    ctx = world_context(text)
    (m,) = ctx.mentions
    assert m.target == "nadia-karimi"
    assert m.text == written
    assert text[m.start : m.end] == written


def test_diacritic_right_after_a_proclitic(world_context: WorldContext) -> None:
    text = "وَزنتريكس"
    (m,) = world_context(text).mentions
    assert m.text == "زنتريكس"
    assert m.start == 2


def test_trailing_diacritic_is_part_of_the_written_name(world_context: WorldContext) -> None:
    text = "زنتريكسُ كبيرة"
    (m,) = world_context(text).mentions
    assert m.text == "زنتريكسُ"


def test_arabic_indic_digits_in_text_around_mentions(world_context: WorldContext) -> None:
    text = "يعمل في زنتريكس ١٢٠٠ موظف منذ ٢٠١٠"
    ctx = world_context(text)
    assert entity_mentions(ctx.mentions) == [("zentrix", "زنتريكس")]
    numbers = [t.text for t in ctx.tokens if t.kind is Kind.NUMBER]
    assert numbers == ["1200", "2010"]


def test_english_possessive(world_context: WorldContext) -> None:
    text = "Zentrix's chief executive and Nadia Karimi’s board"
    ctx = world_context(text)
    assert entity_mentions(ctx.mentions) == [
        ("zentrix", "Zentrix"),
        ("nadia-karimi", "Nadia Karimi"),
    ]
    assert_exact_offsets(text, ctx.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "An Zentrixesque strategy.",
        "OpenZentrix is another firm.",
        "The Karimis came.",
        "تبنت الزنتريكسية نهجا",
        "Shearwater is a bird.",
    ],
)
def test_a_name_inside_a_longer_word_is_not_a_mention(
    world_context: WorldContext, text: str
) -> None:
    assert entity_mentions(world_context(text).mentions) == []


def test_latin_names_match_only_when_capitalised(world_context: WorldContext) -> None:
    text = "Zentrix grew; sheep shear wool in the ledger."
    ctx = world_context(text)
    assert entity_mentions(ctx.mentions) == [("zentrix", "Zentrix")]


def test_case_does_not_matter_for_all_caps(world_context: WorldContext) -> None:
    ctx = world_context("ZENTRIX grew.")
    assert entity_mentions(ctx.mentions) == [("zentrix", "ZENTRIX")]


def test_longest_match_wins(world_context: WorldContext) -> None:
    text = "The chief technology officer met Nadia Karimi."
    ctx = world_context(text)
    titles = [(m.target, m.text) for m in ctx.mentions if m.kind is MentionKind.TITLE]
    assert titles == [("cto", "chief technology officer")]
    people = [m for m in ctx.mentions if m.target == "nadia-karimi"]
    assert len(people) == 1 and people[0].status is NameStatus.PREFERRED
    assert people[0].text == "Nadia Karimi"


def test_longest_match_wins_for_arabic_titles(world_context: WorldContext) -> None:
    text = "الرئيس التنفيذي المشارك لزنتريكس"
    ctx = world_context(text)
    title = next(m for m in ctx.mentions if m.kind is MentionKind.TITLE)
    assert title.target == "co-ceo"
    assert title.text == "الرئيس التنفيذي المشارك"


def test_multiword_name_needs_its_words_adjacent(world_context: WorldContext) -> None:
    ctx = world_context("Nadia, Karimi")
    assert [m.status for m in ctx.mentions] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nadia Karimi spoke. Karimi said more.", "nadia-karimi"),
        ("Karimi said more. Sami Karimi spoke.", "sami-karimi"),
        ("قال كريمي ثم قالت نادية كريمي", "nadia-karimi"),
        ("ولكريمي رأي وسامي كريمي", "sami-karimi"),
    ],
)
def test_ambiguous_short_form_resolved_by_a_full_mention_elsewhere(
    world_context: WorldContext, text: str, expected: str
) -> None:
    ctx = world_context(text)
    shorts = [m for m in ctx.mentions if m.status is NameStatus.SHORT]
    assert len(shorts) == 1
    assert shorts[0].target == expected
    assert shorts[0].text in ("Karimi", "كريمي")
    assert_exact_offsets(text, ctx.mentions)


def test_ambiguous_short_form_without_full_mention_is_dropped(
    world_context: WorldContext,
) -> None:
    assert world_context("Karimi said.").mentions == ()
    # both full names present: still ambiguous
    ctx = world_context("Nadia Karimi and Sami Karimi met. Karimi spoke.")
    assert [m.target for m in ctx.mentions] == ["nadia-karimi", "sami-karimi"]


def test_unique_short_form_needs_no_full_mention(world_context: WorldContext) -> None:
    ctx = world_context("Haddad spoke to Shear.")
    # "shear" is also a common English word: it names Emmett Shear only after his full name
    assert entity_mentions(ctx.mentions) == [("omar-haddad", "Haddad")]
    ctx = world_context("Emmett Shear arrived. Haddad spoke to Shear.")
    assert entity_mentions(ctx.mentions)[-1] == ("emmett-shear", "Shear")


def test_statuses_of_name_forms(world_context: WorldContext) -> None:
    text = "عمر حداد وعمر الحداد وحداد وناديا كريمي والدفتر"
    ctx = world_context(text)
    got = [(m.target, m.status) for m in ctx.mentions]
    assert got == [
        ("omar-haddad", NameStatus.PREFERRED),
        ("omar-haddad", NameStatus.VARIANT),
        ("omar-haddad", NameStatus.SHORT),
        ("nadia-karimi", NameStatus.AVOID),
        ("the-ledger", NameStatus.LITERAL),
    ]
    assert_exact_offsets(text, ctx.mentions)


def test_feminine_and_masculine_arabic_title_forms(world_context: WorldContext) -> None:
    ctx = world_context("الرئيسة التنفيذية والرئيس التنفيذي")
    assert [(m.target, m.feminine) for m in ctx.mentions] == [("ceo", True), ("ceo", False)]
    ctx = world_context("the chief executive")
    assert [(m.target, m.feminine) for m in ctx.mentions] == [("ceo", None)]


def test_offsets_are_exact_in_a_mixed_document(world_context: WorldContext) -> None:
    text = (
        "---\ndate: 2023-06-01\n---\n"
        "\u200fقالت نادِيَة كريمي، الرئيسة التنفيذية لـزنتريكس (Zentrix)، "
        "إن Zentrix’s staff و«ذا ليدجر» وOmar Haddad's team…\n"
        "ألتمان وإيميت شير\n"
    )
    ctx = world_context(text)
    assert_exact_offsets(text, ctx.mentions)
    assert entity_mentions(ctx.mentions) == [
        ("nadia-karimi", "نادِيَة كريمي"),
        ("zentrix", "زنتريكس"),
        ("zentrix", "Zentrix"),
        ("zentrix", "Zentrix"),
        ("the-ledger", "ذا ليدجر"),
        ("omar-haddad", "Omar Haddad"),
        ("emmett-shear", "إيميت شير"),
    ]
    # no mention inside the front matter
    assert all(m.start >= text.index("\u200f") for m in ctx.mentions)


def test_offsets_exclude_trailing_bidi_isolate(world_context: WorldContext) -> None:
    text = "قالت \u2067Zentrix\u2069 إنها"
    (m,) = world_context(text).mentions
    assert text[m.start : m.end] == "Zentrix"
