"""Project configuration: ``[tool.harness]`` in the user's ``pyproject.toml``.

```toml
[tool.harness]
fixtures = ["cassettes"]                  # where the fixtures are
extractors = ["mysite.scraper:extract"]   # what the pytest plugin and the CLI run by default
timeout = 30                              # seconds per page and extractor
snapshots = true                          # keep golden snapshots of each extractor's output
body_similarity = 0.95                    # snapshot bodies match at this shingle F1 or above
executor = "dask"                         # check and score on a Dask cluster (default "local": this machine)
scheduler = "tcp://10.0.0.5:8786"         # its scheduler (without one: a LocalCluster of --jobs workers)

[tool.harness.severity]                   # per check id: "error", "warning" or "off"
"title.site_name" = "warning"

[tool.harness.checks]                     # options of the checks
body_precision_floor = 0.85
body_recall_floor = 0.85
date_tolerance_seconds = 60

[tool.harness.gate]                       # what 'harness diff' fails on
new_errors = true                         # any new error-severity finding
[tool.harness.gate.tolerance]             # how far a figure may fall (absolute)
"body.f1" = 0.01
"authors.f1" = 0.0

[tool.harness.fields]                     # where the fields sit in your spider's items
title = "headline"                        # (or fields = "zyte-article", a built-in map)
authors = "authors[].name"
published = "datePublished"
modified = "dateModified?"                # ?: the item may leave it out
body = "articleBody"
```

Unknown keys and unknown check ids are errors that name the key and the
nearest valid one.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks import CATALOGUE, LEVELS, Level
from ..core import UsageError
from ..extractors import FieldMap, parse_field_map
from ..running import DEFAULT_TIMEOUT, EXECUTORS
from ..scoring import METRICS

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Config", "GateConfig", "load_config", "parse_config"]

_TOP = (
    "fixtures", "extractors", "timeout", "snapshots", "body_similarity", "severity", "checks", "gate", "fields",
    "executor", "scheduler",
)  # fmt: skip
_CHECK_OPTIONS = (
    "body_precision_floor", "body_recall_floor", "date_tolerance_seconds", "body_truncated_tail_share",
    "body_truncated_tail_floor", "body_truncated_head_floor", "body_structure_min_paragraphs",
)  # fmt: skip
_GATE = ("new_errors", "tolerance", "floors")


@dataclass(frozen=True)
class GateConfig:
    """What makes ``harness diff`` fail."""

    new_errors: bool = True
    tolerance: Mapping[str, float] = field(default_factory=dict)
    floors: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """The ``[tool.harness]`` table, checked."""

    root: Path = Path()
    fixtures: tuple[Path, ...] = ()
    extractors: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    snapshots: bool = True
    body_similarity: float = 0.95
    severity: Mapping[str, Level] = field(default_factory=dict)
    checks: Mapping[str, float] = field(default_factory=dict)
    gate: GateConfig = field(default_factory=GateConfig)
    #: Where the fields sit in the items a spider or page object yields (None: known by the item's class).
    fields: FieldMap | None = None
    #: Where ``check`` and ``score`` run extractors: "local" (this machine's pool) or "dask".
    executor: str = "local"
    #: The Dask scheduler's address for the dask executor (None: a LocalCluster).
    scheduler: str | None = None
    source: str = "defaults"


def _unknown(kind: str, key: str, valid: tuple[str, ...] | list[str], where: str) -> UsageError:
    close = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return UsageError(f"Unknown {kind} {key!r} in {where}.{hint} Valid: {', '.join(sorted(valid))}.")


def _number(value: object, key: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        msg = f"{where}: {key} must be a number, not {value!r}"
        raise UsageError(msg)
    return float(value)


def _strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    msg = f"{where}: {key} must be a string or a list of strings, not {value!r}"
    raise UsageError(msg)


def _table(value: object, key: str, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        msg = f"{where}: [{key}] must be a table, not {value!r}"
        raise UsageError(msg)
    return value


def _metric_map(value: object, key: str, where: str) -> dict[str, float]:
    names = [m.name for m in METRICS]
    out = {}
    for metric, number in _table(value, key, where).items():
        if metric not in names:
            raise _unknown("metric", metric, names, f"{where} [{key}]")
        out[metric] = _number(number, f"{key}.{metric}", where)
    return out


def parse_config(data: Mapping[str, Any], *, root: Path, where: str = "[tool.harness]") -> Config:
    """A :class:`Config` from the ``[tool.harness]`` table (already parsed from TOML).

    Raises:
        UsageError: an unknown key or check id, or a value of the wrong type.
    """
    for key in data:
        if key not in _TOP:
            raise _unknown("key", key, _TOP, where)
    severity: dict[str, Level] = {}
    for check, level in _table(data.get("severity", {}), "severity", where).items():
        if check not in CATALOGUE:
            raise _unknown("check id", check, list(CATALOGUE), f"{where} [severity]")
        if level not in LEVELS:
            msg = f"{where} [severity]: {check} = {level!r}; use one of {', '.join(map(repr, LEVELS))}"
            raise UsageError(msg)
        severity[check] = level
    checks = {}
    for key, value in _table(data.get("checks", {}), "checks", where).items():
        if key not in _CHECK_OPTIONS:
            raise _unknown("check option", key, _CHECK_OPTIONS, f"{where} [checks]")
        checks[key] = _number(value, key, where)
    gate_data = _table(data.get("gate", {}), "gate", where)
    for key in gate_data:
        if key not in _GATE:
            raise _unknown("gate key", key, _GATE, f"{where} [gate]")
    new_errors = gate_data.get("new_errors", True)
    if not isinstance(new_errors, bool):
        msg = f"{where} [gate]: new_errors must be true or false, not {new_errors!r}"
        raise UsageError(msg)
    gate = GateConfig(
        new_errors=new_errors,
        tolerance=_metric_map(gate_data.get("tolerance", {}), "gate.tolerance", where),
        floors=_metric_map(gate_data.get("floors", {}), "gate.floors", where),
    )
    snapshots = data.get("snapshots", True)
    if not isinstance(snapshots, bool):
        msg = f"{where}: snapshots must be true or false, not {snapshots!r}"
        raise UsageError(msg)
    executor = data.get("executor", "local")
    if executor not in EXECUTORS:
        msg = f"{where}: executor = {executor!r}; use one of {', '.join(map(repr, EXECUTORS))}"
        raise UsageError(msg)
    scheduler = data.get("scheduler")
    if scheduler is not None and not isinstance(scheduler, str):
        msg = f'{where}: scheduler must be an address as a string ("tcp://HOST:8786"), not {scheduler!r}'
        raise UsageError(msg)
    return Config(
        root=root,
        fixtures=tuple(root / p for p in _strings(data.get("fixtures", []), "fixtures", where)),
        extractors=_strings(data.get("extractors", []), "extractors", where),
        timeout=_number(data.get("timeout", DEFAULT_TIMEOUT), "timeout", where),
        snapshots=snapshots,
        body_similarity=_number(data.get("body_similarity", 0.95), "body_similarity", where),
        severity=severity,
        checks=checks,
        gate=gate,
        fields=_field_map(data.get("fields"), where),
        executor=executor,
        scheduler=scheduler,
        source=where,
    )


def _field_map(value: object, where: str) -> FieldMap | None:
    """``fields = "zyte-article"`` (a built-in map) or a ``[tool.harness.fields]`` table of ``field = path``."""
    if value is None:
        return None
    if isinstance(value, str) or (isinstance(value, dict) and all(isinstance(k, str) for k in value)):
        return parse_field_map(value, where=f"{where} [fields]", name=f"{where} [fields]")
    msg = f"{where}: fields must be a built-in map's name or a table of field = path, not {value!r}"
    raise UsageError(msg)


def load_config(start: Path | None = None) -> Config:
    """The configuration of the project around ``start`` (default: the working directory).

    Looks for the nearest ``pyproject.toml`` upwards; without one, or without a
    ``[tool.harness]`` table in it, the defaults apply.

    Raises:
        UsageError: the table is invalid; the message names the file and key.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        path = folder / "pyproject.toml"
        if path.is_file():
            try:
                document = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as error:
                msg = f"{path}: cannot be read as TOML: {error}"
                raise UsageError(msg) from None
            table = document.get("tool", {}).get("harness")
            if table is None:
                return Config(root=folder)
            return parse_config(table, root=folder, where=f"{path} [tool.harness]")
    return Config(root=here)
