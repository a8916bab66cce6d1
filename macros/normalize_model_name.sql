{#
    A model name as any source writes it -> the slug used to look up model_aliases and,
    failing an alias, the model_id itself. Steps, in order:
    1. lowercase; drop a provider prefix (`openai/gpt-4o` -> `gpt-4o`) and a `:variant`
       suffix (`:free`, `:beta`, `:thinking`) and a parenthesised effort (`(xHigh)`);
    2. every run of characters other than a-z, 0-9 becomes one `-`;
    3. drop suffixes that name the same weights: precision (`-bf16`, `-fp8`), reasoning
       budget or effort (`-thinking-16k`, `-thinking`, `-high`, `-low`), `-latest`,
       and instruction/chat tuning of the same pretraining run (`-instruct`, `-it`, `-chat`,
       with a Mistral-style tune version `-instruct-v0.1`; not a model version such as
       `deepseek-chat-v3-0324`, which the alias seed resolves).
    Dated snapshots (`-2024-05-13`, `-20240620`) are kept: a re-release with new weights
    is its own model, and the alias seed merges the ones that are not.
#}
{% macro normalize_model_name(expr) -%}
    trim(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(
                                regexp_replace(
                                    lower(trim({{ expr }})),
                                    '^[^/]*/', ''
                                ),
                                '\s*\([^)]*\)\s*$', ''
                            ),
                            ':[a-z0-9_-]+$', ''
                        ),
                        '[^a-z0-9]+', '-', 'g'
                    ),
                    '-(bf16|fp8|fp16|int4|int8|awq|gguf)$', ''
                ),
                '-(thinking|reasoning)(-[0-9]+k)?$|-(high|medium|low|minimal|xhigh)$|-latest$', ''
            ),
            '-(instruct|it|chat|hf)(-v0-[0-9]+)?$', ''
        ),
        '-'
    )
{%- endmacro %}

{# The release date a dated API name states, as a date, or NULL. A full date with a 20xx
   year (claude-3-5-sonnet-20241022, gpt-4o-2024-08-06) says the weights were public no
   later than that day; so does a four-digit year-month suffix with a year from 23 to 26
   (mistral-large-2407, qwen3-...-2507: the first of that month), which cannot be a
   month-day suffix (gpt-4-0613, -1106, -0125: no month 23-26). #}
{% macro api_name_release_date(name_expr) -%}
    {%- set full_date = "(^|[^0-9])(20[1-3][0-9])-?(0[1-9]|1[0-2])-?(0[1-9]|[12][0-9]|3[01])($|[^0-9])" -%}
    {%- set year_month = "[-_](2[3-6])(0[1-9]|1[0-2])($|[^0-9])" -%}
    cast(coalesce(
        try_strptime(
            regexp_extract({{ name_expr }}, '{{ full_date }}', 2) || '-'
            || regexp_extract({{ name_expr }}, '{{ full_date }}', 3) || '-'
            || regexp_extract({{ name_expr }}, '{{ full_date }}', 4),
            '%Y-%m-%d'
        ),
        try_strptime(
            '20' || regexp_extract({{ name_expr }}, '{{ year_month }}', 1) || '-'
            || regexp_extract({{ name_expr }}, '{{ year_month }}', 2) || '-01',
            '%Y-%m-%d'
        )
    ) as date)
{%- endmacro %}
