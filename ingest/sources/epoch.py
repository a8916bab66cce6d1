"""Epoch AI's published model data (``large_scale_ai_models.csv``): a REFERENCE ONLY.

Nothing from this source reaches an estimate, ``marts.models`` or the published list: dbt
reads it only in the validation branch (``int_epoch_models_matched``) and a pytest check
over the manifest proves it. The CSV has ~45 columns whose headers drift, so columns are
mapped by header name after stripping a ``(DEPRECATED) `` prefix; only ``Model`` and
``Training compute (FLOP)`` are required. Notes hold commas, quotes and newlines inside
quoted fields: the ``csv`` module reads them. A row without a model name is rejected; an
unreadable number or date becomes NULL and is reported in ``raw.rejected_rows``. A file cut
mid-row (a short last row with no line end) is refused whole.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

from ingest import http
from ingest.sources.base import (
    FetchContext,
    FetchResult,
    ParseError,
    ParseResult,
    Rejected,
    Source,
    describe_content,
)

URL = "https://epoch.ai/data/large_scale_ai_models.csv"
DEPRECATED_PREFIX = re.compile(r"^\(deprecated\)\s*", re.I)
# Our column -> accepted header spellings (normalized), in order of preference.
HEADERS: dict[str, tuple[str, ...]] = {
    "model": ("model",),
    "organization": ("organization",),
    "domain": ("domain",),
    "publication_date": ("publication date",),
    "parameters": ("parameters",),
    "training_compute_flop": ("training compute (flop)",),
    "training_compute_notes": ("training compute notes",),
    # Renamed more than once: (datapoints) -> (total) -> (gradients). Any other
    # "Training dataset size (...)" header is taken after these (see HEADER_PREFIXES).
    "training_dataset_size": (
        "training dataset size (total)",
        "training dataset size (datapoints)",
        "training dataset size (gradients)",
        "training dataset size",
    ),
    "confidence": ("confidence",),
    "model_accessibility": ("model accessibility",),
    "country": ("country (of organization)", "country (from organization)", "country"),
    "last_modified": ("last modified",),
    "link": ("link",),
}
# Fallbacks for headers that drift within a family: the first header (in file order) that
# starts with the prefix and does not end with one of the excluded words.
HEADER_PREFIXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "training_dataset_size": ("training dataset size", ("notes",)),
    "country": ("country", ("notes",)),
}
REQUIRED = {"model": "Model", "training_compute_flop": "Training compute (FLOP)"}
NUMERIC = ("parameters", "training_compute_flop", "training_dataset_size")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
FIELD_SIZE_LIMIT = 16 * 1024 * 1024


def normalize_header(header: str) -> tuple[str, bool]:
    """`(DEPRECATED) Training dataset size (datapoints)` ->
    (`training dataset size (datapoints)`, True)."""
    text = " ".join(header.replace("\ufeff", "").split())
    deprecated = bool(DEPRECATED_PREFIX.match(text))
    return DEPRECATED_PREFIX.sub("", text).lower(), deprecated


def map_headers(header: list[str]) -> dict[str, int]:
    """Our column -> index in the CSV row. A current header wins over a deprecated one."""
    normalized = [normalize_header(h) for h in header]
    mapping: dict[str, int] = {}
    for key, spellings in HEADERS.items():
        for spelling in spellings:
            matches = [i for i, (name, _) in enumerate(normalized) if name == spelling]
            if matches:
                mapping[key] = min(matches, key=lambda i: (normalized[i][1], i))
                break
    for key, (prefix, excluded) in HEADER_PREFIXES.items():
        if key in mapping:
            continue
        matches = [
            i
            for i, (name, _) in enumerate(normalized)
            if name.startswith(prefix) and not name.endswith(excluded)
        ]
        if matches:
            mapping[key] = min(matches, key=lambda i: (normalized[i][1], i))
    return mapping


def unique_names(header: list[str]) -> list[str]:
    """Header names as keys of the raw record; a repeated name gets ` (2)`, ` (3)`, ..."""
    seen: dict[str, int] = {}
    names = []
    for position, name in enumerate(header):
        name = name.replace("\ufeff", "").strip() or f"column {position + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def parse_number(text: str) -> float | None:
    """`405000000000.0`, `3.5000000000000006e+26`, `1,000` -> float; '' -> None."""
    cleaned = text.strip().replace(",", "").replace("\u00a0", "")
    if not cleaned:
        return None
    value = float(cleaned)  # ValueError for anything else
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a finite number: {text!r}")
    return value


def parse_date(text: str) -> date | None:
    """`YYYY-MM-DD` or `M/D/YYYY`; '' -> None; anything else -> ValueError."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if match := ISO_DATE.match(cleaned):
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := US_DATE.match(cleaned):
        return date(int(match.group(3)), int(match.group(1)), int(match.group(2)))
    raise ValueError(f"not YYYY-MM-DD or M/D/YYYY: {text!r}")


def _text(value: str | None) -> str | None:
    """Trimmed text, '' as None; CRLF inside quoted notes (a Windows export) becomes LF."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").strip()
    return value or None


class Epoch(Source):
    name = "epoch"
    ext = "csv"
    description = "Epoch AI large-scale AI models (REFERENCE ONLY: validation, never an input)"
    licence = "CC BY 4.0 (credit Epoch AI)"
    cadence = "updated continuously (several times a week)"
    tables = {
        "models": {
            "row_number": "integer",
            "model": "varchar",
            "organization": "varchar",
            "domain": "varchar",
            "publication_date_text": "varchar",
            "publication_date": "date",
            "parameters": "double",
            "training_compute_flop": "double",
            "training_compute_notes": "varchar",
            "training_dataset_size": "double",
            "training_dataset_size_header": "varchar",
            "confidence": "varchar",
            "model_accessibility": "varchar",
            "country": "varchar",
            "last_modified": "varchar",
            "link": "varchar",
            "record": "json",
        }
    }

    def fetch(self, ctx: FetchContext) -> FetchResult:
        headers = {}
        previous_etag = ctx.previous.etag if ctx.previous is not None else None
        if previous_etag:
            headers["If-None-Match"] = previous_etag
        resp = http.get(ctx.session, URL, headers=headers, allow_statuses=(200, 304))
        if resp.status == 304:
            return FetchResult(content=None, url=URL, etag=previous_etag)
        return FetchResult(content=resp.content, url=URL, etag=resp.etag)

    def parse(self, content: bytes) -> ParseResult:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ParseError(f"not UTF-8 text: {exc}") from exc
        head = text.lstrip()[:200]
        if not head:
            raise ParseError("empty file")
        if head.startswith("<") or "<html" in head.lower() or "<!doctype" in head.lower():
            raise ParseError("not CSV: an HTML page came back")
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader)
            records = list(reader)
        except csv.Error as exc:
            where = f"line {reader.line_num}"
            if "unexpected end of data" in str(exc):
                raise ParseError(f"truncated CSV: a quoted field never ends ({where})") from exc
            raise ParseError(f"malformed CSV at {where}: {exc}") from exc
        if records and len(records[-1]) < len(header) and not text.endswith(("\n", "\r")):
            # A file cut mid-row: the last row is short and has no line end. (A complete file
            # without a final newline keeps a full last row and loads.)
            raise ParseError(
                f"truncated CSV: the last row has {len(records[-1])} of {len(header)} fields "
                "and no line end"
            )
        names = unique_names(header)
        mapping = map_headers(header)
        missing = [label for key, label in REQUIRED.items() if key not in mapping]
        if len(missing) == len(REQUIRED):
            # Not Epoch's CSV at all: say so without repeating its first line.
            raise ParseError(
                f"not Epoch's CSV: {describe_content(content)} whose first line names none of "
                f"the columns {', '.join(repr(m) for m in REQUIRED.values())}"
            )
        if missing:
            raise ParseError(
                f"layout changed: column(s) {', '.join(repr(m) for m in missing)} missing "
                f"(found: {', '.join(header[:12])}{', ...' if len(header) > 12 else ''})"
            )
        size_header = (
            header[mapping["training_dataset_size"]] if "training_dataset_size" in mapping else None
        )
        rows: list[dict[str, Any]] = []
        rejected: list[Rejected] = []
        number = 0
        for fields in records:
            if not any(f.strip() for f in fields):
                continue  # a blank line
            number += 1
            record = {
                names[i] if i < len(names) else f"column {i + 1}": v for i, v in enumerate(fields)
            }
            if len(fields) != len(header):
                rejected.append(
                    Rejected(
                        number,
                        f"row has {len(fields)} fields, the header has {len(header)}",
                        record,
                    )
                )
                continue
            row, problems = self._row(fields, mapping, number, record, size_header)
            if row is None:
                rejected.append(Rejected(number, problems[0], record))
                continue
            rows.append(row)
            rejected.extend(Rejected(number, problem, record) for problem in problems)
        if not rows:
            reason = rejected[0].reason if rejected else "the file has a header but no rows"
            raise ParseError(f"no usable rows: {reason}")
        return ParseResult(tables={"models": rows}, rejected=rejected)

    @staticmethod
    def _row(
        fields: list[str],
        mapping: dict[str, int],
        number: int,
        record: dict[str, str],
        size_header: str | None,
    ) -> tuple[dict[str, Any] | None, list[str]]:
        """The raw row (None when rejected) and the problems found in it."""

        def raw(key: str) -> str:
            return fields[mapping[key]] if key in mapping else ""

        model = _text(raw("model"))
        if not model:
            return None, ["Model is empty"]
        problems: list[str] = []
        row: dict[str, Any] = {
            "row_number": number,
            "model": model,
            "organization": _text(raw("organization")),
            "domain": _text(raw("domain")),
            "publication_date_text": _text(raw("publication_date")),
            "training_compute_notes": _text(raw("training_compute_notes")),
            "training_dataset_size_header": size_header,
            "confidence": _text(raw("confidence")),
            "model_accessibility": _text(raw("model_accessibility")),
            "country": _text(raw("country")),
            "last_modified": _text(raw("last_modified")),
            "link": _text(raw("link")),
            "record": record,
        }
        for key in NUMERIC:
            try:
                row[key] = parse_number(raw(key))
            except ValueError:
                row[key] = None
                problems.append(f"kept with NULL {key}: not a number: {raw(key)!r}")
        try:
            row["publication_date"] = parse_date(raw("publication_date"))
        except ValueError as exc:
            row["publication_date"] = None
            problems.append(f"kept with NULL publication_date: {exc}")
        return row, problems
