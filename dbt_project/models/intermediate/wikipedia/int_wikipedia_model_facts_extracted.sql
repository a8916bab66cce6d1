{# One row per model_id Wikipedia's list names: the facts it gives for estimation, with
   a link to the page revision as evidence. Training cost (petaFLOP-days, converted to
   FLOP in ingest) is a reported compute figure, with the footnote its cell cites (a cell
   citing Epoch AI arrives NULL: never an input); the 2025+ tables have none. When several
   rows resolve to one model_id, the row with the most facts wins. #}
with

wikipedia_models as (
    select * from {{ ref('int_wikipedia_models_deduplicated') }}
),

names_resolved as (
    select
        source_model_name,
        model_id
    from {{ ref('int_model_names_resolved') }}
    where source_name = 'wikipedia'
),

models_with_id as (
    select
        names_resolved.model_id,
        wikipedia_models.*,
        cast(wikipedia_models.parameters is not null as integer)
        + cast(wikipedia_models.corpus_tokens is not null as integer)
        + cast(wikipedia_models.training_cost_flop is not null as integer) as facts_given
    from wikipedia_models
    inner join names_resolved
        on wikipedia_models.wikipedia_model_name = names_resolved.source_model_name
),

best_row_per_model as (
    select *
    from models_with_id
    qualify row_number() over (
        partition by model_id
        order by facts_given desc, captured_at desc, wikipedia_model_name asc
    ) = 1
),

facts_per_model as (
    select
        model_id,
        wikipedia_model_name,
        release_date as publication_date,
        coalesce(release_date_precision = 'day', false) as is_publication_date_announced,
        parameters,
        cast(null as bigint) as active_parameters,
        corpus_tokens as training_tokens,
        training_cost_flop as reported_compute_flop,
        -- what the page's training-cost cell cites (stg_wikipedia__models)
        case when training_cost_flop is not null then training_cost_reference end
            as reported_compute_reference,
        revision_url as evidence_url,
        is_sample
    from best_row_per_model
)

select * from facts_per_model
