"""Shared fixtures. Real network is blocked in every test: sockets to anything but
localhost raise, so a test that forgets to mock HTTP fails loudly instead of fetching."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from ingest.config import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"network access blocked in tests (tried {address!r})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(socket.gaierror("blocked"))
    )


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    """A warehouse and a captures root in a temporary folder, never the user's."""
    db = tmp_path / "warehouse.duckdb"
    data = tmp_path / "data"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    return Settings(db_path=db, data_dir=data)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
