"""The Scrapy example (examples/scrapy-project), end to end: its tests through the plugin, where the
spider as shipped keeps "By" in one page's byline, then the gate between that spider and its fix."""

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

pytest.importorskip("scrapy")

EXAMPLE = ROOT / "examples" / "scrapy-project"
SPEC = "scrapy:ledger.spiders.articles:ArticleSpider.parse_article"
BYLINE = 'loader.add_css("byline", ".b-byline .c-attribution")'
FIXED = 'loader.add_css("byline", ".b-byline .c-attribution a")'


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def example(tmp_path):
    """A copy of the example, its fixture paths pointed back at the bundled pages."""
    copy = tmp_path / "scrapy-project"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("../../cassettes/", str(ROOT / "cassettes") + "/"))
    return copy


def _line(stdout: str, fixture: str) -> str:
    """The verbose line of the plugin's item for ``fixture`` (pytest shows the spec's dots as '::')."""
    [line] = [line for line in stdout.splitlines() if line.startswith(f"{fixture}.yaml::scrapy:ledger")]
    return line


def test_the_spider_keeps_by_in_one_byline_and_handles_the_other_page(example):
    done = run([sys.executable, "-m", "pytest", "-v", "-p", "no:randomly"], example)
    assert done.returncode == 1, done.stdout + done.stderr
    assert " PASSED " in _line(done.stdout, "westhaven-boil-order-lifted")
    assert " FAILED " in _line(done.stdout, "kingston-boil-water-notice-lifted")
    assert "actual   ['By Reggie Castellanos and Mei-Lin Hart']" in done.stdout
    assert "byline.noise: 'By Reggie Castellanos and Mei-Lin Hart' joins several authors in one string" in done.stdout
    assert "1 failed, 3 passed" in done.stdout


def test_the_gate_between_the_spider_and_its_fix(example):
    harness = [sys.executable, "-m", "harness"]
    base = run([*harness, "score", "-e", SPEC, "--json", "base.json", "-j", "1"], example)
    assert base.returncode == 0, base.stderr
    spider = example / "ledger" / "spiders" / "articles.py"
    assert BYLINE in spider.read_text()
    spider.write_text(spider.read_text().replace(BYLINE, FIXED))
    fixed = run([sys.executable, "-m", "pytest", "-p", "no:randomly"], example)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    head = run([*harness, "score", "-e", SPEC, "--json", "head.json", "-j", "1"], example)
    assert head.returncode == 0, head.stderr
    better = run([*harness, "diff", "base.json", "head.json"], example)
    assert better.returncode == 0, better.stdout
    assert "Regressions (0):" in better.stdout
    assert "kingston-boil-water-notice-lifted × " + SPEC + " · byline.noise: fixed:" in better.stdout
    worse = run([*harness, "diff", "head.json", "base.json", "--format", "github"], example)
    assert worse.returncode == 1
    lines = worse.stdout.splitlines()
    title = f"byline.noise regressed ({SPEC.replace(':', '%3A')})"
    assert lines[0].startswith("::error file=")
    assert (
        f"kingston-boil-water-notice-lifted.expected.json,title={title}::kingston-boil-water-notice-lifted:" in lines[0]
    )
    assert "::error title=news-harness gate failed::1 new error finding(s) in HEAD" in lines
