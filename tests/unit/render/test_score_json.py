"""The score report as JSON, written a page at a time: the same bytes as the whole report dumped at once."""

from __future__ import annotations

import json

from harness.core import bundled_cassettes
from harness.render.score import json_chunks, render_json
from harness.scoring import score


def test_the_streamed_report_is_the_whole_report_dumped_at_once():
    report = score([bundled_cassettes()], ["metadata"], jobs=0, resamples=20)
    try:
        whole = json.dumps(report.to_dict(), indent=1, ensure_ascii=False, default=str)
        pieces = list(json_chunks(report))
        assert len(pieces) == report.pages + 2, "the figures, one piece a page, the end"
        assert render_json(report) == "".join(pieces) == whole
        assert len(json.loads(whole)["page_results"]) == report.pages > 1
    finally:
        report.close()
