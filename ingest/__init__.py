"""Ingestors: fetch public sources, archive each response as a capture, load it into raw.*."""

__version__ = "0.1.0"
