{# A correct or verify row whose compute is more than
   var('override_far_from_estimates_factor') away from every automated estimate of the
   model (a typo in the exponent, usually) carries confirm_far_from_estimates = yes; and
   that optional column, when the file has it, holds yes or nothing. Same rule as
   ingest/overrides.py (Checker.check_far_from_estimates), which checks it against the last
   published build before this one runs. The column is read by header: a file without it
   stays valid, and then every such row fails here. #}
{%- set has_confirmation = false -%}
{%- if execute -%}
    {%- set columns = adapter.get_columns_in_relation(ref('manual_overrides')) -%}
    {%- set has_confirmation = 'confirm_far_from_estimates' in columns | map(attribute='name') | list -%}
{%- endif %}

with

overrides as (
    select
        lower(trim(change_kind)) as change_kind,
        lower(trim(model_id)) as model_id,
        trim(training_compute_flop) as training_compute_flop_text,
        {{ override_number('training_compute_flop') }} as training_compute_flop,
        {% if has_confirmation -%}
            lower(trim(confirm_far_from_estimates))
        {%- else -%}
            cast(null as varchar)
        {%- endif %} as confirmation
    from {{ ref('manual_overrides') }}
    where {{ as_of_filter('changed_on') }}
),

estimates as (
    select
        model_id,
        estimation_method,
        training_compute_flop
    from {{ ref('model_estimates') }}
    where training_compute_flop > 0
),

nearest_estimates as (
    select
        overrides.change_kind,
        overrides.model_id,
        overrides.training_compute_flop_text,
        overrides.confirmation,
        min(greatest(
            overrides.training_compute_flop / estimates.training_compute_flop,
            estimates.training_compute_flop / overrides.training_compute_flop
        )) as nearest_estimate_ratio
    from overrides
    inner join estimates
        on overrides.model_id = estimates.model_id
    where
        overrides.change_kind in ('correct', 'verify')
        and overrides.training_compute_flop > 0
    group by all
),

far_unconfirmed as (
    select
        model_id,
        training_compute_flop_text as cell,
        'is ' || round(nearest_estimate_ratio) || 'x away from every automated estimate, '
        || 'without confirm_far_from_estimates = yes' as problem
    from nearest_estimates
    where
        nearest_estimate_ratio > {{ var('override_far_from_estimates_factor') }}
        and coalesce(confirmation, '') != 'yes'
),

bad_confirmations as (
    select
        model_id,
        confirmation as cell,
        'confirm_far_from_estimates is neither yes nor empty' as problem
    from overrides
    where nullif(confirmation, '') is not null and confirmation != 'yes'
),

problems as (
    select * from far_unconfirmed
    union all
    select * from bad_confirmations
)

select * from problems
