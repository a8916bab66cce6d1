{# A correct row must set at least one value; one with every value cell empty changes
   nothing and is surely a mistake. #}
with

corrections as (
    select *
    from {{ ref('manual_overrides') }}
    where lower(trim(change_kind)) = 'correct'
),

empty_corrections as (
    select *
    from corrections
    where
        nullif(trim(concat_ws(
            '', model_name, organization, publication_date, parameters, training_tokens,
            training_compute_flop, confidence, training_compute_notes
        )), '') is null
)

select * from empty_corrections
