{# One row per model_id per LMArena snapshot: the model's rating in that snapshot. A model
   with several arena keys on the board (bf16 and fp8 builds, thinking and plain, dated
   re-releases the alias seed merges) takes its first-released key, and among keys
   released together its best-rated one. A model's training compute was spent before its
   first release; a later build (gemini-1.5-pro-002, gpt-4-turbo-2024-04-09) is rated
   higher for its post-training, which the rating-to-compute line would read as extra
   compute. A key with no known release date (an undated name already on the first
   snapshot loaded) counts as released first: it was on the board before anything we
   can date. Ratings are comparable only within one snapshot. is_proprietary: the arena lists the key's licence as
   Proprietary (weights not published).
   key_release_date: when the rated build itself came out, so that a rating is paired
   with its build's date and not only the model's first release (the alias seed merges
   gemini-1.5-pro-002, a September 2024 build, into Gemini 1.5 Pro of February 2024):
   the date in the key's name (macro api_name_release_date), else the snapshot the key
   first appeared in, when that is not the earliest snapshot loaded (a key already on the
   first snapshot we have may be older: its debut is unknown). #}
{# A table, not a view: several estimation models read it, and as a view each of them
   would recompute the identity and source chains beneath it. #}
{{ config(materialized='table') }}

with

ratings as (
    select
        arena_model_name,
        model_name_normalized,
        leaderboard_date,
        rating,
        license,
        models_in_snapshot,
        is_sample
    from {{ ref('int_lmarena_ratings_deduplicated') }}
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'lmarena'
),

accessibility as (
    select * from {{ ref('int_model_accessibility_resolved') }}
),

board_first_snapshot as (
    select min(leaderboard_date) as first_snapshot_date
    from ratings
),

-- A key's debut is by its slug, not its spelling: `Grok-4-0709` on one board and
-- `grok-4-0709` on a later one are one key, first seen on the earlier board.
key_debuts as (
    select
        model_name_normalized,
        min(leaderboard_date) as key_first_seen_date
    from ratings
    group by model_name_normalized
),

-- A key's absence from the snapshot before its debut says it was new only when that
-- snapshot is a full board: one that holds at least half of the debut snapshot's other
-- keys (a partial board, such as another publisher's top-N flattening, says nothing).
snapshots_ordered as (
    select
        leaderboard_date,
        lag(leaderboard_date) over (order by leaderboard_date) as previous_date
    from (select distinct leaderboard_date from ratings) as snapshot_dates
),

snapshot_overlap as (
    select
        snapshots_ordered.leaderboard_date,
        count(distinct current_keys.model_name_normalized) as key_count,
        count(distinct previous_keys.model_name_normalized) as keys_also_before
    from snapshots_ordered
    inner join ratings as current_keys
        on snapshots_ordered.leaderboard_date = current_keys.leaderboard_date
    left join ratings as previous_keys
        on
            snapshots_ordered.previous_date = previous_keys.leaderboard_date
            and current_keys.model_name_normalized = previous_keys.model_name_normalized
    group by snapshots_ordered.leaderboard_date
),

keys_dated as (
    select
        key_debuts.model_name_normalized,
        {{ api_name_release_date('key_debuts.model_name_normalized') }} as key_name_date,
        case
            when
                key_debuts.key_first_seen_date > board_first_snapshot.first_snapshot_date
                and snapshot_overlap.keys_also_before >= 0.5 * (snapshot_overlap.key_count - 1)
                then key_debuts.key_first_seen_date
        end as key_debut_date
    from key_debuts
    cross join board_first_snapshot
    left join snapshot_overlap
        on key_debuts.key_first_seen_date = snapshot_overlap.leaderboard_date
),

ratings_with_model as (
    select
        names_resolved.model_id,
        ratings.*,
        accessibility.is_open_weights,
        accessibility.accessibility_source,
        coalesce(keys_dated.key_name_date, keys_dated.key_debut_date) as key_release_date,
        case
            when keys_dated.key_name_date is not null then 'arena_key_name'
            when keys_dated.key_debut_date is not null then 'arena_key_debut'
        end as key_release_date_source
    from ratings
    inner join names_resolved
        on ratings.arena_model_name = names_resolved.source_model_name
    left join accessibility
        on names_resolved.model_id = accessibility.model_id
    inner join keys_dated
        on ratings.model_name_normalized = keys_dated.model_name_normalized
),

best_key_per_model as (
    select
        model_id,
        leaderboard_date,
        arena_model_name,
        rating,
        -- From the best source that knows (int_model_accessibility_resolved); NULL when
        -- none does: a board without a licence column makes no model open-weight.
        not is_open_weights as is_proprietary,
        accessibility_source,
        models_in_snapshot,
        is_sample,
        key_release_date,
        key_release_date_source,
        count(*) over (partition by model_id, leaderboard_date) as arena_key_count
    from ratings_with_model
    qualify row_number() over (
        partition by model_id, leaderboard_date
        order by key_release_date asc nulls first, rating desc, arena_model_name asc
    ) = 1
),

ratings_resolved as (
    select
        model_id || ':' || cast(leaderboard_date as varchar) as model_snapshot_id,
        *
    from best_key_per_model
)

select * from ratings_resolved
