"""Method 4b, benchmark scores, end to end on the committed samples.

The warehouse is conftest's sample_warehouse, built once per session from the samples in
a temporary folder and shared with test_estimation.py: never the user's warehouse.duckdb
or data/. The SQL fit of log10 compute on
the logit of the developers' published scores and the publication date is checked
against a refit done here in plain Python (normal equations, explicit leave-one-out
refits), starting from seeds/benchmark_scores.csv itself; then the estimates it makes.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass

import pytest
from least_squares import solve

from ingest.config import REPO_ROOT

SEED = REPO_ROOT / "seeds" / "benchmark_scores.csv"
BENCHMARK = "mmlu_5shot"


@dataclass(frozen=True)
class Point:
    model_id: str
    logit: float
    years: float
    log10_compute: float


@dataclass(frozen=True)
class Fit:
    intercept: float
    logit_slope: float
    year_slope: float

    def predict(self, logit: float, years: float) -> float:
        return self.intercept + self.logit_slope * logit + self.year_slope * years


def _seed_logits() -> dict[str, float]:
    """logit(score / 100) per model, read from the seed CSV here (not from the warehouse)."""
    with SEED.open(newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["benchmark"] == BENCHMARK]
    logits = {}
    for row in rows:
        share = float(row["score_percent"]) / 100
        logits[row["model_id"]] = math.log(share / (1 - share))
    return logits


def _least_squares(points: list[Point]) -> Fit:
    """(a, b, c) minimizing Σ (y - a - b·logit - c·years)², by the normal equations."""
    design = [(1.0, p.logit, p.years) for p in points]
    gram = [[sum(x[i] * x[j] for x in design) for j in range(3)] for i in range(3)]
    ys = [p.log10_compute for p in points]
    moment = [sum(x[i] * y for x, y in zip(design, ys, strict=True)) for i in range(3)]
    return Fit(*solve(gram, moment))


@pytest.fixture(scope="module")
def references(sample_warehouse) -> list[Point]:
    """The fit's references: reference compute and date from the warehouse, the score's
    logit recomputed from the seed file."""
    logits = _seed_logits()
    rows = sample_warehouse.rows(
        "select model_id, years_since_2023, log10_compute"
        " from intermediate.int_benchmark_score_references_selected"
        " where benchmark = ? order by model_id",
        BENCHMARK,
    )
    return [Point(model_id, logits[model_id], years, y) for model_id, years, y in rows]


@pytest.fixture(scope="module")
def sql_fit(sample_warehouse) -> tuple:
    return sample_warehouse.one(
        "select reference_count, intercept, logit_slope, year_slope, r_squared,"
        " residual_standard_error_log10, loo_rmse_log10, is_usable"
        " from intermediate.int_benchmark_score_fits_estimated where benchmark = ?",
        BENCHMARK,
    )


def test_seed_logits_are_the_ones_the_warehouse_fits(sample_warehouse, references):
    # GIVEN the seed's scores WHEN their logits are recomputed here
    stored = dict(
        sample_warehouse.rows(
            "select model_id, score_logit from intermediate.int_benchmark_score_references_selected"
            " where benchmark = ?",
            BENCHMARK,
        )
    )
    # THEN the warehouse took the same logit, ln(p / (1 - p)), for every reference
    assert {p.model_id: p.logit for p in references} == pytest.approx(stored, abs=1e-12)
    # AND GPT-4's 86.4% is one of them: logit ln(0.864 / 0.136) = 1.849
    assert stored["gpt-4"] == pytest.approx(1.8489, abs=1e-4)


def test_sql_fit_matches_a_plain_python_least_squares_fit(references, sql_fit):
    count, intercept, logit_slope, year_slope, r_squared, s, _, is_usable = sql_fit
    # GIVEN the references (at least var benchmark_scores_min_reference_models, 8)
    assert count == len(references) >= 8
    # WHEN refitted here
    fit = _least_squares(references)
    # THEN the SQL closed form gives the same coefficients, with a positive slope on the score
    assert (intercept, logit_slope, year_slope) == pytest.approx(
        (fit.intercept, fit.logit_slope, fit.year_slope), rel=1e-9, abs=1e-9
    )
    assert is_usable and logit_slope > 0
    # AND the same R² and residual standard error
    residuals = [p.log10_compute - fit.predict(p.logit, p.years) for p in references]
    mean_y = sum(p.log10_compute for p in references) / count
    total = sum((p.log10_compute - mean_y) ** 2 for p in references)
    rss = sum(e * e for e in residuals)
    assert r_squared == pytest.approx(1 - rss / total, abs=1e-9)
    assert s == pytest.approx(math.sqrt(rss / (count - 3)), abs=1e-9)


def test_sql_leave_one_out_matches_explicit_refits(sample_warehouse, references, sql_fit):
    loo_rmse = sql_fit[6]
    loo_sql = dict(
        sample_warehouse.rows(
            "select model_id, loo_predicted_log10_compute"
            " from intermediate.int_benchmark_score_residuals_computed where benchmark = ?",
            BENCHMARK,
        )
    )
    errors = []
    for index, point in enumerate(references):
        # WHEN the fit is redone without the model
        refit = _least_squares([p for i, p in enumerate(references) if i != index])
        predicted = refit.predict(point.logit, point.years)
        # THEN the closed-form e_i / (1 - h_ii) prediction is the refit's
        assert loo_sql[point.model_id] == pytest.approx(predicted, abs=1e-6), point.model_id
        errors.append(point.log10_compute - predicted)
    assert loo_rmse == pytest.approx(math.sqrt(sum(e * e for e in errors) / len(errors)), abs=1e-6)


def test_gemini_ultra_is_estimated_from_its_published_mmlu(sample_warehouse, references):
    # GIVEN Gemini 1.0 Ultra: not on LMArena, no size, hardware or compute published,
    # only Google's MMLU 5-shot 83.7%
    flop, lower, upper, confidence, years, notes = sample_warehouse.one(
        "select training_compute_flop, method_lower_flop, method_upper_flop, confidence,"
        " years_since_2023, training_compute_notes"
        " from intermediate.int_score_estimates_interpolated where model_id = 'gemini-1-0-ultra'"
    )
    # WHEN the fit is applied here to logit(0.837) and its date
    fit = _least_squares(references)
    expected = 10 ** fit.predict(math.log(0.837 / 0.163), years)
    # THEN the warehouse's estimate is that prediction, inside its interval, Speculative,
    # with notes quoting the score and its source
    assert flop == pytest.approx(expected, rel=1e-6)
    assert lower < flop < upper
    assert confidence == "Speculative"
    assert "MMLU 5-shot 83.7%" in notes and "arXiv:2312.11805" in notes
    # AND it reaches marts.models as its final estimate, no longer missing: its interval
    # straddles or clears 1e25, so it is at least 'uncertain' and goes to review
    method, threshold_class = sample_warehouse.one(
        "select estimation_method, threshold_class from marts.models"
        " where model_id = 'gemini-1-0-ultra'"
    )
    assert method == "benchmark_scores"
    assert threshold_class in ("above", "uncertain")


def test_models_with_better_evidence_are_not_estimated_from_scores(sample_warehouse):
    # GIVEN every model the seed scores WHEN its estimates are read
    rows = sample_warehouse.rows(
        "select model_id, list(estimation_method order by estimation_method)"
        " from marts.model_estimates"
        " where model_id in (select model_id from seeds.benchmark_scores)"
        " group by model_id"
    )
    better = {
        "reported",
        "hardware",
        "operation_counting",
        "relative",
        "cost",
        "benchmark_interpolation",
    }
    from_scores = {model_id for model_id, methods in rows if "benchmark_scores" in methods}
    # THEN a benchmark-scores estimate only ever stands where no better method could run
    for model_id, methods in rows:
        if "benchmark_scores" in methods:
            assert not better & set(methods), model_id
    # AND GPT-4 (reported) and Claude 3 Opus (LMArena) keep their better evidence
    assert "gpt-4" not in from_scores
    assert "claude-3-opus" not in from_scores
    assert "gemini-1-0-ultra" in from_scores
