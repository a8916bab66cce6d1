{# One row per name on Wikipedia's list, from every capture ever loaded: the newest
   capture's row gives the values (the page is corrected over time), and a name that
   later left the page stays with its last values. Sample rows count only while no real
   capture of Wikipedia has been loaded. #}
with

wikipedia_rows as (
    select * from {{ ref('stg_wikipedia__models') }}
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from wikipedia_rows
),

rows_in_use as (
    select wikipedia_rows.*
    from wikipedia_rows
    cross join real_data_present
    where not (wikipedia_rows.is_sample and real_data_present.has_real_rows)
),

sightings_per_name as (
    select
        wikipedia_model_name,
        -- A release date is public evidence too: "seen" no later than it (least skips NULL).
        min(least(cast(release_date as timestamp), captured_at)) as first_seen_at,
        max(captured_at) as last_seen_at
    from rows_in_use
    group by wikipedia_model_name
),

newest_row_per_name as (
    select *
    from rows_in_use
    qualify row_number() over (
        partition by wikipedia_model_name
        order by captured_at desc, capture_sha256 desc, table_number asc, row_number asc
    ) = 1
),

names_deduplicated as (
    select
        newest_row_per_name.wikipedia_model_name,
        {{ normalize_model_name('newest_row_per_name.wikipedia_model_name') }} as model_name_normalized,
        newest_row_per_name.developer,
        newest_row_per_name.release_date,
        newest_row_per_name.release_date_precision,
        newest_row_per_name.parameters,
        newest_row_per_name.is_parameters_approximate,
        newest_row_per_name.corpus_tokens,
        newest_row_per_name.training_cost_petaflop_days,
        newest_row_per_name.training_cost_flop,
        newest_row_per_name.training_cost_reference,
        newest_row_per_name.license_text,
        newest_row_per_name.license_kind,
        newest_row_per_name.revid,
        newest_row_per_name.revision_url,
        newest_row_per_name.is_sample,
        newest_row_per_name.captured_at,
        sightings_per_name.first_seen_at,
        sightings_per_name.last_seen_at
    from newest_row_per_name
    inner join sightings_per_name
        on newest_row_per_name.wikipedia_model_name = sightings_per_name.wikipedia_model_name
)

select * from names_deduplicated
