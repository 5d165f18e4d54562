"""Command-line pieces for running factlint in workflows: CI, pre-commit, editors.

``--fail-on``, ``--statistics``, ``--diff-base``, ``--force-exclude``,
``--stdin-filename`` (with ``-`` as the path), the GitHub job summary and the
progress bar. :mod:`factlint.cli_parser` defines the options and
:mod:`factlint.cli` wires them in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pluggy

from factlint import document as documents
from factlint.engine import Result, Session, checked_document, lint_files
from factlint.errors import FactlintError
from factlint.guard import internal_error, stage_of

if TYPE_CHECKING:
    from factlint.api import ReportContext
    from factlint.model import Finding

STDIN = "-"
STDIN_DISPLAY = "<stdin>"
PROGRESS_DELAY = 2.0  # seconds before a progress bar appears: short runs never show one
PROGRESS_MIN_FILES = 20


def default_format(explicit: str | None, environ: Mapping[str, str]) -> str:
    """The output format: the one asked for, else ``github`` under GitHub Actions."""
    if explicit:
        return explicit
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


# ------------------------------------------------------------------------ stdin


def lint_stdin(
    session: Session, pm: pluggy.PluginManager, filename: str | None, stream: IO[bytes]
) -> Result:
    """Lint the article on ``stream``; ``filename`` names it for config and output."""
    path = Path(filename) if filename else None
    display = session.config.relative(path) if path is not None else STDIN_DISPLAY
    try:
        data = stream.read(session.config.max_file_size + 1)
        if len(data) > session.config.max_file_size:
            return Result(
                display,
                errors=(
                    f"{display}: input is over the limit of "
                    f"{session.config.max_file_size} bytes (set max-file-size)",
                ),
            )
        settings = session.config.settings_for(path or Path(STDIN_DISPLAY))
        doc = documents.parse(
            documents.decode(data, display),
            display,
            default_date=settings.date,
            default_lang=settings.lang,
        )
    except FactlintError as exc:
        return Result(display, errors=(str(exc),))
    except Exception as exc:  # under the same guard as a file (factlint.guard)
        return Result(display, errors=(internal_error(display, stage_of(exc, "reading"), exc),))
    try:
        checked = checked_document(doc, session, pm)
    except FactlintError as exc:
        return Result(doc.path, errors=(str(exc),), document=doc)
    return Result(doc.path, checked.findings, checked.errors, document=doc)


# --------------------------------------------------------------------- progress


def _progress_wanted(stream: IO[str], environ: Mapping[str, str], disabled: bool) -> bool:
    if disabled or environ.get("CI") or environ.get("GITHUB_ACTIONS") or environ.get("NO_PROGRESS"):
        return False
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def lint_with_progress(
    files: Sequence[Path],
    session: Session,
    pm: pluggy.PluginManager,
    *,
    jobs: int,
    plugins: Sequence[str],
    disabled: bool = False,
    stream: IO[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[Result]:
    """:func:`factlint.engine.lint_files`, with a progress bar on stderr when stderr
    is a terminal (never in CI or a pipe) and the run is long: many files, and
    only after :data:`PROGRESS_DELAY` seconds (``$FACTLINT_PROGRESS_DELAY``)."""
    err = stream if stream is not None else sys.stderr
    env = environ if environ is not None else os.environ
    if len(files) < PROGRESS_MIN_FILES or not _progress_wanted(err, env, disabled):
        return lint_files(files, session, pm, jobs=jobs, plugins=plugins)
    from tqdm import tqdm

    results: list[Result] = []
    batch = max(jobs, 1) * 8
    delay = _float(env.get("FACTLINT_PROGRESS_DELAY"), PROGRESS_DELAY)
    with tqdm(total=len(files), file=err, unit="file", delay=delay, leave=False) as bar:
        for index in range(0, len(files), batch):
            chunk = files[index : index + batch]
            results.extend(lint_files(chunk, session, pm, jobs=jobs, plugins=plugins))
            bar.update(len(chunk))
    return results


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value else default
    except ValueError:
        return default


# ------------------------------------------------------------------ job summary


def write_step_summary(
    findings: Sequence[Finding],
    report: ReportContext,
    environ: Mapping[str, str],
    warn: Callable[[str], None],
) -> None:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY`` when it is set."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from factlint.report.summary import markdown_summary

    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown_summary(findings, report))
    except OSError as exc:
        warn(f"factlint: warning: {target}: cannot write the job summary: {exc.strerror}")
