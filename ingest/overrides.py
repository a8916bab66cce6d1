"""``make validate-overrides``: check ``seeds/manual_overrides.csv`` before anything is built.

Prints every problem as ``row N, column C: what is wrong — how to fix it``, with row
numbers as a spreadsheet shows them (the header is row 1). Exit status 0 when the file
is clean, 1 when it has problems. The file is only read, never rewritten.

What spreadsheets write just works: ``1.00E+25``, quoted numbers, thousands separators
(``"21,000,000,000"``), a UTF-8 byte-order mark, Windows line endings, empty trailing
lines and rows of empty cells. The same rules are enforced by the dbt tests on the seed
(seeds/_seeds.yml), so ``dbt build`` refuses what this refuses;
tests/python/test_override_rules_corpus.py proves it, one bad row per seed test.

Usage: ``tracker validate-overrides [PATH] [--db WAREHOUSE]``.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ingest import known_models
from ingest.config import REPO_ROOT, Settings
from ingest.known_models import KnownModels

DEFAULT_PATH = REPO_ROOT / "seeds" / "manual_overrides.csv"

COLUMNS = (
    "change_kind",
    "model_id",
    "model_name",
    "organization",
    "publication_date",
    "parameters",
    "training_tokens",
    "training_compute_flop",
    "confidence",
    "training_compute_notes",
    "source_url",
    "reason",
    "changed_by",
    "changed_on",
)
KINDS = ("add", "correct", "exclude", "verify")
KIND_VERBS = {"add": "adds", "correct": "corrects", "exclude": "excludes", "verify": "verifies"}
CONFIDENCE_WORDS = ("Confident", "Likely", "Speculative")
# The fields a row can change (everything but the id and the who/when/why/where).
VALUE_FIELDS = (
    "model_name",
    "organization",
    "publication_date",
    "parameters",
    "training_tokens",
    "training_compute_flop",
    "confidence",
    "training_compute_notes",
)
REQUIRED_FIELDS = ("source_url", "reason", "changed_by", "changed_on")
# Columns a file may have, read by header: a file without them stays valid, and a row may
# leave their cells out (so adding one to the header does not make every other row short).
CONFIRM_FAR = "confirm_far_from_estimates"
OPTIONAL_COLUMNS = (CONFIRM_FAR,)
CONFIRM_WORDS = ("yes",)
# An override's compute this many times away from every automated estimate of the model
# needs CONFIRM_FAR = yes. dbt's seed test reads the same factor (var
# override_far_from_estimates_factor in dbt_project.yml).
FAR_FROM_ESTIMATES_FACTOR = 100.0
# How alike (difflib ratio) a new organization must be to a known one to suggest it.
ORGANIZATION_SIMILARITY = 0.8
# Sanity ranges (inclusive). The dbt tests on the seed use the same bounds.
NUMBER_RANGES: dict[str, tuple[float, float]] = {
    "parameters": (1e6, 1e15),
    "training_tokens": (1e6, 1e16),
    "training_compute_flop": (1e18, 1e31),
}
# A number as the seed tests accept it (macros/override_checks.sql, override_number_pattern):
# digits with an optional decimal point and exponent; or thousands grouped by commas, but
# only where the comma cannot be a decimal comma: never with an exponent (1,000E+25 is
# 1.000E+25 in half of Europe), and a single group only before a decimal point (1,000.5);
# two groups or more (21,000,000,000) are read as thousands.
NUMBER_PATTERN = re.compile(
    r"\+?([0-9]*(\.[0-9]*)?([eE][+-]?[0-9]+)?"
    r"|[0-9]{1,3}(,[0-9]{3}){2,}(\.[0-9]*)?"
    r"|[0-9]{1,3},[0-9]{3}\.[0-9]*)"
)
COMMA_WITH_EXPONENT = re.compile(r"[0-9]+(,[0-9]+)+(\.[0-9]*)?[eE][+-]?[0-9]+")
ONE_COMMA_GROUP = re.compile(r"[0-9]{1,3},[0-9]{3}")
DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]+([eE][+-]?[0-9]+)?")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What normalize_model_name produces, so a source that later lists the model finds it.
MODEL_ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
URL_PATTERN = re.compile(r"https?://\S+")
EXCLUDE_REASON_PATTERN = re.compile(r"not above|not a real model|duplicate of", re.IGNORECASE)
DUPLICATE_OF_PATTERN = re.compile(r"duplicate of\s+([A-Za-z0-9._-]+)", re.IGNORECASE)
WORD_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "t": 1e12,
    "quadrillion": 1e15,
}
KIND_SYNONYMS = {
    "new": "add",
    "insert": "add",
    "create": "add",
    "fix": "correct",
    "change": "correct",
    "update": "correct",
    "edit": "correct",
    "correction": "correct",
    "remove": "exclude",
    "delete": "exclude",
    "drop": "exclude",
    "exclusion": "exclude",
    "confirm": "verify",
    "check": "verify",
    "verified": "verify",
}
UNDO = "The file was not changed."
# make prints its own line after a command that exits 1; say what it means, before it.
MAKE_ERROR_NOTE = (
    "(If the next line is `make: *** [Makefile:...] Error 1`, that is make saying this check "
    "stopped it on purpose because of the problems above; nothing is broken.)"
)
FREE_TEXT = ("reason", "training_compute_notes", "model_name", "organization", "changed_by")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file. ``row`` is the spreadsheet row (header = 1)."""

    row: int | None
    column: str | None
    what: str
    fix: str
    is_warning: bool = False

    def line(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        if self.column:
            where += f", column {self.column}"
        prefix = "warning: " if self.is_warning else ""
        return f"{prefix}{where}: {self.what} — {self.fix}"


@dataclass(frozen=True)
class OverrideRow:
    """One data row: its spreadsheet row number and its cells, trimmed, by column."""

    row: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def kind(self) -> str:
        return self.get("change_kind").lower()

    @property
    def model_id(self) -> str:
        return self.get("model_id").lower()


@dataclass
class Report:
    path: Path
    rows: list[OverrideRow]
    problems: list[Problem]
    known_origin: str

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_warning]

    @property
    def ok(self) -> bool:
        return not self.errors


# -- reading ------------------------------------------------------------------------------


def _decode(data: bytes, problems: list[Problem]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            Problem(
                None,
                None,
                "the file is saved as UTF-16 (Excel's 'Unicode Text')",
                "save it again as 'CSV UTF-8 (Comma delimited) (*.csv)'",
            )
        )
        return data.decode("utf-16")
    text = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = text[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                row,
                None,
                f"contains characters that are not UTF-8 (byte {text[exc.start]:#04x})",
                "save the file as 'CSV UTF-8 (Comma delimited) (*.csv)' "
                "(in a text editor: choose the UTF-8 encoding when saving)",
            )
        )
        return text.decode("cp1252", errors="replace")


def _is_blank(record: list[str]) -> bool:
    return all(not cell.strip() for cell in record)


def read_rows(data: bytes) -> tuple[list[OverrideRow], list[Problem]]:
    """Parse the file's bytes into rows, reporting what stops a row from being read."""
    problems: list[Problem] = []
    text = _decode(data, problems)
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or _is_blank(records[0]):
        problems.append(
            Problem(
                1,
                None,
                "the header row is missing",
                "the first line must be exactly: " + ",".join(COLUMNS),
            )
        )
        return [], problems
    header = [cell.strip().strip('"').strip() for cell in records[0]]
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        separator = "';' (semicolons)" if ";" in header[0] else "tabs"
        problems.append(
            Problem(
                1,
                None,
                f"the columns are separated by {separator}, not commas",
                "save as 'CSV UTF-8 (Comma delimited)'; in LibreOffice tick 'Edit filter "
                "settings' when saving and choose ',' as the field delimiter",
            )
        )
        return [], problems
    problems += _header_problems(header)
    if any(p.row == 1 for p in problems):
        return [], problems
    rows: list[OverrideRow] = []
    for number, record in enumerate(records[1:], start=2):
        if _is_blank(record):
            continue  # empty lines and rows of empty cells, as spreadsheets leave them
        record = _pad_optional(record, header)
        if len(record) != len(header):
            problems.append(_cell_count_problem(number, record, header))
            continue
        # Spaces only, as SQL's trim() does: the seed tests then read the same cells.
        cells = {column: value.strip(" ") for column, value in zip(header, record, strict=True)}
        rows.append(OverrideRow(number, cells))
    return rows, problems


def _pad_optional(record: list[str], header: list[str]) -> list[str]:
    """A row that leaves out the cells of optional columns at the end of the header (added
    to the header for one row's sake) reads as if those cells were empty."""
    if len(record) < len(header) and all(c in OPTIONAL_COLUMNS for c in header[len(record) :]):
        return record + [""] * (len(header) - len(record))
    return record


def _header_problems(header: list[str]) -> list[Problem]:
    problems = []
    seen = Counter(header)
    missing = [name for name in COLUMNS if name not in seen]
    for name in sorted(set(header) - set(COLUMNS) - set(OPTIONAL_COLUMNS)):
        close = difflib.get_close_matches(name.lower(), missing, n=1)
        if close:
            missing.remove(close[0])  # a misspelling: one message, not two
        hint = f"rename it to {close[0]}" if close else "delete this column"
        problems.append(Problem(1, name or "(empty)", "is not a column of this file", hint))
    for name in missing:
        problems.append(
            Problem(
                1,
                name,
                "this column is missing from the header",
                "the first line must be exactly: " + ",".join(COLUMNS),
            )
        )
    for name, count in sorted(seen.items()):
        if count > 1 and name in COLUMNS + OPTIONAL_COLUMNS:
            problems.append(
                Problem(1, name, f"this column appears {count} times", "keep only one of them")
            )
    return problems


def _cell_count_problem(row: int, record: list[str], header: list[str]) -> Problem:
    expected = len(header)
    if len(record) == 1 and ";" in record[0]:
        return Problem(
            row,
            None,
            "the cells are separated by ';' (semicolons), not commas",
            "write commas between cells, like the header row",
        )
    extra = len(record) - expected
    if extra > 0 and all(not cell.strip() for cell in record[expected:]):
        # A comma too many at the end of the line: every cell before it is in its place.
        commas = "one comma" if extra == 1 else f"{extra} commas"
        return Problem(
            row,
            None,
            f"has {len(record)} cells but the header has {expected}: the line ends with "
            f"{commas} too many (an empty cell after {header[-1]})",
            f"delete the comma at the end of row {row}"
            if extra == 1
            else f"delete the {extra} commas at the end of row {row}",
        )
    if len(record) > expected:
        column = _split_column(record, header) if len(record) == expected + 1 else None
        if column is None:
            where = "a comma inside a value (often in reason or training_compute_notes) split it"
            fix = 'put that value in double quotes, like "checked, and confirmed"'
        else:
            index = header.index(column)
            joined = (record[index] + "," + record[index + 1]).strip(" ")
            where = f'the comma in "{joined}" split that value in two'
            fix = (
                f"use a point as the decimal mark: write {joined.replace(',', '.')}"
                if column in NUMBER_RANGES
                else f'put the value in double quotes: "{joined}", or remove the comma'
            )
        return Problem(
            row, column, f"has {len(record)} cells but the header has {expected}: {where}", fix
        )
    return Problem(
        row,
        None,
        f"has only {len(record)} cells but the header has {expected}",
        "add the missing commas: every row needs one cell per column, even empty ones",
    )


def _split_column(record: list[str], header: list[str]) -> str | None:
    """The column whose value a stray comma most likely split: the one where joining the
    two cells back gives a row whose numbers, dates and kind all read (a decimal comma,
    2,1e25, read as the decimal point it meant)."""
    scored = []
    for index, column in enumerate(header):
        joined = record[index].strip() + "," + record[index + 1].strip()
        is_decimal_comma = column in NUMBER_RANGES and bool(DECIMAL_COMMA.fullmatch(joined))
        value = joined.replace(",", ".") if is_decimal_comma else joined
        merged = [*record[:index], value, *record[index + 2 :]]
        cells = {c: v.strip() for c, v in zip(header, merged, strict=True)}
        scored.append(
            (_shape_errors(cells), not is_decimal_comma, column not in FREE_TEXT, index, column)
        )
    best = min(scored)
    return best[-1] if best[0] == 0 else None


def _shape_errors(cells: dict[str, str]) -> int:
    errors = int(cells.get("change_kind", "").lower() not in KINDS)
    for column, (low, high) in NUMBER_RANGES.items():
        if cells.get(column):
            try:
                errors += not low <= parse_number(cells[column], column) <= high
            except ValueError:
                errors += 1
            errors += bool(re.match(r"0[0-9]", cells[column]))  # the tail of a split number
    confidence = cells.get("confidence", "").lower()
    errors += bool(confidence) and confidence not in (w.lower() for w in CONFIDENCE_WORDS)
    for column in ("publication_date", "changed_on"):
        errors += bool(cells.get(column)) and not DATE_PATTERN.fullmatch(cells[column])
    errors += bool(cells.get("source_url")) and not URL_PATTERN.fullmatch(cells["source_url"])
    return errors


# -- values -------------------------------------------------------------------------------


def _format_number(value: float) -> str:
    mantissa, exponent = f"{value:.6e}".split("e")
    short = f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    if value.is_integer() and value < 1e16:
        return f"{int(value)} or {short}"
    return short


def parse_number(text: str, column: str = "training_compute_flop") -> float:
    """A cell as the seed tests and the merge read it. Raises ValueError when it is not
    a number; the message says what to write instead (with an example for ``column``)."""
    cleaned = text.strip(' "')
    if NUMBER_PATTERN.fullmatch(cleaned) and re.search(r"[0-9]", cleaned):
        value = float(cleaned.replace(",", ""))
        if math.isfinite(value):
            return value
    raise ValueError(_number_fix(cleaned, column))


# What a value of each number column looks like, for the messages.
NUMBER_EXAMPLES = {
    "parameters": "70000000000 or 7e10",
    "training_tokens": "15000000000000 or 1.5e13",
    "training_compute_flop": "2.1e25",
}


def _number_fix(text: str, column: str = "training_compute_flop") -> str:
    lowered = text.lower().replace("\u00a0", " ")
    example = NUMBER_EXAMPLES.get(column, NUMBER_EXAMPLES["training_compute_flop"])
    if lowered.startswith(("=", "+=")):
        return (
            "a spreadsheet formula is not read: type the value itself, like "
            f"{example} (in a spreadsheet, format the cell as Text first)"
        )
    words = re.fullmatch(r"([0-9.]+)\s*([a-z]+)\.?(\s*(parameters|params|tokens|flops?))?", lowered)
    if words and words.group(2) in WORD_MULTIPLIERS:
        try:
            value = float(words.group(1)) * WORD_MULTIPLIERS[words.group(2)]
        except ValueError:
            value = None
        if value is not None:
            return f"write the number with digits only: {_format_number(value)}"
    power = re.fullmatch(r"([0-9.]+)\s*[x×*·]\s*10\s*\^?\s*([+-]?\d+)", lowered)
    if power:
        return f"write it as {power.group(1)}e{int(power.group(2))}"
    if COMMA_WITH_EXPONENT.fullmatch(lowered) and lowered.count(",") == 1:
        pointed = text.strip().replace(",", ".")
        thousands = text.strip().replace(",", "")
        return (
            "a comma in a number with an exponent could be a decimal comma or a thousands "
            f"separator, so it is not read: write {pointed} (that is "
            f"{_format_number(float(pointed)).split(' or ')[-1]}) with a point as the decimal "
            f"mark; if you meant {thousands}, write {_format_number(float(thousands))}"
        )
    if COMMA_WITH_EXPONENT.fullmatch(lowered):
        return f"write it without commas, with a point as the decimal mark, like {example}"
    if ONE_COMMA_GROUP.fullmatch(lowered):
        pointed = lowered.replace(",", ".")
        return (
            "one comma could be a decimal comma or a thousands separator, so it is not read: "
            f"write {lowered.replace(',', '')} or {pointed}, whichever you mean, without the comma"
        )
    if DECIMAL_COMMA.fullmatch(lowered):
        return f"use a point as the decimal mark: {lowered.replace(',', '.')}"
    if re.fullmatch(r"\d{1,3}([ .']\d{3})+", lowered):
        digits = re.sub(r"[ .']", "", lowered)
        return f"write it without separators: {digits}"
    prefix = re.match(r"\+?\d+(\.\d*)?([e][+-]?\d+)?", lowered)
    if prefix and prefix.group(0) != lowered:
        return f"remove the extra characters: write {prefix.group(0)}"
    return f"write digits only, like {example} (a point for decimals, no units)"


def _suggest_date(text: str) -> str:
    text = text.strip()
    head = re.match(r"^(\d{4}-\d{2}-\d{2})[ T]\d", text)
    if head:
        return f"write the date only: {head.group(1)}"
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # an Excel serial day number
        day = date(1899, 12, 30) + timedelta(days=int(float(text)))
        return f"write {day.isoformat()} (the spreadsheet stored the date as a day number)"
    ymd = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if ymd:
        year, month, day_ = (int(part) for part in ymd.groups())
        return _date_or_generic(year, month, day_)
    dmy = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if dmy:
        first, second, year = (int(part) for part in dmy.groups())
        if first > 12 >= second:
            return _date_or_generic(year, second, first)
        if second > 12 >= first:
            return _date_or_generic(year, first, second)
        return (
            f"write it as YYYY-MM-DD: {year}-{second:02d}-{first:02d} if that is "
            f"{first} {date(2000, second, 1):%B}, {year}-{first:02d}-{second:02d} if "
            f"{date(2000, first, 1):%B} {second}"
        )
    for pattern in ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y"):
        try:
            return f"write it as {datetime.strptime(text, pattern).date().isoformat()}"
        except ValueError:
            continue
    return "write it as YYYY-MM-DD, like 2025-03-14 (in a spreadsheet, format the column as Text)"


def _date_or_generic(year: int, month: int, day_: int) -> str:
    try:
        return f"write it as {date(year, month, day_).isoformat()}"
    except ValueError:
        return "this day does not exist in the calendar: check it and write it as YYYY-MM-DD"


def parse_date(text: str) -> date:
    if DATE_PATTERN.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                "this day does not exist in the calendar: check it and write it as YYYY-MM-DD"
            ) from None
    raise ValueError(_suggest_date(text))


def closest_ids(model_id: str, known: KnownModels, n: int = 3) -> list[str]:
    """The ``n`` known ids most like what was typed: an alias or exact slug first."""
    slug = re.sub(r"[^a-z0-9]+", "-", model_id.lower()).strip("-")
    first = [candidate for candidate in (known.aliases.get(slug), slug) if candidate in known]
    by_name = {(model.model_name or "").lower(): model.model_id for model in known.models.values()}
    if model_id.lower() in by_name:
        first.append(by_name[model_id.lower()])
    ranked = sorted(
        known.models,
        key=lambda candidate: (
            -difflib.SequenceMatcher(None, slug, candidate).ratio(),
            candidate,
        ),
    )
    return list(dict.fromkeys(first + ranked))[:n]


# -- rules --------------------------------------------------------------------------------


class Checker:
    def __init__(self, rows: list[OverrideRow], known: KnownModels, today: date):
        self.rows = rows
        self.known = known
        self.today = today
        self.added_ids = {row.model_id for row in rows if row.kind == "add" and row.model_id}
        self.problems: list[Problem] = []

    def add(self, row: OverrideRow, column: str | None, what: str, fix: str, warn=False) -> None:
        self.problems.append(Problem(row.row, column, what, fix, warn))

    def run(self) -> list[Problem]:
        for row in self.rows:
            self.check_row(row)
        self.check_duplicates()
        self.check_conflicts()
        return self.problems

    def check_row(self, row: OverrideRow) -> None:
        kind = self.check_kind(row)
        self.check_values(row)
        self.check_required(row)
        if not row.get("model_id"):
            self.add(
                row,
                "model_id",
                "is empty",
                "write the model's id as it appears in marts.models (for add: a new short "
                "lowercase id with hyphens, like grok-5)",
            )
        elif kind == "add":
            self.check_add(row)
        elif kind in ("correct", "exclude", "verify"):
            self.check_known_id(row)
        if kind == "correct" and not any(row.get(field) for field in VALUE_FIELDS):
            self.add(
                row,
                None,
                "this correct row changes nothing: every value column is empty",
                "fill the column(s) to correct, e.g. training_compute_flop or parameters",
            )
        if kind == "exclude":
            self.check_exclude(row)
        if kind in ("correct", "verify"):
            self.check_far_from_estimates(row)
        confirm = row.get(CONFIRM_FAR)
        if confirm and confirm.lower() not in CONFIRM_WORDS:
            self.add(
                row,
                CONFIRM_FAR,
                f'"{confirm}" is not a confirmation',
                "write yes to confirm a value far from every automated estimate, or leave it empty",
            )
        if kind == "verify" and not row.get("training_compute_flop"):
            self.add(
                row,
                "training_compute_flop",
                "a verify row must carry the verified training compute",
                "copy the value you checked, in FLOP, like 2.15e25",
            )

    def check_kind(self, row: OverrideRow) -> str | None:
        kind = row.kind
        if kind in KINDS:
            return kind
        if not kind:
            self.add(row, "change_kind", "is empty", "write one of: " + ", ".join(KINDS))
            return None
        guess = KIND_SYNONYMS.get(kind) or next(
            iter(difflib.get_close_matches(kind, KINDS, n=1, cutoff=0.5)), None
        )
        hint = f"did you mean {guess}? " if guess else ""
        self.add(
            row,
            "change_kind",
            f'"{row.get("change_kind")}" is not a kind of change',
            f"{hint}write one of: " + ", ".join(KINDS),
        )
        return None

    def check_values(self, row: OverrideRow) -> None:
        for column, (low, high) in NUMBER_RANGES.items():
            text = row.get(column)
            if not text:
                continue
            try:
                value = parse_number(text, column)
            except ValueError as exc:
                self.add(row, column, f'"{text}" is not a number', str(exc))
                continue
            if value < low or value > high:
                self.add(row, column, f"{text} is out of range", _range_fix(column, value, low))
        for column in ("publication_date", "changed_on"):
            text = row.get(column)
            if not text:
                continue
            try:
                day = parse_date(text)
            except ValueError as exc:
                self.add(row, column, f'"{text}" is not a date in YYYY-MM-DD form', str(exc))
                continue
            if day > self.today + timedelta(days=1):
                self.add(row, column, f"{text} is in the future", "check the year and month")
        confidence = row.get("confidence")
        if confidence and confidence.lower() not in (w.lower() for w in CONFIDENCE_WORDS):
            self.add(
                row,
                "confidence",
                f'"{confidence}" is not one of the confidence words',
                "write Confident, Likely or Speculative (or leave it empty)",
            )
        url = row.get("source_url")
        if url and not URL_PATTERN.fullmatch(url):
            self.add(
                row,
                "source_url",
                f'"{url}" is not a web address',
                "paste the full address from the browser, starting with https://",
            )
        organization = row.get("organization")
        known_orgs = self.known.organizations
        if organization and known_orgs and organization.lower() not in known_orgs:
            # Only a near miss of a known name is worth a word ("OpenAl"); a new name with
            # nothing close to it is a new organization, named on purpose.
            close = difflib.get_close_matches(
                organization.lower(), list(known_orgs), n=1, cutoff=ORGANIZATION_SIMILARITY
            )
            if close and known_orgs[close[0]].lower() != organization.lower():
                self.add(
                    row,
                    "organization",
                    f'"{organization}" is not in seeds/organizations.csv',
                    f'did you mean "{known_orgs[close[0]]}"? use the canonical name if it is '
                    "that organization; a new organization is fine",
                    warn=True,
                )

    def check_far_from_estimates(self, row: OverrideRow) -> None:
        """A compute more than FAR_FROM_ESTIMATES_FACTOR away from every automated estimate
        of the model (in the last published build) is usually a typo in the exponent: it
        needs confirm_far_from_estimates = yes."""
        text = row.get("training_compute_flop")
        estimates = self.known.estimates.get(row.model_id)
        if not text or not estimates or row.get(CONFIRM_FAR).lower() in CONFIRM_WORDS:
            return
        try:
            value = parse_number(text)
        except ValueError:
            return  # reported by check_values
        if value <= 0:
            return
        ratios = [max(value / flop, flop / value) for _, flop in estimates]
        if min(ratios) <= FAR_FROM_ESTIMATES_FACTOR:
            return
        direction = "below" if all(value < flop for _, flop in estimates) else "above"
        listed = ", ".join(f"{method} {flop:.2g}" for method, flop in estimates[:4])
        how = (
            f"write yes in its column {CONFIRM_FAR}"
            if CONFIRM_FAR in row.cells
            else f"add ,{CONFIRM_FAR} at the end of row 1 (the header) and ,yes at the end of "
            f"row {row.row}"
        )
        self.add(
            row,
            "training_compute_flop",
            f"{text} is {min(ratios):,.0f}× {direction} every automated estimate of "
            f"{row.model_id} ({listed}; from {self.known.estimates_origin})",
            f"check the exponent (2.1e25 means 2.1 × 10^25); if {text} is right, {how}",
        )

    def check_required(self, row: OverrideRow) -> None:
        fixes = {
            "source_url": "paste the web address (https://...) of the paper, post or page "
            "that supports this change",
            "reason": "say in a few words why you make this change",
            "changed_by": "write your name",
            "changed_on": f"write today's date as YYYY-MM-DD, like {self.today.isoformat()}",
        }
        for column in REQUIRED_FIELDS:
            if not row.get(column):
                self.add(row, column, "is empty", fixes[column])

    def check_add(self, row: OverrideRow) -> None:
        model_id = row.model_id
        if not MODEL_ID_PATTERN.fullmatch(model_id):
            slug = re.sub(r"[^a-z0-9]+", "-", model_id).strip("-") or "grok-5"
            self.add(
                row,
                "model_id",
                f'"{row.get("model_id")}" is not a valid new id',
                f"use lowercase letters, digits and hyphens only, like {slug}",
            )
        for column, example in (("model_name", "Grok 5"), ("organization", "xAI")):
            if not row.get(column):
                self.add(
                    row,
                    column,
                    f"an add row needs {column} filled in",
                    f"write it as it should appear in the published list, like {example}",
                )
        if not row.get("training_compute_flop"):
            self.add(
                row,
                "training_compute_flop",
                "an add row needs the training compute in FLOP",
                "write your estimate, like 3e25; if it is rough, set confidence to Speculative",
            )
        existing = self.known.get(model_id)
        if existing is None or not existing.has_source:
            return
        changed_on = _try_date(row.get("changed_on"))
        if existing.first_seen_on and changed_on and existing.first_seen_on > changed_on:
            self.add(
                row,
                "change_kind",
                f"a source now lists {model_id} (first seen {existing.first_seen_on}), "
                "after this model was added",
                "change add to correct to keep your values as corrections",
                warn=True,
            )
            return
        described = ", ".join(x for x in (existing.model_name, existing.organization) if x)
        self.add(
            row,
            "model_id",
            f"{model_id} already exists ({described or 'seen in the sources'})",
            "to change it use change_kind correct; to add a different model, choose a new id",
        )

    def check_known_id(self, row: OverrideRow) -> None:
        model_id = row.model_id
        if model_id in self.known or model_id in self.added_ids:
            return
        target = self.known.retired.get(model_id)
        if target and target in self.known:
            # A retired id keeps applying to the model that absorbed it (docs/identity.md).
            self.add(
                row,
                "model_id",
                f'"{row.get("model_id")}" is a retired id or a build\'s name: the identity rules '
                f"fold it into {target}, and this row applies to {target}",
                f"nothing to fix; write {target} to say so directly",
                warn=True,
            )
            return
        alias = self.known.aliases.get(model_id)
        if alias and alias in self.known:
            self.add(
                row,
                "model_id",
                f'"{row.get("model_id")}" is another name for {alias}',
                f"write {alias}",
            )
            return
        suggestions = ", ".join(closest_ids(model_id, self.known))
        if self.known.is_complete:
            self.add(
                row,
                "model_id",
                f'"{row.get("model_id")}" is not a known model id',
                f"closest known ids: {suggestions} (to add a new model, use change_kind add)",
            )
        else:
            self.add(
                row,
                "model_id",
                f'"{row.get("model_id")}" is not in the seeds or samples (no warehouse to '
                "check every source yet)",
                f"closest: {suggestions}; `make run` checks it against every source",
                warn=True,
            )

    def check_exclude(self, row: OverrideRow) -> None:
        reason = row.get("reason")
        if reason and not EXCLUDE_REASON_PATTERN.search(reason):
            self.add(
                row,
                "reason",
                "an exclude reason must say which kind of exclusion it is",
                'start it with "not above 1e25", "not a real model" or "duplicate of <model_id>"',
            )
        duplicate = DUPLICATE_OF_PATTERN.search(reason or "")
        if duplicate:
            other = duplicate.group(1).lower().rstrip(".")
            if other == row.model_id:
                self.add(
                    row, "reason", "a model cannot be a duplicate of itself", "name the other model"
                )
            elif other not in self.known and other not in self.added_ids:
                self.add(
                    row,
                    "reason",
                    f'"duplicate of {duplicate.group(1)}": {other} is not a known model id',
                    "name the model it duplicates by its id; closest: "
                    + ", ".join(closest_ids(other, self.known)),
                )
        ignored = [field for field in VALUE_FIELDS if row.get(field)]
        if ignored:
            self.add(
                row,
                ignored[0],
                "an exclude row changes no values: " + ", ".join(ignored) + " will be ignored",
                "leave the value columns empty on exclude rows (use a correct row to change "
                "values)",
                warn=True,
            )

    def check_duplicates(self) -> None:
        first_seen: dict[tuple, int] = {}
        for row in self.rows:
            key = tuple(
                row.get(c).lower() if c in ("change_kind", "model_id") else row.get(c)
                for c in COLUMNS
            )
            if key in first_seen:
                self.add(
                    row,
                    None,
                    f"this row is the same as row {first_seen[key]}",
                    "delete one of the two rows",
                )
            else:
                first_seen[key] = row.row
        adds: dict[str, int] = {}
        for row in self.rows:
            if row.kind != "add" or not row.model_id:
                continue
            if row.model_id in adds:
                self.add(
                    row,
                    "model_id",
                    f"{row.model_id} is already added in row {adds[row.model_id]}",
                    "to change the added model, edit that row or use change_kind correct",
                )
            else:
                adds[row.model_id] = row.row

    def check_conflicts(self) -> None:
        """Two rows of one model and one date giving one field different values, or one
        excluding the model while the other changes it: which wins would be arbitrary."""
        first_kind: dict[tuple[str, str, bool], OverrideRow] = {}
        for row in self.rows:
            if row.kind not in KINDS or not row.model_id:
                continue
            is_exclusion = row.kind == "exclude"
            other = first_kind.get((row.model_id, row.get("changed_on"), not is_exclusion))
            if other is not None:
                self.add(
                    row,
                    "change_kind",
                    f"row {other.row} {KIND_VERBS[other.kind]} {row.model_id} on the same "
                    f"changed_on date as this {row.kind} row, so "
                    "which one wins would be arbitrary",
                    "keep only the one you mean, or give it a later changed_on than the other",
                )
            first_kind.setdefault((row.model_id, row.get("changed_on"), is_exclusion), row)
        seen: dict[tuple[str, str, str], tuple[int, str]] = {}
        for row in self.rows:
            if row.kind not in ("add", "correct", "verify"):
                continue
            for column in VALUE_FIELDS:
                value = row.get(column)
                if not value:
                    continue
                key = (row.model_id, row.get("changed_on"), column)
                if key in seen and seen[key][1] != value:
                    self.add(
                        row,
                        column,
                        f"row {seen[key][0]} sets {column} of {row.model_id} to a different "
                        f"value on the same changed_on date",
                        "keep one of the two rows, or give the newer one a later changed_on",
                    )
                seen.setdefault(key, (row.row, value))


def _try_date(text: str) -> date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _range_fix(column: str, value: float, low: float) -> str:
    if column == "training_compute_flop":
        if value < low:
            return (
                "training compute of frontier models is around 1e24 to 1e27 FLOP; check the "
                "exponent (2.1e25 means 2.1 × 10^25)"
            )
        return "this is more than any model could use; check the exponent"
    noun = column.replace("_", " ")
    if value < low:
        return (
            f"write the full count of {noun}, not in millions or billions: 70 billion is "
            "70000000000 or 7e10"
        )
    return f"this is more {noun} than any model has; check the number of zeros or the exponent"


# -- entry points -------------------------------------------------------------------------


def _problem_order(problem: Problem) -> tuple[int, int]:
    column = COLUMNS.index(problem.column) if problem.column in COLUMNS else -1
    return problem.row or 0, column


def validate(path: Path, known: KnownModels, today: date | None = None) -> Report:
    """Check the file; never writes to it."""
    today = today or datetime.now(UTC).date()
    if not path.exists():
        problem = Problem(None, None, f"{path} does not exist", "restore it from the repository")
        return Report(path, [], [problem], known.origin)
    rows, problems = read_rows(path.read_bytes())
    problems += Checker(rows, known, today).run()
    problems.sort(
        key=lambda p: (p.row or 0, COLUMNS.index(p.column) if p.column in COLUMNS else -1)
    )
    return Report(path, rows, problems, known.origin)


def validate_file(path: Path | None = None, db_path: Path | None = None) -> Report:
    path = path or DEFAULT_PATH
    db_path = db_path or Settings.from_env().db_path
    return validate(path, known_models.load(db_path, path.parent))


def _display(path: Path) -> str:
    """The path as the user would type it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def report_lines(report: Report) -> list[str]:
    name = _display(report.path)
    lines = [
        f"Checking {name}: {len(report.rows)} change(s), model ids from {report.known_origin}."
    ]
    lines += [problem.line() for problem in report.problems]
    if report.ok:
        kinds = Counter(row.kind for row in report.rows)
        summary = ", ".join(f"{kinds[k]} {k}" for k in KINDS if kinds[k]) or "no changes"
        lines.append(f"OK: no problems found ({summary}). Next: make run")
    else:
        count = len(report.errors)
        lines.append(
            f"{count} problem{'s' if count != 1 else ''} found. {UNDO} Fix each one in {name}, "
            "save it, and run `make validate-overrides` again."
        )
    return lines


def ready_for_build(settings: Settings, path: Path | None = None) -> bool:
    """``make run``'s first step: check the overrides file; on a problem print every one
    and say that nothing was built. True when the build may go ahead."""
    path = path or DEFAULT_PATH
    report = validate_file(path, settings.db_path)
    if report.ok:
        warnings = [problem.line() for problem in report.problems]
        print(f"Overrides: {len(report.rows)} change(s) in {_display(path)}, no problems.")
        for line in warnings:
            print("  " + line)
        return True
    for line in report_lines(report):
        print(line, file=sys.stderr)
    print(
        "Stopped before ingest and dbt build: the warehouse was not changed. Fix the file, "
        "check it with `make validate-overrides`, then run `make run` again.",
        file=sys.stderr,
    )
    print(MAKE_ERROR_NOTE, file=sys.stderr)
    return False


def main(argv: list[str] | None = None, prog: str = "python -m ingest.overrides") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, help="default: seeds/manual_overrides.csv")
    parser.add_argument("--db", type=Path, help="warehouse to read known model ids from")
    args = parser.parse_args(argv)
    report = validate_file(args.path, args.db)
    for line in report_lines(report):
        print(line)
    if not report.ok:
        print(MAKE_ERROR_NOTE)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
