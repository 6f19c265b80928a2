"""Extractor code must not change the harness that judges it.

Loading an extractor plugin runs its module's code in the harness's own
process, the one that grades every result. :func:`untouched` notes every
function and class of the loaded ``harness`` modules (and each function's
code) before a plugin loads and compares after: anything replaced is put
back and the plugin is refused. What a plugin does later, while it
extracts, happens in a worker process whose verdicts the parent never
takes (see :mod:`harness.running.pool`).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from ..core import ExtractorError, listed

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["untouched"]

#: (object, attribute name) -> (the value, its code when it is a function)
_Snapshot = dict[tuple[Any, str], tuple[Any, Any]]


def _own(value: object) -> bool:
    return isinstance(value, (types.FunctionType, type)) and str(getattr(value, "__module__", "")).startswith("harness")


#: The packages that make verdicts, loaded before a snapshot so that a plugin importing them first
#: (and patching them) cannot pass for their first import. By name: they sit above this layer.
_JUDGES = ("harness.checks", "harness.running", "harness.scoring.metrics")


def _snapshot() -> _Snapshot:
    for name in _JUDGES:
        importlib.import_module(name)
    taken: _Snapshot = {}
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "harness" or name.startswith("harness.")):
            continue
        for attribute, value in list(vars(module).items()):
            if not _own(value):
                continue
            taken[(module, attribute)] = (value, getattr(value, "__code__", None))
            if isinstance(value, type):  # its methods, one level down
                for method, member in list(vars(value).items()):
                    if isinstance(member, types.FunctionType):
                        taken[(value, method)] = (member, member.__code__)
    return taken


def _label(owner: Any, attribute: str) -> str:
    return f"{getattr(owner, '__name__', type(owner).__name__)}.{attribute}"


def _changes(before: _Snapshot) -> list[tuple[Any, str]]:
    changed = []
    for (owner, attribute), (value, code) in before.items():
        now = vars(owner).get(attribute)
        if now is not value or (code is not None and getattr(value, "__code__", None) is not code):
            changed.append((owner, attribute))
    return changed


def _restore(before: _Snapshot, changed: list[tuple[Any, str]]) -> None:
    for owner, attribute in changed:
        value, code = before[(owner, attribute)]
        if code is not None:
            value.__code__ = code
        with contextlib.suppress(AttributeError, TypeError):
            setattr(owner, attribute, value)


@contextlib.contextmanager
def untouched(spec: str) -> Iterator[None]:
    """Load extractor ``spec`` inside this block; if it changed the harness, undo that and refuse it.

    Raises:
        ExtractorError: naming ``spec`` and what it replaced.
    """
    before = _snapshot()
    yield
    changed = _changes(before)
    if changed:
        _restore(before, changed)
        replaced = listed([_label(owner, attribute) for owner, attribute in changed], limit=5)
        msg = (
            f"Loading extractor {spec!r} replaced part of news-harness ({replaced}): the change was undone and "
            "the extractor is not run, since a scraper that patches the harness cannot be judged by it. "
            "Patch in your own test code, not in the module the spec names."
        )
        raise ExtractorError(msg)
