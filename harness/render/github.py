"""GitHub Actions workflow commands (annotations), escaped as GitHub's own toolkit escapes them."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["annotation", "repository_path"]


def _escape(text: str) -> str:
    """A workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (title, file): ':' and ',' escaped too."""
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, title: str, message: str, file: str | None = None) -> str:
    """``::error file=…,title=…::message`` (``level`` is error, warning or notice)."""
    where = f"file={_property(file)}," if file else ""
    return f"::{level} {where}title={_property(title)}::{_escape(message)}"


def repository_path(path: Path) -> str:
    """``path`` relative to the working folder when it is under it (GitHub wants paths in the repository,
    and CI runs from its root), else absolute."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix() if os.sep == "/" else str(absolute)
