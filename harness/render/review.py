"""A drafted expectation (``harness review``), beside the evidence it was drafted from."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..core import printable_lines

if TYPE_CHECKING:
    from ..authoring import Draft

__all__ = ["render_text"]


def render_text(draft: Draft) -> str:
    """The draft's fields beside the candidates and the page's own byline, date and metadata elements."""
    truth, evidence = draft.truth, draft.evidence
    candidates = evidence.get("candidates", {})
    page = evidence.get("page", {})
    lines = [f"{draft.cassette}  ({truth.get('url')})", f"  {truth.get('notes', '')}"]
    for name in ("title", "authors", "published"):
        lines.append(f"  {name}: {json.dumps(truth.get(name), ensure_ascii=False)}")
        for value, who in (candidates.get(name) or {}).items():
            lines.append(f"      candidate {value!r} from {', '.join(who)}")
    body = truth.get("body") or ""
    lines.append(f"  body: {len(body)} characters, {body.count(chr(10) * 2) + 1 if body else 0} paragraphs; "
                 f"starts {body[:80]!r}")  # fmt: skip
    for label, key in (("byline elements", "bylines"), ("time elements", "times"), ("metadata", "meta")):
        for item in page.get(key, [])[:8]:
            lines.append(f"  page {label}: {item}")
    return printable_lines(lines)
