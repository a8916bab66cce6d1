-- Compute growth per year: by publication year, how many models reached 1e24 and 1e25
-- FLOP, the largest training run, and how fast the largest run grew (x per year).
-- Grain: one row per publication year.
--
-- Run it: .venv/bin/dbt compile --profiles-dir . --project-dir . --select compute_growth_per_year
--   then  .venv/bin/duckdb -readonly warehouse.published.duckdb \
--           < target/compiled/frontier_compute_tracker/analyses/compute_growth_per_year.sql
-- Or paste it into .venv/bin/duckdb, reading each ref(...) below as marts.<name>.
with

models as (
    select * from {{ ref('models') }}
),

published as (
    select model_id from {{ ref('models_above_1e25_flop') }}
),

per_year as (
    select
        year(models.publication_date) as publication_year,
        count(*) filter (where models.training_compute_flop >= 1e24) as models_above_1e24,
        count(published.model_id) as models_in_published_list,
        max(models.training_compute_flop) as largest_flop,
        arg_max(models.model_name, models.training_compute_flop) as largest_model,
        median(models.training_compute_flop) filter (where published.model_id is not null)
            as median_published_flop
    from models
    left join published
        on models.model_id = published.model_id
    where
        not models.is_excluded
        and models.publication_date is not null
        and models.training_compute_flop is not null
    group by year(models.publication_date)
),

growth as (
    select
        publication_year,
        models_above_1e24,
        models_in_published_list,
        largest_model,
        largest_flop,
        median_published_flop,
        largest_flop / lag(largest_flop) over (order by publication_year)
            as largest_growth_factor,
        max(largest_flop) over (order by publication_year) as record_flop_to_date
    from per_year
)

select * from growth
order by publication_year
