"""The plugin manager: the one piece of module-level state in factlint.

The built-in plugins are one explicit list, ``BUILTIN_PLUGINS`` (as pytest
has its default plugins), registered directly. The ``factlint`` entry-point
group is scanned only for third-party plugins; set
``FACTLINT_DISABLE_PLUGIN_AUTOLOAD=1`` to skip the scan (plugins named in the
configuration or with ``-p`` are still loaded).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

import pluggy

from factlint import hookspecs
from factlint.api import Formatter, Rule
from factlint.errors import ConfigError

if TYPE_CHECKING:
    from factlint.config import Config

BUILTIN_PLUGINS: dict[str, str] = {
    "names": "factlint.rules.names",
    "attribution": "factlint.rules.attribution",
    "numbers": "factlint.rules.numbers",
    "agreement": "factlint.rules.agreement",
    "integrity": "factlint.rules.integrity",
    "rulepacks": "factlint.rules.rulepacks",
    "formats": "factlint.report.formats",
}

_MANAGER: list[pluggy.PluginManager] = []


def _autoload() -> bool:
    value = os.environ.get("FACTLINT_DISABLE_PLUGIN_AUTOLOAD", "").strip().lower()
    return value in ("", "0", "false", "no", "off")


def new_plugin_manager(extra: Iterable[str] = ()) -> pluggy.PluginManager:
    """The built-in plugins, third-party entry points, then ``extra`` modules."""
    pm = pluggy.PluginManager("factlint")
    pm.add_hookspecs(hookspecs)
    from factlint import runner, suppress

    pm.register(runner, "factlint.runner")
    pm.register(suppress, "factlint.suppress")  # FL100, the engine's own rule
    for name, module in BUILTIN_PLUGINS.items():
        pm.register(importlib.import_module(module), name)
    if _autoload():
        # names already registered (the built-ins, in older installs) are skipped
        pm.load_setuptools_entrypoints("factlint")
    for module in extra:
        register_module(pm, module)
    return pm


def register_module(pm: pluggy.PluginManager, module: str) -> None:
    if pm.has_plugin(module):
        return
    try:
        imported = importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(f"cannot load plugin {module!r}: {exc}") from None
    except Exception as exc:  # the plugin's own code failed while importing
        raise ConfigError(
            f"cannot load plugin {module!r}: {type(exc).__name__} while importing it"
        ) from None
    if not pm.is_registered(imported):  # a built-in plugin named by its module
        pm.register(imported, module)


def plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager (created on first use)."""
    if not _MANAGER:
        _MANAGER.append(new_plugin_manager())
    return _MANAGER[0]


def collect_rules(pm: pluggy.PluginManager, config: Config | None = None) -> dict[str, Rule]:
    """Every plugin's rules by code; ``config`` is handed to the hook (see hookspecs)."""
    rules: dict[str, Rule] = {}
    for batch in pm.hook.factlint_rules(config=config):
        for rule in batch:
            other = rules.get(rule.code)
            if other is not None:
                first, second = sorted((other, rule), key=lambda r: r.family == "rulepacks")
                if second.family == "rulepacks" and first.family != "rulepacks":
                    raise ConfigError(
                        f"rule pack rule {second.code} ({second.name}) has the code of a "
                        f"built-in rule ({first.name}); choose another code"
                    )
                raise ConfigError(f"two plugins define rule code {rule.code}")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


def collect_formats(pm: pluggy.PluginManager) -> Mapping[str, Formatter]:
    """Every plugin's formats by name. Looking a name up asks only the plugin that
    provides it (the built-in formats import a format's module on lookup)."""
    batches: list[Mapping[str, Formatter]] = pm.hook.factlint_formats()
    return _Formats(batches)


class _Formats(Mapping[str, Formatter]):
    """The hook's batches as one mapping; the first batch that has a name wins."""

    def __init__(self, batches: list[Mapping[str, Formatter]]) -> None:
        self._batches = batches

    def __getitem__(self, name: str) -> Formatter:
        for batch in self._batches:
            if name in batch:
                return batch[name]
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return any(name in batch for batch in self._batches)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(name for batch in reversed(self._batches) for name in batch))

    def __len__(self) -> int:
        return len(list(iter(self)))
