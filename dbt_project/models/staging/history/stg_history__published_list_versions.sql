{# One row per recorded version of a published-list row (the dbt snapshot's versions,
   kept in data/history/published_list_versions.csv and read back into raw by ingest).
   The field values stay text: marts.published_list_history compares them with the live
   snapshot's, cast to text the same way. #}
with

source_versions as (
    select * from {{ source('kept_history', 'published_list_versions') }}
),

renamed as (
    select
        version_id,
        model_id,
        model_name,
        organization,
        publication_date,
        parameters,
        training_tokens,
        training_compute_flop,
        training_compute_lower_flop,
        training_compute_upper_flop,
        confidence,
        estimation_method,
        threshold_class,
        provenance,
        overridden_fields,
        override_reason,
        is_verified,
        coalesce(lower(is_deleted) = 'true', false) as is_deleted,
        try_cast(valid_from as timestamp) as valid_from
    from source_versions
)

select * from renamed
