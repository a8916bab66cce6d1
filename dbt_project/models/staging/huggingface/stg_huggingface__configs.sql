{# One row per config.json response per capture (401 for a gated repo without a token). #}
with

source_configs as (
    select * from {{ source('huggingface', 'huggingface__configs') }}
),

renamed as (
    select
        request_url,
        repo_id,
        sha as commit_sha,
        model_type,
        _capture_path as capture_path,
        _capture_sha256 as capture_sha256,
        _source_url as source_url,
        _load_id as load_id,
        architectures,
        config,
        status as http_status,
        {{ plausible('huggingface', 'hidden_size') }} as hidden_size,
        {{ plausible('huggingface', 'num_hidden_layers') }} as num_hidden_layers,
        {{ plausible('huggingface', 'intermediate_size') }} as intermediate_size,
        {{ plausible('huggingface', 'dense_intermediate_size') }} as dense_intermediate_size,
        {{ plausible('huggingface', 'moe_intermediate_size') }} as moe_intermediate_size,
        {{ plausible('huggingface', 'shared_expert_intermediate_size') }} as shared_expert_intermediate_size,
        {{ plausible('huggingface', 'num_experts') }} as num_experts,
        {{ plausible('huggingface', 'num_experts_per_tok') }} as num_experts_per_tok,
        {{ plausible('huggingface', 'n_shared_experts') }} as n_shared_experts,
        {{ plausible('huggingface', 'first_k_dense_replace') }} as first_k_dense_replace,
        {{ plausible('huggingface', 'moe_layer_step') }} as moe_layer_step,
        {{ plausible('huggingface', 'mlp_only_layer_count') }} as mlp_only_layer_count,
        {{ plausible('huggingface', 'num_attention_heads') }} as num_attention_heads,
        {{ plausible('huggingface', 'num_key_value_heads') }} as num_key_value_heads,
        {{ plausible('huggingface', 'head_dim') }} as head_dim,
        {{ plausible('huggingface', 'q_lora_rank') }} as q_lora_rank,
        {{ plausible('huggingface', 'kv_lora_rank') }} as kv_lora_rank,
        {{ plausible('huggingface', 'qk_nope_head_dim') }} as qk_nope_head_dim,
        {{ plausible('huggingface', 'qk_rope_head_dim') }} as qk_rope_head_dim,
        {{ plausible('huggingface', 'v_head_dim') }} as v_head_dim,
        {{ plausible('huggingface', 'vocab_size') }} as vocab_size,
        {{ plausible('huggingface', 'num_nextn_predict_layers') }} as num_nextn_predict_layers,
        status = 200 as is_found,
        tie_word_embeddings,
        _is_sample as is_sample,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_configs
)

select * from renamed
