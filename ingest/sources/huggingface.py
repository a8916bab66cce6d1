"""Hugging Face Hub: model info (safetensors counts) and, for MoE models, config.json.

Which repos: the ``hugging_face_id`` links OpenRouter gives for a developer's own
organization (community re-uploads skipped), the known-specs seed, and the newest large
repos of a few frontier organizations (``FRONTIER_ORGS``, or ``HF_FRONTIER_ORGS``).

Per repo: one model-info request with ``expand[]`` (brackets sent as ``%5B%5D``); for a
mixture-of-experts model, also its ``config.json`` pinned to the commit ``sha``, because
only the full config has the sizes the active-parameter estimate needs. ``HF_TOKEN``
(optional, environment only, never captured) lifts rate limits and opens gated configs.

The capture is ONE JSON bundle per run: keys are the request URLs as sent, sorted;
values are ``{"status", "etag", "body"}`` with ``body`` the response JSON (null unless
200; ``error`` says why a request got no status). Requests send ``If-None-Match`` with the
previous bundle's ETag and copy the previous entry on a 304; a config pinned to a sha
never changes and is copied without a request. ``--from-file huggingface=PATH`` also takes
one model-info JSON saved from the API (an object with ``id``) or a listing saved from
``/api/models?author=...`` (a JSON array of them, read one model info at a time, so a
million of them fit in memory: ``ListingRows``); a config.json alone is refused (its repo
and commit are unknown). Org listings only steer the fetch: a bundle in which no model
info or config.json answered 200 with JSON is refused whole.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb

from ingest import http
from ingest.captures import Capture
from ingest.sources.base import (
    FetchContext,
    FetchResult,
    JSONObject,
    ParseError,
    ParseResult,
    Rejected,
    Source,
    decode_utf8,
)

HUB = "https://huggingface.co"
EXPAND = ("safetensors", "config", "createdAt", "sha", "gated", "cardData")
# Every status comes back as an entry of the bundle; only timeouts and refused
# connections raise (http.get retries 429 and 5xx first).
ANY_STATUS = tuple(range(100, 600))

# Organizations whose newest large repos are looked up every run (discovery of new
# open-weight releases). ``HF_FRONTIER_ORGS=org1,org2`` replaces the list ('' = none).
FRONTIER_ORGS: tuple[str, ...] = (
    "meta-llama",
    "deepseek-ai",
    "Qwen",
    "mistralai",
    "moonshotai",
    "zai-org",
    "xai-org",
    "nvidia",
    "google",
    "openai",
    "MiniMaxAI",
)
ORG_LISTING_LIMIT = 20
# A repo of a listed organization gets a model-info request when its safetensors hold at
# least this many elements: smaller models are far from 1e25 FLOP.
MIN_LISTED_PARAMETERS = 30_000_000_000

# OpenRouter author -> the developer's own Hugging Face organizations. An author not
# listed matches an organization of the same name (case, '-' and '_' ignored).
AUTHOR_ORGS: dict[str, tuple[str, ...]] = {
    "alibaba": ("Qwen",),
    "bytedance": ("ByteDance-Seed", "ByteDance"),
    "cohere": ("CohereLabs", "CohereForAI"),
    "deepseek": ("deepseek-ai",),
    "inception": ("inceptionai",),
    "meituan": ("meituan-longcat",),
    "minimax": ("MiniMaxAI",),
    "moonshotai": ("moonshotai",),
    "nvidia": ("nvidia",),
    "qwen": ("Qwen",),
    "thudm": ("THUDM", "zai-org"),
    "x-ai": ("xai-org",),
    "xiaomi": ("XiaomiMiMo",),
    "z-ai": ("zai-org", "THUDM"),
}

REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
SHA_RE = re.compile(r"^[0-9a-f]{40}$")
# /api/models/{org}/{name} (or a legacy {name}), optionally pinned: .../revision/{sha}.
INFO_URL_RE = re.compile(
    r"^https?://huggingface\.co/api/models/(?P<repo>[^/?#]+(?:/[^/?#]+)?)"
    r"(?:/revision/[^/?#]+)?/?(?:\?.*)?$"
)
CONFIG_URL_RE = re.compile(
    r"^https?://huggingface\.co/(?P<repo>[^?#]+?)/resolve/(?P<revision>[^/?#]+)/config\.json(?:\?.*)?$"
)
LISTING_URL_RE = re.compile(r"^https?://huggingface\.co/api/models/?(?:\?.*)?$")

# Where a multimodal or odd config nests the language model's sizes.
NESTED_CONFIGS = ("text_config", "llm_config", "language_config", "ffn_config", "attn_config")
CONFIG_KEYS: dict[str, tuple[str, ...]] = {
    "hidden_size": ("hidden_size", "d_model", "n_embd", "dim"),
    "num_hidden_layers": ("num_hidden_layers", "n_layers", "num_layers", "n_layer"),
    "intermediate_size": ("intermediate_size", "ffn_hidden_size"),
    # Llama 4: the dense layers' FFN size, when it differs from the experts' (intermediate_size).
    "dense_intermediate_size": ("intermediate_size_mlp",),
    "moe_intermediate_size": ("moe_intermediate_size", "expert_intermediate_size"),
    "shared_expert_intermediate_size": ("shared_expert_intermediate_size",),
    "num_experts": ("num_experts", "n_routed_experts", "num_local_experts", "moe_num_experts"),
    "num_experts_per_tok": (
        "num_experts_per_tok",
        "experts_per_token",
        "moe_top_k",
        "num_experts_per_token",
    ),
    "n_shared_experts": ("n_shared_experts", "num_shared_experts"),
    "first_k_dense_replace": ("first_k_dense_replace",),
    "moe_layer_step": ("interleave_moe_layer_step", "decoder_sparse_step", "moe_layer_freq"),
    "num_attention_heads": ("num_attention_heads", "n_heads", "n_head"),
    "num_key_value_heads": ("num_key_value_heads", "n_kv_heads", "kv_n_heads", "num_kv_heads"),
    "head_dim": ("head_dim",),
    "q_lora_rank": ("q_lora_rank",),
    "kv_lora_rank": ("kv_lora_rank",),
    "qk_nope_head_dim": ("qk_nope_head_dim",),
    "qk_rope_head_dim": ("qk_rope_head_dim",),
    "v_head_dim": ("v_head_dim",),
    "vocab_size": ("vocab_size", "padded_vocab_size"),
    "num_nextn_predict_layers": ("num_nextn_predict_layers",),
}
EXPERT_KEYS = frozenset(CONFIG_KEYS["num_experts"] + CONFIG_KEYS["num_experts_per_tok"])
MOE_MODEL_TYPES = frozenset(
    {
        "dbrx",
        "deepseek_v2",
        "deepseek_v3",
        "deepseek_v32",
        "dots1",
        "ernie4_5_moe",
        "glm4_moe",
        "gpt_oss",
        "grok-1",
        "hunyuan_v1_moe",
        "jamba",
        "jetmoe",
        "kimi_k2",
        "llama4",
        "llama4_text",
        "longcat_flash",
        "minimax",
        "minimax_m1",
        "minimax_m2",
        "mixtral",
        "olmoe",
        "phimoe",
        "qwen2_moe",
        "qwen3_moe",
        "qwen3_next",
        "step3",
    }
)
# 4-bit weights packed into integer tensors: their element count is 2-8x the real one.
PACKED_DTYPES = frozenset({"I8", "U8", "I16", "U16", "I32", "U32", "I64"})


# -- URLs -----------------------------------------------------------------------------
def info_url(repo: str) -> str:
    query = "&".join(f"expand%5B%5D={key}" for key in EXPAND)
    return f"{HUB}/api/models/{repo}?{query}"


def config_url(repo: str, sha: str) -> str:
    return f"{HUB}/{repo}/resolve/{sha}/config.json"


def listing_url(org: str) -> str:
    return (
        f"{HUB}/api/models?author={org}&sort=createdAt&direction=-1&limit={ORG_LISTING_LIMIT}"
        "&expand%5B%5D=createdAt&expand%5B%5D=safetensors"
    )


def frontier_orgs() -> list[str]:
    configured = os.environ.get("HF_FRONTIER_ORGS")
    if configured is None:
        return list(FRONTIER_ORGS)
    return [org.strip() for org in configured.split(",") if org.strip()]


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def is_developer_repo(author: str | None, repo: str) -> bool:
    """True when an OpenRouter author's hugging_face_id is in the developer's own org."""
    if not author or not REPO_RE.match(repo):
        return False
    org = repo.split("/", 1)[0]
    own = {o.lower() for o in AUTHOR_ORGS.get(author.lower(), ())}
    return org.lower() in own or _squash(org) == _squash(author)


# -- config helpers -------------------------------------------------------------------
def _scopes(config: dict[str, Any]) -> list[dict[str, Any]]:
    scopes = [config]
    scopes += [config[key] for key in NESTED_CONFIGS if isinstance(config.get(key), dict)]
    return scopes


def config_value(config: dict[str, Any], field: str) -> Any:
    """The first value of a field under any of its names, top level first, then nested."""
    for scope in _scopes(config):
        for key in CONFIG_KEYS.get(field, (field,)):
            if scope.get(key) is not None:
                return scope[key]
    return None


def is_mixture_of_experts(config: Any) -> bool:
    if not isinstance(config, dict):
        return False
    for scope in _scopes(config):
        if any(scope.get(key) not in (None, 0, 1) for key in EXPERT_KEYS):
            return True
        model_type = str(scope.get("model_type") or "").lower()
        if model_type in MOE_MODEL_TYPES or "moe" in model_type:
            return True
        architectures = scope.get("architectures") or []
        if isinstance(architectures, list) and any(
            re.search(r"moe|mixtral", str(name), re.IGNORECASE) for name in architectures
        ):
            return True
    return False


def _int_or_none(value: Any) -> int | None:
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
            number = _int_or_none(count)
        except ValueError:
            raise ValueError(f"safetensors.parameters.{dtype} is {count!r}") from None
        if number is not None:
            per_dtype[str(dtype)] = number
    try:
        total = _int_or_none(value.get("total"))
    except ValueError:
        raise ValueError(f"safetensors.total is {value.get('total')!r}") from None
    if not per_dtype:
        return total, None, None, None
    if len(per_dtype) == 1:  # the usual case: one dtype
        (dominant,) = per_dtype
    else:  # ties go to the first name in sorted order
        dominant = max(sorted(per_dtype), key=lambda dtype: per_dtype[dtype])
    return total, per_dtype, dominant, per_dtype[dominant]


def _safetensors_largest(value: Any) -> int:
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
    row: dict[str, Any] = {
        "repo_id": repo,
        "requested_repo_id": repo,
        "request_url": request_url,
        "status": status,
        "sha": None,
        "created_at": None,
        "gated": None,
        "license": None,
        "base_model": None,
        "library": None,
        "safetensors_total": None,
        "safetensors_parameters": None,
        "dominant_dtype": None,
        "dominant_dtype_parameters": None,
        "has_packed_int_weights": None,
        "model_type": None,
        "architectures": None,
        "is_mixture_of_experts": None,
        "record": body,
    }
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
    row: dict[str, Any] = {
        "repo_id": repo,
        "sha": revision,
        "request_url": request_url,
        "status": status,
        "model_type": None,
        "architectures": None,
        "tie_word_embeddings": None,
        "mlp_only_layer_count": None,
        **{field: None for field in CONFIG_KEYS},
        "config": body,
    }
    if status != 200:
        return row
    if not isinstance(body, dict):
        raise ValueError(f"config.json is a {type(body).__name__}, not an object")
    for field in CONFIG_KEYS:
        # A size that is not a whole number (a per-layer list, "auto") is left NULL rather
        # than losing the whole config: the config column keeps the value as published.
        try:
            row[field] = _int_or_none(config_value(body, field))
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


def _json(content: bytes) -> Any:
    text = decode_utf8(content).lstrip("\ufeff").strip()
    if not text:
        raise ParseError("empty file")
    if text.startswith("<"):
        raise ParseError("an HTML page, not JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not valid JSON (truncated or corrupt): {exc.msg} at character {exc.pos} "
            f"of {len(text)}"
        ) from exc


def _unusable_object(body: dict[str, Any]) -> str:
    """Why a JSON object is neither a bundle nor a model info, in the user's terms."""
    if not body:
        return "empty JSON object: no bundle entries and no model info"
    if isinstance(body.get("error"), str) and len(body) <= 2:
        return f"the Hub answered with an error, not a model info: {body['error']!r}"
    if "model_type" in body or "architectures" in body:
        return (
            "this is a config.json on its own: its repo and commit are unknown, so it cannot "
            "be loaded alone; load the model info JSON, or a bundle that keys the config by "
            "its https://huggingface.co/<org>/<name>/resolve/<sha>/config.json URL"
        )
    keys = ", ".join(sorted(map(str, body))[:8])
    return (
        "layout changed: neither a bundle (keys are request URLs) nor a model info "
        f"(an object with 'id'); found keys: {keys}"
    )


# -- listings, one model info at a time -----------------------------------------------
# A listing saved from /api/models can hold a million model infos (0.5 GB): parsed whole,
# its Python objects alone take 2.7 GB. So a listing is read one array element at a time
# (the same decoder and whitespace rules as json.loads), twice: once in parse() to find
# the rejected rows and count the good ones, once more as the load writes the rows. Only
# the capture's bytes stay in memory, never the whole document as objects.
LISTING_CHUNK_BYTES = 4 * 1024 * 1024
# A listing this long says how far the check has got, every this many model infos.
PROGRESS_EVERY_INFOS = 100_000
# An element still unfinished after this much text is not a model info (they are a few
# kB): the whole-document parse takes over and says what is wrong.
MAX_LISTING_ELEMENT_CHARS = 16 * 1024 * 1024
_JSON_SPACE = re.compile(r"[ \t\n\r]*")  # what json.loads allows between tokens
_ANY_SPACE = re.compile(r"\s*")  # what str.strip() removes (str.isspace)
_DECODER = json.JSONDecoder()


class _NotPlainListing(Exception):
    """Not a well-formed JSON array of objects. The whole-document parse (``_json``, then
    ``_parse_listing``) reads it instead, and its error names what is wrong."""


def _looks_like_listing(content: bytes) -> bool:
    """The document is a JSON array: after byte-order marks and whitespace, a '['."""
    head = content[:4096].decode("utf-8", "replace").lstrip("\ufeff").lstrip()
    return head.startswith("[")


def _listing_elements(content: bytes, *, keep_text: bool = False) -> Iterator[dict[str, Any]]:
    """Each element of a JSON array of objects, in order, as json.loads would give it
    (with ``keep_text``, as a ``JSONObject`` that also holds the element's own text).

    The bytes are decoded in chunks (as ``content.decode("utf-8", "replace")`` would, with
    the leading byte-order marks and the surrounding whitespace ``_json`` strips). Raises
    ``_NotPlainListing`` for anything json.loads would refuse, an element that is not an
    object, or an empty array.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    offset = 0
    done = False
    buf, pos = "", 0

    def refill() -> bool:
        """Append the next chunk of text to the unread part; False at the end."""
        nonlocal offset, done, buf, pos
        if done:
            return False
        chunk = content[offset : offset + LISTING_CHUNK_BYTES]
        offset += len(chunk)
        done = offset >= len(content)
        try:
            text = decoder.decode(chunk, final=done)
        except UnicodeDecodeError:
            raise _NotPlainListing from None  # _json refuses it with the byte's position
        buf, pos = buf[pos:] + text, 0
        return True

    def skip(allowed: re.Pattern[str]) -> None:
        nonlocal pos
        while True:
            pos = allowed.match(buf, pos).end()
            if pos < len(buf) or not refill():
                return

    refill()
    while True:  # _json: lstrip("\ufeff"), then strip()
        while pos < len(buf) and buf[pos] == "\ufeff":
            pos += 1
        if pos < len(buf) or not refill():
            break
    skip(_ANY_SPACE)
    if buf[pos : pos + 1] != "[":
        raise _NotPlainListing
    pos += 1
    skip(_JSON_SPACE)
    if buf[pos : pos + 1] == "]":
        raise _NotPlainListing  # empty: the whole-document parse says so
    while True:
        while True:
            try:
                element, end = _DECODER.raw_decode(buf, pos)
                break
            except json.JSONDecodeError:
                # Most often the element goes on in the next chunk.
                if len(buf) - pos > MAX_LISTING_ELEMENT_CHARS or not refill():
                    raise _NotPlainListing from None
        # An object ends with its own '}': one parsed here is whole, not cut by the chunk.
        if not isinstance(element, dict):
            raise _NotPlainListing
        if keep_text:
            element = JSONObject(element, buf[pos:end])
        pos = end
        yield element
        skip(_JSON_SPACE)
        separator = buf[pos : pos + 1]
        pos += 1
        if separator == "]":
            break
        if separator != ",":
            raise _NotPlainListing
        skip(_JSON_SPACE)
    while True:  # after the array, only what strip() removes
        rest = buf[pos:]
        if rest and not rest.isspace():
            raise _NotPlainListing
        pos = len(buf)
        if not refill():
            return


class ListingRows(Sequence[dict[str, Any]]):
    """The ``models`` rows of a listing, made again from its bytes each time they are read.

    ``parse`` checks every element first (``rejected`` holds the ones ``model_row`` refuses
    and the duplicates); iterating yields the rows of the others, the same rows
    ``_parse_infos`` would have kept in a list, without holding them all at once.
    """

    def __init__(self, content: bytes, rejected_numbers: frozenset[int], count: int):
        self._content = content
        self._rejected = rejected_numbers
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        # Each info keeps its text: the load writes it to the raw record as it is.
        for number, info in enumerate(_listing_elements(self._content, keep_text=True), start=1):
            if number not in self._rejected:
                yield model_row(info, request_url=None, status=200, repo=None)

    def __getitem__(self, index: Any) -> Any:  # reads every row: for tests, not the load
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ListingRows | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


def _is_bundle(body: dict[str, Any]) -> bool:
    """Keys are request URLs. A stray other key (a note added by hand) does not make it
    something else: that entry is rejected on its own."""
    if "id" in body or "modelId" in body:
        return False
    return any(str(key).startswith(("https://", "http://")) for key in body)


class HuggingFace(Source):
    name = "huggingface"
    ext = "json"
    description = "Hugging Face Hub model info (safetensors counts) and MoE config.json files"
    licence = "Hugging Face Terms of Service; each repo has its own licence (metadata only)"
    cadence = "changes when developers publish or update repos (weekly to monthly)"
    tables = {
        "models": {
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
        },
        "configs": {
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
        },
    }

    # -- which repos -------------------------------------------------------------------
    def hints_from_warehouse(self, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        repos = _openrouter_repos(con) + _seed_repos(con)
        return {"repos": list(dict.fromkeys(repos)), "orgs": frontier_orgs()}

    # -- fetch -------------------------------------------------------------------------
    def fetch(self, ctx: FetchContext) -> FetchResult:
        client = _Client(ctx, os.environ.get("HF_TOKEN") or None)
        orgs = ctx.hints.get("orgs")
        orgs = frontier_orgs() if orgs is None else orgs
        repos = [repo for repo in ctx.hints.get("repos", []) if REPO_RE.match(repo)]
        if not repos and not orgs:
            raise http.FetchError("no repositories to look up (no hints and no frontier orgs)")
        bundle: dict[str, dict[str, Any]] = {}
        for org in orgs:
            url = listing_url(org)
            entry = bundle[url] = client.get(url)
            listed = entry["body"] if isinstance(entry["body"], list) else []
            big = [
                str(item["id"])
                for item in listed
                if isinstance(item, dict)
                and REPO_RE.match(str(item.get("id", "")))
                and _safetensors_largest(item.get("safetensors")) >= MIN_LISTED_PARAMETERS
            ]
            _progress(f"org {org}: {_status(entry)}, {len(big)} large repo(s)")
            repos += big
        repos = list(dict.fromkeys(repos))
        for number, repo in enumerate(repos, start=1):
            url = info_url(repo)
            entry = bundle[url] = client.get(url)
            note = ""
            body = entry["body"]
            if isinstance(body, dict) and is_mixture_of_experts(body.get("config")):
                sha = str(body.get("sha") or "")
                if SHA_RE.match(sha):
                    curl = config_url(repo, sha)
                    bundle[curl] = client.get(curl, immutable=True)
                    note = f", config.json {_status(bundle[curl])}"
            _progress(f"[{number}/{len(repos)}] {repo}: {_status(entry)}{note}")
        if not any(_usable(url, entry) for url, entry in bundle.items()):
            reasons = sorted({_status(entry) for entry in bundle.values()})
            raise http.FetchError(
                f"every Hugging Face request failed ({len(bundle)} requests: {', '.join(reasons)})"
            )
        ordered = dict(sorted(bundle.items()))
        if ordered == client.previous:
            return FetchResult(content=None, url=f"{HUB}/api/models")
        content = json.dumps(ordered, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        return FetchResult(content=content, url=f"{HUB}/api/models")

    # -- parse -------------------------------------------------------------------------
    def parse(self, content: bytes) -> ParseResult:
        if _looks_like_listing(content):
            try:
                return self._parse_listing_elements(content)
            except _NotPlainListing:
                pass  # parsed whole below, whose error says what is wrong
        body = _json(content)
        if isinstance(body, dict) and _is_bundle(body):
            return self._parse_bundle(body)
        if isinstance(body, dict) and ("id" in body or "modelId" in body):
            return self._parse_infos([body])
        if isinstance(body, list):
            return self._parse_listing(body)  # a listing saved from /api/models?author=...
        if isinstance(body, dict):
            raise ParseError(_unusable_object(body))
        raise ParseError(
            f"layout changed: expected a JSON object (a bundle or a model info) or a list of "
            f"model infos, got a {type(body).__name__}"
        )

    def _parse_listing_elements(self, content: bytes) -> ParseResult:
        """A listing read one element at a time: the rows and rejected rows
        ``_parse_listing`` gives, the rows made when the load reads them (ListingRows)."""
        rejected: list[Rejected] = []
        seen: set[str] = set()
        for number, info in enumerate(_listing_elements(content), start=1):
            if number % PROGRESS_EVERY_INFOS == 0:
                _progress(f"{number:,} model infos checked")
            try:
                repo_id, _, _ = checked_model_info(info)  # model_row's checks, no row built
                if repo_id in seen:
                    raise ValueError(f"duplicate model info for {repo_id!r}")
            except ValueError as exc:
                rejected.append(Rejected(number, str(exc), info))
                continue
            seen.add(repo_id)
        if not seen:
            raise ParseError(f"no usable model info: {rejected[0].reason}")
        rows = ListingRows(content, frozenset(r.row_number for r in rejected), len(seen))
        return ParseResult(tables={"models": rows, "configs": []}, rejected=rejected)

    def _parse_listing(self, body: list[Any]) -> ParseResult:
        if not body:
            raise ParseError("empty model listing: the JSON list holds no model info")
        odd = next((item for item in body if not isinstance(item, dict)), None)
        if odd is not None:
            raise ParseError(
                "layout changed: a JSON list, but not of model infos (it holds a "
                f"{type(odd).__name__})"
            )
        return self._parse_infos(body)

    def _parse_infos(self, infos: list[dict[str, Any]]) -> ParseResult:
        rows, rejected = [], []
        seen: set[str] = set()
        for number, info in enumerate(infos, start=1):
            try:
                row = model_row(info, request_url=None, status=200, repo=None)
                if row["repo_id"] in seen:
                    raise ValueError(f"duplicate model info for {row['repo_id']!r}")
            except ValueError as exc:
                rejected.append(Rejected(number, str(exc), info))
                continue
            seen.add(row["repo_id"])
            rows.append(row)
        if not rows:
            raise ParseError(f"no usable model info: {rejected[0].reason}")
        return ParseResult(tables={"models": rows, "configs": []}, rejected=rejected)

    def _parse_bundle(self, bundle: dict[str, Any]) -> ParseResult:
        models: list[dict[str, Any]] = []
        configs: list[dict[str, Any]] = []
        rejected: list[Rejected] = []
        successes = 0
        for number, (url, entry) in enumerate(sorted(bundle.items()), start=1):
            try:
                if not isinstance(entry, dict) or "status" not in entry:
                    raise ValueError("bundle entry is not {status, etag, body}")
                status = _int_or_none(entry.get("status"))
                body = entry.get("body")
                if (match := LISTING_URL_RE.match(url)) is not None:
                    continue  # org listings only steer which repos are fetched: not data
                if status == 200 and body is None:
                    raise ValueError(
                        f"status 200 but no JSON body ({entry.get('error') or 'null'})"
                    )
                if (match := CONFIG_URL_RE.match(url)) is not None:
                    configs.append(
                        config_row(
                            body,
                            request_url=url,
                            status=status,
                            repo=match["repo"],
                            revision=match["revision"],
                        )
                    )
                elif (match := INFO_URL_RE.match(url)) is not None:
                    models.append(
                        model_row(body, request_url=url, status=status, repo=match["repo"])
                    )
                else:
                    raise ValueError(f"not a Hugging Face model-info or config.json URL: {url}")
                successes += status == 200
            except ValueError as exc:
                rejected.append(Rejected(number, f"{url}: {exc}", entry))
        if not successes:
            # Org listings alone, failed requests or unreadable bodies: nothing to load.
            only_listings = all(LISTING_URL_RE.match(url) for url in bundle)
            reason = (
                rejected[0].reason
                if rejected
                else "it holds only org listings"
                if only_listings
                else "every request failed"
            )
            raise ParseError(f"no usable response in the bundle of {len(bundle)} URLs: {reason}")
        return ParseResult(tables={"models": models, "configs": configs}, rejected=rejected)


# -- fetch helpers --------------------------------------------------------------------
class _Client:
    """GETs one URL into a bundle entry, conditional on the previous bundle's ETag."""

    def __init__(self, ctx: FetchContext, token: str | None):
        self.session = ctx.session
        self.token = token
        self.previous = _previous_bundle(ctx.previous)

    def get(self, url: str, *, immutable: bool = False) -> dict[str, Any]:
        before = self.previous.get(url)
        if immutable and before and before.get("status") == 200:
            return dict(before)  # pinned to a commit sha: the content cannot change
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if before and before.get("status") == 200 and before.get("etag"):
            headers["If-None-Match"] = str(before["etag"])
        try:
            resp = http.get(self.session, url, headers=headers, allow_statuses=ANY_STATUS)
        except http.NetworkUnreachable:
            raise
        except http.FetchError as exc:
            return {"status": None, "etag": None, "body": None, "error": str(exc)}
        if resp.status == 304 and before:
            return dict(before)
        if resp.status != 200:
            return {"status": resp.status, "etag": None, "body": None}
        try:
            body = json.loads(resp.content)
        except ValueError:
            head = resp.content[:60].decode("utf-8", "replace")
            return {"status": 200, "etag": None, "body": None, "error": f"not JSON: {head!r}"}
        return {"status": 200, "etag": resp.etag, "body": body}


def _previous_bundle(capture: Capture | None) -> dict[str, Any]:
    if capture is None:
        return {}
    try:
        body = json.loads(capture.read())
    except (OSError, ValueError):
        return {}
    return body if isinstance(body, dict) and _is_bundle(body) else {}


def _usable(url: str, entry: dict[str, Any]) -> bool:
    """A model info or config.json that answered 200 with JSON (listings only steer)."""
    return (
        entry.get("status") == 200
        and entry.get("body") is not None
        and LISTING_URL_RE.match(url) is None
    )


def _status(entry: dict[str, Any]) -> str:
    if entry.get("status") is None:
        return "no response"
    if entry["status"] == 200 and entry.get("body") is None:
        return "200 but not JSON"
    return str(entry["status"])


def _progress(text: str) -> None:
    print(f"  huggingface: {text}", file=sys.stderr, flush=True)


# -- hints ----------------------------------------------------------------------------
def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str, column: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.columns "
        "where table_schema = ? and table_name = ? and column_name = ?",
        [schema, table, column],
    ).fetchone()
    return bool(row and row[0])


def _openrouter_repos(con: duckdb.DuckDBPyConnection) -> list[str]:
    if not _has_table(con, "raw", "openrouter__models", "hugging_face_id"):
        return []
    try:
        rows = con.execute(
            """
            select author, trim(hugging_face_id), _is_sample
            from raw.openrouter__models
            where nullif(trim(hugging_face_id), '') is not null
            order by hugging_face_id
            """
        ).fetchall()
    except duckdb.Error:
        return []
    has_real = any(not is_sample for _, _, is_sample in rows)
    return [
        repo
        for author, repo, is_sample in rows
        if not (has_real and is_sample) and is_developer_repo(author, repo)
    ]


def _seed_repos(con: duckdb.DuckDBPyConnection) -> list[str]:
    if not _has_table(con, "seeds", "known_model_specs", "hugging_face_id"):
        return []
    try:
        rows = con.execute(
            "select distinct trim(hugging_face_id) from seeds.known_model_specs "
            "where nullif(trim(hugging_face_id), '') is not null order by 1"
        ).fetchall()
    except duckdb.Error:
        return []
    return [repo for (repo,) in rows if REPO_RE.match(repo)]
