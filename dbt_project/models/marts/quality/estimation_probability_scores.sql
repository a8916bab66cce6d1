{# How good probability_above_threshold is, on the benchmark methods' references (the rows
   where the probability matters most: direct evidence gives narrow intervals), from each
   reference's leave-one-out prediction and interval (a model counts once, on its newest
   board): the Brier score and log-loss of P(compute >= 1e25) against the truth (the
   reference's direct-evidence compute), next to the same scores of the base rate (every
   reference given the share that is above the line), and a three-bin reliability table.
   One row per method and bin; the bin '0: all' carries the scores. #}
with

references_scored as (
    select * from {{ ref('int_benchmark_references_scored') }}
),

probabilities as (
    select
        estimation_method,
        model_id,
        least(greatest(
            {{ probability_above_threshold('loo_predicted_compute_flop', 'loo_lower_flop', 'loo_upper_flop') }},
            0.001
        ), 0.999) as probability,
        cast(reference_compute_flop >= {{ var('threshold_flop') }} as double) as outcome
    from references_scored
),

base_rates as (
    select
        estimation_method,
        least(greatest(avg(outcome), 0.001), 0.999) as base_rate
    from probabilities
    group by estimation_method
),

scored as (
    select
        probabilities.*,
        base_rates.base_rate,
        case
            when probabilities.probability < 0.1 then '1: p < 0.1'
            when probabilities.probability <= 0.9 then '2: 0.1 <= p <= 0.9'
            else '3: p > 0.9'
        end as probability_bin
    from probabilities
    inner join base_rates
        on probabilities.estimation_method = base_rates.estimation_method
),

bins_and_all as (
    select * from scored
    union all
    select
        estimation_method,
        model_id,
        probability,
        outcome,
        base_rate,
        '0: all' as probability_bin
    from scored
),

scores as (
    select
        estimation_method || ':' || probability_bin as probability_score_id,
        estimation_method,
        probability_bin,
        count(*) as reference_count,
        sum(outcome) as references_above_threshold,
        avg(probability order by model_id) as mean_probability,
        avg(outcome order by model_id) as observed_share_above,
        avg(pow(probability - outcome, 2) order by model_id) as brier_score,
        avg(pow(base_rate - outcome, 2) order by model_id) as base_rate_brier_score,
        -avg(outcome * ln(probability) + (1 - outcome) * ln(1 - probability) order by model_id)
            as log_loss,
        -avg(outcome * ln(base_rate) + (1 - outcome) * ln(1 - base_rate) order by model_id)
            as base_rate_log_loss
    from bins_and_all
    group by estimation_method, probability_bin
)

select * from scores
