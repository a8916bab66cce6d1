"""What a model is (docs/identity.md): a table of real name pairs, labelled by hand.

Each pair is two spellings taken from the sources' own data (the LMArena board of
2025-08-04 and the OpenRouter list of 2026-08-19 in ../shared/captures/, Hugging Face repo
ids, Wikipedia rows) and a label written here, not computed: `fold` (the same training
run: one is a build of the other), `derived` (a separate model trained from the other, with
a base_model_id) or `separate` (two models). The function under test is the identity layer
itself: the dbt models int_model_slugs_resolved (macros normalize_model_name and
strip_build_suffixes, seeds/model_identity_rules.csv), run on a copy of the sample warehouse
with the names below in place of the sources' names.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from ingest.known_models import identity_sql

FOLD, DERIVED, SEPARATE = "fold", "derived", "separate"

# (name a, name b, label, why): the label is the developer's announcement, not a list.
PAIRS: list[tuple[str, str, str, str]] = [
    # Fold: silent dated API snapshots.
    ("Reka-Core-20240501", "Reka-Core-20240904", FOLD, "dated API builds of Reka Core"),
    ("Reka-Core-20240722", "reka-core", FOLD, "dated API build"),
    ("GPT-4o-2024-05-13", "openai/gpt-4o", FOLD, "first GPT-4o snapshot"),
    ("GPT-4o-2024-08-06", "openai/gpt-4o-2024-11-20", FOLD, "later GPT-4o snapshots"),
    ("o3-2025-04-16", "openai/o3", FOLD, "dated snapshot of o3"),
    ("o1-2024-12-17", "openai/o1", FOLD, "dated snapshot of o1"),
    ("GPT-4.1-2025-04-14", "openai/gpt-4.1", FOLD, "dated snapshot of GPT-4.1"),
    ("GPT-4-0314", "GPT-4-0613", FOLD, "GPT-4 snapshots"),
    ("GPT-3.5-Turbo-0125", "openai/gpt-3.5-turbo-0613", FOLD, "GPT-3.5 Turbo snapshots"),
    ("Grok-2-08-13", "grok-2-2024-08-13", FOLD, "month-day and full-date builds of Grok 2"),
    ("Grok-4-0709", "grok-4-0709", FOLD, "two boards' spellings of one key"),
    ("Grok-4-0709", "x-ai/grok-4", FOLD, "dated build of Grok 4"),
    ("Claude 3.5 Sonnet (20240620)", "claude-3-5-sonnet-20240620", FOLD, "parenthesised date"),
    ("Claude Opus 4 (20250514)", "anthropic/claude-opus-4", FOLD, "dated API name"),
    ("Claude 3.5 Haiku (20241022)", "claude-3-5-haiku", FOLD, "dated API name"),
    ("GLM-4-Plus-0111", "GLM-4-Plus", FOLD, "dated API build of GLM-4-Plus"),
    ("Qwen-Plus-0125", "qwen/qwen-plus", FOLD, "dated API build of Qwen-Plus"),
    ("Hunyuan-TurboS-20250226", "Hunyuan-Turbos-20250416", FOLD, "dated builds"),
    ("Deepseek-v2.5-1210", "Deepseek-v2.5", FOLD, "dated build of DeepSeek-V2.5"),
    ("Command A (03-2025)", "cohere/command-a", FOLD, "month-year build of Command A"),
    ("Gemini-1.5-Pro-002", "Gemini-1.5-Pro-001", FOLD, "GA build numbers"),
    ("Gemini-2.0-Flash-001", "google/gemini-2.0-flash", FOLD, "build number"),
    ("mistral-large-2411", "Mistral-Large-2407", FOLD, "Mistral Large 24.11 updates Large 2"),
    # Fold: -latest, -exp, -preview, -online, -beta.
    ("Gemini-1.5-Pro-Exp-0827", "Gemini-1.5-Pro-Exp-0801", FOLD, "experimental builds"),
    ("Gemini-1.5-Pro-Preview-0409", "gemini-1.5-pro", FOLD, "preview build"),
    ("Gemini-2.5-Pro-Preview-05-06", "Gemini-2.5-Pro", FOLD, "preview build"),
    ("google/gemini-2.5-pro-preview", "google/gemini-2.5-pro", FOLD, "preview build"),
    ("Gemini-2.0-Pro-Exp-02-05", "gemini-2.0-pro", FOLD, "experimental release"),
    ("Gemini-Exp-1206", "Gemini-2.0-Pro-Exp-02-05", FOLD, "Google tied exp-1206 to 2.0 Pro"),
    ("GPT-4.5-Preview", "gpt-4.5", FOLD, "research preview"),
    ("Yi-Large-preview", "Yi-Large", FOLD, "preview build"),
    ("Grok-3-Preview-02-24", "x-ai/grok-3", FOLD, "preview build"),
    ("Grok-3-Mini-beta", "Grok-3-mini-high", FOLD, "beta build and effort variant"),
    ("Reka-Flash-21B-online", "Reka-Flash-21B", FOLD, "online (search) wrapper"),
    ("pplx-70B-online", "pplx-70b", FOLD, "online wrapper"),
    ("Llama-4-Maverick-03-26-Experimental", "meta-llama/llama-4-maverick", FOLD, "exp build"),
    # Fold: Wikipedia's name with its acronym spelled out.
    ("PaLM (Pathways Language Model)", "PaLM 540B", FOLD, "PaLM is the 540B model"),
    ("PaLM 2 (Pathways Language Model 2)", "palm-2", FOLD, "acronym spelled out"),
    ("LLaMA (Large Language Model Meta AI)", "LLaMA-65B", FOLD, "the family row is 65B"),
    # Fold: app and chat wrappers, codenames.
    ("ChatGPT-4o-latest (2025-03-26)", "GPT-4o-2024-05-13", FOLD, "ChatGPT's GPT-4o build"),
    ("ChatGPT-4o-latest (2024-08-08)", "openai/gpt-4o", FOLD, "ChatGPT's GPT-4o build"),
    ("Gemini Advanced App (2024-05-14)", "Gemini-1.5-Pro-001", FOLD, "app ran 1.5 Pro"),
    ("Gemini App (2024-01-24)", "Gemini Pro", FOLD, "app ran Gemini Pro"),
    ("chocolate (Early Grok-3)", "Grok-3-Preview-02-24", FOLD, "codename of Grok 3"),
    # Fold: effort, thinking, reasoning variants.
    ("Claude Opus 4 (thinking-16k)", "Claude Opus 4 (20250514)", FOLD, "thinking budget"),
    ("Claude 3.7 Sonnet (thinking-32k)", "Claude 3.7 Sonnet", FOLD, "thinking budget"),
    ("o3-mini-high", "o3-mini", FOLD, "effort variant"),
    ("openai/o4-mini-high", "o4-mini-2025-04-16", FOLD, "effort variant"),
    ("Qwen3-235B-A22B-no-thinking", "Qwen3-235B-A22B", FOLD, "thinking mode off"),
    ("Gemini-2.0-Flash-Thinking-Exp-01-21", "Gemini-2.0-Flash-001", FOLD, "thinking variant"),
    ("gemini-2.5-pro (xHigh)", "gemini-2.5-pro", FOLD, "effort variant"),
    ("anthropic/claude-opus-5-fast", "anthropic/claude-opus-5", FOLD, "fast serving variant"),
    # Fold: quantized or re-hosted copies, instruct/base checkpoints.
    ("Meta-Llama-3.1-405B-Instruct-bf16", "Meta-Llama-3.1-405B-Instruct-fp8", FOLD, "precision"),
    ("Meta-Llama-3.2-1B-Instruct", "meta-llama/llama-3.2-1b-instruct", FOLD, "Meta- prefix"),
    ("Meta-Llama-3.2-3B-Instruct", "meta-llama/llama-3.2-3b-instruct", FOLD, "Meta- prefix"),
    ("Amazon Nova Pro 1.0", "amazon/nova-pro-v1", FOLD, "one model, two spellings"),
    ("Amazon Nova Lite 1.0", "amazon/nova-lite-v1", FOLD, "one model, two spellings"),
    ("Claude-2.0", "claude-2", FOLD, "LMArena's name for Claude 2"),
    ("qwen/qwen-2.5-7b-instruct", "Qwen2.5-7B", FOLD, "OpenRouter's qwen-2.5 spelling"),
    ("Qwen2.5-Coder-32B-Instruct", "qwen/qwen-2.5-coder-32b-instruct", FOLD, "two spellings"),
    ("CodeLlama-70B-instruct", "Code Llama 70B", FOLD, "one word or two"),
    ("Mistral-Small-2506", "mistralai/mistral-small-3.2-24b-instruct", FOLD, "its API name"),
    ("mistralai/mistral-medium-3.1", "mistral-medium-2508", FOLD, "Medium 3.1's API name"),
    (
        "Mistral-Small-3.1-24B-Instruct-2503",
        "mistralai/mistral-small-3.1-24b-instruct",
        FOLD,
        "HF name",
    ),
    ("OLMo-2-0325-32B-Instruct", "OLMo 2 32B", FOLD, "published as OLMo-2-0325-32B"),
    ("Command R+ (04-2024)", "command-r-plus", FOLD, "'+' is 'plus' in Cohere's ids"),
    ("Command R+ (08-2024)", "cohere/command-r-plus-08-2024", FOLD, "'+' is 'plus'"),
    ("minimax/minimax-01", "MiniMax-Text-01", FOLD, "the series' language model"),
    ("meta-llama/llama-3.1-405b-instruct:free", "Llama 3.1 405B", FOLD, "re-hosted, :free"),
    ("Mixtral-8x22b-Instruct-v0.1", "mistralai/Mixtral-8x22B-v0.1", FOLD, "instruct of base"),
    ("Gemma-3-27B-it", "google/gemma-3-27b-pt", FOLD, "instruction-tuned checkpoint"),
    ("deepseek-ai/DeepSeek-V3-Base", "DeepSeek-V3", FOLD, "pre-trained checkpoint"),
    ("Phi-3-Mini-128k-Instruct", "Phi-3-Mini-4k-Instruct", FOLD, "context-length variants"),
    ("Step-2-16K-Exp", "step-2", FOLD, "context length and exp build"),
    ("qwen/qwen3-coder", "Qwen/Qwen3-Coder-480B-A35B-Instruct", FOLD, "its repo on OpenRouter"),
    ("qwen/qwen3-coder", "qwen/qwen3-coder-30b-a3b-instruct", SEPARATE, "the smaller size"),
    # Derived: re-releases announced as new versions, with a base.
    ("DeepSeek-V3-0324", "DeepSeek-V3", DERIVED, "V3-0324 has its own model card"),
    ("deepseek/deepseek-chat-v3-0324", "deepseek/deepseek-chat", DERIVED, "OpenRouter ids"),
    ("DeepSeek-R1-0528", "DeepSeek-V3", DERIVED, "R1-0528 post-trains the V3 base"),
    ("DeepSeek-R1", "deepseek-ai/DeepSeek-V3-Base", DERIVED, "R1 is RL on V3-Base"),
    ("deepseek/deepseek-chat-v3.1", "DeepSeek-V3", DERIVED, "V3.1 continues V3's pretraining"),
    ("Qwen3-235B-A22B-Instruct-2507", "Qwen3-235B-A22B", DERIVED, "July 2025 re-release"),
    ("qwen/qwen3-235b-a22b-thinking-2507", "qwen/qwen3-235b-a22b", DERIVED, "re-release"),
    ("Qwen3-30B-A3B-Instruct-2507", "Qwen3-30B-A3B", DERIVED, "July 2025 re-release"),
    ("Claude 3.5 Sonnet (20241022)", "Claude 3.5 Sonnet (20240620)", DERIVED, "upgraded"),
    ("anthropic/claude-opus-4.1", "Claude Opus 4 (20250514)", DERIVED, "upgrade of Opus 4"),
    ("kimi-k2-0905-preview", "kimi-k2-0711-preview", DERIVED, "Kimi K2-0905 update"),
    ("Command R+ (08-2024)", "Command R+ (04-2024)", DERIVED, "own model card"),
    ("magistral-medium-2506", "Mistral Medium 3", DERIVED, "RL on Mistral Medium 3"),
    # Derived: fine-tunes, prunings.
    ("Llama-3.1-Nemotron-Ultra-253B-v1", "Llama 3.1 405B", DERIVED, "pruned from 405B"),
    ("nousresearch/hermes-3-llama-3.1-405b", "meta-llama/llama-3.1-405b", DERIVED, "fine-tune"),
    ("nousresearch/hermes-4-405b", "Llama 3.1 405B", DERIVED, "fine-tune"),
    ("Tulu-2-DPO-70B", "Llama-2-70B-chat", DERIVED, "fine-tune of Llama 2 70B"),
    ("NV-Llama2-70B-SteerLM-Chat", "Llama-2-70B-chat", DERIVED, "fine-tune of Llama 2 70B"),
    ("deepcogito/cogito-v2.1-671b", "DeepSeek-V3", DERIVED, "post-trained V3 base"),
    ("Llama-3.1-Nemotron-70B-Instruct", "meta-llama/Llama-3.1-70B", DERIVED, "NVIDIA RLHF"),
    ("Llama-3.1-Nemotron-51B-Instruct", "Meta-Llama-3.1-70B", DERIVED, "NAS from 70B"),
    ("Llama-3.3-Nemotron-Super-49B-v1", "Llama-3.3-70B-Instruct", DERIVED, "NAS from 70B"),
    ("Nvidia-Llama-3.3-Nemotron-Super-49B-v1.5", "Llama 3.3 70B", DERIVED, "v1.5 of Super"),
    ("Llama-3.1-Tulu-3-70B", "Meta-Llama-3.1-70B", DERIVED, "post-trained 70B"),
    ("Llama-3.1-Tulu-3-8B", "Meta-Llama-3.1-8B", DERIVED, "post-trained 8B"),
    ("Athene-70B", "Llama-3-70b-Instruct", DERIVED, "RLHF on Llama 3 70B"),
    ("pplx-7B-online", "Mistral-7B-Instruct-v0.1", DERIVED, "built on Mistral 7B"),
    ("pplx-70B-online", "Llama-2-70B-chat", DERIVED, "built on Llama 2 70B"),
    ("nousresearch/hermes-3-llama-3.1-70b", "meta-llama/llama-3.1-70b", DERIVED, "fine-tune"),
    ("sao10k/l3.1-euryale-70b", "Meta-Llama-3.1-70B", DERIVED, "fine-tune"),
    ("sao10k/l3.3-euryale-70b", "Llama-3.3-70B-Instruct", DERIVED, "fine-tune"),
    ("Zephyr-ORPO-141b-A35b-v0.1", "Mixtral-8x22b-Instruct-v0.1", DERIVED, "ORPO on 8x22B"),
    ("Nous-Hermes-2-Mixtral-8x7B-DPO", "Mixtral-8x7B-Instruct-v0.1", DERIVED, "fine-tune"),
    ("Gemma-1.1-7B-it", "google/gemma-7b", DERIVED, "RLHF update of Gemma 7B"),
    ("Gemma-1.1-2b-it", "google/gemma-2b", DERIVED, "RLHF update of Gemma 2B"),
    ("WizardLM-13b-v1.2", "meta-llama/Llama-2-13b-hf", DERIVED, "fine-tune"),
    ("WizardLM-70B-v1.0", "Llama-2-70b-chat", DERIVED, "fine-tune"),
    ("Phi-3-Mini-4K-Instruct-June-24", "Phi-3-mini-4k-instruct", DERIVED, "June update"),
    ("Mistral-Small-2506", "mistralai/mistral-small-3.1-24b-instruct", DERIVED, "3.2 updates 3.1"),
    ("QwQ-32B", "Qwen/Qwen2.5-32B", DERIVED, "RL on Qwen2.5-32B"),
    ("Vicuna-33B", "LLaMA-33B", DERIVED, "v1.3 fine-tuned from LLaMA 33B"),
    ("Guanaco-33B", "LLaMA-33B", DERIVED, "QLoRA on LLaMA 33B"),
    ("Deepseek-v2.5-1210", "Deepseek-v2-API-0628", DERIVED, "merges V2-Chat and Coder-V2"),
    ("Gemma-2-9B-it-SimPO", "Gemma-2-9b-it", DERIVED, "SimPO on Gemma 2 9B"),
    ("OpenHermes-2.5-Mistral-7B", "Mistral-7B-Instruct-v0.1", DERIVED, "fine-tune"),
    ("Dolphin-2.2.1-Mistral-7B", "Mistral-7B-Instruct-v0.1", DERIVED, "fine-tune"),
    ("Zephyr-7B-beta", "Mistral-7B-Instruct-v0.1", DERIVED, "SFT and DPO on Mistral 7B"),
    ("Zephyr-7B-alpha", "Mistral-7B-Instruct-v0.1", DERIVED, "fine-tune"),
    ("OpenChat-3.5-0106", "Mistral-7B-Instruct-v0.1", DERIVED, "C-RLFT on Mistral 7B"),
    ("Starling-LM-7B-beta", "OpenChat-3.5-0106", DERIVED, "RLAIF on OpenChat 3.5"),
    ("Starling-LM-7B-alpha", "OpenChat-3.5", DERIVED, "RLAIF on OpenChat 3.5"),
    # Separate: product tiers sold as their own models, other sizes, other generations.
    ("GPT-4o-mini-2024-07-18", "GPT-4o-2024-05-13", SEPARATE, "mini is its own model"),
    ("GPT-4.1-mini-2025-04-14", "GPT-4.1-2025-04-14", SEPARATE, "product tier"),
    ("GPT-4.1-nano-2025-04-14", "GPT-4.1-mini-2025-04-14", SEPARATE, "product tier"),
    ("o3-mini", "o3", SEPARATE, "product tier"),
    ("Gemini-2.5-Flash", "Gemini-2.5-Pro", SEPARATE, "Flash and Pro are two models"),
    ("Gemini-2.0-Flash-Lite", "Gemini-2.0-Flash-001", SEPARATE, "Lite is its own model"),
    ("Gemini-1.5-Flash-8B-001", "Gemini-1.5-Flash-001", SEPARATE, "a different size"),
    ("Grok-2-Mini-08-13", "Grok-2-08-13", SEPARATE, "mini is its own model"),
    ("Claude 3 Haiku", "Claude 3 Opus", SEPARATE, "product tiers"),
    ("Claude 3.7 Sonnet", "Claude 3.5 Sonnet (20240620)", SEPARATE, "another generation"),
    ("openai/gpt-5.4-pro", "openai/gpt-5.4", SEPARATE, "Pro sold as its own model"),
    ("Qwen3-32B", "Qwen3-30B-A3B", SEPARATE, "different sizes"),
    ("Meta-Llama-3.1-70B-Instruct", "Meta-Llama-3.1-405B-Instruct-bf16", SEPARATE, "sizes"),
    ("Llama-3-70B-Instruct", "Meta-Llama-3.1-70B-Instruct", SEPARATE, "generations"),
    ("GPT-4-Turbo-2024-04-09", "GPT-4-0613", SEPARATE, "GPT-4 Turbo is a new model"),
    ("GPT-4-1106-preview", "GPT-4-0314", SEPARATE, "Turbo preview is not GPT-4"),
    ("Mistral-Large-2407", "Mistral-Large-2402", SEPARATE, "Large 2 is a new model"),
    ("mistralai/mistral-large-2512", "mistral-large-2411", SEPARATE, "Large 3 is a new model"),
    ("Mistral Medium", "Mistral Medium 3", SEPARATE, "another generation"),
    ("Gemini-Exp-1114", "Gemini-Exp-1121", SEPARATE, "unattributed checkpoints stay apart"),
    ("openai/gpt-chat-latest", "openai/gpt-5", SEPARATE, "a moving alias is no model"),
    ("Seed1.5-Thinking", "Seed1.5", SEPARATE, "Seed1.5-Thinking is a model's name"),
    ("Hunyuan-Large-Vision", "Hunyuan-Large-2025-02-10", SEPARATE, "vision model"),
    ("Amazon Nova Pro 1.0", "Amazon Nova Lite 1.0", SEPARATE, "product tiers"),
    ("Claude-2.1", "Claude-2.0", SEPARATE, "Claude 2.1 is its own model"),
    ("CodeLlama-34B-instruct", "CodeLlama-70B-instruct", SEPARATE, "sizes"),
    ("Command R+ (04-2024)", "Command R (04-2024)", SEPARATE, "R+ is the larger model"),
    ("Command R+ (08-2024)", "Command R (08-2024)", SEPARATE, "R+ is the larger model"),
    ("Meta-Llama-3.2-3B-Instruct", "Meta-Llama-3.2-1B-Instruct", SEPARATE, "sizes"),
]


def _slug_sql(expr: str) -> str:
    return identity_sql(expr, strip_builds=False)


@pytest.fixture(scope="module")
def resolved(sample_warehouse, tmp_path_factory) -> dict[str, tuple[str, str | None]]:
    """GIVEN a copy of the sample warehouse whose source names are replaced by the names
    of PAIRS WHEN the identity layer resolves them THEN name -> (model_id, base_model_id)."""
    copy = tmp_path_factory.mktemp("identity") / "warehouse.duckdb"
    shutil.copy(sample_warehouse.path, copy)
    # The model's SQL exactly as dbt compiled it for the sample build.
    compiled = next(
        (sample_warehouse.path.parent / "target" / "compiled").rglob("int_model_slugs_resolved.sql")
    ).read_text(encoding="utf-8")
    names = sorted({name for a, b, _, _ in PAIRS for name in (a, b)})
    con = duckdb.connect(str(copy))
    try:
        con.execute("create or replace table main.pair_names (raw_name varchar)")
        con.executemany("insert into main.pair_names values (?)", [[n] for n in names])
        con.execute(
            "create or replace table intermediate.int_model_names_unioned as "
            f"select {_slug_sql('raw_name')} as model_name_normalized from main.pair_names"
        )
        con.execute(f"create or replace table main.slugs_resolved as {compiled}")
        rows = con.execute(
            f"select pair_names.raw_name, slugs.model_id, slugs.base_model_id "
            f"from main.pair_names inner join main.slugs_resolved as slugs "
            f"on {_slug_sql('pair_names.raw_name')} = slugs.slug"
        ).fetchall()
    finally:
        con.close()
    return {raw: (model_id, base) for raw, model_id, base in rows}


def _label(a: tuple[str, str | None], b: tuple[str, str | None]) -> str:
    (id_a, base_a), (id_b, base_b) = a, b
    if id_a == id_b:
        return FOLD
    if base_a == id_b or base_b == id_a or (base_a is not None and base_a == base_b):
        return DERIVED
    return SEPARATE


def test_the_table_covers_every_kind_with_enough_real_pairs():
    labels = [label for _, _, label, _ in PAIRS]
    assert len(PAIRS) >= 60
    assert {FOLD, DERIVED, SEPARATE} <= set(labels)


@pytest.mark.parametrize(("name_a", "name_b", "label", "why"), PAIRS)
def test_identity_of_real_name_pairs(resolved, name_a, name_b, label, why):
    # GIVEN two spellings the sources really use, labelled by hand
    # WHEN both resolve through the identity layer
    # THEN they are one model, a derived model and its base, or two models, as labelled
    got = _label(resolved[name_a], resolved[name_b])
    assert got == label, (
        f"{name_a!r} vs {name_b!r} ({why}): {resolved[name_a]} / {resolved[name_b]}"
    )


def test_unattributed_checkpoints_keep_their_own_id(resolved):
    assert resolved["Gemini-Exp-1114"][0] == "gemini-exp-1114"
    # an alias that moves from model to model keeps its whole slug, not "gpt"
    assert resolved["openai/gpt-chat-latest"][0] == "gpt-chat-latest"


def test_no_published_spelling_keeps_a_date_or_a_vendor_prefix(resolved):
    # GIVEN every dated or vendor-prefixed spelling that folds WHEN resolved THEN its
    # model_id carries neither (a model_id is what the list shows when no name is curated)
    for name_a, name_b, label, _ in PAIRS:
        if label != FOLD:
            continue
        for name in (name_a, name_b):
            model_id = resolved[name][0]
            assert "/" not in model_id
            assert not model_id.endswith(("-20240501", "-0709", "-preview", "-exp", "-latest"))
