"""Epoch AI's CSV (reference only): parse on fixtures with Epoch's real quirks, fetch with
`responses` (ETag / 304), load into a real DuckDB, and --from-file through the CLI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import requests
import responses

from ingest import http
from ingest.captures import Capture, sha256_of
from ingest.cli import run
from ingest.config import SAMPLE_DIR
from ingest.sources.base import FetchContext, ParseError
from ingest.sources.epoch import URL, Epoch, map_headers, parse_date, parse_number
from ingest.warehouse import Warehouse


@pytest.fixture
def epoch_fixtures(fixtures: Path) -> Path:
    return fixtures / "epoch"


@pytest.fixture
def multiline(epoch_fixtures: Path) -> bytes:
    return (epoch_fixtures / "models_multiline.csv").read_bytes()


def rows_by_model(content: bytes) -> dict[str, dict]:
    return {row["model"]: row for row in Epoch().parse(content).tables["models"]}


# -- parse ----------------------------------------------------------------------------------------


def test_quoted_notes_with_newlines_commas_and_quotes_stay_in_one_field(multiline):
    # GIVEN Llama 3.1-405B's notes spanning three lines with "" quotes and commas
    llama = rows_by_model(multiline)["Llama 3.1-405B"]
    # THEN the row is read whole and every later column stays aligned
    assert llama["training_compute_notes"] == (
        "6 * 405e9 params * 15.6e12 tokens\n= 3.8e25\n"
        'Meta reports "3.8 × 10^25 FLOPs" in the paper, which agrees.'
    )
    assert llama["training_compute_flop"] == 3.8e25
    assert llama["parameters"] == 405e9  # "405000000000.0"
    assert llama["training_dataset_size"] == 15.6e12
    assert llama["confidence"] == "Confident"
    assert llama["model_accessibility"] == "Open weights (restricted use)"
    assert llama["country"] == "United States of America"
    assert llama["publication_date"] == date(2024, 7, 23)
    assert llama["record"]["Task"] == "Language modeling/generation,Question answering"


def test_float_noise_and_m_d_yyyy_dates(multiline):
    grok = rows_by_model(multiline)["Grok 3"]
    assert grok["training_compute_flop"] == pytest.approx(3.5e26, rel=1e-3)
    assert grok["publication_date"] == date(2025, 2, 17)  # "2/17/2025"
    assert grok["publication_date_text"] == "2/17/2025"


def test_empty_values_are_null_not_errors(multiline):
    gpt5 = rows_by_model(multiline)["GPT-5"]
    assert gpt5["training_compute_flop"] is None
    assert gpt5["confidence"] is None
    assert gpt5["parameters"] is None


def test_row_without_model_is_rejected_and_bad_values_are_null_with_a_reason(multiline):
    # GIVEN a row with no Model, and a row with "about 70B", "3e25?" and "sometime in 2024"
    parsed = Epoch().parse(multiline)
    # THEN the nameless row is rejected, the other is kept with NULLs, each problem recorded
    names = [row["model"] for row in parsed.tables["models"]]
    assert "Mystery Model" in names and len(names) == 5
    mystery = rows_by_model(multiline)["Mystery Model"]
    assert (
        mystery["parameters"],
        mystery["training_compute_flop"],
        mystery["publication_date"],
    ) == (
        None,
        None,
        None,
    )
    reasons = [(r.row_number, r.reason) for r in parsed.rejected]
    assert reasons == [
        (4, "Model is empty"),
        (5, "kept with NULL parameters: not a number: 'about 70B'"),
        (5, "kept with NULL training_compute_flop: not a number: '3e25?'"),
        (5, "kept with NULL publication_date: not YYYY-MM-DD or M/D/YYYY: 'sometime in 2024'"),
    ]


def test_drifted_headers_bom_and_crlf(epoch_fixtures):
    # GIVEN a CSV with a BOM, CRLF line ends, "(DEPRECATED) Training dataset size
    # (datapoints)", "Country (from Organization)", an unknown new column, and no Domain/Link
    content = (epoch_fixtures / "drifted_headers.csv").read_bytes()
    rows = rows_by_model(content)
    nemotron = rows["Nemotron-4 340B"]
    # THEN columns are mapped by name, the deprecated prefix stripped
    assert nemotron["training_dataset_size"] == 9e12
    assert (
        nemotron["training_dataset_size_header"]
        == "(DEPRECATED) Training dataset size (datapoints)"
    )
    assert nemotron["country"] == "United States of America"
    assert nemotron["publication_date"] == date(2024, 6, 14)
    assert nemotron["domain"] is None and nemotron["link"] is None
    assert nemotron["record"]["Some brand-new column"] == "x"
    assert rows["Claude 3 Opus"]["training_compute_notes"] == 'Benchmark-based, "speculative"'


def test_the_34_column_layout_parses_with_its_deprecated_dataset_size(epoch_fixtures):
    # GIVEN Epoch's 34-column layout (December 2026): the dataset size only under
    # "(DEPRECATED) Training dataset size (datapoints)", no "Last modified"
    content = (epoch_fixtures / "layout_34" / "large_scale_ai_models_34_columns.csv").read_bytes()
    # WHEN parsed
    result = Epoch().parse(content)
    rows = {row["model"]: row for row in result.tables["models"]}
    # THEN every row loads, the mapped fields read from the 34-column header
    assert result.rejected == []
    llama = rows["Llama 3.1-405B"]
    assert llama["training_dataset_size"] == 15.6e12
    assert llama["training_dataset_size_header"] == (
        "(DEPRECATED) Training dataset size (datapoints)"
    )
    assert llama["parameters"] == 405e9 and llama["training_compute_flop"] == 3.8e25
    assert llama["country"] == "United States of America"
    assert llama["model_accessibility"] == "Open weights (restricted use)"
    assert llama["last_modified"] is None
    assert rows["GPT-4o"]["domain"] == "Multimodal,Language,Vision,Speech"
    assert rows["Llama-3.1-Nemotron-70B-Instruct"]["publication_date"] == date(2024, 10, 15)
    # AND columns the parser does not map stay in the raw record
    assert rows["Llama-3.1-Nemotron-70B-Instruct"]["record"]["Base model"] == "Llama 3.1-70B"


def test_the_47_column_sample_still_parses():
    # GIVEN the committed sample in the older 47-column layout ("Training dataset size (total)")
    (path,) = sorted((SAMPLE_DIR / "epoch").glob("*.csv"))
    result = Epoch().parse(path.read_bytes())
    header = path.read_text(encoding="utf-8").split("\n")[0].split(",")
    # THEN it keeps its layout and its rows parse with the dataset size mapped
    assert len(header) == 47
    sized = [row for row in result.tables["models"] if row["training_dataset_size"]]
    assert sized and {row["training_dataset_size_header"] for row in sized} == {
        "Training dataset size (total)"
    }


def test_current_header_wins_over_its_deprecated_twin():
    header = [
        "Model",
        "Training compute (FLOP)",
        "(DEPRECATED) Training dataset size (datapoints)",
        "Training dataset size (total)",
    ]
    assert map_headers(header)["training_dataset_size"] == 3


def test_missing_required_column_is_a_layout_change(epoch_fixtures):
    content = (epoch_fixtures / "missing_compute_column.csv").read_bytes()
    with pytest.raises(
        ParseError, match=r"layout changed: column\(s\) 'Training compute \(FLOP\)'"
    ):
        Epoch().parse(content)


def test_html_instead_of_csv_is_a_parse_error(epoch_fixtures):
    content = (epoch_fixtures / "epoch_error_page.html").read_bytes()
    with pytest.raises(ParseError, match="not CSV: an HTML page"):
        Epoch().parse(content)


def test_truncated_inside_a_quoted_note_is_a_parse_error(multiline):
    cut = multiline[: multiline.index(b"= 3.8e25")]
    with pytest.raises(ParseError, match="truncated CSV"):
        Epoch().parse(cut)


def test_empty_file_and_header_only_are_parse_errors():
    with pytest.raises(ParseError, match="empty file"):
        Epoch().parse(b"")
    with pytest.raises(ParseError, match="no usable rows"):
        Epoch().parse(b"Model,Training compute (FLOP)\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("405000000000.0", 405e9),
        ("3.5000000000000006e+26", 3.5000000000000006e26),
        ("", None),
        (" 1,000 ", 1000.0),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["about 70B", "nan", "3e25?"])
def test_parse_number_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024-07-23", date(2024, 7, 23)), ("7/23/2024", date(2024, 7, 23)), ("", None)],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["23/07/2024", "2024-13-01", "July 2024", "2024"])
def test_parse_date_refuses_other_formats(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_sample_is_named_by_its_hash_and_parses_cleanly():
    (sample,) = sorted((SAMPLE_DIR / "epoch").glob("*.csv"))
    content = sample.read_bytes()
    assert sample.stem.split("_")[1] == sha256_of(content)[:8]
    parsed = Epoch().parse(content)
    assert parsed.rejected == []
    rows = {row["model"]: row for row in parsed.tables["models"]}
    assert len(rows) >= 25
    assert {"Llama 3.1-405B", "GPT-4o", "Claude 3 Opus", "Gemini 1.0 Ultra"} <= set(rows)
    assert len(json.loads(json.dumps(rows["GPT-4o"]["record"]))) >= 45  # Epoch's ~45 columns


# -- fetch ------------------------------------------------------------------------------------


@pytest.fixture
def session() -> requests.Session:
    return http.make_session(retries=2, backoff_factor=0)


def _previous(tmp_path: Path, etag: str | None) -> Capture:
    path = tmp_path / "20251001T000000Z_abcdef12.csv"
    path.write_bytes(b"Model,Training compute (FLOP)\nx,1\n")
    return Capture("epoch", path, datetime(2025, 10, 1, tzinfo=UTC), "abc", etag=etag)


@responses.activate
def test_fetch_200_returns_the_bytes_and_the_etag(session, multiline):
    responses.get(URL, body=multiline, headers={"ETag": '"v2"'}, content_type="text/csv")
    result = Epoch().fetch(FetchContext(session, None))
    assert result.content == multiline
    assert result.etag == '"v2"'
    assert "If-None-Match" not in responses.calls[0].request.headers


@responses.activate
def test_fetch_sends_the_previous_etag_and_304_means_unchanged(session, tmp_path):
    # GIVEN an earlier capture with ETag "v1" and a server answering 304
    responses.get(URL, status=304)
    result = Epoch().fetch(FetchContext(session, _previous(tmp_path, '"v1"')))
    # THEN the conditional header was sent and nothing new is captured
    assert responses.calls[0].request.headers["If-None-Match"] == '"v1"'
    assert result.content is None
    assert result.etag == '"v1"'


@responses.activate
def test_fetch_404_is_a_fetch_error(session):
    responses.get(URL, status=404)
    with pytest.raises(http.FetchError, match="HTTP 404"):
        Epoch().fetch(FetchContext(session, None))


@responses.activate
def test_fetch_retries_a_503_then_succeeds(session, multiline):
    responses.get(URL, status=503)
    responses.get(URL, body=multiline)
    result = Epoch().fetch(FetchContext(session, None))
    assert result.content == multiline
    assert len(responses.calls) == 2


@responses.activate
def test_fetch_timeout_is_a_fetch_error(session):
    responses.get(URL, body=requests.exceptions.ConnectTimeout("connect timed out"))
    with pytest.raises(http.FetchError, match="timed out"):
        Epoch().fetch(FetchContext(session, None))


# -- load and CLI -------------------------------------------------------------------------------


def test_load_into_duckdb(tmp_path, multiline):
    source = Epoch()
    path = tmp_path / "20251020T090000Z_12345678.csv"
    path.write_bytes(multiline)
    capture = Capture("epoch", path, datetime(2025, 10, 20, 9, tzinfo=UTC), sha256_of(multiline))
    with Warehouse(tmp_path / "w.duckdb") as wh:
        loaded = wh.load(source, capture, source.parse(multiline), "run-1")
        row = wh.con.execute(
            "select publication_date, training_compute_flop, training_compute_notes, "
            "record->>'Authors' from raw.epoch__models where model = 'Llama 3.1-405B'"
        ).fetchone()
        rejected = wh.con.execute(
            "select count(*) from raw.rejected_rows where source = 'epoch'"
        ).fetchone()[0]
    assert loaded == 5
    assert row[0] == date(2024, 7, 23) and row[1] == 3.8e25
    assert row[2].count("\n") == 2
    assert row[3] == "Abhimanyu Dubey, Abhinav Jauhri, et al."
    assert rejected == 4


def test_from_file_loads_a_saved_csv(settings, epoch_fixtures):
    path = epoch_fixtures / "drifted_headers.csv"
    status, outcomes = run(["--from-file", f"epoch={path}"], settings=settings)
    assert status == 0
    assert (outcomes[0].status, outcomes[0].rows_loaded) == ("ok", 2)
    with Warehouse(settings.db_path) as wh:
        models = wh.con.execute("select model from raw.epoch__models order by 1").fetchall()
    assert models == [("Claude 3 Opus",), ("Nemotron-4 340B",)]


def test_from_file_with_html_fails_the_source_and_names_why(settings, epoch_fixtures):
    path = epoch_fixtures / "epoch_error_page.html"
    status, outcomes = run(["--from-file", f"epoch={path}"], settings=settings)
    assert status == 1
    assert outcomes[0].status == "failed" and "not CSV" in outcomes[0].error
