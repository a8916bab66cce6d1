{# One row per benchmark method and reference model: the reference's leave-one-out
   prediction and 90% interval on its newest board, so a model counts once per method.
   Read by the two quality marts that judge the benchmark methods
   (estimation_benchmark_calibration, estimation_probability_scores).
   - Open-weight references (and every method 4b reference): the line refitted without
     them (int_benchmark_loo_residuals_computed).
   - Closed-weight references of method 4 (LMArena licence Proprietary): they are not in
     the line, so it stands; the closed correction (int_benchmark_closed_corrections_fitted) is
     refitted without them, in closed form: its prediction at the reference is
     r - e / (1 - h) (r the reference's residual from the line, e its residual from the
     correction, h its leverage there), its residual standard error
     sqrt((RSS - e² / (1 - h)) / (df - 1)) and its leverage h / (1 - h). The interval is
     the method's (int_rating_estimates_interpolated): the line's t × s × sqrt(1 + h0) and
     the correction's t × s_c × sqrt(1 + h_c), in quadrature. A small tier (var
     small_tier_words) gets no correction, as in the method; so does a
     reference whose correction would have fewer than var benchmark_min_closed_references
     references or no degree of freedom left without it. #}
with

residuals as (
    select * from {{ ref('int_benchmark_loo_residuals_computed') }}
    where is_fit_usable and loo_predicted_compute_flop is not null
),

closed_references as (
    select * from {{ ref('int_benchmark_references_selected') }}
    where coalesce(is_proprietary, false)
),

fits as (
    select * from {{ ref('int_benchmark_fits_estimated') }}
    where is_usable
),

closed_corrections as (
    select * from {{ ref('int_benchmark_closed_corrections_fitted') }}
    where is_usable
),

line_residuals_scored as (
    select
        case board
            when 'lmarena' then 'benchmark_interpolation'
            else 'benchmark_scores'
        end as estimation_method,
        model_id,
        board_key,
        false as is_closed_reference,
        reference_compute_flop,
        loo_predicted_compute_flop,
        loo_lower_flop,
        loo_upper_flop,
        loo_residual_log10
    from residuals
),

closed_points as (
    select
        closed_references.leaderboard_date,
        closed_references.model_id,
        closed_references.reference_compute_flop,
        closed_references.log10_compute,
        regexp_matches(
            lower(closed_references.arena_model_name), '{{ small_tier_name_pattern() }}'
        ) as is_small_tier,
        {{ benchmark_log10_prediction(
            'fits', 'closed_references.rating', 'closed_references.years_since_2023'
        ) }} as log10_line_estimate,
        {{ benchmark_leverage(
            'fits', 'closed_references.rating', 'closed_references.years_since_2023'
        ) }} as line_leverage,
        fits.t_quantile,
        fits.residual_standard_error_log10,
        closed_corrections.closed_reference_count,
        closed_corrections.correction_degrees_of_freedom,
        pow(closed_corrections.correction_standard_error_log10, 2)
        * closed_corrections.correction_degrees_of_freedom as correction_residual_sum_squares,
        closed_corrections.correction_intercept
        + closed_corrections.correction_year_slope * closed_references.years_since_2023 as correction_log10,
        {{ closed_correction_leverage('closed_corrections', 'closed_references.years_since_2023') }}
            as correction_leverage
    from closed_references
    inner join fits
        on closed_references.leaderboard_date = fits.leaderboard_date
    inner join closed_corrections
        on closed_references.leaderboard_date = closed_corrections.leaderboard_date
),

closed_corrections_refitted as (
    select
        *,
        log10_compute - log10_line_estimate - correction_log10 as correction_residual,
        closed_reference_count - 1 >= {{ var('benchmark_min_closed_references') }}
        and correction_degrees_of_freedom - 1 >= 1
        and correction_leverage < 1
        and not is_small_tier as is_correction_applied
    from closed_points
),

-- The correction refitted without the reference: its prediction there, residual
-- standard error, t quantile and the reference's leverage in it.
closed_corrections_left_out as (
    select
        *,
        log10_line_estimate
        + case
            when is_correction_applied
                then log10_compute - log10_line_estimate - correction_residual / (1 - correction_leverage)
            else 0
        end as loo_log10_estimate,
        sqrt(
            greatest(
                correction_residual_sum_squares - pow(correction_residual, 2) / (1 - correction_leverage), 0
            )
            / nullif(correction_degrees_of_freedom - 1, 0)
        ) as loo_correction_standard_error_log10,
        {{ t_quantile_90_two_sided('correction_degrees_of_freedom - 1') }} as loo_correction_t_quantile,
        correction_leverage / (1 - correction_leverage) as loo_correction_leverage
    from closed_corrections_refitted
),

closed_intervals as (
    select
        *,
        {{ benchmark_half_width_log10(
            't_quantile', 'residual_standard_error_log10', 'line_leverage', 'is_correction_applied',
            'loo_correction_t_quantile', 'loo_correction_standard_error_log10', 'loo_correction_leverage'
        ) }} as loo_half_width_log10
    from closed_corrections_left_out
),

closed_references_scored as (
    select
        'benchmark_interpolation' as estimation_method,
        model_id,
        cast(leaderboard_date as varchar) as board_key,
        true as is_closed_reference,
        reference_compute_flop,
        pow(10, loo_log10_estimate) as loo_predicted_compute_flop,
        pow(10, loo_log10_estimate - loo_half_width_log10) as loo_lower_flop,
        pow(10, loo_log10_estimate + loo_half_width_log10) as loo_upper_flop,
        log10_compute - loo_log10_estimate as loo_residual_log10
    from closed_intervals
),

references_scored as (
    select * from line_residuals_scored
    union all
    select * from closed_references_scored
),

newest_per_model as (
    select *
    from references_scored
    qualify row_number() over (
        partition by estimation_method, model_id
        order by board_key desc
    ) = 1
)

select * from newest_per_model
