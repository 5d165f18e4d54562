"""Linting documents: load, normalize, find mentions, extract claims, run rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from factlint import document as documents
from factlint.api import CheckContext, Rule
from factlint.claims import extract_claims
from factlint.config import Config
from factlint.discovery import discover
from factlint.errors import FactlintError
from factlint.facts.model import Facts
from factlint.mentions import Lexicon, build_lexicon, drop_common_short_forms, find_mentions
from factlint.model import Finding
from factlint.quotes import scan_prose
from factlint.segment import segment
from factlint.selection import Selection
from factlint.severity import apply_overrides
from factlint.suppress import apply_suppressions
from factlint.tokens import tokenize
from factlint.wordlist import Vocabulary

__all__ = ["Result", "Session", "check_document", "discover", "lint_file", "lint_files"]


@dataclass(frozen=True)
class Session:
    """What every document of a run shares. Picklable, for --jobs."""

    config: Config
    facts: Facts
    lexicon: Lexicon
    rules: Mapping[str, Rule]
    selection: Selection
    vocabulary: Vocabulary = field(default_factory=Vocabulary, compare=False)


@dataclass(frozen=True)
class Result:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    document: documents.Document | None = None
    file: Path | None = None


def new_session(
    config: Config, facts: Facts, rules: Mapping[str, Rule], selection: Selection
) -> Session:
    return Session(config, facts, build_lexicon(facts), rules, selection)


def context_for(doc: documents.Document, session: Session) -> CheckContext:
    norm = doc.normalized()
    tokens = tokenize(norm)
    mentions = drop_common_short_forms(
        find_mentions(norm, tokens, session.lexicon), session.vocabulary.is_common, tokens
    )
    segments = segment(norm, tokens)
    quotes = scan_prose(doc.prose)
    claims = extract_claims(doc, norm, tokens, segments, mentions, quotes, session.facts)
    settings = session.config.settings_for(Path(doc.path))
    selection = session.selection
    if settings.ignore:
        selection = Selection(selection.select, selection.ignore + settings.ignore)
    return CheckContext(
        document=doc,
        normalized=norm,
        tokens=tokens,
        segments=segments,
        mentions=mentions,
        claims=claims,
        quotes=quotes,
        facts=session.facts,
        config=session.config,
        rules=session.rules,
        selection=selection,
        lexicon=session.lexicon,
        date=doc.date,
        vocabulary=session.vocabulary,
    )


def check_document(
    doc: documents.Document, session: Session, pm: pluggy.PluginManager
) -> tuple[Finding, ...]:
    ctx = context_for(doc, session)
    found: list[Finding] = []
    for batch in pm.hook.factlint_check(ctx=ctx):
        if batch is None:
            continue
        found.extend(f for f in batch if ctx.enabled(f.code) and doc.in_prose(f.start, f.end))
    found = apply_suppressions(ctx, found)
    unique = sorted(set(found), key=Finding.sort_key)
    return apply_overrides(unique, session.config.severity)


def load_document(path: Path, session: Session) -> documents.Document:
    settings = session.config.settings_for(path)
    return documents.load(
        path,
        session.config.relative(path),
        max_bytes=session.config.max_file_size,
        default_date=settings.date,
        default_lang=settings.lang,
    )


def lint_file(path: Path, session: Session, pm: pluggy.PluginManager) -> Result:
    display = session.config.relative(path)
    try:
        doc = load_document(path, session)
        return Result(doc.path, check_document(doc, session, pm), document=doc, file=path)
    except FactlintError as exc:
        return Result(display, error=str(exc))
    except RecursionError:
        return Result(display, error=f"{display}: internal error: input too deeply nested")


def _lint_chunk(paths: Sequence[Path], session: Session, plugins: Sequence[str]) -> list[Result]:
    from factlint.plugins import new_plugin_manager

    pm = new_plugin_manager(plugins)
    return [lint_file(p, session, pm) for p in paths]


def lint_files(
    paths: Sequence[Path],
    session: Session,
    pm: pluggy.PluginManager,
    *,
    jobs: int = 1,
    plugins: Sequence[str] = (),
) -> list[Result]:
    """Lint files, serially or in ``jobs`` processes; results in input order."""
    if jobs <= 1 or len(paths) < 2:
        return [lint_file(p, session, pm) for p in paths]
    jobs = min(jobs, len(paths))
    chunks = [list(paths[i::jobs]) for i in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        parts = list(pool.map(_lint_chunk, chunks, [session] * jobs, [plugins] * jobs))
    order = {p: i for i, p in enumerate(paths)}
    flat = [
        (order[p], r)
        for chunk, part in zip(chunks, parts, strict=True)
        for p, r in zip(chunk, part, strict=True)
    ]
    return [r for _, r in sorted(flat, key=lambda x: x[0])]
