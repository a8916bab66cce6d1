{# A FLOP figure in the short scientific form used in notes: 3.8e25. #}
{% macro format_flop(expr) -%}
    regexp_replace(printf('%.2e', cast({{ expr }} as double)), 'e\+?(-?)0*([0-9]+)$', 'e\1\2')
{%- endmacro %}

{# The multiplicative half-width of a 90% interval for a confidence word (dbt vars). #}
{% macro interval_factor(confidence_expr) -%}
    case {{ confidence_expr }}
        when 'Confident' then {{ var('interval_factor_confident') }}
        when 'Likely' then {{ var('interval_factor_likely') }}
        else {{ var('interval_factor_speculative') }}
    end
{%- endmacro %}

{# Threshold class from a 90% interval: above when even the lower bound reaches the
   threshold (and the interval is at most var max_interval_ratio_for_above, 100x, wide:
   a wider one says too little to be sure; the factor 1 + 1e-9 lets an interval of exactly
   that width count despite floating point), below when even the upper bound falls short,
   uncertain otherwise. #}
{% macro threshold_class(lower_expr, upper_expr) -%}
    case
        when {{ lower_expr }} is null or {{ upper_expr }} is null then null
        when
            {{ lower_expr }} >= {{ var('threshold_flop') }}
            and {{ upper_expr }} <= {{ var('max_interval_ratio_for_above') }} * (1 + 1e-9) * {{ lower_expr }}
            then 'above'
        when {{ upper_expr }} < {{ var('threshold_flop') }} then 'below'
        else 'uncertain'
    end
{%- endmacro %}

{# The notes of an estimate computed from a third party's figures (the known specs seed's
   evidence_kind third_party: an analyst firm, a journalist's source, a leak): they say so,
   and the estimate is at most Likely (the methods decide the word where they make it). #}
{% macro third_party_notes(notes_expr, evidence_kind_expr) -%}
    {{ notes_expr }}
    || case
        when {{ evidence_kind_expr }} = 'third_party'
            then ' These figures are a third party''s, not the developer''s: at most Likely.'
        else ''
    end
{%- endmacro %}

{# Precedence of estimation methods for the final estimate (lower wins). #}
{% macro method_precedence(method_expr) -%}
    case {{ method_expr }}
        when 'reported' then 1
        when 'hardware' then 2
        when 'operation_counting' then 3
        when 'relative' then 4
        when 'cost' then 5
        when 'third_party_report' then 6
        when 'benchmark_interpolation' then 7
        when 'benchmark_scores' then 8
        when 'heuristic' then 9
        else 10
    end
{%- endmacro %}

{# A quantity in engineering form, as Epoch writes parameters and tokens in notes:
   405e9, 15.6e12, 1.8e12 (three significant figures, exponent a multiple of 3). #}
{% macro format_si(expr) -%}
    {#- Only a finite positive number has an engineering form (log10 of 0, a negative or
        inf would fail the integer cast below and with it the whole build). -#}
    case when isfinite(cast({{ expr }} as double)) and cast({{ expr }} as double) > 0 then
        printf(
            '%.3g',
            cast({{ expr }} as double)
            / pow(10, floor(log10(cast({{ expr }} as double)) / 3) * 3)
        )
        || 'e' || cast(cast(floor(log10(cast({{ expr }} as double)) / 3) * 3 as integer) as varchar)
    end
{%- endmacro %}

{# A count with thousands separators, as Epoch writes chip counts and hours: 16,384. #}
{% macro format_count(expr) -%}
    case when abs(cast({{ expr }} as double)) < 9e18 then format('{:,}', cast(round({{ expr }}) as bigint)) end
{%- endmacro %}

{# One-sided 95% quantile of Student's t (so a two-sided 90% interval) for df degrees of
   freedom, from the standard table; between rows the smaller df (wider) is used. #}
{% macro t_quantile_90_two_sided(df_expr) -%}
    case
        when {{ df_expr }} >= 120 then 1.658
        when {{ df_expr }} >= 60 then 1.671
        when {{ df_expr }} >= 40 then 1.684
        when {{ df_expr }} >= 30 then 1.697
        when {{ df_expr }} >= 25 then 1.708
        when {{ df_expr }} >= 20 then 1.725
        when {{ df_expr }} >= 15 then 1.753
        when {{ df_expr }} >= 12 then 1.782
        when {{ df_expr }} >= 10 then 1.812
        when {{ df_expr }} = 9 then 1.833
        when {{ df_expr }} = 8 then 1.860
        when {{ df_expr }} = 7 then 1.895
        when {{ df_expr }} = 6 then 1.943
        when {{ df_expr }} = 5 then 2.015
        when {{ df_expr }} = 4 then 2.132
        when {{ df_expr }} = 3 then 2.353
        when {{ df_expr }} = 2 then 2.920
        when {{ df_expr }} = 1 then 6.314
    end
{%- endmacro %}

{# Benchmark fit, log10(compute) = a + b * rating + c * years_since_2023, solved by the
   normal equations on centered regressors (docs/estimation.md). `fit` is the relation
   holding the fit's coefficients, means and centered sums of squares; `rating` and
   `years` are the point's regressors. `regressor` names the fit's first regressor in
   its columns (<regressor>_slope ...): 'rating' for LMArena (method 4), 'logit' for a
   published score's logit (method 4b). #}
{% macro benchmark_log10_prediction(fit, rating, years, regressor='rating') -%}
    ({{ fit }}.intercept + {{ fit }}.{{ regressor }}_slope * {{ rating }} + {{ fit }}.year_slope * {{ years }})
{%- endmacro %}

{# Leverage of a point x0 in the fit: h = 1/n + d' S^-1 d, with d = x0 - mean and S^-1
   the inverse of the 2 x 2 matrix of centered sums of squares and cross-products.
   `regressor` as in benchmark_log10_prediction. #}
{% macro benchmark_leverage(fit, rating, years, regressor='rating') -%}
    (
        1.0 / {{ fit }}.reference_count
        + {{ fit }}.inverse_{{ regressor }}_{{ regressor }} * pow({{ rating }} - {{ fit }}.mean_{{ regressor }}, 2)
        + 2 * {{ fit }}.inverse_{{ regressor }}_years
        * ({{ rating }} - {{ fit }}.mean_{{ regressor }}) * ({{ years }} - {{ fit }}.mean_years)
        + {{ fit }}.inverse_years_years * pow({{ years }} - {{ fit }}.mean_years, 2)
    )
{%- endmacro %}

{# Years since 2023-01-01 (the benchmark fit's date regressor), from a date. #}
{% macro years_since_2023(date_expr) -%}
    (datediff('day', date '2023-01-01', {{ date_expr }}) / 365.25)
{%- endmacro %}

{# Rank of a confidence word for choosing the final estimate (lower wins). #}
{% macro confidence_rank(confidence_expr) -%}
    case {{ confidence_expr }}
        when 'Confident' then 1
        when 'Likely' then 2
        when 'Speculative' then 3
        else 4
    end
{%- endmacro %}

{# The final-estimate rule's one ordering of a model's candidate estimates, best first
   (docs/estimation.md, "The final estimate"): evidence tier, confidence, a reported
   figure before an equally confident other method, the narrower interval, the
   combination of hardware and operation counting before its parts at equal width, the
   method precedence. int_models_estimated ranks by it twice: a model's own methods, then those
   with its lifetime estimate. #}
{% macro final_estimate_order() -%}
    evidence_tier,
    {{ confidence_rank('confidence') }},
    estimation_method != 'reported',
    sigma_log10,
    estimation_method != 'combined',
    method_precedence
{%- endmacro %}

{# The best direct estimate of a model (the reference of ratios and of the benchmark
   fits): most confident, then method precedence. One ordering for its two stages,
   published figures (int_model_direct_estimates_chosen) and those with the developer
   statements that read them (int_benchmark_reference_estimates_chosen). #}
{% macro direct_estimate_order() -%}
    {{ confidence_rank('confidence') }},
    {{ method_precedence('estimation_method') }}
{%- endmacro %}

{# A positive number rounded to `digits` significant digits (NULL and 0 pass through). #}
{% macro round_significant(expr, digits=10) -%}
    case
        when {{ expr }} is null or {{ expr }} = 0 then {{ expr }}
        when not isfinite({{ expr }}) then null
        else round({{ expr }}, cast({{ digits }} - 1 - floor(log10(abs({{ expr }}))) as integer))
    end
{%- endmacro %}

{# Method 4's 90% half-width in log10 (int_rating_estimates_interpolated; its leave-one-out in
   int_benchmark_references_scored): the line's t × s × sqrt(1 + h) and, for a model the
   closed correction applies to, the correction's t_c × s_c × sqrt(1 + h_c), in quadrature. #}
{% macro benchmark_half_width_log10(t, s, leverage, is_corrected, correction_t, correction_s, correction_leverage) -%}
    sqrt(
        pow({{ t }} * {{ s }}, 2) * (1 + {{ leverage }})
        + case
            when {{ is_corrected }}
                then pow({{ correction_t }} * {{ correction_s }}, 2) * (1 + {{ correction_leverage }})
            else 0
        end
    )
{%- endmacro %}

{# The guard rails both benchmark methods share, as three select items (lower_flop,
   upper_flop, confidence) over the columns log10_estimate, half_width_log10,
   estimate_flop and is_extrapolated: an estimate above the largest reference × var
   benchmark_extrapolation_factor is an extrapolation, Speculative with an interval at
   least ×/÷ var interval_factor_speculative; otherwise 10^(log10 ± half-width), Likely
   only within ×/÷ var benchmark_likely_max_factor. `is_capped` (method 4's GPT-3.5-class
   cap) lowers the lower bound to the capped estimate and makes it Speculative. #}
{% macro benchmark_guarded_interval(is_capped='false') -%}
    case
        when is_extrapolated
            then least(
                pow(10, log10_estimate - half_width_log10),
                estimate_flop / {{ var('interval_factor_speculative') }}
            )
        when {{ is_capped }} then least(pow(10, log10_estimate - half_width_log10), estimate_flop)
        else pow(10, log10_estimate - half_width_log10)
    end as lower_flop,
    case
        when is_extrapolated
            then greatest(
                pow(10, log10_estimate + half_width_log10),
                estimate_flop * {{ var('interval_factor_speculative') }}
            )
        else pow(10, log10_estimate + half_width_log10)
    end as upper_flop,
    case
        when
            not is_extrapolated
            and not {{ is_capped }}
            and pow(10, half_width_log10) <= {{ var('benchmark_likely_max_factor') }}
            then 'Likely'
        else 'Speculative'
    end as confidence
{%- endmacro %}

{# Leverage of a date in a board's closed correction (int_benchmark_closed_corrections_fitted):
   1/n_c + (years - mean years)² / Σ(years - mean)², or 1/n_c when the correction has no
   date slope. `correction` is the relation holding the correction's columns. #}
{% macro closed_correction_leverage(correction, years) -%}
    (
        1.0 / {{ correction }}.closed_reference_count
        + case
            when {{ correction }}.is_year_slope_used
                then pow({{ years }} - {{ correction }}.closed_mean_years, 2)
                / {{ correction }}.closed_sum_squares_years
            else 0
        end
    )
{%- endmacro %}

{# A developer's small or cheap tier (var small_tier_words) as a whole word of a name:
   `(^|[^a-z])(mini|haiku|...)([^a-z]|$)`, for a regexp on a lower-cased name. #}
{% macro small_tier_name_pattern() -%}
    (^|[^a-z])({{ var('small_tier_words') | join('|') }})([^a-z]|$)
{%- endmacro %}
