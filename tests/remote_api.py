"""Stand-ins on 127.0.0.1 for remote extraction services: an OpenAI-compatible chat endpoint and
Zyte API's /v1/extract. Each answers from the page it is given (or, for Zyte API, the bundled
fixture of the URL it is given), through trafilatura, and refuses a call without the test key."""

from __future__ import annotations

import base64
import contextlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

KEY = "sk-test-4f9a2c7e1b8d6035"
CALLS: list[str] = []


def _article(html: str) -> dict[str, Any]:
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True) if html else None
    found = document.as_dict() if document is not None else {}
    authors = [a.strip() for a in re.split(r";|,", found.get("author") or "") if a.strip()]
    return {"title": found.get("title"), "authors": authors, "published": found.get("date"), "body": found.get("text")}


def _page_of(url: str) -> str:
    from harness.core import bundled_cassettes
    from harness.fixtures import load_fixtures

    for fixture in load_fixtures([bundled_cassettes()]).fixtures:
        if url in (fixture.page.url, fixture.expectation.url):
            return fixture.page.html
    return ""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, code: int, data: object) -> None:
        body = json.dumps(data).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Token", KEY)  # a service that echoes a credential back
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        CALLS.append(self.path)
        auth = self.headers.get("Authorization", "")
        if self.path == "/v1/chat/completions":
            if auth != f"Bearer {KEY}":
                return self._send(401, {"error": "bad key"})
            prompt = request["messages"][-1]["content"]
            html = prompt.split("HTML:\n", 1)[1] if "HTML:\n" in prompt else ""
            answer = _article(html)
            answer["published"] = answer["published"]  # a day only: a date, as a model might answer
            return self._send(200, {"choices": [{"message": {"role": "assistant", "content": json.dumps(answer)}}]})
        if self.path == "/v1/extract":
            if auth != "Basic " + base64.b64encode(f"{KEY}:".encode()).decode():
                return self._send(401, {"error": "bad key"})
            found = _article(_page_of(request["url"]))
            article = {
                "url": request["url"], "headline": found["title"], "authors": [{"name": a} for a in found["authors"]],
                "datePublished": found["published"], "articleBody": found["body"], "KEY": KEY,
            }  # fmt: skip
            return self._send(200, {"url": request["url"], "statusCode": 200, "article": article})
        return self._send(404, {"error": "no such route"})


@contextlib.contextmanager
def serving() -> Iterator[str]:
    """Serve the stand-ins; yield the base URL (``http://127.0.0.1:PORT``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
