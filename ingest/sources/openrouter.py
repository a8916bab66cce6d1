"""OpenRouter's model list: ``GET https://openrouter.ai/api/v1/models?output_modalities=all``.

Keyless, about 1 MB, no conditional GET: fetched whole every run and deduplicated by the
capture's hash. It gives discovery dates (``created``: when OpenRouter listed a model),
the developer (the id's author), ``hugging_face_id`` links, context length and knowledge
cutoff. No parameters, tokens or compute.

The capture is the JSON body, byte for byte: ``{"data": [...], "total_count": N,
"links": {"next": null}}`` (older bodies have ``data`` only). A body that paginates
(``links.next`` set, or ``total_count`` not matching ``data``) is rejected whole: we
would silently miss models. Raw keeps every entry, routers and aliases included, with
the whole entry in ``record``; staging and intermediate models drop and merge.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from ingest import http
from ingest.sources.base import (
    FetchContext,
    FetchResult,
    ParseError,
    ParseResult,
    Source,
    json_document,
    unique_rows,
)

URL = "https://openrouter.ai/api/v1/models?output_modalities=all"
# Unix seconds outside this window are not a listing time (OpenRouter opened in 2023).
EARLIEST_CREATED = int(datetime(2015, 1, 1, tzinfo=UTC).timestamp())
LATEST_CREATED = int(datetime(2100, 1, 1, tzinfo=UTC).timestamp())


def _text(value: Any) -> str | None:
    """Strings as given, '' as NULL; numbers (pricing sent as numbers one day) as text."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    return text or None


def _integer(value: Any) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValueError(f"not a whole number: {value!r}")


def _created(value: Any) -> int:
    if value is None or value == "":
        raise ValueError("created is missing")
    try:
        if isinstance(value, float) and math.isfinite(value):
            seconds: int | None = int(value)  # unix seconds with a fraction: the second is enough
        else:
            seconds = _integer(value)
    except ValueError:
        raise ValueError(f"created is not unix seconds: {value!r}") from None
    if seconds is None or not EARLIEST_CREATED <= seconds < LATEST_CREATED:
        raise ValueError(f"created is out of range for unix seconds: {value!r}")
    return seconds


def _string_list(value: Any) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return [str(item) for item in value if item is not None]


def _body(content: bytes) -> dict[str, Any]:
    """The JSON object of a capture, or a ParseError naming what is wrong with it."""
    body = json_document(content, empty="empty response body")
    if not isinstance(body, dict):
        raise ParseError(f"layout changed: expected a JSON object, got a {type(body).__name__}")
    return body


def _check_envelope(body: dict[str, Any]) -> list[Any]:
    if "data" not in body:
        keys = ", ".join(sorted(body)) or "none"
        raise ParseError(f"layout changed: key 'data' missing (found keys: {keys})")
    data = body["data"]
    if not isinstance(data, list):
        raise ParseError(f"layout changed: 'data' is a {type(data).__name__}, not a list")
    links = body.get("links")
    if isinstance(links, dict) and links.get("next"):
        raise ParseError(
            f"pagination appeared: links.next is {links['next']!r}; this capture holds "
            f"only the first page ({len(data)} models)"
        )
    total = body.get("total_count")
    if total is not None:
        try:
            expected = _integer(total)
        except ValueError:
            raise ParseError(f"layout changed: total_count is {total!r}") from None
        if expected != len(data):
            raise ParseError(
                f"pagination appeared: total_count is {expected} but data holds {len(data)} models"
            )
    if not data:
        raise ParseError("empty model list: 'data' is []")
    return data


class OpenRouter(Source):
    name = "openrouter"
    ext = "json"
    description = "OpenRouter model list: listing dates, developers, Hugging Face links"
    licence = "OpenRouter Terms of Service (no data licence): keep captures internal"
    cadence = "changes daily"
    tables = {
        "models": {
            "id": "varchar",
            "canonical_slug": "varchar",
            "name": "varchar",
            "author": "varchar",
            "variant": "varchar",
            "created": "bigint",
            "created_at": "timestamp",
            "hugging_face_id": "varchar",
            "context_length": "bigint",
            "knowledge_cutoff": "varchar",
            "expiration_date": "varchar",
            "modality": "varchar",
            "input_modalities": "varchar[]",
            "output_modalities": "varchar[]",
            "pricing_prompt": "varchar",
            "pricing_completion": "varchar",
            "alias_target_slug": "varchar",
            "is_alias": "boolean",
            "is_router": "boolean",
            "record": "json",
        }
    }

    def fetch(self, ctx: FetchContext) -> FetchResult:
        resp = http.get(ctx.session, URL, headers={"Accept": "application/json"})
        return FetchResult(content=resp.content, url=URL, etag=resp.etag)

    def parse(self, content: bytes) -> ParseResult:
        data = _check_envelope(_body(content))
        rows, rejected = unique_rows(
            data, self._row, "id", lambda model_id: f"duplicate id {model_id!r} in the same capture"
        )
        if not rows:
            raise ParseError(f"all {len(data)} models failed validation: {rejected[0].reason}")
        return ParseResult(tables={"models": rows}, rejected=rejected)

    @staticmethod
    def _row(entry: Any) -> dict[str, Any]:
        if not isinstance(entry, dict):
            raise ValueError(f"entry is a {type(entry).__name__}, not an object")
        model_id = _text(entry.get("id"))
        if not model_id:
            raise ValueError("id is missing or empty")
        created = _created(entry.get("created"))
        path = model_id.lstrip("~")
        author, _, slug = path.partition("/")
        variant = (slug.partition(":")[2] or None) if slug else None
        architecture = (
            entry.get("architecture") if isinstance(entry.get("architecture"), dict) else {}
        )
        pricing = entry.get("pricing") if isinstance(entry.get("pricing"), dict) else {}
        alias_target = entry.get("alias_target")
        alias_slug = None
        if isinstance(alias_target, dict):
            alias_slug = _text(alias_target.get("slug")) or _text(alias_target.get("id"))
        elif alias_target is not None:
            alias_slug = _text(alias_target)
        try:
            context_length = _integer(entry.get("context_length"))
        except ValueError:
            context_length = None  # not worth losing the row; the record keeps the value
        return {
            "id": model_id,
            "canonical_slug": _text(entry.get("canonical_slug")),
            "name": _text(entry.get("name")),
            "author": author.lower() if slug else None,
            "variant": variant,
            "created": created,
            "created_at": datetime.fromtimestamp(created, UTC).replace(tzinfo=None),
            "hugging_face_id": _text(entry.get("hugging_face_id")),
            "context_length": context_length,
            "knowledge_cutoff": _text(entry.get("knowledge_cutoff")),
            "expiration_date": _text(entry.get("expiration_date")),
            "modality": _text(architecture.get("modality")),
            "input_modalities": _string_list(architecture.get("input_modalities")),
            "output_modalities": _string_list(architecture.get("output_modalities")),
            "pricing_prompt": _text(pricing.get("prompt")),
            "pricing_completion": _text(pricing.get("completion")),
            "alias_target_slug": alias_slug,
            "is_alias": model_id.startswith("~") or alias_target is not None,
            "is_router": path.lower().startswith("openrouter/"),
            "record": entry,
        }
