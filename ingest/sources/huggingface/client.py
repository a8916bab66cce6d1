"""The HTTP client of a fetch and the bundle it fills: one entry per request URL,
``{"status", "etag", "body"}``, conditional on the previous bundle's ETag."""

from __future__ import annotations

import json
from typing import Any

from ingest import http
from ingest.captures import Capture
from ingest.sources.base import FetchContext
from ingest.sources.huggingface.urls import LISTING_URL_RE

# Every status comes back as an entry of the bundle; only timeouts and refused
# connections raise (http.get retries 429 and 5xx first).
ANY_STATUS = tuple(range(100, 600))


def is_bundle(body: dict[str, Any]) -> bool:
    """Keys are request URLs. A stray other key (a note added by hand) does not make it
    something else: that entry is rejected on its own."""
    if "id" in body or "modelId" in body:
        return False
    return any(str(key).startswith(("https://", "http://")) for key in body)


class Client:
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
    return body if isinstance(body, dict) and is_bundle(body) else {}


def is_usable(url: str, entry: dict[str, Any]) -> bool:
    """A model info or config.json that answered 200 with JSON (listings only steer)."""
    return (
        entry.get("status") == 200
        and entry.get("body") is not None
        and LISTING_URL_RE.match(url) is None
    )


def status_text(entry: dict[str, Any]) -> str:
    if entry.get("status") is None:
        return "no response"
    if entry["status"] == 200 and entry.get("body") is None:
        return "200 but not JSON"
    return str(entry["status"])
