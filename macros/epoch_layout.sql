{#
    Epoch AI's Domain words from a model's modalities (OpenRouter's input/output lists).
    Every source the tracker reads lists language models (LMArena's text leaderboard,
    OpenRouter's catalogue, Hugging Face text generation, Wikipedia's list of large
    language models), so every model is `Language`; a model that also takes images or
    video adds `Vision`, audio in adds `Speech`, images out add `Image generation`, and
    any of these makes it `Multimodal` first, as Epoch writes it
    (`Multimodal,Language,Vision`). Joined with commas, no spaces, as in Epoch's file.
#}
{% macro epoch_domain(input_modalities, output_modalities) -%}
    array_to_string(
        list_filter(
            [
                case
                    when list_has_any(coalesce({{ input_modalities }}, []), ['image', 'video', 'audio'])
                        or list_contains(coalesce({{ output_modalities }}, []), 'image')
                        then 'Multimodal'
                end,
                'Language',
                case when list_has_any(coalesce({{ input_modalities }}, []), ['image', 'video']) then 'Vision' end,
                case when list_contains(coalesce({{ input_modalities }}, []), 'audio') then 'Speech' end,
                case when list_contains(coalesce({{ output_modalities }}, []), 'image') then 'Image generation' end
            ],
            word -> word is not null
        ),
        ','
    )
{%- endmacro %}
