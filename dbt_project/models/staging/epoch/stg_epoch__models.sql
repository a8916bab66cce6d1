{# REFERENCE ONLY: read by the validation branch, never by identity, estimation or marts. #}
with

source_models as (
    select * from {{ source('epoch', 'epoch__models') }}
),

renamed as (
    select
        model as epoch_model_name,
        organization as epoch_organization,
        domain,
        publication_date_text,
        training_compute_notes,
        training_dataset_size_header,
        confidence,
        model_accessibility,
        country,
        last_modified,
        link as epoch_link,
        record,
        _capture_path as capture_path,
        _capture_sha256 as capture_sha256,
        _source_url as source_url,
        _load_id as load_id,
        row_number,
        {{ plausible('epoch', 'parameters') }} as parameters,
        {{ plausible('epoch', 'training_compute_flop') }} as training_compute_flop,
        {{ plausible('epoch', 'training_dataset_size') }} as training_dataset_size,
        _is_sample as is_sample,
        {{ plausible('epoch', 'publication_date') }} as publication_date,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_models
)

select * from renamed
