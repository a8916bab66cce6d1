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
   int_benchmark_closed_corrections_fitted fits how far the closed references lie above this line.
   The least squares are int_benchmark_regressions_fitted's, shared with method 4b; this
   model names its columns for the rating and marks the newest fit. #}
with

regressions as (
    select * from {{ ref('int_benchmark_regressions_fitted') }}
    where board = 'lmarena'
),

fits_named as (
    select
        board_key as fit_id,
        cast(board_key as date) as leaderboard_date,
        reference_count,
        fitted_parameter_count,
        is_year_regressor_used,
        intercept,
        x_slope as rating_slope,
        year_slope,
        mean_x as mean_rating,
        mean_years,
        mean_log10_compute,
        inverse_x_x as inverse_rating_rating,
        inverse_x_years as inverse_rating_years,
        inverse_years_years,
        max_reference_compute_flop,
        min_reference_board_value as min_reference_rating,
        max_reference_board_value as max_reference_rating,
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
),

newest_marked as (
    select
        *,
        is_usable
        and leaderboard_date = max(leaderboard_date) filter (where is_usable) over ()
            as is_newest_fit
    from fits_named
)

select * from newest_marked
