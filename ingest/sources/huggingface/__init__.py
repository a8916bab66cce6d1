"""Hugging Face Hub: model info (safetensors counts) and, for MoE models, config.json.

The source is ``source.HuggingFace``; its module says what it fetches and how a capture
is parsed, and names the package's other parts.
"""

from __future__ import annotations

from ingest.sources.huggingface.source import HuggingFace

__all__ = ["HuggingFace"]
