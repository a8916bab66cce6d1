{# One row per recorded change: a model's new state after a refresh in which it
   appeared, changed, disappeared or was renamed, typed. Empty (with the same columns)
   while the history file does not exist yet: the first refresh creates it. A file written
   before a column was added (training_compute_notes, the override_* lists and
   renamed_to_model_id, at the end) reads with that column empty; ingest/history.py
   upgrades its header at the next append. #}
{%- set data_dir = env_var('TRACKER_DATA_DIR', 'data') -%}
{%- set history = source('history', 'model_changes').render() | replace('$TRACKER_DATA_DIR', data_dir) -%}
{%- set history_file = data_dir ~ '/history/model_changes.csv' -%}
{%- set has_history = false -%}
{%- if execute -%}
    {%- set found = run_query("select count(*) from glob('" ~ history_file ~ "')") -%}
    {%- set has_history = found.columns[0].values()[0] > 0 -%}
{%- endif %}

with

columns_expected as (
    -- The file's columns (ingest/history.py HISTORY_COLUMNS), no rows.
    select
        cast(null as varchar) as change_id,
        cast(null as varchar) as refreshed_at,
        cast(null as varchar) as model_id,
        cast(null as varchar) as model_name,
        cast(null as varchar) as change_type,
        cast(null as varchar) as change_origin,
        cast(null as varchar) as changed_fields,
        cast(null as varchar) as organization,
        cast(null as varchar) as publication_date,
        cast(null as varchar) as parameters,
        cast(null as varchar) as training_tokens,
        cast(null as varchar) as training_compute_flop,
        cast(null as varchar) as training_compute_lower_flop,
        cast(null as varchar) as training_compute_upper_flop,
        cast(null as varchar) as confidence,
        cast(null as varchar) as estimation_method,
        cast(null as varchar) as threshold_class,
        cast(null as varchar) as provenance,
        cast(null as varchar) as is_published,
        cast(null as varchar) as is_verified,
        cast(null as varchar) as is_excluded,
        cast(null as varchar) as is_sample_data,
        cast(null as varchar) as overridden_fields,
        cast(null as varchar) as override_fingerprint,
        cast(null as varchar) as override_changed_by,
        cast(null as varchar) as override_changed_on,
        cast(null as varchar) as override_reason,
        cast(null as varchar) as previous_training_compute_flop,
        cast(null as varchar) as previous_threshold_class,
        cast(null as varchar) as previous_is_published,
        cast(null as varchar) as training_compute_notes,
        cast(null as varchar) as override_source_urls,
        cast(null as varchar) as override_rows,
        cast(null as varchar) as override_rows_added,
        cast(null as varchar) as override_rows_removed,
        cast(null as varchar) as renamed_to_model_id
    where false
),

recorded as (
    -- By name: a column an older file lacks reads as NULL.
    {% if has_history -%}
        select * from columns_expected
        union all by name
        select * from {{ history }}
    {%- else -%}
        select * from columns_expected
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
        coalesce(from_json(nullif(override_rows_removed, ''), '["VARCHAR"]'), []) as override_rows_removed,
        nullif(renamed_to_model_id, '') as renamed_to_model_id
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
