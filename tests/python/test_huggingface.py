"""Hugging Face: parse bundles and single model infos in the Hub's exact format, fetch with
`responses` (conditional requests, failures kept per URL), choose repos from the warehouse,
load into a real DuckDB, and --from-file through the CLI."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime

import duckdb
import pytest
import requests
import responses

from ingest import captures, cli, http, ranges, warehouse
from ingest.sources.base import (
    FetchContext,
    JSONObject,
    ParseError,
    ParseResult,
    json_document,
)
from ingest.sources.huggingface import HuggingFace, listing
from ingest.sources.huggingface import source as hf_source
from ingest.sources.huggingface.config import is_mixture_of_experts
from ingest.sources.huggingface.listing import ListingRows
from ingest.sources.huggingface.repos import is_developer_repo
from ingest.sources.huggingface.urls import config_url, info_url, listing_url
from ingest.sources.openrouter import URL as OPENROUTER_URL
from ingest.warehouse import Warehouse

SOURCE = HuggingFace()
QWEN = "Qwen/Qwen3-235B-A22B"
LLAMA = "meta-llama/Llama-3.1-405B"
SHA = "a1" * 20


def read(fixtures, name: str) -> bytes:
    return (fixtures / "huggingface" / name).read_bytes()


def rows_by_repo(rows: list[dict]) -> dict[str, dict]:
    return {row["repo_id"]: row for row in rows}


# -- parse: the bundle ---------------------------------------------------------------
def test_parse_bundle_reads_counts_and_facts_from_model_info(fixtures):
    result = SOURCE.parse(read(fixtures, "bundle_ok.json"))
    models = rows_by_repo(result.tables["models"])
    qwen = models[QWEN]
    assert qwen["status"] == 200 and qwen["sha"] == SHA
    assert qwen["created_at"] == datetime(2025, 4, 27, 3, 53, 38)
    assert qwen["gated"] == "false" and qwen["license"] == "apache-2.0"
    assert qwen["library"] == "transformers"
    assert qwen["safetensors_parameters"] == {"BF16": 235093634560}
    assert (qwen["dominant_dtype"], qwen["dominant_dtype_parameters"]) == ("BF16", 235093634560)
    assert qwen["model_type"] == "qwen3_moe" and qwen["is_mixture_of_experts"] is True
    assert qwen["request_url"] == info_url(QWEN)
    assert models[LLAMA]["gated"] == "manual" and models[LLAMA]["is_mixture_of_experts"] is False


def test_parse_bundle_flags_packed_int4_weights(fixtures):
    models = rows_by_repo(SOURCE.parse(read(fixtures, "bundle_ok.json")).tables["models"])
    awq = models["hugging-quants/Meta-Llama-3.1-405B-Instruct-AWQ-INT4"]
    # 4-bit weights packed 8 per int32: the dominant count is ~8x too low
    assert awq["dominant_dtype"] == "I32" and awq["has_packed_int_weights"] is True
    assert awq["base_model"] == "meta-llama/Meta-Llama-3.1-405B-Instruct"


def test_parse_bundle_keeps_failed_urls_with_their_status(fixtures):
    result = SOURCE.parse(read(fixtures, "bundle_ok.json"))
    models = rows_by_repo(result.tables["models"])
    assert models["Qwen/Qwen-Not-There"]["status"] == 404
    assert models["mistralai/Mistral-Large-Instruct-2407"]["status"] == 503
    assert models["deepseek-ai/DeepSeek-V3"]["status"] is None  # timed out: no response
    assert models["Qwen/Qwen-Not-There"]["dominant_dtype_parameters"] is None
    configs = rows_by_repo(result.tables["configs"])
    gated = configs["meta-llama/Llama-4-Maverick-17B-128E-Instruct"]
    assert gated["status"] == 401 and gated["num_experts"] is None
    assert not result.rejected


def test_parse_bundle_reads_config_sizes_and_expert_keys(fixtures):
    configs = rows_by_repo(SOURCE.parse(read(fixtures, "bundle_ok.json")).tables["configs"])
    qwen = configs[QWEN]
    assert qwen["sha"] == SHA and qwen["request_url"] == config_url(QWEN, SHA)
    assert (qwen["hidden_size"], qwen["num_hidden_layers"]) == (4096, 94)
    assert (qwen["num_experts"], qwen["num_experts_per_tok"]) == (128, 8)
    assert qwen["moe_intermediate_size"] == 1536 and qwen["mlp_only_layer_count"] == 0
    assert (qwen["num_attention_heads"], qwen["num_key_value_heads"], qwen["head_dim"]) == (
        64,
        4,
        128,
    )
    assert qwen["config"]["rope_theta"] == 1000000.0  # the whole config is kept


def test_parse_bundle_reads_multimodal_configs_under_text_config(fixtures):
    configs = rows_by_repo(SOURCE.parse(read(fixtures, "bundle_ok.json")).tables["configs"])
    scout = configs["meta-llama/Llama-4-Scout-17B-16E"]
    assert scout["model_type"] == "llama4"
    assert (scout["hidden_size"], scout["num_hidden_layers"]) == (5120, 48)
    assert (scout["num_experts"], scout["num_experts_per_tok"]) == (16, 1)  # num_local_experts
    assert scout["intermediate_size"] == 8192 and scout["dense_intermediate_size"] == 16384
    assert scout["moe_layer_step"] == 1 and scout["vocab_size"] == 202048


def test_parse_bundle_rejects_bad_entries_and_keeps_the_good_ones(fixtures):
    result = SOURCE.parse(read(fixtures, "bundle_with_bad_entries.json"))
    assert [r["repo_id"] for r in result.tables["models"]] == [QWEN]
    reasons = sorted(rej.reason for rej in result.rejected)
    assert len(reasons) == 4
    assert any("not a Hugging Face model-info or config.json URL" in r for r in reasons)
    assert any("example/renamed" in r and "model info has no 'id'" in r for r in reasons)
    assert any("createdAt is not an ISO-8601 time: 'last week'" in r for r in reasons)
    assert any("example/no-status" in r and "not {status, etag, body}" in r for r in reasons)


# -- parse: a single model info and unusable files ----------------------------------
def test_parse_single_model_info_saved_from_the_api(fixtures):
    # GIVEN one model-info JSON (no expand[]: every default key), not a bundle
    result = SOURCE.parse(read(fixtures, "model_info_single.json"))
    (row,) = result.tables["models"]
    assert row["repo_id"] == "deepseek-ai/DeepSeek-V3" and row["request_url"] is None
    assert row["status"] == 200 and row["sha"] == "e815299b0bcbac849fa540c768ef21845365c9eb"
    # the dominant dtype, not `total` (which adds the MTP module and FP8 scale tensors)
    assert row["dominant_dtype"] == "F8_E4M3"
    assert row["dominant_dtype_parameters"] == 680571043840
    assert row["safetensors_total"] == 684531386000
    assert row["license"] == "mit" and row["is_mixture_of_experts"] is True
    assert result.tables["configs"] == []


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("error_page.html", "an HTML page, not JSON"),
        ("bundle_truncated.json", "not valid JSON (truncated or corrupt)"),
        ("neither_shape.json", "neither a bundle (keys are request URLs) nor a model info"),
        ("bundle_all_failed.json", "no usable response in the bundle of 2 URLs"),
    ],
)
def test_parse_rejects_unusable_files_with_a_clear_reason(fixtures, fixture, message):
    with pytest.raises(ParseError) as raised:
        SOURCE.parse(read(fixtures, fixture))
    assert message in str(raised.value)


# -- parse: a listing, one model info at a time ------------------------------------
def whole_document_parse(content: bytes) -> ParseResult:
    """How a listing was parsed before it was read one element at a time: json.loads of
    the whole document, then every model info (kept as the reference)."""
    return SOURCE._parse_listing(json_document(content))


def as_plain(result: ParseResult) -> tuple:
    rows = {name: list(table) for name, table in result.tables.items()}
    return rows, [(r.row_number, r.reason, r.record) for r in result.rejected]


def listing_variants(fixtures) -> dict[str, bytes]:
    mixed = read(fixtures, "listing_with_bad_entries.json")
    qwen = (fixtures / "huggingface" / "real_2025" / "listing_qwen.json").read_bytes()
    return {
        "listing with bad entries, pretty, UTF-8": mixed,
        "listing saved from the API (real_2025)": qwen,
        "compact, ASCII escapes": json.dumps(json.loads(mixed)).encode(),
        "BOM, CRLF, trailing blank lines": b"\xef\xbb\xbf"
        + mixed.replace(b"\n", b"\r\n")
        + b"\r\n\r\n",
    }


@pytest.mark.parametrize("chunk_bytes", [3, 64, listing.LISTING_CHUNK_BYTES])
def test_a_listing_read_one_element_at_a_time_gives_the_rows_of_a_whole_document_parse(
    fixtures, monkeypatch, chunk_bytes
):
    # GIVEN listings with good model infos, rejected ones (no id, a bad date, a count that
    # is not a whole number, a duplicate) and non-ASCII text, in several encodings; read in
    # chunks that cut elements, strings and multi-byte characters anywhere
    monkeypatch.setattr(listing, "LISTING_CHUNK_BYTES", chunk_bytes)
    for name, content in listing_variants(fixtures).items():
        # WHEN parsed
        result = SOURCE.parse(content)
        # THEN the rows are made on demand (never all held at once) and are exactly those of
        # the whole-document parse, with the same rejected rows and reasons
        assert isinstance(result.tables["models"], ListingRows), name
        assert as_plain(result) == as_plain(whole_document_parse(content)), name
        assert result.row_count == len(list(result.tables["models"])), name


@pytest.mark.parametrize("every", [1, 3])
@pytest.mark.parametrize("chunk_bytes", [3, 64, listing.LISTING_CHUNK_BYTES])
def test_a_listing_reads_on_from_any_element_whose_start_the_check_noted(
    fixtures, monkeypatch, chunk_bytes, every
):
    # GIVEN the listings above (BOM, CRLF, multi-byte characters, ASCII escapes), read in
    # chunks that cut elements and characters anywhere, noting every n-th element's start
    monkeypatch.setattr(listing, "LISTING_CHUNK_BYTES", chunk_bytes)
    monkeypatch.setattr(listing, "STARTS_EVERY", every)
    for name, content in listing_variants(fixtures).items():
        starts: dict[int, int] = {}
        whole = list(listing.listing_elements(content, starts=starts))
        # THEN the starts of elements 1, 1 + n, 1 + 2n, ... are noted
        assert sorted(starts) == list(range(1, len(whole) + 1, every)), name
        # AND reading from each noted byte gives that element and every one after it
        for number, start_byte in starts.items():
            rest = list(listing.listing_elements(content, start_byte=start_byte))
            assert rest == whole[number - 1 :], (name, number)


def test_a_listing_keeps_its_good_rows_and_names_each_rejected_one(fixtures):
    result = SOURCE.parse(read(fixtures, "listing_with_bad_entries.json"))
    repos = [row["repo_id"] for row in result.tables["models"]]
    assert repos == [
        QWEN,
        "hugging-quants/Meta-Llama-3.1-405B-Instruct-AWQ-INT4",
        LLAMA,
        "example/renamed-id-key",
        "example/Ünïcödé-模型-🚀",
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
        "meta-llama/Llama-4-Scout-17B-16E",
    ]
    assert [(r.row_number, r.reason) for r in result.rejected] == [
        (5, "createdAt is not an ISO-8601 time: 'last week'"),
        (6, "safetensors.parameters.BF16 is 1.5"),
        (7, "model info has no 'id'"),
        (8, f"duplicate model info for {QWEN!r}"),
    ]
    assert rows_by_repo(result.tables["models"])[QWEN]["created_at"] == datetime(
        2025, 4, 27, 3, 53, 38
    )


@pytest.mark.parametrize(
    "content",
    [
        b"[]",
        b" [ ]\n",
        b"[1, 2]",
        b'[{"id": "a/b"}, "c/d"]',
        b'[{"id": "a/b"}, {"id": "c/d"}',  # truncated
        b'[{"id": "a/b"}, {"id": "c/d"}] and more',
        b'[{"id": "a/b"},]',
        b'[{"id": "a/b"} {"id": "c/d"}]',
        b'[{"id": "a/b"}\x0c, {"id": "c/d"}]',  # not JSON whitespace
        b'[{"bad": 1}]',
        b'[{"id": "a/b", "createdAt": "soon"}]',
    ],
)
def test_an_unusable_listing_fails_with_the_whole_document_parse_message(content):
    # GIVEN a listing json.loads refuses, or whose elements are not all usable model infos
    with pytest.raises(ParseError) as expected:
        whole_document_parse(content)
    # WHEN parsed THEN it fails with exactly the same message
    with pytest.raises(ParseError) as raised:
        SOURCE.parse(content)
    assert str(raised.value) == str(expected.value)


def _loaded_both_ways(tmp_path, content: bytes, *queries: str) -> list[tuple]:
    """The listing parsed one element at a time ("stream") and as a whole document
    ("whole"), each loaded into its own warehouse: (rows loaded, parsed, each query's rows)."""
    capture, _ = captures.archive(tmp_path / "raw", "huggingface", content, ext="json", url=None)
    loaded = []
    for name, parsed in (
        ("stream", SOURCE.parse(content)),
        ("whole", whole_document_parse(content)),
    ):
        with Warehouse(tmp_path / f"{name}.duckdb") as wh:
            rows = wh.load(SOURCE, capture, parsed, "run1")
            loaded.append((rows, parsed, [wh.con.execute(q).fetchall() for q in queries]))
    return loaded


def test_a_listing_loads_the_same_raw_rows_as_a_whole_document_parse(tmp_path, fixtures):
    # GIVEN the same listing parsed both ways, loaded into two warehouses
    stream, whole = _loaded_both_ways(
        tmp_path,
        read(fixtures, "listing_with_bad_entries.json"),
        "select * exclude (_load_id, _loaded_at) from raw.huggingface__models order by repo_id",
        "select row_number, reason, record from raw.rejected_rows order by 1",
    )
    # THEN the raw tables hold the same rows, records (as JSON) and rejected rows
    assert stream[0] == whole[0] == 7
    assert stream[2] == whole[2] and len(stream[2][0]) == 7 and len(stream[2][1]) == 4


def test_a_listing_s_records_are_loaded_from_their_own_text_as_the_same_json(tmp_path, fixtures):
    # GIVEN the listing pretty-printed (line breaks and indents between tokens) with every
    # non-ASCII character escaped, parsed one element at a time and as a whole document
    elements = json.loads(read(fixtures, "listing_with_bad_entries.json"))
    content = json.dumps(elements, indent=2, ensure_ascii=True).encode()
    stream, whole = _loaded_both_ways(
        tmp_path, content, "select repo_id, record from raw.huggingface__models order by 1"
    )
    # THEN each streamed record is written from the element's own text, not encoded again
    (row,) = [r for r in stream[1].tables["models"] if r["repo_id"].startswith("example/Ü")]
    assert isinstance(row["record"], JSONObject) and "\\u00dc" in row["record"].text
    assert "\n" not in row["record"].text and '{     "_id"' in row["record"].text
    # AND it loads as the same JSON value as the whole-document parse's record
    assert [r for r, _ in stream[2][0]] == [r for r, _ in whole[2][0]]
    streamed = [json.loads(record) for _, record in stream[2][0]]
    assert streamed == [json.loads(record) for _, record in whole[2][0]]
    assert "example/Ünïcödé-模型-🚀" in [record.get("id") for record in streamed]


def test_a_listing_is_screened_as_it_loads_without_holding_its_rows(tmp_path, fixtures):
    # GIVEN the listing with two impossible values: a repo created in 1990 and a negative
    # safetensors count, parsed one element at a time and as a whole document
    elements = json.loads(read(fixtures, "listing_with_bad_entries.json"))
    elements[0]["createdAt"] = "1990-01-01T00:00:00.000Z"
    elements[1]["safetensors"] = {"parameters": {"BF16": -5}, "total": -5}
    stream, whole = _loaded_both_ways(
        tmp_path,
        json.dumps(elements).encode(),
        "select repo_id, created_at, safetensors_total from raw.huggingface__models order by 1",
        "select row_number, reason from raw.rejected_rows order by 1, 2",
    )
    # THEN the streamed rows were screened lazily, never made into a list
    assert isinstance(stream[1].tables["models"], ranges.ScreenedRows)
    # AND both loads keep the same rows, set the same values aside and say why
    assert stream[0] == whole[0] and stream[2] == whole[2]
    reasons = [reason for _, reason in stream[2][1]]
    assert any("created_at" in r and "1990" in r for r in reasons), reasons
    assert any("safetensors_total -5" in r for r in reasons), reasons


@pytest.mark.parametrize("cores", [2, 3])
def test_a_large_listing_loads_in_parts_the_same_rows_in_the_same_order(
    tmp_path, fixtures, monkeypatch, cores
):
    # GIVEN the listing with rejected model infos (a bad date, a bad count, no id, a
    # duplicate) and two impossible values (a repo created in 1990 early on, a negative
    # count late), one copy loaded row by row and one as a large listing is, in parts
    elements = json.loads(read(fixtures, "listing_with_bad_entries.json"))
    elements[0]["createdAt"] = "1990-01-01T00:00:00.000Z"
    elements[-1]["safetensors"] = {"parameters": {"BF16": -5}, "total": -5}
    content = json.dumps(elements).encode()
    capture, _ = captures.archive(tmp_path / "raw", "huggingface", content, ext="json", url=None)
    queries = (
        "select * exclude (_load_id, _loaded_at) from raw.huggingface__models order by rowid",
        "select row_number, reason, record from raw.rejected_rows order by rowid",
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(listing, "STARTS_EVERY", 2)  # parts start at noted offsets
    recorded: list[list[int]] = []
    record_parts = ranges.ScreenedRows.record_parts

    def spy(rows, counts, rejected):
        recorded.append(counts)
        record_parts(rows, counts, rejected)

    monkeypatch.setattr(ranges.ScreenedRows, "record_parts", spy)
    loaded = {}
    for name, min_rows in (("row by row", 10**9), ("in parts", 1)):
        monkeypatch.setattr(warehouse, "PARALLEL_MIN_ROWS", min_rows)
        monkeypatch.setattr(warehouse.os, "cpu_count", lambda: cores)
        parsed = SOURCE.parse(content)
        with Warehouse(tmp_path / f"{name}.duckdb") as wh:
            count = wh.load(SOURCE, capture, parsed, "run1")
            loaded[name] = (count, [wh.con.execute(q).fetchall() for q in queries])
    # WHEN loaded in parts, one process per core (each made, screened and wrote its rows)
    assert len(recorded) == 1 and len(recorded[0]) == cores and sum(recorded[0]) == 7
    # THEN the part files are gone afterwards
    assert list(scratch.iterdir()) == []
    # AND the same rows in the same order, the same rejected rows and NULLed values
    # (numbered as in the whole listing), and the same count
    assert loaded["in parts"] == loaded["row by row"]
    count, (rows, rejected) = loaded["in parts"]
    assert count == len(rows) == 7
    reasons = [reason for _, reason, _ in rejected]
    assert len(reasons) == 7  # 4 rejected by the check, 3 values NULLed by the screen
    assert "created_at" in reasons[4] and "1990" in reasons[4]
    assert "safetensors_total -5" in reasons[5] and "dominant_dtype_parameters -5" in reasons[6]


def test_a_long_listing_says_how_far_its_check_and_load_have_got(
    tmp_path, fixtures, monkeypatch, capsys
):
    # GIVEN progress every 3 model infos checked and every 2 rows written (a million-model
    # listing reports every 100,000: about every 5 s on this machine)
    monkeypatch.setattr(hf_source, "PROGRESS_EVERY_INFOS", 3)
    monkeypatch.setattr(warehouse, "PROGRESS_EVERY_ROWS", 2)
    # WHEN the listing of 11 infos (7 usable) is parsed and loaded
    content = read(fixtures, "listing_with_bad_entries.json")
    capture, _ = captures.archive(tmp_path / "raw", "huggingface", content, ext="json", url=None)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        assert wh.load(SOURCE, capture, SOURCE.parse(content), "run1") == 7
    # THEN stderr says how far each pass has got, then that the rows are going in
    lines = [line.strip() for line in capsys.readouterr().err.splitlines()]
    assert lines == [
        "huggingface: 3 model infos checked",
        "huggingface: 6 model infos checked",
        "huggingface: 9 model infos checked",
        "raw.huggingface__models: 2 rows prepared",
        "raw.huggingface__models: 4 rows prepared",
        "raw.huggingface__models: 6 rows prepared",
        "raw.huggingface__models: inserting 7 rows",
    ]


def test_parse_config_with_odd_values_keeps_the_config_and_nulls_the_odd_size():
    # GIVEN a config whose sizes are a string number, a per-layer list and "auto"
    url = config_url("example/odd", SHA)
    body = {"hidden_size": "4096", "intermediate_size": [11008, 13824], "num_experts": "auto"}
    bundle = {url: {"status": 200, "etag": None, "body": body}}
    result = SOURCE.parse(json.dumps(bundle).encode())
    (row,) = result.tables["configs"]
    # THEN the readable size is read, the others are NULL, nothing is rejected
    assert (row["hidden_size"], row["intermediate_size"], row["num_experts"]) == (4096, None, None)
    assert row["config"] == body and not result.rejected


def test_frontier_orgs_come_from_the_environment_when_set(monkeypatch):
    monkeypatch.setenv("HF_FRONTIER_ORGS", "")
    assert SOURCE.hints_from_warehouse(duckdb.connect(":memory:"))["orgs"] == []
    monkeypatch.delenv("HF_FRONTIER_ORGS")
    assert "deepseek-ai" in SOURCE.hints_from_warehouse(duckdb.connect(":memory:"))["orgs"]


def test_moe_detection_from_the_expanded_config():
    assert is_mixture_of_experts({"model_type": "deepseek_v3"})
    assert is_mixture_of_experts({"architectures": ["MixtralForCausalLM"]})
    assert is_mixture_of_experts({"text_config": {"num_local_experts": 16}})
    assert not is_mixture_of_experts({"model_type": "llama", "architectures": ["LlamaForCausalLM"]})
    assert not is_mixture_of_experts(None)


# -- fetch ---------------------------------------------------------------------------
QWEN_INFO = {
    "_id": "680da718233834890aa01f51",
    "id": QWEN,
    "config": {"architectures": ["Qwen3MoeForCausalLM"], "model_type": "qwen3_moe"},
    "createdAt": "2025-04-27T03:53:38.000Z",
    "sha": SHA,
    "safetensors": {"parameters": {"BF16": 235093634560}, "total": 235093634560},
}
LLAMA_INFO = {
    "_id": "66967ca1d3b1b37e6c1b7c1a",
    "id": LLAMA,
    "config": {"architectures": ["LlamaForCausalLM"], "model_type": "llama"},
    "gated": "manual",
    "sha": "d4" * 20,
    "safetensors": {"parameters": {"BF16": 405853388800}, "total": 405853388800},
}
QWEN_CONFIG = {"model_type": "qwen3_moe", "hidden_size": 4096, "num_experts": 128}


def _ctx(repos, previous=None, orgs=()) -> FetchContext:
    return FetchContext(
        session=http.make_session(retries=2, backoff_factor=0),
        previous=previous,
        hints={"repos": list(repos), "orgs": list(orgs)},
    )


def _previous(tmp_path, bundle: dict) -> captures.Capture:
    content = json.dumps(bundle).encode()
    capture, _ = captures.archive(tmp_path, "huggingface", content, ext="json", url=None)
    return capture


@responses.activate
def test_fetch_bundles_model_info_and_the_moe_config_pinned_to_the_sha(monkeypatch):
    # GIVEN an MoE repo and a dense repo, and a token in the environment
    monkeypatch.setenv("HF_TOKEN", "hf_secret_token")
    responses.add(responses.GET, info_url(QWEN), json=QWEN_INFO, headers={"ETag": 'W/"q1"'})
    responses.add(responses.GET, config_url(QWEN, SHA), json=QWEN_CONFIG)
    responses.add(responses.GET, info_url(LLAMA), json=LLAMA_INFO)
    # WHEN fetched
    result = SOURCE.fetch(_ctx([QWEN, LLAMA]))
    bundle = json.loads(result.content)
    # THEN one bundle, keyed by the URLs as sent (brackets as %5B%5D), sorted
    assert list(bundle) == sorted([info_url(QWEN), config_url(QWEN, SHA), info_url(LLAMA)])
    assert "expand%5B%5D=safetensors" in info_url(QWEN)
    assert bundle[info_url(QWEN)] == {"status": 200, "etag": 'W/"q1"', "body": QWEN_INFO}
    assert bundle[config_url(QWEN, SHA)]["body"] == QWEN_CONFIG
    # only the MoE repo's config is fetched; the token is sent, never captured
    assert [c.request.url for c in responses.calls] == [
        info_url(QWEN),
        config_url(QWEN, SHA),
        info_url(LLAMA),
    ]
    assert responses.calls[0].request.headers["Authorization"] == "Bearer hf_secret_token"
    assert b"hf_secret_token" not in result.content
    assert SOURCE.parse(result.content).tables["configs"][0]["num_experts"] == 128


@responses.activate
def test_fetch_keeps_a_404_and_goes_on_with_the_other_repos():
    responses.add(responses.GET, info_url("Qwen/Gone"), status=404, json={"error": "not found"})
    responses.add(responses.GET, info_url(LLAMA), json=LLAMA_INFO)
    bundle = json.loads(SOURCE.fetch(_ctx(["Qwen/Gone", LLAMA])).content)
    assert bundle[info_url("Qwen/Gone")] == {"status": 404, "etag": None, "body": None}
    assert bundle[info_url(LLAMA)]["status"] == 200


@responses.activate
def test_fetch_keeps_a_gated_config_as_401():
    responses.add(responses.GET, info_url(QWEN), json=QWEN_INFO)
    responses.add(responses.GET, config_url(QWEN, SHA), status=401)
    bundle = json.loads(SOURCE.fetch(_ctx([QWEN])).content)
    assert bundle[config_url(QWEN, SHA)] == {"status": 401, "etag": None, "body": None}


@responses.activate
def test_fetch_retries_a_500_then_succeeds():
    responses.add(responses.GET, info_url(LLAMA), status=500)
    responses.add(responses.GET, info_url(LLAMA), json=LLAMA_INFO)
    bundle = json.loads(SOURCE.fetch(_ctx([LLAMA])).content)
    assert bundle[info_url(LLAMA)]["status"] == 200
    assert [c.response.status_code for c in responses.calls] == [500, 200]


@responses.activate
def test_fetch_records_a_timeout_and_goes_on():
    responses.add(responses.GET, info_url(QWEN), body=requests.exceptions.ReadTimeout("slow"))
    responses.add(responses.GET, info_url(LLAMA), json=LLAMA_INFO)
    bundle = json.loads(SOURCE.fetch(_ctx([QWEN, LLAMA])).content)
    entry = bundle[info_url(QWEN)]
    assert entry["status"] is None and "timed out" in entry["error"]
    assert bundle[info_url(LLAMA)]["status"] == 200


@responses.activate
def test_fetch_fails_when_every_request_failed():
    responses.add(responses.GET, info_url(QWEN), status=500)
    responses.add(responses.GET, info_url(LLAMA), status=401)
    with pytest.raises(http.FetchError, match=r"every Hugging Face request failed \(2 requests"):
        SOURCE.fetch(_ctx([QWEN, LLAMA]))


@responses.activate
def test_fetch_sends_the_previous_etag_and_copies_the_entry_on_304(tmp_path):
    # GIVEN a previous bundle with an ETag for the model info and the pinned config
    before = {
        info_url(QWEN): {"status": 200, "etag": 'W/"q1"', "body": QWEN_INFO},
        config_url(QWEN, SHA): {"status": 200, "etag": '"c1"', "body": QWEN_CONFIG},
    }
    responses.add(responses.GET, info_url(QWEN), status=304)
    # WHEN nothing changed
    result = SOURCE.fetch(_ctx([QWEN], previous=_previous(tmp_path, before)))
    # THEN a conditional request, no config request (pinned to a sha), and no new capture
    assert responses.calls[0].request.headers["If-None-Match"] == 'W/"q1"'
    assert len(responses.calls) == 1
    assert result.content is None


@responses.activate
def test_fetch_after_a_304_still_captures_what_changed(tmp_path):
    before = {info_url(LLAMA): {"status": 200, "etag": 'W/"l1"', "body": LLAMA_INFO}}
    responses.add(responses.GET, info_url(LLAMA), status=304)
    responses.add(responses.GET, info_url(QWEN), json=QWEN_INFO)
    responses.add(responses.GET, config_url(QWEN, SHA), json=QWEN_CONFIG)
    result = SOURCE.fetch(_ctx([LLAMA, QWEN], previous=_previous(tmp_path, before)))
    bundle = json.loads(result.content)
    assert bundle[info_url(LLAMA)] == before[info_url(LLAMA)]  # copied
    assert bundle[info_url(QWEN)]["body"] == QWEN_INFO


@responses.activate
def test_fetch_looks_up_large_new_repos_of_frontier_orgs():
    # GIVEN an org listing with one large and one small repo
    listing = [
        {"id": QWEN, "safetensors": {"parameters": {"BF16": 235093634560}, "total": 1}},
        {"id": "Qwen/Qwen3-0.6B", "safetensors": {"parameters": {"BF16": 751632384}, "total": 1}},
        {"id": "Qwen/Qwen3-GGUF"},
    ]
    responses.add(responses.GET, listing_url("Qwen"), json=listing)
    responses.add(responses.GET, info_url(QWEN), json=QWEN_INFO)
    responses.add(responses.GET, config_url(QWEN, SHA), json=QWEN_CONFIG)
    bundle = json.loads(SOURCE.fetch(_ctx([], orgs=["Qwen"])).content)
    # THEN only the large repo gets a model-info request; the listing is kept too
    assert set(bundle) == {listing_url("Qwen"), info_url(QWEN), config_url(QWEN, SHA)}
    assert SOURCE.parse(json.dumps(bundle).encode()).tables["models"][0]["repo_id"] == QWEN


def test_fetch_with_nothing_to_look_up_is_a_fetch_error():
    with pytest.raises(http.FetchError, match="no repositories to look up"):
        SOURCE.fetch(_ctx([], orgs=[]))


# -- which repos ---------------------------------------------------------------------
def test_developer_orgs_are_kept_and_community_reuploads_skipped():
    assert is_developer_repo("z-ai", "zai-org/GLM-4.5")
    assert is_developer_repo("qwen", "Qwen/Qwen3-235B-A22B")
    assert is_developer_repo("nousresearch", "NousResearch/Hermes-3-Llama-3.1-405B")
    assert not is_developer_repo("qwen", "unsloth/Qwen3-235B-A22B-GGUF")
    assert not is_developer_repo("meta-llama", "NousResearch/Meta-Llama-3.1-405B")
    assert not is_developer_repo("qwen", "not a repo id")


def test_hints_read_openrouter_links_and_seed_repos_and_tolerate_missing_tables(monkeypatch):
    monkeypatch.setenv("HF_FRONTIER_ORGS", "deepseek-ai, Qwen")
    con = duckdb.connect(":memory:")
    # GIVEN no tables at all: no repos, only the configured orgs
    assert SOURCE.hints_from_warehouse(con) == {"repos": [], "orgs": ["deepseek-ai", "Qwen"]}
    # GIVEN OpenRouter links (one a community re-upload, one sample-only) and a seed
    con.execute("create schema raw; create schema seeds")
    con.execute(
        "create table raw.openrouter__models (author varchar, hugging_face_id varchar, "
        "_is_sample boolean)"
    )
    con.execute(
        "insert into raw.openrouter__models values "
        "('z-ai', 'zai-org/GLM-4.5', false), ('qwen', 'unsloth/Qwen3-235B-A22B-GGUF', false), "
        "('deepseek', '', false), ('moonshotai', 'moonshotai/Kimi-K2-Instruct', true)"
    )
    con.execute("create table seeds.known_model_specs (model_id varchar, hugging_face_id varchar)")
    con.execute(
        "insert into seeds.known_model_specs values "
        "('llama-3-1-405b', 'meta-llama/Llama-3.1-405B'), ('gpt-4', null)"
    )
    hints = SOURCE.hints_from_warehouse(con)
    # THEN the developer's own repos, the seed's, and no sample-only link once real data exists
    assert hints["repos"] == ["zai-org/GLM-4.5", "meta-llama/Llama-3.1-405B"]


# -- load and the CLI ----------------------------------------------------------------
def test_load_bundle_into_duckdb(tmp_path, fixtures):
    body = read(fixtures, "bundle_ok.json")
    capture, _ = captures.archive(tmp_path / "raw", "huggingface", body, ext="json", url=None)
    with Warehouse(tmp_path / "w.duckdb") as wh:
        parsed = SOURCE.parse(body)
        assert wh.load(SOURCE, capture, parsed, "run1") == parsed.row_count
        assert wh.load(SOURCE, capture, parsed, "run2") == 0
        row = wh.con.execute(
            "select dominant_dtype_parameters, safetensors_parameters->>'$.BF16', "
            "is_mixture_of_experts from raw.huggingface__models where repo_id = ?",
            [QWEN],
        ).fetchone()
        statuses = wh.con.execute(
            "select repo_id, status from raw.huggingface__configs order by repo_id"
        ).fetchall()
    assert row == (235093634560, "235093634560", True)
    assert statuses == [
        ("Qwen/Qwen3-235B-A22B", 200),
        ("meta-llama/Llama-4-Maverick-17B-128E-Instruct", 401),
        ("meta-llama/Llama-4-Scout-17B-16E", 200),
    ]


@pytest.mark.parametrize(
    ("fixture", "models", "configs"),
    [("bundle_ok.json", 8, 3), ("model_info_single.json", 1, 0)],
)
def test_from_file_loads_a_bundle_or_a_single_model_info(
    settings, fixtures, fixture, models, configs
):
    path = fixtures / "huggingface" / fixture
    status, outcomes = cli.run(["--from-file", f"huggingface={path}"], settings=settings)
    assert status == 0
    assert [(o.source, o.status) for o in outcomes] == [("huggingface", "ok")]
    with Warehouse(settings.db_path) as wh:
        counts = wh.con.execute(
            "select (select count(*) from raw.huggingface__models),"
            " (select count(*) from raw.huggingface__configs)"
        ).fetchone()
    assert counts == (models, configs)


def test_from_file_with_neither_shape_fails(settings, fixtures):
    path = fixtures / "huggingface" / "neither_shape.json"
    status, outcomes = cli.run(["--from-file", f"huggingface={path}"], settings=settings)
    assert status == 1 and outcomes[0].status == "failed"
    assert "neither a bundle" in outcomes[0].error


@responses.activate
def test_live_run_looks_up_the_repos_openrouter_links_to(settings, fixtures, monkeypatch):
    # GIVEN OpenRouter lists two DeepSeek models linking to deepseek-ai repos, no org list
    monkeypatch.setenv("HF_FRONTIER_ORGS", "")
    openrouter_body = (fixtures / "openrouter" / "models_ok.json").read_bytes()
    responses.add(responses.GET, OPENROUTER_URL, body=openrouter_body)
    v3, v3_0324 = "deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3-0324"
    responses.add(responses.GET, info_url(v3), json={**LLAMA_INFO, "id": v3})
    responses.add(responses.GET, info_url(v3_0324), status=404)
    # WHEN both run live, OpenRouter first
    status, outcomes = cli.run(["--source", "openrouter", "--source", "huggingface"], settings)
    # THEN Hugging Face asked for exactly the repos OpenRouter linked to, and loaded them
    assert status == 0
    assert [(o.source, o.status) for o in outcomes] == [("openrouter", "ok"), ("huggingface", "ok")]
    assert [c.request.url for c in responses.calls[1:]] == [info_url(v3), info_url(v3_0324)]
    with Warehouse(settings.db_path) as wh:
        found = wh.con.execute(
            "select repo_id, status from raw.huggingface__models order by repo_id"
        ).fetchall()
    assert found == [(v3, 200), (v3_0324, 404)]
