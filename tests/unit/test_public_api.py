"""The public API is exactly what __all__ says."""

from __future__ import annotations

import importlib.metadata
import inspect

import harness
import harness.authoring
import harness.checks
import harness.core
import harness.extractors
import harness.fixtures
import harness.render
import harness.running
import harness.scoring
import harness.shells.cli
import harness.strategies
import harness.testing

#: Every package: each exports through its __init__, and every name it lists exists.
PACKAGES = (
    harness, harness.core, harness.fixtures, harness.extractors, harness.checks, harness.running, harness.scoring,
    harness.strategies, harness.testing, harness.authoring, harness.render, harness.shells.cli,
)  # fmt: skip


def test_all_names_exist_and_nothing_public_is_missing():
    modules = PACKAGES
    for module in modules:
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"
    public = {
        name
        for name in dir(harness)
        if not name.startswith("_") and not inspect.ismodule(getattr(harness, name)) and name != "annotations"
    }
    assert public == set(harness.__all__) - {"__version__"}


def test_version_is_the_installed_distribution_version():
    assert harness.__version__ == importlib.metadata.version("news-harness")


def test_check_page_on_a_generated_page():
    from hypothesis import HealthCheck, given, settings

    from harness import check_page, strategies

    seen = []

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(strategies.pages(decoy_kinds=("sponsored",), layouts=("cms",)))
    def leaks(page):
        checks = {f.check for f in check_page(page, "tests.plugins:naive", clock_check=False)}
        sponsored = bool(page.expectation.must_not_contain)
        assert ("body.sponsored_leak" in checks) == sponsored
        seen.append(sponsored)

    leaks()
    assert any(seen), "no page with a sponsored widget was drawn"


def test_the_pytest_plugin_imports_nothing_heavy():
    import subprocess
    import sys

    code = "import sys, harness.shells.pytest_plugin; print(sorted(m for m in sys.modules if m.startswith('harness')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['harness', 'harness.shells', 'harness.shells.pytest_plugin']"
