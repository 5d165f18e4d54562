"""Property tests on arbitrary input: the facts loader and the configuration loader
either load or raise their one-line error; the article pipeline never has an
internal error and every finding it returns is sound.

The default number of examples keeps this module well under a minute; set
``FACTLINT_PROPERTY_EXAMPLES`` (e.g. 2000) for a longer hunt.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pluggy
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.api import ReportContext, Rule
from factlint.config import Config, load_config
from factlint.document import parse
from factlint.engine import Session, checked_document, new_session
from factlint.errors import ConfigError, FactsError, InputError
from factlint.facts.loader import FactsSource, parse_sources
from factlint.facts.model import Facts
from factlint.guard import finding_problem
from factlint.plugins import collect_formats
from factlint.selection import Selection

EXAMPLES = int(os.environ.get("FACTLINT_PROPERTY_EXAMPLES", "60"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Characters that have broken text tools before: superscript and circled digits,
# Arabic-Indic digits, Arabic letters and marks, bidi and zero-width controls,
# variation selectors, ornate parentheses, quotes of every kind, line separators.
TRICKY = (
    "²³⁶①⑳٠١٢٣٤٥٦٧٨٩۰۱۲0123456789"
    "اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئـًٌٍَُِّْٰ"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    "\ufe0f\ufe0e\ufd3e\ufd3f\ufdfd❤🛠"
    "\"'“”„‟«»‹›「」—–-.,;:!?؟،؛()[]{}#*_`<>|\\/ \t\n\r\u2028\u2029\x00\x1b"
    "ZentrixTwitchNadiaKarimiOmarHaddadchiefexecutivezndthe"
)
article_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=TRICKY, max_size=400),
    st.lists(
        st.sampled_from(
            [
                "Zentrix's chief executive Nadia Karimi",
                "Omar Haddad, 61,",
                "on Monday, 3 March 2020",
                "the the",
                "زنتريكس",
                "الرئيس التنفيذي",
                "نادية كريمي",
                "10² employees",
                "٣٤ موظفا",
                "“quoted «mixed",
                "---\ndate: 2023-02-30\n---\n",
                "\n\n",
                ". ",
            ]
        ),
        max_size=30,
    ).map(" ".join),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=10), inner, max_size=4),
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def session(world_facts: Facts, rules: dict[str, Rule]) -> Session:
    return new_session(Config(root=Path.cwd()), world_facts, rules, Selection(("ALL",), ()))


@pytest.fixture(scope="module")
def text_format(pm: pluggy.PluginManager) -> Any:
    return collect_formats(pm)["text"]


@PROPERTY
@given(text=article_text, name=st.sampled_from(["a.md", "a.txt", "a.ar.txt"]))
def test_article_pipeline_never_fails_internally(
    text: str, name: str, session: Session, pm: pluggy.PluginManager, text_format: Any
) -> None:
    try:
        doc = parse(text, name)
    except InputError:
        return  # a one-line error about the front matter
    checked = checked_document(doc, session, pm)
    assert checked.errors == ()
    for finding in checked.findings:
        assert finding_problem(finding, doc, session.rules) is None
    report = ReportContext({doc.path: doc}, session.rules, "test")
    assert isinstance(text_format(checked.findings, report), str)


def _facts_source(data: bytes) -> list[FactsSource]:
    return [FactsSource(Path("/nonexistent/facts.yaml"), "facts.yaml", data)]


@PROPERTY
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(alphabet=TRICKY + "&*!|>%@", max_size=300).map(str.encode),
        yaml_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode()),
        st.dictionaries(
            st.sampled_from(["version", "titles", "entities", "quantity_kinds", "quantities"]),
            yaml_values,
        ).map(lambda v: yaml.safe_dump({"version": 1, **v}).encode()),
    )
)
def test_facts_loader_loads_or_gives_a_one_line_error(data: bytes) -> None:
    try:
        facts = parse_sources(_facts_source(data))
    except FactsError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("facts.yaml")
    else:
        assert isinstance(facts, Facts)


CONFIG_KEYS = [
    "facts",
    "rules",
    "select",
    "ignore",
    "date",
    "lang",
    "extensions",
    "exclude",
    "per-file",
    "max-file-size",
    "tense-grace-days",
]


@PROPERTY
@given(
    body=st.one_of(
        st.text(alphabet=TRICKY + "&*!|>%@=", max_size=200),
        st.dictionaries(st.sampled_from(CONFIG_KEYS), yaml_values, max_size=4).map(
            lambda v: yaml.safe_dump(v, allow_unicode=True)
        ),
    ),
    toml=st.booleans(),
)
def test_config_loader_loads_or_gives_a_one_line_error(body: str, toml: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        if toml:
            path = root / "pyproject.toml"
            path.write_text("[tool.factlint]\n" + body, encoding="utf-8", errors="replace")
        else:
            path = root / ".factlint.yaml"
            path.write_text(body, encoding="utf-8", errors="replace")
        try:
            config = load_config([root], path)
        except ConfigError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
        else:
            assert isinstance(config, Config)
            for pattern in config.exclude:
                config.excluded(root / "a.md")  # the patterns are usable
                assert pattern
