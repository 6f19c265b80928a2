"""Testing scrapers: what CI runs and what plugin authors call.

The conformance helper (public: :func:`run_conformance_test` and
:data:`CONTRACT_CHECKS`), the ``[tool.harness]`` configuration, one fixture ×
one extractor judged with its golden snapshot, the ``harness diff`` gate
between two score reports, and the property search behind ``harness fuzz``.
"""

from __future__ import annotations

from ..checks import CONTRACT_CHECKS
from .config import Config, GateConfig, load_config, parse_config
from .conformance import run_conformance_test
from .evaluate import ItemOutcome, evaluate
from .gate import EPSILON, Change, ChangeKind, DiffReport, diff_reports, load_report
from .properties import PROPERTIES, FuzzReport, PropertyResult, fuzz, select_mutations
from .snapshots import (
    FieldChange,
    SnapshotStatus,
    Update,
    compare,
    orphans,
    read_snapshot,
    snapshot_path,
    write_snapshot,
)

__all__ = [
    "CONTRACT_CHECKS",
    "EPSILON",
    "PROPERTIES",
    "Change",
    "ChangeKind",
    "Config",
    "DiffReport",
    "FieldChange",
    "FuzzReport",
    "GateConfig",
    "ItemOutcome",
    "PropertyResult",
    "SnapshotStatus",
    "Update",
    "compare",
    "diff_reports",
    "evaluate",
    "fuzz",
    "load_config",
    "load_report",
    "orphans",
    "parse_config",
    "read_snapshot",
    "run_conformance_test",
    "select_mutations",
    "snapshot_path",
    "write_snapshot",
]
