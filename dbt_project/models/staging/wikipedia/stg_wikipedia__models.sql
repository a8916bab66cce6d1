{# One row per row of the page's tables per capture. Python already derived the numbers;
   staging renames, casts counts to integers and keeps the displayed text beside them. #}
with

source_models as (
    select * from {{ source('wikipedia', 'wikipedia__models') }}
),

renamed as (
    select
        model_name as wikipedia_model_name,
        article_url,
        developer,
        table_heading,
        release_date_text,
        release_date_sort_value,
        release_date_precision,
        parameters_text,
        parameters_sort_value,
        corpus_size_text,
        training_cost_text,
        training_cost_sort_value,
        license_text,
        license_class,
        lower(regexp_replace(license_class, '^table-', '')) as license_kind,
        notes,
        -- The footnotes of the parameters, corpus and training-cost cells (ingest keeps a
        -- cell citing Epoch AI with its value NULL), and what the training cost cites: its
        -- footnote's first link, else its text, else the id of a footnote the page lacks.
        citations,
        coalesce(
            json_extract_string(citations, '$.training_cost[0].urls[0]'),
            nullif(json_extract_string(citations, '$.training_cost[0].text'), ''),
            'a footnote missing from the page (' || json_extract_string(citations, '$.training_cost[0].note') || ')'
        ) as training_cost_reference,
        page_title,
        _capture_path as capture_path,
        _capture_sha256 as capture_sha256,
        _source_url as source_url,
        _load_id as load_id,
        'https://en.wikipedia.org/w/index.php?oldid=' || cast(revid as varchar) as revision_url,
        {{ plausible('wikipedia', 'page_id') }} as page_id,
        {{ plausible('wikipedia', 'revid') }} as revid,
        table_number,
        {{ plausible('wikipedia', 'table_year') }} as table_year,
        row_number,
        cast(round({{ plausible('wikipedia', 'parameters') }}) as bigint) as parameters,
        cast(round({{ plausible('wikipedia', 'corpus_tokens') }}) as bigint) as corpus_tokens,
        {{ plausible('wikipedia', 'training_cost_petaflop_days') }} as training_cost_petaflop_days,
        {{ plausible('wikipedia', 'training_cost_flop') }} as training_cost_flop,
        coalesce(parameters_is_approximate, false) as is_parameters_approximate,
        _is_sample as is_sample,
        {{ plausible('wikipedia', 'release_date') }} as release_date,
        _captured_at as captured_at,
        _loaded_at as loaded_at
    from source_models
)

select * from renamed
