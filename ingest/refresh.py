"""``make run``: ingest every source, ``dbt build`` with whatever loaded, summary.

The build is skipped, and the refresh says so, when nothing it depends on changed since
the last successful build (ingest.skip); ``--force-build`` and ``--rebuild`` always build.

Exit status: non-zero if a source failed (after the build and summary) or the build failed.
Only one refresh runs at a time per warehouse: a second one exits at once with a message
(or waits, with ``--wait SECONDS``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from ingest import cli, data_test_findings, history, overrides, publish, review_export, skip
from ingest.config import Settings
from ingest.dbt_runner import BUILD_ARGS, EVERY_DATA_TEST_BUILD_ARGS, run_dbt
from ingest.locks import RefreshLocked, refresh_lock
from ingest.outputs import pipeline as outputs
from ingest.warehouse import WarehouseUnavailable


def dbt(args: list[str], settings: Settings) -> int:
    return run_dbt(args, db_path=settings.db_path, data_dir=settings.data_dir)


def model_counts(db_path: Path) -> dict[str, int] | None:
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(
            """
            select
                count(*),
                count(training_compute_flop),
                count(*) filter (where threshold_class = 'above'),
                count(*) filter (where threshold_class = 'uncertain'),
                count(*) filter (where threshold_class = 'below'),
                (select count(*) from marts.models_above_1e25_flop),
                (
                    select count(*) from marts.models_above_1e25_flop
                    where not is_publication_date_announced
                )
            from marts.models
            where not is_excluded
            """
        ).fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    keys = ("seen", "estimated", "above", "uncertain", "below", "published", "published_sighted")
    return dict(zip(keys, row, strict=True))


def summary_lines(
    outcomes: list[cli.SourceOutcome], counts: dict[str, int] | None, build_rc: int | None
) -> list[str]:
    """The summary's first lines; ``build_rc`` None: the build was skipped."""
    lines = ["", "Refresh summary", "Sources:"]
    lines += ["  " + outcome.line() for outcome in outcomes]
    if counts is None:
        lines.append("Models: unavailable (the build did not produce marts.models)")
    else:
        lines.append(
            "Models: {seen} seen, {estimated} estimated: {above} above 1e25, "
            "{uncertain} uncertain, {below} below; {published} in the published list".format(
                **counts
            )
        )
    build_text = {None: "skipped (nothing it depends on changed)", 0: "ok"}
    lines.append("dbt build: " + build_text.get(build_rc, f"FAILED (exit {build_rc})"))
    if any(o.is_sample for o in outcomes):
        samples = ", ".join(o.source for o in outcomes if o.is_sample)
        lines.append(f"WARNING: SAMPLE data in use for: {samples}. These are not real figures.")
    return lines


def main(argv: list[str] | None = None, prog: str = "python -m ingest.refresh") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument("--offline", action="store_true", help="no network: captures, else samples")
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild the warehouse from scratch from data/raw captures and the seeds",
    )
    parser.add_argument(
        "--force-build",
        action="store_true",
        help="run dbt build even when nothing it depends on changed since the last build",
    )
    parser.add_argument(
        "--every-data-test",
        action="store_true",
        help="also run the intermediate models' data tests (make test always runs them)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another refresh to finish (default: exit at once)",
    )
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        with refresh_lock(settings.db_path, args.wait):
            return _refresh(settings, args)
    except RefreshLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 75
    except WarehouseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_status


def _refresh(settings: Settings, args: argparse.Namespace) -> int:
    # A bad overrides file stops the refresh before anything is touched (docs/contractor-guide.md).
    if not overrides.ready_for_build(settings):
        return 1
    ingest_args: list[str] = []
    if args.offline or args.rebuild:
        ingest_args.append("--offline")
    if args.rebuild:
        # The warehouse holds nothing the captures and seeds cannot give back. A leftover
        # write-ahead log goes too, even when the file itself is already gone.
        for suffix in ("", ".wal"):
            Path(str(settings.db_path) + suffix).unlink(missing_ok=True)
        print(f"Rebuilding {settings.db_path} from {settings.raw_dir} and the seeds.")
    print("Ingesting sources…", flush=True)
    ingest_rc, outcomes = cli.run(ingest_args, settings)
    # Someone may have opened the warehouse since ingest closed it (an analyst's session):
    # dbt would fail on the lock with three tracebacks. `decide` opens it first and says so
    # plainly, as ingest does (WarehouseBusy, exit 75).
    forced_by = "--rebuild" if args.rebuild else "--force-build" if args.force_build else None
    build_args = EVERY_DATA_TEST_BUILD_ARGS if args.every_data_test else BUILD_ARGS
    decision = skip.decide(settings, build_args, forced_by=forced_by)
    if decision.skip:
        counts = model_counts(settings.db_path)
        for line in summary_lines(outcomes, counts, None):
            print(line)
        return skip.refresh_without_build(settings, decision, outcomes, counts)
    build_rc = dbt(build_args, settings)
    # Warned data tests go to the review queue, which was built before they ran.
    if build_rc == 0 and data_test_findings.record_after_build(settings):
        build_rc = dbt(
            ["build", "-s", "review_queue", "--exclude-resource-type", "unit_test"], settings
        )
    history.record_after_build(settings)  # keep the change history outside the warehouse
    review_export.export_after_build(settings)
    freshness = outputs.check_freshness(settings)
    counts = model_counts(settings.db_path)
    for line in summary_lines(outcomes, counts, build_rc):
        print(line)
    outputs_rc = outputs.after_build(settings, freshness, counts, build_rc == 0)
    publish_rc = _publish(settings) if build_rc == 0 else _explain_if_busy(settings)
    if build_rc == 0 and not (outputs_rc or publish_rc):
        skip.record_success(settings, decision)
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"error: {outcome.source}: {outcome.error}", file=sys.stderr)
    if publish_rc == 75:
        return 75
    return 1 if (ingest_rc or build_rc or publish_rc or outputs_rc) else 0


def _busy_message(settings: Settings) -> str | None:
    """The plain message when another process holds the warehouse file, else None."""
    try:
        duckdb.connect(str(settings.db_path)).close()
    except duckdb.Error as exc:
        if publish.is_lock_error(exc):
            return publish.busy_message(settings.db_path, exc)
    return None


def _explain_if_busy(settings: Settings) -> int:
    """After a failed build: if another process holds the warehouse, say so plainly (75)."""
    busy = _busy_message(settings)
    if busy:
        print(f"error: {busy}", file=sys.stderr)
        return 75
    return 0


def _publish(settings: Settings) -> int:
    """Copy the successful build to the analysts' published copy (see ingest.publish)."""
    target = publish.published_path(settings)
    try:
        result = publish.publish(settings.db_path, target)
    except publish.PublishError as exc:
        print(f"Published copy: NOT updated: {exc}", file=sys.stderr)
        return 1
    print(f"Published copy: {result.path} (analysts: open it read-only; see README)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
