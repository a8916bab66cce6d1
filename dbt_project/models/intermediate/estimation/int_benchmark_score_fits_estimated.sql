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
   (docs/estimation.md, 4b; estimation_benchmark_score_fits reports it per benchmark). #}
with

references_selected as (
    select * from {{ ref('int_benchmark_score_references_selected') }}
),

benchmark_means as (
    select
        benchmark,
        count(*) as reference_count,
        avg(score_logit) as mean_logit,
        avg(years_since_2023) as mean_years,
        avg(log10_compute) as mean_log10_compute,
        max(reference_compute_flop) as max_reference_compute_flop,
        min(score_percent) as min_reference_score_percent,
        max(score_percent) as max_reference_score_percent
    from references_selected
    group by benchmark
    having count(*) >= {{ var('benchmark_scores_min_reference_models') }}
),

centered_sums as (
    select
        benchmark_means.benchmark,
        sum(pow(references_selected.score_logit - benchmark_means.mean_logit, 2)) as sum_squares_logit,
        sum(pow(references_selected.years_since_2023 - benchmark_means.mean_years, 2))
            as sum_squares_years,
        sum(
            (references_selected.score_logit - benchmark_means.mean_logit)
            * (references_selected.years_since_2023 - benchmark_means.mean_years)
        ) as sum_cross_products,
        sum(
            (references_selected.score_logit - benchmark_means.mean_logit)
            * (references_selected.log10_compute - benchmark_means.mean_log10_compute)
        ) as sum_logit_times_y,
        sum(
            (references_selected.years_since_2023 - benchmark_means.mean_years)
            * (references_selected.log10_compute - benchmark_means.mean_log10_compute)
        ) as sum_years_times_y,
        sum(pow(references_selected.log10_compute - benchmark_means.mean_log10_compute, 2))
            as total_sum_squares
    from references_selected
    inner join benchmark_means
        on references_selected.benchmark = benchmark_means.benchmark
    group by benchmark_means.benchmark
),

normal_equations as (
    select
        benchmark_means.*,
        centered_sums.sum_squares_logit,
        centered_sums.sum_squares_years,
        centered_sums.sum_cross_products,
        centered_sums.sum_logit_times_y,
        centered_sums.sum_years_times_y,
        centered_sums.total_sum_squares,
        centered_sums.sum_squares_logit * centered_sums.sum_squares_years
        - pow(centered_sums.sum_cross_products, 2) as determinant,
        -- Dates usable as a regressor: they vary, and not in lockstep with the score.
        centered_sums.sum_squares_years > 1e-6
        and centered_sums.sum_squares_logit * centered_sums.sum_squares_years
        - pow(centered_sums.sum_cross_products, 2)
        > 1e-9 * centered_sums.sum_squares_logit * centered_sums.sum_squares_years
            as is_year_regressor_used
    from benchmark_means
    inner join centered_sums
        on benchmark_means.benchmark = centered_sums.benchmark
    where centered_sums.sum_squares_logit > 0
),

slopes_solved as (
    select
        *,
        case
            when is_year_regressor_used
                then
                    (sum_squares_years * sum_logit_times_y - sum_cross_products * sum_years_times_y)
                    / determinant
            else sum_logit_times_y / sum_squares_logit
        end as logit_slope,
        case
            when is_year_regressor_used
                then
                    (sum_squares_logit * sum_years_times_y - sum_cross_products * sum_logit_times_y)
                    / determinant
            else 0.0
        end as year_slope,
        case
            when is_year_regressor_used then sum_squares_years / determinant
            else 1.0 / sum_squares_logit
        end as inverse_logit_logit,
        case
            when is_year_regressor_used then -sum_cross_products / determinant
            else 0.0
        end as inverse_logit_years,
        case
            when is_year_regressor_used then sum_squares_logit / determinant
            else 0.0
        end as inverse_years_years,
        case when is_year_regressor_used then 3 else 2 end as fitted_parameter_count
    from normal_equations
),

coefficients as (
    select
        *,
        mean_log10_compute - logit_slope * mean_logit - year_slope * mean_years as intercept
    from slopes_solved
),

residuals as (
    select
        coefficients.benchmark,
        references_selected.log10_compute
        - {{ benchmark_log10_prediction(
            'coefficients', 'references_selected.score_logit', 'references_selected.years_since_2023',
            regressor='logit'
        ) }}
            as residual,
        {{ benchmark_leverage(
            'coefficients', 'references_selected.score_logit', 'references_selected.years_since_2023',
            regressor='logit'
        ) }}
            as leverage
    from references_selected
    inner join coefficients
        on references_selected.benchmark = coefficients.benchmark
),

residual_summary as (
    select
        benchmark,
        sum(pow(residual, 2)) as residual_sum_squares,
        sqrt(avg(pow(residual / nullif(1 - leverage, 0), 2))) as loo_rmse_log10,
        max(abs(residual / nullif(1 - leverage, 0))) as loo_max_abs_error_log10
    from residuals
    group by benchmark
),

fits_estimated as (
    select
        coefficients.benchmark,
        coefficients.reference_count,
        coefficients.fitted_parameter_count,
        coefficients.is_year_regressor_used,
        coefficients.intercept,
        coefficients.logit_slope,
        coefficients.year_slope,
        coefficients.mean_logit,
        coefficients.mean_years,
        coefficients.mean_log10_compute,
        coefficients.inverse_logit_logit,
        coefficients.inverse_logit_years,
        coefficients.inverse_years_years,
        coefficients.max_reference_compute_flop,
        coefficients.min_reference_score_percent,
        coefficients.max_reference_score_percent,
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
        coefficients.logit_slope > 0 as is_usable
    from coefficients
    inner join residual_summary
        on coefficients.benchmark = residual_summary.benchmark
)

select * from fits_estimated
