{# One row per OpenRouter canonical_slug across every capture: routers (openrouter/*) and
   aliases (~author/...-latest) dropped, :variant ids (:free, :extended, ...) merged into the
   model they serve. Sample rows count only while no real capture has been loaded. #}
with

openrouter_models as (
    select * from {{ ref('stg_openrouter__models') }}
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from openrouter_models
),

models_in_use as (
    select openrouter_models.*
    from openrouter_models
    cross join real_data_present
    where not (openrouter_models.is_sample and real_data_present.has_real_rows)
),

captures_seen as (
    select
        min(captured_at) as first_captured_at,
        max(captured_at) as last_captured_at
    from models_in_use
),

models_served as (
    select *
    from models_in_use
    where not is_router and not is_alias
),

latest_entry_per_slug as (
    -- The newest capture's entry, the plain id before its :variants.
    select *
    from models_served
    qualify row_number() over (
        partition by canonical_slug
        order by captured_at desc, variant is not null asc, openrouter_model_id asc
    ) = 1
),

slug_history as (
    select
        canonical_slug,
        list_sort(list_distinct(list(openrouter_model_id))) as openrouter_model_ids,
        -- What goes in and out (text, image, audio...), across every capture that lists it.
        list_sort(list_distinct(flatten(list(input_modalities)))) as input_modalities,
        list_sort(list_distinct(flatten(list(output_modalities)))) as output_modalities,
        min(created_at) as created_at,
        min(captured_at) as first_seen_at,
        max(captured_at) as last_seen_at,
        bool_and(is_sample) as is_sample
    from models_served
    group by canonical_slug
),

models_merged as (
    select
        slug_history.canonical_slug,
        latest_entry_per_slug.base_model_id as openrouter_model_id,
        latest_entry_per_slug.openrouter_model_name,
        latest_entry_per_slug.author,
        latest_entry_per_slug.hugging_face_id,
        latest_entry_per_slug.description,
        -- OpenRouter writes DeepSeek's versions after '-chat' (deepseek-chat-v3-0324 is
        -- DeepSeek-V3-0324); the normalizer would drop '-chat-v3-0324' whole as a chat suffix.
        {{ normalize_model_name(
            "regexp_replace(latest_entry_per_slug.base_model_id, '-chat-v([0-9])', '-v\\1')"
        ) }} as model_name_normalized,
        'https://openrouter.ai/' || latest_entry_per_slug.base_model_id as evidence_url,
        slug_history.openrouter_model_ids,
        slug_history.input_modalities,
        slug_history.output_modalities,
        latest_entry_per_slug.context_length,
        latest_entry_per_slug.knowledge_cutoff_date,
        latest_entry_per_slug.expiration_date,
        slug_history.is_sample,
        -- Listed when OpenRouter opened (2023-05-28), or at exactly 00:00:00 UTC: a date
        -- typed in afterwards, not the moment of listing.
        (
            slug_history.created_at < timestamp '2023-06-01'
            or slug_history.created_at = date_trunc('day', slug_history.created_at)
        ) as is_created_backfilled,
        slug_history.first_seen_at > captures_seen.first_captured_at as is_new_since_first_capture,
        slug_history.last_seen_at = captures_seen.last_captured_at as is_listed_in_latest_capture,
        slug_history.created_at,
        slug_history.first_seen_at,
        slug_history.last_seen_at
    from slug_history
    inner join latest_entry_per_slug
        on slug_history.canonical_slug = latest_entry_per_slug.canonical_slug
    cross join captures_seen
)

select * from models_merged
