{# Method 4, benchmark interpolation. One row per model that has no estimate from methods
   1-3 and appears on an LMArena snapshot with a usable fit (int_benchmark_fits_estimated);
   the newest such snapshot is used (for a model on the newest fitted board, that board).
   Estimate: 10^(intercept + rating_slope × rating + year_slope × years_since_2023), the
   model's arena key (int_lmarena_ratings_resolved: first released, then best-rated) and
   its publication date, or the key's own release date when that is later (int_lmarena_ratings_resolved.key_release_date); the line runs through
   open-weight references. A closed-weight model (arena licence Proprietary) adds the
   board's closed correction (int_benchmark_closed_corrections_fitted: correction_intercept +
   correction_year_slope × years) when the board has one, unless its name marks a
   developer's small tier (var small_tier_words: mini, haiku, flash, nano,
   lite ...): the correction measures the closed labs' flagship runs, and a small tier is
   by its developer's own description the cheaper model.
   90% prediction interval: log10 estimate ± t(0.95, n - p) × s × sqrt(1 + h0), with s the
   fit's residual standard error and h0 the model's leverage (wider for ratings or dates
   far from the references'); a corrected model adds, in quadrature, the correction's
   t × s_c × sqrt(1 + h_c), h_c = 1/n_c + (years - mean years)² / Σ(years - mean)².
   Confidence: Speculative; Likely only when the interval is within a factor
   var benchmark_likely_max_factor (3). Guard rails:
   - an estimate above the largest reference compute × var benchmark_extrapolation_factor
     (3) is an extrapolation: Speculative, interval at least ×/÷ var
     interval_factor_speculative;
   - GPT-3.5 class: a model rated more than var benchmark_anchor_rating_gap (40) points
     below the anchor reference var benchmark_anchor_model_id (GPT-4) on the same board
     is capped at the anchor's compute ÷ var benchmark_anchor_cap_divisor (4): the fit's
     date term credits old models with much compute, and no model clearly weaker than
     GPT-4 is known to have used more than a fraction of it (GPT-3.5: ~2.6e24). Capped
     estimates are Speculative. #}
{# The rating is dated by the later of the model's publication and the rated build's own
   release: a re-release's rating belongs to the re-release's date. #}
{% set rating_date = 'greatest(facts.publication_date, newest_fitted_rating.key_release_date)' %}
with

ratings as (
    select * from {{ ref('int_lmarena_ratings_resolved') }}
),

fits as (
    select * from {{ ref('int_benchmark_fits_estimated') }}
    where is_usable
),

closed_corrections as (
    select * from {{ ref('int_benchmark_closed_corrections_fitted') }}
    where is_usable
),

anchor_references as (
    select
        leaderboard_date,
        rating as anchor_rating,
        reference_compute_flop as anchor_compute_flop
    from {{ ref('int_benchmark_references_selected') }}
    where model_id = '{{ var("benchmark_anchor_model_id") }}'
),

facts as (
    select
        model_id,
        publication_date,
        publication_date_source
    from {{ ref('int_model_facts_combined') }}
    where publication_date is not null
),

models_with_direct_estimate as (
    select model_id from {{ ref('int_directly_estimated_models_listed') }}
),

newest_fitted_rating as (
    select
        ratings.model_id,
        ratings.leaderboard_date,
        ratings.arena_model_name,
        ratings.rating,
        ratings.is_proprietary,
        ratings.key_release_date,
        ratings.key_release_date_source
    from ratings
    inner join fits
        on ratings.leaderboard_date = fits.leaderboard_date
    left join models_with_direct_estimate
        on ratings.model_id = models_with_direct_estimate.model_id
    where models_with_direct_estimate.model_id is null
    qualify row_number() over (
        partition by ratings.model_id
        order by ratings.leaderboard_date desc
    ) = 1
),

predicted as (
    select
        newest_fitted_rating.*,
        facts.publication_date,
        facts.publication_date_source,
        {{ rating_date }} as rating_date,
        {{ years_since_2023(rating_date) }} as years_since_2023,
        fits.reference_count,
        fits.intercept,
        fits.rating_slope,
        fits.year_slope,
        fits.r_squared,
        fits.loo_rmse_log10,
        fits.residual_standard_error_log10,
        fits.t_quantile,
        fits.max_reference_compute_flop,
        {{ benchmark_log10_prediction(
            'fits', 'newest_fitted_rating.rating', years_since_2023(rating_date)
        ) }}
            as log10_line_estimate,
        {{ benchmark_leverage(
            'fits', 'newest_fitted_rating.rating', years_since_2023(rating_date)
        ) }}
            as leverage
    from newest_fitted_rating
    inner join fits
        on newest_fitted_rating.leaderboard_date = fits.leaderboard_date
    inner join facts
        on newest_fitted_rating.model_id = facts.model_id
),

closed_corrected as (
    select
        predicted.*,
        regexp_matches(
            lower(predicted.arena_model_name), '{{ small_tier_name_pattern() }}'
        ) as is_small_tier,
        coalesce(
            predicted.is_proprietary
            and closed_corrections.leaderboard_date is not null
            and not regexp_matches(
                lower(predicted.arena_model_name), '{{ small_tier_name_pattern() }}'
            ),
            false
        ) as is_closed_correction_applied,
        closed_corrections.closed_reference_count,
        closed_corrections.closed_reference_model_ids,
        closed_corrections.correction_intercept,
        closed_corrections.correction_year_slope,
        closed_corrections.correction_standard_error_log10,
        closed_corrections.correction_t_quantile,
        closed_corrections.max_closed_reference_compute_flop,
        closed_corrections.correction_intercept
        + closed_corrections.correction_year_slope * predicted.years_since_2023 as correction_log10,
        {{ closed_correction_leverage('closed_corrections', 'predicted.years_since_2023') }} as correction_leverage
    from predicted
    left join closed_corrections
        on predicted.leaderboard_date = closed_corrections.leaderboard_date
),

corrected_estimate as (
    select
        *,
        log10_line_estimate
        + case when is_closed_correction_applied then correction_log10 else 0 end as log10_estimate,
        case
            when is_closed_correction_applied
                then greatest(max_reference_compute_flop, max_closed_reference_compute_flop)
            else max_reference_compute_flop
        end as max_comparable_reference_flop
    from closed_corrected
),

anchor_compared as (
    select
        corrected_estimate.*,
        anchor_references.anchor_rating,
        anchor_references.anchor_compute_flop,
        coalesce(
            corrected_estimate.rating < anchor_references.anchor_rating - {{ var('benchmark_anchor_rating_gap') }},
            false
        ) as is_weaker_than_anchor
    from corrected_estimate
    left join anchor_references
        on corrected_estimate.leaderboard_date = anchor_references.leaderboard_date
),

interval_computed as (
    select
        *,
        {{ benchmark_half_width_log10(
            't_quantile', 'residual_standard_error_log10', 'leverage', 'is_closed_correction_applied',
            'correction_t_quantile', 'correction_standard_error_log10', 'correction_leverage'
        ) }} as half_width_log10,
        pow(10, log10_estimate)
        > max_comparable_reference_flop * {{ var('benchmark_extrapolation_factor') }} as is_extrapolated,
        is_weaker_than_anchor
        and pow(10, log10_estimate) > anchor_compute_flop / {{ var('benchmark_anchor_cap_divisor') }}
            as is_capped_below_anchor
    from anchor_compared
),

estimate_capped as (
    select
        *,
        case
            when is_capped_below_anchor then anchor_compute_flop / {{ var('benchmark_anchor_cap_divisor') }}
            else pow(10, log10_estimate)
        end as estimate_flop
    from interval_computed
),

guard_rails_applied as (
    select
        *,
        {{ benchmark_guarded_interval(is_capped='is_capped_below_anchor') }}
    from estimate_capped
),

compute_from_benchmarks as (
    select
        model_id,
        'benchmark_interpolation' as estimation_method,
        estimate_flop as training_compute_flop,
        lower_flop as method_lower_flop,
        upper_flop as method_upper_flop,
        confidence,
        'https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset' as evidence_url,
        'LMArena rating ' || printf('%.0f', rating) || ' (' || arena_model_name || ', snapshot '
        || cast(leaderboard_date as varchar) || '), published ' || cast(publication_date as varchar)
        || case
            when rating_date > publication_date
                then
                    ' (' || {{ date_source_words('publication_date_source') }} || '); the rated build came out '
                    || cast(rating_date as varchar) || ' (' || replace(key_release_date_source, '_', ' ')
                    || ': ' || printf('%.2f', years_since_2023) || ' years after 2023-01-01'
            else
                ' (' || printf('%.2f', years_since_2023) || ' years after 2023-01-01, '
                || {{ date_source_words('publication_date_source') }}
        end
        || '): log10 C = '
        || printf('%.3f', intercept) || ' + ' || printf('%.5f', rating_slope) || ' × rating '
        || case when year_slope < 0 then '- ' else '+ ' end || printf('%.3f', abs(year_slope))
        || ' × years = ' || printf('%.2f', log10_line_estimate)
        || case
            when is_closed_correction_applied
                then
                    '; closed weights, so the closed correction '
                    || printf('%.3f', correction_intercept)
                    || case when correction_year_slope < 0 then ' - ' else ' + ' end
                    || printf('%.3f', abs(correction_year_slope)) || ' × years = '
                    || printf('%+.2f', correction_log10) || ' (fitted on ' || closed_reference_count
                    || ' closed references: ' || closed_reference_model_ids || '): log10 C = '
                    || printf('%.2f', log10_estimate)
            when is_proprietary and is_small_tier
                then '; closed weights but a small tier (' || arena_model_name || '): no closed correction'
            else ''
        end
        || ', so '
        || {{ format_flop('pow(10, log10_estimate)') }}
        || ' FLOP. Line fitted on '
        || reference_count
        || ' open-weight reference models with Confident/Likely estimates on the same board (R² '
        || printf('%.2f', r_squared) || ', leave-one-out RMSE ' || printf('%.2f', loo_rmse_log10)
        || ' in log10); 90% interval ×/÷ ' || printf('%.1f', pow(10, half_width_log10))
        || ' (t ' || printf('%.2f', t_quantile) || ' × s ' || printf('%.2f', residual_standard_error_log10)
        || ' × √(1 + leverage ' || printf('%.2f', leverage) || ')'
        || case
            when is_closed_correction_applied
                then
                    ' combined with the correction''s t ' || printf('%.2f', correction_t_quantile)
                    || ' × s ' || printf('%.2f', correction_standard_error_log10)
                    || ' × √(1 + leverage ' || printf('%.2f', correction_leverage) || ')'
            else ''
        end
        || ')'
        || case
            when is_extrapolated
                then
                    '. Extrapolated above {{ var('benchmark_extrapolation_factor') }} × the largest reference ('
                    || {{ format_flop('max_comparable_reference_flop') }}
                    || '): Speculative, interval widened'
            else ''
        end
        || case
            when is_capped_below_anchor
                then
                    '. Rated ' || printf('%.0f', anchor_rating - rating) || ' points below '
                    || '{{ var("benchmark_anchor_model_id") }} on this board: capped at its '
                    || {{ format_flop('anchor_compute_flop') }}
                    || ' ÷ {{ var("benchmark_anchor_cap_divisor") }} = ' || {{ format_flop('estimate_flop') }}
                    || ' (GPT-3.5-class guard rail), Speculative'
            else ''
        end || '.' as training_compute_notes,
        leaderboard_date,
        arena_model_name,
        rating,
        publication_date,
        rating_date,
        years_since_2023,
        is_proprietary,
        is_small_tier,
        is_closed_correction_applied,
        log10_line_estimate,
        log10_estimate,
        leverage,
        half_width_log10,
        is_extrapolated,
        is_capped_below_anchor
    from guard_rails_applied
)

select * from compute_from_benchmarks
