{# GENERATED from ingest/ranges.py by `python -m ingest.ranges --write-macro`: edit
   the ranges there. Staging keeps a raw value only when it is finite and inside its
   plausible range, so whatever raw holds, no later cast or log can fail on it. #}
{% macro value_range(source_name, column_name) -%}
    {%- set ranges = {
        'derived.training_compute_flop': ['number', 1000000000000000.0, 1e+30],
        'epoch.parameters': ['number', 1.0, 1000000000000000.0],
        'epoch.publication_date': ['date', '1940-01-01', none],
        'epoch.training_compute_flop': ['number', 1.0, 1e+31],
        'epoch.training_dataset_size': ['number', 1.0, 1e+17],
        'huggingface.dense_intermediate_size': ['number', 0.0, 100000000.0],
        'huggingface.first_k_dense_replace': ['number', 0.0, 100000000.0],
        'huggingface.head_dim': ['number', 0.0, 100000000.0],
        'huggingface.hidden_size': ['number', 0.0, 100000000.0],
        'huggingface.intermediate_size': ['number', 0.0, 100000000.0],
        'huggingface.kv_lora_rank': ['number', 0.0, 100000000.0],
        'huggingface.mlp_only_layer_count': ['number', 0.0, 100000.0],
        'huggingface.moe_intermediate_size': ['number', 0.0, 100000000.0],
        'huggingface.moe_layer_step': ['number', 0.0, 100000000.0],
        'huggingface.n_shared_experts': ['number', 0.0, 100000000.0],
        'huggingface.num_attention_heads': ['number', 0.0, 100000000.0],
        'huggingface.num_experts': ['number', 0.0, 100000000.0],
        'huggingface.num_experts_per_tok': ['number', 0.0, 100000000.0],
        'huggingface.num_hidden_layers': ['number', 0.0, 100000000.0],
        'huggingface.num_key_value_heads': ['number', 0.0, 100000000.0],
        'huggingface.num_nextn_predict_layers': ['number', 0.0, 100000000.0],
        'huggingface.q_lora_rank': ['number', 0.0, 100000000.0],
        'huggingface.qk_nope_head_dim': ['number', 0.0, 100000000.0],
        'huggingface.qk_rope_head_dim': ['number', 0.0, 100000000.0],
        'huggingface.shared_expert_intermediate_size': ['number', 0.0, 100000000.0],
        'huggingface.status': ['number', 100.0, 599.0],
        'huggingface.v_head_dim': ['number', 0.0, 100000000.0],
        'huggingface.vocab_size': ['number', 0.0, 100000000.0],
        'huggingface.created_at': ['date', '2016-01-01', none],
        'huggingface.dominant_dtype_parameters': ['number', 100000.0, 100000000000000.0],
        'huggingface.safetensors_total': ['number', 100000.0, 100000000000000.0],
        'huggingface.status': ['number', 100.0, 599.0],
        'lmarena.leaderboard_publish_date': ['date', '2023-01-01', none],
        'lmarena.rank': ['number', 1.0, 100000.0],
        'lmarena.rating': ['number', 500.0, 2000.0],
        'lmarena.rating_lower': ['number', 500.0, 2000.0],
        'lmarena.rating_upper': ['number', 500.0, 2000.0],
        'lmarena.variance': ['number', 0.0, 10000.0],
        'lmarena.vote_count': ['number', 0.0, 1000000000.0],
        'openrouter.context_length': ['number', 1.0, 1000000000.0],
        'openrouter.created': ['unix_seconds', '2020-01-01', none],
        'openrouter.pricing_completion': ['number', -1.0, 1.0],
        'openrouter.pricing_prompt': ['number', -1.0, 1.0],
        'wikipedia.corpus_tokens': ['number', 1000000.0, 1e+16],
        'wikipedia.page_id': ['number', 1.0, 1000000000000.0],
        'wikipedia.parameters': ['number', 100000.0, 100000000000000.0],
        'wikipedia.release_date': ['date', '2010-01-01', none],
        'wikipedia.revid': ['number', 1.0, 1000000000000.0],
        'wikipedia.table_year': ['number', 1990.0, 2100.0],
        'wikipedia.training_cost_flop': ['number', 1000000000000000.0, 1e+30],
        'wikipedia.training_cost_petaflop_days': ['number', 0.0001, 10000000000.0],
    } -%}
    {{- return(ranges[source_name ~ '.' ~ column_name]) -}}
{%- endmacro %}

{# The column's value when plausible, else NULL (typed as the column). #}
{% macro plausible(source_name, column_name, expr=none) -%}
    {%- set bounds = value_range(source_name, column_name) -%}
    {%- set value = expr if expr is not none else column_name -%}
    {%- if bounds[0] == 'date' -%}
        case when try_cast({{ value }} as date) between date '{{ bounds[1] }}' and
            {%- if bounds[2] %} date '{{ bounds[2] }}'
            {%- else %} current_date + interval 366 day
            {%- endif %} then {{ value }} end
    {%- elif bounds[0] == 'unix_seconds' -%}
        case when {{ value }} between epoch(timestamp '{{ bounds[1] }}')
            and epoch(current_date + interval 366 day) then {{ value }} end
    {%- else -%}
        case when isfinite(try_cast({{ value }} as double))
            and try_cast({{ value }} as double)
                between {{ bounds[1] }} and {{ bounds[2] }}
            then {{ value }} end
    {%- endif -%}
{%- endmacro %}
