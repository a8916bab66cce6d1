{# Method 1, reported: compute the developer or a reputable report disclosed.
   One row per model with a reported figure. Confident: the figure was published as such. #}
with

facts as (
    select * from {{ ref('int_model_facts_combined') }}
),

reported as (
    select
        model_id,
        'reported' as estimation_method,
        reported_compute_flop as training_compute_flop,
        'Confident' as confidence,
        facts_source_url as evidence_url,
        'Reported training compute: ' || {{ format_flop('reported_compute_flop') }}
        || ' FLOP (' || coalesce(facts_citation, facts_source_url) || ')' as training_compute_notes
    from facts
    where reported_compute_flop > 0
)

select * from reported
