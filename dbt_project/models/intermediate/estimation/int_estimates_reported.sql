{# Method 1, reported: training compute the developer or a reputable report disclosed.
   One row per model with a reported figure. The known specs seed (a cited developer or
   report figure) wins and is Confident; else Wikipedia's "Training cost" column
   (petaFLOP-days, converted to FLOP upstream at 8.64e19 FLOP per petaFLOP-day) is Likely:
   a secondary source that rounds and rarely says how the figure was obtained. #}
with

facts as (
    select
        model_id,
        reported_compute_flop,
        reported_compute_source,
        reported_compute_evidence_url,
        facts_citation
    from {{ ref('int_model_facts_combined') }}
    where reported_compute_flop > 0
),

compute_reported as (
    select
        model_id,
        'reported' as estimation_method,
        reported_compute_flop as training_compute_flop,
        case reported_compute_source
            when 'known_specs' then 'Confident'
            else 'Likely'
        end as confidence,
        reported_compute_evidence_url as evidence_url,
        case reported_compute_source
            when 'known_specs'
                then
                    'Reported training compute: ' || {{ format_flop('reported_compute_flop') }}
                    || ' FLOP. Source: ' || coalesce(facts_citation, reported_compute_evidence_url)
            when 'wikipedia'
                then
                    'Wikipedia (List of large language models) gives a training cost of '
                    || {{ format_count('reported_compute_flop / 8.64e19') }}
                    || ' petaFLOP-days × 8.64e19 FLOP per petaFLOP-day = '
                    || {{ format_flop('reported_compute_flop') }} || ' FLOP. Source: '
                    || coalesce(reported_compute_evidence_url, 'Wikipedia')
            else
                'Reported training compute: ' || {{ format_flop('reported_compute_flop') }}
                || ' FLOP (' || reported_compute_source || ', '
                || coalesce(reported_compute_evidence_url, 'no URL') || ')'
        end as training_compute_notes,
        cast(null as double) as method_lower_flop,
        cast(null as double) as method_upper_flop
    from facts
)

select * from compute_reported
