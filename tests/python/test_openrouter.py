"""OpenRouter: parse on fixture bodies in the API's exact format, fetch with `responses`,
load into a real DuckDB, and --from-file through the CLI."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import requests
import responses

from ingest import captures, cli, http
from ingest.sources.base import FetchContext, ParseError
from ingest.sources.openrouter import URL, OpenRouter
from ingest.warehouse import Warehouse

SOURCE = OpenRouter()


def read(fixtures, name: str) -> bytes:
    return (fixtures / "openrouter" / name).read_bytes()


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["id"]: row for row in rows}


# -- parse ---------------------------------------------------------------------------
def test_parse_current_body_keeps_every_entry_with_its_facts(fixtures):
    # GIVEN a body with data, total_count and links.next = null
    result = SOURCE.parse(read(fixtures, "models_ok.json"))
    # THEN every entry loads (routers and aliases too: staging drops them), none rejected
    rows = by_id(result.tables["models"])
    assert len(rows) == 5 and not result.rejected
    chat = rows["deepseek/deepseek-chat"]
    assert chat["canonical_slug"] == "deepseek/deepseek-chat-v3"
    assert chat["author"] == "deepseek" and chat["variant"] is None
    assert chat["created"] == 1735241320
    assert chat["created_at"] == datetime(2024, 12, 26, 19, 28, 40)
    assert chat["hugging_face_id"] == "deepseek-ai/DeepSeek-V3"
    assert chat["pricing_prompt"] == "0.0000003" and chat["pricing_completion"] == "0.00000088"
    assert chat["modality"] == "text->text" and chat["input_modalities"] == ["text"]
    assert chat["context_length"] == 131072
    assert not chat["is_alias"] and not chat["is_router"]


def test_parse_flags_variants_aliases_and_routers(fixtures):
    rows = by_id(SOURCE.parse(read(fixtures, "models_ok.json")).tables["models"])
    free = rows["deepseek/deepseek-chat-v3-0324:free"]
    assert free["variant"] == "free"
    assert free["canonical_slug"] == "deepseek/deepseek-chat-v3-0324"
    alias = rows["~anthropic/claude-opus-latest"]
    assert alias["is_alias"] and alias["author"] == "anthropic"
    assert alias["alias_target_slug"] == "anthropic/claude-opus-4.1"
    router = rows["openrouter/auto"]
    assert router["is_router"] and router["pricing_prompt"] == "-1"


def test_parse_treats_empty_hugging_face_id_as_null_and_keeps_placeholder_text(fixtures):
    rows = by_id(SOURCE.parse(read(fixtures, "models_ok.json")).tables["models"])
    gpt4o = rows["openai/gpt-4o-2024-05-13"]
    assert gpt4o["hugging_face_id"] is None  # null in the body
    assert rows["openrouter/auto"]["hugging_face_id"] is None  # "" in the body
    # raw keeps the text; staging turns the placeholder into NULL
    assert gpt4o["expiration_date"] == "2098-12-31" and gpt4o["knowledge_cutoff"] == "2023-10-01"


def test_parse_keeps_the_whole_entry_with_unknown_keys_in_record(fixtures):
    rows = by_id(SOURCE.parse(read(fixtures, "models_ok.json")).tables["models"])
    record = rows["deepseek/deepseek-chat"]["record"]
    assert record["benchmarks"] == {"artificial_analysis": {"intelligence_index": 46.0}}
    assert record["top_provider"]["context_length"] == 131072


def test_parse_older_body_with_data_only(fixtures):
    # GIVEN an older body: no total_count, no links, no canonical_slug
    rows = SOURCE.parse(read(fixtures, "models_legacy_data_only.json")).tables["models"]
    assert [r["id"] for r in rows] == [
        "deepseek/deepseek-chat",
        "deepseek/deepseek-chat-v3-0324:free",
    ]
    assert all(r["canonical_slug"] is None for r in rows)


def test_parse_rejects_bad_rows_and_keeps_the_good_ones(fixtures):
    # GIVEN one good entry and six bad ones
    result = SOURCE.parse(read(fixtures, "models_with_bad_rows.json"))
    assert [r["id"] for r in result.tables["models"]] == ["deepseek/deepseek-chat"]
    reasons = {rej.row_number: rej.reason for rej in result.rejected}
    assert reasons[2] == "id is missing or empty"
    assert reasons[3] == "id is missing or empty"
    assert "created is not unix seconds: 'yesterday'" in reasons[4]
    assert "out of range" in reasons[5]  # milliseconds, not seconds
    assert "not an object" in reasons[6]
    assert "duplicate id 'deepseek/deepseek-chat'" in reasons[7]
    assert result.rejected[0].record["id"] == ""  # the entry itself is kept for diagnosis


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("models_paginated.json", "pagination appeared: links.next is '/api/v1/models?offset=2'"),
        ("models_count_mismatch.json", "total_count is 3 but data holds 2 models"),
        ("error_page.html", "an HTML page, not JSON"),
        ("models_truncated.json", "not valid JSON (truncated or corrupt)"),
        ("models_empty.json", "empty model list"),
        ("models_renamed_key.json", "key 'data' missing (found keys: models, total_count)"),
        ("models_id_renamed.json", "all 2 models failed validation: id is missing or empty"),
    ],
)
def test_parse_rejects_unusable_captures_with_a_clear_reason(fixtures, fixture, message):
    with pytest.raises(ParseError) as raised:
        SOURCE.parse(read(fixtures, fixture))
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[]", "expected a JSON object, got a list"),
        (b'{"data": {"id": "x"}}', "'data' is a dict, not a list"),
        (b"", "empty response body"),
    ],
)
def test_parse_rejects_other_shapes(body, message):
    with pytest.raises(ParseError, match=message):
        SOURCE.parse(body)


# -- fetch ---------------------------------------------------------------------------
def _ctx() -> FetchContext:
    return FetchContext(session=http.make_session(retries=2, backoff_factor=0), previous=None)


@responses.activate
def test_fetch_asks_for_every_output_modality_and_returns_the_body(fixtures):
    body = read(fixtures, "models_ok.json")
    responses.add(responses.GET, URL, body=body, status=200)
    result = SOURCE.fetch(_ctx())
    assert result.content == body and result.url == URL
    assert responses.calls[0].request.url.endswith("/api/v1/models?output_modalities=all")


@responses.activate
def test_fetch_404_raises_a_fetch_error_naming_the_status():
    responses.add(responses.GET, URL, status=404)
    with pytest.raises(http.FetchError, match="HTTP 404"):
        SOURCE.fetch(_ctx())


@responses.activate
def test_fetch_retries_a_500_then_succeeds(fixtures):
    body = read(fixtures, "models_ok.json")
    responses.add(responses.GET, URL, status=500)
    responses.add(responses.GET, URL, body=body, status=200)
    assert SOURCE.fetch(_ctx()).content == body
    assert [c.response.status_code for c in responses.calls] == [500, 200]


@responses.activate
def test_fetch_timeout_is_a_fetch_error():
    responses.add(responses.GET, URL, body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(http.FetchError, match="timed out"):
        SOURCE.fetch(_ctx())


# -- load ----------------------------------------------------------------------------
def test_load_into_duckdb_twice_adds_rows_once(tmp_path, fixtures):
    body = read(fixtures, "models_ok.json")
    capture, _ = captures.archive(
        tmp_path / "raw" / "openrouter", "openrouter", body, ext="json", url=URL
    )
    with Warehouse(tmp_path / "w.duckdb") as wh:
        parsed = SOURCE.parse(body)
        assert wh.load(SOURCE, capture, parsed, "run1") == 5
        assert wh.load(SOURCE, capture, parsed, "run2") == 0
        row = wh.con.execute(
            "select created_at, input_modalities, is_router, record->>'$.benchmarks', "
            "_source_url from raw.openrouter__models where id = 'deepseek/deepseek-chat'"
        ).fetchone()
    assert row[0] == datetime(2024, 12, 26, 19, 28, 40)
    assert row[1] == ["text"] and row[2] is False
    assert json.loads(row[3]) == {"artificial_analysis": {"intelligence_index": 46.0}}
    assert row[4] == URL


def test_rejected_rows_are_recorded_with_their_reason(tmp_path, fixtures):
    body = read(fixtures, "models_with_bad_rows.json")
    capture, _ = captures.archive(tmp_path / "raw", "openrouter", body, ext="json", url=URL)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        wh.load(SOURCE, capture, SOURCE.parse(body), "run1")
        reasons = [
            r[0]
            for r in wh.con.execute(
                "select reason from raw.rejected_rows where source = 'openrouter' "
                "order by row_number"
            ).fetchall()
        ]
    assert len(reasons) == 6 and reasons[0] == "id is missing or empty"


# -- the CLI -------------------------------------------------------------------------
def test_from_file_loads_a_saved_response(settings, fixtures):
    path = fixtures / "openrouter" / "models_ok.json"
    status, outcomes = cli.run(["--from-file", f"openrouter={path}"], settings=settings)
    assert status == 0
    assert [(o.source, o.status, o.rows_loaded) for o in outcomes] == [("openrouter", "ok", 5)]
    archived = captures.list_captures(settings.raw_dir / "openrouter", "openrouter")
    assert len(archived) == 1 and archived[0].path.read_bytes() == path.read_bytes()


def test_from_file_with_an_html_page_fails_and_loads_nothing(settings, fixtures):
    path = fixtures / "openrouter" / "error_page.html"
    status, outcomes = cli.run(["--from-file", f"openrouter={path}"], settings=settings)
    assert status == 1
    assert outcomes[0].status == "failed" and "an HTML page, not JSON" in outcomes[0].error
    with Warehouse(settings.db_path) as wh:
        assert wh.con.execute("select count(*) from raw.openrouter__models").fetchone() == (0,)
