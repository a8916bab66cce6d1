"""Registry of sources, in load order (epoch last: it is a validation reference only)."""

from __future__ import annotations

from ingest.sources.base import Source
from ingest.sources.epoch import Epoch
from ingest.sources.huggingface import HuggingFace
from ingest.sources.lmarena import LMArena
from ingest.sources.openrouter import OpenRouter
from ingest.sources.wikipedia import Wikipedia

SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        LMArena(),
        OpenRouter(),
        HuggingFace(),  # after openrouter: it reads OpenRouter's hugging_face_id links
        Wikipedia(),
        Epoch(),  # last: a validation reference, never an input
    )
}


def get_source(name: str) -> Source:
    try:
        return SOURCES[name]
    except KeyError:
        known = ", ".join(SOURCES)
        raise SystemExit(f"unknown source {name!r}; known sources: {known}") from None
