"""A listing saved from ``/api/models?author=...``, read one model info at a time.

A listing saved from /api/models can hold a million model infos (0.5 GB): parsed whole,
its Python objects alone take 2.7 GB. So a listing is read one array element at a time
(the same decoder and whitespace rules as json.loads), twice: once in parse() to find
the rejected rows and count the good ones, once more as the load writes the rows. Only
the capture's bytes stay in memory, never the whole document as objects.
"""

from __future__ import annotations

import codecs
import json
import mmap
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.sources.base import JSONObject
from ingest.sources.huggingface.rows import model_row

LISTING_CHUNK_BYTES = 4 * 1024 * 1024
# The check pass notes where every this many-th element begins (a byte offset): a part of
# the load starts decoding at the last one before its first element, not at the start.
STARTS_EVERY = 10_000
# An element still unfinished after this much text is not a model info (they are a few
# kB): the whole-document parse takes over and says what is wrong.
MAX_LISTING_ELEMENT_CHARS = 16 * 1024 * 1024
_JSON_SPACE = re.compile(r"[ \t\n\r]*")  # what json.loads allows between tokens
_ANY_SPACE = re.compile(r"\s*")  # what str.strip() removes (str.isspace)
_DECODER = json.JSONDecoder()


class NotPlainListing(Exception):
    """Not a well-formed JSON array of objects. The whole-document parse (``json_document``, then
    ``_parse_listing``) reads it instead, and its error names what is wrong."""


def looks_like_listing(content: bytes) -> bool:
    """The document is a JSON array: after byte-order marks and whitespace, a '['."""
    head = content[:4096].decode("utf-8", "replace").lstrip("\ufeff").lstrip()
    return head.startswith("[")


def listing_elements(
    content: bytes,
    *,
    keep_text: bool = False,
    starts: dict[int, int] | None = None,
    start_byte: int = 0,
) -> Iterator[dict[str, Any]]:
    """Each element of a JSON array of objects, in order, as json.loads would give it
    (with ``keep_text``, as a ``JSONObject`` that also holds the element's own text).

    The bytes are decoded in chunks (as ``content.decode("utf-8", "replace")`` would, with
    the leading byte-order marks and the surrounding whitespace ``json_document`` strips). Raises
    ``NotPlainListing`` for anything json.loads would refuse, an element that is not an
    object, or an empty array.

    ``starts``, when given, receives the byte offset where element 1, 1 + STARTS_EVERY,
    1 + 2 × STARTS_EVERY, ... begins. ``start_byte``, one of those offsets, reads from that
    element on (a part of the load; the array's opening was read by the check pass).
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    offset = start_byte
    done = False
    buf, pos = "", 0

    def refill() -> bool:
        """Append the next chunk of text to the unread part; False at the end."""
        nonlocal offset, done, buf, pos
        if done:
            return False
        chunk = content[offset : offset + LISTING_CHUNK_BYTES]
        offset += len(chunk)
        done = offset >= len(content)
        try:
            text = decoder.decode(chunk, final=done)
        except UnicodeDecodeError:
            raise NotPlainListing from None  # json_document refuses it with the byte's position
        buf, pos = buf[pos:] + text, 0
        return True

    def skip(allowed: re.Pattern[str]) -> None:
        nonlocal pos
        while True:
            pos = allowed.match(buf, pos).end()
            if pos < len(buf) or not refill():
                return

    refill()
    if not start_byte:
        while True:  # json_document: lstrip("\ufeff"), then strip()
            while pos < len(buf) and buf[pos] == "\ufeff":
                pos += 1
            if pos < len(buf) or not refill():
                break
        skip(_ANY_SPACE)
        if buf[pos : pos + 1] != "[":
            raise NotPlainListing
        pos += 1
        skip(_JSON_SPACE)
        if buf[pos : pos + 1] == "]":
            raise NotPlainListing  # empty: the whole-document parse says so
    number = 0
    while True:
        number += 1
        if starts is not None and number % STARTS_EVERY == 1 % STARTS_EVERY:
            # The bytes read, less those the decoder holds back and the text not yet used.
            pending = len(decoder.getstate()[0])
            starts[number] = offset - pending - len(buf[pos:].encode("utf-8"))
        while True:
            try:
                element, end = _DECODER.raw_decode(buf, pos)
                break
            except json.JSONDecodeError:
                # Most often the element goes on in the next chunk.
                if len(buf) - pos > MAX_LISTING_ELEMENT_CHARS or not refill():
                    raise NotPlainListing from None
        # An object ends with its own '}': one parsed here is whole, not cut by the chunk.
        if not isinstance(element, dict):
            raise NotPlainListing
        if keep_text:
            element = JSONObject(element, buf[pos:end])
        pos = end
        yield element
        skip(_JSON_SPACE)
        separator = buf[pos : pos + 1]
        pos += 1
        if separator == "]":
            break
        if separator != ",":
            raise NotPlainListing
        skip(_JSON_SPACE)
    while True:  # after the array, only what strip() removes
        rest = buf[pos:]
        if rest and not rest.isspace():
            raise NotPlainListing
        pos = len(buf)
        if not refill():
            return


class ListingRows(Sequence[dict[str, Any]]):
    """The ``models`` rows of a listing, made again from its bytes each time they are read.

    ``parse`` checks every element first (``rejected`` holds the ones ``model_row`` refuses
    and the duplicates); iterating yields the rows of the others, the same rows
    ``_parse_infos`` would have kept in a list, without holding them all at once.
    """

    def __init__(
        self,
        content: bytes,
        rejected_numbers: frozenset[int],
        count: int,
        starts: dict[int, int] | None = None,
    ):
        self._content = content
        self._rejected = rejected_numbers
        self._count = count
        self._starts = starts or {}

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return _listing_rows(self._content, self._rejected)

    def __getitem__(self, index: Any) -> Any:  # reads every row: for tests, not the load
        return list(self)[index]

    def parts(self, path: Path, count: int) -> list[ListingPart]:
        """The rows in ``count`` consecutive parts of about as many elements each, in order,
        each to be read in a process of its own from ``path`` (the archived capture, whose
        bytes are this listing's): together, the rows iteration yields."""
        elements = self._count + len(self._rejected)
        parts = []
        rows_before = 0
        for index in range(count):
            first, last = elements * index // count + 1, elements * (index + 1) // count
            rejected = frozenset(n for n in self._rejected if first <= n <= last)
            # Decoding starts at the last element whose offset the check pass noted.
            known = max((n for n in self._starts if n <= first), default=1)
            start_byte = self._starts.get(known, 0) if known > 1 else 0
            parts.append(
                ListingPart(str(path), first, last, rejected, rows_before + 1, known, start_byte)
            )
            rows_before += last - first + 1 - len(rejected)
        return parts

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ListingRows | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ListingPart:
    """Elements ``first`` to ``last`` (counted from 1) of the listing saved at ``path``, as
    rows, without the ``rejected`` ones; the first of its rows is row ``first_row`` of the
    whole listing. Small enough to hand to another process, which reads the file itself."""

    path: str
    first: int
    last: int
    rejected: frozenset[int]
    first_row: int
    start_number: int = 1  # the element decoding starts at (<= first), and its byte offset
    start_byte: int = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        # Mapped, not read: the parts' processes share the capture's pages in memory.
        with (
            open(self.path, "rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as content,
        ):
            yield from _listing_rows(
                content,  # type: ignore[arg-type]
                self.rejected,
                first=self.first,
                last=self.last,
                start_number=self.start_number,
                start_byte=self.start_byte,
            )


def listing_row(info: dict[str, Any]) -> dict[str, Any]:
    """A model info of a listing as its row: fetched with the listing (no request of its
    own), no repo files read."""
    return model_row(info, request_url=None, status=200, repo=None)


def _listing_rows(
    content: bytes,
    rejected: frozenset[int],
    *,
    first: int = 1,
    last: int | None = None,
    start_number: int = 1,
    start_byte: int = 0,
) -> Iterator[dict[str, Any]]:
    """The rows of elements ``first`` to ``last`` (to the end when None), without the
    ``rejected`` ones, decoding from element ``start_number`` at ``start_byte`` (the
    elements before ``first`` are decoded, not made rows). Each info keeps its text: the
    load writes it to the raw record as it is."""
    elements = listing_elements(content, keep_text=True, start_byte=start_byte)
    for number, info in enumerate(elements, start=start_number):
        if last is not None and number > last:
            return
        if number >= first and number not in rejected:
            yield listing_row(info)
