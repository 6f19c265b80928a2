"""Names and values from pages and files cannot drive the terminal, forge a line or flood it."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from harness.core import bundled_cassettes, listed, printable
from harness.shells.cli import main

FORGED = "problem: forged line; everything is fine"


def test_control_characters_in_a_fixture_name_are_escaped(tmp_path):
    evil = "\x1b[2J\x1b]0;owned\x07\x1b[31mred\n" + FORGED
    source = bundled_cassettes() / "ksltv"
    (tmp_path / "site").mkdir()
    for path in source.glob("north-korean-troops-russia.*"):
        shutil.copy(path, tmp_path / "site" / path.name.replace("north-korean-troops-russia", evil))
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-e", "metadata", "--no-clock-check"])
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert not any(line.startswith(FORGED) for line in result.output.splitlines())
    assert "site/\\x1b[2J\\x1b]0;owned\\x07\\x1b[31mred\\n" + FORGED in result.output


def test_a_flood_of_authors_is_cut_and_a_forged_name_stays_on_its_line(tmp_path):
    shutil.copytree(bundled_cassettes() / "ksltv", tmp_path / "ksltv")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "-e", "tests.plugins:crowd", "--no-clock-check"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) < 1_000
    assert "and 9993 more" in result.output
    assert not any(line.startswith(FORGED) for line in lines)


def test_printable_and_listed():
    assert printable("a\x1b[2Jb\r\n\t\u202ec") == "a\\x1b[2Jb\\r\\n\\t\\u202ec"
    assert printable("José – “quoted” 東京") == "José – “quoted” 東京"
    assert listed([]) == "nobody"
    assert listed(["A", "B"], limit=1) == "'A' and 1 more"
    assert listed(["x" * 100], width=10) == repr("x" * 7 + "...")
