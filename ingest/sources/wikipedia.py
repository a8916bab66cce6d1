"""Wikipedia's "List of large language models", through the MediaWiki ``action=parse`` API.

The capture is the API's JSON body, byte for byte (``formatversion=2``; ``formatversion=1``
bodies, where ``text`` is ``{"*": ...}``, parse too; a BOM is ignored). Every
``table.wikitable`` is read by header name, whether the page has one table per year (the
year from the heading above it) or one table for all years (the year from its full-width
year rows): name, release date, developer, parameters
(billions), corpus size, training cost (petaFLOP-days, absent from the 2025+ tables),
licence and notes. Displayed text and ``data-sort-value`` are both kept; derived values
(dates, counts, FLOP) are computed here so the raw table is directly usable.

Before downloading the page (~1 MB) we ask for its current revision id; if it equals the
revid of the previous capture, nothing changed. API errors (``maxlag``, ``missingtitle``)
arrive as HTTP 200 with an ``error`` object and are reported with their code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from bs4 import BeautifulSoup

from ingest import http
from ingest.parsing import MONTH_NAMES, MONTHS, parse_quantity
from ingest.sources.base import (
    FetchContext,
    FetchResult,
    ParseError,
    ParseResult,
    Rejected,
    Source,
    describe_content,
    not_utf8,
)
from ingest.sources.wikitable import (
    Cell,
    GridRow,
    Reference,
    WikiTable,
    normalize_header,
    references,
    wikitables,
)

API_URL = "https://en.wikipedia.org/w/api.php"
PAGE = "List_of_large_language_models"
PARSE_PARAMS = {
    "action": "parse",
    "page": PAGE,
    "prop": "text|revid",
    "format": "json",
    "formatversion": "2",
    "redirects": "1",
    "disableeditsection": "1",
    "disablelimitreport": "1",
    "maxlag": "5",
}
REVISION_PARAMS = {
    "action": "query",
    "prop": "revisions",
    "rvprop": "ids",
    "titles": PAGE,
    "format": "json",
    "formatversion": "2",
}
PARSE_URL = f"{API_URL}?{urlencode(PARSE_PARAMS, safe='|')}"
REVISION_URL = f"{API_URL}?{urlencode(REVISION_PARAMS)}"

# 1 petaFLOP-day = 1e15 FLOP/s for 86,400 s.
FLOP_PER_PETAFLOP_DAY = 8.64e19

# Column key -> test on the normalized header text (footnote markers already stripped).
COLUMNS: dict[str, re.Pattern[str]] = {
    # Only "Name": a column renamed to "Model" is a layout change (see the tests).
    "name": re.compile(r"^(name|model name)\b"),
    "release_date": re.compile(r"^(release date|released|release)\b"),
    "developer": re.compile(r"^(developer|developed by|organi[sz]ation|company|creator)"),
    # Total parameters; an "Active parameters" column (mixture-of-experts) is not it.
    "parameters": re.compile(r"^(?!active)(?:.*\b)?param"),
    "corpus": re.compile(r"^(?:corpus|(?:training )?(?:data ?set|data|corpus) size)"),
    "training_cost": re.compile(r"^training (?:cost|compute)"),
    "license": re.compile(r"^licen[cs]e"),
    "notes": re.compile(r"^notes?\b"),
}
REQUIRED = ("name", "release_date", "developer", "parameters")

NULL_WORDS = re.compile(
    r"^(?:(?:unknown|not applicable|n/?a|none|various|undisclosed|not disclosed|unreleased"
    r"|tbd|tba)\b|[-\u2013\u2014?]+$)",
    re.I,
)
NUMBER = r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
# A minus sign counts only where it starts a number (`-405`, `−405`), not in a range
# (`7-13`): a negative size must read as negative, so the range check refuses it.
SIGNED_NUMBER = r"(?:(?<![\w.])[-\u2212])?" + NUMBER
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "t": 1e12,
}
SCALED_NUMBER = re.compile(
    r"(?P<approx>~|≈|about |approx\.? |approximately |around |over |>)?\s*"
    rf"(?P<number>{SIGNED_NUMBER})"
    r"\s*(?P<scale>thousand|million|billion|trillion|[kmbt](?![a-z]))?",
    re.I,
)
TOKENS = re.compile(
    rf"(?P<number>{SIGNED_NUMBER})\s*(?P<scale>thousand|million|billion|trillion|[kmbt])?"
    r"\s*tokens\b",
    re.I,
)
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
RANGE_OR_LIST = re.compile(
    rf"{NUMBER}\s*[a-z]*\s*(?:[-\u2013\u2014/,;]|to|and|or)\s*~?\s*{NUMBER}", re.I
)
SORT_KEY_DATE = re.compile(r"^0*(\d{4})-(\d{2})-(\d{2})")
PARENTHESES = re.compile(r"\([^()]*\)")
MONTH_RE = r"(?P<month>" + MONTH_NAMES + r")\.?"
# Anchored at the start; anything after the date ("(announced)") is ignored.
DATE_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})-(?P<mm>\d{2})-(?P<day>\d{2})(?!\w)"),
    re.compile(
        rf"^{MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d),?(?:\s+(?P<year>\d{{4}}))?(?!\w)",
        re.I,
    ),
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{MONTH_RE}(?:,?\s+(?P<year>\d{{4}}))?(?!\w)", re.I),
    re.compile(rf"^{MONTH_RE},?\s+(?P<year>\d{{4}})(?!\w)", re.I),
    re.compile(r"^(?P<year>\d{4})(?!\w)"),
)


class ValueNote(Exception):
    """A cell we could not read: the row is kept with NULL there, and the reason recorded."""


@dataclass(frozen=True)
class Quantity:
    value: float | None
    is_approximate: bool = False


def _clean_number_text(text: str) -> str:
    return THOUSANDS.sub("", text.replace("\xa0", " ").replace("\u2212", "-"))


def _is_null_word(text: str) -> bool:
    return not text or bool(NULL_WORDS.match(text.strip()))


def scaled_quantity(text: str, default_scale: float) -> Quantity | None:
    """`175` / `175B` / `1.6T` / `~340` / `7, 13, 70` -> the largest number, in units.

    Returns None when the text holds no number. A list or range keeps its largest value
    (the page costs and sizes the largest model of a family) and is flagged approximate.
    """
    cleaned = _clean_number_text(text)
    values: list[float] = []
    approximate = bool(RANGE_OR_LIST.search(cleaned))
    for match in SCALED_NUMBER.finditer(cleaned):
        scale = match.group("scale")
        factor = SCALES[scale.lower()] if scale else default_scale
        values.append(float(match.group("number")) * factor)
        approximate = approximate or bool(match.group("approx"))
    if not values:
        return None
    return Quantity(max(values), approximate or len(values) > 1)


def parse_parameters(text: str, sort_value: str | None) -> Quantity:
    """Number of parameters (the column is in billions) -> a count."""
    return _quantity(text, sort_value, 1e9, "number of parameters is not a number")


def parse_corpus_tokens(text: str) -> float | None:
    """Tokens only when the unit says tokens: `40GB (~10B tokens)` -> 1e10, `33B words` -> None."""
    found = [
        float(m.group("number")) * (SCALES[m.group("scale").lower()] if m.group("scale") else 1.0)
        for m in TOKENS.finditer(_clean_number_text(text))
    ]
    return max(found) if found else None


def parse_training_cost(text: str, sort_value: str | None, unit: str = "petaFLOP-days") -> Quantity:
    """Training cost in petaFLOP-days (`3640`, `85,000`, `~5,000`), or in FLOP (`3.8e25`,
    `3.8×10^25`) when the column's header says so."""
    if unit == "FLOP" and text and not _is_null_word(text):
        value = parse_quantity(_outside_parentheses(text))
        if value is not None:
            return Quantity(value, bool(re.match(r"^\s*(?:~|≈|about|approx)", text, re.I)))
    return _quantity(text, sort_value, 1.0, f"training cost is not a number of {unit}")


def cost_unit(header: str) -> str:
    """The unit a training-cost header names: petaFLOP-days (the page's) or plain FLOP."""
    normalized = normalize_header(header).replace(" ", "")
    if re.search(r"peta|pflop|pf-?day|flop-?day", normalized):
        return "petaFLOP-days"
    return "FLOP" if "flop" in normalized else "petaFLOP-days"


def _outside_parentheses(text: str) -> str:
    """`671 (37 active)` -> `671`: a remark in parentheses is not the value, unless the value
    is only there (`(~90)`)."""
    outside = PARENTHESES.sub(" ", text)
    return outside if re.search(r"\d", outside) else text


def _quantity(text: str, sort_value: str | None, default_scale: float, problem: str) -> Quantity:
    """Text first (what readers see); the sort key only when the text shows no number."""
    if text and _is_null_word(text):
        return Quantity(None)
    quantity = scaled_quantity(_outside_parentheses(text), default_scale)
    if quantity is None and sort_value:
        quantity = scaled_quantity(sort_value.split(" ")[0], default_scale)
    if quantity is None and text:
        raise ValueNote(f"{problem}: {text!r}")
    return quantity or Quantity(None)


def _date_from_text(text: str) -> tuple[int | None, int | None, int | None]:
    for pattern in DATE_PATTERNS:
        match = pattern.match(text.strip())
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"]) if groups.get("year") else None
        if groups.get("mm"):
            month = int(groups["mm"])
        elif groups.get("month"):
            month = MONTHS[groups["month"].lower()]
        else:
            month = None
        day = int(groups["day"]) if groups.get("day") else None
        return year, month, day
    return None, None, None


def parse_release_date(
    text: str, sort_value: str | None, table_year: int | None
) -> tuple[date | None, str | None]:
    """(date, precision). The sort key wins (`Jun 11` has no year); month-only -> day 01."""
    year, month, day = _date_from_text(text)
    precision = "day" if day else "month" if month else "year" if year else None
    key = SORT_KEY_DATE.match(sort_value or "")
    if key:
        try:
            parsed = date(int(key.group(1)), int(key.group(2)), int(key.group(3)))
        except ValueError:
            parsed = None
        if parsed is not None:
            if precision is None:
                # No readable text: a {{dts}} key for a month-only date ends in -01.
                precision = "month" if parsed.day == 1 else "day"
            return parsed, precision
    if _is_null_word(text):
        return None, None
    year = year or (table_year if month else None)
    if year is None:
        raise ValueNote(f"release date has no year and no sort key: {text!r}")
    try:
        return date(year, month or 1, day or 1), precision
    except ValueError as exc:
        raise ValueNote(f"release date is not a date: {text!r}") from exc


def license_class(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    return next((c for c in cell.classes if c.lower().startswith("table-")), None)


# A footnote naming Epoch AI, by its links (epoch.ai, epochai.org) or its text. Epoch's
# published estimates are what this tool is validated against, never an input: a cell
# that cites them is kept with its value NULL (docs/estimation.md, "The facts the
# methods use").
EPOCH_REFERENCE = re.compile(r"(?:^|[/.])(?:epoch\.ai|epochai\.org)\b|\bEpoch ?AI\b", re.I)
# The cells whose figures feed estimation; their footnotes are kept in raw (`citations`).
CITED_FIELDS = {"parameters": "parameters", "corpus": "corpus", "training_cost": "training cost"}
MAX_REFERENCE_TEXT = 300


def cites_epoch(reference: Reference) -> bool:
    """Whether a footnote is Epoch AI's: a link to its site, or its name in the text."""
    return any(EPOCH_REFERENCE.search(url) for url in reference.urls) or bool(
        EPOCH_REFERENCE.search(reference.text)
    )


def _citations(cell: Cell | None, notes_by_id: dict[str, Reference]) -> list[Reference]:
    """The footnotes a cell cites, resolved; an id missing from the page's lists is kept
    with empty text (the figure still has a footnote, we just cannot read it)."""
    if cell is None:
        return []
    return [
        notes_by_id.get(note_id, Reference(note_id=note_id, text="")) for note_id in cell.references
    ]


def _article_url(cell: Cell) -> str | None:
    for href in cell.links:
        if href.startswith("/wiki/") and ":" not in href[len("/wiki/") :]:
            return "https://en.wikipedia.org" + href
        if href.startswith("https://en.wikipedia.org/wiki/"):
            return href
        if href.startswith("./") and ":" not in href:  # Parsoid's relative links
            return "https://en.wikipedia.org/wiki/" + href[2:]
    return None


def _year_of(heading: str | None) -> int | None:
    match = re.match(r"^\s*(\d{4})\b", heading or "")
    return int(match.group(1)) if match else None


def _load_payload(content: bytes) -> dict[str, Any]:
    head = content[:80].decode("utf-8", "replace").lstrip("\ufeff").strip()
    if not head:
        raise ParseError("empty response body")
    if head.startswith("<"):
        raise ParseError("not JSON: an HTML page came back")
    try:
        payload = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise not_utf8(exc) from exc
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"truncated or invalid JSON ({exc.msg} at character {exc.pos}): "
            f"{describe_content(content)}"
        ) from exc
    if not isinstance(payload, dict):
        raise ParseError(f"layout changed: expected a JSON object, got {type(payload).__name__}")
    error = payload.get("error")
    if isinstance(error, dict):
        code = error.get("code", "unknown")
        info = error.get("info") or error.get("*") or ""
        raise ParseError(f"Wikipedia API error {code}: {info}".strip())
    return payload


def revid_of(content: bytes) -> int | None:
    """The revision id a capture holds, or None when it is unreadable."""
    try:
        payload = json.loads(content.decode("utf-8-sig"))
        revid = payload["parse"]["revid"]
        return int(revid)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _columns(table: WikiTable) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for position, header in enumerate(table.headers):
        normalized = normalize_header(header)
        for key, pattern in COLUMNS.items():
            if key not in mapping and pattern.search(normalized):
                mapping[key] = position
                break
    return mapping


def _is_model_table(mapping: dict[str, int]) -> bool:
    """A wikitable with none of the list's columns (a legend, a comparison) is not ours."""
    return len(set(mapping) & {"name", "release_date", "developer", "parameters", "corpus"}) >= 2


class Wikipedia(Source):
    name = "wikipedia"
    ext = "json"
    description = (
        "Wikipedia 'List of large language models': release date, developer, parameters, "
        "corpus, training cost (petaFLOP-days), licence"
    )
    licence = "CC BY-SA 4.0 (attribute with a link to the revision)"
    cadence = "edited most weeks"
    tables = {
        "models": {
            "page_title": "varchar",
            "page_id": "bigint",
            "revid": "bigint",
            "table_number": "integer",
            "table_heading": "varchar",
            "table_year": "integer",
            "row_number": "integer",
            "model_name": "varchar",
            "article_url": "varchar",
            "developer": "varchar",
            "release_date_text": "varchar",
            "release_date_sort_value": "varchar",
            "release_date": "date",
            "release_date_precision": "varchar",
            "parameters_text": "varchar",
            "parameters_sort_value": "varchar",
            "parameters": "double",
            "parameters_is_approximate": "boolean",
            "corpus_size_text": "varchar",
            "corpus_tokens": "double",
            "training_cost_text": "varchar",
            "training_cost_sort_value": "varchar",
            "training_cost_petaflop_days": "double",
            "training_cost_flop": "double",
            "license_text": "varchar",
            "license_class": "varchar",
            "notes": "varchar",
            "extra": "json",
            "citations": "json",
        }
    }

    def fetch(self, ctx: FetchContext) -> FetchResult:
        previous = None
        if ctx.previous is not None:
            try:
                previous = revid_of(ctx.previous.read())
            except OSError:
                previous = None  # the capture file is gone: fetch the page
        if previous is not None:
            current = self._current_revid(ctx)
            if current is not None and current == previous:
                return FetchResult(content=None, url=PARSE_URL, etag=None)
        resp = http.get(ctx.session, PARSE_URL)
        self._raise_api_error(resp.content)
        return FetchResult(content=resp.content, url=PARSE_URL, etag=resp.etag)

    def _current_revid(self, ctx: FetchContext) -> int | None:
        """The page's current revid; None when the answer is unreadable (then fetch anyway)."""
        resp = http.get(ctx.session, REVISION_URL)
        self._raise_api_error(resp.content)
        try:
            payload = json.loads(resp.content.decode("utf-8"))
            pages = payload["query"]["pages"]
            page = pages[0] if isinstance(pages, list) else next(iter(pages.values()))
            return int(page["revisions"][0]["revid"])
        except (ValueError, KeyError, IndexError, TypeError, StopIteration, UnicodeDecodeError):
            return None

    @staticmethod
    def _raise_api_error(content: bytes) -> None:
        if not content.lstrip().startswith(b"{"):
            return  # parse() says what is wrong with a non-JSON body
        try:
            payload = json.loads(content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return
        error = payload.get("error") if isinstance(payload, dict) else None
        if isinstance(error, dict):
            code = error.get("code", "unknown")
            info = error.get("info") or error.get("*") or ""
            raise http.FetchError(f"Wikipedia API error {code}: {info}".strip())

    def parse(self, content: bytes) -> ParseResult:
        payload = _load_payload(content)
        page = payload.get("parse")
        if not isinstance(page, dict):
            raise ParseError(f"layout changed: no 'parse' object (keys: {', '.join(payload)})")
        html = page.get("text")
        if isinstance(html, dict):  # formatversion=1
            html = html.get("*")
        if not isinstance(html, str) or not html.strip():
            if "wikitext" in page:
                raise ParseError(
                    "layout changed: the body has 'parse.wikitext', not the rendered HTML "
                    "(request prop=text)"
                )
            raise ParseError("layout changed: 'parse.text' is missing or empty")
        context = {
            "page_title": page.get("title"),
            "page_id": page.get("pageid"),
            "revid": page.get("revid"),
        }
        soup = BeautifulSoup(html, "html.parser")
        notes_by_id = references(soup)
        tables = wikitables(soup)
        if not tables:
            raise ParseError("layout changed: no table.wikitable on the page")
        rows: list[dict[str, Any]] = []
        rejected: list[Rejected] = []
        model_tables = 0
        counter = 0
        for table in tables:
            mapping = _columns(table)
            if not _is_model_table(mapping):
                continue
            model_tables += 1
            missing = [key for key in REQUIRED if key not in mapping]
            if missing:
                names = ", ".join(repr(m) for m in missing)
                raise ParseError(
                    f"layout changed: table {table.index} (under {table.heading!r}) has no "
                    f"{names} column (headers: {', '.join(table.headers)})"
                )
            for grid_row in table.rows:
                counter += 1
                record = self._record(table, grid_row)
                if grid_row.problem:
                    rejected.append(Rejected(counter, grid_row.problem, record))
                    continue
                try:
                    row, notes = self._row(table, mapping, grid_row, context, notes_by_id)
                except ValueError as exc:
                    rejected.append(Rejected(counter, str(exc), record))
                    continue
                rows.append(row)
                rejected.extend(Rejected(counter, note, record) for note in notes)
        if not model_tables:
            headers = "; ".join(", ".join(t.headers) for t in tables)
            raise ParseError(
                f"layout changed: no wikitable has the list's columns (headers: {headers})"
            )
        if not rows:
            reason = rejected[0].reason if rejected else "the tables are empty"
            raise ParseError(f"no usable model rows: {reason}")
        return ParseResult(tables={"models": rows}, rejected=rejected)

    @staticmethod
    def _record(table: WikiTable, grid_row: GridRow) -> dict[str, Any]:
        return {
            "table": table.index,
            "heading": table.heading,
            "row": grid_row.number,
            "cells": {
                (table.headers[i] if i < len(table.headers) else f"column {i + 1}"): cell.text
                for i, cell in enumerate(grid_row.cells)
            },
        }

    @staticmethod
    def _row(
        table: WikiTable,
        mapping: dict[str, int],
        grid_row: GridRow,
        context: dict[str, Any],
        notes_by_id: dict[str, Reference],
    ) -> tuple[dict[str, Any], list[str]]:
        """One raw row, plus notes for cells kept as NULL. ValueError rejects the row.

        A parameters, corpus or training-cost cell that cites Epoch AI is kept as NULL too:
        Epoch's estimates are never an input (its text and footnotes stay in the row)."""

        def cell(key: str) -> Cell | None:
            position = mapping.get(key)
            return grid_row.cells[position] if position is not None else None

        def text(key: str) -> str | None:
            found = cell(key)
            return found.text or None if found is not None else None

        name_cell = cell("name")
        if name_cell is None or not name_cell.text:
            raise ValueError("row has no model name")
        notes: list[str] = []
        # Each cited field's footnotes, each with whether it is Epoch AI's.
        citations = {
            key: [(ref, cites_epoch(ref)) for ref in _citations(cell(key), notes_by_id)]
            for key in CITED_FIELDS
        }
        from_epoch = set()
        for key, label in CITED_FIELDS.items():
            epoch = [ref for ref, is_epoch in citations[key] if is_epoch]
            if epoch:
                from_epoch.add(key)
                where = epoch[0].urls[0] if epoch[0].urls else epoch[0].text[:120]
                notes.append(
                    f"kept with NULL {label}: the cell cites Epoch AI ({where}), whose "
                    "estimates are what this tool is checked against, never an input"
                )
        table_year = _year_of(table.heading) or _year_of(grid_row.section)

        release_cell = cell("release_date")
        release_date, precision = None, None
        if release_cell is not None:
            try:
                release_date, precision = parse_release_date(
                    release_cell.text, release_cell.sort_value, table_year
                )
            except ValueNote as note:
                notes.append(f"kept with NULL release_date: {note}")

        parameters_cell = cell("parameters")
        parameters = Quantity(None)
        if parameters_cell is not None and "parameters" not in from_epoch:
            try:
                parameters = parse_parameters(parameters_cell.text, parameters_cell.sort_value)
            except ValueNote as note:
                notes.append(f"kept with NULL parameters: {note}")

        cost_cell = cell("training_cost")
        cost = Quantity(None)
        unit = cost_unit(table.headers[mapping["training_cost"]]) if cost_cell else None
        if cost_cell is not None and "training_cost" not in from_epoch:
            try:
                cost = parse_training_cost(cost_cell.text, cost_cell.sort_value, unit)
            except ValueNote as note:
                notes.append(f"kept with NULL training cost: {note}")
        cost_days, cost_flop = None, None
        if cost.value is not None and unit == "FLOP":
            cost_days, cost_flop = cost.value / FLOP_PER_PETAFLOP_DAY, cost.value
        elif cost.value is not None:
            cost_days, cost_flop = cost.value, cost.value * FLOP_PER_PETAFLOP_DAY

        corpus_text = text("corpus")
        known = set(mapping.values())
        extra = {
            table.headers[i]: c.text
            for i, c in enumerate(grid_row.cells)
            if i not in known and i < len(table.headers)
        }
        row = {
            **context,
            "table_number": table.index,
            "table_heading": table.heading,
            "table_year": table_year,
            "row_number": grid_row.number,
            "model_name": name_cell.text,
            "article_url": _article_url(name_cell),
            "developer": text("developer"),
            "release_date_text": release_cell.text or None if release_cell else None,
            "release_date_sort_value": release_cell.sort_value if release_cell else None,
            "release_date": release_date,
            "release_date_precision": precision,
            "parameters_text": text("parameters"),
            "parameters_sort_value": parameters_cell.sort_value if parameters_cell else None,
            "parameters": parameters.value,
            "parameters_is_approximate": parameters.is_approximate
            if parameters.value is not None
            else None,
            "corpus_size_text": corpus_text,
            "corpus_tokens": None
            if "corpus" in from_epoch
            else parse_corpus_tokens(corpus_text or ""),
            "training_cost_text": text("training_cost"),
            "training_cost_sort_value": cost_cell.sort_value if cost_cell else None,
            "training_cost_petaflop_days": cost_days,
            "training_cost_flop": cost_flop,
            "license_text": text("license"),
            "license_class": license_class(cell("license")),
            "notes": text("notes"),
            "extra": extra or None,
            "citations": {
                key: [
                    {
                        "note": ref.note_id,
                        "text": ref.text[:MAX_REFERENCE_TEXT],
                        "urls": list(ref.urls),
                        "is_epoch": is_epoch,
                    }
                    for ref, is_epoch in refs
                ]
                for key, refs in citations.items()
                if refs
            }
            or None,
        }
        return row, notes
