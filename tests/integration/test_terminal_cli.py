"""The harness command on a terminal and in a pipe: width, colour, progress, one grammar (issue 14)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from harness.core import bundled_cassettes
from harness.shells.cli import main
from tests.conftest import write_fixture

ESCAPE = re.compile(r"\x1b\[")
KSLTV = str(Path(bundled_cassettes()) / "ksltv")
HTML = (
    "<html><head><title>Bridge reopens | Gazette</title></head><body>"
    "<h1>Bridge reopens</h1><p class='byline'>By Jane Roe</p>"
    "<p>The bridge reopened on Friday after two years of repairs and a long wait.</p></body></html>"
)


def _reader(fd: int, chunks: list[bytes]) -> None:
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # a pty's master reads EIO once the child closed its end
            return
        if not data:
            return
        chunks.append(data)


def harness(*args: str, tty_out: bool = False, tty_err: bool = False, columns: int = 100, **env: str):
    """Run ``python -m harness`` with stdout and stderr each a pseudo-terminal or a pipe; (status, out, err)."""
    environ = {k: v for k, v in os.environ.items() if k not in {"CI", "NO_COLOR", "FORCE_COLOR", "COLUMNS"}}
    environ.update(COLUMNS=str(columns), LINES="40", TERM="xterm-256color", **env)
    ends = []
    for tty in (tty_out, tty_err):
        if tty:
            master, slave = pty.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        else:
            master, slave = os.pipe()
        ends.append((master, slave))
    process = subprocess.Popen(
        [sys.executable, "-m", "harness", *args], stdout=ends[0][1], stderr=ends[1][1], stdin=subprocess.DEVNULL,
        env=environ, cwd=str(Path(__file__).parents[2]),
    )  # fmt: skip
    outputs: list[list[bytes]] = [[], []]
    threads = []
    for (master, slave), chunks in zip(ends, outputs, strict=True):
        os.close(slave)
        thread = threading.Thread(target=_reader, args=(master, chunks))
        thread.start()
        threads.append(thread)
    status = process.wait(timeout=300)
    for thread, (master, _) in zip(threads, ends, strict=True):
        thread.join(timeout=30)
        os.close(master)
    out, err = (b"".join(chunks).decode("utf-8").replace("\r\n", "\n") for chunks in outputs)
    return status, out, err


def test_score_on_a_100_column_terminal_fits_and_splits_no_figure():
    status, out, _ = harness("score", "-e", "trafilatura", "-e", "goose3", "--resamples", "20", KSLTV, tty_out=True)
    assert status == 0
    lines = ESCAPE.sub("", re.sub(r"\x1b\[[0-9;]*m", "", out)).splitlines()
    assert max(len(line) for line in lines) <= 100
    # One block per extractor under 120 columns, each figure whole on its line.
    assert any(line.startswith("trafilatura ") for line in lines) and any(line.startswith("goose3 ") for line in lines)
    assert not [line for line in lines if re.search(r"±\s*$|^\s*[0-9.]+\s*$|\(n=\d+$", line)]
    assert re.search(r"body F1 \(n=2\)\s+\d\.\d{3} ± \d\.\d{3}", out.replace("\x1b[1;32m", "").replace("\x1b[0m", ""))


def test_score_in_a_pipe_is_the_plain_table_without_colour_or_progress():
    status, out, err = harness("score", "-e", "trafilatura", "--resamples", "20", KSLTV)
    assert status == 0
    assert not ESCAPE.search(out) and not ESCAPE.search(err) and "\r" not in err
    assert out.splitlines()[0].split()[:2] == ["extractor", "version"]  # the aligned table of before


def test_colour_on_a_terminal_and_none_with_no_color():
    _, coloured, _ = harness("check", "-e", "trafilatura", KSLTV, tty_out=True)
    _, plain, _ = harness("check", "-e", "trafilatura", KSLTV, tty_out=True, NO_COLOR="1")
    assert ESCAPE.search(coloured)
    assert not ESCAPE.search(plain)
    assert "byline.organization" in plain


def test_check_findings_wrap_at_the_terminal_width_with_a_hanging_indent():
    status, out, _ = harness("check", "-e", "readability-lxml", KSLTV, tty_out=True, NO_COLOR="1", columns=80)
    assert status == 1
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    start = next(i for i, line in enumerate(lines) if "E title.site_name" in line)
    column = lines[start].index("title '")
    assert lines[start + 1].startswith(" " * column) and lines[start + 1][column] != " "


def test_progress_on_a_terminal_stderr_only():
    _, out, err = harness("score", "-e", "trafilatura", "--resamples", "20", KSLTV, tty_err=True)
    assert "pages/s" in err and "ETA" in err and "trafilatura" in err
    assert "pages/s" not in out and not ESCAPE.search(out)


def test_a_misspelt_extractor_fails_at_once_with_the_nearest_name_and_no_table():
    status, out, err = harness("score", "-e", "trafilature")
    assert status == 2
    assert out == ""
    assert err.startswith(
        "harness: error: Unknown extractor 'trafilature' (from --extractor). Did you mean 'trafilatura'?"
    )


def test_compare_with_an_extractor_not_scored_fails_before_the_run():
    result = CliRunner().invoke(main, ["score", "-e", "trafilatura", "--compare", "goose3", "trafilatura", KSLTV])
    assert result.exit_code == 2
    assert result.output.startswith("harness: error: --compare names 'goose3', which this run does not score; ")
    assert "extractor" not in result.output.split("\n", 1)[1]  # no leaderboard after it


def test_click_usage_errors_carry_the_one_prefix():
    status, out, err = harness("check", "--format", "xml")
    assert status == 2 and out == ""
    choices = "'text', 'json', 'github'"
    assert err.splitlines()[-1] == f"harness: error: Invalid value for '--format': 'xml' is not one of {choices}."
    assert "Error:" not in err


def test_top_level_help_states_the_exit_codes():
    result = CliRunner().invoke(main, ["--help"])
    assert "0  ok: no error finding, the gate passed" in result.output
    assert "2  a usage or input error" in result.output


@pytest.mark.parametrize(
    "args",
    [("list", "--format", "json"), ("check", "-e", "tests.plugins:raises"), ("audit",)],
)
def test_output_writes_the_bytes_stdout_would(tmp_path, args):
    write_fixture(tmp_path / "site", "bridge", HTML, title="Bridge reopens", authors=["Jane Roe"])
    runner = CliRunner()
    piped = runner.invoke(main, [*args, str(tmp_path / "site")])
    target = tmp_path / "report.out"
    written = runner.invoke(main, [*args, str(tmp_path / "site"), "--output", str(target)])
    assert piped.exit_code == written.exit_code
    assert target.read_bytes() == piped.stdout_bytes
    assert written.stdout == ""


def test_score_format_and_output_match_the_old_json_option(tmp_path):
    runner = CliRunner()
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    runner.invoke(main, ["score", "-e", "htmldate", "--resamples", "5", KSLTV, "--format", "json", "-o", str(new)])
    runner.invoke(main, ["score", "-e", "htmldate", "--resamples", "5", KSLTV, "--json", str(old)])
    strip = re.compile(r'"created": "[^"]*"|"(median|p95)_ms": [0-9.]+|"seconds": [0-9.e-]+|"ms": [0-9.e-]+')
    assert strip.sub("", new.read_text(encoding="utf-8")).rstrip("\n") == strip.sub("", old.read_text(encoding="utf-8"))


def test_plurals_for_one_fixture_and_one_extractor(tmp_path):
    write_fixture(tmp_path, "bridge", HTML, title="Bridge reopens", authors=["Jane Roe"])
    result = CliRunner().invoke(main, ["check", "-e", "tests.plugins:raises", str(tmp_path)])
    assert "1 fixture × 1 extractor: 1 error, 0 warnings." in result.output.splitlines()


def _commands(group: click.Group, path: str = "harness"):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")
        yield f"{path} {name}", command


@pytest.mark.parametrize(("path", "command"), [c for c in _commands(main) if c[0] != "harness review"])
def test_every_help_ends_with_examples_and_every_option_is_described(path, command):
    assert command.epilog and "Examples:" in command.epilog
    assert len([line for line in command.epilog.splitlines() if line.startswith("  harness ")]) >= 2
    undescribed = [p.name for p in command.params if isinstance(p, click.Option) and not p.help]
    assert undescribed == []


def test_jobs_default_is_one_per_cpu_in_check_and_score():
    for name in ("check", "score"):
        option = next(p for p in main.commands[name].params if p.name == "jobs")
        assert option.default is None and "one per CPU" in (option.help or "")


def test_import_corpus_writes_to_cassettes_by_default():
    corpus = main.commands["import"].commands["corpus"]  # type: ignore[attr-defined]
    out = next(p for p in corpus.params if p.name == "out")
    assert out.default == "cassettes" and not out.required


def test_record_and_import_show_progress_on_a_terminal_and_nothing_in_a_pipe(tmp_path):
    from tests.http_site import Site

    with Site() as site:
        urls = [site.base + "/news/bridge", site.base + "/news/gzip"]
        _, _, err = harness("record", *urls, "--out", str(tmp_path / "rec"), "--no-draft", tty_err=True)
        _, _, piped = harness("record", *urls, "--out", str(tmp_path / "rec2"), "--no-draft")
    assert "record" in err and "pages/s" in err and "ETA" in err
    assert "pages/s" not in piped and not ESCAPE.search(piped)
    lines = [json.dumps({"file": "pages/a.html", "url": "https://a.example/news/a", "title": "A"}),
             json.dumps({"file": "pages/b.html", "url": "https://a.example/news/b", "title": "B"})]  # fmt: skip
    (tmp_path / "corpus" / "pages").mkdir(parents=True)
    for name in ("a", "b"):
        (tmp_path / "corpus" / "pages" / f"{name}.html").write_text(
            f"<html><head><title>{name}</title></head><body><h1>{name}</h1><p>Words.</p></body></html>"
        )
    (tmp_path / "corpus" / "truth.jsonl").write_text("\n".join(lines) + "\n")
    status, _, err = harness("import", "corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "imp"), tty_err=True)
    assert status == 0, err
    assert "import" in err and "2/2" in err and "pages/s" in err
