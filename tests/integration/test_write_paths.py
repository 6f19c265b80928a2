"""Every writer stays inside its folder, and no page is lost to a name it shares with another."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from harness.authoring import record
from harness.fixtures import load_fixtures
from harness.shells.cli import main
from tests.http_site import Site, article

# warcio's writer leaves its spooled temporary files to the garbage collector.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")


def _warc(path, urls):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, url in enumerate(urls):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(article(f"Story {n}").encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-04T08:00:00Z"},
            ))  # fmt: skip
    return path


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_crafted_warc_cannot_write_outside_out(tmp_path):
    above = tmp_path / "docker-compose.yaml"
    above.write_text("services: {}\n", encoding="utf-8")
    archive = _warc(tmp_path / "crafted.warc.gz", ["http://../docker-compose", "http://../../etc/passwd"])
    out = tmp_path / "nest" / "fx"
    result = CliRunner().invoke(main, ["import", "warc", str(archive), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert above.read_text(encoding="utf-8") == "services: {}\n"
    written = _files(tmp_path / "nest")
    assert "fx/site/docker-compose.yaml" in written and "fx/site/passwd.yaml" in written
    assert all(name.startswith("fx/site/") for name in written), written
    assert not (tmp_path / "etc").exists()


def test_import_html_url_and_name_cannot_climb_out(tmp_path):
    saved = tmp_path / "page.html"
    saved.write_text(article("Saved story"), encoding="utf-8")
    out = tmp_path / "fx"
    by_url = CliRunner().invoke(main, ["import", "html", str(saved), "--url", "http://../x", "--out", str(out)])
    assert by_url.exit_code == 0, by_url.output
    assert (out / "site" / "x.yaml").exists() and not (tmp_path / "x.yaml").exists()
    by_name = CliRunner().invoke(
        main, ["import", "html", str(saved), "--url", "https://a.example/s", "--name", "../../y", "--out", str(out)]
    )
    assert by_name.exit_code != 0
    assert "y.yaml: would be written outside the output folder" in by_name.output
    assert not list(tmp_path.rglob("y.yaml"))


def test_same_run_clashes_keep_both_pages_and_a_revisit_is_named(tmp_path):
    urls = [
        "https://ledger.example/a/story",
        "https://ledger.example/b/story",  # same site and leaf, another page
        "https://ledger.example/a/story",  # a revisit of the first
    ]
    archive = _warc(tmp_path / "clash.warc.gz", urls)
    result = CliRunner().invoke(main, ["import", "warc", str(archive), "--out", str(tmp_path / "fx")])
    assert "wrote 2 fixtures" in result.output
    assert "a second response for this URL; the one in record 1 was kept" in result.output
    assert "already exist" not in result.output
    loaded = load_fixtures([tmp_path / "fx"], include_drafts=True)
    assert sorted(f.page.url for f in loaded.fixtures) == urls[:2]


def test_a_name_too_long_for_the_file_system_costs_only_its_record(tmp_path):
    host = ".".join(["sub" * 20] * 5) + ".example"  # 300+ characters
    archive = _warc(tmp_path / "long.warc.gz", [f"https://{host}/{'x' * 400}", "https://ledger.example/news/fine"])
    result = CliRunner().invoke(main, ["import", "warc", str(archive), "--out", str(tmp_path / "fx")])
    assert result.exit_code == 0, result.output
    assert "wrote 2 fixtures" in result.output
    assert len(load_fixtures([tmp_path / "fx"], include_drafts=True).fixtures) == 2


def test_record_keeps_pages_that_differ_only_in_the_query(tmp_path):
    with Site() as site:
        results = record([site.base + "/news/bridge?p=1", site.base + "/news/bridge?p=2"], tmp_path, force=True)
    assert [r.problem for r in results] == [None, None]
    assert results[0].cassette != results[1].cassette
    loaded = load_fixtures([tmp_path], include_drafts=True)
    assert sorted(f.page.url.rsplit("?", 1)[1] for f in loaded.fixtures) == ["p=1", "p=2"]
