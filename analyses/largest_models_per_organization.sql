-- Largest models per organization: each developer's three largest training runs we know
-- of, with the estimate, how it was made, and whether it is in the published list.
-- Grain: one row per organization x rank (1-3).
--
-- Run it: .venv/bin/dbt compile --profiles-dir . --project-dir . --select largest_models_per_organization
--   then  .venv/bin/duckdb -readonly warehouse.published.duckdb \
--           < target/compiled/frontier_compute_tracker/analyses/largest_models_per_organization.sql
-- Or paste it into .venv/bin/duckdb, reading each ref(...) below as marts.<name>.
with

models as (
    select * from {{ ref('models') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

ranked as (
    select
        models.organization,
        models.model_name,
        models.model_id,
        models.publication_date,
        models.training_compute_flop,
        models.confidence,
        models.estimation_method,
        models.threshold_class,
        published.model_id is not null as is_in_published_list,
        row_number() over (
            partition by models.organization
            order by models.training_compute_flop desc, models.model_id asc
        ) as rank_in_organization,
        max(models.training_compute_flop) over (partition by models.organization)
            as organization_largest_flop
    from models
    left join published
        on models.model_id = published.model_id
    where
        not models.is_excluded
        and models.training_compute_flop is not null
        and models.organization is not null
)

select
    organization,
    rank_in_organization,
    model_name,
    model_id,
    publication_date,
    training_compute_flop,
    confidence,
    estimation_method,
    threshold_class,
    is_in_published_list
from ranked
where rank_in_organization <= 3
order by organization_largest_flop desc, organization asc, rank_in_organization asc
