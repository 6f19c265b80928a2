"""``harness review``'s edit loop (issue 14, item 7): an edit that fails the schema is reopened with
every problem written above it, quitting leaves the draft as it was and exits 2, and unknown fields
and timezones get the nearest valid name. ``$EDITOR`` is a small script that plays each step."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
from click.testing import CliRunner

from harness.authoring import drafts, edit_problems, record
from harness.shells.cli import main
from tests.http_site import Site

EDITOR = textwrap.dedent(
    """
    import pathlib, sys
    here = pathlib.Path(__file__).parent
    counter = here / "calls"
    n = int(counter.read_text()) + 1 if counter.exists() else 1
    counter.write_text(str(n))
    target = pathlib.Path(sys.argv[1])
    (here / f"seen-{n}.txt").write_text(target.read_text())
    step = here / f"step-{n}.txt"
    # No step: save the file as it was (unchanged).
    target.write_text(step.read_text() if step.exists() else target.read_text())
    """
)


@pytest.fixture(scope="module")
def site():
    with Site() as running:
        yield running


@pytest.fixture
def draft(site, tmp_path):
    fixtures = tmp_path / "fixtures"
    [result] = record([site.base + "/news/bridge"], fixtures, timeout=5)
    assert result.problem is None
    [found] = drafts([fixtures])
    return found


def review(tmp_path, draft, steps: list[str]):
    """Run ``harness review`` choosing [e]dit, with the editor saving each of ``steps`` in turn."""
    editor = tmp_path / "editor"
    editor.mkdir()
    (editor / "edit.py").write_text(EDITOR)
    for n, step in enumerate(steps, 1):
        (editor / f"step-{n}.txt").write_text(step)
    result = CliRunner().invoke(main, ["review", str(draft.cassette)], input="e\n",
                                env={"EDITOR": f"{sys.executable} {editor / 'edit.py'}", "VISUAL": ""})  # fmt: skip
    seen = [p.read_text() for p in sorted(editor.glob("seen-*.txt"))]
    return result, seen


def test_an_invalid_edit_is_reopened_with_every_problem_and_quitting_keeps_the_draft(tmp_path, draft):
    before = draft.sidecar.read_text()
    edit = dict(draft.truth, autors=["Jane Roe"], timezone="Europe/Berln", title=42)
    result, seen = review(tmp_path, draft, [json.dumps(edit, indent=2)])  # step 2: saved unchanged
    assert len(seen) == 2  # opened, then reopened
    reopened = seen[1]
    header = [line for line in reopened.splitlines() if line.startswith("//")]
    assert header[0].startswith("// 3 problems with this edit;")
    assert "//   $: unknown field 'autors'; did you mean 'authors'?" in header
    assert any(h.startswith("//   $.title: 42 is not of type") for h in header)
    assert any("unknown timezone 'Europe/Berln'; did you mean 'Europe/Berlin'?" in h for h in header)
    assert '"autors": [' in reopened  # the user's edit is kept below the problems
    assert result.exit_code == 2, result.output
    assert f"edit abandoned; the draft {draft.sidecar} is unchanged. The edit had 3 problems:" in result.output
    assert "(and " not in result.output
    assert draft.sidecar.read_text() == before
    assert draft.evidence_path.exists()


def test_saving_the_reopened_edit_empty_keeps_the_draft(tmp_path, draft):
    before = draft.sidecar.read_text()
    result, seen = review(tmp_path, draft, ["{not json", ""])
    assert len(seen) == 2 and seen[1].startswith("// 1 problem with this edit;")
    assert "the edited draft is not valid JSON" in seen[1]
    assert result.exit_code == 2
    assert draft.sidecar.read_text() == before


def test_a_fixed_edit_after_a_reopening_is_accepted(tmp_path, draft):
    bad = dict(draft.truth, autors=["Jane Roe"])
    good = dict(draft.truth, title="A corrected title")
    result, seen = review(tmp_path, draft, [json.dumps(bad), "// a comment left by the user\n" + json.dumps(good)])
    assert len(seen) == 2
    assert result.exit_code == 0, result.output
    assert f"accepted (edited) {draft.sidecar}" in result.output
    written = json.loads(draft.sidecar.read_text())
    assert written["title"] == "A corrected title" and written["reviewed"] is True


def test_unknown_names_get_the_nearest_valid_one(draft):
    problems = edit_problems(dict(draft.truth, publshed="2024-05-03T17:47:00+02:00", timezone="america/denvr"),
                             draft.sidecar)  # fmt: skip
    assert problems == [
        "$: unknown field 'publshed'; did you mean 'published'?",
        "$.timezone: unknown timezone 'america/denvr'; did you mean 'America/Denver'? Or another IANA name, "
        "or an offset such as '+02:00'",
    ]
    assert edit_problems(dict(draft.truth), draft.sidecar) == []
