{# Method 5, heuristic. One row per model whose size is known (published parameters, else
   read from its name by int_model_sizes_parsed):  compute = 6 × active × tokens.
   Tokens: the median training tokens of known-spec models (parameters and tokens both
   from the known specs seed, the model itself excluded) published within
   var heuristic_period_days (366) of the model, whatever their size, when there are at
   least var heuristic_min_calibration_models (3) of them; else parameters ×
   var heuristic_tokens_per_parameter_default (20, Chinchilla-optimal). Models of one
   period are trained on similar token counts whatever their size (36e12 for every Qwen3
   size): leave-one-out over the seed's known models, this median misses a model's tokens
   by 0.31 in log10 (RMS; 0.35 for models of 100e9 parameters or more), where the earlier
   median tokens-per-parameter ratio of peers of similar size missed by 0.36 (0.44, and
   1.4 times too many tokens on average for those large models):
   tests/python/test_heuristic_tokens.py recomputes both.
   A published total without a published active count takes the active count its name
   states (qwen3-coder-30b-a3b: 30.5e9 published, 3e9 active by its name).
   Fine-tunes and other derivatives (int_model_bases_resolved) are skipped.
   A model above var heuristic_max_dense_parameters (6e11) whose active count nobody
   published is taken to be a mixture of experts (no dense model that large is known):
   active = total × the median active share (active / total) of known mixture-of-experts
   architectures (known specs seed, each distinct total/active pair once) within
   var heuristic_size_band_factor of its size, or of all of them when fewer than
   var heuristic_min_calibration_models are; Kimi K3 (2.8e12, OpenRouter gives no active
   count) was otherwise priced as a dense 2.8e12 model at 7e26 FLOP.
   Always Speculative. 90% interval: × and ÷ the calibration spread (the larger of
   p95 / median and median / p5 of the token counts used), at least var interval_factor_speculative;
   with an assumed active share, that factor and the share's own spread (same rule) are
   combined in quadrature in log space (independent uncertainties). #}
{% set is_active_read_from_name -%}
    (
        facts.parameters is not null
        and not coalesce(facts.is_mixture_of_experts, false)
        and sizes_parsed.is_mixture_of_experts
        and sizes_parsed.active_parameters < facts.parameters
    )
{%- endset %}
with

facts as (
    select
        model_id,
        publication_date,
        parameters,
        active_parameters,
        parameters_source,
        active_parameters_source,
        is_mixture_of_experts,
        training_tokens_source,
        training_tokens
    from {{ ref('int_model_facts_combined') }}
),

sizes_parsed as (
    select * from {{ ref('int_model_sizes_parsed') }}
),

derived_models as (
    select model_id from {{ ref('int_model_bases_resolved') }}
),

calibration_models as (
    select
        model_id,
        publication_date,
        training_tokens
    from facts
    where
        parameters_source = 'known_specs'
        and training_tokens_source = 'known_specs'
        and parameters > 0
        and training_tokens > 0
        and publication_date is not null
),

-- Known mixture-of-experts architectures, each total/active pair once (DeepSeek-V3 and
-- its five re-releases are one architecture).
mixture_of_experts_shares as (
    select distinct
        parameters,
        active_parameters / parameters as active_share
    from facts
    where
        is_mixture_of_experts
        and parameters_source = 'known_specs'
        and active_parameters_source = 'known_specs'
        and active_parameters > 0
),

sizes_combined as (
    select
        facts.model_id,
        facts.publication_date,
        facts.parameters is not null or facts.active_parameters is not null as is_size_published,
        coalesce(facts.parameters, sizes_parsed.parameters, facts.active_parameters, sizes_parsed.active_parameters)
            as size_parameters,
        -- A published total with no published active count, and a name that states one
        -- (OpenRouter's "30.5B parameter Mixture-of-Experts" for qwen3-coder-30b-a3b): the
        -- name's active count, not the total taken as dense (ten times the compute).
        case
            when {{ is_active_read_from_name }} then sizes_parsed.active_parameters
            else coalesce(
                facts.active_parameters, sizes_parsed.active_parameters, facts.parameters, sizes_parsed.parameters
            )
        end as stated_active_parameters,
        coalesce({{ is_active_read_from_name }}, false) as is_active_read_from_name,
        coalesce(facts.parameters, sizes_parsed.parameters) is null as is_total_unknown,
        coalesce(facts.is_mixture_of_experts, false) or coalesce(sizes_parsed.is_mixture_of_experts, false)
            as is_active_count_stated,
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

-- The models whose active count the share estimates: no stated active count, a known
-- total, too large to be taken as dense.
share_models as (
    select
        model_id,
        size_parameters
    from sizes_combined
    where
        not is_active_count_stated
        and not is_total_unknown
        and size_parameters > {{ var('heuristic_max_dense_parameters') }}
),

-- The share depends only on the model's size: computed once per size.
share_sizes as (
    select distinct size_parameters
    from share_models
),

share_pairs as (
    select
        share_sizes.size_parameters,
        mixture_of_experts_shares.active_share,
        mixture_of_experts_shares.parameters
        between share_sizes.size_parameters / {{ var('heuristic_size_band_factor') }}
        and share_sizes.size_parameters * {{ var('heuristic_size_band_factor') }} as is_in_size_band
    from share_sizes
    cross join mixture_of_experts_shares
),

-- The shares used: those of similar size when there are enough of them, else all.
share_basis as (
    select
        size_parameters,
        count(*) filter (where is_in_size_band) >= {{ var('heuristic_min_calibration_models') }}
            as is_share_from_size_band
    from share_pairs
    group by size_parameters
),

share_summary_by_size as (
    select
        share_pairs.size_parameters,
        share_basis.is_share_from_size_band,
        count(*) as share_model_count,
        median(share_pairs.active_share) as active_share,
        greatest(
            quantile_cont(share_pairs.active_share, 0.95) / median(share_pairs.active_share),
            median(share_pairs.active_share) / quantile_cont(share_pairs.active_share, 0.05)
        ) as active_share_spread
    from share_pairs
    inner join share_basis
        on share_pairs.size_parameters = share_basis.size_parameters
    where share_pairs.is_in_size_band or not share_basis.is_share_from_size_band
    group by share_pairs.size_parameters, share_basis.is_share_from_size_band
),

share_summary as (
    select
        share_models.model_id,
        share_summary_by_size.is_share_from_size_band,
        share_summary_by_size.share_model_count,
        share_summary_by_size.active_share,
        share_summary_by_size.active_share_spread
    from share_models
    inner join share_summary_by_size
        on share_models.size_parameters = share_summary_by_size.size_parameters
),

model_sizes as (
    select
        sizes_combined.*,
        share_summary.active_share is not null as is_active_share_assumed,
        share_summary.active_share,
        share_summary.active_share_spread,
        share_summary.share_model_count,
        share_summary.is_share_from_size_band,
        coalesce(
            sizes_combined.size_parameters * share_summary.active_share, sizes_combined.stated_active_parameters
        ) as active_parameters
    from sizes_combined
    left join share_summary
        on sizes_combined.model_id = share_summary.model_id
),

-- A model's calibration depends only on its publication date and on which calibration
-- model it is itself (never its own calibration): computed once per such key, not once
-- per model (a million Hugging Face repos share far fewer dates).
model_calibration_keys as (
    select
        model_sizes.model_id,
        model_sizes.publication_date,
        coalesce(calibration_models.model_id, '') as self_model_id
    from model_sizes
    left join calibration_models
        on model_sizes.model_id = calibration_models.model_id
),

calibration_keys as (
    select distinct
        publication_date,
        self_model_id
    from model_calibration_keys
),

calibration_pairs as (
    select
        calibration_keys.publication_date,
        calibration_keys.self_model_id,
        calibration_models.training_tokens
    from calibration_keys
    inner join calibration_models
        on
            calibration_keys.self_model_id != calibration_models.model_id
            and abs(datediff('day', calibration_keys.publication_date, calibration_models.publication_date))
            <= {{ var('heuristic_period_days') }}
),

calibration_summary_by_key as (
    select
        publication_date,
        self_model_id,
        count(*) as period_count,
        median(training_tokens) as period_median,
        quantile_cont(training_tokens, 0.05) as period_p05,
        quantile_cont(training_tokens, 0.95) as period_p95
    from calibration_pairs
    group by publication_date, self_model_id
),

calibration_summary as (
    select
        model_calibration_keys.model_id,
        calibration_summary_by_key.period_count,
        calibration_summary_by_key.period_median,
        calibration_summary_by_key.period_p05,
        calibration_summary_by_key.period_p95
    from model_calibration_keys
    inner join calibration_summary_by_key
        on
            model_calibration_keys.publication_date = calibration_summary_by_key.publication_date
            and model_calibration_keys.self_model_id = calibration_summary_by_key.self_model_id
),

-- The period's known models when there are enough of them, else the Chinchilla default.
calibration_chosen as (
    select
        model_sizes.*,
        calibration_summary.period_count,
        calibration_summary.period_median,
        calibration_summary.period_p05,
        calibration_summary.period_p95,
        coalesce(calibration_summary.period_count >= {{ var('heuristic_min_calibration_models') }}, false)
            as is_from_period
    from model_sizes
    left join calibration_summary
        on model_sizes.model_id = calibration_summary.model_id
),

tokens_chosen as (
    select
        *,
        case when is_from_period then 'period' else 'default' end as calibration_basis,
        case when is_from_period then period_count else 0 end as calibration_model_count,
        case
            when is_from_period then period_median
            else size_parameters * {{ var('heuristic_tokens_per_parameter_default') }}
        end as estimated_tokens,
        case
            when is_from_period
                then greatest(period_p95 / period_median, period_median / period_p05)
        end as calibration_spread
    from calibration_chosen
),

estimated as (
    select
        *,
        6.0 * active_parameters * estimated_tokens as estimate_flop,
        case
            when is_active_share_assumed
                then pow(
                    10,
                    sqrt(
                        pow(
                            log10(greatest(coalesce(calibration_spread, 0), {{ var('interval_factor_speculative') }})),
                            2
                        )
                        + pow(log10(active_share_spread), 2)
                    )
                )
            else greatest(coalesce(calibration_spread, 0), {{ var('interval_factor_speculative') }})
        end as interval_factor
    from tokens_chosen
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
        || case when active_parameters < size_parameters then ' active params' else ' params' end
        || case
            when is_from_period then ' × ' || {{ format_si('estimated_tokens') }} || ' tokens'
            else
                ' × (' || {{ format_si('size_parameters') }} || ' params × '
                || printf('%.0f', {{ var('heuristic_tokens_per_parameter_default') }}) || ' tokens per param = '
                || {{ format_si('estimated_tokens') }} || ' tokens)'
        end
        || ' = ' || {{ format_flop('estimate_flop') }} || ' FLOP. Size '
        || case
            when is_size_published and is_active_read_from_name
                then 'as published, its active count read from the name "' || parsed_from_name || '"'
            when is_size_published then 'as published'
            when is_active_share_assumed and name_pattern = 'dense'
                then 'read from the name "' || parsed_from_name || '" (one size, no active count)'
            else 'read from the name "' || parsed_from_name || '" (' || replace(name_pattern, '_', ' ') || ')'
        end
        || case when is_total_unknown then ', total unknown so the active count stands in' else '' end
        || case
            when is_active_share_assumed
                then
                    '; no active count published and no dense model this large is known, so a mixture of experts '
                    || 'is assumed, active = '
                    || printf('%.1f', 100 * active_share)
                    || '% of the total, the median share of '
                    || share_model_count || ' known mixture-of-experts architectures'
                    || case when is_share_from_size_band then ' of similar size' else '' end
                    || ' (spread ×/÷ ' || printf('%.1f', active_share_spread) || ')'
            else ''
        end
        || case
            when is_from_period
                then
                    '; tokens: the median training tokens of ' || calibration_model_count
                    || ' known models published within a year, of any size'
            else '; tokens: the Chinchilla-optimal 20 per parameter (too few known models of the period)'
        end
        || '; 90% interval ×/÷ ' || printf('%.0f', interval_factor) || '.' as training_compute_notes,
        size_parameters,
        active_parameters,
        is_size_published,
        is_active_share_assumed,
        active_share,
        name_pattern,
        calibration_basis,
        calibration_model_count,
        estimated_tokens,
        calibration_spread,
        interval_factor
    from estimated
)

select * from compute_from_heuristics
