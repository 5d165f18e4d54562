"""Configuration: ``[tool.factlint]`` in pyproject.toml or ``.factlint.yaml``,
found from the linted paths upward. Without one, ``claims/`` and ``rules/`` at
the repository root are used."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from factlint import yamlguard
from factlint.errors import ConfigError
from factlint.paths import display_path
from factlint.selection import Selection
from factlint.severity import Overrides, parse_overrides

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
        return display_path(path, self.root)

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
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\[tool\.factlint(\]|\.)", text, re.M):
                return candidate
    return None


def repository_root(start: Path) -> Path:
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return Path.cwd().resolve()


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=:]", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}", str(path)) from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"at line (\d+), column (\d+)", str(exc))
            line, col = (int(found.group(1)), int(found.group(2))) if found else (None, None)
            msg = re.sub(r"\s*\(at line.*\)$", "", str(exc))
            raise ConfigError(f"invalid TOML: {msg}", str(path), line, col) from None
        tool = data.get("tool", {}).get("factlint", {})
        return (tool if isinstance(tool, dict) else {}), text
    loaded = yamlguard.load(text, str(path))[1] or {}  # alias bombs refused
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


def _strings(value: Any, key: str, where: tuple[str, int | None]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{key}: expected a string or a list of strings", where[0], where[1])


def _date(value: Any, key: str, where: tuple[str, int | None]) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{key}: {value!r} is not a date (YYYY-MM-DD)", *where) from None


def parse_config(data: Mapping[str, Any], text: str, path: Path) -> Config:
    root = path.parent.resolve()
    name = str(path)

    def at(key: str) -> tuple[str, int | None]:
        return name, _line_of(text, key)

    for key in data:
        if key not in _KNOWN:
            raise ConfigError(f"unknown setting {key!r}", *at(str(key)))
    cfg = Config(root=root, source=path)
    if "facts" in data:
        cfg = replace(
            cfg, facts=tuple(root / p for p in _strings(data["facts"], "facts", at("facts")))
        )
    else:
        cfg = replace(cfg, facts=_default_dir(root, "claims"))
    if "rules" in data:
        cfg = replace(
            cfg, rules=tuple(root / p for p in _strings(data["rules"], "rules", at("rules")))
        )
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
        cfg = replace(cfg, lang=_strings(data["lang"], "lang", at("lang"))[0])
    if "extensions" in data:
        exts = _strings(data["extensions"], "extensions", at("extensions"))
        cfg = replace(cfg, extensions=tuple(e if e.startswith(".") else "." + e for e in exts))
    if "exclude" in data:
        cfg = replace(cfg, exclude=_strings(data["exclude"], "exclude", at("exclude")))
    if "plugins" in data:
        cfg = replace(cfg, plugins=_strings(data["plugins"], "plugins", at("plugins")))
    if "severity" in data:
        cfg = replace(cfg, severity=parse_overrides(data["severity"], at("severity")))
    for key, attr in (("max-file-size", "max_file_size"), ("tense-grace-days", "tense_grace_days")):
        if key in data:
            value = data[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{key}: expected a non-negative integer", *at(key))
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
            if not isinstance(settings, dict):
                raise ConfigError(f"per-file.{pattern}: expected a table", *where)
            unknown = set(settings) - {"date", "lang", "ignore"}
            if unknown:
                raise ConfigError(
                    f"per-file.{pattern}: unknown setting {sorted(unknown)[0]!r}", *where
                )
            per_file.append(
                FileSettings(
                    str(pattern),
                    _date(settings["date"], f"per-file.{pattern}.date", where)
                    if "date" in settings
                    else None,
                    str(settings["lang"]) if "lang" in settings else None,
                    _strings(settings.get("ignore", []), f"per-file.{pattern}.ignore", where),
                )
            )
        cfg = replace(cfg, per_file=tuple(per_file))
    return cfg


def _default_dir(root: Path, name: str) -> tuple[Path, ...]:
    candidate = root / name
    return (candidate,) if candidate.exists() else ()


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
