"""What a ``dbt build`` depends on, hashed into one fingerprint: ``make run`` skips the
build when the fingerprint has not changed since the last successful refresh.

The inputs, each hashed on its own (so a refresh can say which one changed):

- ``captures``: the captures loaded (``raw.loaded_captures``: source, content hash, sample
  or not). Every raw table dbt reads is made of them, and loading the same content twice
  adds nothing, so a refresh that fetched nothing new leaves this input as it was;
- ``file:<path>``: every file dbt reads to build: ``dbt_project.yml``, ``profiles.yml``,
  ``packages.yml`` and ``dependencies.yml`` when present, everything under the model,
  snapshot, seed (the contractor's overrides included), macro and docs paths, and the
  ``.sql`` and ``.yml`` files under ``tests/`` (the singular and generic data tests; the
  pytest suite is not dbt's). ``analyses/`` is left out: ``dbt build`` does not run it;
- ``dbt args``: the build's command line (its selection, and vars when it passes any);
- ``env:<NAME>``: every environment variable the project reads with ``env_var('NAME'``
  in those files (hashed: the fingerprint never holds a value);
- ``version:<package>``: the installed dbt-core, dbt-adapters, dbt-duckdb and duckdb;
- ``history:<file>``: the history files dbt reads back
  (``$TRACKER_DATA_DIR/history/model_changes.csv``, ``published_list_versions.csv``), as
  they stand once the refresh has recorded its build's changes in them.

Not inputs, on purpose: ``raw.load_log`` and ``raw.rejected_rows`` (read only by staging
views, which show the current rows without a build), the ingest code (a capture once
loaded is never parsed again), and today's date (``macros/value_ranges.sql`` sets aside
publication dates more than a year ahead of it: a build a day later differs only for a
date within a day of that edge).

``raw.build_fingerprints`` keeps one row per build: written before dbt starts
(``succeeded`` false) and marked succeeded once the build, its outputs and the published
copy are all written. A refresh skips dbt only when the newest row succeeded with the same
fingerprint: a failed or interrupted build never counts as a match. Python owns ``raw``;
dbt never reads this table.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import duckdb

from ingest.config import REPO_ROOT, Settings

TABLE = "raw.build_fingerprints"
DDL = f"""
create schema if not exists raw;
create table if not exists {TABLE} (
    build_id varchar not null,
    fingerprint varchar not null,
    started_at timestamp not null,
    built_at timestamp,
    succeeded boolean not null,
    inputs json not null
);
"""
# The project whose files are hashed (tests point it at a copy).
PROJECT_ROOT = REPO_ROOT
PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "packages.yml", "dependencies.yml")
# Every file under these folders reaches the build (dbt_project.yml's *-paths).
PROJECT_FOLDERS = ("dbt_project", "seeds", "macros", "docs/dbt")
# Under test-paths dbt reads only these (tests/python and its fixtures are pytest's).
TEST_FOLDER = "tests"
TEST_SUFFIXES = frozenset((".sql", ".yml", ".yaml"))
PACKAGES = ("dbt-core", "dbt-adapters", "dbt-duckdb", "duckdb")
HISTORY_FILES = ("model_changes.csv", "published_list_versions.csv")
ENV_VAR = re.compile(rb"""env_var\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]""")
# Hidden files and folders are no part of the build: an editor's or a spreadsheet's lock
# file beside the overrides CSV (LibreOffice's `.~lock.manual_overrides.csv#`) must not
# make every refresh build while the contractor has the file open.
IGNORED_NAMES = frozenset(("__pycache__",))


@dataclass(frozen=True)
class Fingerprint:
    """The hash of each input, by name; ``digest`` is the hash of them all."""

    inputs: dict[str, str]

    @property
    def digest(self) -> str:
        return _sha256(json.dumps(sorted(self.inputs.items())).encode())

    def changed_since(self, earlier: Fingerprint) -> list[str]:
        """The inputs added, removed or changed since ``earlier``, by name."""
        names = set(self.inputs) | set(earlier.inputs)
        return sorted(n for n in names if self.inputs.get(n) != earlier.inputs.get(n))


@dataclass(frozen=True)
class LastBuild:
    fingerprint: Fingerprint
    digest: str
    started_at: datetime
    built_at: datetime | None
    succeeded: bool


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def project_files(root: Path | None = None) -> list[Path]:
    """Every file of the project that dbt reads to build, sorted, relative to ``root``."""
    root = root or PROJECT_ROOT
    found = [Path(name) for name in PROJECT_FILES if (root / name).is_file()]
    for folder in PROJECT_FOLDERS:
        found += _walk(root, folder, None)
    found += _walk(root, TEST_FOLDER, TEST_SUFFIXES)
    return sorted(found)


def _walk(root: Path, folder: str, suffixes: frozenset[str] | None) -> list[Path]:
    found = []
    for directory, subdirs, names in os.walk(root / folder):
        subdirs[:] = sorted(d for d in subdirs if not _ignored(d))
        for name in names:
            if _ignored(name) or (suffixes and Path(name).suffix not in suffixes):
                continue
            found.append((Path(directory) / name).relative_to(root))
    return found


def _ignored(name: str) -> bool:
    return name.startswith(".") or name in IGNORED_NAMES


def _file_inputs(root: Path) -> tuple[dict[str, str], set[str]]:
    """Each project file's hash, and the environment variables the files read."""
    inputs, env_names = {}, set()
    for relative in project_files(root):
        content = (root / relative).read_bytes()
        inputs[f"file:{relative.as_posix()}"] = _sha256(content)
        env_names.update(name.decode() for name in ENV_VAR.findall(content))
    return inputs, env_names


def _env_inputs(names: set[str]) -> dict[str, str]:
    return {
        f"env:{name}": _sha256(os.environ[name].encode()) if name in os.environ else "unset"
        for name in sorted(names)
    }


def _version_inputs() -> dict[str, str]:
    versions = {}
    for package in PACKAGES:
        try:
            versions[f"version:{package}"] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[f"version:{package}"] = "not installed"
    return versions


def history_inputs(settings: Settings) -> dict[str, str]:
    folder = settings.data_dir / "history"
    return {
        f"history:{name}": _file_hash(folder / name) if (folder / name).is_file() else "absent"
        for name in HISTORY_FILES
    }


def captures_input(con: duckdb.DuckDBPyConnection) -> str:
    """The hash of the set of captures loaded (empty when nothing was ever loaded)."""
    try:
        rows = con.execute(
            "select source, capture_sha256, is_sample from raw.loaded_captures "
            "order by source, capture_sha256, is_sample"
        ).fetchall()
    except duckdb.CatalogException:
        rows = []
    return _sha256(json.dumps(rows).encode())


def compute(
    settings: Settings,
    dbt_args: list[str],
    con: duckdb.DuckDBPyConnection,
    root: Path | None = None,
) -> Fingerprint:
    """The fingerprint of the build ``dbt_args`` would run now, over the warehouse ``con``."""
    files, env_names = _file_inputs(root or PROJECT_ROOT)
    return Fingerprint(
        {
            "captures": captures_input(con),
            "dbt args": _sha256(json.dumps(dbt_args).encode()),
            **files,
            **_env_inputs(env_names),
            **_version_inputs(),
            **history_inputs(settings),
        }
    )


def last_build(con: duckdb.DuckDBPyConnection) -> LastBuild | None:
    """The newest build recorded in the warehouse (succeeded or not), or None."""
    try:
        row = con.execute(
            f"select fingerprint, started_at, built_at, succeeded, inputs from {TABLE} "
            "order by started_at desc limit 1"
        ).fetchone()
    except duckdb.CatalogException:
        return None
    if row is None:
        return None
    digest, started_at, built_at, succeeded, inputs = row
    return LastBuild(Fingerprint(json.loads(inputs)), digest, started_at, built_at, succeeded)


def unchanged_since(
    current: Fingerprint, last: LastBuild | None
) -> tuple[datetime | None, list[str]]:
    """(when the matching build ended, []) when ``current`` matches the last successful
    build; else (None, what changed: input names, or why there is nothing to match)."""
    if last is None:
        return None, ["no build recorded in this warehouse"]
    if not last.succeeded:
        return None, ["the last build did not succeed"]
    changed = current.changed_since(last.fingerprint)
    if changed or current.digest != last.digest:
        return None, changed or ["the fingerprint"]
    return last.built_at or last.started_at, []


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def record_attempt(con: duckdb.DuckDBPyConnection, fingerprint: Fingerprint) -> str:
    """Before dbt starts: a row that counts as a failure until ``record_success``."""
    con.execute(DDL)
    build_id = uuid.uuid4().hex
    con.execute(
        f"insert into {TABLE} values (?, ?, ?, null, false, ?)",
        [build_id, fingerprint.digest, _now(), json.dumps(fingerprint.inputs, sort_keys=True)],
    )
    return build_id


def record_success(
    con: duckdb.DuckDBPyConnection, build_id: str, fingerprint: Fingerprint, settings: Settings
) -> None:
    """After the build, its outputs and the published copy: the build succeeded. The
    history files are hashed again, as the refresh left them for the next build."""
    final = Fingerprint({**fingerprint.inputs, **history_inputs(settings)})
    con.execute(
        f"update {TABLE} set fingerprint = ?, inputs = ?, built_at = ?, succeeded = true "
        "where build_id = ?",
        [final.digest, json.dumps(final.inputs, sort_keys=True), _now(), build_id],
    )


def describe_changes(changed: list[str], limit: int = 5) -> str:
    """``changed`` in words for the console: the first few input names, then a count."""
    shown = ", ".join(name.removeprefix("file:") for name in changed[:limit])
    more = len(changed) - limit
    return shown + (f" and {more} more" if more > 0 else "")
