"""``dbt source freshness``: which source has produced nothing new for too long.

Each source's yml declares ``loaded_at_field: _loaded_at`` and a ``freshness`` rule sized to
its usual cadence. A capture is loaded once, when its content is new, so the newest
``_loaded_at`` is when the source last produced something new. dbt writes the results to
``<target-path>/sources.json``; ``stale_sources`` reads them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.config import REPO_ROOT

# dbt's statuses, mildest first; a source takes the worst of its tables.
SEVERITY = {"pass": 0, "warn": 1, "error": 2, "runtime error": 3}
PERIOD_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class SourceFreshness:
    source: str
    status: str  # pass | warn | error | runtime error | not run
    age_days: float | None
    warn_after_days: float | None
    error_after_days: float | None
    message: str | None = None

    @property
    def is_stale(self) -> bool:
        return self.status in ("warn", "error")

    @property
    def has_no_data(self) -> bool:
        return self.status == "runtime error"

    def line(self) -> str:
        if self.has_no_data:
            return f"{self.source}: no data loaded yet ({self.message or 'freshness query failed'})"
        age = f"{self.age_days:.0f} days" if self.age_days is not None else "unknown age"
        rule = (
            f"usual cadence: warn after {self.warn_after_days:g} days"
            if self.warn_after_days is not None
            else "no rule"
        )
        if self.status == "pass":
            return f"{self.source}: fresh (newest new data {age} ago; {rule})"
        word = "STALE" if self.status == "warn" else "VERY STALE"
        return f"{self.source}: {word}: nothing new for {age} ({rule})"


def target_dir() -> Path:
    value = os.environ.get("DBT_TARGET_PATH", "target")
    path = Path(value)
    return path if path.is_absolute() else REPO_ROOT / path


def _days(criterion: dict | None) -> float | None:
    if not criterion or criterion.get("count") is None:
        return None
    return criterion["count"] * PERIOD_SECONDS.get(criterion.get("period", "day"), 86400) / 86400


def parse_results(document: dict) -> list[SourceFreshness]:
    """One row per source (worst table wins) from dbt's sources.json."""
    per_source: dict[str, SourceFreshness] = {}
    for result in document.get("results", []):
        parts = result.get("unique_id", "").split(".")
        source = parts[2] if len(parts) >= 4 else result.get("unique_id", "?")
        status = result.get("status", "runtime error")
        criteria = result.get("criteria") or {}
        seconds = result.get("max_loaded_at_time_ago_in_s")
        message = result.get("message")
        if message:
            message = message.strip().splitlines()[0][:160]
        current = SourceFreshness(
            source=source,
            status=status,
            age_days=seconds / 86400 if seconds is not None else None,
            warn_after_days=_days(criteria.get("warn_after")),
            error_after_days=_days(criteria.get("error_after")),
            message=message,
        )
        previous = per_source.get(source)
        if previous is None or SEVERITY.get(status, 3) > SEVERITY.get(previous.status, 3):
            per_source[source] = current
    return [per_source[name] for name in sorted(per_source)]


def read_results(path: Path) -> list[SourceFreshness]:
    try:
        return parse_results(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def run_freshness(run_dbt: Callable[[list[str]], int]) -> list[SourceFreshness]:
    """Run ``dbt source freshness`` through the caller's dbt runner and read its results.

    Its exit status is not a failure of the refresh: a stale source is reported, not fatal.
    """
    results = target_dir() / "sources.json"
    results.unlink(missing_ok=True)
    run_dbt(["source", "freshness"])
    return read_results(results)


def stale_sources(results: list[SourceFreshness]) -> list[SourceFreshness]:
    return [result for result in results if result.is_stale]
