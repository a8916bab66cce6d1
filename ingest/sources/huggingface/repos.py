"""Which repos a fetch looks up: the ``hugging_face_id`` links OpenRouter gives for a
developer's own organization (community re-uploads skipped), the known-specs seed's, and
the newest large repos of a few frontier organizations (``FRONTIER_ORGS``, or
``HF_FRONTIER_ORGS``). The only part of this source that reads other sources' tables."""

from __future__ import annotations

import os
import re

import duckdb

from ingest.sources.huggingface.urls import REPO_RE

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


def repos_from_warehouse(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The repos the warehouse names, OpenRouter's first, each once."""
    return list(dict.fromkeys(_openrouter_repos(con) + _seed_repos(con)))


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
