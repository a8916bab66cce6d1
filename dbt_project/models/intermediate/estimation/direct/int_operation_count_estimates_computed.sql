{# Method 3, operation counting: 6 × (active) parameters × training tokens (forward and
   backward pass of a dense transformer; attention FLOPs are not counted). One row per
   model with both figures. Parameters and tokens come from the best source that gives
   them (int_model_facts_combined: known specs > Wikipedia > Hugging Face); for a
   mixture-of-experts model the per-token active parameters are used.
   Confident: a dense model whose parameters and tokens both come from the developer
   (known specs seed). Likely: a mixture-of-experts model (active parameters approximate
   the per-token work), a figure taken from Wikipedia or Hugging Face, or a third party's
   figures (evidence_kind third_party: the notes say so).
   A model with no active count has no row: int_model_facts_combined leaves it unknown for
   a total above var heuristic_max_dense_parameters (6e11) that nobody gave one for. #}
with

facts as (
    select
        model_id,
        parameters,
        active_parameters,
        is_mixture_of_experts,
        training_tokens,
        parameters_source,
        active_parameters_source,
        training_tokens_source,
        parameters_evidence_url,
        training_tokens_evidence_url,
        facts_evidence_kind
    from {{ ref('int_model_facts_combined') }}
    where active_parameters > 0 and training_tokens > 0
),

figures_described as (
    select
        *,
        case when is_mixture_of_experts then active_parameters_source else parameters_source end
            as counted_parameters_source,
        case
            when is_mixture_of_experts
                then
                    {{ format_si('active_parameters') }} || ' active params ('
                    || {{ format_si('parameters') }} || ' total)'
            else {{ format_si('active_parameters') }} || ' params'
        end as parameters_described
    from facts
),

compute_from_operations as (
    select
        model_id,
        'operation_counting' as estimation_method,
        6.0 * active_parameters * training_tokens as training_compute_flop,
        case
            when
                not is_mixture_of_experts
                and counted_parameters_source = 'known_specs'
                and training_tokens_source = 'known_specs'
                and coalesce(facts_evidence_kind, 'developer') != 'third_party'
                then 'Confident'
            else 'Likely'
        end as confidence,
        coalesce(parameters_evidence_url, training_tokens_evidence_url) as evidence_url,
        '6 × ' || parameters_described || ' × ' || {{ format_si('training_tokens') }} || ' tokens = '
        || {{ format_flop('6.0 * active_parameters * training_tokens') }} || ' FLOP. Parameters: '
        || replace(counted_parameters_source, '_', ' ') || ' (' || coalesce(parameters_evidence_url, '?')
        || '); tokens: ' || replace(training_tokens_source, '_', ' ') || ' ('
        || {{ third_party_notes("coalesce(training_tokens_evidence_url, '?') || ')'", 'facts_evidence_kind') }}
            as training_compute_notes,
        cast(null as double) as method_lower_flop,
        cast(null as double) as method_upper_flop
    from figures_described
)

select * from compute_from_operations
