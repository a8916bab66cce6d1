{# One row per model: its final (automated) estimate, interval, threshold class and the
   probability that it reaches the threshold. THE rule for the final estimate lives here
   (docs/estimation.md, "The final estimate"):
   1. Direct evidence first (a reported figure, hardware, operation counting, a developer's
      statement), the most confident first. A reported figure of that confidence stands
      alone (a developer's figure is often its own 6ND).
      Otherwise, when both hardware and operation counting ran, they are combined: they
      share no input, so their log10 values are averaged by inverse variance (each
      variance from its 90% interval) and the interval narrows accordingly; any other
      direct estimate is taken by confidence, then by the narrower interval.
   2. A derived model (base_model_id) with no direct estimate of its own takes its
      lifetime compute: its base's final estimate plus its own training when published
      (seeds/notable_derivatives); a direct estimate of its own is never below its base's.
   3. Else a benchmark method (LMArena rating, published scores): the narrower of the two;
      two Speculative guesses are never blended.
   4. Else the heuristic.
   Then two plausibility guards (docs/estimation.md, "Guards"), which clamp or flag and
   never fail the build:
   - a small or cheap tier (mini, flash, haiku, lite, nano, small, air in its id) with no
     direct evidence is never above its own flagship (the id with the tier word removed or
     replaced by pro, opus, sonnet, ultra or max): it is clamped to the flagship's
     estimate and interval, and the notes say so;
   - an estimate more than var guard_frontier_factor (3) above the largest direct-evidence
     estimate published by its date is flagged (exceeds_frontier_of_its_date), for the
     review queue.
   Models with no estimate keep NULLs. #}
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
    select * from {{ ref('int_models_derived_from_base') }}
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
            when estimation_method in ('reported', 'hardware', 'operation_counting', 'relative', 'cost')
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

best_single as (
    select *
    from estimates_tiered
    qualify row_number() over (
        partition by model_id
        order by
            evidence_tier,
            {{ confidence_rank('confidence') }},
            estimation_method != 'reported',
            sigma_log10,
            method_precedence
    ) = 1
),

-- Hardware and operation counting share no input: Epoch takes their geometric mean; with
-- their intervals, the inverse-variance mean in log10 is the same idea, weighted.
hardware_and_counting as (
    select
        model_id,
        sum(log10(training_compute_flop) / (sigma_log10 * sigma_log10))
        / sum(1 / (sigma_log10 * sigma_log10)) as combined_log10,
        sqrt(1 / sum(1 / (sigma_log10 * sigma_log10))) as combined_sigma_log10,
        min({{ confidence_rank('confidence') }}) as best_confidence_rank,
        list(
            estimation_method || ' ' || {{ format_flop('training_compute_flop') }}
            order by estimation_method
        ) as parts
    from estimates_tiered
    where estimation_method in ('hardware', 'operation_counting')
    group by model_id
    having count(*) = 2
),

own_estimate as (
    select
        best_single.model_id,
        coalesce(
            case
                when
                    hardware_and_counting.model_id is not null
                    and best_single.estimation_method in ('hardware', 'operation_counting')
                    then 'combined'
            end,
            best_single.estimation_method
        ) as estimation_method,
        case
            when
                hardware_and_counting.model_id is not null
                and best_single.estimation_method in ('hardware', 'operation_counting')
                then pow(10, hardware_and_counting.combined_log10)
            else best_single.training_compute_flop
        end as training_compute_flop,
        case
            when
                hardware_and_counting.model_id is not null
                and best_single.estimation_method in ('hardware', 'operation_counting')
                then pow(10, hardware_and_counting.combined_log10 - 1.645 * hardware_and_counting.combined_sigma_log10)
            else best_single.training_compute_lower_flop
        end as training_compute_lower_flop,
        case
            when
                hardware_and_counting.model_id is not null
                and best_single.estimation_method in ('hardware', 'operation_counting')
                then pow(10, hardware_and_counting.combined_log10 + 1.645 * hardware_and_counting.combined_sigma_log10)
            else best_single.training_compute_upper_flop
        end as training_compute_upper_flop,
        best_single.confidence,
        case
            when
                hardware_and_counting.model_id is not null
                and best_single.estimation_method in ('hardware', 'operation_counting')
                then
                    'Combined, inverse-variance mean in log10 of '
                    || array_to_string(hardware_and_counting.parts, ' and ')
                    || ' (they share no input; Epoch takes the geometric mean of these two). '
                    || best_single.training_compute_notes
            else best_single.training_compute_notes
        end as training_compute_notes,
        best_single.evidence_url,
        best_single.evidence_tier
    from best_single
    left join hardware_and_counting
        on best_single.model_id = hardware_and_counting.model_id
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
        root_estimate.evidence_tier as root_evidence_tier,
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

final_estimate as (
    select
        coalesce(own_estimate.model_id, lifetime_estimate.model_id) as model_id,
        case
            -- A direct estimate of the model itself wins, but never below its base's.
            when
                own_estimate.evidence_tier = 1 and lifetime_estimate.model_id is not null
                and own_estimate.training_compute_flop < lifetime_estimate.training_compute_flop
                then 'lifetime_from_base'
            when own_estimate.evidence_tier = 1 then own_estimate.estimation_method
            when lifetime_estimate.model_id is not null then 'lifetime_from_base'
            else own_estimate.estimation_method
        end as final_method
    from own_estimate
    full outer join lifetime_estimate
        on own_estimate.model_id = lifetime_estimate.model_id
),

best_estimate as (
    select
        final_estimate.model_id,
        final_estimate.final_method as estimation_method,
        case
            when final_estimate.final_method = 'lifetime_from_base'
                then lifetime_estimate.training_compute_flop
            else own_estimate.training_compute_flop
        end
            as training_compute_flop,
        case
            when final_estimate.final_method = 'lifetime_from_base'
                then lifetime_estimate.training_compute_lower_flop
            else own_estimate.training_compute_lower_flop
        end
            as training_compute_lower_flop,
        case
            when final_estimate.final_method = 'lifetime_from_base'
                then lifetime_estimate.training_compute_upper_flop
            else own_estimate.training_compute_upper_flop
        end
            as training_compute_upper_flop,
        case
            when final_estimate.final_method = 'lifetime_from_base'
                then lifetime_estimate.confidence
            else own_estimate.confidence
        end as confidence,
        case
            when final_estimate.final_method = 'lifetime_from_base'
                then lifetime_estimate.training_compute_notes
            else own_estimate.training_compute_notes
        end
            as training_compute_notes,
        case
            when final_estimate.final_method = 'lifetime_from_base'
                then lifetime_estimate.evidence_url
            else own_estimate.evidence_url
        end as evidence_url,
        case
            when final_estimate.final_method = 'lifetime_from_base'
                then lifetime_estimate.root_evidence_tier
            else own_estimate.evidence_tier
        end as evidence_tier
    from final_estimate
    left join own_estimate
        on final_estimate.model_id = own_estimate.model_id
    left join lifetime_estimate
        on final_estimate.model_id = lifetime_estimate.model_id
),

method_spread as (
    select
        model_id,
        count(*) as method_count,
        max(training_compute_flop) / min(training_compute_flop) as method_spread_ratio,
        list(estimation_method order by method_precedence) as estimation_methods
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
        {{ threshold_class('best_estimate.training_compute_lower_flop', 'best_estimate.training_compute_upper_flop') }}
            as threshold_class,
        {{ probability_above_threshold(
            'best_estimate.training_compute_flop',
            'best_estimate.training_compute_lower_flop',
            'best_estimate.training_compute_upper_flop'
        ) }} as probability_above_threshold,
        -- No direct evidence (methods 1-3, a statement) for the model or its base.
        coalesce(best_estimate.evidence_tier = 3, false) as rests_on_benchmark_alone,
        coalesce(best_estimate.evidence_tier = 1, false) as has_direct_evidence,
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

-- Guard 1: a tier is never above its own flagship.
tier_flagships as (
    select
        tiers.model_id,
        max(flagships.training_compute_flop) as flagship_compute_flop,
        arg_max(flagships.model_id, flagships.training_compute_flop) as flagship_model_id,
        arg_max(flagships.training_compute_lower_flop, flagships.training_compute_flop)
            as flagship_lower_flop,
        arg_max(flagships.training_compute_upper_flop, flagships.training_compute_flop)
            as flagship_upper_flop
    from models_estimated as tiers
    inner join models_estimated as flagships
        on flagships.model_id in (
            regexp_replace(tiers.model_id, '-(mini|flash|haiku|lite|nano|small|air)(-|$)', '\2'),
            regexp_replace(tiers.model_id, '-(mini|flash|haiku|lite|nano|small|air)(-|$)', '-pro\2'),
            regexp_replace(tiers.model_id, '-(mini|flash|haiku|lite|nano|small|air)(-|$)', '-opus\2'),
            regexp_replace(tiers.model_id, '-(mini|flash|haiku|lite|nano|small|air)(-|$)', '-sonnet\2'),
            regexp_replace(tiers.model_id, '-(mini|flash|haiku|lite|nano|small|air)(-|$)', '-ultra\2'),
            regexp_replace(tiers.model_id, '-(mini|flash|haiku|lite|nano|small|air)(-|$)', '-max\2')
        )
    where
        regexp_matches(tiers.model_id, '-(mini|flash|haiku|lite|nano|small|air)(-|$)')
        and flagships.model_id != tiers.model_id
        and flagships.training_compute_flop is not null
    group by tiers.model_id
),

tiers_guarded as (
    select
        models_estimated.* replace (
            case
                when
                    tier_flagships.flagship_compute_flop < models_estimated.training_compute_flop
                    and not models_estimated.has_direct_evidence
                    then tier_flagships.flagship_compute_flop
                else models_estimated.training_compute_flop
            end as training_compute_flop,
            case
                when
                    tier_flagships.flagship_compute_flop < models_estimated.training_compute_flop
                    and not models_estimated.has_direct_evidence
                    then least(tier_flagships.flagship_lower_flop, models_estimated.training_compute_lower_flop)
                else models_estimated.training_compute_lower_flop
            end as training_compute_lower_flop,
            case
                when
                    tier_flagships.flagship_compute_flop < models_estimated.training_compute_flop
                    and not models_estimated.has_direct_evidence
                    then least(tier_flagships.flagship_upper_flop, models_estimated.training_compute_upper_flop)
                else models_estimated.training_compute_upper_flop
            end as training_compute_upper_flop,
            case
                when
                    tier_flagships.flagship_compute_flop < models_estimated.training_compute_flop
                    and not models_estimated.has_direct_evidence
                    then
                        models_estimated.training_compute_notes
                        || ' Guard: a smaller tier is never above its own flagship; clamped from '
                        || {{ format_flop('models_estimated.training_compute_flop') }} || ' to '
                        || tier_flagships.flagship_model_id || '''s '
                        || {{ format_flop('tier_flagships.flagship_compute_flop') }} || ' FLOP.'
                else models_estimated.training_compute_notes
            end as training_compute_notes
        ),
        coalesce(
            tier_flagships.flagship_compute_flop < models_estimated.training_compute_flop
            and not models_estimated.has_direct_evidence,
            false
        ) as is_clamped_to_flagship
    from models_estimated
    left join tier_flagships
        on models_estimated.model_id = tier_flagships.model_id
),

-- Guard 2: the largest direct-evidence estimate published by each model's date.
frontier_by_date as (
    select
        guarded.model_id,
        max(direct_references.training_compute_flop) as frontier_compute_flop_of_its_date
    from tiers_guarded as guarded
    inner join tiers_guarded as direct_references
        on
            direct_references.has_direct_evidence
            and guarded.publication_date >= direct_references.publication_date
    group by guarded.model_id
),

guards_applied as (
    select
        tiers_guarded.* replace (
            {{ threshold_class('tiers_guarded.training_compute_lower_flop', 'tiers_guarded.training_compute_upper_flop') }}  -- noqa: LT05
                as threshold_class,
            {{ probability_above_threshold(
                'tiers_guarded.training_compute_flop',
                'tiers_guarded.training_compute_lower_flop',
                'tiers_guarded.training_compute_upper_flop'
            ) }} as probability_above_threshold
        ),
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
