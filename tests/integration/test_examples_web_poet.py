"""The web-poet example (examples/web-poet-pages), end to end: its web-poet fixtures are what
`harness export web-poet` writes, they import, and `harness check` finds the page object's defects
on one page and none on the other."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("web_poet")
pytest.importorskip("zyte_common_items")

EXAMPLE = ROOT / "examples" / "web-poet-pages"
PLAIN = "ksltv.com/north-korean-troops-seen-being-equipped-in-russia-718472-6467c3ce"
JSONLD = "ksltv.com/north-korean-troops-seen-being-equipped-in-russia-jsonld-718472-696dc059"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(cwd), str(ROOT)])}
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def example(tmp_path):
    copy = tmp_path / "web-poet-pages"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("cassettes", "__pycache__"))
    return copy


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_committed_web_poet_fixtures_are_what_export_writes(tmp_path):
    from harness.authoring import export_webpoet

    report = export_webpoet([ROOT / "cassettes" / "ksltv"], "ksl_pages.KslArticle", tmp_path / "fixtures")
    assert report.problems == []
    assert _files(tmp_path / "fixtures") == _files(EXAMPLE / "fixtures")


def test_import_then_check_finds_the_defects_on_one_page_and_none_on_the_other(example):
    harness = [sys.executable, "-m", "harness"]
    imported = run([*harness, "import", "web-poet", "fixtures/", "--out", "cassettes/"], example)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert imported.stdout.strip() == "wrote 2 fixtures to cassettes/"
    # As the README runs it, then through [tool.harness] alone.
    for args in (["-e", "web-poet:ksl_pages:KslArticle", "--drafts", "cassettes/"], ["--drafts"]):
        done = run([*harness, "check", *args], example)
        assert done.returncode == 1, done.stdout + done.stderr
        lines = done.stdout.splitlines()
        plain = lines.index(PLAIN)
        assert lines[plain + 2].split(None, 2) == [
            "E", "byline.organization", "'CNN' is an organization credited in the byline, not a person",
        ]  # fmt: skip
        assert lines[plain + 3].split()[:2] == ["E", "date.missing"]
        assert lines[plain + 4].split()[:2] == ["E", "date.modified_missing"]  # an Article has dateModified
        jsonld = lines.index(JSONLD)
        assert lines[jsonld + 1].strip().startswith("web-poet:ksl_pages:KslArticle web-poet")
        assert " ok (" in lines[jsonld + 1]
        assert "2 fixtures × 1 extractor: 3 errors, 0 warnings." in done.stdout


def test_web_poets_own_plugin_reads_the_same_fixtures(example):
    # news-harness's own plugin is off here: the project names an extractor, and cassettes/ is not imported yet.
    args = ["fixtures", "-p", "no:harness", "-p", "no:randomly", "-p", "no:cacheprovider", "-rA"]
    done = run([sys.executable, "-m", "pytest", *args], example)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PASSED fixtures/ksl_pages.KslArticle/test-1/output.json::datePublished" in done.stdout
    assert "FAILED fixtures/ksl_pages.KslArticle/test-2/output.json::datePublished" in done.stdout
    assert "PASSED fixtures/ksl_pages.KslArticle/test-1/output.json::headline" in done.stdout
