"""The extractor registry: built-ins, specs, unknown names, missing packages, entry points."""

from __future__ import annotations

import importlib.metadata

import pytest

from harness.core import ExtractorError, ExtractorNotInstalledError, UnknownExtractorError
from harness.extractors import ExtractorInfo, registry, resolve

BUILTINS = [
    "boilerpy3",
    "fundus",
    "goose3",
    "htmldate",
    "justext",
    "metadata",
    "news-please",
    "newspaper4k",
    "readability-lxml",
    "resiliparse",
    "trafilatura",
    "zyte-api",
]


def test_every_builtin_is_registered_under_its_distribution_name():
    assert registry().names() == BUILTINS


def test_the_builtin_registers_through_the_entry_point_group():
    group = importlib.metadata.entry_points(group="harness")
    assert "harness.extractors.builtin" in {ep.value for ep in group}


def test_resolving_a_builtin_gives_its_fields_and_version():
    pytest.importorskip("htmldate")
    loaded = resolve("htmldate")
    assert loaded.fields == frozenset({"published", "modified"})
    assert loaded.version == importlib.metadata.version("htmldate")


def test_an_unknown_name_says_what_exists():
    with pytest.raises(UnknownExtractorError) as caught:
        resolve("trafilatora")
    assert str(caught.value).startswith(
        "Unknown extractor 'trafilatora' (from --extractor). Did you mean 'trafilatura'? Registered: boilerpy3,"
    )


def test_a_missing_builtin_names_the_extra(monkeypatch):
    info = registry().extractors["goose3"]
    monkeypatch.setitem(
        registry().extractors, "goose3", ExtractorInfo(**{**info.__dict__, "requires": ("goose3_not_here",)})
    )
    with pytest.raises(
        ExtractorNotInstalledError,
        match=r"^Extractor 'goose3' is not installed: pip install 'news-harness\[goose3\]'$",
    ):
        resolve("goose3")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("no_such_module_x:extract", "Cannot import module 'no_such_module_x'"),
        ("tests.plugins:nothing", "Module 'tests.plugins' has no attribute 'nothing'"),
        ("tests.plugins:_truths.__name__", "names a str, not a callable"),
    ],
)
def test_bad_specs_are_named(spec, message):
    with pytest.raises(ExtractorError, match=message):
        resolve(spec)


def test_a_spec_loads_a_callable_and_its_attributes():
    loaded = resolve("tests.plugins:fetcher")
    assert loaded.name == "tests.plugins:fetcher" and loaded.fetches
