{# One row per usable benchmark fit (LMArena snapshot): the correction for closed-weight
   models. The fit's line (int_benchmark_fits_estimated) runs through open-weight
   references; closed references on the same board (is_proprietary, with Confident or
   Likely direct evidence: GPT-4's reported compute, Grok 3's hardware, Claude's stated
   training cost ...) lie above or below it by a residual r = log10 compute - line.
   With at least var benchmark_min_closed_references (3) of them:
       r = correction_intercept + correction_year_slope × years_since_2023
   (least squares; the slope is 0 when their dates do not vary), so that the gap between
   closed and open models may grow with time, as the closed labs' training runs did.
   Residual standard error, degrees of freedom and t quantile give the correction's own
   share of the prediction interval (int_rating_estimates_interpolated adds it to the line's);
   correction_loo_rmse_log10 is its leave-one-out error over the closed references
   (closed form e_i / (1 - h_i), h_i = 1/n + (t_i - mean)² / Σ(t - mean)²).
   is_usable: enough closed references and at least one degree of freedom left.
   Sums and means run in model_id order, so every build gives the same bits
   (int_benchmark_regressions_fitted says why). #}
with

references_selected as (
    select * from {{ ref('int_benchmark_references_selected') }}
    where coalesce(is_proprietary, false)
),

fits as (
    select * from {{ ref('int_benchmark_fits_estimated') }}
    where is_usable
),

closed_residuals as (
    select
        fits.leaderboard_date,
        references_selected.model_id,
        references_selected.years_since_2023,
        references_selected.reference_compute_flop,
        references_selected.log10_compute
        - {{ benchmark_log10_prediction(
            'fits', 'references_selected.rating', 'references_selected.years_since_2023'
        ) }} as residual
    from references_selected
    inner join fits
        on references_selected.leaderboard_date = fits.leaderboard_date
),

closed_means as (
    select
        leaderboard_date,
        count(*) as closed_reference_count,
        avg(years_since_2023 order by model_id) as closed_mean_years,
        avg(residual order by model_id) as mean_residual,
        max(reference_compute_flop) as max_closed_reference_compute_flop,
        string_agg(model_id, ', ' order by model_id) as closed_reference_model_ids
    from closed_residuals
    group by leaderboard_date
),

closed_sums as (
    select
        closed_means.*,
        sum(
            pow(closed_residuals.years_since_2023 - closed_means.closed_mean_years, 2)
            order by closed_residuals.model_id
        ) as closed_sum_squares_years,
        sum(
            (closed_residuals.years_since_2023 - closed_means.closed_mean_years)
            * (closed_residuals.residual - closed_means.mean_residual)
            order by closed_residuals.model_id
        ) as closed_sum_years_times_residual
    from closed_residuals
    inner join closed_means
        on closed_residuals.leaderboard_date = closed_means.leaderboard_date
    group by all
),

slope_solved as (
    select
        *,
        closed_sum_squares_years > 1e-6 and closed_reference_count >= 3 as is_year_slope_used,
        case
            when closed_sum_squares_years > 1e-6 and closed_reference_count >= 3
                then closed_sum_years_times_residual / closed_sum_squares_years
            else 0.0
        end as correction_year_slope
    from closed_sums
),

intercept_solved as (
    select
        *,
        mean_residual - correction_year_slope * closed_mean_years as correction_intercept,
        case when is_year_slope_used then 2 else 1 end as correction_parameter_count
    from slope_solved
),

correction_point_residuals as (
    select
        intercept_solved.leaderboard_date,
        closed_residuals.model_id,
        closed_residuals.residual
        - intercept_solved.correction_intercept
        - intercept_solved.correction_year_slope * closed_residuals.years_since_2023 as correction_residual,
        {{ closed_correction_leverage('intercept_solved', 'closed_residuals.years_since_2023') }} as correction_leverage
    from closed_residuals
    inner join intercept_solved
        on closed_residuals.leaderboard_date = intercept_solved.leaderboard_date
),

correction_residuals as (
    select
        leaderboard_date,
        sum(pow(correction_residual, 2) order by model_id) as correction_residual_sum_squares,
        sqrt(avg(pow(correction_residual / nullif(1 - correction_leverage, 0), 2) order by model_id))
            as correction_loo_rmse_log10
    from correction_point_residuals
    group by leaderboard_date
),

corrections_estimated as (
    select
        intercept_solved.leaderboard_date,
        intercept_solved.closed_reference_count,
        intercept_solved.closed_reference_model_ids,
        intercept_solved.correction_intercept,
        intercept_solved.correction_year_slope,
        intercept_solved.is_year_slope_used,
        intercept_solved.closed_mean_years,
        intercept_solved.closed_sum_squares_years,
        intercept_solved.max_closed_reference_compute_flop,
        intercept_solved.closed_reference_count - intercept_solved.correction_parameter_count
            as correction_degrees_of_freedom,
        case
            when intercept_solved.closed_reference_count > intercept_solved.correction_parameter_count
                then sqrt(
                    correction_residuals.correction_residual_sum_squares
                    / (intercept_solved.closed_reference_count - intercept_solved.correction_parameter_count)
                )
        end as correction_standard_error_log10,
        {{ t_quantile_90_two_sided(
            'intercept_solved.closed_reference_count - intercept_solved.correction_parameter_count'
        ) }} as correction_t_quantile,
        correction_residuals.correction_loo_rmse_log10,
        intercept_solved.closed_reference_count >= {{ var('benchmark_min_closed_references') }}
        and intercept_solved.closed_reference_count > intercept_solved.correction_parameter_count
            as is_usable
    from intercept_solved
    inner join correction_residuals
        on intercept_solved.leaderboard_date = correction_residuals.leaderboard_date
)

select * from corrections_estimated
