"""Adapter for Zyte API's article extraction: a remote extractor, recorded once and replayed.

Zyte API fetches the page itself (it is given the URL, not the recorded
HTML), so what it says of a page is what it said when its call was
recorded: ``--record-extractor-calls`` records the call beside the fixture
(with ``ZYTE_API_KEY`` set; the key never reaches the file), and every later
run replays it offline. The answer's ``article`` is a zyte-common-items
``Article``, read through the ``zyte-article`` field map. ``ZYTE_API_URL``
points it at another endpoint (a stand-in on 127.0.0.1 in the tests).
"""

from __future__ import annotations

import base64
import os
from typing import Any

from ..fieldmap import BUILTIN_MAPS, MappedItem

__all__ = ["DEFAULT_ENDPOINT", "extract"]

DEFAULT_ENDPOINT = "https://api.zyte.com/v1/extract"


class _ZyteAPI:
    """``extract(html, url)``; its endpoint and credentials are read from the environment when asked."""

    @property
    def endpoint(self) -> str:
        return os.environ.get("ZYTE_API_URL") or DEFAULT_ENDPOINT

    @property
    def credentials(self) -> tuple[str, ...]:
        key = os.environ.get("ZYTE_API_KEY", "")
        return (key, base64.b64encode(f"{key}:".encode()).decode("ascii")) if key else ()

    def __call__(self, html: str, url: str) -> MappedItem:
        import requests

        request: dict[str, Any] = {"url": url, "article": True, "articleOptions": {"extractFrom": "httpResponseBody"}}
        response = requests.post(
            self.endpoint, json=request, auth=(os.environ.get("ZYTE_API_KEY", ""), ""), timeout=120
        )
        response.raise_for_status()
        article = response.json().get("article") or {}
        return BUILTIN_MAPS["zyte-article"].apply(article)


extract = _ZyteAPI()
