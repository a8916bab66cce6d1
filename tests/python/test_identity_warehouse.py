"""Identity on the whole sample warehouse (docs/identity.md): the published list holds each
trained model once, under a display name, with first appearances and accessibility taken
per model, and derived models carrying their base's compute.

The samples are awkward on purpose (data/sample/*/README.md): two LMArena boards that spell
one key differently (`Grok-4-0709` on 2025-08-04, `grok-4-0709` on 2025-10-16), the older
one without a licence column; dated builds of one model; an app row and a codename; an
unattributed checkpoint; derived models, one seen only on OpenRouter.
"""

from __future__ import annotations

import re
import shutil

import duckdb

THRESHOLD = 1e25


def test_no_published_row_is_a_build_of_another_published_row(sample_warehouse):
    # GIVEN every spelling of every model (marts.model_builds)
    # WHEN the published list is read
    # THEN no published model_id is a spelling that folds into another published model
    rows = sample_warehouse.rows(
        """
        select builds.build_slug, builds.model_id
        from marts.model_builds as builds
        inner join marts.models_above_1e25_flop as published_build
            on builds.build_slug = published_build.model_id
        inner join marts.models_above_1e25_flop as published_model
            on builds.model_id = published_model.model_id
        where builds.build_slug != builds.model_id
        """
    )
    assert rows == []


def test_folded_builds_stay_listed_under_their_model(sample_warehouse):
    builds = sample_warehouse.rows(
        "select source_model_name from marts.model_builds "
        "where model_id = 'reka-core' order by source_model_name"
    )
    assert [name for (name,) in builds] == [
        "Reka-Core-20240501",
        "Reka-Core-20240722",
        "Reka-Core-20240904",
    ]
    (reason,) = sample_warehouse.one(
        "select resolution_reason from marts.model_builds "
        "where source_model_name = 'ChatGPT-4o-latest (2025-03-26)'"
    )
    assert reason.startswith("identity rule chatgpt-4o")
    assert sample_warehouse.one(
        "select model_id from marts.model_builds "
        "where source_model_name = 'chocolate (Early Grok-3)'"
    ) == ("grok-3",)


def test_no_published_model_name_is_a_raw_api_id(sample_warehouse):
    names = [
        name
        for (name,) in sample_warehouse.rows("select model_name from marts.models_above_1e25_flop")
    ]
    # an API suffix (-20240501, -2024-08-13, -08-13, -0709) or a bare date in brackets;
    # a curated name such as "Claude 3.5 Sonnet (Oct 2024)" is fine
    dated = re.compile(
        r"([-_]((19|20)\d{2}-?\d{2}-?\d{2}|\d{2}-\d{2}|\d{4})|\((19|20)\d{2}-?\d{2}-?\d{2}\))$"
    )
    assert names
    assert [n for n in names if "/" in n or dated.search(n)] == []


def test_unattributed_checkpoints_are_kept_but_never_published(sample_warehouse):
    assert sample_warehouse.one(
        "select is_unattributed_checkpoint from marts.models where model_id = 'gemini-exp-1114'"
    ) == (True,)
    assert (
        sample_warehouse.rows(
            "select model_id from marts.models_above_1e25_flop where model_id = 'gemini-exp-1114'"
        )
        == []
    )


def test_a_key_spelled_two_ways_has_one_first_appearance_the_earliest(sample_warehouse):
    # GIVEN `Grok-4-0709` on the 2025-08-04 board and `grok-4-0709` on the 2025-10-16 one
    # WHEN ratings resolve to models
    # THEN the key's debut is the earlier board (the first loaded: its debut unknown), never
    # the later board's date, and the model was first seen on the earlier board
    rows = sample_warehouse.rows(
        "select key_release_date from intermediate.int_lmarena_ratings_resolved "
        "where model_id = 'grok-4' order by leaderboard_date"
    )
    assert len(rows) == 2
    assert all(date is None or str(date) <= "2025-08-04" for (date,) in rows)
    (first_seen,) = sample_warehouse.one(
        "select cast(first_seen_at as date) from marts.models where model_id = 'grok-4'"
    )
    assert str(first_seen) <= "2025-08-04"


def test_a_board_without_licences_changes_no_models_accessibility(sample_warehouse):
    # GIVEN Reka Core, rated only on the board without a licence column, and GPT-4o, which
    # the other board lists as Proprietary
    # WHEN accessibility resolves THEN Reka Core stays unknown and GPT-4o stays closed
    assert (
        sample_warehouse.rows(
            "select is_open_weights from intermediate.int_model_accessibility_resolved "
            "where model_id = 'reka-core'"
        )
        == []
    )
    assert {
        row[0]
        for row in sample_warehouse.rows(
            "select is_proprietary from intermediate.int_lmarena_ratings_resolved "
            "where model_id = 'reka-core'"
        )
    } == {None}
    assert sample_warehouse.one(
        "select is_open_weights, accessibility_source "
        "from intermediate.int_model_accessibility_resolved where model_id = 'gpt-4o'"
    ) == (False, "known_specs")


def test_llama_nemotron_ultra_carries_lifetime_compute_and_is_published(sample_warehouse):
    base, flop, method, published = sample_warehouse.one(
        """
        select models.base_model_id, models.training_compute_flop, models.estimation_method,
            published.model_id is not null
        from marts.models
        left join marts.models_above_1e25_flop as published
            on models.model_id = published.model_id
        where models.model_id = 'llama-3-1-nemotron-ultra-253b'
        """
    )
    (base_flop,) = sample_warehouse.one(
        "select training_compute_flop from marts.models where model_id = 'llama-3-1-405b'"
    )
    assert base == "llama-3-1-405b"
    assert method == "lifetime_from_base"
    # its own 153e9 tokens of distillation and continued pretraining add 6 x 253e9 x 153e9
    assert flop == base_flop + 6 * 253e9 * 153e9
    assert published  # a notable derivative (seeds/notable_derivatives.csv)


def test_hermes_3_405b_counts_its_base_once_and_is_not_published(sample_warehouse):
    # GIVEN Hermes 3 405B, seen only on OpenRouter, whose description calls it a fine-tune
    # of Llama-3.1 405B, by Nous Research (not Meta), not a notable derivative
    base, flop, lineage, published = sample_warehouse.one(
        """
        select models.base_model_id, models.training_compute_flop, models.lineage_source,
            published.model_id is not null
        from marts.models
        left join marts.models_above_1e25_flop as published
            on models.model_id = published.model_id
        where models.model_id = 'hermes-3-llama-3-1-405b'
        """
    )
    (base_flop,) = sample_warehouse.one(
        "select training_compute_flop from marts.models where model_id = 'llama-3-1-405b'"
    )
    assert base == "llama-3-1-405b"
    assert lineage in ("identity_rule", "openrouter_description")
    assert flop == base_flop  # 405B x tokens is not counted a second time
    assert not published


def test_qwen3_30b_a3b_instruct_2507_stays_below_the_line(sample_warehouse):
    base, flop, klass = sample_warehouse.one(
        "select base_model_id, training_compute_flop, threshold_class from marts.models "
        "where model_id = 'qwen3-30b-a3b-2507'"
    )
    assert base == "qwen3-30b-a3b"
    assert flop < THRESHOLD
    assert klass == "below"


def test_sizes_stated_in_a_description_reach_the_facts(sample_warehouse):
    assert sample_warehouse.one(
        "select parameters, active_parameters from marts.models where model_id = 'ring-1t'"
    ) == (1_000_000_000_000, 50_000_000_000)


def test_a_base_named_only_in_a_description_is_used(sample_warehouse):
    # GIVEN Ring-1T, seen only on OpenRouter, "trained ... on top of Ling-1T"
    assert sample_warehouse.one(
        "select base_model_id, lineage_source from marts.models where model_id = 'ring-1t'"
    ) == ("ling-1t", "openrouter_description")


def test_an_override_on_a_retired_id_is_accepted_with_a_note(sample_warehouse, tmp_path):
    # GIVEN the sample build, where gpt-4o-2024-05-13 (a model of its own before the identity
    # rules) is now a build of gpt-4o, and a verify row a contractor wrote with the old id
    from ingest import known_models, overrides
    from ingest.config import REPO_ROOT

    known = known_models.load(sample_warehouse.path, REPO_ROOT / "seeds")
    path = tmp_path / "manual_overrides.csv"
    path.write_text(
        ",".join(overrides.COLUMNS) + "\n"
        "verify,gpt-4o-2024-05-13,,,,,,3e25,Likely,,https://openai.com/index/hello-gpt-4o/,"
        "checked the estimate,Ann,2025-10-02\n",
        encoding="utf-8",
    )
    # WHEN the validator checks it
    report = overrides.validate(path, known)
    # THEN it is accepted, with a note that the row applies to gpt-4o
    assert report.ok, [problem.line() for problem in report.problems]
    notes = [problem.line() for problem in report.problems if problem.is_warning]
    assert any("retired id" in note and "applies to gpt-4o" in note for note in notes), notes
    # AND the build knows the old id as gpt-4o (the overrides merge and seed test read this)
    assert sample_warehouse.one(
        "select model_id from intermediate.int_model_ids_collected"
        " where known_id = 'gpt-4o-2024-05-13'"
    ) == ("gpt-4o",)


def test_an_openrouter_entry_resolved_away_from_the_repo_it_serves_is_reported(
    sample_warehouse, tmp_path
):
    # GIVEN a copy of the sample warehouse where OpenRouter's z-ai/glm-4.5, which serves
    # the Hugging Face repo zai-org/GLM-4.5, resolves to a model of its own (a missing rule)
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse.path, copy)
    check = next(
        (sample_warehouse.path.parent / "target" / "compiled").rglob(
            "assert_openrouter_weights_resolve_to_their_model.sql"
        )
    ).read_text(encoding="utf-8")
    con = duckdb.connect(str(copy))
    try:
        assert con.execute(check).fetchall() == []  # the samples resolve it to GLM-4.5
        con.execute(
            "update intermediate.int_model_names_resolved set model_id = 'glm-4-5-router' "
            "where source_name = 'openrouter' and source_model_name = 'z-ai/glm-4.5'"
        )
        # WHEN the data test's query runs
        found = con.execute(check).fetchall()
    finally:
        con.close()
    # THEN it names the entry, its repo, and the two models it resolves to
    assert found == [("z-ai/glm-4.5", "zai-org/GLM-4.5", "glm-4-5-router", "glm-4-5")]
