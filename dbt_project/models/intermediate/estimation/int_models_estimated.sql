{# One row per model: its final (automated) estimate, interval, threshold class and the
   probability that it reaches the threshold. THE rule for the final estimate lives here
   (docs/estimation.md, "The final estimate"):
   1. Direct evidence first (a reported figure, hardware, operation counting, a developer's
      statement, a third party's figure), the most confident first. A reported figure of
      that confidence stands alone (a developer's figure is often its own 6ND); a third
      party's figure (third_party_report) has no such priority.
      Otherwise, when both hardware and operation counting ran, they are combined: they
      share no input, so their log10 values are averaged by inverse variance (each
      variance from its 90% interval) and the interval narrows accordingly. When both
      rest on one third party's figures (the known-specs row's evidence_kind is
      third_party: GPT-4's chips, days, parameters and tokens are all SemiAnalysis's),
      their errors are not independent: the mean is the same, but the interval is not
      narrowed below its narrower part. Any other direct estimate is taken by
      confidence, then by the narrower interval.
   2. A derived model (base_model_id) with no direct estimate of its own takes its
      lifetime compute: its base's final estimate plus its own training when published
      (seeds/notable_derivatives); a direct estimate of its own is never below its base's.
   3. Else a benchmark method (LMArena rating, published scores): the narrower of the two;
      two Speculative guesses are never blended.
   4. Else the heuristic.
   In SQL the rule is one ranking of candidate rows (every method's estimate, the
   hardware-and-counting combination, a derived model's lifetime compute), by evidence
   tier (direct 1, lifetime 2, benchmark 3, heuristic 4), confidence, a reported figure
   first, the narrower interval, the combination before its parts, the method precedence.
   Then two plausibility guards (docs/estimation.md, "Guards"), which clamp or flag and
   never fail the build:
   - a small or cheap tier (a word of var small_tier_words in its id: mini, flash, ...) with no
     direct evidence is never above its own flagship (the id with the tier word removed or
     replaced by pro, opus, sonnet, ultra or max): it is clamped to the flagship's
     estimate and interval, and the notes say so;
   - an estimate more than var guard_frontier_factor (3) above the largest direct-evidence
     estimate published by its date is flagged (exceeds_frontier_of_its_date), for the
     review queue.
   Models with no estimate keep NULLs. #}
{# A small or cheap tier's word in a model id (guard 1), and what follows it. #}
{% set tier_word_pattern = '-(' ~ var('small_tier_words') | join('|') ~ ')(-|$)' %}
with

models as (
    select * from {{ ref('int_models_identified') }}
),

facts as (
    select * from {{ ref('int_model_facts_combined') }}
),

estimates as (
    select * from {{ ref('int_model_estimates_unioned') }}
),

lineage as (
    select * from {{ ref('int_model_bases_resolved') }}
),

notable_derivatives as (
    select * from {{ ref('notable_derivatives') }}
),

sizes_parsed as (
    select
        model_id,
        coalesce(active_parameters, parameters) as active_parameters
    from {{ ref('int_model_sizes_parsed') }}
),

estimates_tiered as (
    select
        *,
        case
            when
                estimation_method in (
                    'reported', 'hardware', 'operation_counting', 'relative', 'cost', 'third_party_report'
                )
                then 1
            when estimation_method in ('benchmark_interpolation', 'benchmark_scores') then 3
            else 4
        end as evidence_tier,
        -- The 90% interval's half-width in log10, as a normal σ (its variance weights it).
        greatest(
            log10(training_compute_upper_flop / training_compute_lower_flop) / (2 * 1.645),
            0.01
        ) as sigma_log10
    from estimates
),

-- Hardware and operation counting share no input: Epoch takes their geometric mean; with
-- their intervals, the inverse-variance mean in log10 is the same idea, weighted. The
-- combination is one more candidate, as confident as its better part and narrower than
-- either, so it wins over both. Figures that are all one third party's are one source
-- with one set of errors: the same mean, no narrower than the narrower part (and still
-- ranked before its parts at equal width: macro final_estimate_order).
combined_parts as (
    select
        estimates_tiered.*,
        coalesce(facts.facts_evidence_kind = 'third_party', false) as is_third_party
    from estimates_tiered
    left join facts
        on estimates_tiered.model_id = facts.model_id
    where estimates_tiered.estimation_method in ('hardware', 'operation_counting')
),

combined_estimates as (
    select
        model_id,
        'combined' as estimation_method,
        pow(
            10, sum(log10(training_compute_flop) / (sigma_log10 * sigma_log10))
            / sum(1 / (sigma_log10 * sigma_log10))
        ) as training_compute_flop,
        case
            when bool_or(is_third_party) then min(sigma_log10)
            else sqrt(1 / sum(1 / (sigma_log10 * sigma_log10)))
        end as sigma_log10,
        arg_min(confidence, [{{ confidence_rank('confidence') }}, sigma_log10, method_precedence]) as confidence,
        'Combined, inverse-variance mean in log10 of '
        || array_to_string(list(
            estimation_method || ' ' || {{ format_flop('training_compute_flop') }}
            order by estimation_method
        ), ' and ')
        || case
            when bool_or(is_third_party)
                then
                    ' (both rest on one third party''s figures, whose errors are not independent:'
                    || ' the interval is not narrowed below the narrower one; Epoch takes the'
                    || ' geometric mean of these two). '
            else ' (they share no input; Epoch takes the geometric mean of these two). '
        end
        || arg_min(training_compute_notes, [{{ confidence_rank('confidence') }}, sigma_log10, method_precedence])
            as training_compute_notes,
        arg_min(evidence_url, [{{ confidence_rank('confidence') }}, sigma_log10, method_precedence]) as evidence_url,
        1 as evidence_tier,
        {{ method_precedence("'hardware'") }} as method_precedence
    from combined_parts
    group by model_id
    having count(*) = 2
),

own_candidates as (
    select
        model_id,
        estimation_method,
        training_compute_flop,
        training_compute_lower_flop,
        training_compute_upper_flop,
        confidence,
        training_compute_notes,
        evidence_url,
        evidence_tier,
        sigma_log10,
        method_precedence
    from estimates_tiered
    union all
    select
        model_id,
        estimation_method,
        training_compute_flop,
        pow(10, log10(training_compute_flop) - 1.645 * sigma_log10) as training_compute_lower_flop,
        pow(10, log10(training_compute_flop) + 1.645 * sigma_log10) as training_compute_upper_flop,
        confidence,
        training_compute_notes,
        evidence_url,
        evidence_tier,
        sigma_log10,
        method_precedence
    from combined_estimates
),

-- The one ordering of the rule (macro final_estimate_order): evidence tier, confidence, a
-- reported figure before an equally confident other method, the narrower interval, the
-- combination before its parts at equal width, the method precedence.
own_estimate as (
    select *
    from own_candidates
    qualify row_number() over (
        partition by model_id
        order by {{ final_estimate_order() }}
    ) = 1
),

-- Lineage walked to the root pretraining run (a chain such as R1-0528 -> V3 resolves in
-- one step; longer chains in more), adding each link's own published training.
derivative_training as (
    select
        lineage.model_id,
        lineage.base_model_id,
        lineage.lineage_source,
        lineage.lineage_evidence,
        coalesce(
            notable_derivatives.finetune_compute_flop,
            6 * coalesce(facts.active_parameters, sizes_parsed.active_parameters)
            * notable_derivatives.finetune_training_tokens
        ) as finetune_compute_flop,
        notable_derivatives.model_id is not null as is_notable_derivative,
        notable_derivatives.citation as finetune_citation,
        notable_derivatives.source_url as finetune_source_url
    from lineage
    left join notable_derivatives
        on lineage.model_id = notable_derivatives.model_id
    left join facts
        on lineage.model_id = facts.model_id
    left join sizes_parsed
        on lineage.model_id = sizes_parsed.model_id
),

lineage_to_root as (
    with recursive chain (model_id, root_model_id, finetune_sum_flop, depth) as (
        select
            model_id,
            base_model_id as root_model_id,
            coalesce(finetune_compute_flop, 0) as finetune_sum_flop,
            1 as depth
        from derivative_training
        union all
        select
            chain.model_id,
            derivative_training.base_model_id as root_model_id,
            chain.finetune_sum_flop + coalesce(derivative_training.finetune_compute_flop, 0),
            chain.depth + 1
        from chain
        inner join derivative_training
            on chain.root_model_id = derivative_training.model_id
        where chain.depth < 5
    )

    select *
    from chain
    qualify row_number() over (partition by model_id order by depth desc) = 1
),

lifetime_estimate as (
    select
        lineage_to_root.model_id,
        derivative_training.base_model_id,
        root_estimate.model_id as root_model_id,
        derivative_training.finetune_compute_flop,
        derivative_training.is_notable_derivative,
        root_estimate.training_compute_flop + lineage_to_root.finetune_sum_flop as training_compute_flop,
        root_estimate.training_compute_lower_flop + lineage_to_root.finetune_sum_flop
            as training_compute_lower_flop,
        root_estimate.training_compute_upper_flop + lineage_to_root.finetune_sum_flop
            as training_compute_upper_flop,
        root_estimate.confidence,
        -- Ranked after direct evidence of the model itself, before any benchmark guess;
        -- it rests on what its root rests on.
        2 as evidence_tier,
        root_estimate.evidence_tier as basis_tier,
        root_estimate.sigma_log10,
        {{ method_precedence("'lifetime_from_base'") }} as method_precedence,
        'Lifetime compute of a derived model, as Epoch counts it: its base ' || root_estimate.model_id
        || ' (' || {{ format_flop('root_estimate.training_compute_flop') }} || ', '
        || root_estimate.estimation_method || ')'
        || case
            when lineage_to_root.finetune_sum_flop > 0
                then
                    ' plus its own training, ' || {{ format_flop('lineage_to_root.finetune_sum_flop') }}
                    || ' FLOP (' || coalesce(derivative_training.finetune_citation, 'published by its developer') || ')'
            else ' plus its own training, which is not published and is not added'
        end
        || '. Lineage: ' || derivative_training.lineage_evidence || '.' as training_compute_notes,
        coalesce(derivative_training.finetune_source_url, root_estimate.evidence_url) as evidence_url
    from lineage_to_root
    inner join derivative_training
        on lineage_to_root.model_id = derivative_training.model_id
    inner join own_estimate as root_estimate
        on lineage_to_root.root_model_id = root_estimate.model_id
),

-- A direct estimate of a derived model itself is a candidate only when it is not below
-- its base's (its lifetime compute).
final_candidates as (
    select
        own_candidates.model_id,
        own_candidates.estimation_method,
        own_candidates.training_compute_flop,
        own_candidates.training_compute_lower_flop,
        own_candidates.training_compute_upper_flop,
        own_candidates.confidence,
        own_candidates.training_compute_notes,
        own_candidates.evidence_url,
        own_candidates.evidence_tier,
        own_candidates.evidence_tier as basis_tier,
        own_candidates.sigma_log10,
        own_candidates.method_precedence
    from own_candidates
    left join lifetime_estimate
        on own_candidates.model_id = lifetime_estimate.model_id
    where
        not coalesce(
            own_candidates.evidence_tier = 1
            and own_candidates.training_compute_flop < lifetime_estimate.training_compute_flop,
            false
        )
    union all
    select
        model_id,
        'lifetime_from_base' as estimation_method,
        training_compute_flop,
        training_compute_lower_flop,
        training_compute_upper_flop,
        confidence,
        training_compute_notes,
        evidence_url,
        evidence_tier,
        basis_tier,
        sigma_log10,
        method_precedence
    from lifetime_estimate
),

best_estimate as (
    select *
    from final_candidates
    qualify row_number() over (
        partition by model_id
        order by {{ final_estimate_order() }}
    ) = 1
),

-- The methods in precedence order: a list of (precedence, method) pairs sorted after the
-- aggregate, not an ordered aggregate (list(... order by ...) sorted per group: 2.5 s
-- instead of 0.4 s at 1M Hugging Face models; the same lists).
method_spread as (
    select
        model_id,
        count(*) as method_count,
        max(training_compute_flop) / min(training_compute_flop) as method_spread_ratio,
        list_transform(
            list_sort(list({ 'precedence': method_precedence, 'method': estimation_method })),
            method -> method.method
        ) as estimation_methods
    from estimates
    group by model_id
),

models_estimated as (
    select
        models.model_id,
        models.model_name,
        -- Google DeepMind exists from the April 2023 merger; an earlier Google model with
        -- no per-model seed row is credited to Google (seeds/model_organizations).
        case
            when
                models.organization = 'Google DeepMind'
                and models.organization_source_url is null
                and facts.publication_date < date '2023-04-20'
                then 'Google'
            else models.organization
        end as organization,
        models.country,
        facts.publication_date,
        facts.is_publication_date_announced,
        facts.publication_date_source,
        facts.parameters,
        facts.active_parameters,
        facts.training_tokens,
        facts.model_accessibility,
        lineage.base_model_id,
        lineage.lineage_source,
        derivative_training.finetune_compute_flop,
        coalesce(derivative_training.is_notable_derivative, false) as is_notable_derivative,
        models.is_unattributed_checkpoint,
        best_estimate.training_compute_flop,
        best_estimate.training_compute_lower_flop,
        best_estimate.training_compute_upper_flop,
        best_estimate.confidence,
        best_estimate.estimation_method,
        best_estimate.training_compute_notes,
        -- No direct evidence (methods 1-3, a statement) for the model or its base.
        coalesce(best_estimate.basis_tier = 3, false) as rests_on_benchmark_alone,
        coalesce(best_estimate.basis_tier = 1, false) as has_direct_evidence,
        coalesce(method_spread.method_count, 0) as method_count,
        method_spread.method_spread_ratio,
        coalesce(method_spread.estimation_methods, []) as estimation_methods,
        models.is_sample or coalesce(facts.has_sample_facts, false) as is_sample,
        models.source_names,
        list_sort(list_distinct(
            list_concat(models.sources, [best_estimate.evidence_url])
        )) as sources,
        models.first_seen_at,
        models.last_seen_at
    from models
    left join facts
        on models.model_id = facts.model_id
    left join best_estimate
        on models.model_id = best_estimate.model_id
    left join lineage
        on models.model_id = lineage.model_id
    left join derivative_training
        on models.model_id = derivative_training.model_id
    left join method_spread
        on models.model_id = method_spread.model_id
),

-- Guard 1: a tier is never above its own flagship. Each tier's possible flagship ids are
-- listed first and joined on equality (a join on an IN list of expressions compared every
-- tier with every model: 95 s at 100k Hugging Face models).
tier_flagship_candidates as (
    select
        model_id,
        unnest([
            {%- for flagship_word in ['', '-pro', '-opus', '-sonnet', '-ultra', '-max'] %}
                regexp_replace(model_id, '{{ tier_word_pattern }}', '{{ flagship_word }}\2')
                {%- if not loop.last %},{% endif %}
            {%- endfor %}
        ]) as flagship_candidate_id
    from models_estimated
    where regexp_matches(model_id, '{{ tier_word_pattern }}')
),

tier_flagships as (
    select
        tier_flagship_candidates.model_id,
        max(flagships.training_compute_flop) as flagship_compute_flop,
        arg_max(flagships.model_id, flagships.training_compute_flop) as flagship_model_id,
        arg_max(flagships.training_compute_lower_flop, flagships.training_compute_flop)
            as flagship_lower_flop,
        arg_max(flagships.training_compute_upper_flop, flagships.training_compute_flop)
            as flagship_upper_flop
    from tier_flagship_candidates
    inner join models_estimated as flagships
        on tier_flagship_candidates.flagship_candidate_id = flagships.model_id
    where
        flagships.model_id != tier_flagship_candidates.model_id
        and flagships.training_compute_flop is not null
    group by tier_flagship_candidates.model_id
),

tiers_flagged as (
    select
        models_estimated.*,
        coalesce(
            tier_flagships.flagship_compute_flop < models_estimated.training_compute_flop
            and not models_estimated.has_direct_evidence,
            false
        ) as is_clamped_to_flagship,
        tier_flagships.flagship_model_id,
        tier_flagships.flagship_compute_flop,
        tier_flagships.flagship_lower_flop,
        tier_flagships.flagship_upper_flop
    from models_estimated
    left join tier_flagships
        on models_estimated.model_id = tier_flagships.model_id
),

tiers_guarded as (
    select
        * exclude (flagship_model_id, flagship_compute_flop, flagship_lower_flop, flagship_upper_flop)
        replace (
            case when is_clamped_to_flagship then flagship_compute_flop else training_compute_flop end
                as training_compute_flop,
            case
                when is_clamped_to_flagship then least(flagship_lower_flop, training_compute_lower_flop)
                else training_compute_lower_flop
            end as training_compute_lower_flop,
            case
                when is_clamped_to_flagship then least(flagship_upper_flop, training_compute_upper_flop)
                else training_compute_upper_flop
            end as training_compute_upper_flop,
            case
                when is_clamped_to_flagship
                    then
                        training_compute_notes
                        || ' Guard: a smaller tier is never above its own flagship; clamped from '
                        || {{ format_flop('training_compute_flop') }} || ' to '
                        || flagship_model_id || '''s '
                        || {{ format_flop('flagship_compute_flop') }} || ' FLOP.'
                else training_compute_notes
            end as training_compute_notes
        )
    from tiers_flagged
),

-- Guard 2: the largest direct-evidence estimate published by each model's date: the
-- running maximum over the dates of direct evidence, read by an as-of join (the largest
-- such date not after the model's). Comparing every model with every direct estimate
-- grew as their product.
direct_maximum_by_date as (
    select
        publication_date,
        max(training_compute_flop) as maximum_compute_flop
    from tiers_guarded
    where has_direct_evidence and publication_date is not null
    group by publication_date
),

frontier_running as (
    select
        publication_date,
        max(maximum_compute_flop) over (
            order by publication_date asc
            rows between unbounded preceding and current row
        ) as frontier_compute_flop_of_its_date
    from direct_maximum_by_date
),

frontier_by_date as (
    select
        guarded.model_id,
        frontier_running.frontier_compute_flop_of_its_date
    from tiers_guarded as guarded
    asof inner join frontier_running
        on guarded.publication_date >= frontier_running.publication_date
),

-- The class and the probability, once, from the guarded interval.
guards_applied as (
    select
        tiers_guarded.*,
        {{ threshold_class('tiers_guarded.training_compute_lower_flop', 'tiers_guarded.training_compute_upper_flop') }}  -- noqa: LT05
            as threshold_class,
        {{ probability_above_threshold(
            'tiers_guarded.training_compute_flop',
            'tiers_guarded.training_compute_lower_flop',
            'tiers_guarded.training_compute_upper_flop'
        ) }} as probability_above_threshold,
        frontier_by_date.frontier_compute_flop_of_its_date,
        coalesce(
            tiers_guarded.training_compute_flop
            > {{ var('guard_frontier_factor') }} * frontier_by_date.frontier_compute_flop_of_its_date,
            false
        ) as exceeds_frontier_of_its_date
    from tiers_guarded
    left join frontier_by_date
        on tiers_guarded.model_id = frontier_by_date.model_id
)

select * from guards_applied
