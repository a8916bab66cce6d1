{# The published list over time (schema snapshots): a new version of a model's row
   whenever its estimate, interval, class or any published field changes, automated or
   manual; dbt_valid_from / dbt_valid_to date each version, and a model that leaves the
   list gets a closing row (dbt_is_deleted). Lives in the warehouse; the same history is
   also kept outside it, in data/history/model_changes.csv (marts.model_change_history). #}
{% snapshot models_above_1e25_flop_snapshot %}

{{ config(
    unique_key='model_id',
    strategy='check',
    check_cols=[
        'model_name', 'organization', 'publication_date', 'parameters', 'training_tokens',
        'training_compute_flop', 'training_compute_lower_flop', 'training_compute_upper_flop',
        'confidence', 'estimation_method', 'threshold_class', 'provenance',
        'overridden_fields', 'override_reason', 'is_verified',
    ],
    hard_deletes='new_record',
) }}

{# Estimates rounded to 10 significant digits: parallel sums differ in the last bits from
   one build to the next, which is not a change worth a new version. #}
select
    * replace (
        cast(printf('%.9e', training_compute_flop) as double) as training_compute_flop,
        cast(printf('%.9e', training_compute_lower_flop) as double) as training_compute_lower_flop,
        cast(printf('%.9e', training_compute_upper_flop) as double) as training_compute_upper_flop
    )
from {{ ref('models_above_1e25_flop') }}

{% endsnapshot %}
