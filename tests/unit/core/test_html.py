"""The page's text: the stylesheet that reads it in C gives what the walk (the rule) gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harness.core import parse_html, tree_text
from harness.core.html import _Paragraphs, _walk

#: Tags of every kind the walk tells apart: blocks, <pre>, <br>, cells, dropped, inline, unknown.
_TAGS = ["p", "div", "li", "pre", "br", "td", "th", "script", "title", "head", "b", "span", "o:p", "TABLE"]
#: Text pieces with every kind of whitespace, and carriage returns raw and as character references.
_TEXTS = ["a", "b c", " ", "\n", "\r\n", "&#13;", "&#13;&#10;", "\t x \u00a0", "\u2028", "\x0c", "<!-- c -->", "&amp;"]


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}>{draw(_html(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(_TEXTS)))
    return "".join(parts)


def _walked(root: object) -> str:
    out = _Paragraphs()
    _walk(root, out, in_pre=False)  # type: ignore[arg-type]
    out.flush()
    return "\n\n".join(out.paragraphs)


@given(_html())
def test_the_stylesheet_reads_every_element_as_the_walk_does(html: str) -> None:
    root = parse_html(html)
    elements = [] if root is None else [root, *root.iter()]
    for element in elements:
        assert tree_text(element) == _walked(element)


def test_a_carriage_return_in_pre_is_a_line_break_of_its_own() -> None:
    root = parse_html("<pre>a&#13;<br>b&#13;&#10;c</pre>")
    assert tree_text(root) == "a\n\nb\nc"
