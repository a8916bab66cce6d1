{# One row per LMArena snapshot with at least var benchmark_min_reference_models (8)
   open-weight reference models: the least-squares fit
       log10(training compute) = intercept + rating_slope × rating + year_slope × years_since_2023
   solved in closed form by the normal equations on centered regressors:
       [rating_slope, year_slope] = S^-1 · [Σ d_rating·d_y, Σ d_years·d_y],  S = centered
       sums of squares and cross-products (2 × 2), intercept = mean_y - slopes · means.
   When the dates carry no information (all equal, or collinear with the rating) the fit
   drops the date regressor (year_slope = 0, two parameters). Quality: R², residual
   standard error (log10), leave-one-out RMSE from the closed form e_i / (1 - h_ii).
   A fit whose rating slope is not positive is not usable (a higher rating would mean
   less compute). is_newest_fit marks the newest usable snapshot.
   Only open-weight references (not is_proprietary) draw the line: at the same rating and
   date, closed models from the largest labs have used several times the compute of open
   ones (GPT-4 against Llama 3 70B; Grok 3 against GLM-4.5), and mixing them lets the
   efficient open models set the price of a rating point for everyone.
   int_benchmark_closed_corrections fits how far the closed references lie above this line. #}
with

references_selected as (
    select * from {{ ref('int_benchmark_references_selected') }}
    where not coalesce(is_proprietary, false)
),

snapshot_means as (
    select
        leaderboard_date,
        count(*) as reference_count,
        avg(rating) as mean_rating,
        avg(years_since_2023) as mean_years,
        avg(log10_compute) as mean_log10_compute,
        max(reference_compute_flop) as max_reference_compute_flop,
        min(rating) as min_reference_rating,
        max(rating) as max_reference_rating
    from references_selected
    group by leaderboard_date
    having count(*) >= {{ var('benchmark_min_reference_models') }}
),

centered_sums as (
    select
        snapshot_means.leaderboard_date,
        sum(pow(references_selected.rating - snapshot_means.mean_rating, 2)) as sum_squares_rating,
        sum(pow(references_selected.years_since_2023 - snapshot_means.mean_years, 2))
            as sum_squares_years,
        sum(
            (references_selected.rating - snapshot_means.mean_rating)
            * (references_selected.years_since_2023 - snapshot_means.mean_years)
        ) as sum_cross_products,
        sum(
            (references_selected.rating - snapshot_means.mean_rating)
            * (references_selected.log10_compute - snapshot_means.mean_log10_compute)
        ) as sum_rating_times_y,
        sum(
            (references_selected.years_since_2023 - snapshot_means.mean_years)
            * (references_selected.log10_compute - snapshot_means.mean_log10_compute)
        ) as sum_years_times_y,
        sum(pow(references_selected.log10_compute - snapshot_means.mean_log10_compute, 2))
            as total_sum_squares
    from references_selected
    inner join snapshot_means
        on references_selected.leaderboard_date = snapshot_means.leaderboard_date
    group by snapshot_means.leaderboard_date
),

normal_equations as (
    select
        snapshot_means.*,
        centered_sums.sum_squares_rating,
        centered_sums.sum_squares_years,
        centered_sums.sum_cross_products,
        centered_sums.sum_rating_times_y,
        centered_sums.sum_years_times_y,
        centered_sums.total_sum_squares,
        centered_sums.sum_squares_rating * centered_sums.sum_squares_years
        - pow(centered_sums.sum_cross_products, 2) as determinant,
        -- Dates usable as a regressor: they vary, and not in lockstep with the rating.
        centered_sums.sum_squares_years > 1e-6
        and centered_sums.sum_squares_rating * centered_sums.sum_squares_years
        - pow(centered_sums.sum_cross_products, 2)
        > 1e-9 * centered_sums.sum_squares_rating * centered_sums.sum_squares_years
            as is_year_regressor_used
    from snapshot_means
    inner join centered_sums
        on snapshot_means.leaderboard_date = centered_sums.leaderboard_date
    where centered_sums.sum_squares_rating > 0
),

slopes_solved as (
    select
        *,
        case
            when is_year_regressor_used
                then
                    (sum_squares_years * sum_rating_times_y - sum_cross_products * sum_years_times_y)
                    / determinant
            else sum_rating_times_y / sum_squares_rating
        end as rating_slope,
        case
            when is_year_regressor_used
                then
                    (sum_squares_rating * sum_years_times_y - sum_cross_products * sum_rating_times_y)
                    / determinant
            else 0.0
        end as year_slope,
        case
            when is_year_regressor_used then sum_squares_years / determinant
            else 1.0 / sum_squares_rating
        end as inverse_rating_rating,
        case
            when is_year_regressor_used then -sum_cross_products / determinant
            else 0.0
        end as inverse_rating_years,
        case
            when is_year_regressor_used then sum_squares_rating / determinant
            else 0.0
        end as inverse_years_years,
        case when is_year_regressor_used then 3 else 2 end as fitted_parameter_count
    from normal_equations
),

coefficients as (
    select
        *,
        mean_log10_compute - rating_slope * mean_rating - year_slope * mean_years as intercept
    from slopes_solved
),

residuals as (
    select
        coefficients.leaderboard_date,
        references_selected.log10_compute
        - {{ benchmark_log10_prediction(
            'coefficients', 'references_selected.rating', 'references_selected.years_since_2023'
        ) }}
            as residual,
        {{ benchmark_leverage(
            'coefficients', 'references_selected.rating', 'references_selected.years_since_2023'
        ) }}
            as leverage
    from references_selected
    inner join coefficients
        on references_selected.leaderboard_date = coefficients.leaderboard_date
),

residual_summary as (
    select
        leaderboard_date,
        sum(pow(residual, 2)) as residual_sum_squares,
        sqrt(avg(pow(residual / nullif(1 - leverage, 0), 2))) as loo_rmse_log10,
        max(abs(residual / nullif(1 - leverage, 0))) as loo_max_abs_error_log10
    from residuals
    group by leaderboard_date
),

fits_estimated as (
    select
        cast(coefficients.leaderboard_date as varchar) as fit_id,
        coefficients.leaderboard_date,
        coefficients.reference_count,
        coefficients.fitted_parameter_count,
        coefficients.is_year_regressor_used,
        coefficients.intercept,
        coefficients.rating_slope,
        coefficients.year_slope,
        coefficients.mean_rating,
        coefficients.mean_years,
        coefficients.mean_log10_compute,
        coefficients.inverse_rating_rating,
        coefficients.inverse_rating_years,
        coefficients.inverse_years_years,
        coefficients.max_reference_compute_flop,
        coefficients.min_reference_rating,
        coefficients.max_reference_rating,
        coefficients.total_sum_squares,
        residual_summary.residual_sum_squares,
        case
            when coefficients.total_sum_squares > 0
                then 1 - residual_summary.residual_sum_squares / coefficients.total_sum_squares
        end as r_squared,
        sqrt(
            residual_summary.residual_sum_squares
            / (coefficients.reference_count - coefficients.fitted_parameter_count)
        ) as residual_standard_error_log10,
        coefficients.reference_count - coefficients.fitted_parameter_count as degrees_of_freedom,
        {{ t_quantile_90_two_sided(
            'coefficients.reference_count - coefficients.fitted_parameter_count'
        ) }} as t_quantile,
        residual_summary.loo_rmse_log10,
        residual_summary.loo_max_abs_error_log10,
        coefficients.rating_slope > 0 as is_usable
    from coefficients
    inner join residual_summary
        on coefficients.leaderboard_date = residual_summary.leaderboard_date
),

newest_marked as (
    select
        *,
        is_usable
        and leaderboard_date = max(leaderboard_date) filter (where is_usable) over ()
            as is_newest_fit
    from fits_estimated
)

select * from newest_marked
