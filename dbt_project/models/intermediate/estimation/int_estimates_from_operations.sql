{# Method 3, operation counting: 6 x (active) parameters x training tokens.
   Confident for a dense model whose parameters and tokens were both published;
   Likely for mixture-of-experts models (active parameters are an approximation of the
   per-token work, and attention is not counted). #}
with

facts as (
    select * from {{ ref('int_model_facts_combined') }}
),

compute_from_operations as (
    select
        model_id,
        'operation_counting' as estimation_method,
        6.0 * active_parameters * training_tokens as training_compute_flop,
        case when is_mixture_of_experts then 'Likely' else 'Confident' end as confidence,
        facts_source_url as evidence_url,
        '6 × ' || {{ format_flop('active_parameters') }}
        || case when is_mixture_of_experts then ' active params' else ' params' end
        || ' × ' || {{ format_flop('training_tokens') }} || ' tokens = '
        || {{ format_flop('6.0 * active_parameters * training_tokens') }}
        || ' (' || coalesce(facts_citation, facts_source_url) || ')' as training_compute_notes
    from facts
    where active_parameters > 0 and training_tokens > 0
)

select * from compute_from_operations
