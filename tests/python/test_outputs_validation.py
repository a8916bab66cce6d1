"""The validation report's figures, worked out by hand on the tiny fixture warehouse.

Fixture (tests/fixtures/outputs/warehouse.sql), ours ÷ Epoch's per shared model:
alpha-1 3e25/3e25 = 1, beta-2 2e25/1e25 = 2, delta-4 5e24/2e25 = 0.25, eps-5 2e24/1e24 = 2,
zeta-6 1.5e25/5e24 = 3. Epoch at or above 1e25: Alpha, Beta (found), Delta (we class it
below), Omega (no match). Our list: alpha, beta, gamma (not in Epoch), zeta (Epoch: below).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest.outputs import stats, validation, validation_data

WAREHOUSE_SQL = Path(__file__).resolve().parent.parent / "fixtures" / "outputs" / "warehouse.sql"


@pytest.fixture
def con():
    connection = duckdb.connect()
    connection.execute(WAREHOUSE_SQL.read_text())
    yield connection
    connection.close()


@pytest.fixture
def result(con) -> validation.ValidationResult:
    epoch = validation_data.epoch_models(con)
    return validation.analyse(
        validation_data.our_models(con), epoch.rows, validation_data.method_estimates(con)
    )


def test_missed_and_misclassified_epoch_models(result):
    assert [row.epoch_model for row in result.epoch_above] == [
        "Alpha-1",
        "Beta 2",
        "Delta 4",
        "Omega",
    ]
    assert [row.epoch_model for row, _ in result.found] == ["Alpha-1", "Beta 2"]
    assert [(row.epoch_model, ours.model_id) for row, ours in result.misclassified] == [
        ("Delta 4", "delta-4")
    ]
    assert [row.epoch_model for row in result.missed] == ["Omega"]
    assert result.recall == pytest.approx(0.5)


def test_models_we_list_that_epoch_does_not(result):
    extra = {
        model.model_id: (match.epoch_model if match else None) for model, match in result.extra
    }
    assert extra == {"gamma-3": None, "zeta-6": "Zeta 6"}
    # precision: of alpha, beta, zeta (Epoch has an estimate), Epoch puts 2 above 1e25
    assert (result.published_confirmed, result.published_with_epoch_estimate) == (2, 3)


def test_ratio_for_every_shared_model(result):
    ratios = {pair.ours.model_id: pair.ratio for pair in result.pairs}
    assert ratios == pytest.approx(
        {"alpha-1": 1.0, "beta-2": 2.0, "delta-4": 0.25, "eps-5": 2.0, "zeta-6": 3.0}
    )
    # largest disagreement first: |log 0.25| > |log 3| > |log 2|
    assert [pair.ours.model_id for pair in result.pairs][:2] == ["delta-4", "zeta-6"]


def test_ratio_distribution(result):
    dist = result.distribution
    assert dist is not None and dist.n == 5
    assert dist.median.estimate == pytest.approx(2.0)
    assert dist.within_2x.estimate == pytest.approx(0.6)
    assert dist.geometric_mean == pytest.approx(3 ** (1 / 5))
    assert (dist.q25, dist.q75) == pytest.approx((1.0, 2.0))
    assert (dist.minimum, dist.maximum) == (0.25, 3.0)
    assert dist.within_3x == pytest.approx(0.8)
    # the bootstrap interval brackets the estimate and stays within the data's range
    assert 0.25 <= dist.median.low <= 2.0 <= dist.median.high <= 3.0
    assert 0.0 <= dist.within_2x.low <= 0.6 <= dist.within_2x.high <= 1.0


def test_bootstrap_is_seeded_and_deterministic():
    values = [0.25, 1.0, 2.0, 2.0, 3.0]
    first = stats.bootstrap(values, stats.median)
    second = stats.bootstrap(values, stats.median)
    assert first == second
    assert first.estimate == 2.0


def test_quantile_interpolates_like_numpy():
    assert stats.quantile([1, 2, 3, 4], 0.5) == 2.5
    assert stats.quantile([1, 2, 3, 4], 0.25) == 1.75
    assert stats.quantile([5], 0.9) == 5


def test_each_estimation_method(result):
    final = {row.estimation_method: (row.n, row.median_ratio) for row in result.by_final_method}
    assert final == {
        "hardware": (1, pytest.approx(3.0)),
        "heuristic": (1, pytest.approx(0.25)),
        "operation_counting": (1, pytest.approx(2.0)),
        "reported": (2, pytest.approx(1.5)),
    }
    every = {row.estimation_method: row for row in result.by_method}
    # heuristic ran for alpha-1 too (6e25 vs Epoch 3e25 = 2x) besides delta-4 (0.25x)
    assert every["heuristic"].n == 2
    assert every["heuristic"].median_ratio == pytest.approx(1.125)
    assert every["heuristic"].within_2x == pytest.approx(0.5)


def test_report_states_sample_use_and_the_numbers(con, result):
    context = validation_data.report_context(con, validation_data.epoch_models(con))
    text = validation.render(result, context)
    assert "**SAMPLE DATA.**" in text
    assert "capture of 2025-10-20" in text
    assert "| … found by us (published, or `above`/`uncertain`) | 2 (50%) |" in text
    assert "| median ratio | 2.00× |" in text
    assert "| share within 2× | 60% |" in text
    assert "| Omega | Org E | 2025-01-01 | 4.00e25 | not found" in text
    assert "| `gamma-3` | Gamma 3 | 1.20e25 | benchmark_interpolation | uncertain |" in text
    assert "| Zeta 6 | `zeta-6` | 1.50e25 | 5.00e24 | 3.00× | hardware | no |" in text


def test_without_the_validation_branch_names_are_matched_here(con):
    # GIVEN only the staging table (the validation branch not built), with an alias
    con.execute("drop table intermediate.int_epoch_models_matched")
    con.execute("create schema staging")
    con.execute(
        """
        create table staging.stg_epoch__models as
        select * from (values
            ('Alpha 1', 'Org A', date '2023-03-14', 3e25, 'Confident'),
            ('OpenAI/Omega-Turbo', 'Org E', date '2025-01-01', 4e25, 'Likely'),
            ('Nobody (xHigh)', 'Org F', date '2025-01-01', 2e25, 'Likely')
        ) as t(epoch_model_name, epoch_organization, publication_date, training_compute_flop,
               confidence)
        """
    )
    epoch = validation_data.epoch_models(con)
    matched = {row.epoch_model: row.model_id for row in epoch.rows}
    # the identity macros' slug (provider prefix dropped, effort marker stripped), rendered
    # from macros/; without the validation branch no identity rule is applied
    assert matched == {
        "Alpha 1": "alpha-1",
        "OpenAI/Omega-Turbo": "omega-turbo",
        "Nobody (xHigh)": "nobody",
    }
    assert "normalize_model_name" in epoch.matching
    result = validation.analyse(validation_data.our_models(con), epoch.rows)
    assert [row.epoch_model for row in result.missed] == ["Nobody (xHigh)", "OpenAI/Omega-Turbo"]


def test_without_epoch_data_the_report_says_how_to_load_it(con):
    con.execute("drop table intermediate.int_epoch_models_matched")
    epoch = validation_data.epoch_models(con)
    assert epoch.rows == []
    text = validation.render(
        validation.analyse(validation_data.our_models(con), epoch.rows),
        validation_data.report_context(con, epoch),
    )
    assert "not loaded" in text and "--source epoch" in text


def test_no_shared_model_gives_no_distribution():
    result = validation.analyse([], [])
    assert result.distribution is None and result.recall is None
    assert result.pairs == [] and result.by_final_method == []
