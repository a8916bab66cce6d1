{# One row per model whose name states its size: parameters read from any name a source
   uses for it. Patterns, most specific first (case-insensitive, the size delimited by
   non-alphanumerics):
   - "8x22b" (experts × expert size, Mixtral-style): total ≈ 0.8 × 8 × 22e9 = 141e9 (the
     experts share attention and embeddings: Mixtral 8x22B has 141e9, 8x7B 46.7e9), active
     ≈ 1.8 × 22e9 = 39.6e9 (top-2 routing: Mixtral 8x22B 39e9, 8x7B 12.9e9);
   - "235b-a22b": 235e9 total, 22e9 active (Qwen-style); "2.4t-a95b": 2.4e12 total, 95e9
     active (a total in trillions: read as active-only before, it priced a 2.4e12-parameter
     model on 95e9 × 23 tokens per parameter, about twenty times too few tokens);
   - "17b-128e" (active size, expert count, Llama 4-style): 17e9 active, total unknown;
   - "a13b" alone: 13e9 active, total unknown;
   - "405b", "1.5b", "1t": that many parameters, dense (b = 1e9, t = 1e12).
   When several names parse, the most specific pattern wins, then the source order
   wikipedia, huggingface, openrouter, lmarena, known_specs (whose slugs lose decimal
   points), then the name. #}
with

names as (
    select
        model_id,
        source_name,
        source_model_name,
        lower(source_model_name) as name_lower
    from {{ ref('int_model_names_resolved') }}
),

patterns_matched as (
    select
        model_id,
        source_name,
        source_model_name,
        regexp_extract(
            name_lower,
            '(^|[^a-z0-9.])(\d+)x(\d+(\.\d+)?)b($|[^a-z0-9])',
            ['before', 'experts', 'expert_size', 'decimals', 'after']
        ) as experts_match,
        regexp_extract(
            name_lower,
            '(^|[^a-z0-9.])(\d+(\.\d+)?)([bt])-a(\d+(\.\d+)?)b($|[^a-z0-9])',
            ['before', 'total', 'total_decimals', 'total_unit', 'active', 'active_decimals', 'after']
        ) as total_active_match,
        regexp_extract(
            name_lower,
            '(^|[^a-z0-9.])(\d+(\.\d+)?)b-(\d+)e($|[^a-z0-9])',
            ['before', 'active', 'decimals', 'experts', 'after']
        ) as active_experts_match,
        regexp_extract(
            name_lower,
            '(^|[^a-z0-9.])a(\d+(\.\d+)?)b($|[^a-z0-9])',
            ['before', 'active', 'decimals', 'after']
        ) as active_only_match,
        regexp_extract(
            name_lower,
            '(^|[^a-z0-9.])(\d+(\.\d+)?)([bt])($|[^a-z0-9])',
            ['before', 'size', 'decimals', 'unit', 'after']
        ) as dense_match
    from names
),

sizes_read as (
    select
        patterns_matched.model_id,
        patterns_matched.source_name,
        patterns_matched.source_model_name,
        case
            when experts_match.experts != '' then 'experts_x_size'
            when total_active_match.total != '' then 'total_and_active'
            when active_experts_match.active != '' then 'active_and_experts'
            when active_only_match.active != '' then 'active_only'
            when dense_match.size != '' then 'dense'
        end as name_pattern,
        case
            when experts_match.experts != ''
                then
                    0.8 * try_cast(experts_match.experts as double)
                    * try_cast(experts_match.expert_size as double) * 1e9
            when total_active_match.total != ''
                then
                    try_cast(total_active_match.total as double)
                    * case total_active_match.total_unit when 't' then 1e12 else 1e9 end
            when active_experts_match.active != '' then null
            when active_only_match.active != '' then null
            when dense_match.size != ''
                then
                    try_cast(dense_match.size as double)
                    * case dense_match.unit when 't' then 1e12 else 1e9 end
        end as parameters,
        case
            when experts_match.experts != '' then 1.8 * try_cast(experts_match.expert_size as double) * 1e9
            when total_active_match.total != '' then try_cast(total_active_match.active as double) * 1e9
            when active_experts_match.active != '' then try_cast(active_experts_match.active as double) * 1e9
            when active_only_match.active != '' then try_cast(active_only_match.active as double) * 1e9
            when dense_match.size != ''
                then
                    try_cast(dense_match.size as double)
                    * case dense_match.unit when 't' then 1e12 else 1e9 end
        end as active_parameters
    from patterns_matched
),

best_reading_per_model as (
    select *
    from sizes_read
    where name_pattern is not null
    qualify row_number() over (
        partition by model_id
        order by
            case name_pattern
                when 'experts_x_size' then 1
                when 'total_and_active' then 2
                when 'active_and_experts' then 3
                when 'active_only' then 4
                else 5
            end,
            -- The seed's slugs lose decimal points (qwen2-5-1-5b): read them last.
            case source_name
                when 'wikipedia' then 1
                when 'huggingface' then 2
                when 'openrouter' then 3
                when 'lmarena' then 4
                else 5
            end,
            source_model_name
    ) = 1
),

sizes_parsed as (
    select
        model_id,
        source_model_name as parsed_from_name,
        name_pattern,
        cast(parameters as bigint) as parameters,
        cast(active_parameters as bigint) as active_parameters,
        name_pattern in ('experts_x_size', 'total_and_active', 'active_and_experts', 'active_only')
            as is_mixture_of_experts
    from best_reading_per_model
)

select * from sizes_parsed
