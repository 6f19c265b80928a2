from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.core import Fixture
from harness.fixtures import expectation_from_dict, page_from_interactions

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"

BASE_TRUTH: dict[str, Any] = {
    "url": "https://www.gazette.example/news/2024/05/03/river-bridge",
    "captured_at": "2024-05-03T20:00:00+02:00",
    "timezone": "Europe/Berlin",
}


def interactions_of(html: str, url: str = BASE_TRUTH["url"]) -> list[dict[str, Any]]:
    return [
        {
            "request": {"body": None, "headers": {}, "method": "GET", "uri": url},
            "response": {
                "body": {"string": html},
                "headers": {"Content-Type": ["text/html; charset=utf-8"]},
                "status": {"code": 200, "message": "OK"},
            },
        }
    ]


def make_fixture(html: str = "<html><body><p>x</p></body></html>", **truth: Any) -> Fixture:
    """An in-memory fixture: ``html`` at BASE_TRUTH's url, with ``truth`` over BASE_TRUTH."""
    data = {**BASE_TRUTH, **truth}
    expectation = expectation_from_dict(data, source="<test>")
    page = page_from_interactions(interactions_of(html, data["url"]), expectation.captured_at)
    return Fixture(name="test/page", page=page, expectation=expectation)


def write_fixture(folder: Path, name: str, html: str, **truth: Any) -> Path:
    from harness.fixtures import save_fixture

    data = {**BASE_TRUTH, **truth}
    cassette = folder / f"{name}.yaml"
    save_fixture(cassette, interactions_of(html, data["url"]), data)
    return cassette


def needs_corpus(name: str) -> Path:
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"the corpus {path} is absent (it lives beside the project, in ../shared/corpora)")
    return path
