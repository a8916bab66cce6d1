"""``exports/review_queue.csv``: the review queue as a spreadsheet for contractors.

One row per model to look at, rows on real data first, then most urgent first, with the
reason, the evidence links and the action to take; written after each build (``make
run``) from ``marts.review_queue``, or on demand with ``tracker review-queue``.
The folder is ``TRACKER_EXPORTS_DIR`` (default ``exports/``). The file is replaced
atomically; when some evidence is sample data, every such row says so in
``data_warning``. It starts with a UTF-8 byte-order mark so that Excel shows accents and
the × sign correctly.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import duckdb

from ingest.config import Settings
from ingest.outputs import safe_text
from ingest.outputs.paths import exports_dir, write_atomic

FILENAME = "review_queue.csv"
SAMPLE_WARNING = "SAMPLE DATA: not real figures"
# (CSV column, SQL over marts.review_queue)
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("review_rank", "review_rank"),
    ("model_id", "model_id"),
    ("model_name", "model_name"),
    ("organization", "organization"),
    ("review_reason", "review_reason"),
    ("review_detail", "review_detail"),
    ("action", "action"),
    ("training_compute_flop", "training_compute_flop"),
    ("confidence", "confidence"),
    ("threshold_class", "threshold_class"),
    ("is_in_published_list", "is_in_published_list"),
    ("is_verified", "is_verified"),
    ("evidence_links", "array_to_string(evidence_urls, ' ')"),
    ("data_warning", f"case when is_sample_data then '{SAMPLE_WARNING}' else '' end"),
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}"
    return safe_text.csv_cell(str(value)) or ""


def export_review_queue(db_path: Path, out_dir: Path) -> Path | None:
    """Write the CSV; None (and nothing written) when the warehouse has no review queue."""
    if not db_path.exists():
        return None
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        select = ", ".join(f"{sql} as {name}" for name, sql in EXPORT_COLUMNS)
        rows = con.execute(
            f"select {select} from marts.review_queue order by review_rank"
        ).fetchall()
    except duckdb.CatalogException:
        return None
    finally:
        con.close()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([name for name, _ in EXPORT_COLUMNS])
    writer.writerows([_cell(value) for value in row] for row in rows)
    # A byte-order mark, so Excel reads the file as UTF-8 (× and accents intact).
    return write_atomic(out_dir / FILENAME, "\ufeff" + buffer.getvalue())


def export_after_build(settings: Settings) -> None:
    """``make run``'s step after ``dbt build``: a failed export is reported, not fatal."""
    try:
        path = export_review_queue(settings.db_path, exports_dir())
    except (OSError, duckdb.Error) as exc:
        print(f"Review queue: NOT exported ({exc})")
        return
    if path is not None:
        print(f"Review queue: {path} (what a person should look at next)")


def main(argv: list[str] | None = None, prog: str = "python -m ingest.review_export") -> int:
    argparse.ArgumentParser(
        prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args(argv)
    path = export_review_queue(Settings.from_env().db_path, exports_dir())
    print(f"Review queue: {path}" if path else "Review queue: no marts.review_queue to export")
    return 0


if __name__ == "__main__":
    sys.exit(main())
