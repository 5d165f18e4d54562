"""Linting documents: load, normalize, find mentions, extract claims, run rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
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
    config: Config,
    facts: Facts,
    rules: Mapping[str, Rule],
    selection: Selection,
    lexicon: Lexicon | None = None,
) -> Session:
    return Session(config, facts, lexicon or build_lexicon(facts), rules, selection)


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


# A --jobs worker's session and plugin manager, set once by the pool's initializer
# (the worker's counterpart of the process-wide plugin manager).
_WORKER: list[tuple[Session, pluggy.PluginManager]] = []


def _start_worker(session: Session, plugins: Sequence[str]) -> None:
    """A --jobs worker: the same plugins, configure hook and rules as the main process."""
    from factlint.plugins import collect_rules, new_plugin_manager

    pm = new_plugin_manager(plugins)
    pm.hook.factlint_configure(config=session.config)
    session = replace(session, rules=collect_rules(pm, session.config))
    _WORKER.append((session, pm))


def _lint_in_worker(path: Path) -> Result:
    session, pm = _WORKER[0]
    return lint_file(path, session, pm)


def iter_lint(
    paths: Sequence[Path],
    session: Session,
    pm: pluggy.PluginManager,
    *,
    jobs: int = 1,
    plugins: Sequence[str] = (),
) -> Iterator[Result]:
    """Lint files, serially or in ``jobs`` processes; yield results in input order.

    Each result is yielded as soon as it and those before it are done, so a
    caller can write it and let its document go.
    """
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield lint_file(path, session, pm)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing only with --jobs

    jobs = min(jobs, len(paths))
    chunk = max(1, min(8, len(paths) // (jobs * 4)))
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(session, tuple(plugins))
    ) as pool:
        yield from pool.map(_lint_in_worker, paths, chunksize=chunk)


def lint_files(
    paths: Sequence[Path],
    session: Session,
    pm: pluggy.PluginManager,
    *,
    jobs: int = 1,
    plugins: Sequence[str] = (),
) -> list[Result]:
    """Lint files, serially or in ``jobs`` processes; results in input order."""
    return list(iter_lint(paths, session, pm, jobs=jobs, plugins=plugins))
