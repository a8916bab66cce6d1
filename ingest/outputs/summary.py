"""The refresh summary: what was fetched, new models, changed estimates, new candidates,
stale sources. Printed at the end of ``make run`` and saved as reports/latest.md.

What changed is computed in SQL, once: ``marts.changes_in_last_refresh`` compares this
build with the state recorded after the previous refresh (data/history). This module only
formats it; without that mart it says the changes were not compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from ingest.outputs import db
from ingest.outputs.formatting import flop, md_cell, ratio
from ingest.outputs.freshness import SourceFreshness

LIST_LIMIT = 25


@dataclass(frozen=True)
class ModelState:
    model_id: str
    model_name: str
    training_compute_flop: float | None
    threshold_class: str | None
    is_published: bool


@dataclass(frozen=True)
class EstimateChange:
    before: ModelState
    after: ModelState

    @property
    def factor(self) -> float | None:
        old, new = self.before.training_compute_flop, self.after.training_compute_flop
        if not old or not new:
            return None
        return new / old

    def describe(self) -> str:
        text = (
            f"{md_cell(self.after.model_name)} (`{self.after.model_id}`): "
            f"{flop(self.before.training_compute_flop) or 'none'} → "
            f"{flop(self.after.training_compute_flop) or 'none'}"
        )
        if self.factor is not None:
            text += f" ({ratio(self.factor)})"
        if self.before.threshold_class != self.after.threshold_class:
            text += f", class {self.before.threshold_class} → {self.after.threshold_class}"
        return text


@dataclass
class Changes:
    prior_origin: str | None
    unavailable: str | None = None  # why nothing could be compared, when so
    new_models: list[ModelState] = field(default_factory=list)
    entered_list: list[ModelState] = field(default_factory=list)
    left_list: list[ModelState] = field(default_factory=list)
    changed: list[EstimateChange] = field(default_factory=list)
    candidates: list[ModelState] = field(default_factory=list)
    # Ids the identity rules now fold into another model: (the old id's last state, the
    # id that absorbed it). Not "left the list": the model is still there, under its id.
    renamed: list[tuple[ModelState, str]] = field(default_factory=list)


CHANGES_MART = ("marts", "changes_in_last_refresh")
CHANGES_COLUMNS = {
    "model_id",
    "model_name",
    "change_type",
    "changed_fields",
    "training_compute_flop",
    "threshold_class",
    "is_published",
    "previous_training_compute_flop",
    "previous_threshold_class",
    "previous_is_published",
}


def changes_from_mart(con: duckdb.DuckDBPyConnection) -> Changes | None:
    """What changed, from the change-history mart (compared with data/history, so it
    survives the loss of the warehouse). None when the mart is not built."""
    schema, table = CHANGES_MART
    if not db.has_relation(con, schema, table):
        return None
    if not set(db.columns_of(con, schema, table)) >= CHANGES_COLUMNS:
        return None
    # No recorded history yet: every model is "new", which is no news.
    if db.has_relation(con, "staging", "stg_history__model_changes") and not db.scalar(
        con, "select count(*) from staging.stg_history__model_changes"
    ):
        return Changes(prior_origin=None)
    rows = db.records(
        con,
        f"""
        select *
        from {schema}.{table}
        order by model_id
        """,
    )
    changes = Changes(prior_origin="history")
    for row in rows:
        now = ModelState(
            row["model_id"],
            row["model_name"] or row["model_id"],
            row["training_compute_flop"],
            row["threshold_class"],
            bool(row["is_published"]),
        )
        before = ModelState(
            row["model_id"],
            row["model_name"] or row["model_id"],
            row["previous_training_compute_flop"],
            row["previous_threshold_class"],
            bool(row["previous_is_published"]),
        )
        fields = set(row["changed_fields"] or [])
        if row["change_type"] == "renamed":
            changes.renamed.append((before, row.get("renamed_to_model_id") or "?"))
            continue
        if row["change_type"] == "new":
            changes.new_models.append(now)
            if not now.is_published and (
                now.threshold_class in ("above", "uncertain") or now.training_compute_flop is None
            ):
                changes.candidates.append(now)
        if now.is_published and not before.is_published:
            changes.entered_list.append(now)
        if before.is_published and not now.is_published:
            changes.left_list.append(now)
        if row["change_type"] == "changed" and fields & {
            "training_compute_flop",
            "threshold_class",
        }:
            changes.changed.append(EstimateChange(before, now))
    changes.changed.sort(
        key=lambda c: (-abs(math.log(c.factor)) if c.factor else 0.0, c.after.model_id)
    )
    return changes


def review_candidates(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """New-candidate rows of the review queue, when the queue names them."""
    if not db.has_relation(con, "marts", "review_queue"):
        return []
    columns = db.columns_of(con, "marts", "review_queue")
    if "review_reason" not in columns:
        return []
    detail = "review_detail" if "review_detail" in columns else "null"
    return db.records(
        con,
        f"""
        select model_id, model_name, review_reason, {detail} as review_detail
        from marts.review_queue
        where review_reason ilike '%candidate%'
        order by model_id
        """,
    )


@dataclass(frozen=True)
class FetchLine:
    source: str
    status: str
    rows_loaded: int
    captured_at: datetime | None
    is_sample: bool
    error: str | None

    def describe(self) -> str:
        when = self.captured_at.date().isoformat() if self.captured_at else "?"
        data = "SAMPLE data" if self.is_sample else f"capture of {when}"
        if self.status == "ok":
            return f"loaded {self.rows_loaded} rows ({data})"
        if self.status == "unchanged":
            return f"nothing new ({data} still current)"
        if self.status == "fallback":
            return f"fell back to {data}: {self.error or 'fetch failed'}"
        return f"FAILED: {self.error or 'no usable data'}"


def last_fetch(con: duckdb.DuckDBPyConnection) -> list[FetchLine]:
    """Per source, what the most recent ingest run did (from raw.load_log)."""
    if not db.has_relation(con, "raw", "load_log"):
        return []
    sample = "is_sample" if "is_sample" in db.columns_of(con, "raw", "load_log") else "false"
    rows = db.records(
        con,
        f"""
        select source, status, rows_loaded, captured_at, {sample} as is_sample, error
        from raw.load_log
        qualify row_number() over (partition by source order by started_at desc) = 1
        order by source
        """,
    )
    return [FetchLine(**row) for row in rows]


@dataclass
class SummaryInputs:
    fetch: list[FetchLine]
    changes: Changes
    review_candidates: list[dict]
    freshness: list[SourceFreshness] | None
    counts: dict[str, int] | None
    outputs: list[str]
    problems: list[str]
    build_ok: bool = True
    # Set when the refresh skipped the build (ingest.skip): when the build it kept ended.
    unchanged_since: datetime | None = None


def _bullets(items: list[str], limit: int = LIST_LIMIT) -> list[str]:
    lines = [f"- {item}" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"- … and {len(items) - limit} more")
    return lines


def change_lines(changes: Changes) -> list[str]:
    """Plain-text lines for the console (also the body of the markdown section)."""
    if changes.unavailable:
        return [changes.unavailable]
    if changes.prior_origin is None:
        return ["First build here: nothing earlier to compare with."]
    basis = "the state recorded after the last refresh (data/history)"
    lines = [
        f"Compared with {basis}: {len(changes.new_models)} new models, "
        f"{len(changes.entered_list)} entered the list, {len(changes.left_list)} left it, "
        f"{len(changes.changed)} estimates changed, {len(changes.candidates)} new candidates."
    ]
    if changes.renamed:
        lines.append(
            f"Renamed ids: {len(changes.renamed)} (each now a build of another model; "
            "overrides written with it apply to that model)."
        )
    return lines


def render_markdown(inputs: SummaryInputs, *, when: datetime) -> str:
    lines = [f"# Refresh summary, {when.strftime('%Y-%m-%d %H:%M')} UTC", ""]
    sample_sources = [f.source for f in inputs.fetch if f.is_sample]
    if sample_sources:
        lines += [
            f"> **SAMPLE DATA** in use for: {', '.join(sample_sources)}. These are small "
            "hand-made files from `data/sample/`, not real figures.",
            "",
        ]
    if not inputs.build_ok:
        lines += ["> **dbt build FAILED**: exports and reports were not updated.", ""]
    if inputs.unchanged_since is not None:
        since = inputs.unchanged_since.strftime("%Y-%m-%d %H:%M")
        lines += [
            f"**No new data since {since} UTC; nothing rebuilt.** Checked at "
            f"{when.strftime('%Y-%m-%d %H:%M')} UTC: what was fetched and the source "
            "freshness are this check's; the models, exports, charts and validation report "
            "are those of that build.",
            "",
        ]
    lines += ["## Fetched", "", "| source | result |", "|---|---|"]
    lines += [f"| {f.source} | {md_cell(f.describe())} |" for f in inputs.fetch]
    lines.append("")
    if inputs.counts:
        lines += [
            "## Models",
            "",
            "{seen} seen, {estimated} estimated: {above} above 1e25, {uncertain} uncertain, "
            "{below} below; **{published} in the published list**.".format(**inputs.counts),
            "",
        ]
        unestimated = inputs.counts["seen"] - inputs.counts["estimated"]
        if unestimated:
            lines += [
                f"{unestimated} seen without an estimate: no published figure, rating or size "
                "that a method can use, so no class. They are missing from the list, not "
                "below the line (`marts.models` where `training_compute_flop` is null).",
                "",
            ]
        sighted = inputs.counts.get("published_sighted")
        if sighted:
            lines += [
                f"{sighted} of the published list's dates are a first sighting in a source, "
                "not an announced date: the model existed by then "
                "(`publication_date_source` says where it was seen).",
                "",
            ]
    changes = inputs.changes
    lines += ["## What changed", ""] + change_lines(changes) + [""]
    sections = [
        ("New models", [f"{md_cell(m.model_name)} (`{m.model_id}`)" for m in changes.new_models]),
        (
            "New candidates (new, and above or uncertain, or not yet estimated)",
            [_state_text(m) for m in changes.candidates],
        ),
        ("Entered the published list", [_state_text(m) for m in changes.entered_list]),
        ("Left the published list", [_state_text(m) for m in changes.left_list]),
        (
            "Renamed: folded into another model by the identity rules",
            [
                f"{md_cell(m.model_name)} (`{m.model_id}`) is now a build of `{target}`"
                for m, target in changes.renamed
            ],
        ),
        ("Changed estimates (largest change first)", [c.describe() for c in changes.changed]),
    ]
    if inputs.review_candidates:
        sections.append(
            (
                "Candidates in the review queue",
                [
                    f"{md_cell(row['model_name'])} (`{row['model_id']}`): "
                    f"{md_cell(row['review_detail'])}"
                    for row in inputs.review_candidates
                ],
            )
        )
    for title, items in sections:
        if items:
            lines += [f"### {title}", ""] + _bullets(items) + [""]
    lines += ["## Source freshness", ""]
    if inputs.freshness is None:
        lines += ["Not checked in this run (the freshness check did not run).", ""]
    elif not inputs.freshness:
        lines += ["No freshness results (no source declares a `freshness:` rule).", ""]
    else:
        stale = [f for f in inputs.freshness if f.is_stale and not f.is_sample]
        on_sample = [f for f in inputs.freshness if f.is_sample]
        lines += [
            f"**Stale:** {', '.join(f.source for f in stale)}." if stale else "No stale source.",
            "",
        ]
        if on_sample:
            lines += [
                f"**On SAMPLE data (not current):** {', '.join(f.source for f in on_sample)}.",
                "",
            ]
        sample_dates = {
            f.source: f.captured_at.date().isoformat() if f.captured_at else "undated"
            for f in inputs.fetch
            if f.is_sample
        }
        lines += _bullets(
            [
                f.line()
                + (
                    f" (dated {sample_dates[f.source]}: not real, not current)"
                    if f.is_sample and f.source in sample_dates
                    else ""
                )
                for f in inputs.freshness
            ],
            limit=50,
        ) + [""]
    if inputs.outputs:
        lines += ["## Outputs", ""] + _bullets(inputs.outputs, limit=50) + [""]
    if inputs.problems:
        lines += ["## Problems", ""] + _bullets(inputs.problems, limit=50) + [""]
    return "\n".join(lines)


def console_lines(inputs: SummaryInputs, latest_path: Path | None) -> list[str]:
    """Lines printed after the refresh's own summary (which already lists the sources)."""
    lines = ["Changes: " + " ".join(change_lines(inputs.changes))]
    if inputs.changes.candidates:
        names = ", ".join(m.model_name for m in inputs.changes.candidates[:10])
        lines.append(f"New candidates: {names}")
    if inputs.freshness:
        stale = [f for f in inputs.freshness if f.is_stale]
        lines.append(
            "Freshness: " + ("; ".join(f.line() for f in stale) if stale else "no stale source")
        )
    for problem in inputs.problems:
        lines.append(f"Outputs: PROBLEM: {problem}")
    if latest_path is not None:
        lines.append(f"Outputs: {len(inputs.outputs)} files written; summary in {latest_path}")
    return lines


def _state_text(model: ModelState) -> str:
    estimate = flop(model.training_compute_flop) or "no estimate"
    cls = f", {model.threshold_class}" if model.threshold_class else ""
    return f"{md_cell(model.model_name)} (`{model.model_id}`): {estimate}{cls}"
