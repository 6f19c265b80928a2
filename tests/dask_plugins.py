"""An extractor plugin for tests/integration/test_dask.py: it reads the <title>, and kills the Dask worker
that runs it on one page when the test arms it.

Armed by ``$HARNESS_TEST_DASK_KILLS/armed``: three lines, the URL of the page to kill on, ``once`` or
``always``, and the id of a process never to kill (the test's own, whose pool runs the local reference).
The plugin runs in the harness's per-page process, forked by the process that runs the pool: on a
Dask cluster, the Dask worker. It writes that process's id to ``killed`` and kills it; the kernel's
parent-death signal then ends the plugin's own process too.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path
from typing import Any

KILLS = "HARNESS_TEST_DASK_KILLS"


def kills_its_worker(html: str, url: str) -> dict[str, Any]:
    folder = os.environ.get(KILLS)
    if folder:
        _maybe_kill(Path(folder), url)
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.DOTALL | re.IGNORECASE)
    return {"title": " ".join(match.group(1).split()) if match else None}


kills_its_worker.fields = {"title"}  # type: ignore[attr-defined]


def _maybe_kill(folder: Path, url: str) -> None:
    armed = folder / "armed"
    if not armed.is_file():
        return
    victim, mode, spared = armed.read_text().splitlines()[:3]
    worker = os.getppid()
    if url != victim or str(worker) == spared:
        return
    flags = os.O_CREAT | os.O_WRONLY | (os.O_EXCL if mode == "once" else os.O_APPEND)
    try:
        written = os.open(folder / "killed", flags)
    except FileExistsError:  # killed once already: the retry runs
        return
    os.write(written, f"{worker}\n".encode())
    os.close(written)
    os.kill(worker, signal.SIGKILL)
    time.sleep(30)
