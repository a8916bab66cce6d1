"""Property tests (hypothesis): the text parsers and the threshold classification rule.

The classification rule is tested through DuckDB on the SQL the dbt macros render to
(``threshold_class`` and ``interval_factor`` in macros/), so the properties hold for the
code that builds the marts, not for a copy of it.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import duckdb
import jinja2
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.parsing import PRECISIONS, SCALE_SUFFIXES, SCALE_WORDS, parse_date, parse_quantity

REPO = Path(__file__).resolve().parents[2]

# -- quantities -------------------------------------------------------------------------

mantissas = st.decimals(
    min_value=Decimal("0.001"), max_value=Decimal("9999"), places=3, allow_nan=False
).map(lambda d: d.normalize())
suffixes = st.sampled_from(sorted(SCALE_SUFFIXES))


def _plain(value: Decimal) -> str:
    return format(value, "f")


@given(st.floats(min_value=0, max_value=1e300, allow_nan=False, allow_infinity=False))
def test_any_float_written_by_python_reads_back_exactly(value):
    # GIVEN a float written the way Python writes it (1e+25, 0.117, 405000000000.0)
    text = repr(value)
    # WHEN parsed THEN it is the same float
    assert parse_quantity(text) == value


@given(st.integers(min_value=0, max_value=10**18))
def test_thousands_separators_read_back(number):
    assert parse_quantity(f"{number:,}") == float(number)


@given(mantissas, suffixes)
def test_a_suffix_scales_the_number_exactly(mantissa, suffix):
    # GIVEN "1.8T" or "0.117B": WHEN parsed THEN mantissa × 10^scale, exact in decimal
    expected = float(mantissa.scaleb(SCALE_SUFFIXES[suffix]))
    assert parse_quantity(f"{_plain(mantissa)}{suffix.upper()}") == expected
    assert parse_quantity(f"{_plain(mantissa)}{suffix}") == expected


@given(mantissas, st.sampled_from(sorted(SCALE_WORDS)))
def test_a_scale_word_equals_its_power_of_ten(mantissa, word):
    expected = float(mantissa.scaleb(SCALE_WORDS[word]))
    assert parse_quantity(f"{_plain(mantissa)} {word}") == expected
    assert parse_quantity(f"{_plain(mantissa)} {word.capitalize()} tokens") == expected


@given(mantissas, st.integers(min_value=-30, max_value=60))
def test_every_scientific_notation_gives_the_same_value(mantissa, exponent):
    # GIVEN 3.8e25, 3.8E+25, 3.8×10^25, 3.8 x 10^25, 3.8 × 10²⁵
    superscript = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    texts = [
        f"{_plain(mantissa)}e{exponent}",
        f"{_plain(mantissa)}E{exponent:+d}",
        f"{_plain(mantissa)}×10^{exponent}",
        f"{_plain(mantissa)} x 10^{exponent}",
        f"{_plain(mantissa)} × 10{superscript}",
    ]
    # WHEN parsed THEN all agree with the exact decimal value
    values = {text: parse_quantity(text) for text in texts}
    assert set(values.values()) == {float(mantissa.scaleb(exponent))}, values


@given(mantissas, mantissas, suffixes)
def test_quantities_are_monotonic_in_the_number(first, second, suffix):
    low, high = sorted([first, second])
    assert parse_quantity(f"{_plain(low)}{suffix}") <= parse_quantity(f"{_plain(high)}{suffix}")


@given(mantissas)
def test_quantities_are_monotonic_in_the_scale(mantissa):
    # GIVEN one number with each scale, smallest first: WHEN parsed THEN strictly increasing
    values = [parse_quantity(f"{_plain(mantissa)}{suffix}") for suffix in "KMBT"]
    assert values == sorted(values)
    assert len(set(values)) == 4


@given(mantissas, suffixes, st.sampled_from(["~", "≈", "about ", "approx. "]))
def test_approximation_marks_and_footnotes_do_not_change_the_value(mantissa, suffix, mark):
    text = f"{_plain(mantissa)}{suffix}"
    assert parse_quantity(f"{mark}{text}[12]") == parse_quantity(text)
    assert parse_quantity(f"\u00a0{text}\u00a0") == parse_quantity(text)


@given(st.text(max_size=80))
@settings(max_examples=300)
def test_arbitrary_text_never_raises(text):
    value = parse_quantity(text)
    assert value is None or (math.isfinite(value) and value >= 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.8T", 1.8e12),
        ("405B", 4.05e11),
        ("1,800 billion", 1.8e12),
        ("175 billion", 1.75e11),
        ("3.8e25", 3.8e25),
        ("3.8×10^25", 3.8e25),
        ("3.8 x 10^25", 3.8e25),
        ("~10B", 1e10),
        ("0.117B", 1.17e8),
        ("300B tokens", 3e11),
        ("85,000", 85000.0),
        ("Unknown", None),
        ("Not applicable", None),
        ("8B, 70B, 405B", None),
        ("40GB (~10B tokens)", None),
        ("-5B", None),
    ],
)
def test_examples_from_the_sources(text, expected):
    assert parse_quantity(text) == expected


# -- dates ------------------------------------------------------------------------------

dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(dates)
def test_day_precision_formats_read_back(day):
    # GIVEN one day written in every day-precise form the sources use
    texts = [
        day.isoformat(),
        f"{day:%b} {day.day}, {day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{day:%b %d, %Y}",
        f"{day.day} {day:%B} {day.year}",
        f"{day.month}/{day.day}/{day.year}",
        f"00000000{day.isoformat()}-0000",  # Wikipedia's data-sort-value
        f"{day.isoformat()}T12:30:00Z",
    ]
    # WHEN parsed THEN each gives that day, at day precision
    for text in texts:
        assert parse_date(text) == (day, "day"), text


@given(dates)
def test_coarser_precisions_give_the_first_day_of_the_period(day):
    quarter = (day.month - 1) // 3 + 1
    assert parse_date(f"{day:%B} {day.year}") == (day.replace(day=1), "month")
    assert parse_date(f"{day:%b} {day.year}") == (day.replace(day=1), "month")
    assert parse_date(f"{day.year}-Q{quarter}") == (date(day.year, 3 * quarter - 2, 1), "quarter")
    assert parse_date(f"Q{quarter} {day.year}") == (date(day.year, 3 * quarter - 2, 1), "quarter")
    assert parse_date(str(day.year)) == (date(day.year, 1, 1), "year")


@given(dates)
def test_a_day_without_a_year_is_not_guessed(day):
    assert parse_date(f"{day:%b} {day.day}") is None


@given(st.text(max_size=60))
@settings(max_examples=300)
def test_arbitrary_text_never_raises_and_precision_is_known(text):
    parsed = parse_date(text)
    if parsed is not None:
        assert parsed.precision in PRECISIONS
        if parsed.precision != "day":
            assert parsed.value.day == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jun 21, 2023", (date(2023, 6, 21), "day")),
        ("June 2023", (date(2023, 6, 1), "month")),
        ("2024-Q3", (date(2024, 7, 1), "quarter")),
        ("2024-07-23", (date(2024, 7, 23), "day")),
        ("7/23/2024", (date(2024, 7, 23), "day")),
        ("2024", (date(2024, 1, 1), "year")),
        ("Feb 30, 2023", None),
        ("Jun 11", None),
        ("Unknown", None),
    ],
)
def test_date_examples_from_the_sources(text, expected):
    assert parse_date(text) == expected


# -- the classification rule, through the SQL the dbt macros render -----------------------

CLASS_RANK = {"below": 0, "uncertain": 1, "above": 2}
MACRO_BLOCK = re.compile(r"{%-?\s*macro\s+(?P<name>\w+)\(.*?{%-?\s*endmacro\s*-?%}", re.DOTALL)


@cache
def _macro_module(threshold: float):
    """The project's macros, rendered with jinja2 and the project's vars (threshold overridden).
    Rendered once per threshold: the examples only draw among four."""
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    variables = {**project["vars"], "threshold_flop": threshold}
    # Only the two macros under test: other macro files may use dbt-only tags.
    blocks = [
        match.group(0)
        for path in sorted((REPO / "macros").glob("*.sql"))
        for match in MACRO_BLOCK.finditer(path.read_text())
        if match.group("name") in ("threshold_class", "interval_factor")
    ]
    assert len(blocks) == 2, "threshold_class or interval_factor not found in macros/"
    source = "\n".join(blocks)
    env = jinja2.Environment()
    env.globals["var"] = lambda name, default=None: variables.get(name, default)
    return env.from_string(source).module


@cache
def _duckdb() -> duckdb.DuckDBPyConnection:
    """One in-memory database for every example (opening one costs more than the query)."""
    return duckdb.connect()


def _classify(rows: list[tuple], threshold: float, select: str) -> list[tuple]:
    con = _duckdb()
    con.execute(
        "create or replace temp table t (i integer, estimate double, lower_flop double,"
        " upper_flop double, confidence varchar)"
    )
    # Every row in one statement, each value still a bound parameter.
    values = ", ".join(["(?, ?, ?, ?, ?)"] * len(rows))
    con.execute(f"insert into t values {values}", [value for row in rows for value in row])
    return con.execute(f"select i, {select} from t order by i").fetchall()


flops = st.floats(min_value=1e15, max_value=1e32)
thresholds = st.sampled_from([1e25, 3e25, 1e24, 1e26])
confidences = st.sampled_from(["Confident", "Likely", "Speculative", None])


@given(st.lists(flops, min_size=2, max_size=40), confidences, thresholds)
@settings(max_examples=40, deadline=None)
def test_class_is_monotonic_in_the_estimate(estimates, confidence, threshold):
    # GIVEN estimates with the interval the project derives from a confidence word
    macros = _macro_module(threshold)
    factor = str(macros.interval_factor("confidence"))
    select = macros.threshold_class(f"estimate / ({factor})", f"estimate * ({factor})")
    rows = [(i, e, None, None, confidence) for i, e in enumerate(sorted(estimates))]
    # WHEN classified by the rendered SQL
    classes = [row[1] for row in _classify(rows, threshold, select)]
    # THEN a larger estimate never gets a lower class
    ranks = [CLASS_RANK[c] for c in classes]
    assert ranks == sorted(ranks), list(zip(sorted(estimates), classes, strict=True))


@given(
    st.lists(st.tuples(flops, flops, flops), min_size=1, max_size=40),
    thresholds,
    st.floats(min_value=1.0, max_value=1e3),
)
@settings(max_examples=40, deadline=None)
def test_class_is_consistent_with_the_interval(triples, threshold, shift):
    # GIVEN intervals lower ≤ estimate ≤ upper (and the same intervals shifted upwards)
    macros = _macro_module(threshold)
    select = str(macros.threshold_class("lower_flop", "upper_flop"))
    ordered = [sorted(triple) for triple in triples]
    rows = [(i, est, low, up, None) for i, (low, est, up) in enumerate(ordered)]
    shifted = [(i, est * shift, low * shift, up * shift, None) for i, est, low, up, _ in rows]
    # WHEN classified by the rendered SQL
    classes = dict(_classify(rows, threshold, select))
    shifted_classes = dict(_classify(shifted, threshold, select))
    for i, estimate, lower, upper, _ in rows:
        cls = classes[i]
        # THEN above means the estimate reaches the threshold; below means it does not
        if cls == "above":
            assert estimate >= threshold and lower >= threshold
        elif cls == "below":
            assert estimate < threshold and upper < threshold
        else:
            # uncertain: the interval straddles the threshold, or it is above it but wider
            # than max_interval_ratio_for_above (100x): too wide to be sure
            assert cls == "uncertain"
            assert lower < threshold <= upper or upper > 100 * lower
        # AND moving the whole interval up never lowers the class
        assert CLASS_RANK[shifted_classes[i]] >= CLASS_RANK[cls]


def test_a_missing_bound_gives_no_class():
    macros = _macro_module(1e25)
    select = str(macros.threshold_class("lower_flop", "upper_flop"))
    rows = [(0, 1e26, None, 1e27, None), (1, 1e26, 1e25, None, None)]
    assert _classify(rows, 1e25, select) == [(0, None), (1, None)]
