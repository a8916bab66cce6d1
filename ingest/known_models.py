"""The model ids an override may point at, for the overrides validator.

From the warehouse's ``marts.models`` when a build exists (every model any source ever
mentioned, so a model that left the newest captures stays known); read-only, through a
temporary copy when a refresh holds the file. With no warehouse yet, from the seeds
(``known_model_specs``, ``model_aliases``) and the LMArena sample, normalized by the same
``normalize_model_name`` macro dbt uses: an incomplete list, so the validator then only
warns about an unknown id and leaves the final word to ``dbt build``'s seed tests.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from ingest.config import REPO_ROOT, SAMPLE_DIR, Settings
from ingest.publish import published_path


@dataclass(frozen=True)
class KnownModel:
    model_id: str
    model_name: str | None = None
    organization: str | None = None
    first_seen_on: date | None = None
    # False for a model that exists only because an `add` override created it.
    has_source: bool = True


@dataclass
class KnownModels:
    models: dict[str, KnownModel]
    origin: str
    # True when read from a built warehouse: then an unknown id is surely a mistake.
    is_complete: bool
    aliases: dict[str, str] = field(default_factory=dict)
    # An id a person may still write that now resolves to another model: a retired id (a
    # model the identity rules folded into another) or a build's spelling -> that model.
    retired: dict[str, str] = field(default_factory=dict)
    organizations: dict[str, str] = field(default_factory=dict)
    # model_id -> [(estimation_method, training_compute_flop)]: the automated estimates of
    # the last published build (marts.model_estimates), to catch an override far from all.
    estimates: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    estimates_origin: str = "no build"

    def __contains__(self, model_id: str) -> bool:
        return model_id in self.models

    def get(self, model_id: str) -> KnownModel | None:
        return self.models.get(model_id)


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)
        ]


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _organizations(seeds_dir: Path) -> dict[str, str]:
    """Lower-cased alias or canonical name -> canonical organization name."""
    names: dict[str, str] = {}
    for row in _read_csv(seeds_dir / "organizations.csv"):
        canonical = row.get("organization", "")
        if canonical:
            names[canonical.lower()] = canonical
            if row.get("organization_alias"):
                names[row["organization_alias"].lower()] = canonical
    return names


def _aliases(seeds_dir: Path) -> dict[str, str]:
    """Slug -> model_id for the identity rules that list plain slugs (``a|b``)."""
    aliases: dict[str, str] = {}
    for row in _read_csv(seeds_dir / "model_identity_rules.csv"):
        pattern, model_id = row.get("pattern") or "", row.get("model_id") or ""
        if model_id and re.fullmatch(r"[a-z0-9|-]+", pattern):
            for slug in pattern.split("|"):
                aliases.setdefault(slug, model_id)
    return aliases


def identity_sql(expr: str, *, strip_builds: bool = True) -> str:
    """The SQL of dbt's identity macros applied to ``expr``, rendered from the macro file
    (one definition for dbt and Python): the name's slug (``normalize_model_name``) and,
    unless ``strip_builds`` is false, with its build markers removed
    (``strip_build_suffixes``)."""
    from jinja2 import Environment

    macro = (REPO_ROOT / "macros" / "normalize_model_name.sql").read_text(encoding="utf-8")
    call = (
        "{{ strip_build_suffixes(normalize_model_name(expr)) }}"
        if strip_builds
        else "{{ normalize_model_name(expr) }}"
    )
    return Environment().from_string(macro + call).render(expr=expr).strip()


def normalize_sql(expr: str) -> str:
    """``identity_sql`` with the build markers stripped: the model a name resolves to
    before the identity rules."""
    return identity_sql(expr)


def _sample_models() -> set[str]:
    """Models named in the LMArena sample (its parquet has a ``model_name`` column)."""
    files = sorted((SAMPLE_DIR / "lmarena").glob("*.parquet"))
    if not files:
        return set()
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"select distinct {normalize_sql('model_name')} from read_parquet(?)",
            [[str(path) for path in files]],
        ).fetchall()
    except duckdb.Error:
        return set()
    finally:
        con.close()
    return {row[0] for row in rows if row[0]}


def from_seeds(seeds_dir: Path) -> KnownModels:
    aliases = _aliases(seeds_dir)
    resolved = {aliases.get(model_id, model_id) for model_id in _sample_models()}
    models = {model_id: KnownModel(model_id) for model_id in resolved | set(aliases.values())}
    for row in _read_csv(seeds_dir / "known_model_specs.csv"):
        if row.get("model_id"):
            models[row["model_id"]] = KnownModel(
                row["model_id"],
                row.get("model_name") or None,
                row.get("organization") or None,
                _as_date(row.get("publication_date")),
            )
    return KnownModels(
        models,
        origin="the seeds and samples only (no warehouse built yet)",
        is_complete=False,
        aliases=aliases,
        organizations=_organizations(seeds_dir),
    )


def _open_read_only(db_path: Path) -> tuple[duckdb.DuckDBPyConnection, Path | None]:
    """A read-only connection; through a temporary copy when another process holds the
    file (a refresh in progress). Returns the connection and the copy's folder, if any."""
    try:
        return duckdb.connect(str(db_path), read_only=True), None
    except duckdb.Error:  # held by a running refresh (another process's write lock)
        folder = Path(tempfile.mkdtemp(prefix="overrides-known-"))
        try:
            copy = folder / db_path.name
            shutil.copyfile(db_path, copy)
            wal = Path(str(db_path) + ".wal")
            if wal.exists():
                shutil.copyfile(wal, Path(str(copy) + ".wal"))
            return duckdb.connect(str(copy), read_only=True), folder
        except BaseException:
            # A copy taken while the refresh writes may not open: never left behind (each
            # is the size of the warehouse).
            shutil.rmtree(folder, ignore_errors=True)
            raise


def _query_read_only(db_path: Path, sql: str) -> list[tuple] | None:
    """The rows of ``sql`` on the warehouse, read-only (through a copy while a refresh
    holds it); None when there is no file, it cannot be opened, or the query fails (a
    build that predates the table)."""
    if not db_path.exists():
        return None
    try:
        con, folder = _open_read_only(db_path)
    except (duckdb.Error, OSError):
        return None
    try:
        return con.execute(sql).fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def from_warehouse(db_path: Path) -> dict[str, KnownModel] | None:
    """Every model of ``marts.models``, or None when there is no usable build."""
    rows = _query_read_only(
        db_path,
        """
        select model_id, model_name, organization, first_seen_at, len(source_names) > 0
        from marts.models
        """,
    )
    if rows is None:
        return None
    return {
        row[0]: KnownModel(row[0], row[1], row[2], _as_date(row[3]), bool(row[4]))
        for row in rows
        if row[0]
    }


def retired_from_warehouse(db_path: Path) -> dict[str, str]:
    """Retired ids and builds' spellings -> the model they resolve to now, from the build's
    ``intermediate.int_model_ids_collected`` (empty for a build that predates it)."""
    rows = _query_read_only(
        db_path,
        "select known_id, model_id from intermediate.int_model_ids_collected "
        "where is_retired_or_build",
    )
    return {known_id: model_id for known_id, model_id in rows or [] if known_id and model_id}


def published_copy(db_path: Path) -> Path:
    """The analysts' published copy beside the build file (ingest.publish names it)."""
    return published_path(Settings(db_path=db_path, data_dir=db_path.parent))


def estimates_from(db_path: Path) -> dict[str, list[tuple[str, float]]] | None:
    """Every automated estimate of ``marts.model_estimates``, or None without one."""
    rows = _query_read_only(
        db_path,
        """
        select model_id, estimation_method, training_compute_flop
        from marts.model_estimates
        where training_compute_flop > 0 and isfinite(training_compute_flop)
        order by model_id, training_compute_flop
        """,
    )
    if rows is None:
        return None
    estimates: dict[str, list[tuple[str, float]]] = {}
    for model_id, method, flop in rows:
        estimates.setdefault(model_id, []).append((method, float(flop)))
    return estimates


def _estimates(db_path: Path) -> tuple[dict[str, list[tuple[str, float]]], str]:
    """The last published copy's estimates; else the build file's; else none."""
    candidates = ((published_copy(db_path), "the published copy"), (db_path, "the build"))
    for candidate, name in candidates:
        found = estimates_from(candidate)
        if found is not None:
            return found, f"{name} {candidate.name}"
    return {}, "no build"


def load(db_path: Path, seeds_dir: Path) -> KnownModels:
    from_build = from_warehouse(db_path)
    estimates, estimates_origin = _estimates(db_path)
    if from_build is None:
        known = from_seeds(seeds_dir)
        known.estimates, known.estimates_origin = estimates, estimates_origin
        return known
    return KnownModels(
        from_build,
        origin=f"the warehouse {db_path}",
        is_complete=True,
        aliases=_aliases(seeds_dir),
        retired=retired_from_warehouse(db_path),
        organizations=_organizations(seeds_dir),
        estimates=estimates,
        estimates_origin=estimates_origin,
    )
