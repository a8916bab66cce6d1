with

source_load_log as (
    select * from {{ source('ingest', 'load_log') }}
),

renamed as (
    select
        run_id,
        source as source_name,
        status as load_status,
        rows_loaded,
        capture_path,
        error as error_message,
        is_sample,
        started_at,
        finished_at,
        captured_at
    from source_load_log
)

select * from renamed
