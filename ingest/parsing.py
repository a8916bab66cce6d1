"""Shared parsers for the quantities and dates that sources write as text.

``parse_quantity`` reads one non-negative quantity: ``"1.8T"``, ``"405B"``, ``"1,800 billion"``,
``"3.8e25"``, ``"3.8×10^25"``, ``"~10B"``, ``"300B tokens"``. ``parse_date`` reads one date
with its precision: ``"Jun 21, 2023"`` (day), ``"June 2023"`` (month), ``"2024-Q3"``
(quarter), ``"2024"`` (year). Both return None for anything they cannot read with
certainty (``"Unknown"``, ``"8B, 70B"``, ``"40GB"``, ``"Jun 11"`` without a year) and never
raise: a scraped cell is untrusted text.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

# A scale written after the number: a letter glued to it ("405B") or a word ("175 billion").
SCALE_SUFFIXES: dict[str, int] = {
    "k": 3,
    "m": 6,
    "b": 9,
    "t": 12,
}
SCALE_WORDS: dict[str, int] = {
    "thousand": 3,
    "million": 6,
    "mn": 6,
    "billion": 9,
    "bn": 9,
    "trillion": 12,
    "tn": 12,
    "quadrillion": 15,
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
# Spaces of every kind (NBSP and thin spaces occur in Wikipedia cells) become one space.
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_FOOTNOTE = re.compile(r"\[[^\[\]]{1,20}\]")
_APPROX = r"(?:~|≈|∼|about\s+|approx\.?\s+|approximately\s+|around\s+|c\.\s*|circa\s+)?"
# 1,800 or 1800 or 1800.5 or .5 (thousands separators only in groups of three).
_NUMBER = r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
# e25, E+25, ×10^25, x 10^25, * 10**25, · 10^25 (the exponent has at most three digits).
_EXPONENT = (
    r"(?:[eE](?P<e>[+-]?\d{1,3})"
    r"|\s*[×x*·]\s*10\s*(?:\^|\*\*)?\s*(?P<pow>[+-]?\d{1,3}))?"
)
_SCALE = (
    r"(?:\s*(?P<word>" + "|".join(SCALE_WORDS) + r")\b"
    r"|\s?(?P<suffix>[kKmMbBtT])(?![A-Za-z]))?"
)
# What may follow the quantity: nothing, or a unit in words ("tokens", "petaFLOP-days"),
# or a remark in parentheses. Anything else ("8B, 70B", "40GB") is not one quantity.
_REST = r"(?P<rest>\s+[A-Za-z][A-Za-z -]*|\s*\(.*\))?"
_QUANTITY = re.compile(r"^" + _APPROX + _NUMBER + _EXPONENT + _SCALE + _REST + r"$", re.IGNORECASE)
_BARE_POWER = re.compile(r"^" + _APPROX + r"10\s*(?:\^|\*\*)\s*(?P<pow>[+-]?\d{1,3})" + _REST + "$")


def _clean(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    text = _FOOTNOTE.sub("", text.translate(_SUPERSCRIPTS))
    text = _SPACES.sub(" ", text).strip()
    return text or None


def parse_quantity(text: object) -> float | None:
    """One non-negative quantity written as text -> a float, or None if unreadable.

    Scales: k/thousand (1e3), M/million (1e6), B/billion (1e9), T/trillion (1e12); "G" is
    not a scale (it means giga*bytes* in corpus sizes). An approximation mark (``~``,
    ``about``) is dropped. Results are exact for decimal input ("0.117B" -> 117000000.0).
    """
    cleaned = _clean(text)
    if cleaned is None or len(cleaned) > 200:
        return None
    power = _BARE_POWER.match(cleaned)
    if power:
        mantissa, exponent = Decimal(1), int(power["pow"])
    else:
        match = _QUANTITY.match(cleaned)
        if not match:
            return None
        mantissa = Decimal(match["number"].replace(",", ""))
        exponent = int(match["e"] or match["pow"] or 0)
        if match["word"]:
            exponent += SCALE_WORDS[match["word"].lower()]
        elif match["suffix"]:
            exponent += SCALE_SUFFIXES[match["suffix"].lower()]
    try:
        value = float(mantissa.scaleb(exponent))
    except (InvalidOperation, OverflowError, ValueError):
        return None
    return value if math.isfinite(value) else None


class ParsedDate(NamedTuple):
    """A date and how precisely the text gave it: ``day``, ``month``, ``quarter``, ``year``.

    A coarser date is the first day of its period (``June 2023`` -> 2023-06-01, month).
    """

    value: date
    precision: str


PRECISIONS = ("day", "month", "quarter", "year")
# English month names and abbreviations, lower case -> month number. Written out rather
# than taken from ``calendar``, whose names follow the process locale.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# The names as a regex alternation, longest first ("june" before "jun"); no group.
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month_name>" + MONTH_NAMES + r")\.?"
_YEAR = r"(?P<year>\d{4})"
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Wikipedia sort keys: 000000002018-06-11-0000
    (re.compile(r"^0*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})-\d{4}$"), "day"),
    # ISO dates, optionally with a time: 2024-07-23, 2024-07-23T10:00:00Z
    (
        re.compile(r"^" + _YEAR + r"-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ][0-9:.+Z-]*)?$"),
        "day",
    ),
    (re.compile(r"^" + _YEAR + r"-(?P<month>\d{1,2})$"), "month"),
    # US numeric: 7/23/2024
    (re.compile(r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})/" + _YEAR + "$"), "day"),
    # Jun 21, 2023 / June 21 2023
    (
        re.compile(r"^" + _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?,? " + _YEAR + "$", re.I),
        "day",
    ),
    # 21 June 2023
    (re.compile(r"^(?P<day>\d{1,2}) " + _MONTH + r",? " + _YEAR + "$", re.I), "day"),
    # June 2023 / Jun. 2023
    (re.compile(r"^" + _MONTH + r",? " + _YEAR + "$", re.I), "month"),
    # 2024-Q3 / 2024 Q3 / Q3 2024
    (re.compile(r"^" + _YEAR + r"[- ]?Q(?P<quarter>[1-4])$", re.I), "quarter"),
    (re.compile(r"^Q(?P<quarter>[1-4])[- ]?" + _YEAR + "$", re.I), "quarter"),
    (re.compile(r"^" + _YEAR + "$"), "year"),
]


def parse_date(text: object) -> ParsedDate | None:
    """A date written as text -> (date, precision), or None if unreadable or not a real date.

    A day and month with no year (``Jun 11``) is None: the caller must find the year
    elsewhere (Wikipedia's sort key). Two-digit years are refused.
    """
    cleaned = _clean(text)
    if cleaned is None or len(cleaned) > 60:
        return None
    for pattern, precision in _DATE_PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        if parts.get("quarter"):
            month = 3 * int(parts["quarter"]) - 2
        elif parts.get("month_name"):
            month = MONTHS[parts["month_name"].lower()]
        else:
            month = int(parts.get("month") or 1)
        day = int(parts.get("day") or 1)
        try:
            return ParsedDate(date(year, month, day), precision)
        except ValueError:
            return None
    return None
