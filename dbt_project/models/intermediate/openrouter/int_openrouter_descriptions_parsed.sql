{# One row per OpenRouter model whose description states a size or a base model: what
   the sentence says, kept as internal evidence (descriptions are never published). Sizes:
   "2.8T parameter", "with 55B active parameters out of 550B total", "a 235B parameter
   mixture-of-experts (MoE) model, activating 22B parameters", "a 295B-parameter
   Mixture-of-Experts model from Tencent (21B active, ...)", "30.5B-parameter". Base:
   "fine-tuned from X", "a fine-tuned variant of X", "one of the fine-tunes of X",
   "based on X", "built on X", "fine-tuned on top of [X](link)", "distilled from X",
   "derived from X", "pruned from X", "continued pretraining of X", where X starts with a
   capital letter or a digit (a name, not "a hybrid architecture"), after a markdown
   link's "[" if any, and ends at the first comma, semicolon, sentence end, "]" or linking
   word; the slug of X is
   resolved like any name (int_model_slugs_resolved) and used only when it names a
   model the sources know. #}
with

openrouter_models as (
    select
        canonical_slug,
        model_name_normalized,
        description
    from {{ ref('int_openrouter_models_merged') }}
    where description is not null
),

sizes_parsed as (
    select
        canonical_slug,
        model_name_normalized,
        description,
        -- "X active ... out of Y total", "Y total parameters and X active", "activates X of
        -- its Y parameters", "Y-parameter ... activating X".
        regexp_extract(
            description,
            '(?i)([0-9]+(?:\.[0-9]+)?)\s*([BT])\s+(?:active|activated)\s+parameters?\s+(?:out\s+)?of\s+(?:its\s+)?([0-9]+(?:\.[0-9]+)?)\s*([BT])',  -- noqa: LT05
            ['active_number', 'active_unit', 'total_number', 'total_unit']
        ) as active_first,
        regexp_extract(
            description,
            '(?i)([0-9]+(?:\.[0-9]+)?)\s*([BT])[- ](?:total[- ])?param[a-z]*[^.]{0,120}?\b(?:with|and|activating|activates)\s+(?:just\s+|only\s+|approximately\s+|roughly\s+)?([0-9]+(?:\.[0-9]+)?)\s*([BT])\b',  -- noqa: LT05
            ['total_number', 'total_unit', 'active_number', 'active_unit']
        ) as total_first,
        -- "a 295B-parameter Mixture-of-Experts model (21B active, 192 experts ...)".
        regexp_extract(
            description,
            '(?i)([0-9]+(?:\.[0-9]+)?)\s*([BT])[- ](?:total[- ])?param[a-z]*[^.]{0,120}?\(\s*(?:~|about\s+|roughly\s+)?([0-9]+(?:\.[0-9]+)?)\s*([BT])\s+(?:active|activated)\b',  -- noqa: LT05
            ['total_number', 'total_unit', 'active_number', 'active_unit']
        ) as total_then_parenthesis,
        regexp_extract(
            description,
            '(?i)\b(?:a|an|is a|dense)\s+(?:dense\s+)?([0-9]+(?:\.[0-9]+)?)\s*([BT])[- ]param',
            ['total_number', 'total_unit']
        ) as total_only,
        regexp_extract(
            description,
            '(?:fine-tuned (?:from|on|version of|variant of)|fine-tunes? of|based on|built on|on top of|distilled from|derived from|pruned from|post-trained from|continued pretraining of|an enhanced iteration of|upgraded variant of)\s+\[?((?:[A-Z0-9][A-Za-z0-9._-]*)(?:[ -][A-Z0-9][A-Za-z0-9._-]*){0,4})',  -- noqa: LT05
            1
        ) as base_name_text
    from openrouter_models
),

sizes_in_parameters as (
    select
        sizes_parsed.canonical_slug,
        sizes_parsed.model_name_normalized,
        sizes_parsed.description,
        coalesce(
            try_cast(nullif(active_first.total_number, '') as double)
            * if(active_first.total_unit = 'T', 1e12, 1e9),
            try_cast(nullif(total_first.total_number, '') as double)
            * if(total_first.total_unit = 'T', 1e12, 1e9),
            try_cast(nullif(total_then_parenthesis.total_number, '') as double)
            * if(total_then_parenthesis.total_unit = 'T', 1e12, 1e9),
            try_cast(nullif(total_only.total_number, '') as double)
            * if(total_only.total_unit = 'T', 1e12, 1e9)
        ) as described_parameters,
        coalesce(
            try_cast(nullif(active_first.active_number, '') as double)
            * if(active_first.active_unit = 'T', 1e12, 1e9),
            try_cast(nullif(total_first.active_number, '') as double)
            * if(total_first.active_unit = 'T', 1e12, 1e9),
            try_cast(nullif(total_then_parenthesis.active_number, '') as double)
            * if(total_then_parenthesis.active_unit = 'T', 1e12, 1e9)
        ) as described_active_parameters,
        -- A sentence end is not part of the name, nor what follows it ("based on Llama 3.
        -- It's a merge": Llama 3, not "Llama 3. It"); a period inside a name stays (Qwen2.5).
        nullif(regexp_replace(base_name_text, '[.]+(\s.*)?$', ''), '') as base_name_text
    from sizes_parsed
),

descriptions_parsed as (
    select
        canonical_slug,
        model_name_normalized,
        case
            when described_parameters between 1e8 and 1e14 then cast(described_parameters as bigint)
        end as described_parameters,
        case
            when
                described_active_parameters between 1e8 and 1e14
                and described_active_parameters <= coalesce(described_parameters, 1e14)
                then cast(described_active_parameters as bigint)
        end as described_active_parameters,
        base_name_text,
        {{ normalize_model_name('base_name_text') }} as base_slug,
        description
    from sizes_in_parameters
    where described_parameters is not null or base_name_text is not null
)

select * from descriptions_parsed
