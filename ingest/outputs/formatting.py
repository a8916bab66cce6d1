"""How numbers read in the markdown reports: FLOP as ``3.80e25``, ratios as ``1.23×``."""

from __future__ import annotations

from ingest.outputs import safe_text


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
    """Source text safe inside markdown (a table cell or a line): see safe_text."""
    return safe_text.markdown(value)
