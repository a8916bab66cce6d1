"""What one response becomes: a row of ``raw.huggingface__models`` from a model info, a
row of ``raw.huggingface__configs`` from a config.json, with the checks that refuse an
unusable one (ValueError, saying why)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ingest.sources.huggingface.config import CONFIG_KEYS, config_value, is_mixture_of_experts

# The raw tables' columns and types (raw.huggingface__models, raw.huggingface__configs):
# the source declares them (HuggingFace.tables), and each row starts with all of them empty.
MODEL_COLUMNS: dict[str, str] = {
    "repo_id": "varchar",
    "requested_repo_id": "varchar",
    "request_url": "varchar",
    "status": "integer",
    "sha": "varchar",
    "created_at": "timestamp",
    "gated": "varchar",
    "license": "varchar",
    "base_model": "varchar",
    "library": "varchar",
    "safetensors_total": "bigint",
    "safetensors_parameters": "json",
    "dominant_dtype": "varchar",
    "dominant_dtype_parameters": "bigint",
    "has_packed_int_weights": "boolean",
    "model_type": "varchar",
    "architectures": "json",
    "is_mixture_of_experts": "boolean",
    "record": "json",
}
CONFIG_COLUMNS: dict[str, str] = {
    "repo_id": "varchar",
    "sha": "varchar",
    "request_url": "varchar",
    "status": "integer",
    "model_type": "varchar",
    "architectures": "json",
    **{field: "bigint" for field in CONFIG_KEYS},
    "tie_word_embeddings": "boolean",
    "mlp_only_layer_count": "integer",
    "config": "json",
}
# 4-bit weights packed into integer tensors: their element count is 2-8x the real one.
PACKED_DTYPES = frozenset({"I8", "U8", "I16", "U16", "I32", "U32", "I64"})


def int_or_none(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError(f"not a whole number: {value!r}")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list):
        value = ", ".join(
            item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
            for item in value
            if item is not None
        )
    text = str(value).strip()
    return text or None


def _timestamp(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    text = str(value)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"createdAt is not an ISO-8601 time: {value!r}") from None
    if moment.tzinfo is None or text.endswith("Z"):
        # Already UTC (the Hub writes "...Z"): converting it again would cost a twentieth
        # of a million-model ingest and change nothing.
        return moment.replace(tzinfo=None)
    return moment.astimezone(UTC).replace(tzinfo=None)


def _safetensors(value: Any) -> tuple[int | None, dict[str, int] | None, str | None, int | None]:
    """(total, elements per dtype, dominant dtype, its count) from a safetensors block."""
    if value is None:
        return None, None, None, None
    if not isinstance(value, dict):
        raise ValueError(f"safetensors is a {type(value).__name__}, not an object")
    raw = value.get("parameters") or {}
    if not isinstance(raw, dict):
        raise ValueError("safetensors.parameters is not an object")
    per_dtype: dict[str, int] = {}
    for dtype, count in raw.items():
        try:
            number = int_or_none(count)
        except ValueError:
            raise ValueError(f"safetensors.parameters.{dtype} is {count!r}") from None
        if number is not None:
            per_dtype[str(dtype)] = number
    try:
        total = int_or_none(value.get("total"))
    except ValueError:
        raise ValueError(f"safetensors.total is {value.get('total')!r}") from None
    if not per_dtype:
        return total, None, None, None
    if len(per_dtype) == 1:  # the usual case: one dtype
        (dominant,) = per_dtype
    else:  # ties go to the first name in sorted order
        dominant = max(sorted(per_dtype), key=lambda dtype: per_dtype[dtype])
    return total, per_dtype, dominant, per_dtype[dominant]


def safetensors_largest(value: Any) -> int:
    """Largest per-dtype element count of a listing entry, 0 when unknown or malformed."""
    try:
        _, _, _, count = _safetensors(value)
    except ValueError:
        return 0
    return count or 0


# -- rows -----------------------------------------------------------------------------
def checked_model_info(
    body: Any,
) -> tuple[str, tuple[int | None, dict[str, int] | None, str | None, int | None], datetime | None]:
    """What can make a model info unusable, checked in this order: (repo id, safetensors
    counts, createdAt), or ValueError saying why. Everything else of a model row is lenient."""
    if not isinstance(body, dict):
        raise ValueError(f"model info is a {type(body).__name__}, not an object")
    repo_id = _text(body.get("id")) or _text(body.get("modelId"))
    if not repo_id:
        raise ValueError("model info has no 'id'")
    return repo_id, _safetensors(body.get("safetensors")), _timestamp(body.get("createdAt"))


def model_row(body: Any, *, request_url: str | None, status: int | None, repo: str | None) -> dict:
    row: dict[str, Any] = dict.fromkeys(MODEL_COLUMNS)
    row.update(
        repo_id=repo, requested_repo_id=repo, request_url=request_url, status=status, record=body
    )
    if status != 200:
        return row
    repo_id, safetensors, created_at = checked_model_info(body)
    total, per_dtype, dominant, dominant_count = safetensors
    card = body.get("cardData") if isinstance(body.get("cardData"), dict) else {}
    config = body.get("config") if isinstance(body.get("config"), dict) else {}
    gated = body.get("gated")
    model_type = config.get("model_type") or config_value(config, "model_type")
    architectures = config.get("architectures")
    row.update(
        {
            "repo_id": repo_id,
            "requested_repo_id": repo or repo_id,
            "sha": _text(body.get("sha")),
            "created_at": created_at,
            "gated": None if gated is None else str(gated).lower(),
            "license": _text(card.get("license")),
            "base_model": _text(card.get("base_model")),
            "library": _text(card.get("library_name")) or _text(body.get("library_name")),
            "safetensors_total": total,
            "safetensors_parameters": per_dtype,
            "dominant_dtype": dominant,
            "dominant_dtype_parameters": dominant_count,
            "has_packed_int_weights": None if dominant is None else dominant in PACKED_DTYPES,
            "model_type": _text(model_type),
            "architectures": architectures if isinstance(architectures, list) else None,
            "is_mixture_of_experts": is_mixture_of_experts(config) if config else None,
        }
    )
    return row


def config_row(
    body: Any, *, request_url: str, status: int | None, repo: str, revision: str
) -> dict:
    row: dict[str, Any] = dict.fromkeys(CONFIG_COLUMNS)
    row.update(repo_id=repo, sha=revision, request_url=request_url, status=status, config=body)
    if status != 200:
        return row
    if not isinstance(body, dict):
        raise ValueError(f"config.json is a {type(body).__name__}, not an object")
    for field in CONFIG_KEYS:
        # A size that is not a whole number (a per-layer list, "auto") is left NULL rather
        # than losing the whole config: the config column keeps the value as published.
        try:
            row[field] = int_or_none(config_value(body, field))
        except (TypeError, ValueError):
            row[field] = None
    mlp_only = config_value(body, "mlp_only_layers")
    tie = config_value(body, "tie_word_embeddings")
    architectures = config_value(body, "architectures")
    row.update(
        {
            "model_type": _text(body.get("model_type") or config_value(body, "model_type")),
            "architectures": architectures if isinstance(architectures, list) else None,
            "tie_word_embeddings": tie if isinstance(tie, bool) else None,
            "mlp_only_layer_count": len(mlp_only) if isinstance(mlp_only, list) else None,
        }
    )
    return row
