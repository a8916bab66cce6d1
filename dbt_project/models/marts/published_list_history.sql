{# One row per version of a published-list row, ever: the versions kept outside the
   warehouse (stg_history__published_list_versions, which survive `make rebuild`) plus the
   live dbt snapshot's versions not recorded yet. After a rebuild the snapshot restarts;
   its first version of a row is the same content as the last recorded one, and is folded
   into it (a version is a change of content). valid_to is the next version's valid_from. #}
with

recorded as (
    select * from {{ ref('stg_history__published_list_versions') }}
),

snapshot as (
    select * from {{ ref('models_above_1e25_flop_snapshot') }}
),

{# The snapshot's fields as text, as ingest/history.py records them. #}
live as (
    select
        dbt_scd_id as version_id,
        model_id,
        cast(model_name as varchar) as model_name,
        cast(organization as varchar) as organization,
        cast(publication_date as varchar) as publication_date,
        cast(parameters as varchar) as parameters,
        cast(training_tokens as varchar) as training_tokens,
        cast(training_compute_flop as varchar) as training_compute_flop,
        cast(training_compute_lower_flop as varchar) as training_compute_lower_flop,
        cast(training_compute_upper_flop as varchar) as training_compute_upper_flop,
        cast(confidence as varchar) as confidence,
        cast(estimation_method as varchar) as estimation_method,
        cast(threshold_class as varchar) as threshold_class,
        cast(provenance as varchar) as provenance,
        cast(overridden_fields as varchar) as overridden_fields,
        cast(override_reason as varchar) as override_reason,
        cast(is_verified as varchar) as is_verified,
        coalesce(lower(cast(dbt_is_deleted as varchar)) = 'true', false) as is_deleted,
        cast(dbt_valid_from as timestamp) as valid_from
    from snapshot
),

live_not_recorded as (
    select live.*
    from live
    left join recorded
        on live.version_id = recorded.version_id
    where recorded.version_id is null
),

versions_unioned as (
    select
        *,
        true as is_recorded
    from recorded
    union all
    select
        *,
        false as is_recorded
    from live_not_recorded
),

versions_keyed as (
    select
        *,
        md5(cast([
            model_name, organization, publication_date, parameters, training_tokens,
            training_compute_flop, training_compute_lower_flop, training_compute_upper_flop,
            confidence, estimation_method, threshold_class, provenance, overridden_fields,
            override_reason, is_verified, cast(is_deleted as varchar)
        ] as varchar)) as content_key
    from versions_unioned
),

versions_compared as (
    select
        *,
        lag(content_key) over (
            partition by model_id order by valid_from, version_id
        ) as previous_content_key
    from versions_keyed
),

content_changes as (
    select *
    from versions_compared
    where previous_content_key is null or previous_content_key != content_key
),

versions_dated as (
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
        is_deleted,
        is_recorded,
        valid_from,
        lead(valid_from) over (
            partition by model_id order by valid_from, version_id
        ) as valid_to
    from content_changes
)

select * from versions_dated
