{# Every estimate's 90% interval contains the estimate: lower ≤ estimate ≤ upper, for
   every method (methods 4-5 compute their own bounds). Returns the offending rows. #}
{# Over source-derived data: warns in a refresh, fails in `make test`, whose build makes
   every warning an error (scripts/test.sh). #}
{{ config(severity='warn') }}
with

estimates as (
    select * from {{ ref('int_model_estimates_unioned') }}
),

intervals_not_containing as (
    select
        model_estimate_id,
        training_compute_lower_flop,
        training_compute_flop,
        training_compute_upper_flop
    from estimates
    where
        not (
            training_compute_lower_flop <= training_compute_flop * (1 + 1e-9)
            and training_compute_flop <= training_compute_upper_flop * (1 + 1e-9)
        )
)

select * from intervals_not_containing
