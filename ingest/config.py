"""Paths and settings shared by every ingestor.

`TRACKER_DB` (DuckDB file) and `TRACKER_DATA_DIR` (captures root) may be relative:
they resolve against the repository root, as profiles.yml does when dbt runs from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ingest import __version__

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
USER_AGENT = (
    f"frontier-compute-tracker/{__version__} "
    "(+https://github.com/frontier-compute-tracker/tracker; open research tool)"
)
CONNECT_TIMEOUT_S = 10
READ_TIMEOUT_S = 60
# No public source we read is larger than ~60 MB (LMArena's full history).
MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024


def max_capture_bytes(source: str) -> int:
    """The largest file ``--from-file`` takes for a source: the live fetch's cap, unless
    ``TRACKER_MAX_CAPTURE_MB_<SOURCE>`` (e.g. ``TRACKER_MAX_CAPTURE_MB_HUGGINGFACE``) or
    ``TRACKER_MAX_CAPTURE_MB`` (every source) sets another, in MiB (``make bench`` does,
    for its 1M-model listing)."""
    for name in (f"TRACKER_MAX_CAPTURE_MB_{source.upper()}", "TRACKER_MAX_CAPTURE_MB"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                megabytes = float(value)
            except ValueError:
                raise SystemExit(f"{name} must be a number of MiB, got {value!r}") from None
            if megabytes > 0:
                return int(megabytes * 1024 * 1024)
            raise SystemExit(f"{name} must be positive, got {value!r}")
    return MAX_DOWNLOAD_BYTES


def _resolve(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


@dataclass(frozen=True)
class Settings:
    db_path: Path
    data_dir: Path

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db_path=_resolve(os.environ.get("TRACKER_DB", "warehouse.duckdb")),
            data_dir=_resolve(os.environ.get("TRACKER_DATA_DIR", "data")),
        )
