{# One row per model-info response per capture, failed requests included (status <> 200). #}
with

source_models as (
    select * from {{ source('huggingface', 'huggingface__models') }}
),

renamed as (
    select
        coalesce(request_url, 'file:' || repo_id) as request_key,
        repo_id,
        requested_repo_id,
        split_part(repo_id, '/', 1) as repo_organization,
        request_url,
        sha as commit_sha,
        gated as gating_mode,
        license,
        base_model,
        library,
        model_type,
        dominant_dtype,
        _capture_path as capture_path,
        _capture_sha256 as capture_sha256,
        _source_url as source_url,
        _load_id as load_id,
        safetensors_parameters,
        architectures,
        record,
        status as http_status,
        {{ plausible('huggingface', 'safetensors_total') }} as safetensors_total,
        {{ plausible('huggingface', 'dominant_dtype_parameters') }} as dominant_dtype_parameters,
        status = 200 as is_found,
        coalesce(gated, 'false') <> 'false' as is_gated,
        has_packed_int_weights,
        is_mixture_of_experts,
        _is_sample as is_sample,
        {{ plausible('huggingface', 'created_at') }} as repo_created_at,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_models
)

select * from renamed
