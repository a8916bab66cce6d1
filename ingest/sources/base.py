"""The contract every source implements: fetch, parse, and the raw tables it fills.

- ``fetch`` talks to the network only (tested with ``responses``) and returns bytes.
- ``parse`` is a pure function of the capture's bytes (tested on fixture files): it returns
  rows per raw table plus rejected rows, or raises ``ParseError`` when the capture as a
  whole is unusable (HTML error page, truncated JSON, changed layout).
- loading is generic (``ingest.warehouse``): the same for every source.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import requests

from ingest.captures import Capture


class JSONObject(dict):
    """A JSON object as parsed (a dict like any other) that also keeps the text it was
    parsed from, so that the load can write it to a ``json`` column as it is instead of
    encoding the dict again (``ingest.warehouse``): for a listing of a million model infos
    that encoding was a quarter of the ingest. ``text`` holds no line break: between JSON
    tokens one is only whitespace (inside a string it would be invalid JSON, and
    ``json.loads`` refuses it), so it is written as a space."""

    __slots__ = ("text",)

    def __init__(self, parsed: dict, text: str):
        super().__init__(parsed)
        self.text = text.replace("\r", " ").replace("\n", " ")


class ParseError(Exception):
    """The capture as a whole is unusable; the message names what is wrong."""


def not_utf8(exc: UnicodeDecodeError) -> ParseError:
    """The refusal of a JSON capture that is not UTF-8 (JSON must be, RFC 8259): decoding
    it anyway would load names as 'Cl\ufffdude' with no rejected row."""
    bad = exc.object[exc.start : exc.start + 1].hex()
    return ParseError(
        f"not UTF-8 text: byte 0x{bad} at byte {exc.start} is not valid UTF-8 (the file "
        "was probably saved in Latin-1 or Windows-1252); save it as UTF-8 and load it again"
    )


def describe_content(content: bytes) -> str:
    """What a capture looks like, in words, never its contents: an error about a file that
    is not the source's format must not repeat the file (it could be /etc/passwd)."""
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return "an empty file"
    lowered = head[:100].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "an HTML page"
    if head[:1] in (b"{", b"["):
        return "a JSON document"
    if b"\x00" in head:
        return "binary data"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "binary data or text that is not UTF-8"
    return "plain text"


def decode_utf8(content: bytes) -> str:
    """The capture's text, without a byte-order mark; ParseError when it is not UTF-8."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(exc) from None


def json_document(content: bytes, *, empty: str = "empty file") -> Any:
    """A JSON capture's value, or a ParseError naming what is wrong with it: not UTF-8,
    empty (``empty`` is the message), an HTML page, or JSON cut short or corrupt."""
    text = decode_utf8(content).lstrip("\ufeff").strip()
    if not text:
        raise ParseError(empty)
    if text.startswith("<"):
        raise ParseError("an HTML page, not JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not valid JSON (truncated or corrupt): {exc.msg} at character {exc.pos} "
            f"of {len(text)}"
        ) from exc


@dataclass
class Rejected:
    row_number: int
    reason: str
    record: Any


def unique_rows(
    items: Iterable[Any],
    make_row: Callable[[Any], dict[str, Any]],
    key: str,
    duplicate: Callable[[Any], str],
) -> tuple[list[dict[str, Any]], list[Rejected]]:
    """The rows of a capture's items, in order, and the items rejected: an item whose
    ``make_row`` raises ValueError (the message is the reason), or whose row's ``key`` an
    earlier row already has (the reason is ``duplicate(value)``). Row numbers count from 1."""
    rows: list[dict[str, Any]] = []
    rejected: list[Rejected] = []
    seen: set[Any] = set()
    for number, item in enumerate(items, start=1):
        try:
            row = make_row(item)
            if row[key] in seen:
                raise ValueError(duplicate(row[key]))
        except ValueError as exc:
            rejected.append(Rejected(number, str(exc), item))
            continue
        seen.add(row[key])
        rows.append(row)
    return rows, rejected


@dataclass
class ParseResult:
    tables: dict[str, list[dict[str, Any]]]
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass
class FetchResult:
    """``content`` is None when the source says nothing changed (304, same ETag)."""

    content: bytes | None
    url: str
    etag: str | None = None


@dataclass
class FetchContext:
    session: requests.Session
    previous: Capture | None
    options: dict[str, Any] = field(default_factory=dict)
    # Read-only facts from the warehouse a source may need (e.g. repo ids to look up).
    hints: dict[str, Any] = field(default_factory=dict)


class Source:
    """Base class: subclasses set the attributes and implement fetch and parse."""

    name: str = ""
    ext: str = "bin"
    description: str = ""
    licence: str = ""
    cadence: str = ""
    # entity -> {column: DuckDB type}; the table is raw.<name>__<entity>.
    tables: dict[str, dict[str, str]] = {}

    def fetch(self, ctx: FetchContext) -> FetchResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, content: bytes) -> ParseResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def table_name(self, entity: str) -> str:
        return f"{self.name}__{entity}"
