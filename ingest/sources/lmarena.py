"""LMArena text leaderboard: the Hugging Face dataset ``lmarena-ai/leaderboard-dataset``.

We read config ``text`` (never ``text_style_control``; never lmarena.ai pages, whose terms
forbid scraping). ``latest`` holds the newest snapshot and is overwritten in place, so our
captures are its only history; ``full`` (all snapshots since 2023-05, ~58 MB) is for a
one-off backfill (``--lmarena-full``). Raw keeps every category; staging keeps ``overall``.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import duckdb

from ingest import http
from ingest.sources.base import FetchContext, FetchResult, ParseError, ParseResult, Rejected, Source

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
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARQUET_MAGIC = b"PAR1"


def url_for(split: str = "latest", revision: str = "main") -> str:
    return BASE_URL.format(revision=revision, split=split)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


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
            head = content[:60].decode("utf-8", "replace").strip()
            raise ParseError(f"not a parquet file (it starts with {head!r})")
        fd, tmp = tempfile.mkstemp(suffix=".parquet")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            con = duckdb.connect(":memory:")
            try:
                rel = con.sql(f"select * from read_parquet('{tmp}')")
                columns = list(rel.columns)
                missing = [c for c in REQUIRED if c not in columns]
                if missing:
                    raise ParseError(
                        f"layout changed: column(s) {', '.join(missing)} missing "
                        f"(found: {', '.join(columns)})"
                    )
                records = rel.fetchall()
            except duckdb.Error as exc:
                raise ParseError(f"unreadable parquet: {exc}") from exc
            finally:
                con.close()
        finally:
            Path(tmp).unlink(missing_ok=True)

        known = set(REQUIRED) | set(OPTIONAL)
        extras = [c for c in columns if c not in known]
        index = {name: i for i, name in enumerate(columns)}
        rows: list[dict[str, Any]] = []
        rejected: list[Rejected] = []
        for number, record in enumerate(records, start=1):
            raw = {name: record[i] for name, i in index.items()}
            try:
                row = self._row(raw, extras)
            except ValueError as exc:
                rejected.append(Rejected(number, str(exc), {k: str(v) for k, v in raw.items()}))
                continue
            rows.append(row)
        if records and not rows:
            raise ParseError(f"all {len(records)} rows failed validation: {rejected[0].reason}")
        return ParseResult(tables={"ratings": rows}, rejected=rejected)

    @staticmethod
    def _row(raw: dict[str, Any], extras: list[str]) -> dict[str, Any]:
        name = _text(raw.get("model_name"))
        if not name:
            raise ValueError("model_name is empty")
        try:
            rating = _number(raw.get("rating"))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"rating is not a number: {raw.get('rating')!r}") from exc
        if rating is None:
            raise ValueError("rating is empty")
        published = raw.get("leaderboard_publish_date")
        published_text = (
            published.isoformat() if hasattr(published, "isoformat") else _text(published)
        )
        if not published_text or not DATE_RE.match(published_text[:10]):
            raise ValueError(f"leaderboard_publish_date is not YYYY-MM-DD: {published!r}")
        row: dict[str, Any] = {
            "model_name": name,
            "organization": _text(raw.get("organization")),
            "license": _text(raw.get("license")),
            "rating": rating,
            "category": _text(raw.get("category")),
            "leaderboard_publish_date": published_text[:10],
            "config": CONFIG,
            "extra": {k: raw[k] for k in extras} or None,
        }
        for column in ("rating_lower", "rating_upper", "variance", "vote_count", "rank"):
            try:
                row[column] = _number(raw.get(column))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{column} is not a number: {raw.get(column)!r}") from exc
        return row
