"""The gap analysis against Epoch AI's reference data: reports/validation.md.

``analyse`` is a pure function of three lists (our models, our estimates per method,
Epoch's models matched to our ``model_id``s), so its figures are tested on a tiny
hand-made fixture; ``inputs_from_warehouse`` reads those lists from whatever the build
produced. Epoch's data is a reference only: nothing here feeds back into an estimate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from ingest.outputs import stats
from ingest.outputs.formatting import flop, md_cell, percent, ratio

# The list's threshold, defined once here (charts.py imports it).
THRESHOLD_FLOP = 1e25
FOUND_CLASSES = ("above", "uncertain")


@dataclass(frozen=True)
class OurModel:
    model_id: str
    model_name: str
    organization: str | None
    publication_date: date | None
    training_compute_flop: float | None
    estimation_method: str | None
    threshold_class: str | None
    is_published: bool


@dataclass(frozen=True)
class EpochModel:
    epoch_model: str
    organization: str | None
    publication_date: date | None
    training_compute_flop: float | None
    confidence: str | None
    model_id: str | None  # our model_id it matches, if any


@dataclass(frozen=True)
class MethodEstimate:
    model_id: str
    estimation_method: str
    training_compute_flop: float
    is_final: bool


@dataclass(frozen=True)
class Pair:
    epoch: EpochModel
    ours: OurModel
    ratio: float  # our estimate ÷ Epoch's

    @property
    def within_2x(self) -> bool:
        return 0.5 <= self.ratio <= 2.0


@dataclass(frozen=True)
class Distribution:
    n: int
    median: stats.Interval
    within_2x: stats.Interval
    geometric_mean: float
    q10: float
    q25: float
    q75: float
    q90: float
    minimum: float
    maximum: float
    within_3x: float
    within_10x: float


@dataclass(frozen=True)
class MethodStats:
    estimation_method: str
    n: int
    median_ratio: float
    within_2x: float
    geometric_mean: float


@dataclass
class ValidationResult:
    threshold_flop: float
    epoch_rows: int
    epoch_above: list[EpochModel]
    found: list[tuple[EpochModel, OurModel]]
    misclassified: list[tuple[EpochModel, OurModel]]
    missed: list[EpochModel]
    extra: list[tuple[OurModel, EpochModel | None]]
    published: list[tuple[OurModel, EpochModel | None]]
    pairs: list[Pair]
    distribution: Distribution | None
    by_final_method: list[MethodStats] = field(default_factory=list)
    by_method: list[MethodStats] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return len(self.found) / len(self.epoch_above) if self.epoch_above else None

    @property
    def published_with_epoch_estimate(self) -> int:
        return sum(
            1
            for _, epoch in self.published
            if epoch is not None and epoch.training_compute_flop is not None
        )

    @property
    def published_confirmed(self) -> int:
        return sum(
            1
            for _, epoch in self.published
            if epoch is not None
            and epoch.training_compute_flop is not None
            and epoch.training_compute_flop >= self.threshold_flop
        )

    @property
    def precision(self) -> float | None:
        known = self.published_with_epoch_estimate
        return self.published_confirmed / known if known else None


def _distribution(ratios: list[float]) -> Distribution | None:
    if not ratios:
        return None
    return Distribution(
        n=len(ratios),
        median=stats.bootstrap(ratios, stats.median),
        within_2x=stats.bootstrap(ratios, lambda values: stats.share_within(values, 2.0)),
        geometric_mean=stats.geometric_mean(ratios),
        q10=stats.quantile(ratios, 0.10),
        q25=stats.quantile(ratios, 0.25),
        q75=stats.quantile(ratios, 0.75),
        q90=stats.quantile(ratios, 0.90),
        minimum=min(ratios),
        maximum=max(ratios),
        within_3x=stats.share_within(ratios, 3.0),
        within_10x=stats.share_within(ratios, 10.0),
    )


def _method_stats(groups: dict[str, list[float]]) -> list[MethodStats]:
    return [
        MethodStats(
            estimation_method=method,
            n=len(values),
            median_ratio=stats.median(values),
            within_2x=stats.share_within(values, 2.0),
            geometric_mean=stats.geometric_mean(values),
        )
        for method, values in sorted(groups.items())
    ]


def _epoch_by_model(epoch: list[EpochModel]) -> dict[str, EpochModel]:
    """One Epoch row per model_id: the one with an estimate, then the largest, then by name."""
    best: dict[str, EpochModel] = {}
    for row in sorted(
        (row for row in epoch if row.model_id),
        key=lambda row: (
            row.training_compute_flop is None,
            -(row.training_compute_flop or 0.0),
            row.epoch_model,
        ),
    ):
        best.setdefault(row.model_id or "", row)
    return best


def analyse(
    ours: list[OurModel],
    epoch: list[EpochModel],
    estimates: list[MethodEstimate] | None = None,
    *,
    threshold_flop: float = THRESHOLD_FLOP,
) -> ValidationResult:
    ours_by_id = {model.model_id: model for model in ours}
    epoch_rows = [row for row in epoch if row.model_id is None or row.model_id in ours_by_id]
    # A match to a model_id we do not have is no match at all.
    epoch_rows += [
        EpochModel(
            row.epoch_model,
            row.organization,
            row.publication_date,
            row.training_compute_flop,
            row.confidence,
            None,
        )
        for row in epoch
        if row.model_id is not None and row.model_id not in ours_by_id
    ]
    epoch_rows.sort(key=lambda row: (row.epoch_model, row.publication_date or date.min))

    epoch_above = [
        row
        for row in epoch_rows
        if row.training_compute_flop is not None and row.training_compute_flop >= threshold_flop
    ]
    found, misclassified, missed = [], [], []
    for row in epoch_above:
        model = ours_by_id.get(row.model_id or "")
        if model is None:
            missed.append(row)
        elif model.is_published or model.threshold_class in FOUND_CLASSES:
            found.append((row, model))
        else:
            misclassified.append((row, model))

    epoch_by_model = _epoch_by_model(epoch_rows)
    published = [
        (model, epoch_by_model.get(model.model_id))
        for model in sorted(ours, key=lambda m: m.model_id)
        if model.is_published
    ]
    extra = [
        (model, match)
        for model, match in published
        if match is None
        or match.training_compute_flop is None
        or match.training_compute_flop < threshold_flop
    ]

    pairs = sorted(
        (
            Pair(row, ours_by_id[row.model_id or ""], _ratio(row, ours_by_id[row.model_id or ""]))
            for row in epoch_rows
            if row.model_id
            and row.training_compute_flop
            and ours_by_id[row.model_id].training_compute_flop
        ),
        key=lambda pair: (-abs(math.log(pair.ratio)), pair.epoch.epoch_model),
    )
    ratios = [pair.ratio for pair in sorted(pairs, key=lambda p: p.epoch.epoch_model)]

    final_groups: dict[str, list[float]] = defaultdict(list)
    for pair in pairs:
        final_groups[pair.ours.estimation_method or "(none)"].append(pair.ratio)
    method_groups: dict[str, list[float]] = defaultdict(list)
    for estimate in sorted(estimates or [], key=lambda e: (e.estimation_method, e.model_id)):
        match = epoch_by_model.get(estimate.model_id)
        if match and match.training_compute_flop and estimate.training_compute_flop:
            method_groups[estimate.estimation_method].append(
                estimate.training_compute_flop / match.training_compute_flop
            )

    return ValidationResult(
        threshold_flop=threshold_flop,
        epoch_rows=len(epoch_rows),
        epoch_above=epoch_above,
        found=found,
        misclassified=misclassified,
        missed=missed,
        extra=extra,
        published=published,
        pairs=pairs,
        distribution=_distribution(ratios),
        by_final_method=_method_stats(final_groups),
        by_method=_method_stats(method_groups),
    )


def _ratio(epoch: EpochModel, ours: OurModel) -> float:
    return float(ours.training_compute_flop or 0.0) / float(epoch.training_compute_flop or 1.0)


# -- rendering ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportContext:
    """Facts about the inputs the report states in its header."""

    epoch_loaded: bool
    epoch_is_sample: bool
    epoch_captured: date | None
    matching: str  # how Epoch's names were matched to ours
    ours_is_sample: bool


def render(result: ValidationResult, context: ReportContext) -> str:
    lines = ["# Validation against Epoch AI", ""]
    if not context.epoch_loaded:
        return "\n".join(
            lines
            + [
                "The Epoch AI reference is not loaded in this warehouse, so there is nothing to "
                "compare. Load it with `python -m ingest --source epoch` (or "
                "`--from-file epoch=PATH` with a CSV saved from "
                "https://epoch.ai/data/large_scale_ai_models.csv), then `dbt build` and "
                "`python -m ingest.outputs`.",
                "",
            ]
        )
    if context.epoch_is_sample:
        lines += [
            "> **SAMPLE DATA.** The Epoch reference used here is the small sample in "
            "`data/sample/epoch/`, not Epoch's published data: the figures below show how "
            "the report works, not how accurate the tracker is.",
            "",
        ]
    if context.ours_is_sample:
        lines += [
            "> Some of our own evidence also comes from sample captures (`is_sample_data`).",
            "",
        ]
    captured = context.epoch_captured.isoformat() if context.epoch_captured else "unknown"
    lines += [
        f"Reference: Epoch AI's data (CC BY 4.0), capture of {captured}; {result.epoch_rows} "
        f"Epoch models read. Names matched to our `model_id`s {context.matching}. "
        f"Threshold: {flop(result.threshold_flop)} FLOP. Epoch's values are used here only: "
        "none reaches an estimate or the published list.",
        "",
        "## Headline",
        "",
        "| measure | value |",
        "|---|---|",
        f"| Epoch's models at or above the threshold | {len(result.epoch_above)} |",
        f"| … found by us (published, or `above`/`uncertain`) | {len(result.found)} "
        f"({percent(result.recall)}) |",
        f"| … found but classed `below` or not estimated | {len(result.misclassified)} |",
        f"| … not found at all | {len(result.missed)} |",
        f"| Our published list | {len(result.published)} |",
        f"| … that Epoch also puts at or above the threshold | {result.published_confirmed} of "
        f"{result.published_with_epoch_estimate} with an Epoch estimate "
        f"({percent(result.precision)}) |",
        f"| … that Epoch does not list above the threshold | {len(result.extra)} |",
        f"| Shared models with both estimates | {len(result.pairs)} |",
        "",
    ]
    lines += _distribution_section(result.distribution)
    lines += _methods_section(result)
    lines += _missed_section(result)
    lines += _extra_section(result)
    lines += _pairs_section(result)
    return "\n".join(lines)


def _distribution_section(dist: Distribution | None) -> list[str]:
    lines = ["## Our estimate ÷ Epoch's", ""]
    if dist is None:
        return lines + ["No model has an estimate from both sides.", ""]
    level = "95%"
    return lines + [
        f"Over the {dist.n} shared models (1.00× = same estimate; bootstrap: "
        f"{stats.BOOTSTRAP_RESAMPLES} resamples, seed {stats.BOOTSTRAP_SEED}, {level} "
        "percentile intervals).",
        "",
        "| statistic | value | 95% CI |",
        "|---|---|---|",
        f"| median ratio | {ratio(dist.median.estimate)} | "
        f"{ratio(dist.median.low)} – {ratio(dist.median.high)} |",
        f"| share within 2× | {percent(dist.within_2x.estimate)} | "
        f"{percent(dist.within_2x.low)} – {percent(dist.within_2x.high)} |",
        f"| geometric mean ratio | {ratio(dist.geometric_mean)} | |",
        f"| 10% / 25% / 75% / 90% quantiles | {ratio(dist.q10)} / {ratio(dist.q25)} / "
        f"{ratio(dist.q75)} / {ratio(dist.q90)} | |",
        f"| min / max | {ratio(dist.minimum)} / {ratio(dist.maximum)} | |",
        f"| share within 3× / 10× | {percent(dist.within_3x)} / {percent(dist.within_10x)} | |",
        "",
    ]


def _method_table(rows: list[MethodStats]) -> list[str]:
    lines = [
        "| estimation method | models | median ratio | within 2× | geometric mean |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {row.estimation_method} | {row.n} | {ratio(row.median_ratio)} | "
        f"{percent(row.within_2x)} | {ratio(row.geometric_mean)} |"
        for row in rows
    ]
    return lines + [""]


def _methods_section(result: ValidationResult) -> list[str]:
    lines = ["## How each estimation method fares", ""]
    if not result.by_final_method:
        return lines + ["No shared model to judge a method on.", ""]
    lines += ["By the method behind our final estimate:", ""]
    lines += _method_table(result.by_final_method)
    if result.by_method:
        lines += [
            "Every method that could run (`marts.model_estimates`), final or not, against "
            "Epoch's estimate of the same model:",
            "",
        ]
        lines += _method_table(result.by_method)
    return lines


def _missed_section(result: ValidationResult) -> list[str]:
    lines = ["## Epoch's models above the threshold that we miss", ""]
    if not result.missed and not result.misclassified:
        return lines + ["None.", ""]
    lines += [
        "| Epoch model | organization | published | Epoch estimate | ours |",
        "|---|---|---|---|---|",
    ]
    for row in result.missed:
        lines.append(
            f"| {md_cell(row.epoch_model)} | {md_cell(row.organization)} | "
            f"{_date(row.publication_date)} | {flop(row.training_compute_flop)} | "
            "not found (no source mentions it, or its name is not matched: add an alias) |"
        )
    for row, model in result.misclassified:
        ours = (
            f"`{model.model_id}`: {flop(model.training_compute_flop)} "
            f"({model.estimation_method}), class {model.threshold_class}"
            if model.training_compute_flop is not None
            else f"`{model.model_id}`: no estimate"
        )
        lines.append(
            f"| {md_cell(row.epoch_model)} | {md_cell(row.organization)} | "
            f"{_date(row.publication_date)} | {flop(row.training_compute_flop)} | {ours} |"
        )
    return lines + [""]


def _extra_section(result: ValidationResult) -> list[str]:
    lines = ["## Models we list that Epoch does not put above the threshold", ""]
    if not result.extra:
        return lines + ["None.", ""]
    lines += [
        "| model_id | model | our estimate | method | class | Epoch |",
        "|---|---|---|---|---|---|",
    ]
    for model, match in result.extra:
        if match is None:
            epoch = "not in Epoch's data (or not matched)"
        elif match.training_compute_flop is None:
            epoch = f"{md_cell(match.epoch_model)}: no estimate"
        else:
            epoch = f"{md_cell(match.epoch_model)}: {flop(match.training_compute_flop)}"
        lines.append(
            f"| `{model.model_id}` | {md_cell(model.model_name)} | "
            f"{flop(model.training_compute_flop)} | {model.estimation_method or ''} | "
            f"{model.threshold_class or ''} | {epoch} |"
        )
    return lines + [""]


def _pairs_section(result: ValidationResult) -> list[str]:
    lines = ["## Every shared model", ""]
    if not result.pairs:
        return lines + ["None.", ""]
    lines += [
        "Largest disagreement first.",
        "",
        "| Epoch model | model_id | ours | Epoch | ours ÷ Epoch | our method | within 2× |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {md_cell(pair.epoch.epoch_model)} | `{pair.ours.model_id}` | "
        f"{flop(pair.ours.training_compute_flop)} | {flop(pair.epoch.training_compute_flop)} | "
        f"{ratio(pair.ratio)} | {pair.ours.estimation_method or ''} | "
        f"{'yes' if pair.within_2x else 'no'} |"
        for pair in result.pairs
    ]
    return lines + [""]


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""
