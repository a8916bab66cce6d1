"""Reads the validation report's inputs from the warehouse.

Epoch's rows come, in order of preference, from the validation branch of the dbt graph
(``int_epoch_models_matched``: Epoch names already matched to our ``model_id``s), else from
the epoch staging model, matched here with the project's own ``normalize_model_name``
macro (rendered from macros/) and the alias seed, the same rule the graph uses.
Column names are looked up from a short list of candidates, so a renamed column in the
validation branch degrades to "not matched" rather than a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from ingest.known_models import normalize_sql
from ingest.outputs import db
from ingest.outputs.validation import EpochModel, MethodEstimate, OurModel, ReportContext

NAME_COLUMNS = ("epoch_model_name", "epoch_model", "model_name", "model")
ORGANIZATION_COLUMNS = ("epoch_organization", "organization")
DATE_COLUMNS = ("epoch_publication_date", "publication_date")
COMPUTE_COLUMNS = ("epoch_training_compute_flop", "training_compute_flop")
CONFIDENCE_COLUMNS = ("epoch_confidence", "confidence")
MODEL_ID_COLUMNS = ("model_id", "matched_model_id")


@dataclass(frozen=True)
class Relation:
    schema: str
    name: str
    columns: list[str]

    @property
    def sql(self) -> str:
        return f"{db.quote(self.schema)}.{db.quote(self.name)}"

    def pick(self, candidates: tuple[str, ...]) -> str | None:
        return next((c for c in candidates if c in self.columns), None)


def _find(con: duckdb.DuckDBPyConnection, pattern: str) -> Relation | None:
    rows = db.records(
        con,
        """
        select table_schema, table_name
        from information_schema.tables
        where table_name like ? and table_schema in ('intermediate', 'staging', 'marts')
        order by table_schema, table_name
        """,
        [pattern],
    )
    for row in rows:
        relation = Relation(
            row["table_schema"],
            row["table_name"],
            db.columns_of(con, row["table_schema"], row["table_name"]),
        )
        if relation.pick(NAME_COLUMNS) and relation.pick(COMPUTE_COLUMNS):
            return relation
    return None


def _column(relation: Relation, candidates: tuple[str, ...], cast: str) -> str:
    column = relation.pick(candidates)
    return f"try_cast({db.quote(column)} as {cast})" if column else f"cast(null as {cast})"


def _epoch_select(relation: Relation, model_id_sql: str, joins: str = "") -> str:
    name = relation.pick(NAME_COLUMNS)
    return f"""
        select
            cast(epoch.{db.quote(name or "")} as varchar) as epoch_model,
            {_column(relation, ORGANIZATION_COLUMNS, "varchar")} as organization,
            {_column(relation, DATE_COLUMNS, "date")} as publication_date,
            {_column(relation, COMPUTE_COLUMNS, "double")} as training_compute_flop,
            {_column(relation, CONFIDENCE_COLUMNS, "varchar")} as confidence,
            {model_id_sql} as model_id
        from {relation.sql} as epoch
        {joins}
        order by epoch_model, publication_date
    """


@dataclass(frozen=True)
class EpochData:
    rows: list[EpochModel]
    matching: str  # how Epoch's names were matched to ours
    is_sample: bool | None  # None: the relation does not say
    captured: date | None


def _provenance(
    con: duckdb.DuckDBPyConnection, relation: Relation
) -> tuple[bool | None, date | None]:
    """Whether the Epoch rows in use are the sample, and the newest capture date."""
    sample = "bool_and(is_sample)" if "is_sample" in relation.columns else "null"
    captured = "cast(max(captured_at) as date)" if "captured_at" in relation.columns else "null"
    row = con.execute(f"select {sample}, {captured} from {relation.sql}").fetchone()
    if not row:
        return None, None
    return (None if row[0] is None else bool(row[0])), row[1]


def epoch_models(con: duckdb.DuckDBPyConnection) -> EpochData:
    """Epoch's rows with our matched model_id, and how they were matched."""
    matched = _find(con, "int_epoch_models_matched") or _find(con, "%epoch%matched%")
    if matched is not None and matched.pick(MODEL_ID_COLUMNS):
        model_id = f"cast(epoch.{db.quote(matched.pick(MODEL_ID_COLUMNS) or '')} as varchar)"
        rows = db.records(con, _epoch_select(matched, model_id))
        how = f"by the validation branch of the dbt graph (`{matched.schema}.{matched.name}`)"
        relation = matched
    else:
        staged = _find(con, "stg_epoch%")
        if staged is None:
            return EpochData([], "not at all (no epoch relation in the warehouse)", None, None)
        name = db.quote(staged.pick(NAME_COLUMNS) or "")
        normalized = normalize_sql(f"epoch.{name}")
        joins = ""
        model_id = f"({normalized})"
        rows = db.records(con, _epoch_select(staged, model_id, joins))
        how = (
            f"here, from `{staged.schema}.{staged.name}`, with the `normalize_model_name` "
            "and `strip_build_suffixes` macros, without the identity rules (the validation "
            "branch was not built)"
        )
        relation = staged
    is_sample, captured = _provenance(con, relation) if rows else (None, None)
    return EpochData([EpochModel(**row) for row in rows], how, is_sample, captured)


def our_models(con: duckdb.DuckDBPyConnection) -> list[OurModel]:
    if not db.has_relation(con, "marts", "models"):
        return []
    published = db.is_published_predicate(con)
    rows = db.records(
        con,
        f"""
        select
            model_id,
            model_name,
            organization,
            publication_date,
            training_compute_flop,
            estimation_method,
            threshold_class,
            {published} as is_published
        from marts.models
        where not coalesce(is_excluded, false)
        order by model_id
        """,
    )
    return [OurModel(**row) for row in rows]


def method_estimates(con: duckdb.DuckDBPyConnection) -> list[MethodEstimate]:
    if not db.has_relation(con, "marts", "model_estimates"):
        return []
    rows = db.records(
        con,
        """
        select model_id, estimation_method, training_compute_flop, is_final_estimate as is_final
        from marts.model_estimates
        where training_compute_flop is not null
        order by model_id, estimation_method
        """,
    )
    return [MethodEstimate(**row) for row in rows]


def report_context(con: duckdb.DuckDBPyConnection, epoch: EpochData) -> ReportContext:
    epoch_is_sample, epoch_captured = epoch.is_sample, epoch.captured
    if epoch_is_sample is None and db.has_relation(con, "raw", "loaded_captures"):
        row = con.execute(
            "select is_sample, cast(captured_at as date) from raw.loaded_captures "
            "where source = 'epoch' order by is_sample asc, captured_at desc limit 1"
        ).fetchone()
        if row:
            epoch_is_sample, epoch_captured = bool(row[0]), epoch_captured or row[1]
    ours_is_sample = bool(
        db.has_relation(con, "marts", "models_above_1e25_flop")
        and "is_sample_data" in db.columns_of(con, "marts", "models_above_1e25_flop")
        and db.scalar(con, "select bool_or(is_sample_data) from marts.models_above_1e25_flop")
    )
    return ReportContext(
        epoch_loaded=bool(epoch.rows),
        epoch_is_sample=bool(epoch_is_sample),
        epoch_captured=epoch_captured,
        matching=epoch.matching,
        ours_is_sample=ours_is_sample,
    )
