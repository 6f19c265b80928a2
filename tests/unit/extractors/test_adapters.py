"""The built-in adapters, run on tiny inline pages through the real extractors (no mocks)."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.metadata
import json
import socket
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest

from harness.extractors.builtin import BUILTINS
from harness.extractors.builtin import shape as _text

if TYPE_CHECKING:
    from types import ModuleType

SCHEMA = json.loads((Path(__file__).parents[3] / "schemas" / "extraction.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
FIELD_NAMES = frozenset({"title", "authors", "published", "modified", "body", "language", "free_access"})

# adapter module name -> its declaration (the one place that says name, fields and package)
# Remote ones (zyte-api) call a service: tests/integration/test_remote_extractors.py runs them against a stand-in.
ADAPTERS = {module: info for module, info in BUILTINS.items() if not info.remote}

URL = "https://news.example/local/bike-lanes"
# Fundus parses only its publishers' sites (news.example is none): its runs here are on AP News.
URLS = {"fundus": "https://apnews.com/article/bike-lanes"}

PARAGRAPHS = (
    "The city council voted seven to two on Tuesday evening to approve a network of "
    "protected bike lanes along Main Street, ending a debate that has divided residents, "
    "shop owners and commuters for more than three years and filled a dozen public meetings.",
    "Supporters said the lanes would make the downtown safer for children and for older "
    "riders, while opponents worried about the loss of more than sixty parking spaces in "
    "front of the small businesses that line the street between the river and the station.",
    "Construction is expected to begin next spring and to last about four months, "
    "according to the city's transportation department, which said it will publish a "
    "detailed schedule in January and keep at least one lane of traffic open at all times.",
    "The council also asked its staff to report back within a year on how many people use "
    "the new lanes and on whether the number of crashes along the corridor has gone down, "
    "so that the decision can be reviewed before the next budget is adopted by the city.",
)

ARTICLE_JSONLD = json.dumps(
    {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "City council approves new bike lanes",
        "datePublished": "2024-10-19T19:25:00-06:00",
        "dateModified": "2024-10-19T19:39:00-06:00",
        "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "John Doe"}],
        "inLanguage": "en-US",
        "articleBody": "\n".join(PARAGRAPHS),
    }
)

ARTICLE = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>City council approves new bike lanes | Example News</title>
<meta property="og:title" content="City council approves new bike lanes">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-10-19T19:25:00-06:00">
<script type="application/ld+json">
{ARTICLE_JSONLD}
</script>
<style>.byline {{ color: gray; }}</style>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sports">Sports</a></nav>
<article>
<h1>City council approves new bike lanes</h1>
<p class="byline">By Jane Roe and John Doe</p>
<time datetime="2024-10-19T19:25:00-06:00">Oct 19, 2024, 7:25 PM</time>
<img src="https://img.example/a.jpg" alt="A cyclist on Main Street">
<p>{PARAGRAPHS[0]}</p>
<img src="https://img.example/b.jpg" alt="The council chamber">
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
<img src="https://img.example/c.jpg" alt="Main Street">
<p>{PARAGRAPHS[3]}</p>
<script>window.track && window.track("article");</script>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body>
</html>
"""

# No <title>, no <meta name="author">, no metadata: the sentinels' page.
BARE = f"""<html><body><div id="main">
<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>
</div></body></html>"""

EMPTYISH = "<html><head></head><body></body></html>"

# A byline naming two people and an agency; the only <time> is a teaser's relative time.
WIRE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Storm closes mountain passes</title></head><body>
<article><h1>Storm closes mountain passes</h1>
<div class="byline">By Jane Roe and John Doe, CNN</div>
<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>
</article>
<aside><h2>World News</h2>
<div class="teaser"><a href="/other">Another story</a> <time>41 minutes ago</time></div>
</aside>
</body></html>"""


def load(name: str) -> ModuleType:
    """The adapter module, or a skip naming the missing extractor."""
    required = ADAPTERS[name].requires[0]
    with warnings.catch_warnings():
        # Some extractors warn at import (newspaper4k without nltk); that is not under test here.
        warnings.simplefilter("ignore")
        pytest.importorskip(required, reason=f"extractor {required!r} not installed")
        return importlib.import_module(f"harness.extractors.builtin.{name}")


def run(name: str, html: str, url: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = load(name).extract(html, url or URLS.get(name, URL))
    return result


class RefusedNetwork:
    """Records every DNS look-up and connect attempt, and refuses it with OSError."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def getaddrinfo(self, host: object, *args: object, **kwargs: object) -> Any:
        self.attempts.append(str(host))
        raise OSError(f"network refused by the test: {host}")

    def connect(self, sock: socket.socket, address: object) -> Any:
        self.attempts.append(str(address))
        raise OSError(f"network refused by the test: {address}")


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> RefusedNetwork:
    refused = RefusedNetwork()
    monkeypatch.setattr(socket, "getaddrinfo", refused.getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", refused.connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refused.connect)
    return refused


def assert_valid(result: dict[str, Any], fields: frozenset[str]) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(result)]
    assert errors == [], result
    produced = {key for key, value in result.items() if key != "extra" and value is not None}
    assert produced <= fields, f"fields outside FIELDS: {produced - fields}"
    for key, value in result.items():
        # Every "absent" sentinel is None, never '', [], '[no-title]' or '[no-author]'.
        assert value not in ("", [], {}, "[no-title]", "[no-author]"), key
    for author in result.get("authors") or []:
        assert author == author.strip()
        assert author


def assert_blank_line_paragraphs(body: str) -> None:
    assert body == body.strip()
    assert "\n\n\n" not in body
    for paragraph in body.split("\n\n"):
        assert paragraph.strip() == paragraph
        assert paragraph


# -- the contract of every adapter module ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_module_contract(name: str) -> None:
    info = ADAPTERS[name]
    adapter = load(name)
    assert importlib.metadata.version(info.distribution or info.name)
    assert info.fields
    assert info.fields <= FIELD_NAMES
    assert callable(adapter.extract)
    assert info.load() is adapter.extract


def test_every_adapter_module_is_declared_once_and_registered() -> None:
    # The declaration in harness/extractors/builtin/__init__.py is the only place that says which
    # fields an adapter produces; a module left undeclared would never run, a name declared twice
    # would shadow the other.
    from harness.extractors import registry

    folder = Path(importlib.import_module("harness.extractors.builtin").__file__).parent
    modules = {p.stem for p in folder.glob("*.py")} - {"__init__", "shape"}
    assert set(BUILTINS) == modules
    assert len({info.name for info in BUILTINS.values()}) == len(BUILTINS)
    assert {info.name: info for info in BUILTINS.values()}.items() <= registry().extractors.items()


@pytest.mark.parametrize("name", sorted(ADAPTERS))
@pytest.mark.parametrize("page", [ARTICLE, BARE, EMPTYISH, WIRE], ids=["article", "bare", "emptyish", "wire"])
def test_output_validates_and_maps_sentinels(name: str, page: str) -> None:
    result = load(name).extract(page, URLS.get(name, URL))
    assert_valid(result, ADAPTERS[name].fields)
    if result.get("body") is not None:
        assert_blank_line_paragraphs(result["body"])


@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_deterministic(name: str) -> None:
    assert run(name, ARTICLE) == run(name, ARTICLE)


@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_prints_nothing(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(name, ARTICLE)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_no_network_attempt(name: str, network: RefusedNetwork) -> None:
    run(name, ARTICLE)
    assert network.attempts == []


@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_empty_page_never_reaches_the_network(name: str, network: RefusedNetwork) -> None:
    # An extractor may fail on "", but must not go and fetch the URL instead.
    try:
        result = run(name, "")
    except Exception:  # failing is the extractor's right; fetching is not
        result = {}
    assert network.attempts == []
    assert_valid(result, FIELD_NAMES)


# -- bodies ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "trafilatura",
        "newspaper4k",
        "readability",
        "goose3",
        "justext",
        "boilerpy3",
        "resiliparse",
        "metadata",
    ],
)
def test_body_has_one_paragraph_per_article_paragraph(name: str) -> None:
    body = run(name, ARTICLE)["body"]
    assert body is not None
    paragraphs = body.split("\n\n")
    for expected in PARAGRAPHS:
        assert expected in paragraphs, f"{expected[:40]!r} is not a paragraph of its own"
    assert "window.track" not in body
    assert ".byline {" not in body


# -- fields, extractor by extractor ----------------------------------------------------------


def test_trafilatura_fields() -> None:
    result = run("trafilatura", ARTICLE)
    assert result["title"] == "City council approves new bike lanes"
    assert result["authors"] == ["Jane Roe", "John Doe"]
    assert result["extra"]["authors_raw"] == "Jane Roe; John Doe"
    assert result["published"] == "2024-10-19"  # htmldate's day: no time, no zone
    assert result["language"] is None


def test_trafilatura_splits_on_semicolon_and_keeps_the_agency() -> None:
    result = run("trafilatura", WIRE)
    # trafilatura joins the byline as "Jane Roe; John Doe; CNN": split, not repaired.
    assert result["extra"]["authors_raw"] == "Jane Roe; John Doe; CNN"
    assert result["authors"] == ["Jane Roe", "John Doe", "CNN"]


def test_newspaper4k_fields() -> None:
    result = run("newspaper4k", ARTICLE)
    assert result["title"] == "City council approves new bike lanes"
    assert result["authors"] == ["Jane Roe", "John Doe"]
    assert result["published"] == "2024-10-19T19:25:00-06:00"  # aware, offset kept
    assert result["language"] == "en"


def test_newspaper4k_date_from_the_url_stays_wrong() -> None:
    # newspaper4k 0.9.6 prefers a date in the URL to the page's metadata, losing the
    # time and the zone; the adapter reports that, it does not repair it.
    result = run("newspaper4k", ARTICLE, "https://news.example/2024/10/19/bike-lanes")
    assert result["published"] == "2024-10-19T00:00:00"


def test_newspaper4k_default_fetches_images_but_the_adapter_does_not(
    network: RefusedNetwork,
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        newspaper = pytest.importorskip("newspaper")
    newspaper.article(URL, input_html=ARTICLE)
    assert "img.example" in network.attempts  # the default parse() downloads <img> to size them
    network.attempts.clear()
    result = run("newspaper4k", ARTICLE)
    assert network.attempts == []
    assert result["title"] == "City council approves new bike lanes"


def test_readability_fields() -> None:
    result = run("readability", ARTICLE)
    assert result["title"] == "City council approves new bike lanes | Example News"
    assert result["authors"] == ["Jane Roe"]  # the one <meta name="author"> string


def test_readability_sentinels_become_none() -> None:
    result = run("readability", BARE)
    assert result["title"] is None  # readability says "[no-title]"
    assert result["authors"] is None  # readability says "[no-author]"
    assert PARAGRAPHS[1] in result["body"]


def test_readability_keeps_one_author_string_whole() -> None:
    page = BARE.replace("<html>", '<html><head><meta name="author" content="Jane Roe, John Doe"></head>')
    assert run("readability", page)["authors"] == ["Jane Roe, John Doe"]


def test_goose3_fields_keep_the_raw_date() -> None:
    result = run("goose3", ARTICLE)
    assert result["title"] == "City council approves new bike lanes"
    assert result["authors"] == ["Jane Roe", "John Doe"]  # from JSON-LD, in page order
    assert result["published"] == "2024-10-20T01:25:00+00:00"  # goose3 converts to UTC
    assert result["extra"]["published_raw"] == "2024-10-19T19:25:00-06:00"
    assert result["language"] == "en"


def test_goose3_meta_authors_are_kept_in_goose3s_order() -> None:
    head = "".join(f'<meta name="author" content="{name}">' for name in ("Jane Roe", "John Doe"))
    page = BARE.replace("<html>", f"<html><head><title>T</title>{head}</head>")
    authors = run("goose3", page)["authors"]
    # goose3 collects meta authors in a set: the order follows PYTHONHASHSEED, and the
    # adapter does not sort it away (the harness's run-twice checks are there to see it).
    assert sorted(authors) == ["Jane Roe", "John Doe"]


def test_goose3_relative_date_stays_raw() -> None:
    result = run("goose3", WIRE)
    # goose3 falls back to the first <time>'s text: a teaser's "41 minutes ago".
    assert result["published"] is None
    assert result["extra"]["published_raw"] == "41 minutes ago"


def test_justext_stoplist_follows_html_lang() -> None:
    adapter = load("justext")
    assert run("justext", ARTICLE)["extra"]["stoplist"] == "English"
    assert adapter.stoplist_name("de-AT") == "German"
    assert adapter.stoplist_name("pt_BR") == "Portuguese"
    assert adapter.stoplist_name("nb") == "Norwegian_Bokmal"
    assert adapter.stoplist_name("xx") == "English"
    assert adapter.stoplist_name(None) == "English"
    german = ARTICLE.replace('<html lang="en-US">', '<html lang="de">')
    assert run("justext", german)["extra"]["stoplist"] == "German"


@pytest.mark.parametrize("name", ["boilerpy3", "resiliparse"])
def test_title_is_the_title_element(name: str) -> None:
    assert run(name, ARTICLE)["title"] == "City council approves new bike lanes | Example News"


def test_resiliparse_leaves_out_alt_text() -> None:
    assert "A cyclist on Main Street" not in run("resiliparse", ARTICLE)["body"]


def test_htmldate_fields() -> None:
    # Published 19:25, updated 19:39 the same day: both modes give the day.
    assert run("htmldate", ARTICLE) == {"published": "2024-10-19", "modified": "2024-10-19"}


def test_htmldate_updated_mode_is_the_modified_date() -> None:
    updated = '<meta property="article:modified_time" content="2024-10-21T08:10:00-06:00">'
    page = ARTICLE.replace('<meta name="author"', f'{updated}<meta name="author"')
    raw = load("htmldate").read(page, URL)
    assert (raw.published, raw.modified) == ("2024-10-19", "2024-10-21")  # original_date=True, then False
    assert run("htmldate", page) == {"published": "2024-10-19", "modified": "2024-10-21"}
    # A dated URL wins in both modes (htmldate reads the URL first): the publication day as modified.
    dated = "https://news.example/2024/10/19/bike-lanes"
    assert run("htmldate", page, dated) == {"published": "2024-10-19", "modified": "2024-10-19"}


def test_htmldate_does_not_download_a_url_shaped_page(network: RefusedNetwork) -> None:
    # htmldate fetches any str input that starts with "http" and has no space.
    run("htmldate", "https://elsewhere.example/page")
    assert network.attempts == []


def test_metadata_fields() -> None:
    result = run("metadata", ARTICLE)
    assert result["title"] == "City council approves new bike lanes"
    assert result["authors"] == ["Jane Roe", "John Doe"]
    assert result["published"] == "2024-10-19T19:25:00-06:00"
    assert result["modified"] == "2024-10-19T19:39:00-06:00"
    assert result["language"] == "en-US"
    assert result["body"] == "\n\n".join(PARAGRAPHS)
    assert result["extra"]["jsonld_type"] == "NewsArticle"


@pytest.mark.parametrize(
    ("marks", "flag"),
    [
        ({}, None),  # the page says nothing: neither free nor paywalled
        ({"isAccessibleForFree": False}, False),
        ({"isAccessibleForFree": "False"}, False),
        ({"isAccessibleForFree": "false"}, False),
        ({"isAccessibleForFree": "True"}, True),
        ({"isAccessibleForFree": True}, True),
        # Google's paywalled-content markup: the locked part as a hasPart element.
        ({"hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}}, False),
        ({"isAccessibleForFree": True, "hasPart": [{"@type": "WebPageElement", "isAccessibleForFree": "False"}]},
         False),
    ],
)  # fmt: skip
def test_metadata_reads_is_accessible_for_free(marks: dict[str, object], flag: bool | None) -> None:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Headline", **marks}
    result = run("metadata", _jsonld_page(data))
    assert result.get("free_access") is flag
    assert "free_access_unconverted" not in result.get("extra", {})


def test_metadata_keeps_an_access_flag_it_cannot_read() -> None:
    page = _jsonld_page({"@type": "NewsArticle", "headline": "Headline", "isAccessibleForFree": "partly"})
    result = load("metadata").extract(page, URL)
    assert result["free_access"] is None
    assert result["extra"]["free_access_unconverted"] == ["partly"]


def _jsonld_page(data: object, head: str = "") -> str:
    return (
        f'<html lang="fr"><head>{head}<script type="application/ld+json">{json.dumps(data)}'
        "</script></head><body><p>x</p></body></html>"
    )


def test_metadata_reads_graph_type_lists_and_author_references() -> None:
    page = _jsonld_page(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "@id": "https://news.example/a#page", "name": "Page name"},
                {"@type": "Person", "@id": "https://news.example/#roe", "name": "Jane Roe"},
                {
                    "@type": ["Article", "NewsArticle"],
                    "headline": "Headline",
                    "author": [
                        {"@id": "https://news.example/#roe"},
                        "John Doe",
                        {"@type": "Organization", "name": "CNN"},
                    ],
                    "datePublished": "Oct 19, 2024 7:25 PM",
                },
            ],
        }
    )
    result = run("metadata", page)
    assert result["title"] == "Headline"
    assert result["authors"] == ["Jane Roe", "John Doe", "CNN"]  # organizations are not dropped
    assert result["published"] is None
    assert result["extra"]["published_raw"] == "Oct 19, 2024 7:25 PM"
    assert result["language"] == "fr"  # no inLanguage: the <html lang>


def test_metadata_falls_back_to_opengraph_and_meta() -> None:
    head = (
        '<meta property="og:title" content="OG title">'
        '<meta name="Author" content="Jane Roe">'
        '<meta property="article:published_time" content="2024-10-19">'
        '<meta property="article:modified_time" content="2024-10-20T08:00:00Z">'
    )
    result = run("metadata", _jsonld_page({"@type": "WebSite", "name": "Example News"}, head))
    assert result["title"] == "OG title"
    assert result["authors"] == ["Jane Roe"]
    assert result["published"] == "2024-10-19"
    assert result["modified"] == "2024-10-20T08:00:00Z"
    assert "jsonld_type" not in result.get("extra", {})


# -- the shared helpers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One  two\n three</p><p>Four</p>", "One two three\n\nFour"),
        ("<div>Direct text <p>para</p> tail text</div>", "Direct text\n\npara\n\ntail text"),
        ("<p>line one<br>line two</p>", "line one\nline two"),
        ("<div>first<br><br> <br>second</div>", "first\n\nsecond"),
        ("<h2>Head</h2><ul><li>a</li><li><b>b</b>old</li></ul>", "Head\n\na\n\nbold"),
        ("<blockquote>Quote</blockquote><pre>x = 1\n  y = 2</pre>", "Quote\n\nx = 1\ny = 2"),
        ("<p>kept</p><script>drop()</script><style>p{}</style><!-- c --><p>too</p>", "kept\n\ntoo"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("<html><head><title>T</title></head><body><p>Body</p></body></html>", "Body"),
        ("", ""),
        ("   ", ""),
        ('<?xml version="1.0" encoding="iso-8859-1"?><p>caf\u00e9</p>', "caf\u00e9"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert _text.html_to_text(html) == text


@pytest.mark.parametrize(
    ("value", "field", "raw"),
    [
        (dt.datetime(2024, 10, 19, 19, 25), "2024-10-19T19:25:00", None),
        (
            dt.datetime(2024, 10, 19, 19, 25, tzinfo=dt.timezone(dt.timedelta(hours=-6))),
            "2024-10-19T19:25:00-06:00",
            None,
        ),
        (dt.date(2024, 10, 19), "2024-10-19", None),
        ("2024-10-19", "2024-10-19", None),
        (" 2024-10-19T19:25:00Z ", "2024-10-19T19:25:00Z", " 2024-10-19T19:25:00Z "),
        ("41 minutes ago", None, "41 minutes ago"),
        ("", None, None),
        (None, None, None),
    ],
)
def test_set_timestamp(value: object, field: str | None, raw: str | None) -> None:
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    _text.set_timestamp(result, extra, "published", value)
    assert result == {"published": field}
    assert extra.get("published_raw") == raw


def test_lines_and_blocks_as_paragraphs() -> None:
    assert _text.lines_as_paragraphs("a\n b \n\n\nc\n") == "a\n\nb\n\nc"
    assert _text.blocks_as_paragraphs("a\nb\n\n\n c  d \n \n e") == "a\nb\n\nc d\n\ne"
    assert _text.lines_as_paragraphs("") is None
    assert _text.blocks_as_paragraphs(" \n ") is None


def test_language_tag() -> None:
    result: dict[str, object] = {}
    extra: dict[str, object] = {}
    _text.set_language(result, extra, "English")
    assert result == {"language": None}
    assert extra == {"language_raw": "English"}
    assert _text.language_tag("en-US") == "en-US"
    assert _text.language_tag("") is None
