{# One row per benchmark method and reference model: the reference's leave-one-out
   prediction and 90% interval (int_benchmark_regression_residuals) on its newest board,
   so a model counts once per method. Read by the two quality marts that judge the
   benchmark methods (estimation_benchmark_calibration, estimation_probability_scores). #}
with

residuals as (
    select * from {{ ref('int_benchmark_regression_residuals') }}
    where is_fit_usable and loo_predicted_compute_flop is not null
),

newest_per_model as (
    select
        case board
            when 'lmarena' then 'benchmark_interpolation'
            else 'benchmark_scores'
        end as estimation_method,
        model_id,
        board_key,
        reference_compute_flop,
        loo_predicted_compute_flop,
        loo_lower_flop,
        loo_upper_flop,
        loo_residual_log10
    from residuals
    qualify row_number() over (
        partition by board, model_id
        order by board_key desc
    ) = 1
)

select * from newest_per_model
