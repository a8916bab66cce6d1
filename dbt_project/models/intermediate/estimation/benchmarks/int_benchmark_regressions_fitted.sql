{# One row per benchmark regression (int_benchmark_regression_points_unioned: an LMArena
   snapshot for method 4, a published benchmark for method 4b) with at least its minimum
   number of reference models: the least-squares fit
       log10(training compute) = intercept + x_slope × x + year_slope × years_since_2023
   with x the regressor (the rating; the score's logit), solved in closed form by the
   normal equations on centered regressors:
       [x_slope, year_slope] = S^-1 · [Σ d_x·d_y, Σ d_years·d_y],  S = centered sums of
       squares and cross-products (2 × 2), intercept = mean_y - slopes · means.
   When the dates carry no information (all equal, or collinear with x) the fit drops
   the date regressor (year_slope = 0, two parameters). Quality: R², residual standard
   error (log10), leave-one-out RMSE from the closed form e_i / (1 - h_ii). A fit whose
   x slope is not positive is not usable (a higher rating or score would mean less
   compute). int_benchmark_fits_estimated and int_benchmark_score_fits_estimated name
   these columns for their method.
   Every sum and mean runs over the points in point_id order: a join hands rows to an
   aggregate in a different order from one build to the next, and floating-point sums
   then differ in the last bits, which a leave-one-out error near zero turns into a
   visible difference between two builds of the same data. #}
with

references_selected as (
    select * from {{ ref('int_benchmark_regression_points_unioned') }}
),

regression_means as (
    select
        regression_id,
        any_value(board) as board,
        any_value(board_key) as board_key,
        count(*) as reference_count,
        avg(regressor_value order by point_id) as mean_x,
        avg(years_since_2023 order by point_id) as mean_years,
        avg(log10_compute order by point_id) as mean_log10_compute,
        max(reference_compute_flop) as max_reference_compute_flop,
        min(board_value) as min_reference_board_value,
        max(board_value) as max_reference_board_value
    from references_selected
    group by regression_id
    having count(*) >= max(min_reference_count)
),

centered_sums as (
    select
        regression_means.regression_id,
        sum(
            pow(references_selected.regressor_value - regression_means.mean_x, 2)
            order by references_selected.point_id
        ) as sum_squares_x,
        sum(
            pow(references_selected.years_since_2023 - regression_means.mean_years, 2)
            order by references_selected.point_id
        ) as sum_squares_years,
        sum(
            (references_selected.regressor_value - regression_means.mean_x)
            * (references_selected.years_since_2023 - regression_means.mean_years)
            order by references_selected.point_id
        ) as sum_cross_products,
        sum(
            (references_selected.regressor_value - regression_means.mean_x)
            * (references_selected.log10_compute - regression_means.mean_log10_compute)
            order by references_selected.point_id
        ) as sum_x_times_y,
        sum(
            (references_selected.years_since_2023 - regression_means.mean_years)
            * (references_selected.log10_compute - regression_means.mean_log10_compute)
            order by references_selected.point_id
        ) as sum_years_times_y,
        sum(
            pow(references_selected.log10_compute - regression_means.mean_log10_compute, 2)
            order by references_selected.point_id
        ) as total_sum_squares
    from references_selected
    inner join regression_means
        on references_selected.regression_id = regression_means.regression_id
    group by regression_means.regression_id
),

normal_equations as (
    select
        regression_means.*,
        centered_sums.sum_squares_x,
        centered_sums.sum_squares_years,
        centered_sums.sum_cross_products,
        centered_sums.sum_x_times_y,
        centered_sums.sum_years_times_y,
        centered_sums.total_sum_squares,
        centered_sums.sum_squares_x * centered_sums.sum_squares_years
        - pow(centered_sums.sum_cross_products, 2) as determinant,
        -- Dates usable as a regressor: they vary, and not in lockstep with the regressor.
        centered_sums.sum_squares_years > 1e-6
        and centered_sums.sum_squares_x * centered_sums.sum_squares_years
        - pow(centered_sums.sum_cross_products, 2)
        > 1e-9 * centered_sums.sum_squares_x * centered_sums.sum_squares_years
            as is_year_regressor_used
    from regression_means
    inner join centered_sums
        on regression_means.regression_id = centered_sums.regression_id
    where centered_sums.sum_squares_x > 0
),

slopes_solved as (
    select
        *,
        case
            when is_year_regressor_used
                then
                    (sum_squares_years * sum_x_times_y - sum_cross_products * sum_years_times_y)
                    / determinant
            else sum_x_times_y / sum_squares_x
        end as x_slope,
        case
            when is_year_regressor_used
                then
                    (sum_squares_x * sum_years_times_y - sum_cross_products * sum_x_times_y)
                    / determinant
            else 0.0
        end as year_slope,
        case
            when is_year_regressor_used then sum_squares_years / determinant
            else 1.0 / sum_squares_x
        end as inverse_x_x,
        case
            when is_year_regressor_used then -sum_cross_products / determinant
            else 0.0
        end as inverse_x_years,
        case
            when is_year_regressor_used then sum_squares_x / determinant
            else 0.0
        end as inverse_years_years,
        case when is_year_regressor_used then 3 else 2 end as fitted_parameter_count
    from normal_equations
),

coefficients as (
    select
        *,
        mean_log10_compute - x_slope * mean_x - year_slope * mean_years as intercept
    from slopes_solved
),

residuals as (
    select
        coefficients.regression_id,
        references_selected.point_id,
        references_selected.log10_compute
        - {{ benchmark_log10_prediction(
            'coefficients', 'references_selected.regressor_value', 'references_selected.years_since_2023',
            regressor='x'
        ) }}
            as residual,
        {{ benchmark_leverage(
            'coefficients', 'references_selected.regressor_value', 'references_selected.years_since_2023',
            regressor='x'
        ) }}
            as leverage
    from references_selected
    inner join coefficients
        on references_selected.regression_id = coefficients.regression_id
),

residual_summary as (
    select
        regression_id,
        sum(pow(residual, 2) order by point_id) as residual_sum_squares,
        sqrt(avg(pow(residual / nullif(1 - leverage, 0), 2) order by point_id)) as loo_rmse_log10,
        max(abs(residual / nullif(1 - leverage, 0))) as loo_max_abs_error_log10
    from residuals
    group by regression_id
),

fits_estimated as (
    select
        coefficients.regression_id,
        coefficients.board,
        coefficients.board_key,
        coefficients.reference_count,
        coefficients.fitted_parameter_count,
        coefficients.is_year_regressor_used,
        coefficients.intercept,
        coefficients.x_slope,
        coefficients.year_slope,
        coefficients.mean_x,
        coefficients.mean_years,
        coefficients.mean_log10_compute,
        coefficients.inverse_x_x,
        coefficients.inverse_x_years,
        coefficients.inverse_years_years,
        coefficients.max_reference_compute_flop,
        coefficients.min_reference_board_value,
        coefficients.max_reference_board_value,
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
        coefficients.x_slope > 0 as is_usable
    from coefficients
    inner join residual_summary
        on coefficients.regression_id = residual_summary.regression_id
)

select * from fits_estimated
