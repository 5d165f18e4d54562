"""Declarative rule packs: house glossaries written in YAML (see docs/rule-packs.md).

A pack holds rules of two types, in the spirit of Vale's:

* ``substitution``: ``swap`` maps a wrong word or phrase to the right one; the
  finding carries the replacement (keeping an Arabic proclitic: "باللوحة" ->
  "بمجلس الإدارة").
* ``existence``: ``tokens`` (words or phrases) or ``pattern`` (a regex over the
  normalized text) that should not appear.

Either may be limited to a language and to a ``context``: words that must (``any``)
or must not (``none``) occur in the same sentence, paragraph or within N words;
``exceptions`` are longer phrases in which a match is fine.

How pack rules become rules
---------------------------
``factlint_rules()`` takes no configuration, so:

* GL000 (``glossary``) is always registered. Its check loads the packs named by
  ``ctx.config.rules`` (files, or directories of ``*.yaml``/``*.yml``), validates
  them -- a broken pack raises :class:`ConfigError` with file and line -- and runs
  every pack rule not registered on its own, honouring ``ctx.enabled(code)``.
* In addition, the packs of the project found from the current directory (the
  same lookup the CLI uses) are registered as rules of their own, one per pack
  code, so that ``factlint rules``/``explain`` list them and ``--select GL001``
  is accepted. Each such rule runs the pack rule of that code found in
  ``ctx.config.rules`` (so ``--rules`` still decides what is loaded).

Parsed packs are kept per document in ``ctx.cache`` (keyed by the paths and
their modification times); there is no module-level state.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from factlint.api import CheckContext, Rule
from factlint.errors import ConfigError, FactlintError
from factlint.files import read_regular
from factlint.hookspecs import hookimpl
from factlint.model import FactRef, Finding, Severity
from factlint.normalize import fold, fold_char, normalize
from factlint.rules.docs import rule_docs
from factlint.tokens import Kind, Script, Token, tokenize

FAMILY = "rulepacks"
META_CODE = "GL000"
_CACHE_KEY = "rulepacks.packs"
_STEMS_KEY = "rulepacks.stems"
# Arabic proclitics allowed on the first word of a match (the article is not one:
# a pack lists the definite and the indefinite form when it needs both).
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_LAM_PROCLITICS = ("ول", "فل", "ل")
_FIELDS = frozenset({"match", "replacement"})

_PHRASE: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
_PHRASES: dict[str, Any] = {"type": "array", "minItems": 1, "items": _PHRASE}
_LANG: dict[str, Any] = {"type": "string", "pattern": "^[a-z]{2}$"}
SCHEMA: Mapping[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "factlint rule pack",
    "type": "object",
    "additionalProperties": False,
    "required": ["rules"],
    "properties": {
        "pack": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "lang": _LANG,
        "source": {"type": "string"},
        "rules": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "type", "message"],
                "properties": {
                    "code": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"},
                    "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                    "type": {"enum": ["substitution", "existence"]},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "lang": _LANG,
                    "message": {"type": "string", "minLength": 1},
                    "description": {"type": "string"},
                    "source": {"type": "string"},
                    "swap": {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": _PHRASE,
                        "additionalProperties": _PHRASE,
                    },
                    "tokens": _PHRASES,
                    "pattern": {"type": "string", "minLength": 1},
                    "exceptions": _PHRASES,
                    "proclitics": {"type": "boolean"},
                    "context": {
                        "type": "object",
                        "additionalProperties": False,
                        "minProperties": 1,
                        "properties": {
                            "any": _PHRASES,
                            "none": _PHRASES,
                            "window": {
                                "anyOf": [
                                    {"enum": ["sentence", "paragraph"]},
                                    {"type": "integer", "minimum": 1},
                                ]
                            },
                        },
                    },
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Phrase:
    """A word or phrase as normalized tokens; a final ``*`` makes the last a prefix."""

    tokens: tuple[str, ...]
    star: bool = False


@dataclass(frozen=True)
class Swap:
    wrong: Phrase
    right: str


@dataclass(frozen=True)
class PackRule:
    code: str
    name: str
    type: str  # "substitution" | "existence"
    severity: Severity
    message: str
    pack: str
    path: str  # the pack file as shown in messages
    line: int
    lang: str | None = None
    source: str | None = None
    description: str = ""
    swaps: tuple[Swap, ...] = ()
    tokens: tuple[Phrase, ...] = ()
    pattern: re.Pattern[str] | None = None
    exceptions: tuple[Phrase, ...] = ()
    context_any: tuple[Phrase, ...] = ()
    context_none: tuple[Phrase, ...] = ()
    window: str | int = "sentence"
    proclitics: bool = True

    def phrases(self) -> tuple[Phrase, ...]:
        return tuple(s.wrong for s in self.swaps) or self.tokens


# ---------------------------------------------------------------- loading


def _phrase(text: str) -> Phrase:
    star = text.rstrip().endswith("*")
    body = text.rstrip()[:-1] if star else text
    toks = tuple(t.text for t in tokenize(normalize(body)) if t.kind is not Kind.NEWLINE)
    return Phrase(toks, star and bool(toks))


def _fold_pattern(pattern: str) -> str:
    """Fold the non-ASCII characters of a regex like the text (أ -> ا, ة -> ه, harakat)."""
    return "".join(ch if ord(ch) < 0x80 else fold_char(ch) for ch in pattern)


def _node_at(node: yaml.Node, path: Iterable[Any]) -> yaml.Node:
    """The YAML node at a JSON path (as deep as it can be followed)."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    node = v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return node
            node = node.value[key]
        else:
            return node
    return node


def _key_node(node: yaml.Node, path: Sequence[Any], key: str) -> yaml.Node:
    parent = _node_at(node, path)
    if isinstance(parent, yaml.MappingNode):
        for k, _ in parent.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k
    return parent


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _dotted(path: Iterable[Any]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _check_duplicate_keys(node: yaml.Node, where: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    raise ConfigError(f"duplicate key {k.value!r}", where, _line(k))
                seen.add(k.value)
            _check_duplicate_keys(v, where)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, where)


def _schema_error(error: jsonschema.ValidationError, root: yaml.Node, where: str) -> ConfigError:
    path = list(error.absolute_path)
    node = _node_at(root, path)
    message = error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        allowed = set(schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        if extra:
            node = _key_node(root, path, extra[0])
            message = f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})"
    elif error.validator == "required":
        node = _node_at(root, path)
    label = _dotted(path)
    return ConfigError(
        f"invalid rule pack: {label + ': ' if label else ''}{message}", where, _line(node)
    )


def _template_fields(message: str) -> set[str]:
    try:
        return {f for _, f, _, _ in string.Formatter().parse(message) if f is not None}
    except ValueError as exc:
        raise ValueError(f"message: {exc}") from None


def _build_rule(
    item: Mapping[str, Any], pack: Mapping[str, Any], where: str, node: yaml.Node, index: int
) -> PackRule:
    line = _line(_node_at(node, ["rules", index]))

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(
            f"rule {item['code']}: {message}", where, _line(_node_at(node, ["rules", index, key]))
        )

    kind = str(item["type"])
    if kind == "substitution":
        if "swap" not in item:
            raise fail("type", "a substitution rule needs 'swap'")
        for key in ("tokens", "pattern"):
            if key in item:
                raise fail(key, f"'{key}' belongs to existence rules (use 'swap')")
    else:
        if "swap" in item:
            raise fail("swap", "'swap' belongs to substitution rules")
        if ("tokens" in item) == ("pattern" in item):
            raise fail("type", "an existence rule needs exactly one of 'tokens', 'pattern'")
    try:
        fields = _template_fields(str(item["message"]))
    except ValueError as exc:
        raise fail("message", str(exc)) from None
    allowed = _FIELDS if kind == "substitution" else _FIELDS - {"replacement"}
    unknown = sorted(f"{{{f}}}" for f in fields - allowed)
    if unknown:
        names = ", ".join(f"{{{f}}}" for f in sorted(allowed))
        raise fail("message", f"unknown placeholder {unknown[0]} (use {names})")
    swaps: list[Swap] = []
    for wrong, right in dict(item.get("swap", {})).items():
        phrase = _phrase(str(wrong))
        if not phrase.tokens or phrase.star:
            raise fail("swap", f"cannot match {wrong!r} (no words, or a '*')")
        if _phrase(str(right)).tokens == phrase.tokens:
            raise fail("swap", f"{wrong!r} is swapped for itself")
        swaps.append(Swap(phrase, str(right).strip()))
    pattern: re.Pattern[str] | None = None
    if "pattern" in item:
        try:
            pattern = re.compile(_fold_pattern(str(item["pattern"])))
        except re.error as exc:
            raise fail("pattern", f"invalid regular expression: {exc}") from None
        if pattern.match(""):
            raise fail("pattern", "the pattern matches the empty string")

    def phrases(values: Iterable[Any], key: str) -> tuple[Phrase, ...]:
        out = tuple(_phrase(str(v)) for v in values)
        if any(not p.tokens for p in out):
            raise fail(key, "an entry has no words")
        return out

    context = dict(item.get("context", {}))
    return PackRule(
        code=str(item["code"]),
        name=str(item.get("name") or item["code"].lower()),
        type=kind,
        severity=Severity(str(item.get("severity", "warning"))),
        message=str(item["message"]),
        pack=str(pack.get("pack") or Path(where).stem),
        path=where,
        line=line,
        lang=item.get("lang", pack.get("lang")),
        source=item.get("source", pack.get("source")),
        description=str(item.get("description", "")),
        swaps=tuple(swaps),
        tokens=phrases(item.get("tokens", ()), "tokens"),
        pattern=pattern,
        exceptions=phrases(item.get("exceptions", ()), "exceptions"),
        context_any=phrases(context.get("any", ()), "context"),
        context_none=phrases(context.get("none", ()), "context"),
        window=context.get("window", "sentence"),
        proclitics=bool(item.get("proclitics", True)),
    )


def parse_pack(text: str, where: str) -> tuple[PackRule, ...]:
    """Validate and compile one pack; ``where`` names the file in errors."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        line = int(mark.line) + 1 if mark is not None else 1
        raise ConfigError(f"invalid rule pack: {problem}", where, line) from None
    if node is None or not isinstance(data, dict):
        line = _line(node) if node is not None else 1
        raise ConfigError("invalid rule pack: expected a mapping with a 'rules' list", where, line)
    _check_duplicate_keys(node, where)
    errors = sorted(
        jsonschema.Draft202012Validator(SCHEMA).iter_errors(data),
        key=lambda e: (_line(_node_at(node, e.absolute_path)), list(map(str, e.absolute_path))),
    )
    if errors:
        raise _schema_error(errors[0], node, where)
    rules: list[PackRule] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["rules"]):
        rule = _build_rule(item, data, where, node, index)
        if rule.code in seen:
            raise ConfigError(
                f"rule code {rule.code} is already used at line {seen[rule.code]}",
                where,
                rule.line,
            )
        if rule.code == META_CODE:
            raise ConfigError(f"rule code {META_CODE} is reserved", where, rule.line)
        seen[rule.code] = rule.line
        rules.append(rule)
    return tuple(rules)


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """The pack files named by the configuration (directories: *.yaml, *.yml)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif os.path.lexists(path):  # a file, or something read_regular reports
            files.append(path)
        else:
            raise ConfigError("rule pack not found", str(path))
    return files


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the cwd, or a symlink loop
        return path.as_posix()


def load_packs(paths: Iterable[Path]) -> tuple[PackRule, ...]:
    """All rules of the packs at ``paths``; codes must be unique across packs."""
    rules: list[PackRule] = []
    where: dict[str, PackRule] = {}
    for file in pack_files(paths):
        shown = _display(file)
        try:  # a regular file only: a FIFO or device is an error, never opened
            text = read_regular(file, shown, error=ConfigError).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"cannot read rule pack: {exc}", shown) from None
        for rule in parse_pack(text, shown):
            other = where.get(rule.code)
            if other is not None:
                raise ConfigError(
                    f"rule code {rule.code} is already defined in {other.path}:{other.line}",
                    shown,
                    rule.line,
                )
            where[rule.code] = rule
            rules.append(rule)
    return tuple(rules)


def _signature(paths: Iterable[Path]) -> str:
    parts: list[str] = []
    for path in paths:
        try:
            parts.append(f"{path}@{path.stat().st_mtime_ns}")
        except OSError:
            parts.append(f"{path}@missing")
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.suffix in (".yaml", ".yml"):
                    try:
                        parts.append(f"{child}@{child.stat().st_mtime_ns}")
                    except OSError:  # a symlink loop: load_packs reports it
                        parts.append(f"{child}@missing")
    return "|".join(parts)


def packs_for(ctx: CheckContext) -> tuple[PackRule, ...]:
    """The pack rules of ``ctx.config.rules``, parsed once per document."""
    key = f"{_CACHE_KEY}:{_signature(ctx.config.rules)}"
    cached = ctx.cache.get(key)
    if isinstance(cached, tuple):
        return cached
    rules = load_packs(ctx.config.rules)
    for rule in rules:
        known = ctx.rules.get(rule.code)
        if known is not None and known.family != FAMILY:
            raise ConfigError(
                f"rule code {rule.code} is already a built-in rule ({known.name})",
                rule.path,
                rule.line,
            )
    ctx.cache[key] = rules
    return rules


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    first: int  # token indices [first, last]
    last: int
    prefix: str = ""  # normalized proclitics on the first token


def _stems(ctx: CheckContext) -> list[tuple[tuple[str, str], ...]]:
    """For each token: (form, proclitic) pairs it can match as a first word."""
    cached = ctx.cache.get(_STEMS_KEY)
    if isinstance(cached, list):
        return cached
    out: list[tuple[tuple[str, str], ...]] = []
    for tok in ctx.tokens:
        forms = [(tok.text, "")]
        if tok.kind is Kind.WORD and tok.script is Script.ARABIC:
            for p in _PROCLITICS:
                rest = tok.text[len(p) :]
                if tok.text.startswith(p) and len(rest) >= 2:
                    forms.append((rest, p))
                    if p in _LAM_PROCLITICS and rest.startswith("ل"):
                        # ل + ال: "للوحة" = ل + اللوحة, "لليل" = ل + الليل
                        forms.append(("ا" + rest, p))
                        forms.append(("ال" + rest, p))
        out.append(tuple(forms))
    ctx.cache[_STEMS_KEY] = out
    return out


def _find(
    ctx: CheckContext, phrases: Sequence[Phrase], proclitics: bool = True
) -> Iterator[tuple[Match, int]]:
    """Occurrences of phrases in the document, as (match, phrase index)."""
    toks = ctx.tokens
    stems = _stems(ctx)
    exact: dict[str, list[int]] = {}
    starred: list[int] = []
    for k, phrase in enumerate(phrases):
        if phrase.star and len(phrase.tokens) == 1:
            starred.append(k)
        else:
            exact.setdefault(phrase.tokens[0], []).append(k)
    for i, tok in enumerate(toks):
        if tok.kind is Kind.NEWLINE:
            continue
        forms = stems[i] if proclitics else ((tok.text, ""),)
        for form, prefix in forms:
            for k in exact.get(form, ()):
                last = _rest(toks, i, phrases[k])
                if last is not None:
                    yield Match(i, last, prefix), k
            for k in starred:
                if form.startswith(phrases[k].tokens[0]):
                    yield Match(i, i, prefix), k


def _rest(toks: Sequence[Token], i: int, phrase: Phrase) -> int | None:
    n = len(phrase.tokens)
    if i + n > len(toks):
        return None
    for k in range(1, n):
        tok = toks[i + k]
        want = phrase.tokens[k]
        if tok.kind is Kind.NEWLINE:
            return None
        if k == n - 1 and phrase.star:
            if not tok.text.startswith(want):
                return None
        elif tok.text != want:
            return None
    return i + n - 1


def _bounds(ctx: CheckContext, match: Match, window: str | int) -> tuple[int, int]:
    """Token indices [lo, hi) of the window around a match."""
    toks = ctx.tokens
    if isinstance(window, int):
        # N words either side, within the line (paragraph)
        lo, count = match.first, 0
        while lo > 0 and count < window and toks[lo - 1].kind is not Kind.NEWLINE:
            lo -= 1
            count += toks[lo].kind in (Kind.WORD, Kind.NUMBER)
        hi, count = match.last + 1, 0
        while hi < len(toks) and count < window and toks[hi].kind is not Kind.NEWLINE:
            count += toks[hi].kind in (Kind.WORD, Kind.NUMBER)
            hi += 1
        return lo, hi
    paragraph = window == "paragraph"

    def stop(k: int) -> bool:
        tok = toks[k]
        if tok.kind is Kind.NEWLINE:  # a paragraph break: wrapped lines are already joined
            return True
        return not paragraph and ctx.segments.ends_sentence(k)

    lo = match.first
    while lo > 0 and not stop(lo - 1):
        lo -= 1
    hi = match.last + 1
    while hi < len(toks) and not stop(hi):
        hi += 1
    return lo, hi


def _span(ctx: CheckContext, match: Match) -> tuple[int, int]:
    a, _ = ctx.normalized.orig_span(ctx.tokens[match.first].start, ctx.tokens[match.first].end)
    _, b = ctx.normalized.orig_span(ctx.tokens[match.last].start, ctx.tokens[match.last].end)
    return a, b


def _replacement(ctx: CheckContext, match: Match, right: str) -> str:
    tok = ctx.tokens[match.first]
    if match.prefix:
        a, b = ctx.normalized.orig_span(tok.start, tok.start + len(match.prefix))
        prefix = ctx.document.text[a:b]
        if match.prefix.endswith("ل") and fold(right).startswith("ال"):
            return prefix + right[1:]  # ل + الإدارة -> للإدارة
        return prefix + right
    if tok.script is Script.LATIN:
        a, _ = _span(ctx, match)
        original = ctx.document.text[a : a + 1]
        if original.isupper() and right[:1].islower():
            return right[:1].upper() + right[1:]
    return right


def _occurrences(ctx: CheckContext, phrases: Sequence[Phrase]) -> list[Match]:
    return [m for m, _ in _find(ctx, phrases)] if phrases else []


def run_rule(ctx: CheckContext, rule: PackRule) -> Iterator[Finding]:
    """Findings of one pack rule in the document."""
    if rule.lang is not None and rule.lang != ctx.lang:
        return
    matches: list[tuple[Match, str | None]] = []
    if rule.pattern is not None:
        matches.extend((m, None) for m in _pattern_matches(ctx, rule.pattern))
    else:
        phrases = rule.phrases()
        for match, k in _find(ctx, phrases, rule.proclitics):
            right = rule.swaps[k].right if rule.swaps else None
            matches.append((match, right))
    if not matches:
        return
    exceptions = _occurrences(ctx, rule.exceptions)
    wanted = _occurrences(ctx, rule.context_any)
    unwanted = _occurrences(ctx, rule.context_none)
    reported: set[tuple[int, int]] = set()
    for match, right in sorted(matches, key=lambda m: (m[0].first, -m[0].last)):
        if any(e.first <= match.first and match.last <= e.last for e in exceptions):
            continue
        if any(match.first <= r[0] <= match.last or r[0] <= match.first <= r[1] for r in reported):
            continue  # a longer match at the same place was reported
        if rule.context_any or rule.context_none:
            lo, hi = _bounds(ctx, match, rule.window)

            def near(found: list[Match], match: Match = match, lo: int = lo, hi: int = hi) -> bool:
                # an occurrence inside the window other than the match itself
                return any(
                    lo <= o.first and o.last < hi and (o.first, o.last) != (match.first, match.last)
                    for o in found
                )

            if rule.context_any and not near(wanted):
                continue
            if near(unwanted):
                continue
        start, end = _span(ctx, match)
        text = ctx.document.text[start:end]
        replacement = _replacement(ctx, match, right) if right is not None else None
        message = rule.message.format(match=text, replacement=replacement or "")
        refs: list[FactRef] = []
        if rule.source:
            refs.append(FactRef(f"{rule.pack}/{rule.name}", rule.source))
        reported.add((match.first, match.last))
        found = ctx.finding(
            rule.code,
            start,
            end,
            message,
            replacement=replacement,
            facts=refs,
        )
        # a pack rule's severity is declared in its pack (it may not be registered
        # when the pack came from --rules)
        yield found if found.severity is rule.severity else replace(found, severity=rule.severity)


def _pattern_matches(ctx: CheckContext, pattern: re.Pattern[str]) -> Iterator[Match]:
    toks = ctx.tokens
    starts = [t.start for t in toks]
    for found in pattern.finditer(ctx.normalized.text):
        if found.end() <= found.start():
            continue
        first = bisect.bisect_right(starts, found.start()) - 1
        last = bisect.bisect_left(starts, found.end()) - 1
        if first < 0 or last < first:
            continue
        yield Match(first, last)


# ---------------------------------------------------------------- rules


def check_packs(ctx: CheckContext) -> Iterator[Finding]:
    """GL000: validate the packs; run the pack rules not registered on their own."""
    for rule in packs_for(ctx):
        registered = ctx.rules.get(rule.code)
        if registered is None and ctx.enabled(rule.code):
            yield from run_rule(ctx, rule)


def check_code(code: str, ctx: CheckContext) -> Iterator[Finding]:
    """A registered pack rule: run the rule of that code in the configured packs."""
    for rule in packs_for(ctx):
        if rule.code == code:
            yield from run_rule(ctx, rule)


def pack_docs(rule: PackRule) -> str:
    lines = [f"From the rule pack **{rule.pack}** (`{rule.path}`, line {rule.line}).", ""]
    if rule.description:
        lines += [rule.description, ""]
    lines += [f"Message: {rule.message}", ""]
    if rule.swaps:
        lines.append("Substitutions (wrong -> right):")
        lines += [f"- {' '.join(s.wrong.tokens)} -> {s.right}" for s in rule.swaps]
        lines.append("")
    if rule.tokens:
        lines.append("Words: " + ", ".join(" ".join(p.tokens) for p in rule.tokens))
    if rule.pattern is not None:
        lines.append(f"Pattern: `{rule.pattern.pattern}`")
    if rule.context_any or rule.context_none:
        lines.append(f"Only with context (window: {rule.window}).")
    if rule.source:
        lines.append(f"Source: {rule.source}")
    return "\n".join(lines).strip() + "\n"


def as_rule(rule: PackRule) -> Rule:
    summary = rule.description.split("\n")[0] if rule.description else f"{rule.pack}: {rule.name}"
    return Rule(
        code=rule.code,
        name=rule.name,
        summary=summary,
        check=functools.partial(check_code, rule.code),
        severity=rule.severity,
        family=FAMILY,
        docs=pack_docs(rule),
        fix="safe" if rule.type == "substitution" else None,
    )


GL000 = Rule(
    code=META_CODE,
    name="glossary",
    summary="Rules from the configured YAML rule packs (house glossaries)",
    check=check_packs,
    severity=Severity.WARNING,
    family=FAMILY,
    docs=rule_docs(META_CODE),
    fix="safe",
)


def project_rules(start: Path | None = None) -> list[Rule]:
    """The pack rules of the project around ``start`` (the cwd), as rules of their own.

    Best effort: a missing or broken configuration or pack registers nothing
    here (GL000 reports broken packs when documents are checked).
    """
    from factlint.config import load_config

    try:
        config = load_config([start or Path.cwd()])
        return [as_rule(r) for r in load_packs(config.rules)]
    except (FactlintError, OSError):
        return []


@hookimpl
def factlint_rules() -> list[Rule]:
    return [GL000, *project_rules()]
