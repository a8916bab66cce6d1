"""Small, dependency-free statistics for the validation report: quantiles and a seeded
bootstrap. Deterministic: the same ratios in the same order give the same figures."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

BOOTSTRAP_SEED = 20250630
BOOTSTRAP_RESAMPLES = 2000


def quantile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between order statistics (R's type 7, numpy's default)."""
    if not values:
        raise ValueError("quantile of an empty sequence")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return quantile(values, 0.5)


def geometric_mean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def share_within(ratios: Sequence[float], factor: float) -> float:
    """Share of ratios within ``factor`` of 1, both ways: 1/factor ≤ r ≤ factor."""
    return sum(1 for r in ratios if 1 / factor <= r <= factor) / len(ratios)


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float


def bootstrap(
    values: Sequence[float],
    statistic: Callable[[Sequence[float]], float],
    *,
    level: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> Interval:
    """Percentile bootstrap confidence interval of ``statistic``, seeded."""
    if not values:
        raise ValueError("bootstrap of an empty sequence")
    rng = random.Random(seed)
    n = len(values)
    draws = [statistic([values[rng.randrange(n)] for _ in range(n)]) for _ in range(resamples)]
    tail = (1 - level) / 2
    return Interval(statistic(values), quantile(draws, tail), quantile(draws, 1 - tail))
