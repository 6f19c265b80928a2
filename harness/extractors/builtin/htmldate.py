"""Adapter for htmldate's ``find_date``: the publication date, nothing else."""

from __future__ import annotations

from htmldate import find_date

from .shape import Raw, set_timestamp


def read(html: str, url: str) -> Raw[None]:
    """Run ``htmldate.find_date`` for the original (published) date, as YYYY-MM-DD, untouched."""
    # original_date defaults to False, which returns the *updated* date (htmldate #10).
    # max_date stays htmldate's default, today by the real clock: the harness's
    # clock checks are there to show what that does.
    date = find_date(
        # htmldate downloads a str that starts with "http" and has no space
        # (utils.load_html); UTF-8 bytes skip that test and decode_file turns
        # them back into the same str before anything else happens.
        html.encode("utf-8", "replace"),
        url=url,
        original_date=True,
        extensive_search=True,
        outputformat="%Y-%m-%d",
    )
    return Raw(None, published=date)


def convert(raw: Raw[None]) -> dict[str, object]:
    """Map the date onto the extraction shape."""
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_timestamp(result, extra, "published", raw.published)
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run ``htmldate.find_date`` and map the date onto the extraction shape."""
    return convert(read(html, url))
