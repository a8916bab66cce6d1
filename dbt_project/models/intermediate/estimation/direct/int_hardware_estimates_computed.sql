{# Method 2, hardware: chips × dense peak FLOP/s at the training precision × training
   time × utilization. One row per model whose chip type and either its chip-hours
   (training_chip_hours, as Meta and OpenAI report them: "1,720,320 A100-hours") or its
   chip count and training time were published (known specs seed), and whose chip is in
   seeds/hardware_specs.csv. Reported chip-hours win over count × time: they are what
   the developer measured, count × time assumes every chip ran the whole time.
   Peak: the row for the stated precision; when the precision is unknown or the chip has
   no row for it, bf16, then fp16, then any other (the seed's order). Utilization: the
   reported figure, else var default_hardware_utilization (0.4), or at FP8
   var default_hardware_utilization_fp8 (0.2 of the FP8 peak). Likely: every input but
   the utilization is published, and utilization varies between about 0.2 and 0.6. #}
with

facts as (
    select
        model_id,
        hardware_type,
        training_precision,
        hardware_quantity,
        training_time_hours,
        training_chip_hours as reported_chip_hours,
        coalesce(
            training_chip_hours,
            case
                when hardware_quantity > 0 and training_time_hours > 0
                    then hardware_quantity * training_time_hours
            end
        ) as chip_hours,
        hardware_utilization,
        facts_source_url,
        facts_citation,
        facts_evidence_kind
    from {{ ref('int_model_facts_combined') }}
    where
        hardware_type is not null
        and (
            training_chip_hours > 0
            or (hardware_quantity > 0 and training_time_hours > 0)
        )
),

hardware_specs as (
    select
        hardware_type,
        lower(precision) as precision,
        peak_flop_per_second,
        source_url
    from {{ ref('hardware_specs') }}
    where peak_flop_per_second > 0
),

peak_at_training_precision as (
    select
        facts.*,
        hardware_specs.precision as peak_precision,
        hardware_specs.peak_flop_per_second,
        hardware_specs.source_url as hardware_source_url,
        coalesce(hardware_specs.precision = facts.training_precision, false) as is_stated_precision_used
    from facts
    inner join hardware_specs
        on lower(trim(facts.hardware_type)) = lower(trim(hardware_specs.hardware_type))
    qualify row_number() over (
        partition by facts.model_id
        order by
            case
                when hardware_specs.precision = facts.training_precision then 1
                when hardware_specs.precision = 'bf16' then 2
                when hardware_specs.precision = 'fp16' then 3
                else 4
            end,
            hardware_specs.precision
    ) = 1
),

utilization_chosen as (
    select
        *,
        hardware_utilization is not null as is_utilization_reported,
        coalesce(
            hardware_utilization,
            case
                when peak_precision = 'fp8' then {{ var('default_hardware_utilization_fp8') }}
                else {{ var('default_hardware_utilization') }}
            end
        ) as utilization
    from peak_at_training_precision
),

compute_from_hardware as (
    select
        model_id,
        'hardware' as estimation_method,
        chip_hours * peak_flop_per_second * 3600 * utilization as training_compute_flop,
        'Likely' as confidence,
        facts_source_url as evidence_url,
        case
            when reported_chip_hours is not null
                then
                    {{ format_count('reported_chip_hours') }} || ' ' || hardware_type
                    || ' chip-hours (reported) × '
            else {{ format_count('hardware_quantity') }} || ' × ' || hardware_type || ' × '
        end
        || {{ format_flop('peak_flop_per_second') }} || ' FLOP/s (dense ' || peak_precision
        || case
            when is_stated_precision_used then ' peak'
            when training_precision is null then ' peak, precision not published'
            else ' peak; no ' || training_precision || ' figure for the chip'
        end
        || ')'
        || case
            when reported_chip_hours is null then ' × ' || {{ format_count('training_time_hours') }} || ' h'
            else ''
        end
        || ' × 3600 s/h × '
        || printf('%.2f', utilization)
        || case when is_utilization_reported then ' utilization (reported)' else ' utilization (assumed)' end
        || ' = ' || {{ format_flop('chip_hours * peak_flop_per_second * 3600 * utilization') }}
        || ' FLOP. Sources: '
        || coalesce(facts_citation || ' (' || facts_source_url || ')', facts_source_url, 'known specs seed')
        || '; '
        || {{ third_party_notes("coalesce(hardware_source_url, 'hardware specs seed')", 'facts_evidence_kind') }}
            as training_compute_notes,
        cast(null as double) as method_lower_flop,
        cast(null as double) as method_upper_flop,
        hardware_quantity,
        peak_flop_per_second,
        peak_precision,
        training_time_hours,
        chip_hours,
        reported_chip_hours is not null as is_chip_hours_reported,
        utilization,
        is_utilization_reported
    from utilization_chosen
)

select * from compute_from_hardware
