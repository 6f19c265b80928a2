"""Turning a page's bytes into text: the one decoder for cassettes, corpora and recordings."""

from __future__ import annotations

import re

from .errors import FixtureError

__all__ = ["decode_html"]

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_UTF8 = ("utf-8", "utf8")


def decode_html(raw: bytes, source: object, content_type: str | None = None) -> tuple[str, str]:
    """The page as text, and the charset that decoded it.

    Tried in order: the charset the Content-Type header declares, UTF-8 (a BOM
    allowed), the charset a ``<meta>`` declares.

    Raises:
        FixtureError: naming ``source``, when none of them decodes the bytes.
    """
    declared = _HEADER_CHARSET.search(content_type or "")
    if declared and declared.group(1).lower().replace("_", "-") not in _UTF8:
        try:
            return raw.decode(declared.group(1)), declared.group(1)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    meta = _META_CHARSET.search(raw[:4096])
    if meta:
        charset = meta.group(1).decode("ascii", "replace")
        try:
            return raw.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    reason = f"is not UTF-8 (byte {utf8_error.start})"
    if declared:
        reason += f", nor its declared {declared.group(1)!r}"
    reason += f" and does not decode as its declared {meta.group(1).decode()!r}" if meta else " and declares no charset"
    raise FixtureError(source, f"undecodable page: {reason}")
