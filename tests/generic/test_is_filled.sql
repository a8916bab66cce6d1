{#
    A cell that must not be empty (NULL, '' or spaces). Rows whose every cell is empty
    are skipped: spreadsheets leave such rows at the end of a file, and they change
    nothing. Narrow it to some rows with the `where` config (e.g. one change_kind).
#}
{% test is_filled(model, column_name) %}

with

rows_with_content as (
    select {{ column_name }} as cell
    from {{ model }}
    -- DuckDB's *columns(*) spreads every column: a row of empty cells joins to ''.
    where trim(concat_ws('', *columns(*))) <> ''
)

select * from rows_with_content
where nullif(trim(cell), '') is null

{% endtest %}
