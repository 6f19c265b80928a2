"""The public API is exactly what __all__ says."""

from __future__ import annotations

import harness
import harness.checks
import harness.extractors
import harness.fixtures
import harness.model


def test_all_names_exist_and_nothing_public_is_missing():
    for module in (harness, harness.checks, harness.extractors, harness.fixtures, harness.model):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"
    public = {n for n in dir(harness) if not n.startswith("_")} - {
        # submodules, not re-exported names
        "checks",
        "cli",
        "errors",
        "extractors",
        "fixtures",
        "model",
        "report",
        "annotations",  # from __future__
    }
    assert public == set(harness.__all__) - {"__version__"}


def test_version_is_the_installed_distribution_version():
    import importlib.metadata

    assert harness.__version__ == importlib.metadata.version("news-harness")
