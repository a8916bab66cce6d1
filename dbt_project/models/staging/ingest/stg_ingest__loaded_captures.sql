with

source_loaded_captures as (
    select * from {{ source('ingest', 'loaded_captures') }}
),

renamed as (
    select
        source as source_name,
        capture_sha256,
        capture_path,
        is_sample,
        load_id,
        rows_loaded,
        captured_at,
        loaded_at
    from source_loaded_captures
)

select * from renamed
