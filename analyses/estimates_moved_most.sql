-- Estimates that moved most: every recorded change of a model's final training-compute
-- estimate, largest move first (by the factor between the old and the new value, either
-- way), with when it happened, whether a person (manual) or a refresh (automated) made it,
-- the class before and after, and how far the model has moved over its whole history.
-- Reads marts.model_change_history: data/history/model_changes.csv plus the last refresh,
-- so it survives the loss of the warehouse. Grain: one row per model per refresh that
-- changed its estimate.
--
-- Run it: .venv/bin/dbt compile --profiles-dir . --project-dir . --select estimates_moved_most
--   then  .venv/bin/duckdb -readonly warehouse.published.duckdb \
--           < target/compiled/frontier_compute_tracker/analyses/estimates_moved_most.sql
-- Or paste it into .venv/bin/duckdb, reading ref('model_change_history') as
-- marts.model_change_history.
with

history as (
    select * from {{ ref('model_change_history') }}
),

estimate_moves as (
    select
        model_id,
        model_name,
        refreshed_at,
        change_origin,
        previous_training_compute_flop,
        training_compute_flop,
        training_compute_flop / previous_training_compute_flop as move_factor,
        previous_threshold_class,
        threshold_class,
        previous_is_published,
        is_published,
        override_reason
    from history
    where
        change_type = 'changed'
        and previous_training_compute_flop > 0
        and training_compute_flop > 0
        and list_contains(changed_fields, 'training_compute_flop')
),

whole_history as (
    -- First and latest estimate each model ever had, over every recorded state.
    select
        model_id,
        arg_min(training_compute_flop, refreshed_at) filter (where training_compute_flop > 0)
            as first_training_compute_flop,
        arg_max(training_compute_flop, refreshed_at) filter (where training_compute_flop > 0)
            as latest_training_compute_flop,
        count(*) as recorded_changes
    from history
    group by model_id
),

moves_ranked as (
    select
        estimate_moves.*,
        whole_history.first_training_compute_flop,
        whole_history.latest_training_compute_flop,
        whole_history.latest_training_compute_flop / whole_history.first_training_compute_flop
            as whole_history_factor,
        whole_history.recorded_changes
    from estimate_moves
    inner join whole_history
        on estimate_moves.model_id = whole_history.model_id
)

select * from moves_ranked
order by abs(ln(move_factor)) desc, refreshed_at desc, model_id asc
limit 100
