{#
    One row per Hugging Face repo with a config.json (the newest one found): parameters
    estimated from the config, and the active (per-token) parameters of mixture-of-experts
    models, which only config.json gives.

    h = hidden size, L = layers, E = routed experts, k = experts per token.
    - attention per layer: multi-head latent attention (DeepSeek, Kimi: kv_lora_rank set)
      h*q_lora + q_lora*heads*(nope+rope) + h*(kv_lora+rope) + kv_lora*heads*(nope+v) + heads*v*h
      (h*heads*(nope+rope) for the query without q_lora_rank); grouped-query attention when
      heads and kv heads are known: 2*h*heads*head_dim + 2*h*kv_heads*head_dim; else 4*h^2.
    - one expert (SwiGLU: gate, up, down) = 3*h*moe_intermediate_size.
    - MoE layers = (L - first_k_dense_replace - len(mlp_only_layers)) / moe layer step; the
      rest are dense, with FFN 3*h*intermediate_size.
    - total = embeddings (vocab*h, twice unless tied) + L*attention + dense FFNs
              + MoE layers * ((E + shared) * expert + router h*E)
    - active = total - (E - k) * MoE layers * expert
    Norms and biases are left out (<0.01%); so are multi-token-prediction layers
    (num_nextn_predict_layers), which the released model does not run per token.
#}
with

hub_configs as (
    select * from {{ ref('stg_huggingface__configs') }}
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from hub_configs
),

latest_config as (
    select hub_configs.*
    from hub_configs
    cross join real_data_present
    where
        hub_configs.is_found
        and hub_configs.hidden_size is not null
        and hub_configs.num_hidden_layers is not null
        and not (hub_configs.is_sample and real_data_present.has_real_rows)
    qualify row_number() over (
        partition by hub_configs.repo_id
        order by
            hub_configs.captured_at desc,
            hub_configs.capture_sha256 desc,
            hub_configs.request_url asc
    ) = 1
),

config_sizes as (
    select
        repo_id,
        commit_sha,
        model_type,
        is_sample,
        hidden_size,
        num_hidden_layers,
        num_experts,
        num_experts_per_tok,
        coalesce(num_experts, 0) > 1 as is_mixture_of_experts,
        coalesce(vocab_size, 0) * hidden_size * (case when tie_word_embeddings then 1 else 2 end)
            as embedding_parameters,
        case
            when kv_lora_rank is not null then 'multi-head latent attention'
            when num_attention_heads is not null and num_key_value_heads is not null
                then 'grouped-query attention'
            else '4*hidden^2'
        end as attention_formula,
        case
            when kv_lora_rank is not null
                then
                    coalesce(
                        hidden_size * q_lora_rank
                        + q_lora_rank * num_attention_heads * (qk_nope_head_dim + qk_rope_head_dim),
                        hidden_size * num_attention_heads * (qk_nope_head_dim + qk_rope_head_dim)
                    )
                    + hidden_size * (kv_lora_rank + qk_rope_head_dim)
                    + kv_lora_rank * num_attention_heads * (qk_nope_head_dim + v_head_dim)
                    + num_attention_heads * v_head_dim * hidden_size
            when num_attention_heads is not null and num_key_value_heads is not null
                then
                    2 * hidden_size * num_attention_heads
                    * coalesce(head_dim, hidden_size // num_attention_heads)
                    + 2 * hidden_size * num_key_value_heads
                    * coalesce(head_dim, hidden_size // num_attention_heads)
            else 4 * hidden_size * hidden_size
        end as attention_parameters_per_layer,
        3 * hidden_size * coalesce(moe_intermediate_size, intermediate_size) as expert_parameters,
        3 * hidden_size * coalesce(dense_intermediate_size, intermediate_size, 0)
            as dense_ffn_parameters_per_layer,
        -- Llama 4 has one shared expert per MoE layer without naming it in the config.
        3 * hidden_size * coalesce(
            shared_expert_intermediate_size,
            coalesce(n_shared_experts, case when model_type like 'llama4%' then 1 else 0 end)
            * coalesce(moe_intermediate_size, intermediate_size)
        ) as shared_expert_parameters_per_layer,
        case
            when coalesce(num_experts, 0) > 1
                then
                    (num_hidden_layers - coalesce(first_k_dense_replace, 0) - coalesce(mlp_only_layer_count, 0))
                    // greatest(coalesce(moe_layer_step, 1), 1)
            else 0
        end as moe_layer_count
    from latest_config
),

parameters_estimated as (
    select
        *,
        num_hidden_layers - moe_layer_count as dense_layer_count,
        embedding_parameters
        + num_hidden_layers * attention_parameters_per_layer
        + (num_hidden_layers - moe_layer_count) * dense_ffn_parameters_per_layer
        + case
            when moe_layer_count > 0
                then
                    moe_layer_count * (
                        num_experts * expert_parameters
                        + coalesce(shared_expert_parameters_per_layer, 0)
                        + hidden_size * num_experts
                    )
            else 0
        end as parameters_from_config
    from config_sizes
),

active_parameters_estimated as (
    select
        *,
        case
            when not is_mixture_of_experts then parameters_from_config
            when num_experts_per_tok is not null
                then
                    parameters_from_config
                    - (num_experts - num_experts_per_tok) * moe_layer_count * expert_parameters
        end as active_parameters
    from parameters_estimated
)

select * from active_parameters_estimated
