"""The dates a page states, read once for the checks and the fixtures; the offset names they give."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from harness.checks import page_facts
from harness.core import offset_name, parse_html, stated_dates, zone
from harness.fixtures import expectation_from_dict
from tests.conftest import make_fixture

HTML = (
    "<html><head>"
    '<script type="application/ld+json">'
    + json.dumps({"@type": "NewsArticle", "datePublished": " 2024-05-03T17:47:00+02:00 ", "dateModified": 7})
    + "</script>"
    '<meta property="article:modified_time" content="2024-05-04T08:00:00+02:00">'
    '<meta name="author" content="2024-01-01">'
    '<meta itemprop="datePublished" content="2024-05-03">'
    "</head><body>"
    '<time datetime="2024-05-03T15:47:00Z">May 3</time><time>3 May 2024</time>'
    "</body></html>"
)


def test_every_stated_date_in_order_with_its_source():
    root = parse_html(HTML)
    assert root is not None
    assert [(d.kind, d.value, d.source) for d in stated_dates(root)] == [
        ("published", "2024-05-03T17:47:00+02:00", "JSON-LD datePublished"),
        ("modified", "2024-05-04T08:00:00+02:00", "<meta article:modified_time>"),
        ("published", "2024-05-03", "<meta datepublished>"),
        ("time", "2024-05-03T15:47:00Z", "<time> 'May 3'"),
        ("time_text", "3 May 2024", "<time> text"),
    ]


def test_the_page_facts_keep_their_sources():
    facts = page_facts(make_fixture(HTML).page)
    assert [(s.value, s.source) for s in facts.published] == [
        ("2024-05-03T17:47:00+02:00", "JSON-LD datePublished"),
        ("2024-05-03", "<meta datepublished>"),
    ]
    assert [s.source for s in facts.modified] == ["<meta article:modified_time>"]
    assert [(s.value, s.source) for s in facts.times] == [
        ("2024-05-03T15:47:00Z", "<time> 'May 3'"),
        ("3 May 2024", "<time> text"),
    ]


def test_an_unknown_capture_is_the_latest_machine_readable_date_and_its_offset():
    truth = {"url": "https://example.com/a", "captured_at": None, "timezone": None}
    # A date alone stands for the end of its day anywhere on Earth: left out, the modified time is the latest.
    html = HTML.replace('<meta itemprop="datePublished" content="2024-05-03">', "")
    expectation = expectation_from_dict(truth, page_html=html.replace("3 May 2024", "2024-05-05"))
    # A <time>'s text is for readers: "2024-05-05" written there is not read.
    # The latest machine-readable time, 2024-05-04 08:00 at +02:00, and the day's margin after it.
    assert expectation.captured_at == dt.datetime(2024, 5, 5, 8, tzinfo=zone("+02:00"))
    assert expectation.timezone == "+02:00"


@pytest.mark.parametrize(
    ("moment", "name"),
    [
        (dt.datetime(2024, 5, 3, 12, tzinfo=dt.timezone.utc), "UTC"),
        (dt.datetime(2024, 5, 3, 12), "UTC"),
        (dt.datetime(2024, 5, 3, 12, tzinfo=zone("+05:30")), "+05:30"),
        (dt.datetime(2024, 5, 3, 12, tzinfo=zone("-03:30")), "-03:30"),
    ],
)
def test_offset_names_read_back_as_zones(moment, name):
    assert offset_name(moment) == name
    assert name == "UTC" or zone(name).utcoffset(None) == moment.utcoffset()
