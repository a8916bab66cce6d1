"""LMArena text leaderboard: the Hugging Face dataset ``lmarena-ai/leaderboard-dataset``.

We read config ``text`` (never ``text_style_control``; never lmarena.ai pages, whose terms
forbid scraping). ``latest`` holds the newest snapshot and is overwritten in place, so our
captures are its only history; ``full`` (all snapshots since 2023-05, ~58 MB) is for a
one-off backfill (``--lmarena-full``). Raw keeps every category; staging keeps ``overall``.

The files are written by pandas/pyarrow: the pandas index (``__index_level_0__``) is
dropped, NaN in an optional column is NULL, the date may be a string, DATE or TIMESTAMP,
other new columns go to ``extra`` as JSON, and a repeated (model, category, date) row is
rejected. The million-row ``full`` file is read in batches.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from ingest import http
from ingest.captures import remove_stale_parts
from ingest.sources.base import (
    FetchContext,
    FetchResult,
    ParseError,
    ParseResult,
    Rejected,
    Source,
    describe_content,
)

DATASET = "lmarena-ai/leaderboard-dataset"
CONFIG = "text"
BASE_URL = f"https://huggingface.co/datasets/{DATASET}/resolve/{{revision}}/{CONFIG}/{{split}}-00000-of-00001.parquet"

REQUIRED = ("model_name", "rating", "category", "leaderboard_publish_date")
OPTIONAL = (
    "organization",
    "license",
    "rating_lower",
    "rating_upper",
    "variance",
    "vote_count",
    "rank",
)
# `2025-10-16`, optionally with a time (a pandas datetime64 written as text).
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
# Columns pandas adds for its index (``__index_level_0__``): not data, dropped.
PANDAS_INDEX_RE = re.compile(r"^__index_level_\d+__$")
OPTIONAL_NUMBERS = ("rating_lower", "rating_upper", "variance", "vote_count", "rank")
PARQUET_MAGIC = b"PAR1"
TEMP_PREFIX = "tracker-lmarena-"  # the parse's temporary parquet files
FETCH_BATCH = 50_000


def url_for(split: str = "latest", revision: str = "main") -> str:
    return BASE_URL.format(revision=revision, split=split)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes | bytearray):  # a string column written without UTF8 annotation
        value = bytes(value).decode("utf-8", "replace")
    text = str(value).strip()
    return text or None


def _number(value: Any, *, optional: bool = False) -> float | None:
    """A float; '' and None are NULL. NaN (pandas' missing marker) is NULL in an optional
    column and an error in a required one; so is infinity, which in an optional column is
    kept for the range check (ingest.ranges) to load as NULL with a note."""
    if value is None or value == "":
        return None
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        if optional and math.isnan(number):
            return None
        if optional:
            return number
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _json_safe(value: Any) -> Any:
    """Extra columns of any parquet type as JSON values (DECIMAL, TIME, BLOB, UUID ...)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _date_text(value: Any) -> str | None:
    """`2025-10-16` from a string, a DATE or a TIMESTAMP (pandas datetime64); else None."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text = _text(value)
    if not text or not DATE_RE.match(text):
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


class LMArena(Source):
    name = "lmarena"
    ext = "parquet"
    description = "LMArena text leaderboard ratings (Bradley-Terry, Elo scale), every category"
    licence = "CC BY 4.0 (credit LMArena)"
    cadence = "new snapshot every 1-2 weeks"
    tables = {
        "ratings": {
            "model_name": "varchar",
            "organization": "varchar",
            "license": "varchar",
            "rating": "double",
            "rating_lower": "double",
            "rating_upper": "double",
            "variance": "double",
            "vote_count": "double",
            "rank": "double",
            "category": "varchar",
            "leaderboard_publish_date": "varchar",
            "config": "varchar",
            "extra": "json",
        }
    }

    def fetch(self, ctx: FetchContext) -> FetchResult:
        split = "full" if ctx.options.get("lmarena_full") else "latest"
        url = url_for(split, ctx.options.get("lmarena_revision", "main"))
        # Cheap change check: the redirect to the CDN carries the file hash.
        head = http.get(
            ctx.session, url, method="HEAD", allow_redirects=False, allow_statuses=(200, 302, 307)
        )
        linked = head.headers.get("X-Linked-Etag") or head.headers.get("x-linked-etag")
        if linked and ctx.previous is not None and ctx.previous.etag == linked:
            return FetchResult(content=None, url=url, etag=linked)
        resp = http.get(ctx.session, url)
        return FetchResult(content=resp.content, url=url, etag=linked or resp.etag)

    def parse(self, content: bytes) -> ParseResult:
        if not content.startswith(PARQUET_MAGIC) or not content.endswith(PARQUET_MAGIC):
            raise ParseError(
                f"not a parquet file: {describe_content(content)}, without parquet's PAR1 marks"
            )
        # DuckDB reads parquet from a file. One left by a process killed here is removed
        # by a later parse, once it is an hour old (a younger one may be another's).
        folder = Path(tempfile.gettempdir())
        remove_stale_parts(folder, pattern=f"{TEMP_PREFIX}*.parquet")
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".parquet", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            con = duckdb.connect(":memory:")
            try:
                con.execute("set enable_progress_bar = false")
                # The path as a parameter: an apostrophe in TMPDIR must not break the SQL.
                return self._read(con.read_parquet(tmp))
            except duckdb.Error as exc:
                raise ParseError(f"unreadable parquet: {exc}") from exc
            finally:
                con.close()
        finally:
            Path(tmp).unlink(missing_ok=True)

    def _read(self, rel: duckdb.DuckDBPyRelation) -> ParseResult:
        columns = list(rel.columns)
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise ParseError(
                f"layout changed: column(s) {', '.join(missing)} missing "
                f"(found: {', '.join(columns)})"
            )
        reader = _RowReader(columns)
        rows: list[dict[str, Any]] = []
        rejected: list[Rejected] = []
        seen: set[tuple[str, str | None, str]] = set()
        number = 0
        # In batches: the `full` file has about a million rows, so the raw tuples are not
        # all held at once.
        while batch := rel.fetchmany(FETCH_BATCH):
            for record in batch:
                number += 1
                try:
                    row = reader.row(record)
                    key = (row["model_name"], row["category"], row["leaderboard_publish_date"])
                    if key in seen:
                        raise ValueError(
                            f"duplicate row for {key[0]!r} in category {key[1]!r} on {key[2]}"
                        )
                except ValueError as exc:
                    rejected.append(Rejected(number, str(exc), reader.record(record)))
                    continue
                seen.add(key)
                rows.append(row)
        if not number:
            raise ParseError("empty snapshot: the parquet file has the columns but no rows")
        if not rows:
            raise ParseError(f"all {number} rows failed validation: {rejected[0].reason}")
        return ParseResult(tables={"ratings": rows}, rejected=rejected)


class _RowReader:
    """Turns parquet records into raw rows. Repeated strings and dates are shared, which
    keeps a million-row backfill in memory."""

    def __init__(self, columns: list[str]):
        self.columns = columns
        index = {name: i for i, name in enumerate(columns)}
        known = set(REQUIRED) | set(OPTIONAL)
        self.pos = {name: index.get(name) for name in (*REQUIRED, *OPTIONAL)}
        self.numbers = [(name, index.get(name)) for name in OPTIONAL_NUMBERS]
        self.extras = [
            (name, i)
            for i, name in enumerate(columns)
            if name not in known and not PANDAS_INDEX_RE.match(name)
        ]
        self.strings: dict[Any, str | None] = {}
        self.dates: dict[Any, str | None] = {}

    def _get(self, record: tuple[Any, ...], column: str) -> Any:
        position = self.pos[column]
        return None if position is None else record[position]

    def _shared(self, value: Any) -> str | None:
        """The cleaned text, one object per distinct value."""
        try:
            return self.strings[value]
        except KeyError:
            text = self.strings[value] = _text(value)
            return text
        except TypeError:  # an unhashable value
            return _text(value)

    def record(self, record: tuple[Any, ...]) -> dict[str, Any]:
        return {name: _json_safe(value) for name, value in zip(self.columns, record, strict=True)}

    def row(self, record: tuple[Any, ...]) -> dict[str, Any]:
        """One raw row; ValueError (with the reason) rejects it."""
        name = self._shared(self._get(record, "model_name"))
        if not name:
            raise ValueError("model_name is empty")
        value = self._get(record, "rating")
        try:
            rating = _number(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"rating is not a number: {value!r}") from exc
        if rating is None:
            raise ValueError("rating is empty")
        value = self._get(record, "leaderboard_publish_date")
        try:
            published = self.dates[value]
        except KeyError:
            published = self.dates[value] = _date_text(value)
        except TypeError:  # an unhashable value
            published = None
        if published is None:
            raise ValueError(f"leaderboard_publish_date is not YYYY-MM-DD: {value!r}")
        row: dict[str, Any] = {
            "model_name": name,
            "organization": self._shared(self._get(record, "organization")),
            "license": self._shared(self._get(record, "license")),
            "rating": rating,
            "category": self._shared(self._get(record, "category")),
            "leaderboard_publish_date": published,
            "config": CONFIG,
            "extra": {k: _json_safe(record[i]) for k, i in self.extras} or None,
        }
        for column, position in self.numbers:
            value = None if position is None else record[position]
            if type(value) is float and math.isfinite(value):
                row[column] = value  # the common case, without a function call
                continue
            try:
                row[column] = _number(value, optional=True)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{column} is not a number: {value!r}") from exc
        return row
