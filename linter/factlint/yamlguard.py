"""YAML for configuration and rule packs, with alias bombs and recursive aliases refused.

A YAML alias (``*a``) repeats the node its anchor (``&a``) names; nested
aliases multiply ("billion laughs"): a few hundred bytes can expand to billions
of values, and a node that contains an alias to itself never ends. Before any
value is constructed, :func:`load` composes the node graph (linear in the
file), measures how many nodes the document expands to (linear in the number
of distinct nodes, whatever the expansion) and refuses a recursive alias or an
expansion above :data:`MAX_NODES`, with the file and line of the offending node.
"""

from __future__ import annotations

from typing import Any

import yaml

from factlint.errors import ConfigError

MAX_NODES = 1_000_000  # values a document may expand to through aliases

__all__ = ["MAX_NODES", "check_aliases", "compose", "load"]


def _loader(text: str) -> yaml.SafeLoader | yaml.CSafeLoader:
    if yaml.__with_libyaml__:
        return yaml.CSafeLoader(text)
    return yaml.SafeLoader(text)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_aliases(root: yaml.Node, where: str, limit: int = MAX_NODES) -> int:
    """The number of values ``root`` expands to; raise on recursion or above ``limit``.

    Iterative (no Python recursion), and each distinct node is measured once.
    """
    size: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            total = 1 + sum(size[id(child)] for child in _children(node))
            if total > limit:
                raise ConfigError(
                    f"YAML aliases expand to more than {limit:,} values (an alias bomb?)",
                    where,
                    _line(node),
                )
            size[key] = total
            continue
        if key in size:
            continue
        if key in active:
            raise ConfigError(
                "invalid YAML: recursive alias (a node contains itself)", where, _line(node)
            )
        active.add(key)
        stack.append((node, True))
        for child in _children(node):
            child_key = id(child)
            if child_key in active:
                raise ConfigError(
                    "invalid YAML: recursive alias (a node contains itself)", where, _line(child)
                )
            if child_key not in size:
                stack.append((child, False))
    return size[id(root)]


def _yaml_error(exc: yaml.YAMLError, where: str, label: str, column: bool) -> ConfigError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "not valid YAML"
    return ConfigError(
        f"{label}: {problem}",
        where,
        int(mark.line) + 1 if mark is not None else 1,
        int(mark.column) + 1 if mark is not None and column else None,
    )


def compose(
    text: str, where: str, label: str = "invalid YAML", column: bool = True
) -> yaml.Node | None:
    """The node graph of a one-document YAML text, checked by :func:`check_aliases`."""
    loader = _loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, where, label, column) from None
    finally:
        loader.dispose()
    if node is not None:
        check_aliases(node, where)
    return node


def load(
    text: str, where: str, label: str = "invalid YAML", column: bool = True
) -> tuple[yaml.Node | None, Any]:
    """``(node, data)`` of a one-document YAML text, aliases checked before construction."""
    node = compose(text, where, label, column)
    if node is None:
        return None, None
    loader = _loader("")
    try:
        return node, loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, where, label, column) from None
    finally:
        loader.dispose()
