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
        hidden_size,
        num_hidden_layers,
        intermediate_size,
        dense_intermediate_size,
        moe_intermediate_size,
        shared_expert_intermediate_size,
        num_experts,
        num_experts_per_tok,
        n_shared_experts,
        first_k_dense_replace,
        moe_layer_step,
        mlp_only_layer_count,
        num_attention_heads,
        num_key_value_heads,
        head_dim,
        q_lora_rank,
        kv_lora_rank,
        qk_nope_head_dim,
        qk_rope_head_dim,
        v_head_dim,
        vocab_size,
        num_nextn_predict_layers,
        status = 200 as is_found,
        tie_word_embeddings,
        _is_sample as is_sample,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_configs
)

select * from renamed
