{#
    Identity, step 1: a model name as any source writes it -> its slug, a spelling-free
    key. Only spelling is removed here, never meaning:
    1. lowercase; drop a provider prefix (`openai/gpt-4o` -> `gpt-4o`) and a `:variant`
       suffix (`:free`, `:batch`, `:thinking`);
    2. a parenthesised part becomes part of the name (`Claude 3.5 Sonnet (20241022)` and
       `claude-3-5-sonnet-20241022` give the same slug);
    3. `+` is read "plus", as developers spell it in API ids (`Command R+ (08-2024)` and
       Cohere's `command-r-plus-08-2024` are one slug; without it Command R+ would be
       Command R);
    4. every run of characters other than a-z, 0-9 becomes one `-`.
    So `Grok-4-0709`, `grok-4-0709` and `xai/grok_4 0709` are one slug. What a slug means
    (which model it is a build of) is decided by macro strip_build_suffixes and the seed
    model_identity_rules, in int_model_names_resolved (docs/identity.md).
#}
{% macro normalize_model_name(expr) -%}
    trim(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        replace(lower({{ without_acronym_expansion('trim(' ~ expr ~ ')') }}), '+', ' plus '),
                        '^[^/]*/', ''
                    ),
                    ':[a-z0-9_-]+$', ''
                ),
                '[()]', ' ', 'g'
            ),
            '[^a-z0-9]+', '-', 'g'
        ),
        '-'
    )
{%- endmacro %}

{# A name followed by its acronym spelled out, as Wikipedia's list writes some: "PaLM
   (Pathways Language Model)", "PaLM 2 (Pathways Language Model 2)", "LaMDA (Language
   Models for Dialog Applications)", "OPT (Open Pretrained Transformer)" -> the name alone
   (PaLM, PaLM 2, ...), so that it meets the same model under its other names. A trailing
   parenthesis is an expansion when the initials of its capitalized words and the capital
   letters of the name before it (two or more of each) are one a subsequence of the other
   (LLaMA: LLMA within "Large Language Model Meta AI", LLMMA). Anything else in
   parentheses stays: "Claude 3.5 Sonnet (20240620)", "Command R (04-2024)", "Claude
   Opus 4 (thinking-16k)" (no capitalized words), "Mistral Large 2 (Large Instruct)" (LI
   is not in ML). #}
{% macro without_acronym_expansion(name_expr) -%}
    {%- set parts = "'^(.*[^ ]) *[(]([^()]*)[)] *$'" -%}
    {%- set name_part = "regexp_extract(" ~ name_expr ~ ", " ~ parts ~ ", 1)" -%}
    {%- set capitals = "regexp_replace(" ~ name_part ~ ", '[^A-Z]', '', 'g')" -%}
    {%- set initials -%}
        array_to_string(
            list_transform(
                list_filter(
                    string_split(regexp_extract({{ name_expr }}, {{ parts }}, 2), ' '),
                    word -> regexp_matches(word, '^[A-Z]')
                ),
                word -> left(word, 1)
            ),
            ''
        )
    {%- endset -%}
    case
        when
            regexp_matches({{ name_expr }}, '[)] *$')
            and length({{ capitals }}) >= 2
            and length({{ initials }}) >= 2
            and (
                regexp_matches({{ initials }}, regexp_replace({{ capitals }}, '(.)', '\1.*', 'g'))
                or regexp_matches({{ capitals }}, regexp_replace({{ initials }}, '(.)', '\1.*', 'g'))
            )
            then {{ name_part }}
        else {{ name_expr }}
    end
{%- endmacro %}

{#
    Identity, step 2: a slug -> the slug of the model it is a build of, by removing the
    trailing markers of a build that shares the model's training run (docs/identity.md,
    "Fold"). One pass removes one marker; five passes cover the longest real names
    (`gemini-2-0-flash-thinking-exp-01-21`). Markers:
    - a date: `-20240501`, `-2024-08-13`, a month and day `-0801`, `-08-13`, a month and
      year `-03-2025`; a build number `-001`, `-002`;
    - a release channel: `-preview`, `-exp`, `-experimental`, `-latest`, `-beta`,
      `-online`, `-api`, `-fast`;
    - a reasoning mode or effort: `-thinking`, `-no-thinking`, `-reasoning`,
      `-non-reasoning`, `-thinking-16k`, `-high`, `-low`, `-minimal`, `-xhigh` (not
      `-medium`: Mistral Medium is a tier);
    - a context length `-16k`, `-128k`; tuning of the same run: `-instruct`,
      `-instruct-v0-1`, `-it`, `-chat`, `-hf`, `-base`, `-pt`; precision or packing:
      `-bf16`, `-fp8`, `-int4`, `-awq`, `-gguf`, `-mlx`.
    A four-digit year-month version (`mistral-large-2407`, `qwen3-...-2507`) is NOT a
    build marker: developers use it for new models, so the identity seed decides those.
#}
{% macro strip_build_suffixes(slug_expr) -%}
    {%- set marker -%}
        -((19|20)[0-9]{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12][0-9]|3[01])|(0[1-9]|1[0-2])-?(0[1-9]|[12][0-9]|3[01])|(0[1-9]|1[0-2])-20[0-9]{2}|00[1-9]|preview|exp|experimental|latest|beta|online|api|fast|no-thinking|non-thinking|thinking|non-reasoning|reasoning|high|low|minimal|xhigh|[0-9]+k|instruct(-v0-[0-9]+)?|it|chat|hf|base|pt|bf16|fp8|fp16|int4|int8|awq|gguf|mlx)$
    {%- endset -%}
    {%- set ns = namespace(sql=slug_expr) -%}
    {%- for _ in range(5) -%}
        {%- set ns.sql = "regexp_replace(" ~ ns.sql ~ ", '" ~ marker ~ "', '')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}

{# The release date a dated API name states, as a date, or NULL. A full date with a 20xx
   year (claude-3-5-sonnet-20241022, gpt-4o-2024-08-06) says the weights were public no
   later than that day; so does a four-digit year-month suffix with a year from 23 to 26
   (mistral-large-2407, qwen3-...-2507: the first of that month), which cannot be a
   month-day suffix (gpt-4-0613, -1106, -0125: no month 23-26). #}
{% macro api_name_release_date(name_expr) -%}
    {#- One pattern match per form (the matched date, its dashes removed), not one per part. -#}
    {%- set full_date = "(?:^|[^0-9])(20[1-3][0-9]-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12][0-9]|3[01]))(?:$|[^0-9])" -%}
    {%- set year_month = "[-_](2[3-6](?:0[1-9]|1[0-2]))(?:$|[^0-9])" -%}
    cast(coalesce(
        try_strptime(replace(regexp_extract({{ name_expr }}, '{{ full_date }}', 1), '-', ''), '%Y%m%d'),
        try_strptime('20' || regexp_extract({{ name_expr }}, '{{ year_month }}', 1) || '01', '%Y%m%d')
    ) as date)
{%- endmacro %}

{# The date a month-day API suffix states (gpt-4-0613, gemini-exp-1206, qwen-max-0919,
   hunyuan-turbo-0110, -08-13), given the date the name was first seen, or NULL. The
   suffix carries no year: the date is the latest one with that month and day no later
   than 7 days after the first sighting (a listing can show a build a day or a few before
   the date its name carries: time zones, a build listed ahead of its launch; seen on
   2026-08-12, deepseek-v4-pro-0813 is 2026-08-13, not 2025; seen on 2025-08-04,
   gemini-1.5-flash-exp-0827 is 2024-08-27). A build came out on that
   day of some year no later than about its first sighting, so this date lies between the
   true one and the sighting; it is off by whole years only when a name was first seen
   more than a year after its build, and an announced date always wins over it. Only for
   names with no full date or year-month suffix (macro api_name_release_date): -2407 is
   July 2024, not a month 24. #}
{% macro api_name_month_day_date(name_expr, seen_expr) -%}
    {#- The month and day matched once (dashes removed: 0919, 08-13 -> 0813); the name is
        tested for one first, so the rest runs only for the names that have one. -#}
    {%- set month_day = "[-_]((?:0[1-9]|1[0-2])-?(?:0[1-9]|[12][0-9]|3[01]))(?:$|[^0-9])" -%}
    {%- set digits = "replace(regexp_extract(" ~ name_expr ~ ", '" ~ month_day ~ "', 1), '-', '')" -%}
    {%- set this_year = "try_strptime(cast(year(" ~ seen_expr ~ ") as varchar) || " ~ digits ~ ", '%Y%m%d')" -%}
    {%- set year_before = "try_strptime(cast(year(" ~ seen_expr ~ ") - 1 as varchar) || " ~ digits ~ ", '%Y%m%d')" -%}
    cast(case
        when not regexp_matches({{ name_expr }}, '{{ month_day }}') then null
        when {{ api_name_release_date(name_expr) }} is not null then null
        when {{ this_year }} <= cast({{ seen_expr }} as date) + interval 7 day then {{ this_year }}
        else {{ year_before }}
    end as date)
{%- endmacro %}
