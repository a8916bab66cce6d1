{# Method 5, heuristic. One row per model whose size is known (published parameters, else
   read from its name by int_model_sizes_parsed):
       tokens = parameters × tokens-per-parameter ratio,  compute = 6 × active × tokens.
   The ratio is the median tokens / parameters of known-spec models (parameters and tokens
   both from the known specs seed, the model itself excluded) published within
   var heuristic_period_days (366) of the model and, when at least
   var heuristic_min_calibration_models (3) of them, of a size within a factor
   var heuristic_size_band_factor (4) of the model's (small models are trained on far
   more tokens per parameter); else the same period, any size; else
   var heuristic_tokens_per_parameter_default (20, Chinchilla-optimal).
   Fine-tunes and other derivatives (int_models_derived_from_base) are skipped.
   Always Speculative. 90% interval: × and ÷ the calibration spread (the larger of
   p95 / median and median / p5 of the ratios used), at least var interval_factor_speculative. #}
with

facts as (
    select
        model_id,
        publication_date,
        parameters,
        active_parameters,
        parameters_source,
        training_tokens_source,
        training_tokens
    from {{ ref('int_model_facts_combined') }}
),

sizes_parsed as (
    select * from {{ ref('int_model_sizes_parsed') }}
),

derived_models as (
    select model_id from {{ ref('int_models_derived_from_base') }}
),

calibration_models as (
    select
        model_id,
        publication_date,
        parameters,
        training_tokens / parameters as tokens_per_parameter
    from facts
    where
        parameters_source = 'known_specs'
        and training_tokens_source = 'known_specs'
        and parameters > 0
        and training_tokens > 0
        and publication_date is not null
),

model_sizes as (
    select
        facts.model_id,
        facts.publication_date,
        facts.parameters is not null or facts.active_parameters is not null as is_size_published,
        coalesce(facts.parameters, sizes_parsed.parameters, facts.active_parameters, sizes_parsed.active_parameters)
            as size_parameters,
        coalesce(
            facts.active_parameters, sizes_parsed.active_parameters, facts.parameters, sizes_parsed.parameters
        ) as active_parameters,
        coalesce(facts.parameters, sizes_parsed.parameters) is null as is_total_unknown,
        sizes_parsed.parsed_from_name,
        sizes_parsed.name_pattern
    from facts
    left join sizes_parsed
        on facts.model_id = sizes_parsed.model_id
    where
        facts.publication_date is not null
        and coalesce(facts.parameters, facts.active_parameters, sizes_parsed.active_parameters) > 0
        -- A fine-tune's pretraining compute is its base model's, counted on the base's row.
        and facts.model_id not in (select derived_models.model_id from derived_models)
),

calibration_pairs as (
    select
        model_sizes.model_id,
        calibration_models.tokens_per_parameter,
        calibration_models.parameters between model_sizes.size_parameters / {{ var('heuristic_size_band_factor') }}
        and model_sizes.size_parameters * {{ var('heuristic_size_band_factor') }} as is_in_size_band
    from model_sizes
    inner join calibration_models
        on
            model_sizes.model_id != calibration_models.model_id
            and abs(datediff('day', model_sizes.publication_date, calibration_models.publication_date))
            <= {{ var('heuristic_period_days') }}
),

calibration_summary as (
    select
        model_id,
        count(*) filter (where is_in_size_band) as size_band_count,
        median(tokens_per_parameter) filter (where is_in_size_band) as size_band_median,
        quantile_cont(tokens_per_parameter, 0.05) filter (where is_in_size_band) as size_band_p05,
        quantile_cont(tokens_per_parameter, 0.95) filter (where is_in_size_band) as size_band_p95,
        count(*) as period_count,
        median(tokens_per_parameter) as period_median,
        quantile_cont(tokens_per_parameter, 0.05) as period_p05,
        quantile_cont(tokens_per_parameter, 0.95) as period_p95
    from calibration_pairs
    group by model_id
),

ratio_chosen as (
    select
        model_sizes.*,
        case
            when calibration_summary.size_band_count >= {{ var('heuristic_min_calibration_models') }}
                then 'size_band'
            when calibration_summary.period_count >= {{ var('heuristic_min_calibration_models') }}
                then 'period'
            else 'default'
        end as calibration_basis,
        case
            when calibration_summary.size_band_count >= {{ var('heuristic_min_calibration_models') }}
                then calibration_summary.size_band_count
            when calibration_summary.period_count >= {{ var('heuristic_min_calibration_models') }}
                then calibration_summary.period_count
            else 0
        end as calibration_model_count,
        case
            when calibration_summary.size_band_count >= {{ var('heuristic_min_calibration_models') }}
                then calibration_summary.size_band_median
            when calibration_summary.period_count >= {{ var('heuristic_min_calibration_models') }}
                then calibration_summary.period_median
            else {{ var('heuristic_tokens_per_parameter_default') }}
        end as tokens_per_parameter,
        case
            when calibration_summary.size_band_count >= {{ var('heuristic_min_calibration_models') }}
                then greatest(
                    calibration_summary.size_band_p95 / calibration_summary.size_band_median,
                    calibration_summary.size_band_median / calibration_summary.size_band_p05
                )
            when calibration_summary.period_count >= {{ var('heuristic_min_calibration_models') }}
                then greatest(
                    calibration_summary.period_p95 / calibration_summary.period_median,
                    calibration_summary.period_median / calibration_summary.period_p05
                )
        end as calibration_spread
    from model_sizes
    left join calibration_summary
        on model_sizes.model_id = calibration_summary.model_id
),

estimated as (
    select
        *,
        size_parameters * tokens_per_parameter as estimated_tokens,
        6.0 * active_parameters * size_parameters * tokens_per_parameter as estimate_flop,
        greatest(coalesce(calibration_spread, 0), {{ var('interval_factor_speculative') }})
            as interval_factor
    from ratio_chosen
),

compute_from_heuristics as (
    select
        model_id,
        'heuristic' as estimation_method,
        estimate_flop as training_compute_flop,
        estimate_flop / interval_factor as method_lower_flop,
        estimate_flop * interval_factor as method_upper_flop,
        'Speculative' as confidence,
        cast(null as varchar) as evidence_url,
        '6 × ' || {{ format_si('active_parameters') }}
        || case when active_parameters < size_parameters then ' active params × (' else ' params × (' end
        || {{ format_si('size_parameters') }} || ' params × '
        || printf('%.0f', tokens_per_parameter) || ' tokens per param = '
        || {{ format_si('size_parameters * tokens_per_parameter') }} || ' tokens) = '
        || {{ format_flop('estimate_flop') }} || ' FLOP. Size '
        || case
            when is_size_published then 'as published'
            else 'read from the name "' || parsed_from_name || '" (' || replace(name_pattern, '_', ' ') || ')'
        end
        || case when is_total_unknown then ', total unknown so the active count stands in' else '' end
        || '; tokens per parameter: '
        || case calibration_basis
            when 'size_band'
                then 'median of ' || calibration_model_count || ' known models of similar size published within a year'
            when 'period'
                then 'median of ' || calibration_model_count || ' known models published within a year'
            else 'default (Chinchilla-optimal; too few known models of the period)'
        end
        || '; 90% interval ×/÷ ' || printf('%.0f', interval_factor) || '.' as training_compute_notes,
        size_parameters,
        active_parameters,
        is_size_published,
        name_pattern,
        calibration_basis,
        calibration_model_count,
        tokens_per_parameter,
        calibration_spread,
        interval_factor
    from estimated
)

select * from compute_from_heuristics
