"""Linting documents: load, normalize, find mentions, extract claims, run rules."""

from __future__ import annotations

import os
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
from factlint.files import read_regular
from factlint.guard import Checked, internal_error, run_checks, stage_of
from factlint.mentions import Lexicon, build_lexicon, drop_common_short_forms, find_mentions
from factlint.model import Finding
from factlint.quotes import scan_prose
from factlint.results_cache import ResultsCache
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
    results: ResultsCache | None = None  # findings of unchanged files


@dataclass(frozen=True)
class Result:
    """One file's findings, and its one-line errors (input errors, internal errors)."""

    path: str
    findings: tuple[Finding, ...] = ()
    errors: tuple[str, ...] = ()
    document: documents.Document | None = None
    file: Path | None = None

    @property
    def error(self) -> str | None:
        return self.errors[0] if self.errors else None


def new_session(
    config: Config,
    facts: Facts,
    rules: Mapping[str, Rule],
    selection: Selection,
    lexicon: Lexicon | None = None,
    results: ResultsCache | None = None,
) -> Session:
    return Session(
        config, facts, lexicon or build_lexicon(facts), rules, selection, results=results
    )


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
    """The findings for one document; raises :class:`FactlintError` for its first error."""
    checked = checked_document(doc, session, pm)
    if checked.errors:
        raise FactlintError(checked.errors[0])
    return checked.findings


def checked_document(
    doc: documents.Document, session: Session, pm: pluggy.PluginManager
) -> Checked:
    """Analyse ``doc`` and run every hook, each under the guard (see :mod:`factlint.guard`)."""
    try:
        ctx = context_for(doc, session)
    except FactlintError:
        raise
    except Exception as exc:  # a bug in the analysis: an error for this file only
        return Checked((), (internal_error(doc.path, stage_of(exc, "analysis"), exc),))
    checked = run_checks(pm, ctx)
    found = [f for f in checked.findings if ctx.enabled(f.code) and doc.in_prose(f.start, f.end)]
    try:
        found = apply_suppressions(ctx, found)
    except FactlintError:
        raise
    except Exception as exc:
        error = internal_error(doc.path, stage_of(exc, "suppressions"), exc)
        return Checked((), (*checked.errors, error))
    unique = sorted(set(found), key=lambda f: (f.sort_key(), f.message, f.replacement or ""))
    return Checked(tuple(apply_overrides(unique, session.config.severity)), checked.errors)


def load_document(path: Path, session: Session) -> documents.Document:
    """Read, decode and parse one file (only a regular file is ever opened)."""
    display = session.config.relative(path)
    return parse_document(path, display, read_file(path, display, session), session)


def read_file(path: Path, display: str, session: Session) -> bytes:
    """The bytes of one file (only a regular file is ever opened)."""
    return read_regular(path, display, max_bytes=session.config.max_file_size)


def parse_document(path: Path, display: str, data: bytes, session: Session) -> documents.Document:
    """Decode and parse one file's bytes (``display``: its path as reports show it)."""
    settings = session.config.settings_for(path)
    stage = "decoding"
    try:
        text = documents.decode(data, display)
        stage = "front matter"
        return documents.parse(
            text, display, default_date=settings.date, default_lang=settings.lang
        )
    except FactlintError:
        raise
    except Exception as exc:
        raise _StageError(internal_error(display, stage_of(exc, stage), exc)) from exc


class _StageError(Exception):
    """An unexpected exception while loading, already turned into its error line."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


def _display(path: Path, session: Session) -> str:
    try:
        return session.config.relative(path)
    except (OSError, RuntimeError, ValueError):  # a symlink loop, an unreadable directory
        return path.as_posix()


def lint_file(path: Path, session: Session, pm: pluggy.PluginManager) -> Result:
    """One file's result; never raises for anything the file or a plugin does."""
    display = _display(path, session)
    try:
        shown = session.config.relative(path)  # raises where _display falls back
        data = read_file(path, shown, session)
        doc = parse_document(path, shown, data, session)
    except FactlintError as exc:
        return Result(display, errors=(str(exc),))
    except _StageError as exc:
        return Result(display, errors=(exc.line,))
    except Exception as exc:
        return Result(display, errors=(internal_error(display, "reading", exc),))
    results = session.results
    key = results.key(doc.path, data) if results is not None else ""
    if results is not None and (known := results.get(key)) is not None:
        # the file, the facts, the rules, the configuration and the code did not change
        return Result(doc.path, known, (), document=doc, file=path)
    try:
        checked = checked_document(doc, session, pm)
    except FactlintError as exc:
        return Result(doc.path, errors=(str(exc),), document=doc, file=path)
    if results is not None and not checked.errors:
        results.put(key, checked.findings)
    return Result(doc.path, checked.findings, checked.errors, document=doc, file=path)


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
    caller can write it and let its document go. ``jobs`` is capped at the
    number of CPUs. When a worker process dies (a crash in a plugin's C
    extension, the OOM killer), the files not yet reported are linted again in
    fresh processes, halving the group each time, until the file that kills a
    worker is found: it gets an error, every other file its result.
    """
    jobs = min(jobs, max_jobs(), len(paths))
    if jobs <= 1:
        for path in paths:
            yield lint_file(path, session, pm)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing only with --jobs

    chunk = max(1, min(8, len(paths) // (jobs * 4)))
    yielded = 0
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(session, tuple(plugins))
        ) as pool:
            for result in pool.map(_lint_in_worker, paths, chunksize=chunk):
                yielded += 1
                yield result
    except Exception:  # a dead worker (BrokenProcessPool) or an unpicklable result
        rest = list(range(yielded, len(paths)))
        recovered = _recover(rest, paths, session, plugins)
        for i in rest:
            yield recovered[i]


def max_jobs() -> int:
    """The number of CPUs this process may run on (``-j`` is capped at it)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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


def _lint_group(group: Sequence[Path], session: Session, plugins: Sequence[str]) -> list[Result]:
    """A fresh worker's whole task: start as every worker does, lint ``group``."""
    _start_worker(session, plugins)
    return [_lint_in_worker(path) for path in group]


def _recover(
    chunk: list[int], paths: Sequence[Path], session: Session, plugins: Sequence[str]
) -> dict[int, Result]:
    """Lint ``chunk`` in a fresh process; split it until the failing file is alone."""
    from concurrent.futures import ProcessPoolExecutor

    if not chunk:
        return {}
    group = [paths[i] for i in chunk]
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            results = pool.submit(_lint_group, group, session, tuple(plugins)).result()
        return dict(zip(chunk, results, strict=True))
    except Exception as exc:
        if len(chunk) > 1:
            mid = len(chunk) // 2
            return {
                **_recover(chunk[:mid], paths, session, plugins),
                **_recover(chunk[mid:], paths, session, plugins),
            }
        display = _display(group[0], session)
        return {chunk[0]: Result(display, errors=(_worker_error(display, exc),))}


def _worker_error(display: str, exc: BaseException) -> str:
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(exc, BrokenProcessPool):
        return f"{display}: internal error in a --jobs worker: the process died; please report it"
    return internal_error(display, "a --jobs worker", exc)
