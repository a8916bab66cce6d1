{# Methods 1b and 2b: compute from what a developer said about it indirectly, one row per
   model and kind of statement in seeds/compute_statements.csv (each row cited).
   - relative (a reported ratio): "Inflection-2.5 used 40% of GPT-4's training FLOPs".
     Estimate = the ratio × the other model's best Confident or Likely estimate from
     methods 1-3 (reported, hardware, operation counting). One confidence word below the
     other model's: Confident gives Likely, Likely gives Speculative (the ratio is itself
     rounded, "10X").
   - cost (a reported training cost, in US dollars): GPU-hours it buys at var
     cost_usd_per_gpu_hour ($2, the rental price DeepSeek-V3's report assumes for an H800
     hour) on var cost_reference_hardware (H100 SXM5, bf16 peak from
     seeds/hardware_specs.csv) at var default_hardware_utilization (0.4). Interval: the
     stated low and high costs, converted with the conversion itself uncertain by
     var cost_conversion_low_factor (0.5) and var cost_conversion_high_factor (1.67)
     (prices of $1.5-3 an hour and utilization of 0.3-0.5 between them). Likely when
     that interval spans no more than the Likely interval does (interval_factor_likely
     squared, 10x), else Speculative. #}
with

statements as (
    select * from {{ ref('compute_statements') }}
    where {{ as_of_filter('stated_on') }}
),

best_direct_estimate as (
    select * from {{ ref('int_model_direct_estimates_chosen') }}
),

reference_hardware as (
    select
        hardware_type,
        peak_flop_per_second,
        source_url
    from {{ ref('hardware_specs') }}
    where
        lower(trim(hardware_type)) = lower('{{ var("cost_reference_hardware") }}')
        and lower(precision) = 'bf16'
),

relative_statements as (
    select
        statements.model_id,
        'relative' as estimation_method,
        statements.stated_value * base.training_compute_flop as training_compute_flop,
        case base.confidence when 'Confident' then 'Likely' else 'Speculative' end as confidence,
        statements.source_url as evidence_url,
        'Stated ratio: ' || printf('%g', statements.stated_value) || ' × the compute of '
        || statements.relative_to_model_id || ' (' || {{ format_flop('base.training_compute_flop') }}
        || ' FLOP, ' || base.estimation_method || ', ' || base.confidence || ') = '
        || {{ format_flop('statements.stated_value * base.training_compute_flop') }}
        || ' FLOP. Source: ' || statements.citation as training_compute_notes,
        cast(null as double) as method_lower_flop,
        cast(null as double) as method_upper_flop
    from statements
    inner join best_direct_estimate as base
        on statements.relative_to_model_id = base.model_id
    where statements.statement_kind = 'relative_compute' and statements.stated_value > 0
),

cost_converted as (
    select
        statements.*,
        reference_hardware.hardware_type,
        reference_hardware.peak_flop_per_second,
        reference_hardware.source_url as hardware_source_url,
        reference_hardware.peak_flop_per_second * 3600 * {{ var('default_hardware_utilization') }}
        / {{ var('cost_usd_per_gpu_hour') }} as flop_per_usd
    from statements
    cross join reference_hardware
    where statements.statement_kind = 'cost_usd' and statements.stated_value > 0
),

cost_bounds as (
    select
        *,
        stated_value * flop_per_usd as estimate_flop,
        coalesce(stated_low, stated_value) * flop_per_usd * {{ var('cost_conversion_low_factor') }}
            as lower_flop,
        coalesce(stated_high, stated_value) * flop_per_usd * {{ var('cost_conversion_high_factor') }}
            as upper_flop
    from cost_converted
),

cost_statements as (
    select
        model_id,
        'cost' as estimation_method,
        estimate_flop as training_compute_flop,
        case
            when upper_flop / lower_flop <= pow({{ var('interval_factor_likely') }}, 2) + 1e-9
                then 'Likely'
            else 'Speculative'
        end as confidence,
        source_url as evidence_url,
        'Reported training cost $' || {{ format_count('stated_value') }}
        || coalesce(
            ' (stated range $' || {{ format_count('stated_low') }} || ' to $'
            || {{ format_count('stated_high') }} || ')', ''
        )
        || ' ÷ $' || printf('%.2f', {{ var('cost_usd_per_gpu_hour') }}) || ' per GPU-hour × '
        || {{ format_flop('peak_flop_per_second') }} || ' FLOP/s (' || hardware_type
        || ', dense bf16 peak) × 3600 s/h × ' || printf('%.2f', {{ var('default_hardware_utilization') }})
        || ' utilization (assumed) = ' || {{ format_flop('estimate_flop') }}
        || ' FLOP; interval ' || {{ format_flop('lower_flop') }} || ' to ' || {{ format_flop('upper_flop') }}
        || ' (stated range, price and utilization uncertain). Sources: ' || citation || '; '
        || hardware_source_url as training_compute_notes,
        lower_flop as method_lower_flop,
        upper_flop as method_upper_flop
    from cost_bounds
),

estimates_from_statements as (
    select * from relative_statements
    union all
    select * from cost_statements
)

select * from estimates_from_statements
