{# VALIDATION BRANCH, REFERENCE ONLY. One row per model in Epoch AI's newest capture,
   matched to our model_ids with the same normalize_model_name macro and alias seed that
   identity uses. Nothing downstream of the published marts may read this model: Epoch's
   values are for comparison, never an input (tests/python/test_epoch_isolation.py). #}
with

epoch_rows as (
    select * from {{ ref('stg_epoch__models') }}
),

aliases as (
    select
        alias,
        model_id
    from {{ ref('model_aliases') }}
),

our_models as (
    select model_id
    from {{ ref('int_models_identified') }}
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from epoch_rows
),

rows_in_use as (
    select epoch_rows.*
    from epoch_rows
    cross join real_data_present
    where not (epoch_rows.is_sample and real_data_present.has_real_rows)
),

newest_capture as (
    -- Epoch's dataset is a current view, not a history: compare with its latest state.
    select capture_sha256
    from rows_in_use
    qualify row_number() over (order by captured_at desc, capture_sha256 desc) = 1
),

newest_rows as (
    select rows_in_use.*
    from rows_in_use
    inner join newest_capture
        on rows_in_use.capture_sha256 = newest_capture.capture_sha256
    qualify row_number() over (
        partition by rows_in_use.epoch_model_name
        order by rows_in_use.row_number asc
    ) = 1
),

names_normalized as (
    select
        *,
        {{ normalize_model_name('epoch_model_name') }} as model_name_normalized
    from newest_rows
),

names_matched as (
    select
        names_normalized.epoch_model_name,
        names_normalized.model_name_normalized,
        coalesce(aliases.model_id, names_normalized.model_name_normalized) as candidate_model_id,
        our_models.model_id,
        case
            when our_models.model_id is null then 'unmatched'
            when aliases.model_id is not null then 'alias'
            else 'normalized_name'
        end as match_method,
        our_models.model_id is not null as is_matched,
        names_normalized.epoch_organization,
        names_normalized.publication_date,
        names_normalized.parameters,
        names_normalized.training_compute_flop,
        names_normalized.training_dataset_size,
        names_normalized.confidence,
        names_normalized.model_accessibility,
        names_normalized.training_compute_notes,
        names_normalized.epoch_link,
        names_normalized.is_sample,
        names_normalized.captured_at
    from names_normalized
    left join aliases
        on names_normalized.model_name_normalized = aliases.alias
    left join our_models
        on coalesce(aliases.model_id, names_normalized.model_name_normalized) = our_models.model_id
)

select * from names_matched
