"""When the user's own scraper raises, the finding points to the line in the user's file: in the
text report, in JSON and in the pytest failure; frames in installed packages are left out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from harness import check
from harness.core import bundled_cassettes
from harness.shells.cli import main

KSL = bundled_cassettes() / "ksltv"


def _plugin_line(needle: str) -> int:
    from tests import plugins

    lines = Path(plugins.__file__).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_the_finding_names_the_file_line_and_code_of_the_users_raise():
    report = check([KSL], ["tests.plugins:raises"], clock_check=False, jobs=1)
    errors = [f for f in report.findings if f.check == "extractor.error"]
    assert errors and all(f.actual == errors[0].actual for f in errors)
    [frame] = errors[0].actual
    assert frame["file"] == "tests/plugins.py"
    assert frame["line"] == _plugin_line("matched nothing")
    assert frame["function"] == "raises"
    assert frame["code"].startswith("raise RuntimeError(")
    assert errors[0].evidence == f"tests/plugins.py:{frame['line']} in raises: {frame['code']}"


def test_json_and_text_carry_it_and_installed_packages_are_not_shown():
    text = CliRunner().invoke(main, ["check", str(KSL), "-e", "tests.plugins:raises", "--no-clock-check"]).output
    assert "evidence: tests/plugins.py:" in text
    data = json.loads(
        CliRunner().invoke(main, ["check", str(KSL), "-e", "tests.plugins:raises", "--no-clock-check",
                                  "--format", "json"]).output
    )  # fmt: skip
    [first, *_] = [f for f in data["findings"] if f["check"] == "extractor.error"]
    assert first["actual"][0]["file"] == "tests/plugins.py"
    # A built-in adapter raising inside its library shows no frame of site-packages or of the harness.
    from harness.running.runner import user_frames

    try:
        json.loads("{")
    except ValueError as error:
        assert user_frames(error) == [
            {"file": "tests/integration/test_user_tracebacks.py", "line": _line_of("json.loads(\"{\")"),
             "function": "test_json_and_text_carry_it_and_installed_packages_are_not_shown",
             "code": 'json.loads("{")'}
        ]  # fmt: skip


def _line_of(needle: str) -> int:
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line and "needle" not in line)
