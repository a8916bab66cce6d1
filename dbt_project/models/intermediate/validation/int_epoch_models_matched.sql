{# VALIDATION BRANCH, REFERENCE ONLY. One row per model in Epoch AI's newest capture,
   matched to our model_ids with the same macros (normalize_model_name,
   strip_build_suffixes) and identity rules (int_model_identity_rules_prepared) that
   identity uses. Nothing downstream of the published marts may read this model: Epoch's
   values are for comparison, never an input (tests/python/test_epoch_isolation.py). #}
with

epoch_rows as (
    select * from {{ ref('stg_epoch__models') }}
),

rules as (
    select * from {{ ref('int_model_identity_rules_prepared') }}
),

our_models as (
    select model_id
    from {{ ref('int_models_identified') }}
),

real_data_present as (
    select coalesce(bool_or(not is_sample), false) as has_real_rows
    from epoch_rows
),

rows_in_use as (
    select epoch_rows.*
    from epoch_rows
    cross join real_data_present
    where not (epoch_rows.is_sample and real_data_present.has_real_rows)
),

newest_capture as (
    -- Epoch's dataset is a current view, not a history: compare with its latest state.
    select capture_sha256
    from rows_in_use
    qualify row_number() over (order by captured_at desc, capture_sha256 desc) = 1
),

newest_rows as (
    select rows_in_use.*
    from rows_in_use
    inner join newest_capture
        on rows_in_use.capture_sha256 = newest_capture.capture_sha256
    qualify row_number() over (
        partition by rows_in_use.epoch_model_name
        order by rows_in_use.row_number asc
    ) = 1
),

names_normalized as (
    select
        *,
        {{ normalize_model_name('epoch_model_name') }} as model_name_normalized,
        {{ strip_build_suffixes(normalize_model_name('epoch_model_name')) }} as stripped_slug
    from newest_rows
),

-- The identity rules, looked up as int_model_slugs_resolved does: the slug as written,
-- then with its build markers stripped; a listed name before a regex.
lookups as (
    select
        epoch_model_name,
        0 as lookup_step,
        model_name_normalized as lookup_slug
    from names_normalized
    union all
    select
        epoch_model_name,
        1 as lookup_step,
        stripped_slug as lookup_slug
    from names_normalized
),

rule_matches as (
    select
        lookups.epoch_model_name,
        coalesce(rules.model_id, lookups.lookup_slug) as rule_model_id,
        lookups.lookup_step,
        rules.match_rank,
        rules.pattern
    from lookups
    inner join rules
        on
            lookups.lookup_slug = rules.rule_slug
            or (rules.rule_slug is null and regexp_full_match(lookups.lookup_slug, rules.pattern))
),

best_rule as (
    select *
    from rule_matches
    qualify row_number() over (
        partition by epoch_model_name
        order by lookup_step asc, match_rank asc, length(pattern) desc, pattern
    ) = 1
),

names_matched as (
    select
        names_normalized.epoch_model_name,
        names_normalized.model_name_normalized,
        coalesce(best_rule.rule_model_id, names_normalized.stripped_slug) as candidate_model_id,
        our_models.model_id,
        case
            when our_models.model_id is null then 'unmatched'
            when best_rule.rule_model_id is not null then 'alias'
            else 'normalized_name'
        end as match_method,
        our_models.model_id is not null as is_matched,
        names_normalized.epoch_organization,
        names_normalized.publication_date,
        names_normalized.parameters,
        names_normalized.training_compute_flop,
        names_normalized.training_dataset_size,
        names_normalized.confidence,
        names_normalized.model_accessibility,
        names_normalized.training_compute_notes,
        names_normalized.epoch_link,
        names_normalized.is_sample,
        names_normalized.captured_at
    from names_normalized
    left join best_rule
        on names_normalized.epoch_model_name = best_rule.epoch_model_name
    left join our_models
        on coalesce(best_rule.rule_model_id, names_normalized.stripped_slug) = our_models.model_id
)

select * from names_matched
