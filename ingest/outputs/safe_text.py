"""Source text made harmless where people read it: spreadsheets and markdown reports.

Model names, notes and organizations come from public sources anyone can edit. Two
places would otherwise run or render them:

- **CSV exports**, opened in a spreadsheet: a cell starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return is a formula there (``=HYPERLINK(...)``). As OWASP
  recommends ("CSV Injection"), such a text cell gets a leading single quote, which
  spreadsheets show as text; control characters (NUL, CR, LF and the rest) become a
  space. Only text cells of CSV exports: numbers, dates and the Parquet file are exact.
- **Markdown reports** (reports/latest.md, reports/validation.md): ``<script>``, ``|``
  and markdown's own marks are escaped, so a name shows as written and nothing else.
"""

from __future__ import annotations

import re

import duckdb

# The characters a spreadsheet treats as the start of a formula (OWASP).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# Control characters (C0 and DEL); in a CSV cell each becomes a space.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_SQL = "[\\x00-\\x1f\\x7f]"
# Markdown marks that change how inline text renders (emphasis, code, links, table
# cells); HTML's < > & are written as entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def csv_cell(text: str | None) -> str | None:
    """One text cell of a CSV export, safe to open in a spreadsheet."""
    if text is None:
        return None
    if text.startswith(FORMULA_LEADS):
        text = "'" + text
    return _CONTROL.sub(" ", text)


def csv_cell_sql(expr: str) -> str:
    """:func:`csv_cell` as a DuckDB expression over a text expression."""
    return (
        f"regexp_replace(case when left({expr}, 1) in ('=', '+', '-', '@', chr(9), chr(13))"
        f" then '''' || {expr} else {expr} end, '{_CONTROL_SQL}', ' ', 'g')"
    )


def csv_query(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """``query`` with every text column passed through :func:`csv_cell_sql`."""
    relation = con.sql(query)
    items = []
    for name, kind in zip(relation.columns, relation.types, strict=True):
        quoted = '"' + name.replace('"', '""') + '"'
        if str(kind) == "VARCHAR":
            items.append(f"{csv_cell_sql(quoted)} as {quoted}")
        else:
            items.append(quoted)
    return f"select {', '.join(items)} from ({query})"


def markdown(text: object) -> str:
    """Source text inside markdown (a table cell or a sentence): shown, never rendered."""
    if text is None:
        return ""
    value = _CONTROL.sub(" ", str(text))
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value).strip()
    # A line start that would make a heading, quote or list item.
    return "\\" + value if value[:1] in ("#", "+", "-") else value
