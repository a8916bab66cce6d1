{# One row per recorded change: a model's new state after a refresh in which it
   appeared, changed or disappeared, typed. Empty (with the same columns) while the
   history file does not exist yet: the first refresh creates it. A file written before a
   column was added (training_compute_notes and the override_* lists at the end) reads
   with that column empty; ingest/history.py upgrades its header at the next append. #}
{%- set history = source('history', 'model_changes') -%}
{%- set history_file = env_var('TRACKER_DATA_DIR', 'data') ~ '/history/model_changes.csv' -%}
{#- The file's columns (ingest/history.py HISTORY_COLUMNS), in order. -#}
{%- set columns = [
    'change_id', 'refreshed_at', 'model_id', 'model_name', 'change_type', 'change_origin',
    'changed_fields', 'organization', 'publication_date', 'parameters', 'training_tokens',
    'training_compute_flop', 'training_compute_lower_flop', 'training_compute_upper_flop',
    'confidence', 'estimation_method', 'threshold_class', 'provenance', 'is_published',
    'is_verified', 'is_excluded', 'is_sample_data', 'overridden_fields',
    'override_fingerprint', 'override_changed_by', 'override_changed_on', 'override_reason',
    'previous_training_compute_flop', 'previous_threshold_class', 'previous_is_published',
    'training_compute_notes', 'override_source_urls', 'override_rows',
    'override_rows_added', 'override_rows_removed'
] -%}
{%- set has_history = false -%}
{%- set present = [] -%}
{%- if execute -%}
    {%- set found = run_query("select count(*) from glob('" ~ history_file ~ "')") -%}
    {%- set has_history = found.columns[0].values()[0] > 0 -%}
    {%- if has_history -%}
        {%- set present = run_query("describe select * from " ~ history).columns[0].values() -%}
    {%- endif -%}
{%- endif %}

with

recorded as (
    select
        {%- for column in columns %}
            {% if column in present %}{{ column }}{% else %}cast(null as varchar){% endif %} as {{ column }}
            {{- "," if not loop.last }}
        {%- endfor %}
    {% if has_history -%}
        from {{ history }}
    {%- else -%}
        {# No file yet: the file's columns, no rows. #}
        where false
    {%- endif %}
),

recorded_typed as (
    select
        change_id,
        cast(refreshed_at as timestamp) as refreshed_at,
        model_id,
        model_name,
        change_type,
        change_origin,
        string_split(nullif(changed_fields, ''), ';') as changed_fields,
        organization,
        try_cast(publication_date as date) as publication_date,
        try_cast(parameters as bigint) as parameters,
        try_cast(training_tokens as bigint) as training_tokens,
        try_cast(training_compute_flop as double) as training_compute_flop,
        try_cast(training_compute_lower_flop as double) as training_compute_lower_flop,
        try_cast(training_compute_upper_flop as double) as training_compute_upper_flop,
        confidence,
        estimation_method,
        threshold_class,
        provenance,
        try_cast(is_published as boolean) as is_published,
        try_cast(is_verified as boolean) as is_verified,
        try_cast(is_excluded as boolean) as is_excluded,
        try_cast(is_sample_data as boolean) as is_sample_data,
        coalesce(string_split(nullif(overridden_fields, ''), ';'), []) as overridden_fields,
        override_fingerprint,
        override_changed_by,
        try_cast(override_changed_on as date) as override_changed_on,
        override_reason,
        try_cast(previous_training_compute_flop as double) as previous_training_compute_flop,
        previous_threshold_class,
        try_cast(previous_is_published as boolean) as previous_is_published,
        training_compute_notes,
        -- Lists of free text (URLs, reasons), written as JSON arrays by ingest/history.py.
        coalesce(from_json(nullif(override_source_urls, ''), '["VARCHAR"]'), []) as override_source_urls,
        coalesce(from_json(nullif(override_rows, ''), '["VARCHAR"]'), []) as override_rows,
        coalesce(from_json(nullif(override_rows_added, ''), '["VARCHAR"]'), []) as override_rows_added,
        coalesce(from_json(nullif(override_rows_removed, ''), '["VARCHAR"]'), []) as override_rows_removed
    from recorded
),

recorded_once as (
    -- ingest/history.py never appends a change_id twice; this also covers a file that
    -- was merged or restored by hand.
    select *
    from recorded_typed
    qualify row_number() over (partition by change_id order by refreshed_at) = 1
)

select * from recorded_once
