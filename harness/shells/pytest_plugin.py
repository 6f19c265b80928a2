"""The pytest plugin (entry point ``pytest11``): one test item per fixture and extractor.

A thin shell: options, collection and reporting live here; the judging is
:func:`harness.testing.evaluate`, the failure text :mod:`harness.render.failure`.
Nothing heavy is imported until harness items
are collected, and nothing is collected unless an extractor is configured
(``--harness-extractor``, the ``harness_extractors`` ini key, or
``extractors`` in ``[tool.harness]``).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..core import Extraction, Fixture
    from ..extractors import LoadedExtractor
    from ..testing import Config

__all__ = ["HarnessFile", "HarnessItem"]


@dataclass
class _State:
    extractors: list[str]
    roots: list[Path]
    config: Config
    update: str | None
    loaded: dict[str, Any] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    #: --harness-strict-truth, and the doubted truths that error findings rested on (one line each).
    strict_truth: bool = False
    suspects: list[str] = field(default_factory=list)
    #: --harness-in-process: extractors run in the test process, with no hard deadline.
    in_process: bool = False

    def extractor(self, spec: str) -> LoadedExtractor:
        from ..core import HarnessError
        from ..extractors import resolve

        if spec not in self.loaded:
            try:
                self.loaded[spec] = resolve(spec, source="--harness-extractor", fields=self.config.fields)
            except HarnessError as error:
                self.loaded[spec] = error
        value = self.loaded[spec]
        if isinstance(value, Exception):
            raise value
        return value  # type: ignore[no-any-return]


_STATE = pytest.StashKey[_State]()

#: Hypothesis examples per property, by settings profile.
PROFILES = {"ci": 25, "thorough": 500}
#: Which snapshots --harness-update writes (--harness-update-mode).
UPDATE_MODES = ("new", "changed", "all")


class _Legacy(argparse.Action):
    """``--harness-update=new`` (the 0.1 spelling): the flag and its mode in one token."""

    def __init__(self, option_strings: list[str], dest: str, *, value: str, mode_dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)
        self.value, self.mode_dest = value, mode_dest

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: str | None = None) -> None:
        setattr(namespace, self.dest, True)
        setattr(namespace, self.mode_dest, self.value)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness", "news-harness: data-quality tests of news scrapers")
    group.addoption("--harness-extractor", action="append", default=[], dest="harness_extractors",
                    metavar="SPEC", help="extractor to test: a registered name or package.module:callable")  # fmt: skip
    group.addoption("--harness-fixtures", action="append", default=[], dest="harness_fixtures", metavar="PATH",
                    help="folder of fixtures (default: [tool.harness] fixtures, else the bundled ones); one "
                    "outside the project as one token, --harness-fixtures=/abs/path")  # fmt: skip
    # Plain flags, as syrupy's --snapshot-update, so that `pytest --harness-update cassettes/` does not take
    # the path as the flag's value (issue 14). The 0.1 spellings `--harness-update=new` and
    # `--harness-properties=thorough` still work: each is registered as an option string of its own
    # (argparse matches a whole `--opt=value` token before splitting it), hidden from --help.
    group.addoption("--harness-update", action="store_true", default=False, dest="harness_update",
                    help="write snapshots (which ones: --harness-update-mode)")  # fmt: skip
    group.addoption("--harness-update-mode", choices=UPDATE_MODES, default="changed", dest="harness_update_mode",
                    help="with --harness-update, write only new snapshots, new and changed ones (the default), "
                    "or all")  # fmt: skip
    group.addoption("--harness-properties", action="store_true", default=False, dest="harness_properties",
                    help="also run the property tests on generated pages (--harness-properties-profile: "
                    "how many examples)")  # fmt: skip
    group.addoption("--harness-properties-profile", choices=tuple(PROFILES), default="ci",
                    dest="harness_properties_profile",
                    help=f"'ci' (the default, {PROFILES['ci']} examples a property) or "
                    f"'thorough' ({PROFILES['thorough']})")  # fmt: skip
    for mode in UPDATE_MODES:
        group.addoption(f"--harness-update={mode}", action=_Legacy, dest="harness_update", value=mode,
                        mode_dest="harness_update_mode", help=argparse.SUPPRESS)  # fmt: skip
    for profile in PROFILES:
        group.addoption(f"--harness-properties={profile}", action=_Legacy, dest="harness_properties", value=profile,
                        mode_dest="harness_properties_profile", help=argparse.SUPPRESS)  # fmt: skip
    group.addoption("--harness-seed", type=int, default=0, dest="harness_seed",
                    help="seed of the property tests (printed with each failure)")  # fmt: skip
    group.addoption("--harness-strict-truth", action="store_true", default=False, dest="harness_strict_truth",
                    help="an error resting on a truth 'harness audit' doubts is a usage error (exit 4)")  # fmt: skip
    group.addoption("--harness-in-process", action="store_true", default=False, dest="harness_in_process",
                    help="run extractors in the test process, not in a worker with a hard deadline (to debug "
                    "with breakpoints; a hang or a crash then stops the session)")  # fmt: skip
    parser.addini("harness_extractors", "extractors the harness items run", type="linelist", default=[])
    parser.addini("harness_in_process", "run extractors in the test process (see --harness-in-process)",
                  type="bool", default=False)  # fmt: skip
    parser.addini("harness_fixtures", "folders of fixtures", type="linelist", default=[])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "harness: a news-harness fixture × extractor item")
    _refuse_moved_rootdir(config)  # before anything is read from the rootdir
    extractors = list(config.option.harness_extractors) or list(config.getini("harness_extractors"))
    fixtures = list(config.option.harness_fixtures) or list(config.getini("harness_fixtures"))
    if not extractors and not _mentions_harness(Path(str(config.rootpath))):
        return  # a project that does not use news-harness: import nothing more
    from ..core import HarnessError
    from ..testing import load_config

    try:
        project = load_config(Path(str(config.rootpath)))
    except HarnessError as error:
        raise pytest.UsageError(str(error)) from None
    extractors = extractors or list(project.extractors)
    if not extractors:
        return
    rootpath = Path(str(config.rootpath))
    roots = [rootpath / p for p in fixtures] or list(project.fixtures)
    for root in roots:  # a wrong path must fail the run, not pass it with no harness items
        _refuse_empty(root)
    if not roots:
        from ..core import bundled_cassettes

        roots = [bundled_cassettes()]
    update = config.option.harness_update_mode if config.option.harness_update else None
    state = _State(extractors, [r.resolve() for r in roots], project, update)
    state.strict_truth = bool(config.option.harness_strict_truth)
    state.in_process = bool(config.option.harness_in_process or config.getini("harness_in_process"))
    if state.in_process:
        config.issue_config_time_warning(
            pytest.PytestConfigWarning(
                "news-harness runs extractors in the test process (--harness-in-process): the timeout cannot "
                "stop one that swallows it, and a hang or a crash stops the whole session"
            ),
            stacklevel=2,
        )
    config.stash[_STATE] = state
    config.pluginmanager.register(_Tally(state.statuses, state.suspects), "harness-tally")
    explicit = config.option.harness_extractors or config.option.harness_fixtures
    if explicit or config.args_source != pytest.Config.ArgsSource.ARGS:
        # Make sure the fixture folders are collected even when they sit outside
        # the test paths (the bundled fixtures live inside the installed package).
        # A path inside a root (a node id pasted from -v, say) selects from that root: adding the root
        # would run every one of its items.
        args = [Path(a.split("::")[0]).resolve() for a in config.args]
        for root in state.roots:
            if not any(root == a or a in root.parents or root in a.parents for a in args):
                config.args.append(str(root))


def _refuse_moved_rootdir(config: pytest.Config) -> None:
    """Stop the run when ``--harness-fixtures PATH`` (two tokens) chose pytest's rootdir.

    pytest settles its rootdir before it loads plugins, so it takes PATH for a
    test path; one outside the project moves the rootdir to a common ancestor,
    where neither the project's configuration nor ``[tool.harness]`` is read
    (issue 14: the run ended in "no tests ran"). ``--harness-fixtures=PATH``
    is one token pytest leaves alone.
    """
    tokens = list(config.invocation_params.args)
    values = [tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t == "--harness-fixtures"]
    if not values:
        return
    try:
        import inspect

        from _pytest.config.findpaths import determine_setup

        positional = list(config.args) if config.args_source == pytest.Config.ArgsSource.ARGS else []
        given = {
            "inifile": config.option.inifilename, "override_ini": config.option.override_ini,
            "args": [a for a in positional if a not in values], "rootdir_cmd_arg": config.option.rootdir or None,
            "invocation_dir": config.invocation_params.dir,
        }  # fmt: skip
        accepted = inspect.signature(determine_setup).parameters
        intended = Path(str(determine_setup(**{k: v for k, v in given.items() if k in accepted})[0]))
    except Exception:  # pytest's internals moved: skip the check rather than fail the run
        return
    if intended != Path(str(config.rootpath)):
        shown = " ".join(f"--harness-fixtures={v}" for v in values)
        msg = (
            f"--harness-fixtures {values[0]} moved pytest's rootdir to {config.rootpath} (from {intended}): pytest "
            f"reads an option's separate value as a test path before news-harness is loaded. Write {shown} "
            "(one token), or pass --rootdir."
        )
        raise pytest.UsageError(msg)


def _refuse_empty(root: Path) -> None:
    """Stop the run when a configured fixtures path holds no fixture (a cassette with its expectation)."""
    from ..core import HarnessError
    from ..fixtures import discover, expectation_path

    try:
        found = any(expectation_path(cassette).is_file() for _, cassette in discover([root]))
    except HarnessError as error:
        raise pytest.UsageError(str(error)) from None
    if not found:
        raise pytest.UsageError(f"no fixtures under {root}")


def _mentions_harness(root: Path) -> bool:
    """Whether a pyproject.toml at or above ``root`` has a [tool.harness] table (a cheap text test)."""
    for folder in (root, *root.parents):
        path = folder / "pyproject.toml"
        if path.is_file():
            try:
                return "[tool.harness" in path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return False
    return False


def _state(config: pytest.Config) -> _State | None:
    return config.stash.get(_STATE, None)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    state = _state(parent.config)
    if state is None or file_path.suffix not in (".yaml", ".yml") or "__snapshots__" in file_path.parts:
        return None
    resolved = file_path.resolve()
    # A root may be one cassette (`--harness-fixtures cassettes/site/story.yaml`) as well as a folder.
    root = next((r for r in state.roots if r in (resolved, resolved.parent) or r in resolved.parents), None)
    if root is None or _through_link(file_path, root):
        return None
    # A cassette without its expectation is collected too: its items fail saying so, as the CLI does.
    item: HarnessFile = HarnessFile.from_parent(parent, path=file_path)
    item.root = root
    return item


def _through_link(file_path: Path, root: Path) -> bool:
    """Was ``file_path`` reached through a symbolic link to a folder below ``root``? (Those are not
    followed, as the CLI does not: a link loop would otherwise collect every fixture again and again.)"""
    for folder in file_path.parents:
        if folder.is_symlink():
            where = folder.parent.resolve()
            if where == root or root in where.parents:  # a link inside the fixture folder
                return True
        if folder.resolve() == root:
            return False
    return False


class HarnessFile(pytest.File):
    """A cassette and its expectation: one item per configured extractor."""

    root: Path

    def collect(self) -> Iterator[pytest.Item]:
        state = _state(self.config)
        assert state is not None
        for spec in state.extractors:
            yield HarnessItem.from_parent(self, name=spec, spec=spec)


class HarnessFailure(Exception):
    """A harness item's failure: its text is the per-field report."""


class _Item(pytest.Item):
    """What every harness item shares: its extractor spec, its marker, and failures shown as reports."""

    def __init__(self, *, spec: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self.add_marker("harness")

    def _state(self) -> _State:
        state = _state(self.config)
        assert state is not None
        return state

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, HarnessFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))


class HarnessItem(_Item):
    """One fixture × one extractor."""

    def _fixture(self) -> Fixture:
        from ..fixtures import load_fixture

        return load_fixture(self.path, name=self.fixture_name)

    def runtest(self) -> None:
        from ..core import HarnessError
        from ..render import failure
        from ..testing import evaluate

        state = self._state()
        try:
            extractor = state.extractor(self.spec)
            fixture = self._fixture()
        except HarnessError as error:
            raise HarnessFailure(str(error)) from None
        update: Any = state.update  # one of "new", "changed", "all" (pytest checked the choice)
        outcome = evaluate(extractor, fixture, state.config, update=update, in_process=state.in_process)
        status: str = outcome.snapshot_status
        if status == "changed" and outcome.breaking:
            status = "changed-breaking"  # counted apart: the summary must not invite accepting it
        self.user_properties.append(("harness_snapshot", status))
        for finding in outcome.findings:
            self.user_properties.append((finding.check, finding.message))
        suspects = outcome.suspects
        for suspect in suspects:
            line = f"{suspect.fixture} ({suspect.field}): {suspect.reason}"
            self.user_properties.append(("harness_truth_suspect", line))
        if suspects and state.strict_truth:
            from ..render import audit

            raise HarnessFailure(audit.render_suspects(suspects, option="--harness-strict-truth"))
        if outcome.failed:
            raise HarnessFailure(failure.render_text(outcome))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        # The domain heads a failure ("___ fixture × extractor ___"). It is never the end of the node id:
        # pytest's -v line would then print the domain with each '.' as '::' ("pkg::scraper:extract"),
        # an id pytest does not accept back. Unlike the name, it may hold spaces and dots.
        return self.path, None, f"{self.fixture_name} × {self.spec}"

    @property
    def fixture_name(self) -> str:
        """The fixture's name (``site/story``), as the CLI's reports print it."""
        from ..fixtures import fixture_name

        parent = self.parent
        assert isinstance(parent, HarnessFile)
        if parent.root == self.path.resolve():  # the root is this one cassette
            return self.path.stem
        return fixture_name(parent.root, self.path)


class _Tally:
    """Counts snapshot outcomes from every item's report (those of xdist workers included)."""

    def __init__(self, counts: dict[str, int], suspects: list[str]) -> None:
        self.counts = counts
        self.suspects = suspects

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return
        for key, value in report.user_properties:
            if key == "harness_snapshot":
                self.counts[str(value)] = self.counts.get(str(value), 0) + 1
            elif key == "harness_truth_suspect" and str(value) not in self.suspects:
                self.suspects.append(str(value))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state = _state(session.config)
    if state is not None and state.strict_truth and state.suspects:
        # The verdicts rest on truths the audit doubts: that is the test data's fault, not the
        # scraper's, and CI should say so with the usage status rather than a failed test.
        session.exitstatus = pytest.ExitCode.USAGE_ERROR


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    state = _state(config)
    if state is not None and state.suspects:
        terminalreporter.section("news-harness suspect truth")
        for line in state.suspects:
            terminalreporter.write_line(f"suspect truth: {line}")
        terminalreporter.write_line("Correct those truths (see 'harness audit'); their failures may be false alarms.")
    if state is None or not state.config.snapshots:
        return
    _COUNTS = state.statuses
    written = sum(_COUNTS.get(k, 0) for k in ("written-new", "written-changed", "rewritten"))
    lines = []
    if written:
        lines.append(f"{written} snapshots written.")
    if _COUNTS.get("changed"):
        lines.append(f"{_COUNTS['changed']} snapshots changed. Re-run with --harness-update to accept them.")
    if _COUNTS.get("changed-breaking"):
        lines.append(f"{_COUNTS['changed-breaking']} snapshots changed in a way that breaks the truth (see their "
                     "failures): fix the scraper rather than accept them.")  # fmt: skip
    if _COUNTS.get("missing"):
        lines.append(f"{_COUNTS['missing']} fixtures have no snapshot. "
                     "Re-run with --harness-update --harness-update-mode=new to write them.")  # fmt: skip
    if _COUNTS.get("unreadable"):
        lines.append(f"{_COUNTS['unreadable']} snapshots unreadable (see their failures); no update writes over them.")
    from ..core import HarnessError
    from ..fixtures import load_fixtures
    from ..testing import orphans

    try:
        loaded = load_fixtures(state.roots).fixtures
        stale = list(orphans(state.roots, loaded, [_extractor_name(state, s) for s in state.extractors]))
    except (HarnessError, OSError) as error:  # one line, never a traceback from the summary (issue 14)
        stale = []
        lines.append(f"orphaned snapshots not looked for: {error}")
    if stale:
        lines.append(f"{len(stale)} orphaned snapshots (no fixture, or an extractor no longer run); delete them:")
        lines.extend(f"  {path}" for path in stale)
    if lines:
        terminalreporter.section("news-harness snapshots")
        for line in lines:
            terminalreporter.write_line(line)


def _extractor_name(state: _State, spec: str) -> str:
    try:
        return state.extractor(spec).name
    except Exception:
        return spec


# -- property tests ------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    state = _state(config)
    if state is None or not config.option.harness_properties:
        return
    profile = config.option.harness_properties_profile
    from ..testing import PROPERTIES

    collector = HarnessProperties.from_parent(session, name="harness-properties")
    for spec in state.extractors:
        for name in PROPERTIES:
            items.append(HarnessPropertyItem.from_parent(
                collector, name=f"{spec}::{name}", spec=spec, prop=name, examples=PROFILES[profile], profile=profile,
            ))  # fmt: skip


class HarnessProperties(pytest.Collector):
    """The property tests: one item per extractor and property (added at collection's end)."""

    def collect(self) -> list[pytest.Item]:
        return []


class HarnessPropertyItem(_Item):
    """One property of one extractor, searched for a counterexample on generated pages."""

    def __init__(self, *, spec: str, prop: str, examples: int, profile: str = "ci", **kwargs: Any) -> None:
        super().__init__(spec=spec, **kwargs)
        self.prop, self.examples, self.profile = prop, examples, profile

    def runtest(self) -> None:
        from ..core import HarnessError
        from ..render import fuzz as render
        from ..testing import fuzz

        state = self._state()
        try:
            extractor = state.extractor(self.spec)
        except HarnessError as error:
            raise HarnessFailure(str(error)) from None
        seed = self.config.option.harness_seed
        report = fuzz(extractor, properties=[self.prop], examples=self.examples, seed=seed,
                      timeout=state.config.timeout, spec=self.spec)  # fmt: skip
        if report.failed:
            # This item alone (-k on its property and extractor; property items have no file to name).
            words = ["pytest", "--harness-extractor", self.spec, "--harness-properties", "--harness-properties-profile",
                     self.profile, "--harness-seed", str(seed), "-k", self.prop]  # fmt: skip
            import shlex

            again = f"Or in pytest (harness-properties::{self.spec}::{self.prop}): {shlex.join(words)}"
            raise HarnessFailure(render.render_text(report) + "\n" + again)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return Path(str(self.config.rootpath)), None, f"harness-properties::{self.spec}::{self.prop}"


# -- fixtures for users' own tests --------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    names = metafunc.fixturenames
    if "harness_fixture" not in names and "harness_extraction" not in names:
        return
    state = _state(metafunc.config)
    from ..core import FixtureError, bundled_cassettes
    from ..fixtures import load_fixtures

    roots = state.roots if state else [bundled_cassettes()]
    loaded = load_fixtures(roots)
    # A fixture that cannot be loaded is a failing test of its own, naming the file and the reason.
    values: list[Fixture | FixtureError] = [*loaded.fixtures, *loaded.problems]
    ids = [f.name for f in loaded.fixtures] + [f"unloadable:{Path(str(p.path)).name}" for p in loaded.problems]
    metafunc.parametrize("harness_fixture", values, ids=ids, indirect=True)
    if "harness_extraction" in names:
        specs = state.extractors if state else []
        if not specs:
            msg = "harness_extraction needs an extractor: pass --harness-extractor SPEC (or set harness_extractors)"
            raise pytest.UsageError(msg)
        metafunc.parametrize("harness_extractor", specs)


@pytest.fixture
def harness_fixture(request: pytest.FixtureRequest) -> Fixture:
    """Each fixture of the configured folders in turn; one that cannot be loaded fails with its reason."""
    from ..core import HarnessError

    value = request.param
    if isinstance(value, HarnessError):
        pytest.fail(str(value), pytrace=False)
    return value  # type: ignore[no-any-return]


@pytest.fixture
def harness_extraction(request: pytest.FixtureRequest, harness_fixture: Fixture, harness_extractor: str) -> Extraction:
    """What the configured extractor returns for ``harness_fixture`` (network refused, clock frozen)."""
    from ..extractors import resolve
    from ..running import DEFAULT_TIMEOUT, run_contained, run_one

    state = _state(request.config)
    run = run_one if state is not None and state.in_process else run_contained
    timeout = state.config.timeout if state is not None else DEFAULT_TIMEOUT
    fields = state.config.fields if state is not None else None
    result = run(resolve(harness_extractor, fields=fields), harness_fixture, clock_check=False, timeout=timeout)
    if result.extraction is None:
        pytest.fail(
            f"{harness_extractor} failed on {harness_fixture.name}: {result.findings[0].message}",
            pytrace=False,
        )
    return result.extraction
