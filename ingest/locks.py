"""Who holds the warehouse: the refresh lock, and DuckDB's lock error in plain words.

Shared by the loader (``ingest.warehouse``), the refresh and the publish step, so that
none of them imports another for it. Only one refresh (or publish) runs at a time per
warehouse; a second exits at once (75, EX_TEMPFAIL) or waits (``--wait SECONDS``).
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


class RefreshLocked(Exception):
    pass


@contextmanager
def refresh_lock(db_path: Path, wait_s: float = 0.0) -> Iterator[None]:
    """An exclusive lock beside the warehouse file, released when the process ends."""
    lock_path = db_path.with_name(db_path.name + ".refresh.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole refresh
    deadline = time.monotonic() + wait_s
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise RefreshLocked(
                        f"another refresh is running on {db_path} ({holder}); "
                        "wait for it to finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.5)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        yield
    finally:
        handle.close()


def catalog_name(path: Path) -> str:
    """The name DuckDB gives a database file: its name up to the first dot."""
    return path.name.split(".", 1)[0]


def is_lock_error(exc: BaseException) -> bool:
    """True for DuckDB's error when another process holds the database file."""
    text = str(exc)
    return isinstance(exc, duckdb.Error) and (
        "Could not set lock" in text or "Conflicting lock" in text
    )


def busy_message(db_path: Path, exc: BaseException, published: Path | None = None) -> str:
    found = HOLDER.search(str(exc))
    holder = f" ({found['program']}, PID {found['pid']})" if found else ""
    where = published or db_path.with_name(f"{catalog_name(db_path)}.published.duckdb")
    return (
        f"the warehouse {db_path} is open in another process{holder}. Close that session "
        f"and run the refresh again. Analysts: open the published copy instead, "
        f"`.venv/bin/duckdb -readonly {where}`: refreshes replace it without ever waiting "
        "for readers."
    )
