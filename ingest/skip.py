"""The refresh's choice to skip ``dbt build``, and what it does instead.

After ingest, ``decide`` compares the fingerprint of what the build would read
(ingest.fingerprint) with the last build's. When they match and that build succeeded, the
build would give the same warehouse, so ``refresh_without_build`` replaces the build and
its outputs: it says "no new data since <time>; nothing rebuilt", rewrites
reports/latest.md (this run's fetch results, source freshness, and the time of the check)
and the page's time (reports/index.html), republishes the analysts' copy only if it is
missing, and leaves ``marts.changes_in_last_refresh``, the history files, the exports, the
charts and the validation report as that build left them. ``--rebuild`` and
``--force-build`` always build.

When the build runs, ``decide`` records the attempt first, and ``record_success`` marks it
succeeded once the build, its outputs and the published copy are written, and the
history file holds the build's changes: a build that failed or was interrupted is never
a match.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

import duckdb

from ingest import fingerprint, history, publish
from ingest.config import Settings
from ingest.outputs import pipeline as outputs
from ingest.warehouse import WarehouseBusy

if TYPE_CHECKING:
    from ingest.cli import SourceOutcome


@dataclass
class Decision:
    fingerprint: fingerprint.Fingerprint
    unchanged_since: datetime | None  # when the matching build ended; None: build
    reasons: list[str] = field(default_factory=list)  # why the build runs
    build_id: str | None = None

    @property
    def skip(self) -> bool:
        return self.unchanged_since is not None

    def line(self) -> str:
        if self.skip:
            since = when(self.unchanged_since)
            return f"dbt build: skipped: no new data since {since}; nothing rebuilt."
        if self.reasons and self.reasons[0].startswith(("no build", "the last build", "--")):
            return f"dbt build: runs ({self.reasons[0]})."
        return f"dbt build: runs ({fingerprint.describe_changes(self.reasons)} changed)."


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "?"


def decide(settings: Settings, dbt_args: list[str], *, forced_by: str | None = None) -> Decision:
    """Skip the build or not; when not, record the attempt in the warehouse (the refresh
    holds its lock, and dbt has not started). ``forced_by`` names the flag that forces a
    build (``--rebuild``, ``--force-build``). Raises WarehouseBusy when another process
    holds the warehouse: dbt would fail on its lock."""
    try:
        con = duckdb.connect(str(settings.db_path))
    except duckdb.Error as exc:
        if publish.is_lock_error(exc):
            raise WarehouseBusy(publish.busy_message(settings.db_path, exc)) from exc
        raise
    try:
        current = fingerprint.compute(settings, dbt_args, con)
        if forced_by:
            since, reasons = None, [forced_by]
        else:
            since, reasons = fingerprint.unchanged_since(current, fingerprint.last_build(con))
        decision = Decision(current, since, reasons)
        if not decision.skip:
            decision.build_id = fingerprint.record_attempt(con, current)
    finally:
        con.close()
    print(decision.line(), flush=True)
    return decision


def record_success(settings: Settings, decision: Decision) -> None:
    """After a build whose outputs and published copy were all written: mark it succeeded,
    unless the history file lacks some of its changes (the next refresh must build, and
    record them)."""
    if decision.build_id is None:
        return
    try:
        recorded = history.recorded_change_ids(history.history_path(settings))
        pending = {row["change_id"] for row in history.read_changes(settings.db_path)}
    except (OSError, duckdb.Error):
        return
    if pending - recorded:
        return
    con = duckdb.connect(str(settings.db_path))
    try:
        fingerprint.record_success(con, decision.build_id, decision.fingerprint, settings)
    finally:
        con.close()


def refresh_without_build(
    settings: Settings,
    decision: Decision,
    outcomes: list[SourceOutcome],
    counts: dict[str, int] | None,
) -> int:
    """The rest of a refresh that skipped the build, after its summary. Returns 1 if a
    source failed or an output or the published copy could not be written, else 0."""
    rc = 0
    out = outputs.no_op_outputs(settings, decision.unchanged_since, counts)
    for line in out.console:
        print(line)
    for problem in out.problems:
        print(f"error: outputs: {problem}", file=sys.stderr)
        rc = 1
    target = publish.published_path(settings)
    if target.exists():
        print(f"Published copy: {target} (unchanged)")
    else:
        try:
            result = publish.publish(settings.db_path, target)
            print(f"Published copy: {result.path} (it was missing: published again)")
        except publish.PublishError as exc:
            print(f"Published copy: NOT written: {exc}", file=sys.stderr)
            rc = 1
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"error: {outcome.source}: {outcome.error}", file=sys.stderr)
            rc = 1
    return rc
