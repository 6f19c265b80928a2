"""Extractor plugins used by the tests, loaded through 'tests.plugins:NAME' specs."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import time
import urllib.request
from functools import cache
from typing import Any


def raises(html: str, url: str) -> dict[str, Any]:
    raise RuntimeError("selector '.byline' matched nothing")


def raises_framed(html: str, url: str) -> dict[str, Any]:
    # NLTK frames its LookupError in rows of asterisks.
    frame = "*" * 70
    raise LookupError(f"\n{frame}\n  Resource punkt_tab not found.\n  Please use the NLTK Downloader\n{frame}")


def hangs(html: str, url: str) -> dict[str, Any]:
    time.sleep(60)
    return {}


def prints(html: str, url: str) -> dict[str, Any]:
    print("debug output that must not reach the report")
    return {"title": "Bridge reopens"}


def wanders(html: str, url: str) -> dict[str, Any]:
    os.chdir("/")
    return {"title": "Bridge reopens"}


def calls_home(html: str, url: str) -> dict[str, Any]:
    with contextlib.suppress(OSError):
        socket.create_connection(("tracker.example", 443), timeout=1)
    return {"title": "Bridge reopens"}


def flaky(html: str, url: str) -> dict[str, Any]:
    # Different on every call, whatever the clock says: nondeterministic, not clock-dependent.
    return {"title": f"Bridge reopens {os.urandom(4).hex()}"}


def reads_the_clock(html: str, url: str) -> dict[str, Any]:
    return {"published": dt.datetime.now(dt.timezone.utc).isoformat()}


def wrong_types(html: str, url: str) -> dict[str, Any]:
    return {"title": 42, "authors": "Jane Roe", "published": "last Friday", "body": "Text."}


def not_a_mapping(html: str, url: str) -> list[str]:
    return ["Jane Roe"]


def fetcher(url: str) -> dict[str, Any]:
    """A scraper that fetches the page itself (and a second URL the cassette lacks)."""
    html = urllib.request.urlopen(url).read().decode()
    return {"title": html[html.index("<title>") + 7 : html.index("</title>")]}


fetcher.fetches = True  # type: ignore[attr-defined]


def fetcher_wandering(url: str) -> dict[str, Any]:
    urllib.request.urlopen("http://unrecorded.example/page").read()
    return {}


fetcher_wandering.fetches = True  # type: ignore[attr-defined]


def newspaper_defaults(html: str, url: str) -> dict[str, Any]:
    """newspaper4k exactly as its README shows it: image fetching left on."""
    import newspaper

    article = newspaper.article(url, input_html=html)
    return {"title": article.title or None, "authors": article.authors, "body": article.text}


@cache
def _truths() -> dict[str, dict[str, Any]]:
    from harness.core import bundled_cassettes
    from harness.fixtures import load_fixtures

    return {f.page.url: dict(f.expectation.raw) for f in load_fixtures([bundled_cassettes()]).fixtures}


#: Truths of fixtures that tests write themselves, by URL (see test_gate.py).
_EXTRA_TRUTHS: dict[str, dict[str, Any]] = {}


def oracle(html: str, url: str) -> dict[str, Any]:
    """The perfect extractor: returns each bundled fixture's expectation."""
    truth = _truths()[url] if url in _truths() else _EXTRA_TRUTHS[url]
    return {
        "title": truth.get("title"),
        "authors": truth.get("authors", []),
        "published": truth.get("published"),
        "modified": truth.get("modified"),
        "body": truth.get("body"),
        "language": truth.get("language"),
        "free_access": truth.get("free_access"),
    }


def _page_number(url: str) -> int:
    return int(url.rstrip("/").rsplit("-", 1)[-1])


def crashes_on_page_2(html: str, url: str) -> dict[str, Any]:
    """Kills its own process (as a segfault in C code would) on one page."""
    if _page_number(url) == 2:
        os._exit(3)
    return {"title": f"Page {_page_number(url)}"}


def hangs_hard_on_page_3(html: str, url: str) -> dict[str, Any]:
    """Hangs where no Python-level alarm can reach it (the signal is blocked), on one page."""
    import signal

    if _page_number(url) == 3:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return {"title": f"Page {_page_number(url)}"}


def titles(html: str, url: str) -> dict[str, Any]:
    return {"title": f"Page {_page_number(url)}"}


titles.fields = {"title"}  # type: ignore[attr-defined]
crashes_on_page_2.fields = {"title"}  # type: ignore[attr-defined]
hangs_hard_on_page_3.fields = {"title"}  # type: ignore[attr-defined]


def _sidecar_truth(url: str) -> dict[str, Any]:
    return _truths()[url]


def planted_defects(html: str, url: str) -> dict[str, Any]:
    """The truth, with two planted defects: the second author dropped, a sponsored card kept."""
    truth = _sidecar_truth(url)
    authors = list(truth.get("authors", []))
    if len(authors) > 1:
        del authors[1]
    body = truth.get("body")
    sponsored = [s["text"] for s in truth.get("must_not_contain", []) if s["kind"] == "sponsored"]
    if body and sponsored:
        body = body + "\n\n" + sponsored[0]
    return {**oracle(html, url), "authors": authors, "body": body}


#: Which version of the scraper `versioned` plays: "base" or "head".
MODE = {"version": "base"}


def versioned(html: str, url: str) -> dict[str, Any]:
    """Two versions of one scraper: HEAD fixes page-1's byline and breaks page-2's date."""
    result = oracle(html, url)
    number = _page_number(url)
    if MODE["version"] == "base" and number == 1:
        result["authors"] = result["authors"][:1]
    if MODE["version"] == "head" and number == 2:
        result["published"] = "2023-01-02"
    return result


_NAME_LIKE = __import__("re").compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z'-]+)+)\b")
_DATE_LIKE = __import__("re").compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d+ (?:minutes|hours|days) ago"
)


def naive(html: str, url: str) -> dict[str, Any]:
    """A deliberately naive extractor: all text of the page as the body, the first name-like
    string as the author, the first date-like string as the date."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html)
    for node in tree.xpath("//script|//style"):
        node.drop_tree()
    text = "\n\n".join(" ".join(t.split()) for t in tree.xpath("//body//text()") if t.strip())
    name = _NAME_LIKE.search(text)
    date = _DATE_LIKE.search(text)
    return {"body": text, "authors": [name.group(1)] if name else [], "published": date.group(0) if date else None,
            "title": tree.findtext(".//title")}  # fmt: skip


naive.fields = {"body", "authors", "published"}  # type: ignore[attr-defined]


def hogs_memory(html: str, url: str) -> dict[str, Any]:
    """Allocates without bound (until the worker's memory limit stops it)."""
    hoard = []
    while True:
        hoard.append(bytearray(50 * 1024 * 1024))


def meddles(html: str, url: str) -> dict[str, Any]:
    """Changes process-wide state: the environment, sys.path and the working directory."""
    import sys

    os.environ["HARNESS_MEDDLED"] = url
    sys.path.insert(0, "/nonexistent")
    os.chdir("/")
    return {"title": "meddled"}


def sees_meddling(html: str, url: str) -> dict[str, Any]:
    """Reports what a previous extractor left behind in the process."""
    import sys

    left = [name for name, bad in (("environ", "HARNESS_MEDDLED" in os.environ),
                                    ("sys.path", "/nonexistent" in sys.path)) if bad]  # fmt: skip
    return {"title": "clean" if not left else "dirty: " + ", ".join(left)}


for _func in (hogs_memory, meddles, sees_meddling):
    _func.fields = {"title"}  # type: ignore[attr-defined]


def titles_any(html: str, url: str) -> dict[str, Any]:
    """The page's <title>, whatever the page is (for the hostile inputs)."""
    start = html.find("<title>")
    return {"title": html[start + 7 : html.find("</title>", start)] if start >= 0 else None}


titles_any.fields = {"title"}  # type: ignore[attr-defined]


_CALLS: dict[str, int] = {}


def alternates(html: str, url: str) -> dict[str, Any]:
    # Different on every other call, whatever the clock: runs in the order first clock, later clock,
    # first, later would agree under each clock and look clock-dependent.
    _CALLS[url] = _CALLS.get(url, 0) + 1
    return {"title": "Bridge reopens" if _CALLS[url] % 2 else "Bridge reopens again"}


def body_follows_the_clock(html: str, url: str) -> dict[str, Any]:
    # Changes its body, not its date, with the clock: only dates follow the clock.
    return {"title": "Bridge reopens", "body": f"Read at {dt.datetime.now(dt.timezone.utc):%Y}."}


def crowd(html: str, url: str) -> dict[str, Any]:
    """A byline of 10,000 invented people, one of them with a name that tries to forge a report line."""
    return {"authors": [f"Person {n}" for n in range(10_000)] + ["Eve\nproblem: forged line; everything is fine"]}


def spawns(html: str, url: str) -> dict[str, Any]:
    """Starts a long-lived child process of its own, then hangs."""
    import subprocess

    subprocess.Popen(["sleep", "300"])
    time.sleep(300)
    return {}


def invents(html: str, url: str) -> dict[str, Any]:
    """An author nobody credits."""
    return {"authors": ["Nobody Real"]}


def rewrites_truths(html: str, url: str) -> dict[str, Any]:
    """Like ``invents``, and rewrites every truth under $HARNESS_TEST_TRUTHS to agree with it."""
    import json
    from pathlib import Path

    for path in Path(os.environ["HARNESS_TEST_TRUTHS"]).rglob("*.expected.json"):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if truth.get("authors") != ["Nobody Real"]:
            truth["authors"] = ["Nobody Real"]
            path.write_text(json.dumps(truth), encoding="utf-8")
    return invents(html, url)


def patches_checks(html: str, url: str) -> dict[str, Any]:
    """Replaces the harness's checks, where it runs, with ones that find nothing; returns nothing.

    Only ever run in a worker process: in-process it would patch the test session.
    """
    import harness.checks
    import harness.running.runner

    def nothing(*args: Any, **kwargs: Any) -> list[Any]:
        return []

    harness.checks.run_checks = nothing
    harness.running.runner.run_checks = nothing  # type: ignore[attr-defined]
    harness.running.runner._clock_findings = nothing  # type: ignore[attr-defined]
    return {}


def swallows_the_timeout(html: str, url: str) -> dict[str, Any]:
    """Catches everything, the harness's own timeout included, and goes on for a minute."""
    end = time.perf_counter() + 60
    while time.perf_counter() < end:
        try:  # noqa: SIM105
            time.sleep(0.05)
        except:  # noqa: E722 - the point: a bare except, as some scrapers and libraries have
            pass
    return {"title": "never"}


def spins_on_the_clock(html: str, url: str) -> dict[str, Any]:
    """Waits for the wall clock to move five seconds: under a frozen clock it never does."""
    start = time.time()
    while True:
        try:
            if time.time() >= start + 5:
                break
        except:  # noqa: E722
            pass
    return {"title": "never"}


def covers_one_site(html: str, url: str) -> dict[str, Any]:
    """Has a parser for ksltv.com only, as a per-publisher scraper would."""
    from harness import NotCovered

    if "ksltv.com" not in url:
        raise NotCovered(f"no parser for {url.split('/')[2]}")
    return {"title": "A story", "authors": [], "body": "Words."}


def chooses_by_capture_date(html: str, url: str) -> dict[str, Any]:
    """Chooses by the capture date the harness says, as Fundus picks a parser version, never by the clock."""
    from harness.core import captured_at

    moment = captured_at()
    return {"title": f"parser of {moment.date().isoformat()}" if moment else "no capture time"}


def slow_titles(html: str, url: str) -> dict[str, Any]:
    """``titles``, 40 ms later: two workers' results then reach the parent interleaved."""
    time.sleep(0.04)
    return titles(html, url)


def slow_invents(html: str, url: str) -> dict[str, Any]:
    """``invents``, 40 ms later (see ``slow_titles``)."""
    time.sleep(0.04)
    return invents(html, url)
