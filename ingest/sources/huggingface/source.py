"""Hugging Face Hub: model info (safetensors counts) and, for MoE models, config.json.

The source itself: what it fetches and how a capture is parsed. Its parts: ``urls``
(the Hub's URLs), ``repos`` (which repos to look up), ``client`` (the HTTP client and
the bundle it fills), ``rows`` (a response as a raw row), ``config`` (reading a
config.json), ``listing`` (a saved listing read one model info at a time).

Which repos: ``repos`` says. Per repo: one model-info request with ``expand[]`` (brackets
sent as ``%5B%5D``); for a mixture-of-experts model, also its ``config.json`` pinned to the
commit ``sha``, because only the full config has the sizes the active-parameter estimate
needs. ``HF_TOKEN`` (optional, environment only, never captured) lifts rate limits and
opens gated configs.

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

import json
import os
import sys
from typing import Any

import duckdb

from ingest import http
from ingest.sources.base import (
    FetchContext,
    FetchResult,
    ParseError,
    ParseResult,
    Rejected,
    Source,
    json_document,
    unique_rows,
)
from ingest.sources.huggingface.client import Client, is_bundle, is_usable, status_text
from ingest.sources.huggingface.config import is_mixture_of_experts
from ingest.sources.huggingface.listing import (
    ListingRows,
    NotPlainListing,
    listing_elements,
    listing_row,
    looks_like_listing,
)
from ingest.sources.huggingface.repos import (
    MIN_LISTED_PARAMETERS,
    frontier_orgs,
    repos_from_warehouse,
)
from ingest.sources.huggingface.rows import (
    CONFIG_COLUMNS,
    MODEL_COLUMNS,
    checked_model_info,
    config_row,
    int_or_none,
    model_row,
    safetensors_largest,
)
from ingest.sources.huggingface.urls import (
    CONFIG_URL_RE,
    HUB,
    INFO_URL_RE,
    LISTING_URL_RE,
    REPO_RE,
    SHA_RE,
    config_url,
    info_url,
    listing_url,
)

# A listing this long says how far the check has got, every this many model infos.
PROGRESS_EVERY_INFOS = 100_000


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


class HuggingFace(Source):
    name = "huggingface"
    ext = "json"
    description = "Hugging Face Hub model info (safetensors counts) and MoE config.json files"
    licence = "Hugging Face Terms of Service; each repo has its own licence (metadata only)"
    cadence = "changes when developers publish or update repos (weekly to monthly)"
    tables = {"models": MODEL_COLUMNS, "configs": CONFIG_COLUMNS}

    # -- which repos -------------------------------------------------------------------
    def hints_from_warehouse(self, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        return {"repos": repos_from_warehouse(con), "orgs": frontier_orgs()}

    # -- fetch -------------------------------------------------------------------------
    def fetch(self, ctx: FetchContext) -> FetchResult:
        client = Client(ctx, os.environ.get("HF_TOKEN") or None)
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
                and safetensors_largest(item.get("safetensors")) >= MIN_LISTED_PARAMETERS
            ]
            _progress(f"org {org}: {status_text(entry)}, {len(big)} large repo(s)")
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
                    note = f", config.json {status_text(bundle[curl])}"
            _progress(f"[{number}/{len(repos)}] {repo}: {status_text(entry)}{note}")
        if not any(is_usable(url, entry) for url, entry in bundle.items()):
            reasons = sorted({status_text(entry) for entry in bundle.values()})
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
        if looks_like_listing(content):
            try:
                return self._parse_listing_elements(content)
            except NotPlainListing:
                pass  # parsed whole below, whose error says what is wrong
        body = json_document(content)
        if isinstance(body, dict) and is_bundle(body):
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
        starts: dict[int, int] = {}
        for number, info in enumerate(listing_elements(content, starts=starts), start=1):
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
        rows = ListingRows(content, frozenset(r.row_number for r in rejected), len(seen), starts)
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
        rows, rejected = unique_rows(
            infos,
            listing_row,
            "repo_id",
            lambda repo: f"duplicate model info for {repo!r}",
        )
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
                status = int_or_none(entry.get("status"))
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


def _progress(text: str) -> None:
    print(f"  huggingface: {text}", file=sys.stderr, flush=True)
