{# Method 1, reported: training compute the developer disclosed. One row per model with
   a reported figure. The known specs seed (a cited developer figure) wins and is
   Confident; else Wikipedia's "Training cost" column (petaFLOP-days, converted to FLOP
   upstream at 8.64e19 FLOP per petaFLOP-day) is Likely: a secondary source that rounds and
   rarely says how the figure was obtained. Its notes name the footnote the cell cites (or
   say it cites none); a cell citing Epoch AI never gets here (ingest keeps it NULL). A cell
   that cites no source at all is Speculative: at Likely it stood alone over the
   developer's own figures (DeepSeek-V3: an uncited 4.84e24 over the hardware and 6ND
   estimates of its technical report, 3.97e24 and 3.29e24).
   A known-specs figure the developer did not publish (an analyst firm's estimate, a
   journalist's source, a leak: evidence_kind third_party) is not `reported`: it is its
   own method, third_party_report, at most Likely, and its notes say whose figure it is
   (GPT-4's 2.15e25 is SemiAnalysis's, not OpenAI's). #}
with

wikipedia_references as (
    select
        model_id,
        reported_compute_reference
    from {{ ref('int_wikipedia_model_facts_extracted') }}
),

facts as (
    select
        facts_combined.model_id,
        facts_combined.reported_compute_flop,
        facts_combined.reported_compute_source,
        facts_combined.reported_compute_evidence_url,
        facts_combined.facts_citation,
        wikipedia_references.reported_compute_reference,
        -- a third party's figure (int_model_facts_combined.facts_evidence_kind)
        facts_combined.reported_compute_source = 'known_specs'
        and facts_combined.facts_evidence_kind = 'third_party' as is_third_party
    from {{ ref('int_model_facts_combined') }} as facts_combined
    left join wikipedia_references
        on facts_combined.model_id = wikipedia_references.model_id
    where facts_combined.reported_compute_flop > 0
),

compute_reported as (
    select
        model_id,
        case when is_third_party then 'third_party_report' else 'reported' end as estimation_method,
        reported_compute_flop as training_compute_flop,
        case
            when is_third_party then 'Likely'
            when reported_compute_source = 'known_specs' then 'Confident'
            -- A Wikipedia cell that cites nothing: a figure nobody can trace, so it never
            -- outranks estimates from the developer's own published figures.
            when reported_compute_source = 'wikipedia' and reported_compute_reference is null then 'Speculative'
            else 'Likely'
        end as confidence,
        reported_compute_evidence_url as evidence_url,
        case
            when is_third_party
                then
                    'A third party''s training compute figure, not the developer''s (at most Likely): '
                    || {{ format_flop('reported_compute_flop') }}
                    || ' FLOP. Source: ' || coalesce(facts_citation, reported_compute_evidence_url)
            when reported_compute_source = 'known_specs'
                then
                    'Reported training compute: ' || {{ format_flop('reported_compute_flop') }}
                    || ' FLOP. Source: ' || coalesce(facts_citation, reported_compute_evidence_url)
            when reported_compute_source = 'wikipedia'
                then
                    'Wikipedia (List of large language models) gives a training cost of '
                    || {{ format_count('reported_compute_flop / 8.64e19') }}
                    || ' petaFLOP-days × 8.64e19 FLOP per petaFLOP-day = '
                    || {{ format_flop('reported_compute_flop') }} || ' FLOP. Source: '
                    || coalesce(reported_compute_evidence_url, 'Wikipedia')
                    || coalesce(
                        ', whose cell cites ' || reported_compute_reference,
                        ', whose cell cites no source'
                    )
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
