"""Terminal renderings: page-derived text is never read as rich markup, control characters stay escaped."""

from __future__ import annotations

from harness.render.plural import count
from harness.render.terminal import render, text


def test_markup_and_control_characters_in_names_are_shown_as_written():
    shown = render(text("[bold red]Jane[/bold red] :smile: \x1b[2J"), width=100, colour=True)
    assert "[bold red]Jane[/bold red] :smile: \\x1b[2J" in shown
    assert "\x1b[2J" not in shown


def test_counts_are_singular_for_one():
    assert [count(1, "fixture"), count(2, "fixture"), count(1, "property"), count(3, "property")] == [
        "1 fixture", "2 fixtures", "1 property", "3 properties",
    ]  # fmt: skip
