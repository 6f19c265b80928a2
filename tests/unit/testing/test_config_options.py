"""Every option a check reads can be set in [tool.harness.checks], and nothing else can."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.core import UsageError
from harness.testing import load_config
from harness.testing.config import _CHECK_OPTIONS

CHECKS = Path(__file__).resolve().parents[3] / "harness" / "checks"


def test_every_option_the_checks_read_is_configurable():
    read = {m for path in CHECKS.glob("*.py") for m in re.findall(r'ctx\.option\("(\w+)"', path.read_text())}
    assert read, "no check reads an option: the pattern no longer matches how checks read them"
    assert read == set(_CHECK_OPTIONS)


def test_a_structure_option_is_read_and_an_unknown_one_refused(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.harness.checks]\nbody_truncated_tail_floor = 0.2\n")
    assert load_config(tmp_path).checks == {"body_truncated_tail_floor": 0.2}
    (tmp_path / "pyproject.toml").write_text("[tool.harness.checks]\nbody_truncated_tail = 0.2\n")
    with pytest.raises(UsageError, match="body_truncated_tail"):
        load_config(tmp_path)
