{# One row per model a person should look at, real data first and most urgent first
   (review_rank), with the most urgent reason, the evidence, and the action: what to do,
   naming the model. Each reason's priority, meaning and action are one row of
   seeds/review_reasons.csv (adding a reason: one row there, one branch in reasons below).
   Reasons, most urgent first: a verified value the automated evidence now contradicts
   (more than var('verified_disagreement_factor') apart); a new candidate (first seen in
   this refresh, with no estimate, a class that reaches the threshold, or a top LMArena
   rating); an uncertain class in the published list, then just under the line;
   estimation methods more than var('method_disagreement_factor') apart where it decides
   the class (a model far below the line is not queued for it); an added model a source
   now lists; a model with no estimate; a third party's derivative above the line (not
   published); an estimate beyond 3x the direct-evidence frontier of its date. A published row whose
   interval is more than 100x wide is uncertain by the class rule, so uncertain_in_list
   covers it. Excluded models are never queued; a verified model
   only for contradicting evidence; a model whose compute a person set (add, correct) is
   not asked for a figure again. Rows resting on sample data come after every real row.
   Before every model: each data test that warned in the last build (the data may be wrong:
   stg_ingest__data_test_findings; model_id is NULL, data_test_name names the test).
   ingest/review_export.py writes it to exports/review_queue.csv for contractors. #}
with

models as (
    select * from {{ ref('models') }}
),

overrides_applied as (
    select
        model_id,
        computed_training_compute_flop,
        computed_estimation_method,
        verified_training_compute_flop,
        verified_by,
        verified_on,
        verified_disagreement_ratio,
        is_added,
        is_training_compute_flop_overridden
    from {{ ref('int_models_overrides_applied') }}
),

review_reasons as (
    select * from {{ ref('review_reasons') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

estimates as (
    select * from {{ ref('model_estimates') }}
),

changes as (
    select * from {{ ref('changes_in_last_refresh') }}
),

recorded as (
    select * from {{ ref('stg_history__model_changes') }}
),

data_test_findings as (
    select * from {{ ref('stg_ingest__data_test_findings') }}
),

lmarena_ratings as (
    select
        model_id,
        leaderboard_date,
        rating
    from {{ ref('int_lmarena_ratings_resolved') }}
),

history_exists as (
    -- On the very first refresh every model is new: "new candidate" means nothing yet.
    select count(*) > 0 as has_history from recorded
),

newest_leaderboard as (
    select max(leaderboard_date) as leaderboard_date from lmarena_ratings
),

newest_ratings_ranked as (
    select
        lmarena_ratings.model_id,
        percent_rank() over (order by lmarena_ratings.rating desc) as rating_percent_rank
    from lmarena_ratings
    inner join newest_leaderboard
        on lmarena_ratings.leaderboard_date = newest_leaderboard.leaderboard_date
),

top_rated_models as (
    -- The top tenth of the newest LMArena leaderboard: frontier-class by use.
    select model_id
    from newest_ratings_ranked
    where rating_percent_rank <= 0.1
),

-- Sorted lists of structs rather than ordered aggregates (string_agg/list ... order by
-- sort per group: at 1M Hugging Face models 3.0 s and 3.1 s, against 0.7 s and 0.8 s).
estimates_by_model as (
    select
        model_id,
        array_to_string(
            list_transform(
                list_sort(list({
                    'flop': training_compute_flop,
                    'text': estimation_method || ' ' || {{ format_flop('training_compute_flop') }}
                })),
                estimate -> estimate.text
            ),
            ', '
        ) as estimates_text,
        list_sort(list_distinct(list(evidence_url) filter (where evidence_url is not null)))
            as estimate_evidence_urls,
        max(training_compute_upper_flop) as highest_upper_flop
    from estimates
    group by model_id
),

models_enriched as (
    select
        models.*,
        overrides_applied.computed_training_compute_flop,
        overrides_applied.computed_estimation_method,
        overrides_applied.verified_training_compute_flop,
        overrides_applied.verified_by,
        overrides_applied.verified_on,
        overrides_applied.verified_disagreement_ratio,
        overrides_applied.is_added,
        -- A person gave the compute (add or correct): do not ask them for a figure again.
        coalesce(overrides_applied.is_added, false)
        or coalesce(overrides_applied.is_training_compute_flop_overridden, false) as has_compute_from_a_person,
        coalesce(estimates_by_model.highest_upper_flop >= {{ var('threshold_flop') }}, false)
            as has_estimate_reaching_threshold,
        published.model_id is not null as is_in_published_list,
        changes.change_type = 'new' and history_exists.has_history as is_new_in_last_refresh,
        top_rated_models.model_id is not null as is_top_rated,
        estimates_by_model.estimates_text,
        list_sort(list_distinct(list_concat(
            models.sources, coalesce(estimates_by_model.estimate_evidence_urls, [])
        ))) as evidence_urls
    from models
    inner join overrides_applied
        on models.model_id = overrides_applied.model_id
    cross join history_exists
    left join published
        on models.model_id = published.model_id
    left join changes
        on models.model_id = changes.model_id
    left join top_rated_models
        on models.model_id = top_rated_models.model_id
    left join estimates_by_model
        on models.model_id = estimates_by_model.model_id
    where not models.is_excluded
),

reasons as (
    select
        model_id,
        'verified_contradicted' as review_reason,
        'Verified at ' || {{ format_flop('verified_training_compute_flop') }} || ' FLOP by '
        || coalesce(verified_by, '?') || ' on ' || coalesce(cast(verified_on as varchar), '?')
        || '; the automated estimate is now ' || {{ format_flop('computed_training_compute_flop') }}
        || ' (' || computed_estimation_method || '), ' || printf('%.1f', verified_disagreement_ratio)
        || '× away' as review_detail
    from models_enriched
    where is_verified and verified_disagreement_ratio > {{ var('verified_disagreement_factor') }}

    union all

    select
        model_id,
        'new_candidate' as review_reason,
        'First seen in this refresh (' || array_to_string(source_names, ', ') || '); '
        || case
            when training_compute_flop is null then 'no estimate yet'
            else 'estimated ' || {{ format_flop('training_compute_flop') }} || ' FLOP, ' || threshold_class
        end
        || case when is_top_rated then '; rated in the top tenth of LMArena' else '' end as review_detail
    from models_enriched
    where
        is_new_in_last_refresh
        and not is_verified
        and not has_compute_from_a_person
        and (training_compute_flop is null or threshold_class in ('above', 'uncertain') or is_top_rated)

    union all

    select
        model_id,
        case
            when is_in_published_list then 'uncertain_in_list' else 'uncertain_below_line'
        end as review_reason,
        'Estimate ' || {{ format_flop('training_compute_flop') }} || ' FLOP (' || confidence
        || '); its 90% interval ' || {{ format_flop('training_compute_lower_flop') }} || ' to '
        || {{ format_flop('training_compute_upper_flop') }}
        || case
            when training_compute_lower_flop >= {{ var('threshold_flop') }}
                then ' is more than {{ var("max_interval_ratio_for_above") }}x wide'
            else ' straddles ' || {{ format_flop(var('threshold_flop')) }}
        end
        || case when is_in_published_list then '; in the published list' else '; just under the line' end
            as review_detail
    from models_enriched
    where threshold_class = 'uncertain' and not is_verified and not has_compute_from_a_person

    union all

    select
        model_id,
        'methods_disagree' as review_reason,
        'Estimation methods differ by ' || printf('%.1f', method_spread_ratio) || '×: '
        || coalesce(estimates_text, '') as review_detail
    from models_enriched
    where
        method_spread_ratio > {{ var('method_disagreement_factor') }}
        and not is_verified
        and not has_compute_from_a_person
        -- Far below the line (BERT, GPT-1) the disagreement cannot change the class.
        and has_estimate_reaching_threshold

    union all

    select
        model_id,
        'added_model_now_in_sources' as review_reason,
        'Added by hand, and now listed by ' || array_to_string(source_names, ', ') as review_detail
    from models_enriched
    where is_added and len(list_filter(source_names, source_name -> source_name != 'known_specs')) > 0

    union all

    select
        model_id,
        'no_estimate' as review_reason,
        'Seen in ' || array_to_string(source_names, ', ') || ' but no estimate could be made'
            as review_detail
    from models_enriched
    where training_compute_flop is null and not is_verified and not has_compute_from_a_person

    union all

    select
        model_id,
        'derivative_above_line' as review_reason,
        'Derived from ' || base_model_id || ' by another developer; lifetime compute '
        || {{ format_flop('training_compute_flop') }} || ' FLOP (its base counted), not published'
            as review_detail
    from models_enriched
    where
        base_model_id is not null
        and not is_in_published_list
        and training_compute_flop >= {{ var('threshold_flop') }}
        and not is_notable_derivative

    union all

    select
        model_id,
        'beyond_frontier_of_its_date' as review_reason,
        'Estimated at ' || {{ format_flop('training_compute_flop') }} || ' FLOP ('
        || estimation_method || '), more than {{ var("guard_frontier_factor") }}x the largest'
        || ' direct-evidence estimate published by its date' as review_detail
    from models_enriched
    where exceeds_frontier_of_its_date and not is_verified and not has_compute_from_a_person
),

reasons_with_actions as (
    select
        reasons.model_id,
        reasons.review_reason,
        reasons.review_detail,
        review_reasons.priority,
        replace(review_reasons.action, '{model_id}', reasons.model_id) as action
    from reasons
    inner join review_reasons
        on reasons.review_reason = review_reasons.review_reason
),

-- A model's reasons, most urgent first (priorities are unique: seeds/review_reasons.csv).
reasons_by_urgency as (
    select
        model_id,
        list_sort(list({
            'priority': priority,
            'review_reason': review_reason,
            'review_detail': review_detail,
            'action': action
        })) as reasons
    from reasons_with_actions
    group by model_id
),

most_urgent_reason as (
    select
        model_id,
        reasons[1].priority as priority,
        reasons[1].review_reason as review_reason,
        reasons[1].review_detail as review_detail,
        reasons[1].action as action,
        list_transform(reasons, reason -> reason.review_reason) as review_reasons
    from reasons_by_urgency
),

model_items as (
    select
        most_urgent_reason.model_id,
        cast(null as varchar) as data_test_name,
        models_enriched.model_name,
        models_enriched.organization,
        most_urgent_reason.priority,
        most_urgent_reason.review_reason,
        most_urgent_reason.review_detail,
        most_urgent_reason.action,
        most_urgent_reason.review_reasons,
        models_enriched.training_compute_flop,
        models_enriched.training_compute_lower_flop,
        models_enriched.training_compute_upper_flop,
        models_enriched.confidence,
        models_enriched.estimation_method,
        models_enriched.threshold_class,
        models_enriched.provenance,
        models_enriched.is_in_published_list,
        models_enriched.is_verified,
        models_enriched.verified_training_compute_flop,
        models_enriched.computed_training_compute_flop,
        models_enriched.method_spread_ratio,
        models_enriched.is_sample_data,
        models_enriched.source_names,
        models_enriched.evidence_urls,
        models_enriched.first_seen_at,
        models_enriched.last_seen_at
    from most_urgent_reason
    inner join models_enriched
        on most_urgent_reason.model_id = models_enriched.model_id
),

data_test_items as (
    -- One row per warned data test: not a model's question, the data's.
    select
        cast(null as varchar) as model_id,
        data_test_findings.test_name as data_test_name,
        cast(null as varchar) as model_name,
        cast(null as varchar) as organization,
        review_reasons.priority,
        review_reasons.review_reason,
        data_test_findings.failing_rows || ' row(s) fail ' || data_test_findings.test_kind
        || ' on ' || coalesce(data_test_findings.tested_model, '?')
        || coalesce('.' || data_test_findings.column_name, '') || ' (' || data_test_findings.test_name
        || '); the rows: ' || coalesce(
            regexp_replace(trim(data_test_findings.failing_rows_sql), '\s+', ' ', 'g'),
            'dbt test --select ' || data_test_findings.test_name
        ) as review_detail,
        replace(review_reasons.action, '{test_name}', data_test_findings.test_name) as action,
        [review_reasons.review_reason] as review_reasons,
        cast(null as double) as training_compute_flop,
        cast(null as double) as training_compute_lower_flop,
        cast(null as double) as training_compute_upper_flop,
        cast(null as varchar) as confidence,
        cast(null as varchar) as estimation_method,
        cast(null as varchar) as threshold_class,
        cast(null as varchar) as provenance,
        false as is_in_published_list,
        false as is_verified,
        cast(null as double) as verified_training_compute_flop,
        cast(null as double) as computed_training_compute_flop,
        cast(null as double) as method_spread_ratio,
        false as is_sample_data,
        cast([] as varchar[]) as source_names,
        cast([] as varchar[]) as evidence_urls,
        cast(null as timestamp) as first_seen_at,
        cast(null as timestamp) as last_seen_at
    from data_test_findings
    inner join review_reasons
        on review_reasons.review_reason = 'data_test_warned'
),

items_unioned as (
    select * from data_test_items
    union all by name
    select * from model_items
),

-- The rank is worked out on the sort keys alone, then joined back: sorting every wide row
-- (lists of sources and reasons) ran out of DuckDB's memory limit at 1M Hugging Face
-- models. One row per model (data_test_name NULL) or per warned test (model_id NULL).
ranks as (
    select
        model_id,
        data_test_name,
        row_number() over (
            order by
                -- Sample data never crowds out real data: it comes after every real row.
                is_sample_data asc,
                priority asc,
                training_compute_flop desc nulls last,
                model_id asc,
                data_test_name asc
        ) as review_rank
    from items_unioned
),

queue as (
    select
        ranks.review_rank,
        items_unioned.*
    from items_unioned
    inner join ranks
        on
            items_unioned.model_id is not distinct from ranks.model_id
            and items_unioned.data_test_name is not distinct from ranks.data_test_name
)

select * from queue
