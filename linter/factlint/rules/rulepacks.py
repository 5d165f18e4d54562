r"""Declarative rule packs: house glossaries written in YAML (see docs/rule-packs.md).

A pack holds rules of two types, in the spirit of Vale's:

* ``substitution``: ``swap`` maps a wrong word or phrase to the right one; the
  finding carries the replacement (keeping an Arabic proclitic: "باللوحة" ->
  "بمجلس الإدارة").
* ``existence``: ``tokens`` (words or phrases) or ``pattern`` (a regex over the
  normalized text) that should not appear.

Either may be limited to a language and to a ``context``: words that must (``any``)
or must not (``none``) occur in the same sentence, paragraph or within N words;
``exceptions`` are longer phrases in which a match is fine.

Patterns run on RE2 (google-re2), whose time is linear in the text: a pattern
RE2 cannot run (lookaround, backreferences) is refused when the pack is loaded,
with the pack's file and line. ``\w``, ``\d`` and ``\s`` are rewritten to their
Unicode meaning (RE2's are ASCII); a match counts only where it starts and ends
at word boundaries (``\b`` is refused: it is implied).

How pack rules become rules
---------------------------
The rule hook receives the run's configuration: the packs it names
(``config.rules``, files or directories of ``*.yaml``/``*.yml``) are read once
per run -- through the project cache when there is one -- and each pack rule is
registered as a rule of its own, one per code, so that ``factlint rules`` and
``explain`` list them and ``--select GL001`` works wherever the command runs.
A broken pack stops the run with a :class:`ConfigError` naming file and line.

GL000 (``glossary``) is always registered. With a configuration it does
nothing of its own; without one (the API with ``config=None``) it loads the
packs of ``ctx.config.rules`` for the document and runs their rules.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import os
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import re2
import yaml

from factlint import yamlguard
from factlint.api import CheckContext, Rule
from factlint.cache import Cache, code_digest
from factlint.errors import ConfigError
from factlint.files import read_regular
from factlint.hookspecs import hookimpl
from factlint.model import FactRef, Finding, Severity
from factlint.normalize import fold, fold_char, normalize
from factlint.rules.docs import rule_docs
from factlint.tokens import Kind, Script, Token, places_by_text, tokenize

if TYPE_CHECKING:
    import jsonschema

    from factlint.config import Config

FAMILY = "rulepacks"
META_CODE = "GL000"
_CACHE_KEY = "rulepacks.packs"
_STEMS_KEY = "rulepacks.stems"
# Arabic proclitics allowed on the first word of a match (the article is not one:
# a pack lists the definite and the indefinite form when it needs both).
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_LAM_PROCLITICS = ("ول", "فل", "ل")
_FIRSTS = frozenset(p[0] for p in _PROCLITICS)
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
    pattern: str | None = None  # RE2 syntax, folded like the text
    exceptions: tuple[Phrase, ...] = ()
    context_any: tuple[Phrase, ...] = ()
    context_none: tuple[Phrase, ...] = ()
    window: str | int = "sentence"
    proclitics: bool = True
    regex: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.pattern is not None:
            object.__setattr__(self, "regex", compile_pattern(self.pattern))

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


_WORD, _DIGIT, _SPACE = r"\p{L}\p{M}\p{N}_", r"\p{Nd}", r"\s\p{Z}"
_OUTSIDE = {
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "d": _DIGIT,
    "D": r"\P{Nd}",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
}
_INSIDE = {"w": _WORD, "d": _DIGIT, "D": r"\P{Nd}", "s": _SPACE}


def to_re2(pattern: str) -> str:
    """``pattern`` with ``\\w``, ``\\d``, ``\\s`` (and negations) in their Unicode meaning.

    Raises ValueError for ``\\b``/``\\B`` and for ``\\W``/``\\S`` inside a class.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in "bB":
                raise ValueError(
                    f"\\{nxt} is not supported (matches always start and end at word boundaries)"
                )
            table = _INSIDE if in_class else _OUTSIDE
            if nxt in table:
                out.append(table[nxt])
            elif in_class and nxt in "WS":
                raise ValueError(f"\\{nxt} inside [...] is not supported")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            # a ']' right after '[' or '[^' is a literal
            j = i + 1
            if pattern[j : j + 1] == "^":
                out.append("^")
                j += 1
            if pattern[j : j + 1] == "]":
                out.append("]")
                j += 1
            i = j
            continue
        if ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _re2_options() -> Any:
    options = re2.Options()
    options.log_errors = False
    return options


def compile_pattern(source: str) -> Any:
    """A linear-time RE2 program for ``source`` (already rewritten by :func:`to_re2`)."""
    return re2.compile(source, _re2_options())


def _pattern_source(text: str) -> str:
    """The RE2 source for a pack's ``pattern``; ValueError naming the problem."""
    try:
        source = to_re2(_fold_pattern(text))
        compiled = compile_pattern(source)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        try:
            re.compile(text)
        except re.error as invalid:
            raise ValueError(f"invalid regular expression: {invalid}") from None
        raise ValueError(
            f"RE2 cannot run this regular expression ({detail}); lookaround and "
            "backreferences are not supported"
        ) from None
    if compiled.match("") is not None:
        raise ValueError("the pattern matches the empty string")
    return source


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
    pattern: str | None = None
    if "pattern" in item:
        try:
            pattern = _pattern_source(str(item["pattern"]))
        except ValueError as exc:
            raise fail("pattern", str(exc)) from None

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
    import jsonschema  # only when a pack is parsed: a warm cache never needs it

    node, data = yamlguard.load(text, where, "invalid rule pack", column=False)
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


_CODE = (
    "factlint.rules.rulepacks",
    "factlint.yamlguard",
    "factlint.normalize",
    "factlint.tokens",
    "factlint.model",
    "factlint.serial",
)


def _read_pack(file: Path, shown: str, cache: Cache | None, code: str) -> tuple[PackRule, ...]:
    try:  # a regular file only: a FIFO or device is an error, never opened
        data = read_regular(file, shown, error=ConfigError)
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read rule pack: {exc}", shown) from None
    if cache is None:
        return parse_pack(text, shown)
    from factlint.serial import decoder, to_plain

    digest = hashlib.sha256(f"{code}\0{shown}\0".encode())
    digest.update(data)
    key = digest.hexdigest()
    stored = cache.get("rulepack", key)
    if stored is not None:
        try:
            rules: tuple[PackRule, ...] = decoder(tuple[PackRule, ...])(stored)
            return rules
        except (TypeError, ValueError, KeyError, IndexError, re2.error):
            pass
    rules = parse_pack(text, shown)
    with contextlib.suppress(TypeError):
        cache.put("rulepack", key, to_plain(rules))
    return rules


def load_packs(paths: Iterable[Path], cache: Cache | None = None) -> tuple[PackRule, ...]:
    """All rules of the packs at ``paths``; codes must be unique across packs.

    With a ``cache``, a pack file whose bytes did not change is not parsed again.
    """
    rules: list[PackRule] = []
    where: dict[str, PackRule] = {}
    code = code_digest(*_CODE) if cache is not None else ""
    for file in pack_files(paths):
        shown = _display(file)
        for rule in _read_pack(file, shown, cache, code):
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


def packs_for(ctx: CheckContext) -> tuple[PackRule, ...]:
    """The pack rules of ``ctx.config.rules``, parsed once per document.

    Only for GL000 without a configured registry (see the module's docs).
    """
    key = f"{_CACHE_KEY}:{'|'.join(str(p) for p in ctx.config.rules)}"
    cached = ctx.cache.get(key)
    if isinstance(cached, tuple):
        return cached
    rules = load_packs(ctx.config.rules)
    _check_builtin_codes(rules, ctx.rules)
    ctx.cache[key] = rules
    return rules


def _check_builtin_codes(rules: Iterable[PackRule], known: Mapping[str, Rule]) -> None:
    for rule in rules:
        other = known.get(rule.code)
        if other is not None and other.family != FAMILY:
            raise ConfigError(
                f"rule code {rule.code} is already a built-in rule ({other.name})",
                rule.path,
                rule.line,
            )


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    first: int  # token indices [first, last]
    last: int
    prefix: str = ""  # normalized proclitics on the first token


def _stems(tok: Token) -> tuple[tuple[str, str], ...]:
    """(form, proclitic) pairs the token can match as a first word."""
    forms = [(tok.text, "")]
    if tok.kind is Kind.WORD and tok.script is Script.ARABIC and tok.text[:1] in _FIRSTS:
        for p in _PROCLITICS:
            rest = tok.text[len(p) :]
            if tok.text.startswith(p) and len(rest) >= 2:
                forms.append((rest, p))
                if p in _LAM_PROCLITICS and rest.startswith("ل"):
                    # ل + ال: "للوحة" = ل + اللوحة, "لليل" = ل + الليل
                    forms.append(("ا" + rest, p))
                    forms.append(("ال" + rest, p))
    return tuple(forms)


def _positions(ctx: CheckContext, proclitics: bool) -> dict[str, list[tuple[int, int, str]]]:
    """Where each form starts a match: form -> [(token, form number, proclitic)]
    (each distinct token text is read once; both tables are built together)."""
    cached = ctx.cache.get(f"{_STEMS_KEY}.{proclitics}")
    if isinstance(cached, dict):
        return cached
    stemmed: dict[str, list[tuple[int, int, str]]] = {}
    plain: dict[str, list[tuple[int, int, str]]] = {}
    for text, places in places_by_text(ctx.tokens).items():
        at = [(i, 0, "") for i in places]
        plain[text] = at
        stemmed.setdefault(text, []).extend(at)
        for f, (form, prefix) in enumerate(_stems(ctx.tokens[places[0]])[1:], start=1):
            stemmed.setdefault(form, []).extend((i, f, prefix) for i in places)
    ctx.cache[f"{_STEMS_KEY}.True"] = stemmed
    ctx.cache[f"{_STEMS_KEY}.False"] = plain
    return stemmed if proclitics else plain


def _find(
    ctx: CheckContext, phrases: Sequence[Phrase], proclitics: bool = True
) -> Iterator[tuple[Match, int]]:
    """Occurrences of phrases in the document, as (match, phrase index), in the
    order of the text (then of the token's forms, then of the phrases)."""
    toks = ctx.tokens
    exact: dict[str, list[int]] = {}
    starred: list[int] = []
    for k, phrase in enumerate(phrases):
        if phrase.star and len(phrase.tokens) == 1:
            starred.append(k)
        else:
            exact.setdefault(phrase.tokens[0], []).append(k)
    positions = _positions(ctx, proclitics)
    hits: list[tuple[int, int, int, int, str, int]] = []  # token, form, kind, phrase, prefix, last
    for first, ks in exact.items():
        for i, f, prefix in positions.get(first, ()):
            for k in ks:
                last = _rest(toks, i, phrases[k])
                if last is not None:
                    hits.append((i, f, 0, k, prefix, last))
    if starred:
        for form, places in positions.items():
            for k in starred:
                if form.startswith(phrases[k].tokens[0]):
                    hits.extend((i, f, 1, k, prefix, i) for i, f, prefix in places)
    hits.sort(key=lambda h: h[:4])
    for i, _, _, k, prefix, last in hits:
        yield Match(i, last, prefix), k


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
    if rule.regex is not None:
        matches.extend((m, None) for m in _pattern_matches(ctx, rule.regex))
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


def _pattern_matches(ctx: CheckContext, pattern: Any) -> Iterator[Match]:
    """Matches of an RE2 pattern that start and end at token boundaries."""
    toks = ctx.tokens
    starts = [t.start for t in toks]
    for found in pattern.finditer(ctx.normalized.text):
        start, end = found.start(), found.end()
        if end <= start:
            continue
        first = bisect.bisect_left(starts, start)
        if first >= len(toks) or toks[first].start != start:
            continue  # starts inside a word
        last = bisect.bisect_left(starts, end) - 1
        if last < first or toks[last].end != end:
            continue  # ends inside a word
        yield Match(first, last)


# ---------------------------------------------------------------- rules


def check_packs(ctx: CheckContext) -> Iterator[Finding]:
    """GL000 without a configured registry: load the packs, run the unregistered rules."""
    for rule in packs_for(ctx):
        registered = ctx.rules.get(rule.code)
        if registered is None and ctx.enabled(rule.code):
            yield from run_rule(ctx, rule)


def _check_unregistered(packs: tuple[PackRule, ...], ctx: CheckContext) -> Iterator[Finding]:
    """GL000 of a configured registry: the pack rules the context does not list."""
    for rule in packs:
        if rule.code not in ctx.rules and ctx.enabled(rule.code):
            yield from run_rule(ctx, rule)


def _run(rule: PackRule, ctx: CheckContext) -> Iterator[Finding]:
    return run_rule(ctx, rule)


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
        lines.append(f"Pattern: `{rule.pattern}`")
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
        check=functools.partial(_run, rule),
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
    """The pack rules of the project around ``start`` (default: the cwd), as rules.

    A helper for tools and tests; the CLI registers the packs of its configuration.
    """
    from factlint.config import load_config

    config = load_config([start or Path.cwd()])
    return [as_rule(r) for r in load_packs(config.rules)]


def rules_for(config: Config, cache: Cache | None = None) -> list[Rule]:
    """GL000 and one rule per pack rule of ``config.rules`` (read once)."""
    packs = load_packs(config.rules, cache)
    glossary = Rule(
        code=META_CODE,
        name=GL000.name,
        summary=GL000.summary,
        check=functools.partial(_check_unregistered, packs),
        severity=GL000.severity,
        family=FAMILY,
        docs=GL000.docs,
        fixable=True,
    )
    return [glossary, *(as_rule(r) for r in packs)]


@hookimpl
def factlint_rules(config: Config | None) -> list[Rule]:
    if config is None:
        return [GL000]
    from factlint.cache import open_cache

    return rules_for(config, open_cache(config.root, enabled=not config.options.get("no_cache")))
