"""Adapter for htmldate's ``find_date``: the publication date, and its updated-date mode as the modified date."""

from __future__ import annotations

from htmldate import find_date

from .shape import Raw, set_timestamp


def read(html: str, url: str) -> Raw[None]:
    """Run ``htmldate.find_date`` twice, as YYYY-MM-DD, untouched: the original date as published,
    the updated date as modified."""
    # htmldate downloads a str that starts with "http" and has no space
    # (utils.load_html); UTF-8 bytes skip that test and decode_file turns
    # them back into the same str before anything else happens.
    page = html.encode("utf-8", "replace")
    # original_date defaults to False, which returns the *updated* date (htmldate #10): that
    # mode is the modified date, original_date=True the published one. max_date stays
    # htmldate's default, today by the real clock: the harness's clock checks are there to
    # show what that does.
    published, modified = (
        find_date(page, url=url, original_date=original, extensive_search=True, outputformat="%Y-%m-%d")
        for original in (True, False)
    )
    return Raw(None, published=published, modified=modified)


def convert(raw: Raw[None]) -> dict[str, object]:
    """Map the dates onto the extraction shape."""
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    set_timestamp(result, extra, "published", raw.published)
    set_timestamp(result, extra, "modified", raw.modified)
    if extra:
        result["extra"] = extra
    return result


def extract(html: str, url: str) -> dict[str, object]:
    """Run ``htmldate.find_date`` and map the dates onto the extraction shape."""
    return convert(read(html, url))
