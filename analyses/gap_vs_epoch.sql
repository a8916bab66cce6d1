-- Gap against Epoch AI: every model either side puts at or above 1e25 FLOP, with both
-- estimates, their ratio, and what the gap is:
--   found          Epoch >= 1e25, and we list it or class it above/uncertain
--   misclassified  Epoch >= 1e25, we know the model but class it below (or no estimate)
--   missed         Epoch >= 1e25, no model of ours matches the name (add an alias?)
--   only_ours      in our published list, Epoch below 1e25, without an estimate or absent
-- Epoch's data is a reference only (reports/validation.md has the full analysis).
-- Grain: one row per Epoch model at or above 1e25, plus one per published model of ours
-- that no such Epoch row matches.
--
-- Run it: .venv/bin/dbt compile --profiles-dir . --project-dir . --select gap_vs_epoch
--   then  .venv/bin/duckdb -readonly warehouse.published.duckdb \
--           < target/compiled/frontier_compute_tracker/analyses/gap_vs_epoch.sql
-- Or paste it into .venv/bin/duckdb, reading ref('int_epoch_models_matched') as
-- intermediate.int_epoch_models_matched and the other refs as marts.<name>.
with

epoch as (
    select * from {{ ref('int_epoch_models_matched') }}
),

models as (
    select * from {{ ref('models') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

ours as (
    select
        models.model_id,
        models.model_name,
        models.training_compute_flop,
        models.estimation_method,
        models.threshold_class,
        published.model_id is not null as is_in_published_list
    from models
    left join published
        on models.model_id = published.model_id
    where not models.is_excluded
),

epoch_above as (
    select
        epoch.epoch_model_name,
        epoch.epoch_organization,
        epoch.publication_date as epoch_publication_date,
        epoch.training_compute_flop as epoch_training_compute_flop,
        epoch.model_id
    from epoch
    where epoch.training_compute_flop >= {{ var('threshold_flop') }}
),

epoch_side as (
    select
        epoch_above.epoch_model_name,
        epoch_above.epoch_organization,
        epoch_above.epoch_publication_date,
        epoch_above.epoch_training_compute_flop,
        ours.model_id,
        ours.model_name,
        ours.training_compute_flop,
        ours.estimation_method,
        ours.threshold_class,
        coalesce(ours.is_in_published_list, false) as is_in_published_list,
        case
            when ours.model_id is null then 'missed'
            when ours.is_in_published_list or ours.threshold_class in ('above', 'uncertain') then 'found'
            else 'misclassified'
        end as gap
    from epoch_above
    left join ours
        on epoch_above.model_id = ours.model_id
),

epoch_any as (
    select
        model_id,
        max(training_compute_flop) as epoch_training_compute_flop,
        min(epoch_model_name) as epoch_model_name
    from epoch
    where model_id is not null
    group by model_id
),

ours_side as (
    select
        epoch_any.epoch_model_name,
        cast(null as varchar) as epoch_organization,
        cast(null as date) as epoch_publication_date,
        epoch_any.epoch_training_compute_flop,
        ours.model_id,
        ours.model_name,
        ours.training_compute_flop,
        ours.estimation_method,
        ours.threshold_class,
        ours.is_in_published_list,
        'only_ours' as gap
    from ours
    left join epoch_any
        on ours.model_id = epoch_any.model_id
    where
        ours.is_in_published_list
        and coalesce(epoch_any.epoch_training_compute_flop, 0) < {{ var('threshold_flop') }}
),

gaps as (
    select * from epoch_side
    union all
    select * from ours_side
)

select
    *,
    training_compute_flop / nullif(epoch_training_compute_flop, 0) as ratio_ours_to_epoch
from gaps
order by gap asc, coalesce(epoch_training_compute_flop, training_compute_flop) desc
