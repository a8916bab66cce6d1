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
