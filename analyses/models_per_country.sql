-- Models per country: how many models in the published list (at or above 1e25 FLOP), and
-- how many at or above 1e24, per country of the developing organization, with the largest.
-- Grain: one row per country (organizations not in seeds/organizations.csv: "unknown").
--
-- Run it: .venv/bin/dbt compile --profiles-dir . --project-dir . --select models_per_country
--   then  .venv/bin/duckdb -readonly warehouse.published.duckdb \
--           < target/compiled/frontier_compute_tracker/analyses/models_per_country.sql
-- Or paste it into .venv/bin/duckdb, reading each ref(...) below as marts.<name>.
with

models as (
    select * from {{ ref('models') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

per_country as (
    select
        coalesce(models.country, 'unknown') as country,
        count(published.model_id) as models_in_published_list,
        count(*) filter (where models.training_compute_flop >= 1e24) as models_above_1e24,
        list_sort(list_distinct(list(models.organization) filter (
            where published.model_id is not null and models.organization is not null
        ))) as organizations_in_list,
        max(models.training_compute_flop) as largest_flop,
        arg_max(models.model_name, models.training_compute_flop) as largest_model
    from models
    left join published
        on models.model_id = published.model_id
    where not models.is_excluded
    group by coalesce(models.country, 'unknown')
),

shares as (
    select
        *,
        round(
            100.0 * models_in_published_list / nullif(sum(models_in_published_list) over (), 0), 1
        ) as share_of_published_list_pct
    from per_country
    where models_above_1e24 > 0 or models_in_published_list > 0
)

select * from shares
order by models_in_published_list desc, models_above_1e24 desc, country asc
