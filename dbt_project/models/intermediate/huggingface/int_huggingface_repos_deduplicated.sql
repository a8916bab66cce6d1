{# One row per Hugging Face repo found (HTTP 200) in any capture: the newest full model
   info wins (a listing entry, which has no commit sha and no safetensors, never replaces
   a full model info). Sample rows count only while no real capture has been loaded. #}
with

hub_models as (
    select * from {{ ref('stg_huggingface__models') }}
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from hub_models
),

models_found as (
    select hub_models.*
    from hub_models
    cross join real_data_present
    where
        hub_models.is_found
        and hub_models.repo_id is not null
        and not (hub_models.is_sample and real_data_present.has_real_rows)
),

repo_history as (
    select
        repo_id,
        min(captured_at) as first_seen_at,
        max(captured_at) as last_seen_at,
        bool_and(is_sample) as is_sample
    from models_found
    group by repo_id
),

latest_model_info as (
    select *
    from models_found
    qualify row_number() over (
        partition by repo_id
        order by commit_sha is not null desc, captured_at desc, capture_sha256 desc, request_key asc
    ) = 1
),

repos_deduplicated as (
    select
        latest_model_info.repo_id,
        latest_model_info.repo_organization,
        latest_model_info.commit_sha,
        latest_model_info.gating_mode,
        latest_model_info.license,
        latest_model_info.base_model,
        latest_model_info.library,
        latest_model_info.model_type,
        latest_model_info.dominant_dtype,
        {{ normalize_model_name('latest_model_info.repo_id') }} as model_name_normalized,
        'https://huggingface.co/' || latest_model_info.repo_id as evidence_url,
        latest_model_info.safetensors_total,
        latest_model_info.dominant_dtype_parameters,
        latest_model_info.is_gated,
        coalesce(latest_model_info.has_packed_int_weights, false) as has_packed_int_weights,
        latest_model_info.is_mixture_of_experts,
        repo_history.is_sample,
        latest_model_info.repo_created_at,
        repo_history.first_seen_at,
        repo_history.last_seen_at
    from latest_model_info
    inner join repo_history
        on latest_model_info.repo_id = repo_history.repo_id
)

select * from repos_deduplicated
