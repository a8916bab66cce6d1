"""A refresh refuses to run beside another. `make run` end to end on the samples (the
summary, the published list, a second run that changes nothing, dbt docs' lineage) is
tested on the refresh that test_refresh_fingerprint.py runs for its own tests: one refresh
of the samples serves both."""

from __future__ import annotations

import pytest

from ingest import refresh


def test_a_second_refresh_while_one_runs_exits_with_a_clear_message(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    with (
        refresh.refresh_lock(db),
        pytest.raises(refresh.RefreshLocked, match="another refresh"),
        refresh.refresh_lock(db),
    ):
        pass
