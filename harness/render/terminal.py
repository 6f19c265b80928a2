"""What reaches a terminal: a rich console that fits its width, colour only where it belongs, progress bars.

Reports written to a pipe or a file never come through here: they stay the plain, byte-stable text of
each ``render_text``. Text that comes from pages or plugins (names, messages, evidence) is passed through
:func:`~harness.core.printable` and handed to rich as :class:`~rich.text.Text`, never as markup, so a
``[bold]`` or ``:smile:`` in a page is shown as written.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as _Bars
from rich.text import Text

from ..core import printable

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from rich.console import RenderableType
    from rich.progress import Task, TaskID

__all__ = ["Progress", "colour_wanted", "render", "terminal_width", "text"]

#: The narrowest width rendered; a terminal narrower than this gets this width and wraps.
MIN_WIDTH = 40


def colour_wanted(stream: IO[str]) -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set to anything (https://no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS`` wins, as for any program), at least :data:`MIN_WIDTH`."""
    return max(MIN_WIDTH, shutil.get_terminal_size((100, 24)).columns)


def _console(file: IO[str], width: int, *, colour: bool) -> Console:
    return Console(
        file=file, width=width, color_system="standard" if colour else None, force_terminal=colour,
        no_color=not colour, markup=False, emoji=False, highlight=False, legacy_windows=False, soft_wrap=False,
        force_jupyter=False, force_interactive=False,
    )  # fmt: skip


def render(*renderables: RenderableType, width: int, colour: bool) -> str:
    """Renderables as the text a terminal of ``width`` columns shows (with ANSI colour when ``colour``)."""
    buffer = io.StringIO()
    console = _console(buffer, width, colour=colour)
    for renderable in renderables:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))


def text(value: object, style: str = "") -> Text:
    """Untrusted text as a rich Text: control characters escaped, never read as markup."""
    return Text(printable(str(value)), style=style)


class _Rate(ProgressColumn):
    """Items per second, in the unit the bar counts."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} {self.unit}/s", style="progress.data.speed")


class Progress:
    """A progress bar on stderr when it is a terminal (rate, ETA, what runs now); a no-op otherwise.

    Use it as a context manager; its callbacks fit the core API's (``progress(done, total)``,
    ``on_result(result)``).
    """

    def __init__(self, unit: str = "pages", *, enabled: bool = True, stream: IO[str] | None = None) -> None:
        self.unit = unit
        self.enabled = enabled
        self._bars: _Bars | None = None
        self._task: TaskID | None = None
        self._stream = stream
        self._last = 0.0

    def __enter__(self) -> Progress:
        if self.enabled:
            import sys

            stream = self._stream or sys.stderr
            console = Console(
                file=stream, width=terminal_width(), color_system="standard" if colour_wanted(stream) else None,
                markup=False, emoji=False, highlight=False, legacy_windows=False,
            )  # fmt: skip
            self._bars = _Bars(
                TextColumn("{task.description}", markup=False), BarColumn(bar_width=24), MofNCompleteColumn(),
                _Rate(self.unit), TextColumn("ETA"), TimeRemainingColumn(),
                TextColumn("{task.fields[current]}", markup=False),
                console=console, transient=True, refresh_per_second=8, redirect_stdout=False, redirect_stderr=False,
            )  # fmt: skip
            self._bars.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._bars is not None:
            self._bars.stop()
            self._bars = None

    def start(self, description: str, total: int | None = None) -> None:
        """A new bar (the previous one, if any, is finished and removed)."""
        if self._bars is None:
            return
        if self._task is not None:
            self._bars.remove_task(self._task)
        self._task = self._bars.add_task(printable(description), total=total, current="")

    def update(self, done: int, total: int | None = None, current: str | None = None) -> None:
        """``done`` of ``total`` so far; ``current`` is what runs now (an extractor, a page)."""
        if self._bars is None:
            return
        if self._task is None:
            self.start(self.unit)
        assert self._task is not None
        fields: dict[str, Any] = {} if current is None else {"current": _short(current)}
        self._bars.update(self._task, completed=done, total=total, **fields)

    def advance(self, current: str | None = None) -> None:
        """One more item done."""
        if self._bars is None:
            return
        if self._task is None:
            self.start(self.unit)
        assert self._task is not None
        task = self._bars.tasks[-1]
        self.update(int(task.completed) + 1, None if task.total is None else int(task.total), current)

    def now(self, current: str) -> None:
        """What runs now, without counting anything done (shown at most ten times a second)."""
        if self._bars is None or self._task is None or time.monotonic() - self._last < 0.1:
            return
        self._last = time.monotonic()
        self._bars.update(self._task, current=_short(current))

    def counter(self) -> Callable[[int, int | None], None] | None:
        """A ``progress(done, total)`` callback for the core API, or None when there is no bar to move."""
        return self.update if self.enabled else None


def _short(current: str, limit: int = 48) -> str:
    shown = printable(current)
    return shown if len(shown) <= limit else "…" + shown[-(limit - 1) :]
