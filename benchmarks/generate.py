"""Seeded generators for the benchmarks: a news corpus and a facts base of any size.

    python benchmarks/generate.py corpus OUT --mb 5 [--seed 1]
    python benchmarks/generate.py facts OUT --entities 10000 [--seed 1]

The corpus is Arabic and English articles (about 3-6 KB each, half of each
language) that name the people, organisations and titles of a facts base --
mostly right, sometimes with a known wrong form, a wrong title or tense -- with
filler sentences between, so that every stage of factlint has work to do. The
facts base is the repository's ``claims/`` plus synthetic persons and
organisations with names in both scripts and dated roles, written as
flow-style YAML (one entity per line) so that 100,000 entities write in seconds.
The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"

EN_FILLER = (
    "The decision surprised analysts who had followed the company for years.",
    "Investors asked for more details about the plan during a call on the same day.",
    "Several employees said they learned about the change from news reports.",
    "The statement did not say when the review would be completed.",
    "Officials declined to comment on the talks, citing confidentiality.",
    "Shares of partner firms moved sharply in early trading.",
    "The announcement came after weeks of speculation in the industry.",
    "A spokesperson said the board would share an update in the coming days.",
    "Critics argued that the process had lacked transparency from the start.",
    "The company has grown quickly since it released its first product.",
)
AR_FILLER = (
    "وفاجأ القرار المحللين الذين تابعوا الشركة لسنوات.",
    "وطلب المستثمرون مزيدا من التفاصيل عن الخطة خلال اتصال في اليوم نفسه.",
    "وقال عدد من الموظفين إنهم علموا بالتغيير من التقارير الإخبارية.",
    "ولم يذكر البيان موعد انتهاء المراجعة.",
    "ورفض المسؤولون التعليق على المحادثات بسبب السرية.",
    "وتحركت أسهم الشركات الشريكة بشكل حاد في التعاملات المبكرة.",
    "وجاء الإعلان بعد أسابيع من التكهنات في القطاع.",
    "وقال متحدث إن مجلس الإدارة سيعلن عن مستجدات في الأيام المقبلة.",
    "ورأى منتقدون أن العملية افتقرت إلى الشفافية منذ البداية.",
    "ونمت الشركة بسرعة منذ أن أطلقت أول منتجاتها.",
)
EN_VERBS = ("said", "told reporters", "wrote in a post", "confirmed", "added")
AR_VERBS = ("قال", "أكد", "أضاف", "كتب", "أوضح")


@dataclass(frozen=True)
class World:
    """Names to write about, per language: people with a title and an organisation."""

    people: dict[str, list[tuple[str, str, str]]]  # lang -> (person, title, org)
    wrong: dict[str, list[str]]  # lang -> known wrong forms of names


def _world(facts_dir: Path) -> World:
    people: dict[str, list[tuple[str, str, str]]] = {"en": [], "ar": []}
    wrong: dict[str, list[str]] = {"en": [], "ar": []}
    entities: dict[str, dict[str, object]] = {}
    titles: dict[str, dict[str, object]] = {}
    for path in sorted(facts_dir.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for item in data.get("entities") or ():
            entities[item["id"]] = item
        for item in data.get("titles") or ():
            titles[item["id"]] = item
    for entity in entities.values():
        names = entity.get("names") or {}
        for lang in ("en", "ar"):
            for form in (entity.get("avoid") or {}).get(lang, ()):  # type: ignore[attr-defined]
                wrong[lang].append(form)
        for role in entity.get("roles") or ():  # type: ignore[attr-defined]
            org = entities.get(role.get("org") or "")
            title = titles.get(role["title"])
            if org is None or title is None:
                continue
            for lang in ("en", "ar"):
                person_names = names.get(lang)  # type: ignore[attr-defined]
                org_names = (org.get("names") or {}).get(lang)  # type: ignore[attr-defined]
                title_names = (title.get("names") or {}).get(lang)  # type: ignore[attr-defined]
                if person_names and org_names and title_names:
                    people[lang].append((person_names[0], title_names[0], org_names[0]))
    return World(people, wrong)


def _paragraph(rng: random.Random, world: World, lang: str) -> str:
    filler = EN_FILLER if lang == "en" else AR_FILLER
    sentences = [rng.choice(filler) for _ in range(rng.randint(2, 4))]
    if world.people[lang]:
        person, title, org = rng.choice(world.people[lang])
        if world.wrong[lang] and rng.random() < 0.1:
            person = rng.choice(world.wrong[lang])
        if lang == "en":
            verb = rng.choice(EN_VERBS)
            claim = f"{person}, the {title} of {org}, {verb} that the plan would go ahead."
        else:
            verb = rng.choice(AR_VERBS)
            claim = f"{verb} {person}، {title} {org}، إن الخطة ستمضي قدما."
        sentences.insert(rng.randint(0, len(sentences)), claim)
    return " ".join(sentences)


def _article(rng: random.Random, world: World, lang: str) -> str:
    day = rng.randint(1, 28)
    month = rng.randint(1, 12)
    paragraphs = [_paragraph(rng, world, lang) for _ in range(rng.randint(6, 12))]
    return f"---\ndate: 2023-{month:02d}-{day:02d}\nlang: {lang}\n---\n\n" + "\n\n".join(paragraphs)


def generate_corpus(out: Path, megabytes: float, seed: int = 1, facts: Path = CLAIMS) -> int:
    """Write articles to ``out`` until ``megabytes`` MB; return the number of files."""
    rng = random.Random(seed)
    world = _world(facts)
    out.mkdir(parents=True, exist_ok=True)
    budget = int(megabytes * 1_000_000)
    written = count = 0
    while written < budget:
        lang = "en" if count % 2 == 0 else "ar"
        text = _article(rng, world, lang) + "\n"
        data = text.encode("utf-8")
        folder = out / f"{count // 500:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{count:06d}.{lang}.md").write_bytes(data)
        written += len(data)
        count += 1
    return count


EN_SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "vo", "sha", "dor", "nel", "bri", "cas", "ul")
AR_SYLLABLES = ("كا", "لو", "مي", "را", "تن", "فو", "شا", "دور", "نيل", "بري", "كاس", "ول")


def _name(rng: random.Random, parts: int) -> tuple[str, str]:
    picks = [
        [rng.randrange(len(EN_SYLLABLES)) for _ in range(rng.randint(2, 3))] for _ in range(parts)
    ]
    en = " ".join("".join(EN_SYLLABLES[i] for i in word).capitalize() for word in picks)
    ar = " ".join("".join(AR_SYLLABLES[i] for i in word) for word in picks)
    return en, ar


def generate_facts(out: Path, entities: int, seed: int = 1) -> Path:
    """The repository's claims plus ``entities`` synthetic ones, in ``out``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for src in sorted(CLAIMS.glob("*.yaml")):
        shutil.copy(src, out / src.name)
    orgs = max(1, entities // 5)
    lines = ["version: 1", "entities:"]
    for i in range(orgs):
        en, ar = _name(rng, 1)
        entity = {
            "id": f"org-{i}",
            "type": "organization",
            "names": {"en": [f"{en} Systems {i}"], "ar": [f"{ar} سيستمز {i}"]},
            "source": "synthetic",
        }
        lines.append("  - " + json.dumps(entity, ensure_ascii=False))
    titles = ("ceo", "cto", "president", "board-member", "chair")
    for i in range(entities - orgs):
        en, ar = _name(rng, 2)
        start = rng.randint(1995, 2020)
        entity = {
            "id": f"person-{i}",
            "type": "person",
            "gender": rng.choice(("male", "female")),
            "names": {"en": [f"{en} {i}"], "ar": [f"{ar} {i}"]},
            "roles": [
                {
                    "title": rng.choice(titles),
                    "org": f"org-{rng.randrange(orgs)}",
                    "start": str(start),
                    "end": str(start + rng.randint(1, 8)),
                }
            ],
            "source": "synthetic",
        }
        lines.append("  - " + json.dumps(entity, ensure_ascii=False))
    (out / "synthetic.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    corpus = sub.add_parser("corpus")
    corpus.add_argument("out", type=Path)
    corpus.add_argument("--mb", type=float, default=1.0)
    corpus.add_argument("--seed", type=int, default=1)
    facts = sub.add_parser("facts")
    facts.add_argument("out", type=Path)
    facts.add_argument("--entities", type=int, default=1000)
    facts.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.what == "corpus":
        n = generate_corpus(args.out, args.mb, args.seed)
        print(f"{n} articles in {args.out}")
    else:
        generate_facts(args.out, args.entities, args.seed)
        print(f"{args.entities} synthetic entities in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
