{# A model is added by one add row; later changes to it are correct rows. #}
with

additions as (
    select lower(trim(model_id)) as model_id
    from {{ ref('manual_overrides') }}
    where lower(trim(change_kind)) = 'add'
),

added_twice as (
    select
        model_id,
        count(*) as add_rows
    from additions
    group by model_id
    having count(*) > 1
)

select * from added_twice
