{# Two rows of one model with the same changed_on that give one field different values,
   or that exclude the model and change it (add, correct, verify): which one wins would be
   arbitrary. Returns one row per conflicting model, date and field (change_kind for an
   exclusion). Same rule as ingest/overrides.py (Checker.check_conflicts). #}
with

overrides as (
    select
        lower(trim(model_id)) as model_id,
        trim(changed_on) as changed_on,
        trim(model_name) as model_name,
        trim(organization) as organization,
        trim(publication_date) as publication_date,
        trim(parameters) as parameters,
        trim(training_tokens) as training_tokens,
        trim(training_compute_flop) as training_compute_flop,
        trim(confidence) as confidence,
        trim(training_compute_notes) as training_compute_notes
    from {{ ref('manual_overrides') }}
    where lower(trim(change_kind)) in ('add', 'correct', 'verify')
),

kinds as (
    select
        lower(trim(model_id)) as model_id,
        trim(changed_on) as changed_on,
        lower(trim(change_kind)) as change_kind
    from {{ ref('manual_overrides') }}
    where lower(trim(change_kind)) in ('add', 'correct', 'exclude', 'verify')
),

values_set as (
    unpivot overrides
    on
    model_name, organization, publication_date, parameters, training_tokens,
    training_compute_flop, confidence, training_compute_notes
    into name field_name value field_value
),

conflicts as (
    select
        model_id,
        changed_on,
        field_name,
        list_sort(list_distinct(list(field_value))) as values_given
    from values_set
    where nullif(field_value, '') is not null
    group by model_id, changed_on, field_name
    having count(distinct field_value) > 1
),

exclusion_conflicts as (
    select
        model_id,
        changed_on,
        'change_kind' as field_name,
        list_sort(list_distinct(list(change_kind))) as values_given
    from kinds
    group by model_id, changed_on
    having bool_or(change_kind = 'exclude') and bool_or(change_kind != 'exclude')
),

all_conflicts as (
    select * from conflicts
    union all
    select * from exclusion_conflicts
)

select * from all_conflicts
