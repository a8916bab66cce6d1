"""The Hub's URLs: what a request for a model info, a config.json or an organization's
listing looks like, and the patterns that read a repo back from a bundle's keys."""

from __future__ import annotations

import re

HUB = "https://huggingface.co"
EXPAND = ("safetensors", "config", "createdAt", "sha", "gated", "cardData")
ORG_LISTING_LIMIT = 20

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
