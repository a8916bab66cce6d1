{# How well calibrated each benchmark method is, one row per method and band of PREDICTED
   compute (below 1e24, 1e24 to 1e25, at least 1e25; banding by the true value would build
   regression to the mean in), over its references' leave-one-out predictions
   (int_benchmark_references_scored: each reference left out of the line it is scored
   by; a model counts once, on its newest board). For each band: n, the share of
   references inside their 90% interval with its Wilson 95% interval (a calibrated method's
   contains 0.90), the mean log10 residual (true minus predicted) with its standard error
   (calibrated: |mean| <= max(0.15, 2 s.e.)), and for references whose true compute is at
   least 1e25 how many get a leave-one-out upper bound of at least 1e25 (a method must
   never rule out a true frontier model). docs/estimation.md, "Calibration". #}
with

references_scored as (
    select * from {{ ref('int_benchmark_references_scored') }}
),

banded as (
    select
        estimation_method,
        case
            when loo_predicted_compute_flop < 1e24 then '1: below 1e24'
            when loo_predicted_compute_flop < {{ var('threshold_flop') }} then '2: 1e24 to 1e25'
            else '3: 1e25 and above'
        end as predicted_band,
        model_id,
        loo_residual_log10,
        reference_compute_flop between loo_lower_flop and loo_upper_flop as is_in_interval,
        reference_compute_flop >= {{ var('threshold_flop') }} as is_frontier_reference,
        loo_upper_flop >= {{ var('threshold_flop') }} as is_upper_at_least_threshold
    from references_scored
),

bands_and_all as (
    select * from banded
    union all
    select
        estimation_method,
        '0: all' as predicted_band,
        model_id,
        loo_residual_log10,
        is_in_interval,
        is_frontier_reference,
        is_upper_at_least_threshold
    from banded
),

band_counts as (
    select
        estimation_method,
        predicted_band,
        count(*) as reference_count,
        avg(cast(is_in_interval as double)) as share_in_interval,
        avg(loo_residual_log10 order by model_id) as mean_residual_log10,
        stddev_samp(loo_residual_log10 order by model_id) / sqrt(count(*)) as mean_residual_standard_error_log10,
        count(*) filter (where is_frontier_reference) as frontier_reference_count,
        count(*) filter (where is_frontier_reference and is_upper_at_least_threshold)
            as frontier_references_not_ruled_out
    from bands_and_all
    group by estimation_method, predicted_band
),

-- Wilson score interval for the coverage share, z = 1.96.
calibration as (
    select
        estimation_method || ':' || predicted_band as calibration_id,
        *,
        (
            share_in_interval + 1.96 * 1.96 / (2 * reference_count)
            - 1.96 * sqrt(
                share_in_interval * (1 - share_in_interval) / reference_count
                + 1.96 * 1.96 / (4 * reference_count * reference_count)
            )
        ) / (1 + 1.96 * 1.96 / reference_count) as coverage_wilson_lower,
        (
            share_in_interval + 1.96 * 1.96 / (2 * reference_count)
            + 1.96 * sqrt(
                share_in_interval * (1 - share_in_interval) / reference_count
                + 1.96 * 1.96 / (4 * reference_count * reference_count)
            )
        ) / (1 + 1.96 * 1.96 / reference_count) as coverage_wilson_upper
    from band_counts
),

calibration_judged as (
    select
        *,
        coverage_wilson_lower <= 0.90 and coverage_wilson_upper >= 0.90 as is_coverage_calibrated,
        abs(mean_residual_log10) <= greatest(0.15, 2 * coalesce(mean_residual_standard_error_log10, 0))
            as is_bias_calibrated
    from calibration
)

select * from calibration_judged
