"""Every source loads files shaped like what its live endpoint returns today (2025-2026).

The fixtures under ``tests/fixtures/<source>/real_2025/`` imitate the real responses in full
detail (their ``generate.py`` says what each one copies); each test loads one through
``--from-file``, exactly as a user would, and checks the values that matter in ``raw``.
Also: a BOM, CRLF line ends, an empty-but-valid response, and Hugging Face's list shapes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest.cli import run
from ingest.config import Settings
from ingest.sources.wikipedia import FLOP_PER_PETAFLOP_DAY, cost_unit, parse_parameters

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def real(source: str, name: str) -> Path:
    return FIXTURES / source / "real_2025" / name


def load(settings: Settings, source: str, *paths: Path) -> tuple[int, list]:
    argv = [arg for path in paths for arg in ("--from-file", f"{source}={path}")]
    return run(argv, settings)


def query(settings: Settings, sql: str) -> list[tuple]:
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def rows(settings: Settings, table: str, columns: str, where: str = "true") -> dict:
    """First column -> the other columns, for one raw table."""
    found = query(settings, f"select {columns} from raw.{table} where {where}")
    return {row[0]: row[1:] for row in found}


def rejected(settings: Settings) -> list[str]:
    return [reason for (reason,) in query(settings, "select reason from raw.rejected_rows")]


def variant(tmp_path: Path, source: Path, *, bom: bool = False, crlf: bool = False) -> Path:
    """The same file as saved by a Windows tool: with a BOM and/or CRLF line ends."""
    content = source.read_bytes()
    if crlf:
        content = content.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if bom:
        content = b"\xef\xbb\xbf" + content
    path = tmp_path / f"{'bom_' if bom else ''}{'crlf_' if crlf else ''}{source.name}"
    path.write_bytes(content)
    return path


def failed_with(outcomes: list, message: str) -> bool:
    return any(o.status == "failed" and message in (o.error or "") for o in outcomes)


# -- lmarena ---------------------------------------------------------------------------------
def test_lmarena_latest_parquet_as_pandas_writes_it(settings):
    # GIVEN the latest snapshot as the dataset publishes it: 28 categories, a pandas
    # __index_level_0__ column, DOUBLE vote_count and rank, '' for unknown organizations
    status, outcomes = load(settings, "lmarena", real("lmarena", "latest-00000-of-00001.parquet"))
    # THEN every row loads, the pandas index is not taken for data
    assert status == 0 and outcomes[0].rows_loaded == 30 * 28
    assert rejected(settings) == []
    assert query(settings, "select count(*) from raw.lmarena__ratings where extra is not null") == [
        (0,)
    ]
    overall = rows(
        settings,
        "lmarena__ratings",
        "model_name, organization, license, rating, vote_count, rank, leaderboard_publish_date",
        "category = 'overall'",
    )
    assert overall["gemini-3-pro"] == ("google", "Proprietary", 1501.2, 9812.0, 1.0, "2025-11-20")
    assert overall["amazon-nova-pro-v1.0"][:2] == (None, None)  # '' is NULL
    assert overall["Qwen2.5-72B-Instruct"][1] == "Qwen"
    categories = query(settings, "select count(distinct category) from raw.lmarena__ratings")
    assert categories == [(28,)]


def test_lmarena_full_history_with_2023_snapshots(settings):
    # GIVEN the `full` file: six snapshots, the 2023 ones without confidence intervals
    status, outcomes = load(settings, "lmarena", real("lmarena", "full-00000-of-00001.parquet"))
    assert status == 0 and outcomes[0].rows_loaded == 760 and rejected(settings) == []
    dates = query(
        settings,
        "select leaderboard_publish_date, count(*) from raw.lmarena__ratings group by 1 order by 1",
    )
    assert [d for d, _ in dates] == [
        "2023-05-03",
        "2023-05-10",
        "2023-06-22",
        "2025-08-14",
        "2025-09-29",
        "2025-11-20",
    ]
    vicuna = rows(
        settings,
        "lmarena__ratings",
        "leaderboard_publish_date, organization, rating, rating_lower, variance",
        "model_name = 'vicuna-13b' and category = 'overall'",
    )
    assert vicuna["2023-05-03"] == ("LMSYS", 1061.0, None, None)


def test_lmarena_drifted_parquet_extra_columns_nan_and_timestamp_dates(settings):
    # GIVEN new columns (one DECIMAL), the date as a pandas datetime64, integer counts and a
    # NaN variance (pandas' missing value) in one row
    status, _ = load(settings, "lmarena", real("lmarena", "latest_drifted.parquet"))
    # THEN nothing is rejected: NaN in an optional column is NULL, extras are kept as JSON
    assert status == 0 and rejected(settings) == []
    step = rows(
        settings,
        "lmarena__ratings",
        "model_name, leaderboard_publish_date, variance, vote_count, extra",
        "model_name = 'step-3' and category = 'overall'",
    )["step-3"]
    assert step[:3] == ("2025-11-20", None, 2950.0)
    extra = json.loads(step[3])
    assert extra["rating_decimal"] == pytest.approx(1338.1) and extra["is_deprecated"] is False
    assert set(extra) == {"rating_q025", "rating_q975", "is_deprecated", "rating_decimal"}


def test_lmarena_empty_snapshot_and_duplicates(settings, tmp_path):
    # GIVEN a valid parquet with the columns but no rows
    empty = tmp_path / "empty.parquet"
    con = duckdb.connect()
    con.execute(
        f"copy (select * from read_parquet('{real('lmarena', 'latest-00000-of-00001.parquet')}')"
        f" where false) to '{empty}' (format parquet)"
    )
    # WHEN it is loaded THEN the source fails with a clear reason and loads nothing
    status, outcomes = load(settings, "lmarena", empty)
    assert status == 1 and failed_with(outcomes, "empty snapshot")
    # GIVEN a snapshot in which one row appears twice
    doubled = tmp_path / "doubled.parquet"
    source = real("lmarena", "latest-00000-of-00001.parquet")
    con.execute(
        f"copy (select * from read_parquet('{source}') union all "
        f"(select * from read_parquet('{source}') limit 1)) to '{doubled}' (format parquet)"
    )
    status, _ = load(settings, "lmarena", doubled)
    # THEN the copy is rejected with its reason and the rest loads
    assert status == 0
    assert [r for r in rejected(settings) if "duplicate row for 'gemini-3-pro'" in r]


# -- openrouter ------------------------------------------------------------------------------
OPENROUTER_COLUMNS = (
    "id, canonical_slug, name, author, variant, created_at, hugging_face_id, context_length, "
    "modality, output_modalities, pricing_prompt, is_router, is_alias"
)


def _check_openrouter(settings: Settings) -> None:
    models = rows(settings, "openrouter__models", OPENROUTER_COLUMNS)
    assert len(models) == 340 and rejected(settings) == []
    gpt5 = models["openai/gpt-5"]
    assert gpt5[:4] == ("openai/gpt-5-2025-08-07", "OpenAI: GPT-5", "openai", None)
    assert str(gpt5[4]) == "2025-08-07 17:03:33"
    assert gpt5[5] is None  # "hugging_face_id": ""
    assert gpt5[6] == 400000 and gpt5[9] == "0.00000125"
    assert models["inflection/inflection-3-pi"][5] is None  # "hugging_face_id": null
    free = models["deepseek/deepseek-r1-0528:free"]
    assert free[3] == "free" and free[5] == "deepseek-ai/DeepSeek-R1-0528" and free[9] == "0"
    assert models["google/gemini-2.5-flash-image"][8] == ["image", "text"]
    assert models["openrouter/auto"][10] is True and models["openrouter/auto"][9] == "-1"
    # The whole entry is kept, long markdown description and unicode included.
    (record,) = query(
        settings, "select record from raw.openrouter__models where id = 'moonshotai/kimi-k2'"
    )[0]
    entry = json.loads(record)
    assert "中文" in entry["description"] and '"JSON mode"' in entry["description"]
    assert entry["architecture"]["tokenizer"] == "Other" and entry["pricing"]["completion"]


def test_openrouter_live_body_without_total_count(settings):
    # GIVEN the live body: {"data": [...]} with 340 entries and every key of 2025
    status, _ = load(settings, "openrouter", real("openrouter", "models.json"))
    assert status == 0
    _check_openrouter(settings)


def test_openrouter_body_with_total_count_and_links(settings):
    status, _ = load(settings, "openrouter", real("openrouter", "models_with_total_count.json"))
    assert status == 0
    _check_openrouter(settings)


def test_openrouter_body_with_bom_and_crlf_pretty_printed(settings, tmp_path):
    # GIVEN the body pretty-printed by a tool that writes a BOM and CRLF line ends
    body = json.loads(real("openrouter", "models.json").read_text(encoding="utf-8"))
    pretty = tmp_path / "models_pretty.json"
    pretty.write_text(json.dumps(body, indent=2, ensure_ascii=False), encoding="utf-8")
    status, _ = load(settings, "openrouter", variant(tmp_path, pretty, bom=True, crlf=True))
    assert status == 0
    _check_openrouter(settings)


def test_openrouter_empty_model_list_fails_clearly(settings, tmp_path):
    empty = tmp_path / "models.json"
    empty.write_text('{"data": []}')
    status, outcomes = load(settings, "openrouter", empty)
    assert status == 1 and failed_with(outcomes, "empty model list")


# -- huggingface -----------------------------------------------------------------------------
def test_huggingface_bundle_of_real_responses(settings):
    # GIVEN a bundle with org listings, expanded model infos, full config.json files of
    # DeepSeek-V3, Qwen3-MoE, Mixtral, gpt-oss and Kimi K2 (int4), a 404, a gated 401 and
    # a timed-out request
    status, outcomes = load(settings, "huggingface", real("huggingface", "bundle.json"))
    assert status == 0 and rejected(settings) == []
    models = rows(
        settings,
        "huggingface__models",
        "requested_repo_id, status, gated, license, base_model, safetensors_total, "
        "dominant_dtype, dominant_dtype_parameters, has_packed_int_weights, model_type, "
        "is_mixture_of_experts, created_at",
    )
    assert len(models) == 10
    deepseek = models["deepseek-ai/DeepSeek-V3"]
    assert deepseek[:2] == (200, "false")
    assert deepseek[4:10] == (684531386000, "F8_E4M3", 680571043840, False, "deepseek_v3", True)
    assert str(deepseek[10]) == "2024-12-25 12:52:23"
    llama4 = models["meta-llama/Llama-4-Maverick-17B-128E-Instruct"]
    assert llama4[1:4] == ("manual", "other", "meta-llama/Llama-4-Maverick-17B-128E")
    assert models["moonshotai/Kimi-K2-Thinking"][5:7] == ("I32", 127707463680)
    assert models["moonshotai/Kimi-K2-Thinking"][7] is True
    assert models["openai/gpt-oss-120b"][5] == "U8" and models["openai/gpt-oss-120b"][7]
    assert models["unsloth/DeepSeek-R1-GGUF"][4] is None  # GGUF only: no safetensors
    assert models["Qwen/Qwen2.5-Max"][0] == 404 and models["xai-org/grok-2"][0] is None
    configs = rows(
        settings,
        "huggingface__configs",
        "repo_id, status, model_type, hidden_size, num_hidden_layers, num_experts, "
        "num_experts_per_tok, n_shared_experts, first_k_dense_replace, moe_intermediate_size, "
        "intermediate_size, num_nextn_predict_layers, mlp_only_layer_count",
    )
    assert configs["deepseek-ai/DeepSeek-V3"] == (
        200, "deepseek_v3", 7168, 61, 256, 8, 1, 3, 2048, 18432, 1, None
    )  # fmt: skip
    assert configs["Qwen/Qwen3-235B-A22B"][2:6] + configs["Qwen/Qwen3-235B-A22B"][8:] == (
        4096, 94, 128, 8, 1536, 12288, None, 0
    )  # fmt: skip
    assert configs["mistralai/Mixtral-8x22B-Instruct-v0.1"][4:6] == (8, 2)
    assert configs["openai/gpt-oss-120b"][1:6] == ("gpt_oss", 2880, 36, 128, 4)
    assert configs["moonshotai/Kimi-K2-Thinking"][4:8] == (384, 8, 1, 1)
    assert configs["meta-llama/Llama-4-Maverick-17B-128E-Instruct"][0] == 401


def test_huggingface_llama4_config_nested_under_text_config(settings, tmp_path):
    # GIVEN Llama 4's config.json (sizes under text_config, a vision_config beside it)
    config = json.loads(real("huggingface", "config_llama4_maverick.json").read_text())
    repo, sha = "meta-llama/Llama-4-Maverick-17B-128E-Instruct", "a" * 40
    bundle = tmp_path / "bundle.json"
    url = f"https://huggingface.co/{repo}/resolve/{sha}/config.json"
    bundle.write_text(json.dumps({url: {"status": 200, "etag": None, "body": config}}))
    status, _ = load(settings, "huggingface", bundle)
    # THEN the text model's sizes are read, not the vision tower's
    assert status == 0
    config = rows(
        settings,
        "huggingface__configs",
        "repo_id, model_type, hidden_size, num_hidden_layers, num_experts, num_experts_per_tok, "
        "intermediate_size, dense_intermediate_size, moe_layer_step, vocab_size",
    )[repo]
    assert config == ("llama4", 5120, 48, 128, 1, 8192, 16384, 2, 202048)


def test_huggingface_bundle_with_a_pinned_revision_url_and_a_note_added_by_hand(settings, tmp_path):
    # GIVEN a bundle edited by hand: a model info fetched at a pinned revision
    # (/api/models/{repo}/revision/{sha}), a tree listing, and a "_comment" key
    info = json.loads(real("huggingface", "model_info_full.json").read_text())
    sha = info["sha"]
    bundle = {
        "_comment": "saved by hand on 2025-11-20",
        f"https://huggingface.co/api/models/deepseek-ai/DeepSeek-V3/revision/{sha}": {
            "status": 200,
            "etag": None,
            "body": info,
        },
        "https://huggingface.co/api/models/deepseek-ai/DeepSeek-V3/tree/main": {
            "status": 200,
            "etag": None,
            "body": [{"type": "file", "path": "config.json"}],
        },
    }
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    status, _ = load(settings, "huggingface", path)
    # THEN the model info loads under its repo, and the two other keys are rejected by name
    assert status == 0
    assert query(settings, "select requested_repo_id, repo_id from raw.huggingface__models") == [
        ("deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3")
    ]
    reasons = sorted(rejected(settings))
    assert len(reasons) == 2
    assert reasons[0].startswith("_comment: bundle entry is not {status, etag, body}")
    assert "/tree/main: not a Hugging Face model-info or config.json URL" in reasons[1]


def test_huggingface_single_model_info_and_listing_saved_from_the_api(settings):
    # GIVEN GET /api/models/deepseek-ai/DeepSeek-V3 saved without expand (every default key)
    status, _ = load(settings, "huggingface", real("huggingface", "model_info_full.json"))
    assert status == 0
    info = rows(
        settings, "huggingface__models", "repo_id, sha, library, safetensors_total, request_url"
    )["deepseek-ai/DeepSeek-V3"]
    assert info == ("e815299b0bcbac849fa540c768ef21845365c9eb", "transformers", 684531386000, None)
    # GIVEN a listing (/api/models?author=Qwen&expand[]=safetensors): a JSON array
    status, outcomes = load(settings, "huggingface", real("huggingface", "listing_qwen.json"))
    # THEN each entry loads as a model info (counts where the listing has them)
    assert status == 0 and outcomes[0].rows_loaded == 4
    listed = rows(
        settings, "huggingface__models", "repo_id, safetensors_total", "repo_id like 'Qwen/%'"
    )
    assert listed["Qwen/Qwen2.5-72B-Instruct"] == (72706203648,)
    assert listed["Qwen/Qwen3-Omni-30B-A3B-Captioner"] == (None,)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "empty model listing"),
        ("{}", "empty JSON object"),
        ("[1, 2]", "not of model infos"),
        ('{"error": "Repository not found"}', "the Hub answered with an error"),
    ],
)
def test_huggingface_unusable_json_fails_with_a_clear_message(settings, tmp_path, content, message):
    path = tmp_path / "saved.json"
    path.write_text(content)
    status, outcomes = load(settings, "huggingface", path)
    assert status == 1 and failed_with(outcomes, message)


def test_huggingface_config_json_alone_says_why_it_cannot_load(settings):
    status, outcomes = load(settings, "huggingface", real("huggingface", "config_deepseek_v3.json"))
    assert status == 1 and failed_with(outcomes, "config.json on its own")


def test_huggingface_bundle_with_bom_and_crlf(settings, tmp_path):
    status, outcomes = load(
        settings,
        "huggingface",
        variant(tmp_path, real("huggingface", "bundle.json"), bom=True, crlf=True),
    )
    assert status == 0 and outcomes[0].rows_loaded == 16


# -- wikipedia -------------------------------------------------------------------------------
WIKI_COLUMNS = (
    "model_name, table_year, release_date, release_date_precision, developer, parameters, "
    "parameters_is_approximate, corpus_tokens, training_cost_petaflop_days, training_cost_flop, "
    "license_text, license_class, article_url, revid"
)


def _check_wikipedia(settings: Settings, *, with_2025_cost_column: bool) -> dict:
    models = {
        name: dict(zip(WIKI_COLUMNS.split(", ")[1:], values, strict=True))
        for name, values in rows(settings, "wikipedia__models", WIKI_COLUMNS).items()
    }
    assert len(models) == 34 and rejected(settings) == []
    gpt1 = models["GPT-1"]
    assert (gpt1["release_date"], gpt1["release_date_precision"]) == (date(2018, 6, 11), "day")
    assert (gpt1["table_year"], gpt1["developer"], gpt1["parameters"]) == (2018, "OpenAI", 117e6)
    assert (gpt1["license_text"], gpt1["license_class"]) == ("MIT", "table-yes")
    assert gpt1["article_url"] == "https://en.wikipedia.org/wiki/GPT-1"
    assert gpt1["revid"] == 1321457689
    assert models["Megatron-Turing NLG"]["developer"] == "Microsoft and Nvidia"
    llama = models["Llama 3.1"]
    assert (llama["release_date"], llama["release_date_precision"]) == (date(2024, 7, 1), "month")
    assert (llama["parameters"], llama["parameters_is_approximate"]) == (405e9, False)
    assert llama["corpus_tokens"] == 15.6e12
    assert llama["training_cost_petaflop_days"] == 440000.0
    assert llama["training_cost_flop"] == 440000 * FLOP_PER_PETAFLOP_DAY
    assert llama["license_class"] == "table-partial"
    # Rowspans (Meta AI over LLaMA and Llama 2; a licence over two rows) are expanded.
    assert models["Llama 2"]["developer"] == "Meta AI"
    assert models["Llama 2"]["license_text"] == "Llama 2 license"
    assert models["GPT-4"]["parameters"] is None  # "Unknown (According to rumors: 1760)"
    assert models["GPT-4"]["training_cost_petaflop_days"] is None
    assert models["Grok 3"]["training_cost_petaflop_days"] is None  # "Unknown, estimated ..."
    assert models["LaMDA (Language Models for Dialog Applications)"]["corpus_tokens"] == 168e9
    assert models["LLaMA (Large Language Model Meta AI)"]["corpus_tokens"] is None  # no unit
    nemotron = models["Nemotron-4 340B"]
    assert (nemotron["release_date"], nemotron["release_date_precision"]) == (
        date(2024, 6, 14),
        "day",
    )
    assert models["GLM-4.5"]["release_date"] == date(2025, 7, 29)  # no sort key: table's year
    assert models["DeepSeek-V3.2-Exp"]["parameters"] == 685e9
    cost_2025 = models["MiniMax-Text-01"]["training_cost_petaflop_days"]
    assert cost_2025 == (310000.0 if with_2025_cost_column else None)
    return models


def test_wikipedia_one_table_for_every_year(settings):
    # GIVEN the page as one big table split by full-width year rows, with a sortbottom
    # footer, TemplateStyles in cells, collapsed notes and a stray empty cell
    status, _ = load(settings, "wikipedia", real("wikipedia", "list_single_table.json"))
    assert status == 0
    models = _check_wikipedia(settings, with_2025_cost_column=True)
    # THEN the year rows and the footer are not models, and give each row its year
    assert not [name for name in models if "mixture-of-experts" in name or name.isdigit()]
    assert models["DeepSeek-R1"]["table_year"] == 2025 and models["Gopher"]["table_year"] == 2021


def test_wikipedia_one_table_per_year_with_row_headers(settings):
    # GIVEN a table per year (<h3 id="2024">), captions, names in <th scope="row">,
    # year-less dates ("Jun 14") with {{dts}} sort keys, no Training cost column in 2025
    status, _ = load(settings, "wikipedia", real("wikipedia", "list_yearly_tables.json"))
    assert status == 0
    models = _check_wikipedia(settings, with_2025_cost_column=False)
    kimi = models["Kimi K2"]
    assert (kimi["table_year"], kimi["release_date"]) == (2025, date(2025, 7, 1))


def test_wikipedia_formatversion_1_body(settings):
    status, _ = load(settings, "wikipedia", real("wikipedia", "list_yearly_tables_fv1.json"))
    assert status == 0
    _check_wikipedia(settings, with_2025_cost_column=False)


def test_wikipedia_body_with_bom_and_crlf(settings, tmp_path):
    path = variant(tmp_path, real("wikipedia", "list_yearly_tables.json"), bom=True, crlf=True)
    status, _ = load(settings, "wikipedia", path)
    assert status == 0
    _check_wikipedia(settings, with_2025_cost_column=False)


def test_wikipedia_page_without_tables_fails_clearly(settings, tmp_path):
    empty = tmp_path / "parse.json"
    empty.write_text(
        json.dumps(
            {
                "parse": {
                    "title": "List of large language models",
                    "pageid": 73249226,
                    "revid": 1,
                    "text": '<div class="mw-content-ltr mw-parser-output"><p>Moved.</p></div>',
                }
            }
        )
    )
    status, outcomes = load(settings, "wikipedia", empty)
    assert status == 1 and failed_with(outcomes, "no table.wikitable")


def test_wikipedia_remarks_in_parentheses_and_cost_units():
    # A remark in parentheses is not a second value (and does not make the size approximate)
    assert parse_parameters("671 (37 active)", None).value == 671e9
    assert parse_parameters("671 (37 active)", None).is_approximate is False
    assert parse_parameters("(~90)", None).value == 90e9
    # A training-cost header in FLOP is read as FLOP, the page's own header as petaFLOP-days
    assert cost_unit("Training cost (petaFLOP-day)[d]") == "petaFLOP-days"
    assert cost_unit("Training compute (FLOP)") == "FLOP"


# -- epoch -----------------------------------------------------------------------------------
EPOCH_COLUMNS = (
    "model, organization, publication_date, parameters, training_compute_flop, "
    "training_dataset_size, training_dataset_size_header, confidence, model_accessibility, "
    "country, training_compute_notes"
)


def _check_epoch(settings: Settings) -> dict:
    models = rows(settings, "epoch__models", EPOCH_COLUMNS)
    assert len(models) == 22 and rejected(settings) == []
    llama = models["Llama 3.1-405B"]
    assert llama[:6] == (
        "Meta AI",
        date(2024, 7, 23),
        405e9,
        3.8e25,
        15.6e12,
        "Training dataset size (gradients)",
    )
    assert llama[6:9] == ("Confident", "Open weights (restricted use)", "United States of America")
    assert llama[9].startswith("Stated in paper.\n\nAlso, 6 * 405B") and "\r" not in llama[9]
    assert models["Gemini 1.0 Ultra"][0] == "Google DeepMind,Google"
    assert models["Gemini 1.0 Ultra"][3] == pytest.approx(5e25)
    assert models["Megatron-Turing NLG 530B"][0] == "Microsoft,NVIDIA"
    assert models["GPT-4.5"][3] == pytest.approx(3.5e26)
    # Recent closed models without compute are kept, with NULL compute (not rejected)
    assert models["GPT-5"][3] is None and models["GPT-5"][6] is None
    assert models["Ernie Bot 4.0"][6] == "Unknown" and models["Doubao-pro"][3] == 2.505e25
    assert "Qwen2.5-Max" in models and "Mistral Large 2" in models
    return models


def test_epoch_2025_export_with_drifted_dataset_size_header(settings):
    # GIVEN the 2025 export: 58 columns, "Training dataset size (gradients)", quoted notes
    # with newlines and quotes, comma-joined organizations, many empty cells
    status, _ = load(settings, "epoch", real("epoch", "large_scale_ai_models.csv"))
    assert status == 0
    _check_epoch(settings)


def test_epoch_export_with_bom_and_crlf(settings, tmp_path):
    path = variant(tmp_path, real("epoch", "large_scale_ai_models.csv"), bom=True, crlf=True)
    status, _ = load(settings, "epoch", path)
    assert status == 0
    _check_epoch(settings)


def test_epoch_header_only_fails_clearly(settings, tmp_path):
    header = real("epoch", "large_scale_ai_models.csv").read_text(encoding="utf-8").split("\n")[0]
    path = tmp_path / "large_scale_ai_models.csv"
    path.write_text(header + "\n", encoding="utf-8")
    status, outcomes = load(settings, "epoch", path)
    assert status == 1 and failed_with(outcomes, "no usable rows")


def test_epoch_repeated_header_keeps_both_values_in_the_record(settings, tmp_path):
    path = tmp_path / "models.csv"
    path.write_text(
        "Model,Training compute (FLOP),Notes,Notes\nGPT-4,2.1e+25,first,second\n", encoding="utf-8"
    )
    status, _ = load(settings, "epoch", path)
    assert status == 0
    (record,) = query(settings, "select record from raw.epoch__models")[0]
    assert json.loads(record) == {
        "Model": "GPT-4",
        "Training compute (FLOP)": "2.1e+25",
        "Notes": "first",
        "Notes (2)": "second",
    }


def test_epoch_file_cut_mid_row_fails_but_a_missing_final_newline_loads(settings, tmp_path):
    content = real("epoch", "large_scale_ai_models.csv").read_bytes()
    # GIVEN the export cut in the middle of a row (outside any quoted note)
    cut = tmp_path / "cut.csv"
    cut.write_bytes(content[: content.index(b"\nDoubao-pro,") + 25])
    status, outcomes = load(settings, "epoch", cut)
    # THEN it is refused whole, not loaded as a shorter capture
    assert status == 1 and failed_with(outcomes, "truncated CSV: the last row has")
    # GIVEN the complete export without its final line end
    whole = tmp_path / "whole.csv"
    whole.write_bytes(content.rstrip(b"\n"))
    status, _ = load(settings, "epoch", whole)
    assert status == 0
    _check_epoch(settings)


def test_huggingface_bundle_with_only_listings_and_non_json_answers_fails(settings, tmp_path):
    # GIVEN a bundle whose org listing answered, but whose model infos came back as HTML
    # (status 200, no JSON body)
    bundle = json.loads(real("huggingface", "bundle.json").read_text())
    broken = {
        url: (
            entry
            if "/api/models?" in url
            else {"status": 200, "etag": None, "body": None, "error": "not JSON: '<!DOCTYPE'"}
        )
        for url, entry in bundle.items()
    }
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(broken))
    status, outcomes = load(settings, "huggingface", path)
    # THEN nothing usable: the source fails and says why (listings only steer the fetch)
    assert status == 1 and failed_with(outcomes, "no usable response in the bundle")
    assert failed_with(outcomes, "status 200 but no JSON body")
