"""Text that is not what it seems: spreadsheet formulas and control characters in CSV
exports, HTML and markdown in reports, JSON that is not UTF-8, apostrophes in paths, and
--from-file given something that is not a saved response. All in-process, no dbt build."""

from __future__ import annotations

import csv
import json
import os
import signal
import tempfile
from pathlib import Path

import duckdb
import pytest

from ingest import cli
from ingest.outputs import exports, safe_text
from ingest.outputs.formatting import md_cell
from ingest.review_export import _cell as review_cell
from ingest.sources.base import ParseError
from ingest.sources.huggingface import HuggingFace
from ingest.sources.lmarena import LMArena
from ingest.sources.openrouter import OpenRouter
from ingest.sources.wikipedia import Wikipedia

WAREHOUSE_SQL = Path(__file__).resolve().parent.parent / "fixtures" / "outputs" / "warehouse.sql"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def _sample(source: str) -> Path:
    return next(p for p in (SAMPLE / source).iterdir() if p.name[0].isdigit())


@pytest.fixture
def hostile_warehouse():
    """GIVEN the tiny warehouse of the export tests, with source text made hostile."""
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.read_text())
    (model_id,) = con.execute(
        "select model_id from marts.models_above_1e25_flop order by model_id limit 1"
    ).fetchone()
    con.execute(
        "update marts.models_above_1e25_flop set model_name = ?, organization = ?, "
        "training_compute_notes = ? where model_id = ?",
        [FORMULA, "@SUM(A1)", "line one\r\nline\x00two\tend", model_id],
    )
    yield con, model_id
    con.close()


def test_csv_export_neutralizes_formulas_and_control_characters(hostile_warehouse, tmp_path):
    con, model_id = hostile_warehouse
    # WHEN exported
    result = exports.export_published(con, tmp_path)
    with result.csv_path.open(newline="", encoding="utf-8") as handle:
        rows = {row["model_id"]: row for row in csv.DictReader(handle)}
    row = rows[model_id]
    # THEN a formula-leading text cell starts with a quote (OWASP), control characters
    # are spaces, and the raw bytes hold no NUL, CR or stray LF inside a cell
    assert row["Model"] == "'" + FORMULA
    assert row["Organization"] == "'@SUM(A1)"
    assert row["Training compute notes"] == "line one  line two end"
    raw = result.csv_path.read_bytes()
    assert b"\x00" not in raw and b"\r" not in raw
    assert raw.count(b"\n") == len(rows) + 1
    # AND numbers are untouched
    assert float(row["Training compute (FLOP)"]) > 0


def test_parquet_export_keeps_the_text_exact(hostile_warehouse, tmp_path):
    con, model_id = hostile_warehouse
    result = exports.export_published(con, tmp_path)
    check = duckdb.connect()
    try:
        (name,) = check.execute(
            "select Model from read_parquet(?) where model_id = ?",
            [str(result.parquet_path), model_id],
        ).fetchone()
    finally:
        check.close()
    assert name == FORMULA


def test_csv_cell_rules():
    assert safe_text.csv_cell("-2+3") == "'-2+3"
    assert safe_text.csv_cell("+1") == "'+1"
    assert safe_text.csv_cell("\tx") == "' x"
    assert safe_text.csv_cell("GPT-4") == "GPT-4"
    assert safe_text.csv_cell(None) is None
    # The contractors' review queue export too; its numbers stay numbers.
    assert review_cell(FORMULA) == "'" + FORMULA
    assert review_cell(-1.5) == "-1.5"


def test_markdown_escapes_html_and_markdown_marks():
    text = md_cell("<script>alert(1)</script> | [link](http://evil.example) *b* `c`\nx")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\|" in text and "\\[link\\]" in text and "\\*b\\*" in text and "\\`c\\`" in text
    assert "\n" not in text
    assert md_cell("# heading") == "\\# heading"


def test_summary_lines_escape_model_names():
    from ingest.outputs.summary import ModelState, _state_text

    line = _state_text(ModelState("m", "<img src=x onerror=alert(1)>", 2e25, "above", True))
    assert "<img" not in line and "&lt;img" in line


def _latin1(content: bytes) -> bytes:
    return content.decode("utf-8").replace("Claude", "Cl\u00e4ude").encode("latin-1", "replace")


@pytest.mark.parametrize(
    "source, sample",
    [(OpenRouter(), "openrouter"), (HuggingFace(), "huggingface"), (Wikipedia(), "wikipedia")],
)
def test_json_that_is_not_utf8_is_refused_with_a_clear_message(source, sample):
    # GIVEN a JSON capture saved in Latin-1 (a byte 0xe4 where UTF-8 needs two)
    content = _sample(sample).read_bytes()
    text = content.decode("utf-8")
    content = (text[:200] + "Cl\u00e4ude" + text[200:]).encode("latin-1", "replace")
    # WHEN parsed THEN it is refused, naming the byte and what to do
    with pytest.raises(ParseError, match=r"not UTF-8 text: byte 0xe4 .* save it as UTF-8"):
        source.parse(content)


def test_an_apostrophe_in_tmpdir_and_the_exports_folder_works(hostile_warehouse, tmp_path):
    # GIVEN TMPDIR and the exports folder with an apostrophe in their names
    odd = tmp_path / "o'brien's tmp"
    odd.mkdir()
    saved = tempfile.tempdir
    tempfile.tempdir = str(odd)
    try:
        # WHEN an LMArena capture is parsed (it goes through a temporary file)
        parsed = LMArena().parse(_sample("lmarena").read_bytes())
    finally:
        tempfile.tempdir = saved
    # THEN it reads
    assert parsed.row_count > 0
    # AND the exports are written into a folder with an apostrophe
    con, _ = hostile_warehouse
    result = exports.export_published(con, tmp_path / "exports 'q'")
    assert result.csv_path.exists() and result.parquet_path.exists()


def _from_file(settings, name: str, path: Path) -> cli.SourceOutcome:
    status, outcomes = cli.run(["--from-file", f"{name}={path}"], settings)
    assert status == 1
    return outcomes[0]


def test_from_file_refuses_a_fifo_a_device_and_a_folder_without_reading(settings, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    # WHEN given a FIFO (reading would hang), /dev/zero (reading never ends), a folder;
    # a loader that reads them anyway fails here after 60 s instead of hanging the suite
    def _hung(signum, frame):
        raise TimeoutError("--from-file read a FIFO or a device instead of refusing it")

    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(60)
    try:
        outcomes = {
            "fifo": _from_file(settings, "openrouter", fifo),
            "device": _from_file(settings, "openrouter", Path("/dev/zero")),
            "folder": _from_file(settings, "openrouter", tmp_path),
        }
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    # THEN each fails at once, saying what the path is
    assert "is a pipe (FIFO)" in outcomes["fifo"].error
    assert "is a device" in outcomes["device"].error
    assert "is a folder" in outcomes["folder"].error
    assert all(o.status == "failed" for o in outcomes.values())


def test_from_file_applies_the_size_cap(settings, tmp_path, monkeypatch):
    # GIVEN a cap of 1 KiB for OpenRouter (the default is the live fetch's)
    monkeypatch.setenv("TRACKER_MAX_CAPTURE_MB_OPENROUTER", str(1 / 1024))
    outcome = _from_file(settings, "openrouter", _sample("openrouter"))
    # THEN the file is refused with the variable that raises the cap
    assert "larger than the" in outcome.error
    assert "TRACKER_MAX_CAPTURE_MB_OPENROUTER" in outcome.error


@pytest.mark.parametrize("name", ["lmarena", "openrouter", "epoch", "wikipedia", "huggingface"])
def test_from_file_never_echoes_a_file_that_is_not_the_sources_format(settings, tmp_path, name):
    # GIVEN a private text file (as /etc/passwd)
    secret = tmp_path / "passwd"
    secret.write_text(
        "alice:x:1000:1000:SECRET-TOKEN-42:/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob\n",
        encoding="utf-8",
    )
    # WHEN given as a capture THEN it fails without repeating any of it
    outcome = _from_file(settings, name, secret)
    assert outcome.status == "failed"
    assert "SECRET" not in outcome.error and "alice" not in outcome.error, outcome.error


def test_json_sample_round_trip_still_loads(settings):
    # The checks above refuse only what they should: the UTF-8 samples still load.
    status, outcomes = cli.run(["--from-file", f"openrouter={_sample('openrouter')}"], settings)
    assert status == 0 and outcomes[0].rows_loaded > 0
    assert json.loads(_sample("openrouter").read_bytes())["data"]
