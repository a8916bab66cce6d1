"""The capture archive: the exact bytes each source returned, kept forever.

A capture lives at ``<data_dir>/raw/<source>/<YYYYMMDDTHHMMSSZ>_<sha8>.<ext>`` with a
``.meta.json`` sidecar (URL, ETag, origin). It is written to a temporary file in the same
folder, flushed, then renamed: a crash leaves either the whole file or nothing. A capture
is never rewritten; archiving content that is already there returns the existing capture.
Responses that failed validation go to ``rejected/`` beside them, for diagnosis only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CAPTURE_NAME = re.compile(r"^(?P<ts>\d{8}T\d{6}Z)_(?P<tag>[0-9A-Za-z-]+)\.(?P<ext>[a-z0-9.]+)$")
TIME_FORMAT = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Capture:
    source: str
    path: Path
    captured_at: datetime
    sha256: str
    is_sample: bool = False
    url: str | None = None
    etag: str | None = None

    def read(self) -> bytes:
        return self.path.read_bytes()


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta.json")


def _atomic_write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_meta(path: Path) -> dict:
    meta = _meta_path(path)
    if not meta.exists():
        return {}
    try:
        return json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def capture_from_path(source: str, path: Path, *, is_sample: bool = False) -> Capture | None:
    match = CAPTURE_NAME.match(path.name)
    if not match or path.name.endswith(".meta.json"):
        return None
    captured_at = datetime.strptime(match["ts"], TIME_FORMAT).replace(tzinfo=UTC)
    meta = _read_meta(path)
    sha = meta.get("sha256") or sha256_of(path.read_bytes())
    return Capture(
        source=source,
        path=path,
        captured_at=captured_at,
        sha256=sha,
        is_sample=is_sample,
        url=meta.get("url"),
        etag=meta.get("etag"),
    )


def list_captures(folder: Path, source: str, *, is_sample: bool = False) -> list[Capture]:
    """Every capture in a folder, oldest first (ties broken by name)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            capture = capture_from_path(source, path, is_sample=is_sample)
            if capture is not None:
                found.append(capture)
    return sorted(found, key=lambda c: (c.captured_at, c.path.name))


STALE_PART_S = 3600


def remove_stale_parts(
    folder: Path, older_than_s: float = STALE_PART_S, pattern: str = ".tmp-*.part"
) -> list[Path]:
    """Delete the temporary files a killed process left: by default the ``.tmp-*.part``
    files of an interrupted archive (list_captures ignores them).

    Only files older than an hour go: a younger one may belong to a writer still running.
    """
    if not folder.is_dir():
        return []
    cutoff = time.time() - older_than_s
    removed = []
    for part in folder.glob(pattern):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
                removed.append(part)
        except OSError:
            continue
    return removed


def archive(
    folder: Path,
    source: str,
    content: bytes,
    *,
    ext: str,
    url: str | None,
    etag: str | None = None,
    origin: str = "live",
    now: datetime | None = None,
) -> tuple[Capture, bool]:
    """Store content as a new capture unless identical content is already archived.

    Returns the capture and whether it is new.
    """
    sha = sha256_of(content)
    remove_stale_parts(folder)
    for existing in list_captures(folder, source):
        if existing.sha256 == sha:
            return existing, False
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    stamp = now.strftime(TIME_FORMAT)
    path = folder / f"{stamp}_{sha[:8]}.{ext}"
    meta = {
        "source": source,
        "url": url,
        "etag": etag,
        "sha256": sha,
        "captured_at": now.isoformat(),
        "origin": origin,
        "bytes": len(content),
    }
    # Sidecar first: a capture without its sidecar is still valid (the hash is recomputed),
    # but a sidecar without its capture is ignored by list_captures.
    _atomic_write(_meta_path(path), json.dumps(meta, indent=2, sort_keys=True).encode())
    _atomic_write(path, content)
    return Capture(source, path, now, sha, False, url, etag), True


def keep_rejected(folder: Path, content: bytes, *, ext: str, reason: str) -> Path:
    """Keep a response that failed validation, for diagnosis; it is never loaded."""
    now = datetime.now(UTC).replace(microsecond=0)
    path = folder / "rejected" / f"{now.strftime(TIME_FORMAT)}_{sha256_of(content)[:8]}.{ext}"
    _atomic_write(path, content)
    _atomic_write(path.with_name(path.name + ".reason.txt"), reason.encode())
    return path
