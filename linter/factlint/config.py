"""Configuration: ``[tool.factlint]`` in pyproject.toml or ``.factlint.yaml``,
found from the linted paths upward. Without one, ``claims/`` and ``rules/`` at
the repository root are used."""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from factlint.dates import strict_date
from factlint.errors import ConfigError, shown
from factlint.files import read_regular
from factlint.paths import display_bases, display_path, git_top_level
from factlint.selection import Selection
from factlint.severity import Overrides, parse_overrides
from factlint.trust import config_path, repository_of

DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")
CONFIG_FILES = (".factlint.yaml", ".factlint.yml", "pyproject.toml")


@dataclass(frozen=True)
class FileSettings:
    pattern: str
    date: dt.date | None = None
    lang: str | None = None
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    root: Path
    source: Path | None = None
    facts: tuple[Path, ...] = ()
    rules: tuple[Path, ...] = ()
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    date: dt.date | None = None
    lang: str | None = None
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude: tuple[str, ...] = ()
    per_file: tuple[FileSettings, ...] = ()
    max_file_size: int = 5 * 1024 * 1024
    tense_grace_days: int = 30
    plugins: tuple[str, ...] = ()
    severity: Overrides = ()  # per-rule severity (factlint.severity)
    options: Mapping[str, Any] = field(default_factory=dict)

    def selection(self) -> Selection:
        return Selection(self.select, self.ignore)

    def relative(self, path: Path) -> str:
        """The path as shown in reports: relative to the repository root (see paths.py)."""
        return display_path(path, self.root, self._display_bases)

    @functools.cached_property
    def _display_bases(self) -> tuple[Path, Path]:
        """Found once per configuration: each file's path is shown relative to them."""
        return display_bases(self.root)

    def settings_for(self, path: Path) -> FileSettings:
        """Merged per-file settings for a document (later patterns win)."""
        try:
            rel = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            rel = path.as_posix()
        merged = FileSettings("*", self.date, self.lang)
        ignores: list[str] = []
        for entry in self.per_file:
            if _matches(rel, entry.pattern):
                merged = FileSettings(
                    entry.pattern, entry.date or merged.date, entry.lang or merged.lang
                )
                ignores.extend(entry.ignore)
        return replace(merged, ignore=tuple(ignores))

    def excluded(self, path: Path) -> bool:
        try:
            rel = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            rel = path.as_posix()
        return any(_matches(rel, pattern) for pattern in self.exclude)


def _matches(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern) or PurePosixPath(rel).match(pattern):
        return True
    # a directory pattern matches everything below it
    return rel.startswith(pattern + "/")


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` upward (pyproject only with [tool.factlint])."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                text = candidate.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\[tool\.factlint(\]|\.)", text, re.M):
                return candidate
    return None


def repository_root(start: Path) -> Path:
    return git_top_level(start) or Path.cwd().resolve()


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=:]", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


MAX_CONFIG_BYTES = 1024 * 1024


def _read(path: Path) -> tuple[dict[str, Any], str]:
    data = read_regular(path, str(path), max_bytes=MAX_CONFIG_BYTES, error=ConfigError)
    try:
        text = data.decode("utf-8-sig")  # a BOM (Windows editors) is not part of the TOML
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 (byte {exc.start})", str(path)) from None
    if path.name == "pyproject.toml":
        try:
            parsed = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"at line (\d+), column (\d+)", str(exc))
            line, col = (int(found.group(1)), int(found.group(2))) if found else (None, None)
            msg = re.sub(r"\s*\(at line.*\)$", "", str(exc))
            raise ConfigError(f"invalid TOML: {msg}", str(path), line, col) from None
        tool = parsed.get("tool", {}).get("factlint", {})
        return (tool if isinstance(tool, dict) else {}), text
    from factlint import yamlguard, yamlsafe  # YAML only for a YAML configuration

    try:
        yamlsafe.check_depth(text)  # deep nesting refused before anything is composed
    except yamlsafe.YamlProblem as exc:
        raise ConfigError(f"invalid YAML: {exc.message}", str(path), exc.line, exc.column) from None
    yamlguard.compose(text, str(path))  # alias bombs and recursive aliases refused, with the line
    try:  # duplicate keys refused
        loaded = yamlsafe.load(text) or {}
    except yamlsafe.YamlProblem as exc:
        raise ConfigError(f"invalid YAML: {exc.message}", str(path), exc.line, exc.column) from None
    if not isinstance(loaded, dict):
        raise ConfigError("configuration must be a mapping", str(path), 1)
    return loaded, text


_KNOWN = {
    "facts",
    "rules",
    "select",
    "ignore",
    "extend-select",
    "extend-ignore",
    "date",
    "lang",
    "extensions",
    "exclude",
    "per-file",
    "max-file-size",
    "tense-grace-days",
    "plugins",
    "severity",
}


MAX_GRACE_DAYS = 36_600  # a hundred years
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _strings(value: Any, key: str, where: tuple[str, int | None]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{key}: expected a string or a list of strings", *where)
    if any(not v.strip() for v in items):
        raise ConfigError(f"{key}: an empty string is not a valid entry", *where)
    return tuple(items)


def _lang(value: Any, key: str, where: tuple[str, int | None]) -> str:
    if not isinstance(value, str) or not _LANG.fullmatch(value.strip()):
        raise ConfigError(f"{key}: expected one language code such as 'en' or 'ar'", *where)
    return value.strip()


def _patterns(value: Any, key: str, where: tuple[str, int | None]) -> tuple[str, ...]:
    patterns = _strings(value, key, where)
    for pattern in patterns:
        _check_pattern(pattern, key, where)
    return patterns


def _check_pattern(pattern: str, key: str, where: tuple[str, int | None]) -> None:
    stripped = pattern.rstrip("/")
    try:
        if not stripped:
            raise ValueError("it matches nothing")
        PurePosixPath("x").match(stripped)
    except ValueError as exc:
        raise ConfigError(
            f"{key}: {shown(pattern)} is not a valid glob pattern ({exc})", *where
        ) from None


def _date(value: Any, key: str, where: tuple[str, int | None]) -> dt.date:
    try:
        return strict_date(value)
    except ValueError as exc:
        raise ConfigError(f"{key}: {exc}", *where) from None


def _paths(value: Any, key: str, root: Path, where: tuple[str, int | None]) -> tuple[Path, ...]:
    boundary = repository_of(root)
    out: list[Path] = []
    for entry in _strings(value, key, where):
        try:
            out.append(config_path(entry, root, boundary, key))
        except ConfigError as exc:
            raise ConfigError(exc.message, *where) from None
    return tuple(out)


def parse_config(data: Mapping[str, Any], text: str, path: Path) -> Config:
    root = path.parent.resolve()
    name = str(path)

    def at(key: str) -> tuple[str, int | None]:
        return name, _line_of(text, key)

    for key in data:
        if key not in _KNOWN:
            raise ConfigError(f"unknown setting {shown(key)}", *at(str(key)))
    cfg = Config(root=root, source=path)
    if "facts" in data:
        cfg = replace(cfg, facts=_paths(data["facts"], "facts", root, at("facts")))
    else:
        cfg = replace(cfg, facts=_default_dir(root, "claims"))
    if "rules" in data:
        cfg = replace(cfg, rules=_paths(data["rules"], "rules", root, at("rules")))
    else:
        cfg = replace(cfg, rules=_default_dir(root, "rules"))
    if "select" in data:
        cfg = replace(cfg, select=_strings(data["select"], "select", at("select")))
    if "extend-select" in data:
        extra = _strings(data["extend-select"], "extend-select", at("extend-select"))
        cfg = replace(cfg, select=cfg.select + extra)
    ignore: tuple[str, ...] = ()
    for key in ("ignore", "extend-ignore"):
        if key in data:
            ignore += _strings(data[key], key, at(key))
    cfg = replace(cfg, ignore=ignore)
    if "date" in data:
        cfg = replace(cfg, date=_date(data["date"], "date", at("date")))
    if "lang" in data:
        cfg = replace(cfg, lang=_lang(data["lang"], "lang", at("lang")))
    if "extensions" in data:
        exts = _strings(data["extensions"], "extensions", at("extensions"))
        cfg = replace(cfg, extensions=tuple(e if e.startswith(".") else "." + e for e in exts))
    if "exclude" in data:
        cfg = replace(cfg, exclude=_patterns(data["exclude"], "exclude", at("exclude")))
    if "plugins" in data:
        cfg = replace(cfg, plugins=_strings(data["plugins"], "plugins", at("plugins")))
    if "severity" in data:
        cfg = replace(cfg, severity=parse_overrides(data["severity"], at("severity")))
    for key, attr in (("max-file-size", "max_file_size"), ("tense-grace-days", "tense_grace_days")):
        if key in data:
            value = data[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{key}: expected a non-negative integer", *at(key))
            if key == "tense-grace-days" and value > MAX_GRACE_DAYS:
                raise ConfigError(f"{key}: at most {MAX_GRACE_DAYS} days", *at(key))
            cfg = (
                replace(cfg, max_file_size=value)
                if attr == "max_file_size"
                else replace(cfg, tense_grace_days=value)
            )
    if "per-file" in data:
        entries = data["per-file"]
        if not isinstance(entries, dict):
            raise ConfigError("per-file: expected a table of glob -> settings", *at("per-file"))
        per_file: list[FileSettings] = []
        for pattern, settings in entries.items():
            where = at(str(pattern))
            _check_pattern(str(pattern), "per-file", where)
            if not isinstance(settings, dict):
                raise ConfigError(f"per-file.{pattern}: expected a table", *where)
            unknown = set(settings) - {"date", "lang", "ignore"}
            if unknown:
                raise ConfigError(
                    f"per-file.{shown(pattern)}: unknown setting {shown(sorted(unknown)[0])}",
                    *where,
                )
            per_file.append(
                FileSettings(
                    str(pattern),
                    _date(settings["date"], f"per-file.{pattern}.date", where)
                    if "date" in settings
                    else None,
                    _lang(settings["lang"], f"per-file.{pattern}.lang", where)
                    if "lang" in settings
                    else None,
                    _strings(settings.get("ignore", []), f"per-file.{pattern}.ignore", where),
                )
            )
        cfg = replace(cfg, per_file=tuple(per_file))
    return cfg


def _default_dir(root: Path, name: str) -> tuple[Path, ...]:
    """``root/name`` when it exists; a committed symlink out of the repository is an error."""
    candidate = root / name
    if not candidate.exists():
        return ()
    return (config_path(name, root, repository_of(root), name),)


def load_config(paths: Sequence[Path], explicit: Path | None = None) -> Config:
    """The configuration for a run over ``paths``."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("configuration file not found", str(explicit))
        data, text = _read(explicit)
        return parse_config(data, text, explicit)
    start = paths[0] if paths else Path.cwd()
    found = find_config(start if start.exists() else Path.cwd())
    if found is not None:
        data, text = _read(found)
        return parse_config(data, text, found)
    root = repository_root(start if start.exists() else Path.cwd())
    return Config(root=root, facts=_default_dir(root, "claims"), rules=_default_dir(root, "rules"))
