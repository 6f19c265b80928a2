"""The README's Quick start, run as a new user runs it: a brand-new virtual environment with the pip
that Python's ``venv`` ships (23.2 on 3.11, which cannot resolve ``[all]`` by itself), the first
command copied from the README, the main job's leaderboard at the end.

Slow (it installs every extractor from the package index): run by ``tox -e install``, which sets
HARNESS_INSTALL_TEST=1; elsewhere it skips, saying so.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.install,
    pytest.mark.skipif(
        os.environ.get("HARNESS_INSTALL_TEST") != "1",
        reason="installs from the package index into a new venv: run it with tox -e install",
    ),
]


def _quick_start() -> str:
    """The first command of the README's Quick start, as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    first = block.strip().splitlines()[0]
    return first.split("  #", 1)[0].strip()


def test_the_quick_start_works_on_the_pip_a_new_venv_ships(tmp_path: Path):
    command = _quick_start()
    assert "harness score" in command and "pip install" in command
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    shipped = subprocess.run([bindir / "python", "-m", "pip", "--version"], capture_output=True, text=True, check=True)
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PIP_CONSTRAINT")}
    environment["PATH"] = f"{bindir}{os.pathsep}{environment.get('PATH', '')}"
    run = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=1800
    )
    assert run.returncode == 0, f"{command!r} failed with {shipped.stdout.strip()}:\n{run.stderr[-3000:]}"
    leaderboard = run.stdout
    for name in ("trafilatura", "newspaper4k", "goose3"):
        assert re.search(rf"^{name}\b", leaderboard, re.MULTILINE), leaderboard[-2000:]
    bundled = len(list((ROOT / "cassettes").glob("*/*.expected.json")))
    assert f"{bundled} pages" in leaderboard
