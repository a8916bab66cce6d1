"""Reading a config.json: a field under any of the names model families give it, top
level first, then the nested language-model config; and whether it describes a mixture
of experts."""

from __future__ import annotations

import re
from typing import Any

# Where a multimodal or odd config nests the language model's sizes.
NESTED_CONFIGS = ("text_config", "llm_config", "language_config", "ffn_config", "attn_config")
CONFIG_KEYS: dict[str, tuple[str, ...]] = {
    "hidden_size": ("hidden_size", "d_model", "n_embd", "dim"),
    "num_hidden_layers": ("num_hidden_layers", "n_layers", "num_layers", "n_layer"),
    "intermediate_size": ("intermediate_size", "ffn_hidden_size"),
    # Llama 4: the dense layers' FFN size, when it differs from the experts' (intermediate_size).
    "dense_intermediate_size": ("intermediate_size_mlp",),
    "moe_intermediate_size": ("moe_intermediate_size", "expert_intermediate_size"),
    "shared_expert_intermediate_size": ("shared_expert_intermediate_size",),
    "num_experts": ("num_experts", "n_routed_experts", "num_local_experts", "moe_num_experts"),
    "num_experts_per_tok": (
        "num_experts_per_tok",
        "experts_per_token",
        "moe_top_k",
        "num_experts_per_token",
    ),
    "n_shared_experts": ("n_shared_experts", "num_shared_experts"),
    "first_k_dense_replace": ("first_k_dense_replace",),
    "moe_layer_step": ("interleave_moe_layer_step", "decoder_sparse_step", "moe_layer_freq"),
    "num_attention_heads": ("num_attention_heads", "n_heads", "n_head"),
    "num_key_value_heads": ("num_key_value_heads", "n_kv_heads", "kv_n_heads", "num_kv_heads"),
    "head_dim": ("head_dim",),
    "q_lora_rank": ("q_lora_rank",),
    "kv_lora_rank": ("kv_lora_rank",),
    "qk_nope_head_dim": ("qk_nope_head_dim",),
    "qk_rope_head_dim": ("qk_rope_head_dim",),
    "v_head_dim": ("v_head_dim",),
    "vocab_size": ("vocab_size", "padded_vocab_size"),
    "num_nextn_predict_layers": ("num_nextn_predict_layers",),
}
EXPERT_KEYS = frozenset(CONFIG_KEYS["num_experts"] + CONFIG_KEYS["num_experts_per_tok"])
MOE_MODEL_TYPES = frozenset(
    {
        "dbrx",
        "deepseek_v2",
        "deepseek_v3",
        "deepseek_v32",
        "dots1",
        "ernie4_5_moe",
        "glm4_moe",
        "gpt_oss",
        "grok-1",
        "hunyuan_v1_moe",
        "jamba",
        "jetmoe",
        "kimi_k2",
        "llama4",
        "llama4_text",
        "longcat_flash",
        "minimax",
        "minimax_m1",
        "minimax_m2",
        "mixtral",
        "olmoe",
        "phimoe",
        "qwen2_moe",
        "qwen3_moe",
        "qwen3_next",
        "step3",
    }
)


def _scopes(config: dict[str, Any]) -> list[dict[str, Any]]:
    scopes = [config]
    scopes += [config[key] for key in NESTED_CONFIGS if isinstance(config.get(key), dict)]
    return scopes


def config_value(config: dict[str, Any], field: str) -> Any:
    """The first value of a field under any of its names, top level first, then nested."""
    for scope in _scopes(config):
        for key in CONFIG_KEYS.get(field, (field,)):
            if scope.get(key) is not None:
                return scope[key]
    return None


def is_mixture_of_experts(config: Any) -> bool:
    if not isinstance(config, dict):
        return False
    for scope in _scopes(config):
        if any(scope.get(key) not in (None, 0, 1) for key in EXPERT_KEYS):
            return True
        model_type = str(scope.get("model_type") or "").lower()
        if model_type in MOE_MODEL_TYPES or "moe" in model_type:
            return True
        architectures = scope.get("architectures") or []
        if isinstance(architectures, list) and any(
            re.search(r"moe|mixtral", str(name), re.IGNORECASE) for name in architectures
        ):
            return True
    return False
