"""Nothing outlives the harness: SIGTERM and SIGINT stop it cleanly, workers die with it, and
what an extractor spawns dies with its worker. Real processes, counted through /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes through /proc")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            kids.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    return kids


def _tree(root: int) -> list[int]:
    kids, found, stack = _children(), [], [root]
    while stack:
        for child in kids.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # it ended between the listing and now
        return b""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(args: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    return subprocess.Popen(
        [sys.executable, "-m", "harness", *args], cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def _wait_for(process: subprocess.Popen[str], count: int, command: str) -> list[int]:
    """The process tree once ``count`` of its processes run ``command``."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        tree = _tree(process.pid)
        running = [pid for pid in tree if _cmdline(pid).startswith(command.encode())]
        if len(running) >= count:
            return tree
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"{count} '{command}' processes never started: {process.communicate()}")


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def test_sigterm_to_check_leaves_no_process_behind(tmp_path):
    process = _start(["check", "cassettes", "-e", "tests.plugins:spawns", "--jobs", "2", "--timeout", "200"], tmp_path)
    tree = _wait_for(process, 2, "sleep")
    assert len(tree) >= 4  # two workers, each with the sleep its extractor spawned
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=10)
    assert process.returncode == 143
    assert err.strip().splitlines()[-1] == "harness: terminated; workers stopped, nothing partial written"
    assert _gone_within(tree, 5) == []


def test_workers_die_with_a_parent_killed_outright(tmp_path):
    process = _start(["check", "cassettes", "-e", "tests.plugins:hangs", "--jobs", "2", "--timeout", "200"], tmp_path)
    deadline = time.monotonic() + 60
    while len(workers := _tree(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(workers) == 2
    process.kill()  # SIGKILL: no handler runs in the parent
    process.communicate(timeout=10)
    assert _gone_within(workers, 5) == []


def test_sigint_to_score_leaves_no_spool(tmp_path):
    process = _start(["score", "-e", "tests.plugins:hangs", "--jobs", "1", "--timeout", "200"], tmp_path)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("harness-score-*")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(tmp_path.glob("harness-score-*")), "the score run never spooled"
    tree = _tree(process.pid)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=10)
    assert process.returncode == 130, err
    assert list(tmp_path.glob("harness-score-*")) == []
    assert _gone_within(tree, 5) == []
