"""A small news site served on 127.0.0.1 for the recording tests: every case the recorder must handle."""

from __future__ import annotations

import base64
import binascii
import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import brotli

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Loopback Ledger</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-05-03T17:47:00+02:00">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "author": [{{"@type": "Person", "name": "Jane Roe"}}, {{"@type": "Person", "name": "John Doe"}}],
"datePublished": "2024-05-03T17:47:00+02:00"}}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">{byline}</p>
<time datetime="2024-05-03T17:47:00+02:00">May 3, 2024, 5:47 PM</time>
<p>The council approved the long-delayed repair of the river bridge on Friday evening after a four-hour debate.</p>
<p>Work is expected to begin in the spring and to close the bridge to cars for about eight months.</p>
<p>Residents who spoke at the meeting asked for a temporary footbridge while the work goes on.</p>
</article><aside class="related"><h3>More news</h3><p>Ferry resumes service</p></aside></main>
<footer>© 2024 Loopback Ledger</footer></body></html>"""

STATE = {"byline": "By Jane Roe and John Doe"}


def _decoded(value: str) -> tuple[str, str]:
    """The user and password of a ``Basic`` header value, decoded ("" for anything else)."""
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic":
        return "", ""
    try:
        user, _, password = base64.b64decode(encoded).decode("latin-1").partition(":")
    except (binascii.Error, ValueError):
        return "", ""
    return user, password


def article(title: str = "River bridge repair approved") -> str:
    return ARTICLE.format(title=title, byline=STATE["byline"])


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def send(self, code: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/news/bridge":
            self.send(200, article().encode(), Set_Cookie="session=abc123secret; HttpOnly")
        elif path == "/news/gzip":
            self.send(200, gzip.compress(article("Gzip story").encode()), Content_Encoding="gzip")
        elif path == "/news/brotli":
            self.send(200, brotli.compress(article("Brotli story").encode()), Content_Encoding="br")
        elif path == "/go/1":
            self.send(301, b"", Location="/go/2?token=s3cr3t&utm_source=x")
        elif path == "/go/2":
            self.send(302, b"", Location="/news/bridge")
        elif path == "/members/story":
            if self.headers.get("Authorization") != "Bearer letmein":
                self.send(401, b"<h1>Sign in</h1>", WWW_Authenticate="Bearer")
            else:
                self.send(200, article("Members story").encode())
        elif path == "/missing":
            self.send(404, b"<h1>Not found</h1>")
        elif path == "/broken":
            self.send(500, b"<h1>Server error</h1>")
        elif path == "/slow":
            time.sleep(3)
            self.send(200, article("Slow story").encode())
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.4 fake", content_type="application/pdf")
        elif path == "/echo":  # a site that echoes what it was sent: in headers, the page and its links
            auth, token = self.headers.get("Authorization", ""), self.headers.get("X-Access-Token", "")
            page = article("Members story").replace(
                "</main>",
                f'<p>Signed in with {auth}.</p><a href="/next?t={token}">next</a>'
                '<form><input type="hidden" name="authenticity_token" value="csrf-hidden-5566"></form>'
                '<meta name="csrf-token" content="csrf-meta-7788">'
                '<script>window.cfg = {"accessToken": "acc-tok-9911", "bucketKey": "AKIAIOSFODNN7EXAMPLE"};</script>'
                '<p>Signed in as reader.one@mail.example. <a href="/account?token=link-tok-2233">Account</a>'
                " Member id M-4242-SECRET.</p></main>",
            )
            self.send(200, page.encode(), X_Echo=auth, X_CSRF_Token="csrf-4f9a8b7c6d5e",
                      X_Amz_Security_Token="FQoGZXIvYXdzEJr", Link=f"</next?sid={token}>; rel=next")  # fmt: skip
        elif path == "/latin":
            page = article("Caf\u00e9 owners in M\u00fcnchen welcome the change").replace(
                'charset="utf-8"', 'charset="iso-8859-1"'
            )
            self.send(
                200, page.encode("iso-8859-1", errors="xmlcharrefreplace"), content_type="text/html; charset=iso-8859-1"
            )
        elif urlsplit(path).path == "/whoami":  # also asked for through a proxy: "GET http://host/whoami"
            # A site that decodes the credentials it was sent and shows them: a password in clear text.
            auth, proxy = self.headers.get("Authorization", ""), self.headers.get("Proxy-Authorization", "")
            (user, password), (proxy_user, proxy_password) = _decoded(auth), _decoded(proxy)
            page = article("Members story").replace(
                "</main>",
                f"<p>Signed in as {user} with password {password} ({auth}).</p>"
                f"<p>Proxy user {proxy_user} with password {proxy_password} ({proxy}).</p></main>",
            )
            self.send(200, page.encode("utf-8"), X_Echo=auth, X_Echo_Proxy=proxy)
        else:
            self.send(404, b"<h1>Not found</h1>")


class Site:
    """The site, running in a thread on a free loopback port."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
