"""The plugin manager: the one piece of module-level state in factlint.

Plugins, built-in and third-party alike, are found through the ``factlint``
entry-point group. When factlint runs from a source tree without being
installed (no distribution metadata), the built-in modules listed in
``BUILTIN_PLUGINS`` -- the same ones its pyproject.toml declares -- are
registered directly so that the tool still works.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Iterable, Mapping

import pluggy

from factlint import hookspecs
from factlint.api import Formatter, Rule
from factlint.errors import ConfigError

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


def _installed() -> bool:
    try:
        importlib.metadata.distribution("factlint")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def new_plugin_manager(extra: Iterable[str] = ()) -> pluggy.PluginManager:
    pm = pluggy.PluginManager("factlint")
    pm.add_hookspecs(hookspecs)
    from factlint import runner, suppress

    pm.register(runner, "factlint.runner")
    pm.register(suppress, "factlint.suppress")  # FL100, the engine's own rule
    if _installed():
        pm.load_setuptools_entrypoints("factlint")
    else:
        for name, module in BUILTIN_PLUGINS.items():
            pm.register(importlib.import_module(module), name)
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


def collect_rules(pm: pluggy.PluginManager) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for batch in pm.hook.factlint_rules():
        for rule in batch:
            if rule.code in rules:
                raise ConfigError(f"two plugins define rule code {rule.code}")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


def collect_formats(pm: pluggy.PluginManager) -> dict[str, Formatter]:
    formats: dict[str, Formatter] = {}
    batches: list[Mapping[str, Formatter]] = pm.hook.factlint_formats()
    for batch in reversed(batches):  # earlier-registered plugins win
        formats.update(batch)
    return formats
