with

source_data_test_findings as (
    select * from {{ source('ingest', 'data_test_findings') }}
),

renamed as (
    select
        test_name,
        test_kind,
        tested_model,
        column_name,
        failures as failing_rows,
        message as test_message,
        failing_rows_sql,
        built_at
    from source_data_test_findings
)

select * from renamed
