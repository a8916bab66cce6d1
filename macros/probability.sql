{# The standard normal cumulative distribution Φ(z), from the Abramowitz-Stegun 7.1.26
   approximation of erf (absolute error under 1.5e-7): DuckDB has no erf. #}
{% macro normal_cdf(z_expr) -%}
    (
        0.5 * (
            1 + sign({{ z_expr }}) * (
                1 - (
                    (
                        (
                            (
                                (1.061405429 * (1 / (1 + 0.3275911 * abs({{ z_expr }}) / sqrt(2)))
                                    - 1.453152027)
                                * (1 / (1 + 0.3275911 * abs({{ z_expr }}) / sqrt(2)))
                                + 1.421413741
                            )
                            * (1 / (1 + 0.3275911 * abs({{ z_expr }}) / sqrt(2)))
                            - 0.284496736
                        )
                        * (1 / (1 + 0.3275911 * abs({{ z_expr }}) / sqrt(2)))
                        + 0.254829592
                    )
                    * (1 / (1 + 0.3275911 * abs({{ z_expr }}) / sqrt(2)))
                    * exp(-({{ z_expr }} * {{ z_expr }}) / 2)
                )
            )
        )
    )
{%- endmacro %}

{# P(training compute ≥ var threshold_flop), reading the estimate as the median of a
   log-normal whose 90% interval is [lower, upper]: log10 compute is normal above the
   estimate with σ = log10(upper / estimate) / 1.645 and below it with
   σ = log10(estimate / lower) / 1.645 (a split normal: Epoch's intervals are often
   lopsided). An interval of zero width gives 0 or 1. docs/estimation.md, "Probability". #}
{% macro probability_above_threshold(estimate_expr, lower_expr, upper_expr) -%}
    case
        when {{ estimate_expr }} is null or {{ estimate_expr }} <= 0 then null
        when log10({{ var('threshold_flop') }}) >= log10({{ estimate_expr }})
            then case
                when {{ upper_expr }} is null or {{ upper_expr }} <= {{ estimate_expr }}
                    then cast(log10({{ var('threshold_flop') }}) = log10({{ estimate_expr }}) as double)
                else 1 - {{ normal_cdf(
                    '(log10(' ~ var('threshold_flop') ~ ') - log10(' ~ estimate_expr ~ ')) / (log10(' ~ upper_expr ~ ' / ' ~ estimate_expr ~ ') / 1.645)'
                ) }}
            end
        else case
            when {{ lower_expr }} is null or {{ lower_expr }} >= {{ estimate_expr }} then 1.0
            else 1 - {{ normal_cdf(
                '(log10(' ~ var('threshold_flop') ~ ') - log10(' ~ estimate_expr ~ ')) / (log10(' ~ estimate_expr ~ ' / ' ~ lower_expr ~ ') / 1.645)'
            ) }}
        end
    end
{%- endmacro %}
