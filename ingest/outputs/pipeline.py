"""Every output after a build, each step isolated: one that fails is reported and the
others still run. Called by ``make run`` (ingest.refresh) and by ``tracker outputs``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.config import REPO_ROOT, Settings
from ingest.outputs import (
    attribution,
    db,
    exports,
    freshness,
    page,
    summary,
    validation,
    validation_data,
)
from ingest.outputs.paths import exports_dir, reports_dir, write_atomic


@dataclass
class OutputsResult:
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    latest: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def write_exports(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    result = exports.export_published(con, out_dir)
    text = attribution.render(con, result.rows, result.sample_rows)
    attribution_path = write_atomic(out_dir / "ATTRIBUTION.md", text)
    return [result.csv_path, result.parquet_path, attribution_path]


def write_validation(con: duckdb.DuckDBPyConnection, out_dir: Path) -> Path:
    epoch = validation_data.epoch_models(con)
    result = validation.analyse(
        validation_data.our_models(con), epoch.rows, validation_data.method_estimates(con)
    )
    context = validation_data.report_context(con, epoch)
    return write_atomic(out_dir / "validation.md", validation.render(result, context))


def build_outputs(
    settings: Settings,
    *,
    freshness_results: list[freshness.SourceFreshness] | None = None,
    counts: dict[str, int] | None = None,
    build_ok: bool = True,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> OutputsResult:
    """Exports, validation report, charts (skipped when the build failed), then the
    summary (always), from the warehouse at ``settings.db_path``."""
    out = OutputsResult()
    exports_path, reports_path = exports_dir(), reports_dir()
    try:
        with db.connect(settings.db_path) as con:
            if build_ok:
                _run_steps(con, out, exports_path, reports_path)
            inputs = summary.SummaryInputs(
                fetch=summary.last_fetch(con),
                changes=_changes(con, build_ok),
                review_candidates=summary.review_candidates(con),
                freshness=freshness_results,
                counts=counts,
                outputs=[_shown(path) for path in out.written],
                problems=out.problems,
                build_ok=build_ok,
            )
    except duckdb.Error as exc:
        out.problems.append(f"cannot read {settings.db_path}: {exc}")
        return out
    return _write_latest(out, reports_path, inputs, now())


def _write_latest(
    out: OutputsResult, reports_path: Path, inputs: summary.SummaryInputs, when: datetime
) -> OutputsResult:
    """reports/latest.md and the console lines, from a refresh that built or skipped."""
    out.latest = write_atomic(
        reports_path / "latest.md", summary.render_markdown(inputs, when=when)
    )
    out.console = summary.console_lines(inputs, Path(_shown(out.latest)))
    return out


def _changes(con: duckdb.DuckDBPyConnection, build_ok: bool) -> summary.Changes:
    """What changed, as marts.changes_in_last_refresh computed it (the one place change
    detection lives); this only says why when there is nothing to show."""
    if not build_ok:
        # The marts are a mix of this build and the last: no comparison is trustworthy.
        return summary.Changes(None, unavailable="Not compared: the dbt build failed.")
    from_history = summary.changes_from_mart(con)
    return from_history or summary.Changes(
        None,
        unavailable=(
            "Not compared: marts.changes_in_last_refresh is not built in this warehouse "
            "(`make run` builds it)."
        ),
    )


def _run_steps(
    con: duckdb.DuckDBPyConnection, out: OutputsResult, exports_path: Path, reports_path: Path
) -> None:
    # Imported here: matplotlib takes about a second to import, and a refresh that only
    # writes the summary never needs it.
    from ingest.outputs import charts

    steps: list[tuple[str, Callable[[], list[Path]]]] = [
        ("exports", lambda: write_exports(con, exports_path)),
        ("validation report", lambda: [write_validation(con, reports_path)]),
        ("charts", lambda: charts.write_charts(con, reports_path)),
        # After the charts: the page embeds them.
        ("page", lambda: [page.write_page(con, reports_path)]),
    ]
    for name, step in steps:
        try:
            out.written += step()
        except Exception as exc:  # one output's failure must not stop the others
            out.problems.append(f"{name}: {type(exc).__name__}: {exc}")
            traceback.print_exc()


def no_op_outputs(
    settings: Settings,
    unchanged_since: datetime | None,
    counts: dict[str, int] | None,
    *,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> OutputsResult:
    """A refresh that skipped the build (ingest.skip): reports/latest.md (this run's fetch
    results, source freshness, and the time of the check) and the page (its time), in one
    read of the warehouse. The exports, charts and validation report stay those of the
    build of ``unchanged_since``; so does ``marts.changes_in_last_refresh``."""
    out = OutputsResult()
    reports_path = reports_dir()
    since = unchanged_since.strftime("%Y-%m-%d %H:%M UTC") if unchanged_since else "?"
    try:
        with db.connect(settings.db_path) as con:
            try:
                out.written.append(page.write_page(con, reports_path))
            except Exception as exc:  # the summary is still written
                out.problems.append(f"page: {type(exc).__name__}: {exc}")
                traceback.print_exc()
            inputs = summary.SummaryInputs(
                fetch=summary.last_fetch(con),
                changes=summary.Changes(
                    None,
                    unavailable=f"Nothing rebuilt: no new data since {since}. "
                    "marts.changes_in_last_refresh still lists what that build changed.",
                ),
                review_candidates=summary.review_candidates(con),
                freshness=freshness.check(con),
                counts=counts,
                outputs=[_shown(path) for path in out.written],
                problems=out.problems,
                unchanged_since=unchanged_since,
            )
    except duckdb.Error as exc:
        out.problems.append(f"cannot read {settings.db_path}: {exc}")
        return out
    return _write_latest(out, reports_path, inputs, now())


# -- the hooks ``make run`` (ingest.refresh) calls around ``dbt build`` -------------------


def check_freshness(settings: Settings) -> list[freshness.SourceFreshness]:
    """After ``dbt build``: each source's freshness, from the fetch times of the captures
    in the warehouse (one query, no second dbt process; see ingest.outputs.freshness)."""
    return freshness.check_warehouse(settings.db_path)


def after_build(
    settings: Settings,
    freshness_results: list[freshness.SourceFreshness] | None,
    counts: dict[str, int] | None,
    build_ok: bool,
) -> int:
    """Write every output and reports/latest.md, print the summary's extra lines.
    Returns 1 if an output could not be written."""
    out = build_outputs(
        settings,
        freshness_results=freshness_results,
        counts=counts,
        build_ok=build_ok,
    )
    for line in out.console:
        print(line)
    for problem in out.problems:
        print(f"error: outputs: {problem}", file=sys.stderr)
    return 0 if out.ok else 1
