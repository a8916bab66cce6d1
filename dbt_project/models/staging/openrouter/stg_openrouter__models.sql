{# One row per OpenRouter id per capture. Casts only: routers, aliases and variants are
   dropped or merged downstream (int_openrouter_models_merged). #}
with

source_models as (
    select * from {{ source('openrouter', 'openrouter__models') }}
),

renamed as (
    select
        id as openrouter_model_id,
        -- Older bodies have no canonical_slug: the id without its :variant stands in.
        coalesce(nullif(trim(canonical_slug), ''), split_part(id, ':', 1)) as canonical_slug,
        split_part(id, ':', 1) as base_model_id,
        name as openrouter_model_name,
        -- Prose: kept as internal evidence (sizes, "fine-tuned from"), never published.
        nullif(trim(json_extract_string(record, '$.description')), '') as description,
        author,
        variant,
        nullif(trim(hugging_face_id), '') as hugging_face_id,
        modality,
        input_modalities,
        output_modalities,
        alias_target_slug,
        _capture_path as capture_path,
        _capture_sha256 as capture_sha256,
        _source_url as source_url,
        _load_id as load_id,
        record,
        {{ plausible('openrouter', 'created') }} as created_unix,
        {{ plausible('openrouter', 'context_length') }} as context_length,
        -- USD per token, sent as strings; '-1' means variable pricing (routers).
        case
            when {{ plausible('openrouter', 'pricing_prompt', 'try_cast(pricing_prompt as double)') }} >= 0
                then try_cast(pricing_prompt as double)
        end
            as prompt_price_usd_per_token,
        case
            when {{ plausible('openrouter', 'pricing_completion', 'try_cast(pricing_completion as double)') }} >= 0
                then try_cast(pricing_completion as double)
        end as completion_price_usd_per_token,
        is_alias,
        is_router,
        _is_sample as is_sample,
        -- Placeholder dates (2098-12-31 and the like) mean "none": NULL here, flagged below.
        case
            when year(try_cast(knowledge_cutoff as date)) between 2000 and 2089
                then try_cast(knowledge_cutoff as date)
        end as knowledge_cutoff_date,
        case
            when year(try_cast(expiration_date as date)) between 2000 and 2089
                then try_cast(expiration_date as date)
        end as expiration_date,
        coalesce(
            year(try_cast(knowledge_cutoff as date)) not between 2000 and 2089
            or year(try_cast(expiration_date as date)) not between 2000 and 2089,
            false
        ) as has_placeholder_date,
        case when {{ plausible('openrouter', 'created') }} is not null then created_at end as created_at,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_models
)

select * from renamed
