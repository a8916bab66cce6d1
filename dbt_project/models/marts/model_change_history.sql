{# One row per model per refresh that changed it, ever: every change recorded in
   data/history/model_changes.csv (which survives the loss of the warehouse) plus this
   refresh's changes, not yet appended to it. The newest state of a model is its row
   with the latest refreshed_at. #}
with

recorded as (
    select * from {{ ref('stg_history__model_changes') }}
),

this_refresh as (
    select * from {{ ref('changes_in_last_refresh') }}
),

not_yet_recorded as (
    select this_refresh.*
    from this_refresh
    left join recorded
        on this_refresh.change_id = recorded.change_id
    where recorded.change_id is null
),

changes_unioned as (
    select
        *,
        true as is_recorded
    from recorded
    union all
    select
        *,
        false as is_recorded
    from not_yet_recorded
)

select * from changes_unioned
