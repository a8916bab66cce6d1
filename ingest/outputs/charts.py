"""Trend charts (PNG) for reports/: readable at a glance, byte-stable across runs.

- ``compute_trend.png``: training compute against publication date for every model at or
  above 1e24 FLOP, log scale, the 1e25 line, threshold classes by colour and marker, the
  90% interval as a faint bar, and the frontier (each model that set a new compute record
  when it came out) labelled, with labels placed so they do not overlap.
- ``models_above_per_quarter.png``: how many models are in the published list by the end
  of each quarter (cumulative, by class), with the new ones per quarter written on top.

Both say SAMPLE DATA in red when any evidence behind them comes from ``data/sample/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402 - after choosing the backend
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import LogLocator, MaxNLocator  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from ingest.outputs import db  # noqa: E402
from ingest.outputs.paths import temp_path_beside  # noqa: E402
from ingest.outputs.validation import THRESHOLD_FLOP  # noqa: E402

FIGSIZE = (12.0, 7.0)
DPI = 120
PIXELS = (int(FIGSIZE[0] * DPI), int(FIGSIZE[1] * DPI))  # (1440, 840)
TREND_FLOOR_FLOP = 1e24

# Colour-blind-safe (Okabe-Ito) colours; marker shapes repeat the class for greyscale prints.
CLASS_STYLE: dict[str, dict] = {
    "above": {"color": "#D55E00", "marker": "o", "label": "above: whole 90% interval ≥ 1e25"},
    "uncertain": {"color": "#E69F00", "marker": "D", "label": "uncertain: interval spans 1e25"},
    "below": {"color": "#0072B2", "marker": "v", "label": "below: whole interval < 1e25"},
    "unknown": {"color": "#999999", "marker": "s", "label": "no class"},
}
SAMPLE_WARNING = "SAMPLE DATA: not real figures"


@dataclass(frozen=True)
class TrendPoint:
    model_id: str
    model_name: str
    publication_date: date
    training_compute_flop: float
    lower_flop: float | None
    upper_flop: float | None
    threshold_class: str
    is_published: bool
    is_sample_data: bool


def trend_points(con: duckdb.DuckDBPyConnection, floor_flop: float) -> list[TrendPoint]:
    if not db.has_relation(con, "marts", "models"):
        return []
    published = db.is_published_predicate(con)
    rows = db.records(
        con,
        f"""
        select
            model_id,
            model_name,
            publication_date,
            training_compute_flop,
            training_compute_lower_flop as lower_flop,
            training_compute_upper_flop as upper_flop,
            coalesce(threshold_class, 'unknown') as threshold_class,
            {published} as is_published,
            coalesce(is_sample_data, false) as is_sample_data
        from marts.models
        where
            not coalesce(is_excluded, false)
            and publication_date is not null
            and training_compute_flop >= ?
        order by publication_date, model_id
        """,
        [floor_flop],
    )
    return [TrendPoint(**row) for row in rows]


def frontier(
    points: list[TrendPoint], *, per_year: int = 3, threshold_flop: float = THRESHOLD_FLOP
) -> list[TrendPoint]:
    """The models worth a label: each one that set a new training-compute record on the
    day it came out, plus the ``per_year`` largest at or above the threshold each year."""
    record = 0.0
    chosen: dict[str, TrendPoint] = {}
    for point in sorted(points, key=lambda p: (p.publication_date, -p.training_compute_flop)):
        if point.training_compute_flop > record:
            chosen[point.model_id] = point
            record = point.training_compute_flop
    by_year: dict[int, list[TrendPoint]] = {}
    for point in points:
        if point.training_compute_flop >= threshold_flop:
            by_year.setdefault(point.publication_date.year, []).append(point)
    for group in by_year.values():
        group.sort(key=lambda p: (-p.training_compute_flop, p.model_id))
        chosen.update({p.model_id: p for p in group[:per_year]})
    return sorted(chosen.values(), key=lambda p: (p.publication_date, p.model_id))


def _save(fig: plt.Figure, path: Path) -> Path:
    tmp = temp_path_beside(path)
    try:
        # No "Software" key: the file then depends only on the data and matplotlib's output.
        fig.savefig(tmp, format="png", dpi=DPI, metadata={"Software": None})
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        plt.close(fig)
    return path


def _sample_banner(fig: plt.Figure) -> None:
    fig.text(
        0.99,
        0.985,
        SAMPLE_WARNING,
        ha="right",
        va="top",
        color="white",
        fontsize=12,
        fontweight="bold",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "#C00000", "edgecolor": "none"},
    )


def _frame(ax: plt.Axes, *, xlabel: str, ylabel: str, title: str, subtitle: str) -> None:
    """The frame both charts share: grid behind the data, no top or right spine, axis
    labels, a bold title on the left and a small grey subtitle under it."""
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=14, fontweight="bold", pad=24)
    ax.text(
        0.0,
        1.01,
        subtitle,
        transform=ax.transAxes,
        fontsize=9,
        color="#555555",
        va="bottom",
    )


def _overlap(box: Bbox, others: list[Bbox]) -> float:
    total = 0.0
    for other in others:
        width = min(box.x1, other.x1) - max(box.x0, other.x0)
        height = min(box.y1, other.y1) - max(box.y0, other.y0)
        if width > 0 and height > 0:
            total += width * height
    return total


# Offsets (points) tried in order for each label: close by first, then further out with a
# leader line, on either side and above or below.
LABEL_OFFSETS = [
    (sign_x * dx, sign_y * dy)
    for dx, dy in ((8, 6), (10, 20), (14, 36), (18, 54), (22, 74), (26, 96))
    for sign_y in (1, -1)
    for sign_x in (1, -1)
]
# Covering another label or the legend is far worse than covering a marker.
LABEL_WEIGHT = 50.0


def _place_labels(
    fig: plt.Figure, ax: plt.Axes, labelled: list[TrendPoint], markers: list[TrendPoint]
) -> None:
    """Greedy placement: each label takes the first offset where it covers no marker, no
    label placed so far and not the legend, inside the axes; else the least-bad offset."""
    renderer = fig.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    marker_boxes: list[Bbox] = []
    for point in markers:
        x = mdates.date2num(point.publication_date)
        anchor = ax.transData.transform((x, point.training_compute_flop))
        marker_boxes.append(Bbox.from_bounds(anchor[0] - 5, anchor[1] - 5, 10, 10))
    label_boxes: list[Bbox] = []
    legend = ax.get_legend()
    if legend is not None:
        label_boxes.append(legend.get_window_extent(renderer))
    for point in sorted(labelled, key=lambda p: (-p.training_compute_flop, p.model_id)):
        xy = (mdates.date2num(point.publication_date), point.training_compute_flop)
        best: tuple[float, tuple[int, int], Bbox] | None = None
        for offset in LABEL_OFFSETS:
            probe = _label(ax, point.model_name, xy, offset, leader=False)
            box = probe.get_window_extent(renderer).expanded(1.04, 1.2)
            probe.remove()
            inside = axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1
            inside = inside and axes_box.y0 <= box.y0 and box.y1 <= axes_box.y1
            score = (
                LABEL_WEIGHT * _overlap(box, label_boxes)
                + _overlap(box, marker_boxes)
                + (0 if inside else 1e12)
            )
            if best is None or score < best[0]:
                best = (score, offset, box)
            if score == 0:
                break
        if best is not None:
            _label(ax, point.model_name, xy, best[1], leader=True)
            label_boxes.append(best[2])


def _label(
    ax: plt.Axes, name: str, xy: tuple[float, float], offset: tuple[int, int], *, leader: bool
) -> plt.Annotation:
    dx, dy = offset
    return ax.annotate(
        name,
        xy,
        xytext=offset,
        textcoords="offset points",
        ha="left" if dx > 0 else "right",
        va="bottom" if dy > 0 else "top",
        fontsize=8.5,
        color="#222222",
        zorder=5,
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.7, "lw": 0},
        # A thin leader line ties every label to its marker, however close.
        arrowprops=(
            {"arrowstyle": "-", "color": "#777777", "lw": 0.6, "shrinkB": 3} if leader else None
        ),
    )


def compute_trend_chart(
    points: list[TrendPoint], path: Path, *, threshold_flop: float = THRESHOLD_FLOP
) -> Path:
    fig, ax = plt.subplots(figsize=FIGSIZE, dpi=DPI)
    ax.set_ylim(TREND_FLOOR_FLOP / 3, threshold_flop * 30)  # replaced below when there is data
    ax.set_yscale("log")
    counts = {}
    for cls, style in CLASS_STYLE.items():
        group = [p for p in points if p.threshold_class == cls]
        if not group:
            continue
        counts[cls] = len(group)
        xs = [mdates.date2num(p.publication_date) for p in group]
        ys = [p.training_compute_flop for p in group]
        lows = [p.lower_flop for p in group]
        highs = [p.upper_flop for p in group]
        for x, low, high in zip(xs, lows, highs, strict=True):
            if low and high:
                ax.plot([x, x], [low, high], color=style["color"], alpha=0.18, lw=2.2, zorder=1)
        ax.scatter(
            xs,
            ys,
            s=46,
            marker=style["marker"],
            color=style["color"],
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
            label=f"{style['label']} ({len(group)})",
        )
    ax.axhline(threshold_flop, color="#333333", lw=1.2, ls="--", zorder=2)
    if points:
        ax.text(
            0.005,
            threshold_flop * 1.08,
            "1e25 FLOP",
            transform=ax.get_yaxis_transform(),
            fontsize=10,
            fontweight="bold",
            color="#333333",
            va="bottom",
        )
        xs_all = [mdates.date2num(p.publication_date) for p in points]
        pad = max(60.0, (max(xs_all) - min(xs_all)) * 0.06)
        ax.set_xlim(min(xs_all) - pad, max(xs_all) + pad)
        lows = [p.lower_flop or p.training_compute_flop for p in points]
        highs = [p.upper_flop or p.training_compute_flop for p in points]
        ax.set_ylim(max(min(lows) / 1.5, TREND_FLOOR_FLOP / 3), max(highs) * 3)
    else:
        ax.text(0.5, 0.5, "No model at or above 1e24 FLOP yet", ha="center", transform=ax.transAxes)
    ax.yaxis.set_major_locator(LogLocator(base=10))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(which="major", color="#dddddd", lw=0.8)
    ax.grid(which="minor", axis="x", color="#f0f0f0", lw=0.6)
    _frame(
        ax,
        xlabel="Publication date",
        ylabel="Training compute (FLOP, log scale)",
        title="Training compute of AI models estimated at or above 1e24 FLOP",
        subtitle="Faint bars: 90% interval. Labelled: each new compute record, and the 3 largest "
        "models above 1e25 of each year.",
    )
    if counts:
        ax.legend(loc="upper left", fontsize=9, frameon=True, framealpha=0.9, title="Class")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    _place_labels(fig, ax, frontier(points), points)
    if any(p.is_sample_data for p in points):
        _sample_banner(fig)
    return _save(fig, path)


@dataclass(frozen=True)
class QuarterCount:
    quarter: str  # 2024-Q3
    new_above: int
    new_uncertain: int
    total_above: int
    total_uncertain: int

    @property
    def new(self) -> int:
        return self.new_above + self.new_uncertain

    @property
    def total(self) -> int:
        return self.total_above + self.total_uncertain


def _quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_counts(rows: list[tuple[date, str]]) -> list[QuarterCount]:
    """Cumulative counts per quarter from (publication_date, threshold_class) rows,
    every quarter from the first to the last included (empty ones too). Classes other
    than ``above`` count as ``uncertain`` (the list holds models at or above 1e25 whose
    interval may still reach below)."""
    if not rows:
        return []
    new: dict[tuple[int, int], list[int]] = {}
    for day, cls in rows:
        slot = new.setdefault(_quarter(day), [0, 0])
        slot[0 if cls == "above" else 1] += 1
    first, last = min(new), max(new)
    out, total_above, total_uncertain = [], 0, 0
    year, q = first
    while (year, q) <= last:
        above, uncertain = new.get((year, q), [0, 0])
        total_above += above
        total_uncertain += uncertain
        out.append(QuarterCount(f"{year}-Q{q}", above, uncertain, total_above, total_uncertain))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def published_quarter_rows(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple[date, str]], bool]:
    if not db.has_relation(con, "marts", "models_above_1e25_flop"):
        return [], False
    rows = con.execute(
        """
        select publication_date, coalesce(threshold_class, 'uncertain')
        from marts.models_above_1e25_flop
        where publication_date is not null
        order by publication_date, model_id
        """
    ).fetchall()
    sample = bool(
        db.scalar(con, "select bool_or(is_sample_data) from marts.models_above_1e25_flop")
    )
    return [(row[0], row[1]) for row in rows], sample


def quarter_titles(counts: list[QuarterCount]) -> tuple[str, str]:
    """Title and subtitle that say what the bars hold: the published list is every model
    whose central estimate is at or above 1e25, and most of them may be `uncertain`."""
    title = "Models estimated at or above 1e25 FLOP (the published list), by quarter"
    if not counts:
        return title, "Bar: total by the end of the quarter; +n: new that quarter."
    last = counts[-1]
    if last.total_uncertain > last.total_above:
        title = (
            f"Models estimated at or above 1e25 FLOP, by quarter: "
            f"{last.total_uncertain} of {last.total} uncertain"
        )
    subtitle = (
        f"{last.total_above} of {last.total} are above 1e25 with their whole 90% interval; "
        f"{last.total_uncertain} are uncertain (the interval reaches below). "
        "Bar: total by the end of the quarter; +n: new that quarter."
    )
    return title, subtitle


def quarter_chart(counts: list[QuarterCount], path: Path, *, is_sample: bool = False) -> Path:
    fig, ax = plt.subplots(figsize=FIGSIZE, dpi=DPI)
    positions = list(range(len(counts)))
    above = [c.total_above for c in counts]
    uncertain = [c.total_uncertain for c in counts]
    ax.bar(
        positions,
        above,
        color=CLASS_STYLE["above"]["color"],
        label="above (whole 90% interval ≥ 1e25)",
        width=0.75,
    )
    ax.bar(
        positions,
        uncertain,
        bottom=above,
        color=CLASS_STYLE["uncertain"]["color"],
        label="uncertain (estimate ≥ 1e25, interval reaches below)",
        width=0.75,
    )
    top = max((c.total for c in counts), default=0)
    for pos, count in zip(positions, counts, strict=True):
        ax.text(
            pos,
            count.total + top * 0.01,
            str(count.total),
            ha="center",
            va="bottom",
            fontsize=10,
            fontweight="bold",
        )
        if count.new:
            ax.text(
                pos,
                count.total + top * 0.055,
                f"+{count.new} new",
                ha="center",
                va="bottom",
                fontsize=8,
                color="#2E7D32",
            )
    ax.set_xticks(positions)
    step = max(1, len(counts) // 16)
    ax.set_xticklabels(
        [c.quarter if i % step == 0 else "" for i, c in enumerate(counts)],
        rotation=45,
        ha="right",
    )
    ax.set_ylim(0, max(1, top) * 1.18)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#dddddd", lw=0.8)
    _frame(
        ax,
        xlabel="Quarter of publication",
        ylabel="Models in the published list (cumulative)",
        **dict(zip(("title", "subtitle"), quarter_titles(counts), strict=True)),
    )
    if not counts:
        ax.text(0.5, 0.5, "The published list is empty", ha="center", transform=ax.transAxes)
    else:
        ax.legend(loc="upper left", fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    if is_sample:
        _sample_banner(fig)
    return _save(fig, path)


def write_charts(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    trend = compute_trend_chart(trend_points(con, TREND_FLOOR_FLOP), out_dir / "compute_trend.png")
    rows, sample = published_quarter_rows(con)
    quarters = quarter_chart(
        quarter_counts(rows), out_dir / "models_above_per_quarter.png", is_sample=sample
    )
    return [trend, quarters]
