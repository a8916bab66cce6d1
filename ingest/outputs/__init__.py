"""Outputs for analysts, built from the warehouse after ``dbt build``.

- ``exports``: the published list in Epoch's column layout (CSV, Parquet) + ATTRIBUTION.md
- ``validation``: the gap analysis against Epoch AI's reference (reports/validation.md)
- ``charts``: compute trend and models-above-the-line per quarter (PNG)
- ``summary``: what the last refresh fetched and changed (reports/latest.md)
- ``freshness``: how long since each source last produced something new (stale named)
- ``point_in_time``: the list as it stood on a past date, in its own DuckDB file
- ``pipeline``: runs them all (``tracker outputs``)
"""
