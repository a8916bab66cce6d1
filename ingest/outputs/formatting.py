"""How numbers read in the markdown reports: FLOP as ``3.80e25``, ratios as ``1.23×``."""

from __future__ import annotations


def flop(value: float | None) -> str:
    if value is None:
        return ""
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def ratio(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100 or value < 0.01:
        return f"{value:.2g}×"
    return f"{value:.2f}×"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def md_cell(value: object) -> str:
    """Text safe inside a markdown table cell."""
    if value is None:
        return ""
    return str(value).replace("|", "\\|").replace("\n", " ").strip()
