{# One row per model name a person may need to map by hand: a source name that no identity
   rule resolved and that no other source shares (so it stands alone as its own model),
   plus every Epoch name that matched none of our models. Each row carries the closest
   existing model_ids by name similarity that are SAFE to suggest, and a line for
   seeds/model_identity_rules.csv naming its evidence. A candidate is safe only when it has
   the same numbers as the name once build markers are stripped (no other generation or
   size: gpt-2 is never gpt-1, chatgpt-4o never claude-3-5-sonnet-20241022) and, when both
   are known, the same developer. #}
with

names_resolved as (
    select * from {{ ref('int_model_names_resolved') }}
),

our_models as (
    select
        model_id,
        organization
    from {{ ref('int_models_identified') }}
),

organizations as (
    select * from {{ ref('organizations') }}
),

epoch_models as (
    select * from {{ ref('int_epoch_models_matched') }}
),

sources_per_model as (
    select
        model_id,
        count(distinct source_name) as source_count
    from names_resolved
    group by model_id
),

lone_source_names as (
    select
        names_resolved.source_name,
        names_resolved.source_model_name,
        names_resolved.model_name_normalized,
        names_resolved.model_id as provisional_model_id,
        names_resolved.organization_raw,
        names_resolved.evidence_url,
        names_resolved.is_sample,
        names_resolved.first_seen_at,
        names_resolved.last_seen_at
    from names_resolved
    inner join sources_per_model
        on names_resolved.model_id = sources_per_model.model_id
    where
        not names_resolved.is_alias_matched
        and sources_per_model.source_count = 1
        -- The curated seed defines model_ids; it is never itself "unresolved".
        and names_resolved.source_name != 'known_specs'
),

unmatched_epoch_names as (
    select
        'epoch' as source_name,
        epoch_model_name as source_model_name,
        model_name_normalized,
        cast(null as varchar) as provisional_model_id,
        epoch_organization as organization_raw,
        epoch_link as evidence_url,
        is_sample,
        cast(publication_date as timestamp) as first_seen_at,
        captured_at as last_seen_at
    from epoch_models
    where not is_matched
),

names_unioned as (
    select * from lone_source_names
    union all
    select * from unmatched_epoch_names
),

-- Candidates by sorted neighbourhood: names and model ids sorted together as text, and
-- each name scored against the 10 model ids around it (5 before, 5 after; more on one
-- side at either end). Similar names sort close together (Jaro-Winkler weighs the common
-- prefix most), and the work grows as names x 10 instead of names x models: a cross join
-- took 466 s on 10,000 OpenRouter names (docs/benchmarks.md). With 10 models or fewer,
-- every model is scored, as before.
entries_sorted as (
    select
        source_name,
        source_model_name,
        model_name_normalized as sort_key,
        provisional_model_id,
        false as is_model
    from names_unioned
    union all
    select
        cast(null as varchar) as source_name,
        cast(null as varchar) as source_model_name,
        model_id as sort_key,
        cast(null as varchar) as provisional_model_id,
        true as is_model
    from our_models
),

entries_placed as (
    select
        *,
        -- How many model ids sort at or before this entry.
        sum(case when is_model then 1 else 0 end) over (
            order by sort_key asc, is_model asc, source_name asc, source_model_name asc
            rows between unbounded preceding and current row
        ) as models_before,
        sum(case when is_model then 1 else 0 end) over () as model_count
    from entries_sorted
),

name_developers as (
    select
        names_unioned.source_name,
        names_unioned.source_model_name,
        organizations.organization
    from names_unioned
    left join organizations
        on lower(trim(names_unioned.organization_raw)) = organizations.organization_alias
),

-- What a safe candidate must share, worked out once per name and once per model (not
-- once per pair: at 1M names that is 10M evaluations of the build-marker regex): the
-- numbers (generation, size, version) once build markers go, and the developer.
names_placed as (
    select
        entries_placed.source_name,
        entries_placed.source_model_name,
        entries_placed.sort_key as model_name_normalized,
        entries_placed.provisional_model_id,
        regexp_extract_all({{ strip_build_suffixes('entries_placed.sort_key') }}, '[0-9]+') as name_numbers,
        name_developers.organization as name_organization,
        greatest(1, least(entries_placed.models_before - 4, entries_placed.model_count - 9))
            as first_candidate_position
    from entries_placed
    left join name_developers
        on
            entries_placed.source_name = name_developers.source_name
            and entries_placed.source_model_name = name_developers.source_model_name
    where not entries_placed.is_model
),

models_placed as (
    select
        entries_placed.sort_key as model_id,
        entries_placed.models_before as model_position,
        regexp_extract_all(entries_placed.sort_key, '[0-9]+') as model_numbers,
        our_models.organization as model_organization
    from entries_placed
    inner join our_models
        on entries_placed.sort_key = our_models.model_id
    where entries_placed.is_model
),

candidate_positions as (
    select
        source_name,
        source_model_name,
        model_name_normalized,
        provisional_model_id,
        name_numbers,
        name_organization,
        first_candidate_position + unnest(range(10)) as candidate_position
    from names_placed
),

candidate_pairs as (
    select
        candidate_positions.source_name,
        candidate_positions.source_model_name,
        candidate_positions.model_name_normalized,
        models_placed.model_id as candidate_model_id
    from candidate_positions
    inner join models_placed
        on candidate_positions.candidate_position = models_placed.model_position
    where
        models_placed.model_id is distinct from candidate_positions.provisional_model_id
        -- Safe only: the same numbers (generation, size, version) once build markers go...
        and candidate_positions.name_numbers = models_placed.model_numbers
        -- ... and the same developer when both are known.
        and (
            candidate_positions.name_organization is null
            or models_placed.model_organization is null
            or candidate_positions.name_organization = models_placed.model_organization
        )
),

-- The edit distance only breaks ties of similarity: it is computed for the few candidates
-- that can still be among the three closest.
candidates_by_similarity as (
    select
        source_name,
        source_model_name,
        model_name_normalized,
        candidate_model_id,
        jaro_winkler_similarity(model_name_normalized, candidate_model_id) as similarity
    from candidate_pairs
    qualify rank() over (
        partition by source_name, source_model_name
        order by similarity desc
    ) <= 3
),

candidates_scored as (
    select
        source_name,
        source_model_name,
        candidate_model_id,
        similarity,
        levenshtein(model_name_normalized, candidate_model_id) as edit_distance
    from candidates_by_similarity
    qualify row_number() over (
        partition by source_name, source_model_name
        order by similarity desc, edit_distance asc, candidate_model_id asc
    ) <= 3
),

closest_candidates as (
    select
        source_name,
        source_model_name,
        list(candidate_model_id order by similarity desc, edit_distance asc, candidate_model_id asc)
            as closest_model_ids,
        max(similarity) as closest_similarity,
        arg_max(edit_distance, similarity) as closest_edit_distance
    from candidates_scored
    group by source_name, source_model_name
),

names_with_hints as (
    select
        names_unioned.source_name || ':' || names_unioned.source_model_name as unresolved_name_id,
        names_unioned.source_name,
        names_unioned.source_model_name,
        names_unioned.model_name_normalized,
        names_unioned.provisional_model_id,
        names_unioned.organization_raw,
        names_unioned.evidence_url,
        closest_candidates.closest_model_ids,
        closest_candidates.closest_similarity,
        closest_candidates.closest_edit_distance,
        -- pattern,model_id,model_name,kind,base_model_id,reason,source_url: a person checks
        -- the developer's page and writes its address in source_url before pasting it.
        case
            when closest_candidates.closest_model_ids[1] is not null
                then
                    names_unioned.model_name_normalized || ','
                    || closest_candidates.closest_model_ids[1] || ',,fold,,"'
                    || replace(
                        names_unioned.source_name || ' writes ' || names_unioned.source_model_name
                        || '; same numbers and developer as ' || closest_candidates.closest_model_ids[1]
                        || ' (check the developer''s page before pasting)',
                        '"', '""'
                    )
                    || '",'
        end as suggested_alias_row,
        case
            when closest_candidates.closest_model_ids[1] is not null
                then 'same numbers and developer as ' || closest_candidates.closest_model_ids[1]
            else 'no existing model with the same numbers and developer: probably a model of its own'
        end as suggestion_evidence,
        names_unioned.is_sample,
        names_unioned.first_seen_at,
        names_unioned.last_seen_at
    from names_unioned
    left join closest_candidates
        on
            names_unioned.source_name = closest_candidates.source_name
            and names_unioned.source_model_name = closest_candidates.source_model_name
)

select * from names_with_hints
