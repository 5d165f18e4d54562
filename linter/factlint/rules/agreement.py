"""Agreement: Arabic verbs (and titles) whose gender disagrees with the person.

AG001 gender-agreement: a third-person Arabic verb whose subject is a person
the facts give a gender to, written in the other gender ("أن موراتي أرسل" for
a woman, "وأعلنت ألتمان" for a man). Also a feminine title given to a man in an
apposition ("ألتمان، الرئيسة التنفيذية"). Masculine titles for women are
standard Arabic journalism and are never reported.

Verbs are recognised without a dictionary: a curated table of the reporting and
action verbs of news Arabic (masculine perfect and imperfect) from which the
feminine forms are derived. A verb is checked only in positions where the
person is certainly its subject:

* name first: ``[أن|إن|لكن|…|clause start] PERSON [قد|لقد] VERB``;
* verb first: ``[clause start|و|ف|قد|ثم|كما|…] VERB PERSON`` with the name
  directly after the verb, for verbs whose following name is their subject
  (reporting and intransitive verbs, not "appointed", "fired", "told");
* a follow-up verb of the same clause: ``… PERSON VERB object … VERB فيها``
  (the second verb's subject is still the person).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from factlint.api import CheckContext, Rule
from factlint.facts.model import Entity
from factlint.hookspecs import hookimpl
from factlint.model import FactRef, Finding, Mention, MentionKind, Severity
from factlint.normalize import fold, fold_char
from factlint.rules.docs import rule_docs
from factlint.segment import SENTENCE_END
from factlint.tokens import CLAUSE_MARKS, DASHES, QUOTES, Kind, Script, Token

# --------------------------------------------------------------------- verbs

# (masculine perfect, masculine imperfects or "", flags), in standard spelling;
# several imperfects are separated by "|" (the jussive of hollow verbs: لم يكن).
# Flags: "v" - a person's name right after the verb is its subject (reporting
# and intransitive verbs; not verbs whose object is usually a person);
# "n" - the masculine perfect is also a common noun or verbal noun (كتب
# "books", رفض "refusal"), so it is reported with less confidence.
VERBS: tuple[tuple[str, str, str], ...] = (
    ("قال", "يقول|يقل", "v"),
    ("أعلن", "يعلن", "v"),
    ("أضاف", "يضيف", "v"),
    ("أكد", "يؤكد", "v"),
    ("أشار", "يشير", "v"),
    ("أوضح", "يوضح", "v"),
    ("كتب", "يكتب", "vn"),
    ("نشر", "ينشر", "vn"),
    ("أرسل", "يرسل", "v"),
    ("ذكر", "يذكر", "vn"),
    ("صرح", "يصرح", "vn"),
    ("رفض", "يرفض", "vn"),
    ("نفى", "ينفي", "vn"),
    ("وقع", "يوقع", "vn"),
    ("استقال", "يستقيل", "v"),
    ("انضم", "ينضم", "v"),
    ("غادر", "يغادر", "v"),
    ("عاد", "يعود|يعد", "v"),
    ("اختار", "يختار", ""),
    ("طالب", "يطالب", "n"),
    ("حذر", "يحذر", "vn"),
    ("كشف", "يكشف", "vn"),
    ("أبلغ", "يبلغ", ""),
    ("أخبر", "يخبر", ""),
    ("تلقى", "يتلقى", "vn"),
    ("قاد", "يقود", "v"),
    ("أسس", "يؤسس", "vn"),
    ("شارك", "يشارك", "v"),
    ("عمل", "يعمل", "vn"),
    ("قرر", "يقرر", "v"),
    ("ترأس", "يترأس", "v"),
    ("تولى", "يتولى", "vn"),
    ("أقر", "يقر", "v"),
    ("اعترف", "يعترف", "v"),
    ("اعتذر", "يعتذر", "v"),
    ("تعهد", "يتعهد", "vn"),
    ("أعرب", "يعرب", "v"),
    ("علق", "يعلق", "v"),
    ("تابع", "يتابع", "vn"),
    ("أفاد", "يفيد", "v"),
    ("شدد", "يشدد", "v"),
    ("اعتبر", "يعتبر", "v"),
    ("رأى", "يرى", "vn"),
    ("تحدث", "يتحدث", "vn"),
    ("غرد", "يغرد", "v"),
    ("أجاب", "يجيب", "v"),
    ("أبدى", "يبدي", "v"),
    ("دعا", "يدعو", "v"),
    ("وافق", "يوافق", "v"),
    ("تراجع", "يتراجع", "vn"),
    ("توفي", "", "v"),
    ("خرج", "يخرج", "v"),
    ("دخل", "يدخل", "vn"),
    ("أصدر", "يصدر", "v"),
    ("أطلق", "يطلق", "v"),
    ("طلب", "يطلب", "vn"),
    ("سأل", "يسأل", ""),
    ("أجرى", "يجري", "v"),
    ("التقى", "يلتقي", ""),
    ("أقال", "يقيل", ""),
    ("عين", "يعين", "n"),
    ("انتقد", "ينتقد", ""),
    ("أنهى", "ينهي", "v"),
    ("أمضى", "يمضي", "v"),
    ("مضى", "يمضي", "v"),
    ("أدلى", "يدلي", "v"),
    ("ألقى", "يلقي", "v"),
    ("بقي", "يبقى|يبق", "v"),
    ("ظل", "يظل", "vn"),
    ("أصبح", "يصبح", "v"),
    ("كان", "يكون|يكن", "v"),
    ("أراد", "يريد|يرد", "v"),
    ("حاول", "يحاول", "v"),
    ("استطاع", "يستطيع|يستطع", "v"),
    ("أشاد", "يشيد", "v"),
    ("ترك", "يترك", "vn"),
    ("ساهم", "يساهم", "v"),
    ("سعى", "يسعى", "v"),
    ("نجح", "ينجح", "v"),
    ("فاز", "يفوز", "v"),
    ("حصل", "يحصل", "v"),
    ("ناقش", "يناقش", "v"),
    ("أعاد", "يعيد", "v"),
    ("أثار", "يثير", "v"),
    ("نقل", "ينقل", "vn"),
    ("اقترح", "يقترح", "v"),
    ("أوصى", "يوصي", "v"),
    ("أنشأ", "ينشئ", "v"),
    ("باع", "يبيع", "v"),
    ("اشترى", "يشتري", "v"),
    ("استثمر", "يستثمر", "v"),
    ("زار", "يزور", "v"),
    ("وصل", "يصل", "vn"),
    ("ادعى", "يدعي", "v"),
    ("زعم", "يزعم", "vn"),
    ("استمر", "يستمر", "v"),
    ("وصف", "يصف", "n"),
    ("واجه", "يواجه", ""),
    ("قام", "يقوم|يقم", "v"),
    ("استعاد", "يستعيد", "v"),
    ("اتخذ", "يتخذ", "v"),
    ("دافع", "يدافع", "vn"),
    ("حضر", "يحضر", "v"),
    ("فضل", "يفضل", "vn"),
    ("اتصل", "يتصل", "v"),
    ("هدد", "يهدد", ""),
    ("أنكر", "ينكر", "v"),
    ("شرح", "يشرح", "vn"),
    ("وجد", "يجد", "v"),
    ("زال", "يزال", "v"),
)

_DEFECTIVE_ENDINGS = frozenset("ىا")  # نفى -> نفت, دعا -> دعت


@dataclass(frozen=True)
class Verb:
    masculine: str  # perfect, 3rd person masculine singular, as written
    imperfects: tuple[str, ...]  # imperfect, 3rd person masculine singular (and jussive)
    subject_follows: bool  # a name right after the verb is its subject
    nounlike: bool  # the masculine perfect doubles as a common noun

    @property
    def feminine(self) -> str:
        return feminine_perfect(self.masculine)


@dataclass(frozen=True)
class VerbForm:
    verb: Verb
    feminine: bool
    imperfect: bool

    @property
    def ambiguous(self) -> bool:
        """A masculine perfect that reads as a feminine imperfect (تحدث: تُحدِث)."""
        return not self.feminine and not self.imperfect and fold(self.verb.masculine)[0] == "ت"


def feminine_perfect(masculine: str) -> str:
    if masculine[-1] in _DEFECTIVE_ENDINGS:
        return masculine[:-1] + "ت"
    return masculine + "ت"


def verb_forms(table: tuple[tuple[str, str, str], ...] = VERBS) -> list[tuple[str, VerbForm]]:
    """Every (normalized form, reading) the table yields, duplicates included."""
    out: list[tuple[str, VerbForm]] = []
    for masculine, imperfect, flags in table:
        imperfects = tuple(imperfect.split("|")) if imperfect else ()
        verb = Verb(masculine, imperfects, "v" in flags, "n" in flags)
        out.append((fold(masculine), VerbForm(verb, False, False)))
        out.append((fold(verb.feminine), VerbForm(verb, True, False)))
        for form in imperfects:
            out.append((fold(form), VerbForm(verb, False, True)))
            out.append((fold("ت" + form[1:]), VerbForm(verb, True, True)))
    return out


def _index() -> Mapping[str, VerbForm]:
    """Normalized form -> reading; a form that reads as both genders (تلقى
    "he received" / تُلقي "she throws") is left out."""
    index: dict[str, VerbForm] = {}
    clashes: set[str] = set()
    for form, reading in verb_forms():
        known = index.setdefault(form, reading)
        if known.feminine != reading.feminine:
            clashes.add(form)
    for form in clashes:
        del index[form]
    return MappingProxyType(index)


FORMS: Mapping[str, VerbForm] = _index()

# proclitics a verb may carry, longest first
_PERFECT_PROCLITICS = ("و", "ف")
_IMPERFECT_PROCLITICS = ("وس", "فس", "ول", "فل", "و", "ف", "س", "ل")


def read_verb(word: str) -> tuple[str, VerbForm] | None:
    """(proclitic, reading) of a normalized word that is a listed verb form."""
    reading = FORMS.get(word)
    if reading is not None:
        return "", reading
    for prefix in _IMPERFECT_PROCLITICS:
        if not word.startswith(prefix) or len(word) - len(prefix) < 2:
            continue
        reading = FORMS.get(word[len(prefix) :])
        if reading is None:
            continue
        if reading.imperfect or prefix in _PERFECT_PROCLITICS:
            return prefix, reading
    return None


# ------------------------------------------------------------------ contexts

# Before a name that is the subject of the verb after it.
_NAME_FIRST_PARTICLES = frozenset(
    {
        "ان",  # أن / إن / أنّ
        "وان",
        "فان",
        "بان",
        "لان",
        "لكن",
        "ولكن",
        "بينما",
        "وبينما",
        "فيما",
        "وفيما",
        "ثم",
        "حيث",
        "وحيث",
        "اذ",
        "عندما",
        "وعندما",
        "حين",
        "حينما",
        "بعدما",
        "وبعدما",
        "لما",
        "ولما",
        "اما",
        "واما",
    }
)
# Between the name and its verb.
_NAME_VERB_LINKS = frozenset({"قد", "لقد"})
# Before a verb whose subject follows it.
_VERB_FIRST_PARTICLES = frozenset(
    {
        "قد",
        "لقد",
        "وقد",
        "فقد",
        "ثم",
        "كما",
        "وكما",
        "حيث",
        "وحيث",
        "اذ",
        "عندما",
        "وعندما",
        "حين",
        "حينما",
        "بعدما",
        "وبعدما",
        "لما",
        "ولما",
        "بينما",
        "وبينما",
        "فيما",
        "وفيما",
        "ان",
        "لم",
        "ولم",
        "فلم",
        "لن",
        "ولن",
        "لا",
        "ولا",
        "سوف",
        "وسوف",
        "بل",
        "ما",
        "وما",
    }
)
# Words that open a new clause (and so a new subject).
_CLAUSE_OPENERS = (
    frozenset(
        {
            "الذي",
            "التي",
            "الذين",
            "اللذين",
            "اللتين",
            "اللذان",
            "اللتان",
            "اللواتي",
            "اللاتي",
            "ما",
            "مما",
            "ممن",
            "لكن",
            "ولكن",
            "بل",
            "او",
        }
    )
    | _NAME_FIRST_PARTICLES
)
# "in it": the resumptive pronoun that makes a follow-up verb's subject the
# subject of the clause ("أرسل رسالة يقول فيها").
_IN_IT = frozenset({"فيها", "فيه", "فيهما"})
_PREPOSITIONS = ("ل", "ب", "عن", "علي", "في", "من", "الي", "مع", "لدي", "عند")
# A preposition with a pronoun for the person right after the verb: the name is
# a topic and the verb has another subject ("ألتمان كانت له علاقة").
_TOPIC_PRONOUNS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "male": frozenset(p + "ه" for p in _PREPOSITIONS),
        "female": frozenset(p + "ها" for p in _PREPOSITIONS),
    }
)
_BRACKETS = frozenset("()[]{}")
_BOUNDARIES = CLAUSE_MARKS | SENTENCE_END | QUOTES | DASHES | _BRACKETS | frozenset("…")
_FOLLOW_WINDOW = 10  # words between a verb and its follow-up verb


# ------------------------------------------------------------------ checking


@dataclass(frozen=True)
class _Hit:
    token: int  # index of the verb token
    prefix: str  # its proclitic (normalized)
    form: VerbForm
    person: Entity
    confident: bool  # the position leaves no doubt about the subject
    follow_up: bool = False


class _Doc:
    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.tokens = ctx.tokens
        self.segments = ctx.segments
        self.persons: dict[int, tuple[Mention, Entity]] = {}
        self.person_ends: set[int] = set()
        self.covered: set[int] = set()
        for m in ctx.mentions:
            self.covered.update(range(m.token_start, m.token_end))
            if m.kind is not MentionKind.ENTITY:
                continue
            entity = ctx.facts.entities.get(m.target)
            if entity is not None and entity.type == "person":
                self.persons[m.token_start] = (m, entity)
                self.person_ends.add(m.token_end)

    def word(self, i: int) -> str | None:
        """The normalized Arabic word at token i (None for anything else)."""
        if 0 <= i < len(self.tokens):
            tok = self.tokens[i]
            if tok.kind is Kind.WORD and tok.script is Script.ARABIC:
                return tok.text
        return None

    def verb_at(self, i: int) -> tuple[str, VerbForm] | None:
        text = self.word(i)
        if text is None or i in self.covered:
            return None
        return read_verb(text)

    def opening(self, i: int, particles: frozenset[str]) -> bool | None:
        """What precedes token i: True for a sentence start or a particle, False
        for a weaker clause boundary (comma, quote), None for anything else."""
        if i < 0:
            return True
        tok: Token = self.tokens[i]
        if tok.kind is Kind.NEWLINE:
            return True
        if tok.kind is Kind.PUNCT:
            if self.segments.ends_sentence(i):
                return True
            return False if tok.text in _BOUNDARIES else None
        if tok.kind is Kind.WORD and tok.text in particles:
            return True
        return None

    def boundary(self, i: int) -> bool:
        tok = self.tokens[i]
        return tok.kind is Kind.NEWLINE or (tok.kind is Kind.PUNCT and tok.text in _BOUNDARIES)


def _gender_ok(person: Entity) -> bool:
    return person.gender in ("male", "female")


def _agrees(form: VerbForm, person: Entity) -> bool:
    return form.feminine == (person.gender == "female")


def _name_first(doc: _Doc, mention: Mention, person: Entity) -> _Hit | None:
    before = doc.opening(mention.token_start - 1, _NAME_FIRST_PARTICLES)
    if before is None or mention.prefix not in ("", "و", "ف"):
        return None
    if mention.prefix and doc.word(mention.token_start - 1) is not None:
        return None  # "أن وموراتي": a conjunct, not a clause-initial subject
    i = mention.token_end
    linked = doc.word(i) in _NAME_VERB_LINKS
    if linked:
        i += 1
    read = doc.verb_at(i)
    if read is None or i + 1 in doc.persons:
        return None  # NAME VERB NAME: whose verb is it?
    prefix, form = read
    after_amma = doc.word(mention.token_start - 1) in ("اما", "واما")
    if prefix and not (prefix == "س" or (prefix == "ف" and after_amma)):
        return None
    if doc.word(i + 1) in _TOPIC_PRONOUNS[person.gender or ""]:
        return None  # the name is a topic; the verb has another subject
    nounlike = form.verb.nounlike and not form.feminine and not form.imperfect
    confident = before and not nounlike
    return _Hit(i, prefix, form, person, confident or linked)


def _verb_first(doc: _Doc, mention: Mention, person: Entity) -> _Hit | None:
    if mention.prefix:
        return None  # وموراتي، لموراتي: not the subject of the verb before
    i = mention.token_start - 1
    read = doc.verb_at(i)
    if read is None or i in doc.person_ends:
        return None
    prefix, form = read
    if not form.verb.subject_follows:
        return None
    before = doc.opening(i - 1, _VERB_FIRST_PARTICLES)
    if before is None:
        return None
    nounlike = form.verb.nounlike and not form.feminine and not form.imperfect
    if nounlike and not (prefix or before):
        return None  # after a comma "رفض موراتي" may be "Murati's refusal"
    return _Hit(i, prefix, form, person, before and not nounlike)


def _follow_up(doc: _Doc, start: int, person: Entity) -> _Hit | None:
    words = 0
    i = start
    while i < len(doc.tokens) and words <= _FOLLOW_WINDOW:
        tok = doc.tokens[i]
        if doc.boundary(i) or i in doc.persons:
            return None
        if tok.kind is Kind.PUNCT:
            i += 1
            continue
        if tok.text in _CLAUSE_OPENERS:
            return None
        read = doc.verb_at(i)
        if read is not None:
            prefix, form = read
            if words == 0 or prefix not in ("", "و") or doc.word(i + 1) not in _IN_IT:
                return None
            return _Hit(i, prefix, form, person, False, follow_up=True)
        words += 1
        i += 1
    return None


def _strip_marks(text: str) -> str:
    return "".join(c for c in text if fold_char(c))


def _regender(stem: str, form: VerbForm) -> str:
    """The other-gender spelling of a written verb (diacritics dropped)."""
    if form.imperfect:
        return ("ي" if form.feminine else "ت") + stem[1:]
    masculine = form.verb.masculine
    if form.feminine:  # drop the ت; restore ى / ا of a defective verb
        base = stem[:-1]
        return base + masculine[-1] if masculine[-1] in _DEFECTIVE_ENDINGS else base
    if masculine[-1] in _DEFECTIVE_ENDINGS:
        return stem[:-1] + "ت"
    return stem + "ت"


def _gender_fact(person: Entity) -> FactRef:
    ref = person.fact("gender")
    return FactRef(ref.id, ref.source, f"{person.preferred('en')} is {person.gender}")


def _report(ctx: CheckContext, hit: _Hit) -> Finding:
    tok = ctx.tokens[hit.token]
    norm = ctx.normalized
    start, end = norm.orig_span(tok.start, tok.end)
    split = norm.orig_span(tok.start, tok.start + len(hit.prefix))[1] if hit.prefix else start
    written = ctx.document.text[start:end]
    prefix = ctx.document.text[start:split]
    replacement = prefix + _regender(_strip_marks(ctx.document.text[split:end]), hit.form)
    person = hit.person
    ref = _gender_fact(person)
    gender = "feminine" if hit.form.feminine else "masculine"
    name = person.preferred("en")
    subject = f"{name}, the subject it continues," if hit.follow_up else name
    message = f"'{written}' is {gender} but {subject} is {person.gender}; write '{replacement}'"
    return ctx.finding(
        AG001.code if hit.confident else AG002.code,
        start,
        end,
        message,
        replacement=replacement,
        facts=[ref],
        quoted=ctx.quotes.quoted(start, end),
    )


def _verb_hits(ctx: CheckContext) -> Iterator[_Hit]:
    doc = _Doc(ctx)
    seen: set[int] = set()
    for mention, person in sorted(doc.persons.values(), key=lambda mp: mp[0].token_start):
        if not _gender_ok(person):
            continue
        for find in (_name_first, _verb_first):
            hit = find(doc, mention, person)
            if hit is None or hit.token in seen:
                continue
            seen.add(hit.token)
            yield hit
            after = hit.token + 1 if find is _name_first else mention.token_end
            follow = _follow_up(doc, after, person)
            if follow is not None and follow.token not in seen:
                seen.add(follow.token)
                yield follow


def _masculine_title(ctx: CheckContext, written: str, title_id: str) -> str | None:
    """The masculine form of a feminine Arabic title, if the facts list it."""
    title = ctx.facts.titles.get(title_id)
    if title is None:
        return None
    words = []
    for word in _strip_marks(written).split():
        words.append(word[:-1] if word[-1:] == "ة" else word)
    candidate = " ".join(words)
    known = {fold(name) for name in title.names.get("ar", ())}
    return candidate if fold(candidate) in known else None


def _title_findings(ctx: CheckContext) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    for claim in ctx.claims.roles:
        title = claim.title
        if title.feminine is not True or (title.start, title.end) in seen:
            continue
        person = ctx.facts.entities.get(claim.person.target)
        if person is None or person.gender != "male":
            continue
        seen.add((title.start, title.end))
        ref = _gender_fact(person)
        replacement = _masculine_title(ctx, title.text, title.target)
        fix = f"write '{replacement}'" if replacement else "use the masculine form"
        message = (
            f"'{title.text}' is the feminine form of the title but {person.preferred('en')} "
            f"is male; {fix}"
        )
        yield ctx.finding(
            AG001.code,
            title.start,
            title.end,
            message,
            replacement=replacement,
            facts=[ref],
            quoted=claim.quoted,
        )


def _agreement(ctx: CheckContext) -> list[Finding]:
    cached = ctx.cache.get("agreement.findings")
    if cached is None:
        found: list[Finding] = []
        for hit in _verb_hits(ctx):
            if not _agrees(hit.form, hit.person):
                if hit.form.ambiguous and hit.person.gender == "female":
                    continue  # تحدث may be the feminine imperfect تُحدِث
                found.append(_report(ctx, hit))
        found.extend(_title_findings(ctx))
        ctx.cache["agreement.findings"] = cached = found
    return cached  # type: ignore[return-value]


def check_agreement(ctx: CheckContext) -> Iterator[Finding]:
    return (f for f in _agreement(ctx) if f.code == AG001.code)


def check_agreement_follow_up(ctx: CheckContext) -> Iterator[Finding]:
    return (f for f in _agreement(ctx) if f.code == AG002.code)


AG001 = Rule(
    code="AG001",
    name="gender-agreement",
    summary="An Arabic verb or title whose gender disagrees with the person's recorded gender",
    check=check_agreement,
    severity=Severity.ERROR,
    family="agreement",
    docs=rule_docs("AG001"),
    fix="unsafe",
)


AG002 = Rule(
    code="AG002",
    name="gender-agreement-follow-up",
    summary="An Arabic verb whose gender disagrees with the person it most likely continues",
    check=check_agreement_follow_up,
    severity=Severity.WARNING,
    family="agreement",
    docs=rule_docs("AG002"),
    fix="unsafe",
)


@hookimpl
def factlint_rules() -> list[Rule]:
    return [AG001, AG002]
