{# Every model_id a curated seed uses is the id its own name resolves to: a seed row keyed
   by a build (gpt-4o-2024-05-13) or by an id an identity rule retired would silently
   attach to no model. Fix: write the model_id the row resolves to (shown). #}
with

seed_ids as (
    select
        'known_model_specs' as seed_name,
        model_id
    from {{ ref('known_model_specs') }}
    union all
    select
        'compute_statements' as seed_name,
        model_id
    from {{ ref('compute_statements') }}
    union all
    select
        'benchmark_scores' as seed_name,
        model_id
    from {{ ref('benchmark_scores') }}
    union all
    select
        'model_organizations' as seed_name,
        model_id
    from {{ ref('model_organizations') }}
),

slugs as (
    select * from {{ ref('int_model_slugs_resolved') }}
)

select
    seed_ids.seed_name,
    seed_ids.model_id,
    slugs.model_id as resolves_to
from seed_ids
inner join slugs
    on {{ normalize_model_name('seed_ids.model_id') }} = slugs.slug
where slugs.model_id != seed_ids.model_id
