"""Environment variables that send everything the tracker and dbt write into one temporary
folder: the warehouse, captures, exports, reports, point-in-time files, dbt's target and
logs. Tests that run the tracker or dbt as a subprocess use it, so none of them can touch
the user's warehouse.duckdb, data/, exports/ or reports/."""

from __future__ import annotations

from pathlib import Path


def temp_paths_env(root: Path) -> dict[str, str]:
    """The variables for a run whose every output lands under ``root``. The published
    copy follows the warehouse (warehouse.published.duckdb next to it) unless
    TRACKER_PUBLISHED_DB is set: callers that inherit os.environ drop that one."""
    return {
        "TRACKER_DB": str(root / "warehouse.duckdb"),
        "TRACKER_DATA_DIR": str(root / "data"),
        "TRACKER_EXPORTS_DIR": str(root / "exports"),
        "TRACKER_REPORTS_DIR": str(root / "reports"),
        "TRACKER_POINT_IN_TIME_DIR": str(root / "point_in_time"),
        "DBT_TARGET_PATH": str(root / "target"),
        "DBT_LOG_PATH": str(root / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
