{# One row per benchmark (seeds/benchmark_scores.csv) with at least
   var benchmark_scores_min_reference_models (8) reference models: the least-squares fit
       log10(training compute) = intercept + logit_slope × logit(score) + year_slope × years_since_2023
   solved in closed form as method 4's (int_benchmark_fits_estimated): normal equations
   on centered regressors, [logit_slope, year_slope] = S^-1 · [Σ d_logit·d_y, Σ d_years·d_y],
   S the 2 × 2 centered sums of squares and cross-products, intercept = mean_y - slopes · means.
   When the dates carry no information (all equal, or collinear with the logit) the date
   regressor is dropped (year_slope = 0, two parameters). Quality: R², residual standard
   error (log10), leave-one-out RMSE from the closed form e_i / (1 - h_ii).
   Not usable when the logit slope is not positive (a higher score would mean less compute).
   Every reference draws the line, open-weight and closed alike: unlike LMArena ratings,
   the developers' own scores showed no clear closed-model offset on the references
   (docs/estimation.md, 4b; estimation_benchmark_score_fits reports it per benchmark).
   The least squares are int_benchmark_regressions_fitted's, shared with method 4; this
   model names its columns for the score's logit. #}
with

regressions as (
    select * from {{ ref('int_benchmark_regressions_fitted') }}
    where board = 'benchmark_scores'
),

fits_named as (
    select
        board_key as benchmark,
        reference_count,
        fitted_parameter_count,
        is_year_regressor_used,
        intercept,
        x_slope as logit_slope,
        year_slope,
        mean_x as mean_logit,
        mean_years,
        mean_log10_compute,
        inverse_x_x as inverse_logit_logit,
        inverse_x_years as inverse_logit_years,
        inverse_years_years,
        max_reference_compute_flop,
        min_reference_board_value as min_reference_score_percent,
        max_reference_board_value as max_reference_score_percent,
        total_sum_squares,
        residual_sum_squares,
        r_squared,
        residual_standard_error_log10,
        degrees_of_freedom,
        t_quantile,
        loo_rmse_log10,
        loo_max_abs_error_log10,
        is_usable
    from regressions
)

select * from fits_named
