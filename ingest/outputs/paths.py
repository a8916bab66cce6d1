"""Where outputs go, and how they are written.

``TRACKER_EXPORTS_DIR`` (default ``exports/``) and ``TRACKER_REPORTS_DIR`` (default
``reports/``) may be relative: they resolve against the repository root, like
``TRACKER_DB``. Tests point them at temporary folders.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ingest.config import REPO_ROOT


def _resolve(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


def exports_dir() -> Path:
    return _resolve(os.environ.get("TRACKER_EXPORTS_DIR", "exports"))


def reports_dir() -> Path:
    return _resolve(os.environ.get("TRACKER_REPORTS_DIR", "reports"))


def point_in_time_dir() -> Path:
    return _resolve(os.environ.get("TRACKER_POINT_IN_TIME_DIR", "point_in_time"))


def temp_path_beside(path: Path) -> Path:
    """A fresh temporary file name in the same folder (so a rename is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for everyone to read
    return Path(tmp)


def write_atomic(path: Path, content: bytes | str) -> Path:
    """Write the whole file or nothing: a reader never sees a half-written output."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = temp_path_beside(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
