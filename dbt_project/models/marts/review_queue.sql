{# One row per model a person should look at, most urgent first (review_rank), with the
   most urgent reason, the evidence, and what to do. Reasons, most urgent first:
   a verified value the automated evidence now contradicts (more than
   var('verified_disagreement_factor') apart); a new candidate (first seen in this
   refresh, with no estimate, a class that reaches the threshold, or a top LMArena
   rating); an uncertain class in the published list, then just under the line;
   estimation methods more than var('method_disagreement_factor') apart; an added model a
   source now lists; a model with no estimate. Excluded models are never queued; a
   verified model only for contradicting evidence. ingest/review_export.py writes it to
   exports/review_queue.csv for contractors. #}
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
        is_added
    from {{ ref('int_models_overrides_applied') }}
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

estimates_by_model as (
    select
        model_id,
        string_agg(
            estimation_method || ' ' || {{ format_flop('training_compute_flop') }},
            ', ' order by training_compute_flop
        ) as estimates_text,
        list_sort(list_distinct(list(evidence_url) filter (where evidence_url is not null)))
            as estimate_evidence_urls
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
        1 as priority,
        'verified_contradicted' as review_reason,
        'Verified at ' || {{ format_flop('verified_training_compute_flop') }} || ' FLOP by '
        || coalesce(verified_by, '?') || ' on ' || coalesce(cast(verified_on as varchar), '?')
        || '; the automated estimate is now ' || {{ format_flop('computed_training_compute_flop') }}
        || ' (' || computed_estimation_method || '), ' || printf('%.1f', verified_disagreement_ratio)
        || '× away' as review_detail,
        'Check the new evidence. If the verified value still holds, leave it (it stays '
        || 'pinned); if not, add a verify row with the right value.' as suggested_action
    from models_enriched
    where is_verified and verified_disagreement_ratio > {{ var('verified_disagreement_factor') }}

    union all

    select
        model_id,
        2 as priority,
        'new_candidate' as review_reason,
        'First seen in this refresh (' || array_to_string(source_names, ', ') || '); '
        || case
            when training_compute_flop is null then 'no estimate yet'
            else 'estimated ' || {{ format_flop('training_compute_flop') }} || ' FLOP, ' || threshold_class
        end
        || case when is_top_rated then '; rated in the top tenth of LMArena' else '' end as review_detail,
        'Decide whether it belongs in the list: add a correct row with published figures, '
        || 'or an exclude row.' as suggested_action
    from models_enriched
    where
        is_new_in_last_refresh
        and not is_verified
        and (training_compute_flop is null or threshold_class in ('above', 'uncertain') or is_top_rated)

    union all

    select
        model_id,
        case when is_in_published_list then 3 else 4 end as priority,
        case
            when is_in_published_list then 'uncertain_in_list' else 'uncertain_below_line'
        end as review_reason,
        'Estimate ' || {{ format_flop('training_compute_flop') }} || ' FLOP (' || confidence
        || '); its 90% interval ' || {{ format_flop('training_compute_lower_flop') }} || ' to '
        || {{ format_flop('training_compute_upper_flop') }} || ' straddles '
        || {{ format_flop(var('threshold_flop')) }}
        || case when is_in_published_list then '; in the published list' else '; just under the line' end
            as review_detail,
        'Find a published figure (parameters, tokens, hardware or compute) and add a correct '
        || 'or verify row with it.' as suggested_action
    from models_enriched
    where threshold_class = 'uncertain' and not is_verified

    union all

    select
        model_id,
        5 as priority,
        'methods_disagree' as review_reason,
        'Estimation methods differ by ' || printf('%.1f', method_spread_ratio) || '×: '
        || coalesce(estimates_text, '') as review_detail,
        'Compare the estimates in marts.model_estimates; add a verify or correct row with '
        || 'the figure the evidence supports.' as suggested_action
    from models_enriched
    where method_spread_ratio > {{ var('method_disagreement_factor') }} and not is_verified

    union all

    select
        model_id,
        6 as priority,
        'added_model_now_in_sources' as review_reason,
        'Added by hand, and now listed by ' || array_to_string(source_names, ', ') as review_detail,
        'Change the add row''s change_kind to correct (your values still win).' as suggested_action
    from models_enriched
    where is_added and len(list_filter(source_names, source_name -> source_name != 'known_specs')) > 0

    union all

    select
        model_id,
        7 as priority,
        'no_estimate' as review_reason,
        'Seen in ' || array_to_string(source_names, ', ') || ' but no estimate could be made'
            as review_detail,
        'Find its parameters and training tokens (or its compute) and add a correct row.'
            as suggested_action
    from models_enriched
    where training_compute_flop is null and not is_verified
),

most_urgent_reason as (
    select
        model_id,
        min(priority) as priority,
        arg_min(review_reason, priority) as review_reason,
        arg_min(review_detail, priority) as review_detail,
        arg_min(suggested_action, priority) as suggested_action,
        list(review_reason order by priority) as review_reasons
    from reasons
    group by model_id
),

queue as (
    select
        row_number() over (
            order by
                most_urgent_reason.priority asc,
                models_enriched.training_compute_flop desc nulls last,
                most_urgent_reason.model_id asc
        ) as review_rank,
        most_urgent_reason.model_id,
        models_enriched.model_name,
        models_enriched.organization,
        most_urgent_reason.priority,
        most_urgent_reason.review_reason,
        most_urgent_reason.review_detail,
        most_urgent_reason.suggested_action,
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
)

select * from queue
