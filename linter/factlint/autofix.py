"""Running fixes over linted files: fix to a fixed point in memory, then diff or write.

Each file is fixed in passes: apply the applicable replacements, re-lint the new
text, repeat until nothing changes (at most ``MAX_PASSES``), so that a second
``--fix`` run changes nothing and the findings reported afterwards refer to the
fixed text. Only then is the file written, once, by :func:`write_atomic`.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pluggy

from factlint import document as documents
from factlint.engine import Result, Session, check_document
from factlint.errors import FactlintError
from factlint.fix import applicable, apply_fixes
from factlint.model import Finding

MAX_PASSES = 10

Keep = Callable[[documents.Document, Sequence[Finding]], list[Finding]]
"""Filters a document's findings (a baseline); fixes apply to the findings it keeps."""


@dataclass(frozen=True)
class FileFix:
    """What fixing one file did: its texts before and after, fixes applied, findings left."""

    path: str
    file: Path
    before: documents.Document
    after: documents.Document
    fixed: int
    findings: tuple[Finding, ...]
    converged: bool = True

    @property
    def changed(self) -> bool:
        return self.after.text != self.before.text


def _keep_all(doc: documents.Document, findings: Sequence[Finding]) -> list[Finding]:
    return list(findings)


def reparse(doc: documents.Document, text: str, session: Session, file: Path) -> documents.Document:
    """``text`` as a document with the same path and defaults as ``doc``."""
    settings = session.config.settings_for(file)
    return documents.parse(text, doc.path, default_date=settings.date, default_lang=settings.lang)


def fix_file(
    result: Result,
    session: Session,
    pm: pluggy.PluginManager,
    *,
    unsafe: bool,
    keep: Keep = _keep_all,
) -> FileFix | None:
    """Fix one linted file in memory; ``None`` when it was not read."""
    if result.document is None or result.file is None:
        return None
    before = doc = result.document
    findings = list(result.findings)
    fixed = 0
    for _ in range(MAX_PASSES):
        chosen = applicable(findings, session.rules, doc, unsafe=unsafe)
        text, done = apply_fixes(doc.text, chosen)
        if not done or text == doc.text:
            return FileFix(doc.path, result.file, before, doc, fixed, tuple(findings))
        fixed += len(done)
        doc = reparse(doc, text, session, result.file)
        findings = keep(doc, check_document(doc, session, pm))
    return FileFix(doc.path, result.file, before, doc, fixed, tuple(findings), converged=False)


def unified_diff(fix: FileFix) -> str:
    """A unified diff of the fix (``--- a/PATH`` / ``+++ b/PATH``); '' when nothing changed."""
    if not fix.changed:
        return ""
    old = fix.before.text.splitlines(keepends=True)
    new = fix.after.text.splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{fix.path}", f"b/{fix.path}")
    out: list[str] = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def within(file: Path, roots: Sequence[Path]) -> Path:
    """The real path of ``file``; an error when a symlink leads out of every root."""
    real = file.resolve()
    for root in roots:
        if real == root or root in real.parents:
            return real
    raise FactlintError(
        f"not fixed: it is a symbolic link to {real}, outside the linted tree", str(file)
    )


def tree_roots(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The linted trees: each directory given, or the directory of each file given."""
    roots: list[Path] = []
    for path in paths:
        base = path if path.is_dir() else path.parent
        roots.append(base.resolve())
    return tuple(roots)


def write_atomic(target: Path, text: str, *, bom: bool, mode: int) -> None:
    """Replace ``target`` by ``text`` (UTF-8) all at once: a reader sees the old or the new file.

    The text goes to a temporary file in the same directory, which is flushed,
    synced, given ``mode`` and then renamed over the target.
    """
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".factlint", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_fix(fix: FileFix, roots: Sequence[Path]) -> None:
    """Write a fixed file in place, keeping its BOM, line endings and permissions.

    Raises :class:`FactlintError` when the file is a symlink out of the linted
    tree or has changed since it was read.
    """
    if not fix.changed:
        return
    target = within(fix.file, roots)
    try:
        raw = target.read_bytes()
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as exc:
        raise FactlintError(f"cannot write fixes: {exc.strerror or exc}", fix.path) from None
    try:
        current = documents.decode(raw, fix.path)
    except FactlintError:
        current = None
    if current != fix.before.text:
        raise FactlintError("not fixed: the file changed since it was read", fix.path)
    try:
        write_atomic(target, fix.after.text, bom=raw.startswith(codecs.BOM_UTF8), mode=mode)
    except OSError as exc:
        raise FactlintError(f"cannot write fixes: {exc.strerror or exc}", fix.path) from None
