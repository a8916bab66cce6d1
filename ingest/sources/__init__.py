"""Registry of sources, in load order (epoch last: it is a validation reference only)."""

from __future__ import annotations

from ingest.sources.base import Source
from ingest.sources.lmarena import LMArena

SOURCES: dict[str, Source] = {source.name: source for source in (LMArena(),)}


def get_source(name: str) -> Source:
    try:
        return SOURCES[name]
    except KeyError:
        known = ", ".join(SOURCES)
        raise SystemExit(f"unknown source {name!r}; known sources: {known}") from None
