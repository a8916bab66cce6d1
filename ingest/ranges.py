"""Plausible ranges for every numeric field of every source, declared once.

A source can publish a number that parses but is wrong: an LMArena rating of 5000, a
Wikipedia cell ``1e400`` (infinity), ``-405`` billion parameters. Such a value must never
reach the warehouse, where it would publish a model at 1e52 FLOP or make every later
build fail on a cast. Every parsed row passes :func:`screen` before it is loaded
(``ingest.warehouse.Warehouse.load``), so no source can skip it:

- a value that is not finite, or outside its range, is either the row's reason to be
  rejected (``on_bad = "reject"``: the row is useless without it, e.g. a rating), or it is
  loaded as NULL and the row kept (``on_bad = "null"``); both land in
  ``raw.rejected_rows`` with the value and the range, so nothing is dropped silently.
- dbt staging applies the same ranges again (``macros/value_ranges.sql``, generated from
  this module by ``tracker ranges --write-macro``; a test keeps it current), so a
  row loaded by an older version of this code, before a range existed, cannot break a
  build either.

docs/reliability.md shows the table (``tracker ranges --markdown`` prints it).
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from ingest.sources.base import ParseResult, Rejected
from ingest.sources.huggingface.config import CONFIG_KEYS

# Dates may lie this far ahead of the day of the load (a release announced for next month).
DAYS_AHEAD = 366
MACRO_PATH = Path(__file__).resolve().parent.parent / "macros" / "value_ranges.sql"


@dataclass(frozen=True)
class Range:
    """``low <= value <= high``. Dates: ISO text, ``high`` None = today + DAYS_AHEAD."""

    low: float | str
    high: float | str | None
    unit: str
    on_bad: str = "null"  # "null": load the row with NULL here; "reject": reject the row
    kind: str = "number"  # number | date | timestamp | unix_seconds | text_number

    def contains(self, value: Any) -> bool:
        if self.kind in ("date", "timestamp"):
            day = _as_date(value)
            return day is not None and _as_date(self.low) <= day <= self.high_date()
        number = _as_number(value)
        if number is None or not math.isfinite(number):
            return False
        if self.kind == "unix_seconds":
            moment = datetime.fromtimestamp(number, UTC).date() if abs(number) < 1e11 else None
            return moment is not None and _as_date(self.low) <= moment <= self.high_date()
        return float(self.low) <= number <= float(self.high)  # type: ignore[arg-type]

    def high_date(self) -> date:
        if self.high is None:
            return _today() + timedelta(days=DAYS_AHEAD)
        return date.fromisoformat(str(self.high))

    def describe(self) -> str:
        if self.kind in ("date", "timestamp", "unix_seconds"):
            high = self.high or f"today + {DAYS_AHEAD} days"
            return f"{self.low} .. {high}"
        return f"{_fmt(self.low)} .. {_fmt(self.high)}"


_today_read: tuple[float, date] = (float("-inf"), date.min)


def _today() -> date:
    """Today's UTC date, read from the clock at most once a second: the screen asks for
    every dated row of a load (a million for a large Hugging Face listing)."""
    global _today_read
    now = time.monotonic()
    if now - _today_read[0] > 1:
        _today_read = (now, datetime.now(UTC).date())
    return _today_read[1]


def _fmt(value: float | str | None) -> str:
    number = float(value)  # type: ignore[arg-type]
    if number != 0 and (abs(number) >= 1e5 or abs(number) < 1e-3):
        return f"{number:.0e}".replace("e+", "e")
    return f"{number:g}"


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


PARAMETERS = Range(1e5, 1e14, "parameters (100 thousand .. 100 trillion)")
TOKENS = Range(1e6, 1e16, "tokens")
FLOP = Range(1e15, 1e30, "FLOP")
MODEL_DATE = Range("2010-01-01", None, "date")
CONFIG_SIZE = Range(0, 1e8, "count from config.json")

# (source, raw table entity, column) -> range. Text columns that hold numbers (prices)
# are checked when they parse as a number; text that does not parse is left to staging's
# try_cast, which makes it NULL.
RANGES: dict[tuple[str, str, str], Range] = {
    # LMArena: Bradley-Terry ratings on the Elo scale (about 800..1550 since 2023).
    ("lmarena", "ratings", "rating"): Range(500, 2000, "rating (Elo scale)", on_bad="reject"),
    ("lmarena", "ratings", "rating_lower"): Range(500, 2000, "rating (Elo scale)"),
    ("lmarena", "ratings", "rating_upper"): Range(500, 2000, "rating (Elo scale)"),
    ("lmarena", "ratings", "variance"): Range(0, 10000, "rating points squared"),
    ("lmarena", "ratings", "vote_count"): Range(0, 1e9, "votes"),
    ("lmarena", "ratings", "rank"): Range(1, 100000, "rank"),
    ("lmarena", "ratings", "leaderboard_publish_date"): Range(
        "2023-01-01", None, "date", on_bad="reject", kind="date"
    ),
    # OpenRouter: listing time, context window, USD per token (text; -1 means variable).
    ("openrouter", "models", "created"): Range(
        "2020-01-01", None, "unix seconds", on_bad="reject", kind="unix_seconds"
    ),
    ("openrouter", "models", "context_length"): Range(1, 1e9, "tokens"),
    ("openrouter", "models", "pricing_prompt"): Range(-1, 1, "USD per token", kind="text_number"),
    ("openrouter", "models", "pricing_completion"): Range(
        -1, 1, "USD per token", kind="text_number"
    ),
    # Hugging Face: Hub model info and config.json sizes.
    ("huggingface", "models", "status"): Range(100, 599, "HTTP status", on_bad="reject"),
    ("huggingface", "models", "created_at"): Range("2016-01-01", None, "date", kind="timestamp"),
    ("huggingface", "models", "safetensors_total"): PARAMETERS,
    ("huggingface", "models", "dominant_dtype_parameters"): PARAMETERS,
    ("huggingface", "configs", "status"): Range(100, 599, "HTTP status", on_bad="reject"),
    ("huggingface", "configs", "mlp_only_layer_count"): Range(0, 100000, "layers"),
    # Wikipedia: the page's numbers after unit conversion.
    ("wikipedia", "models", "page_id"): Range(1, 1e12, "id"),
    ("wikipedia", "models", "revid"): Range(1, 1e12, "id"),
    ("wikipedia", "models", "table_year"): Range(1990, 2100, "year"),
    ("wikipedia", "models", "release_date"): replace(MODEL_DATE, kind="date"),
    ("wikipedia", "models", "parameters"): PARAMETERS,
    ("wikipedia", "models", "corpus_tokens"): TOKENS,
    ("wikipedia", "models", "training_cost_petaflop_days"): Range(
        1e-4, 1e10, "petaFLOP-days (1e-4 .. 1e10 = 8.64e15 .. 8.64e29 FLOP)"
    ),
    ("wikipedia", "models", "training_cost_flop"): FLOP,
    # Epoch AI (reference only): its database reaches back to the 1950s and tiny models.
    ("epoch", "models", "publication_date"): Range("1940-01-01", None, "date", kind="date"),
    ("epoch", "models", "parameters"): Range(1, 1e15, "parameters"),
    ("epoch", "models", "training_compute_flop"): Range(1, 1e31, "FLOP"),
    ("epoch", "models", "training_dataset_size"): Range(1, 1e17, "data points or tokens"),
    # Not a source: the bound on every estimate dbt derives (int_model_estimates_unioned),
    # so an extrapolation from an extreme but plausible input cannot publish 1e52 FLOP.
    ("derived", "estimates", "training_compute_flop"): FLOP,
}


def _config_keys() -> list[str]:
    return list(CONFIG_KEYS)


def ranges_for(source: str, entity: str) -> dict[str, Range]:
    found = {col: rng for (src, ent, col), rng in RANGES.items() if (src, ent) == (source, entity)}
    if (source, entity) == ("huggingface", "configs"):
        for key in _config_keys():
            found.setdefault(key, CONFIG_SIZE)
    return found


def all_ranges() -> dict[tuple[str, str, str], Range]:
    every = dict(RANGES)
    for key in _config_keys():
        every.setdefault(("huggingface", "configs", key), CONFIG_SIZE)
    return every


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_row(checks: dict[str, Range], row: dict[str, Any]) -> tuple[str | None, list[str]]:
    """Screen one row in place against ``ranges_for(source, entity)``. Returns (reason to
    reject the row or None, notes). A value out of range under ``on_bad = "null"`` is set
    to None and noted.
    """
    notes: list[str] = []
    for column, rng in checks.items():
        value = row.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if type(value) is float and rng.kind == "number" and rng.low <= value <= rng.high:  # type: ignore[operator]
            continue  # the common case, without a function call
        if rng.kind == "text_number" and _as_number(value) is None:
            continue  # not a number at all: staging's try_cast makes it NULL
        if rng.contains(value):
            continue
        problem = f"{column} {_shown(value)} is outside the plausible range {rng.describe()}"
        if rng.on_bad == "reject":
            return f"{problem} ({rng.unit})", notes
        row[column] = None
        notes.append(f"kept with NULL {column}: {problem} ({rng.unit})")
    return None, notes


def _screened(
    checks: dict[str, Range],
    rows: Iterable[dict[str, Any]],
    rejected: list[Rejected] | None,
    start: int = 1,
) -> Iterator[dict[str, Any]]:
    """The rows that pass, in order; each rejection and note joins ``rejected`` (unless None),
    numbered from ``start`` (a part of a longer sequence starts further on)."""
    for number, row in enumerate(rows, start=start):
        original = row if "record" in row else dict(row)
        reason, notes = check_row(checks, row)
        record = original.get("record", original)
        if reason:
            if rejected is not None:
                rejected.append(Rejected(number, reason, _jsonable(record)))
            continue
        if rejected is not None:
            rejected.extend(Rejected(number, note, _jsonable(record)) for note in notes)
        yield row


class ScreenedRows(Sequence[dict[str, Any]]):
    """A parser's lazy rows (the Hugging Face listing makes each row again from the bytes
    when read, never holding a million at once) screened as they are read, still lazily:
    the rejections and notes join ``parsed.rejected`` during the first complete read (the
    load's insert), and ``len`` counts the rows that pass."""

    def __init__(
        self, checks: dict[str, Range], rows: Sequence[dict[str, Any]], rejected: list[Rejected]
    ):
        self._checks = checks
        self._rows = rows
        self._rejected: list[Rejected] | None = rejected
        self._count: int | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        count = 0
        for row in _screened(self._checks, self._rows, self._rejected):
            count += 1
            yield row
        self._rejected = None  # recorded once
        self._count = count

    def __len__(self) -> int:
        if self._count is None:
            for _ in self:
                pass
        return self._count or 0

    def __bool__(self) -> bool:  # without reading every row
        return len(self._rows) > 0

    def parts(self, path: Path, count: int, min_rows: int) -> list[ScreenedPart] | None:
        """The rows in ``count`` consecutive parts that other processes can screen and read
        (``ScreenedPart``), when the lazy rows can be split (a Hugging Face listing: its
        ``parts``) and are at least ``min_rows`` before screening (counted without reading
        them); else None. ``record_parts`` takes what the parts found, in order."""
        split = getattr(self._rows, "parts", None)
        if split is None or self._rejected is None or len(self._rows) < min_rows:
            return None
        return [ScreenedPart(self._checks, part) for part in split(path, count)]

    def record_parts(self, counts: list[int], rejected: list[list[Rejected]]) -> None:
        """What reading the parts found, in their order: as one complete read would have."""
        if self._rejected is not None:
            for found in rejected:
                self._rejected.extend(found)
        self._rejected = None
        self._count = sum(counts)

    def __getitem__(self, index: Any) -> Any:  # reads every row: for tests, not the load
        return list(self)[index]


@dataclass(frozen=True)
class ScreenedPart:
    """A part of a ``ScreenedRows`` (the checks, and rows that know where they start), for
    a process of its own: ``rows`` screens them, numbered as in the whole sequence."""

    checks: dict[str, Range]
    part: Any  # an iterable of rows with ``first_row``, e.g. a ListingPart

    def rows(self, rejected: list[Rejected]) -> Iterator[dict[str, Any]]:
        return _screened(self.checks, self.part, rejected, start=self.part.first_row)


def screen(source: str, parsed: ParseResult) -> ParseResult:
    """Every row of a parsed capture through its ranges, in place: bad rows move to
    ``parsed.rejected``, bad values become NULL with a note there. Returns ``parsed``.
    A list is screened at once; a lazy sequence (ListingRows) stays lazy (ScreenedRows)."""
    for entity, rows in parsed.tables.items():
        checks = ranges_for(source, entity)
        if not checks:
            continue
        if isinstance(rows, list):
            parsed.tables[entity] = list(_screened(checks, rows, parsed.rejected))
        else:
            parsed.tables[entity] = ScreenedRows(checks, rows, parsed.rejected)
    return parsed


def _jsonable(record: Any) -> Any:
    """The rejected row as JSON can hold it: a non-finite float becomes its text."""
    if isinstance(record, float) and not math.isfinite(record):
        return repr(record)
    if isinstance(record, dict):
        return {k: _jsonable(v) for k, v in record.items()}
    if isinstance(record, list):
        return [_jsonable(v) for v in record]
    return record


# -- the same ranges for dbt ------------------------------------------------------------
def macro_text() -> str:
    """``macros/value_ranges.sql``: one Jinja dict of the ranges and the guard macro."""
    lines = [
        "{# GENERATED from ingest/ranges.py by `python -m ingest.ranges --write-macro`: edit",
        "   the ranges there. Staging keeps a raw value only when it is finite and inside its",
        "   plausible range, so whatever raw holds, no later cast or log can fail on it. #}",
        "{% macro value_range(source_name, column_name) -%}",
        "    {%- set ranges = {",
    ]
    for (source, _entity, column), rng in sorted(all_ranges().items()):
        if rng.kind in ("date", "timestamp"):
            high = f"'{rng.high}'" if rng.high else "none"
            entry = f"['date', '{rng.low}', {high}]"
        elif rng.kind == "unix_seconds":
            entry = f"['unix_seconds', '{rng.low}', none]"
        else:
            entry = f"['number', {float(rng.low)!r}, {float(rng.high)!r}]"  # type: ignore[arg-type]
        lines.append(f"        '{source}.{column}': {entry},")
    lines += [
        "    } -%}",
        "    {{- return(ranges[source_name ~ '.' ~ column_name]) -}}",
        "{%- endmacro %}",
        "",
        "{# The column's value when plausible, else NULL (typed as the column). #}",
        "{% macro plausible(source_name, column_name, expr=none) -%}",
        "    {%- set bounds = value_range(source_name, column_name) -%}",
        "    {%- set value = expr if expr is not none else column_name -%}",
        "    {%- if bounds[0] == 'date' -%}",
        "        case when try_cast({{ value }} as date) between date '{{ bounds[1] }}' and",
        "            {%- if bounds[2] %} date '{{ bounds[2] }}'",
        f"            {{%- else %}} current_date + interval {DAYS_AHEAD} day",
        "            {%- endif %} then {{ value }} end",
        "    {%- elif bounds[0] == 'unix_seconds' -%}",
        "        case when {{ value }} between epoch(timestamp '{{ bounds[1] }}')",
        f"            and epoch(current_date + interval {DAYS_AHEAD} day) then {{{{ value }}}} end",
        "    {%- else -%}",
        "        case when isfinite(try_cast({{ value }} as double))",
        "            and try_cast({{ value }} as double)",
        "                between {{ bounds[1] }} and {{ bounds[2] }}",
        "            then {{ value }} end",
        "    {%- endif -%}",
        "{%- endmacro %}",
        "",
    ]
    return "\n".join(lines)


def markdown_table() -> str:
    rows = ["| source | field | plausible range | unit | outside it |", "|---|---|---|---|---|"]
    for (source, entity, column), rng in all_ranges().items():
        action = "row rejected" if rng.on_bad == "reject" else "loaded as NULL, noted"
        rows.append(f"| {source} | {entity}.{column} | {rng.describe()} | {rng.unit} | {action} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None, prog: str = "python -m ingest.ranges") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument("--write-macro", action="store_true", help=f"write {MACRO_PATH.name}")
    parser.add_argument("--markdown", action="store_true", help="print the ranges as a table")
    args = parser.parse_args(argv)
    if args.write_macro:
        MACRO_PATH.write_text(macro_text(), encoding="utf-8")
        print(f"wrote {MACRO_PATH}")
    if args.markdown or not args.write_macro:
        print(markdown_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
