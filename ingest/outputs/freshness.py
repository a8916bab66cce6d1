"""Source freshness: which source has produced nothing new for longer than its usual cadence.

Computed from the warehouse in one query, without a second dbt process: per source, the
fetch time of the newest real capture loaded (``raw.loaded_captures.captured_at``, the UTC
time in the capture's name ``<UTC>_<sha8>.<ext>``). A capture is archived only when its
content is new, so that is when the source last produced something new. Unlike
``_loaded_at`` it does not move when ``make rebuild`` reloads every capture at once. A
source with nothing but the committed sample loaded says so: sample data is never fresh.

The thresholds are the ``freshness:`` rules (``warn_after``, ``error_after``) of the
sources' yml files (``dbt_project/models/staging/<source>/_<source>__sources.yml``), read
here, so there is one definition. ``dbt source freshness`` reads the same rules but measures
``_loaded_at`` (when a capture was loaded, not fetched).

``tracker freshness`` (``make freshness``) prints the check for
``TRACKER_DB``; exit status 1 when a source is past its error rule or has no data.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import yaml

from ingest.config import REPO_ROOT, Settings
from ingest.outputs import db

MODELS_DIR = REPO_ROOT / "dbt_project" / "models"
SOURCES_YML = "**/_*__sources.yml"
PERIOD_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}
# pass | warn | error (past a rule) | sample (only sample data) | no data (nothing loaded)
NOT_FRESH = ("warn", "error", "sample", "no data")
# libyaml's safe loader when installed: the pure-Python one takes a quarter of a second
# over the sources' yml, which every refresh reads, also one that skips its build.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class FreshnessRule:
    warn_after_days: float | None
    error_after_days: float | None

    def status(self, age_days: float) -> str:
        """dbt's rule: past ``error_after`` is an error, else past ``warn_after`` a warning."""
        if self.error_after_days is not None and age_days > self.error_after_days:
            return "error"
        if self.warn_after_days is not None and age_days > self.warn_after_days:
            return "warn"
        return "pass"


@dataclass(frozen=True)
class SourceFreshness:
    source: str
    status: str  # pass | warn | error | sample | no data
    age_days: float | None
    warn_after_days: float | None
    error_after_days: float | None
    message: str | None = None
    fetched_at: datetime | None = None  # the newest real capture's fetch time (UTC)

    @property
    def is_stale(self) -> bool:
        """Not fresh: past a rule, on sample data only, or with no data at all."""
        return self.status in NOT_FRESH

    @property
    def has_no_data(self) -> bool:
        return self.status == "no data"

    @property
    def is_sample(self) -> bool:
        return self.status == "sample"

    def line(self) -> str:
        if self.has_no_data:
            return f"{self.source}: no data loaded yet" + (
                f" ({self.message})" if self.message else ""
            )
        if self.is_sample:
            return f"{self.source}: SAMPLE data only"
        age = _age(self.age_days)
        rule = (
            f"usual cadence: warn after {self.warn_after_days:g} days"
            if self.warn_after_days is not None
            else "no rule"
        )
        if self.status == "pass":
            return f"{self.source}: fresh (newest capture fetched {age} ago; {rule})"
        word = "STALE" if self.status == "warn" else "VERY STALE"
        return f"{self.source}: {word}: nothing new for {age} ({rule})"


def _age(days: float | None) -> str:
    if days is None:
        return "unknown age"
    if days < 1:
        return "less than a day"
    return "1 day" if round(days) == 1 else f"{days:.0f} days"


# -- the rules, from the sources' yml ----------------------------------------------------
def _days(criterion: Any) -> float | None:
    if not isinstance(criterion, dict) or criterion.get("count") is None:
        return None
    seconds = PERIOD_SECONDS.get(str(criterion.get("period", "day")), 86400)
    return float(criterion["count"]) * seconds / 86400


def _declared(node: dict) -> tuple[bool, Any]:
    """(whether a freshness rule is set here, the rule): ``freshness:`` or ``config:``."""
    config = node.get("config") if isinstance(node.get("config"), dict) else {}
    for holder in (config, node):
        if "freshness" in holder:
            return True, holder["freshness"]
    return False, None


def _rule(freshness: Any) -> FreshnessRule | None:
    if not isinstance(freshness, dict):
        return None  # `freshness: null` turns the check off
    rule = FreshnessRule(_days(freshness.get("warn_after")), _days(freshness.get("error_after")))
    return rule if rule != FreshnessRule(None, None) else None


def source_rule(source: dict) -> FreshnessRule | None:
    """A source's rule, as dbt applies it: a table's own rule replaces the source's, and the
    source takes its worst table (the same age is past the smallest threshold first)."""
    _, default = _declared(source)
    tables = [table for table in source.get("tables") or [] if isinstance(table, dict)]
    rules = []
    for table in tables or [{}]:
        declared, own = _declared(table)
        rule = _rule(own if declared else default)
        if rule is not None:
            rules.append(rule)
    if not rules:
        return None

    def smallest(values: list[float | None]) -> float | None:
        known = [value for value in values if value is not None]
        return min(known) if known else None

    return FreshnessRule(
        smallest([rule.warn_after_days for rule in rules]),
        smallest([rule.error_after_days for rule in rules]),
    )


def rules(models_dir: Path = MODELS_DIR) -> dict[str, FreshnessRule]:
    """Every source with a freshness rule in the sources' yml files, by source name."""
    found: dict[str, FreshnessRule] = {}
    for path in sorted(models_dir.glob(SOURCES_YML)):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
        for source in document.get("sources") or []:
            if isinstance(source, dict) and source.get("name"):
                rule = source_rule(source)
                if rule is not None:
                    found[str(source["name"])] = rule
    return found


# -- the check ------------------------------------------------------------------------------
def newest_captures(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[datetime | None, bool]]:
    """Per source: the fetch time of its newest real capture loaded (None if none), and
    whether sample data is loaded."""
    if not db.has_relation(con, "raw", "loaded_captures"):
        return {}
    rows = con.execute(
        """
        select
            source,
            max(captured_at) filter (where not is_sample),
            bool_or(is_sample)
        from raw.loaded_captures
        group by source
        """
    ).fetchall()
    return {source: (newest, bool(has_sample)) for source, newest, has_sample in rows}


def check(
    con: duckdb.DuckDBPyConnection,
    *,
    now: datetime | None = None,
    source_rules: dict[str, FreshnessRule] | None = None,
) -> list[SourceFreshness]:
    """One result per source with a rule, sorted by name."""
    source_rules = rules() if source_rules is None else source_rules
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    captures = newest_captures(con)
    results = []
    for source, rule in sorted(source_rules.items()):
        newest, has_sample = captures.get(source, (None, False))
        common = {
            "source": source,
            "warn_after_days": rule.warn_after_days,
            "error_after_days": rule.error_after_days,
        }
        if newest is None:
            status = "sample" if has_sample else "no data"
            results.append(SourceFreshness(status=status, age_days=None, **common))
            continue
        age_days = (now - newest).total_seconds() / 86400
        results.append(
            SourceFreshness(
                status=rule.status(age_days), age_days=age_days, fetched_at=newest, **common
            )
        )
    return results


def check_warehouse(db_path: Path, *, now: datetime | None = None) -> list[SourceFreshness]:
    """``check`` on the warehouse file, read-only; no results when it cannot be read."""
    try:
        with db.connect(db_path) as con:
            return check(con, now=now)
    except duckdb.Error:
        return []


def stale_sources(results: list[SourceFreshness]) -> list[SourceFreshness]:
    return [result for result in results if result.is_stale]


def main(argv: list[str] | None = None, prog: str = "python -m ingest.outputs.freshness") -> int:
    argparse.ArgumentParser(
        prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args(argv)
    settings = Settings.from_env()
    if not settings.db_path.exists():
        print(f"error: no warehouse at {settings.db_path}: run `make run` first", file=sys.stderr)
        return 1
    results = check_warehouse(settings.db_path)
    print(f"Source freshness in {settings.db_path} (newest capture fetched, per source):")
    for result in results:
        print("  " + result.line())
    if not results:
        print("  no results (no source declares a rule, or the warehouse cannot be read)")
    return 1 if any(r.status in ("error", "no data") for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
