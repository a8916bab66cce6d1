"""What the warned data tests found, kept for people: ``raw.data_test_findings``.

Data tests over what the sources say warn instead of failing the build (dbt_project.yml):
one odd row a source published must not stop a refresh. A warning nobody reads is a
silent error, so after each ``dbt build`` of a refresh this module reads dbt's
``run_results.json`` (and ``manifest.json``, for what each test checks) and replaces the
table's rows with this build's warnings: the test, the model it checks, how many rows
fail, and a query that lists them. ``stg_ingest__data_test_findings`` reads the table
and ``marts.review_queue`` queues each finding (reason ``data_test_warned``). The queue
was built before the tests ran, so the refresh rebuilds it (``dbt build -s
review_queue``) when the findings changed (docs/reliability.md, "Numbers that parse but
are impossible").
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.config import REPO_ROOT, Settings

TABLE = "raw.data_test_findings"
DDL = f"""
create table if not exists {TABLE} (
    built_at timestamp not null,
    invocation_id varchar not null,
    test_name varchar not null,
    test_kind varchar not null,
    tested_model varchar,
    column_name varchar,
    failures bigint not null,
    message varchar,
    failing_rows_sql varchar
);
"""
COLUMNS = (
    "built_at",
    "invocation_id",
    "test_name",
    "test_kind",
    "tested_model",
    "column_name",
    "failures",
    "message",
    "failing_rows_sql",
)
PLACEHOLDERS = ", ".join("?" * len(COLUMNS))


@dataclass(frozen=True)
class Finding:
    test_name: str
    test_kind: str
    tested_model: str | None
    column_name: str | None
    failures: int
    message: str | None
    failing_rows_sql: str | None


def target_path() -> Path:
    """dbt's target folder: $DBT_TARGET_PATH (relative to the project), else target/."""
    path = Path(os.environ.get("DBT_TARGET_PATH") or "target")
    return path if path.is_absolute() else REPO_ROOT / path


def _without_database(sql: str | None, db_path: Path) -> str | None:
    """The compiled query names the build file's database ("warehouse"."staging"...);
    without it the query runs on any copy (warehouse.published.duckdb)."""
    if not sql:
        return None
    return sql.replace(f'"{db_path.stem}".', "").strip()


def read_findings(target: Path, db_path: Path) -> tuple[str, datetime, list[Finding]] | None:
    """This build's warned tests, from dbt's artifacts; None when they are missing or
    unreadable (dbt stopped before running anything: there is nothing to replace)."""
    try:
        results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    metadata = results.get("metadata") or {}
    invocation_id = str(metadata.get("invocation_id") or "")
    started = metadata.get("invocation_started_at") or metadata.get("generated_at")
    try:
        built_at = datetime.fromisoformat(str(started).replace("Z", "+00:00"))
    except ValueError:
        built_at = datetime.now(UTC)
    nodes = manifest.get("nodes") or {}
    findings = []
    for result in results.get("results") or []:
        unique_id = str(result.get("unique_id") or "")
        if result.get("status") != "warn" or not unique_id.startswith("test."):
            continue
        node = nodes.get(unique_id) or {}
        attached = node.get("attached_node") or ""
        metadata = node.get("test_metadata") or {}
        findings.append(
            Finding(
                test_name=str(node.get("name") or unique_id.split(".")[-2]),
                test_kind=str(metadata.get("name") or "singular"),
                tested_model=attached.split(".")[-1] if attached else None,
                column_name=node.get("column_name"),
                failures=int(result.get("failures") or 0),
                message=result.get("message"),
                failing_rows_sql=_without_database(result.get("compiled_code"), db_path),
            )
        )
    findings.sort(key=lambda finding: finding.test_name)
    return invocation_id, built_at.astimezone(UTC).replace(tzinfo=None), findings


def record_after_build(settings: Settings, target: Path | None = None) -> bool:
    """Replace raw.data_test_findings with this build's warnings. True when the review
    queue must be rebuilt to show them: there are findings now, or there were before."""
    read = read_findings(target or target_path(), settings.db_path)
    if read is None:
        return False
    invocation_id, built_at, findings = read
    try:
        con = duckdb.connect(str(settings.db_path))
    except duckdb.Error as exc:
        print(f"  data-test warnings NOT recorded: {exc}", file=sys.stderr)
        return False
    try:
        con.execute(DDL)
        (before,) = con.execute(f"select count(*) from {TABLE}").fetchone()
        con.execute("begin transaction")
        con.execute(f"delete from {TABLE}")
        if findings:
            con.executemany(
                f"insert into {TABLE} ({', '.join(COLUMNS)}) values ({PLACEHOLDERS})",
                [
                    [
                        built_at,
                        invocation_id,
                        f.test_name,
                        f.test_kind,
                        f.tested_model,
                        f.column_name,
                        f.failures,
                        f.message,
                        f.failing_rows_sql,
                    ]
                    for f in findings
                ],
            )
        con.execute("commit")
    finally:
        con.close()
    for finding in findings:
        where = finding.tested_model or "?"
        print(
            f"  data test warned: {finding.test_name} on {where}, failing rows: "
            f"{finding.failures} (listed first in marts.review_queue)",
            flush=True,
        )
    return bool(findings) or before > 0
