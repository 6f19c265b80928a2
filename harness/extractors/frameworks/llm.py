"""A language model behind an OpenAI-compatible endpoint as an extractor: ``llm:<endpoint>?model=NAME``.

The spec is the endpoint's base URL (``…/v1``) with the harness's own
parameters in its query, which are not sent: ``model`` (required),
``prompt`` (a template file with ``{url}``, ``{text}`` and ``{html}``
placeholders; default: :data:`DEFAULT_PROMPT`) and ``key_env`` (the
environment variable holding the API key; default ``OPENAI_API_KEY``).
The model is asked, at temperature 0, for a JSON object in the extraction
schema's shape. It is a remote extractor: its calls are recorded once per
page with ``--record-extractor-calls`` and replayed offline after that.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ...core import ExtractorError, html_to_text, schema

__all__ = ["DEFAULT_PROMPT", "load_model"]

#: What the model is asked, unless ``prompt=`` names a template file.
DEFAULT_PROMPT = """Extract the news article from this web page.
URL: {url}

Page text:
{text}
"""
#: Characters of the page's text and HTML a prompt carries at most.
_CAP = 60_000
_SYSTEM = (
    "You extract news articles. Answer with one JSON object and nothing else, with the keys title, "
    "authors (the people credited, as a list of names; no agencies, no 'By'), published and modified "
    "(RFC 3339 with the page's UTC offset, or null), body (the article's text, paragraphs separated by a "
    "blank line, without teasers, ads or related links) and language (a language tag). The object must "
    "validate against this JSON Schema: {schema}"
)
_OWN = ("model", "prompt", "key_env")


def _parse(target: str, spec: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        msg = (
            f"Extractor spec {spec!r}: give the endpoint's base URL after 'llm:', "
            "e.g. 'llm:http://127.0.0.1:8000/v1?model=qwen2.5'"
        )
        raise ExtractorError(msg)
    query = parse_qsl(parts.query, keep_blank_values=True)
    own = {key: value for key, value in query if key in _OWN}
    rest = [(key, value) for key, value in query if key not in _OWN]
    if not own.get("model"):
        msg = f"Extractor spec {spec!r} names no model: add ?model=NAME to the endpoint"
        raise ExtractorError(msg)
    base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), urlencode(rest), ""))
    return base, own


def load_model(target: str, *, spec: str, source: str, fields: Any = None) -> Any:
    """The extractor that asks the model at ``target`` (see the module's description).

    Raises:
        ExtractorError: no endpoint or no model in the spec, or a prompt file that cannot be read.
    """
    from ..registry import ALL_FIELDS, LoadedExtractor

    base, own = _parse(target, spec)
    template = DEFAULT_PROMPT
    if own.get("prompt"):
        try:
            template = Path(own["prompt"]).read_text(encoding="utf-8")
        except OSError as error:
            msg = f"Extractor spec {spec!r}: the prompt file {own['prompt']!r} cannot be read: {error.strerror}"
            raise ExtractorError(msg) from None
    key_env = own.get("key_env") or "OPENAI_API_KEY"
    key = os.environ.get(key_env, "")
    system = _SYSTEM.format(schema=json.dumps(schema("extraction"), separators=(",", ":")))

    def extract(html: str, url: str) -> dict[str, Any]:
        import requests

        prompt = template.format(url=url, text=html_to_text(html)[:_CAP], html=html[:_CAP])
        body: dict[str, Any] = {
            "model": own["model"], "temperature": 0, "response_format": {"type": "json_object"},
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": prompt}],
        }  # fmt: skip
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = requests.post(f"{base}/chat/completions", json=body, headers=headers, timeout=120)
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
        try:
            answer = json.loads(content)
        except (TypeError, ValueError):
            msg = f"the model answered no JSON object: {str(content)[:120]!r}"
            raise ValueError(msg) from None
        if not isinstance(answer, dict):
            msg = f"the model answered JSON that is not an object: {str(content)[:120]!r}"
            raise ValueError(msg)
        return answer

    return LoadedExtractor(
        name=spec, func=extract, fields=ALL_FIELDS, version=f"model {own['model']}",
        endpoint=base, credentials=(key,) if key else (),
    )  # fmt: skip
