"""MediaWiki HTML tables -> grids of cells, with spans expanded and footnotes stripped.

Generic over any page rendered by MediaWiki's parser (``action=parse``): it knows the
markup quirks (``<sup class="reference">`` footnotes, ``data-sort-value`` sort keys,
hidden ``sortkey`` spans, inline ``<style>`` from TemplateStyles, headings wrapped in
``<div class="mw-heading">``, ``sortbottom`` footers, full-width section rows) but nothing
about what the tables mean.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

# Footnote markers left once the <sup> tags are gone: [1], [a], [note 3], [citation needed].
MARKER_RE = re.compile(
    r"\[(?:\d{1,4}|[a-z]{1,2}|note \d+|nb \d+|citation needed|[a-z ]{3,25} needed)\]", re.I
)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none", re.I)
# Tags whose text is never shown in a cell: footnotes, inline CSS, citation-needed flags.
JUNK_SELECTOR = (
    "sup.reference, sup.noprint, span.noprint, span.mw-ref, style, script, link, "
    "span.mw-cite-backlink, .sortkey"
)
BLOCK_TAGS = ("div", "p", "li", "ul", "ol", "dd", "dl", "dt", "tr", "table")
MAX_ROWSPAN = 500
MAX_COLSPAN = 50


@dataclass(frozen=True)
class Cell:
    """One table cell as a reader sees it, plus what the sort machinery sees."""

    text: str
    sort_value: str | None = None
    classes: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    is_header: bool = False
    # The footnotes the cell cites, as the ids of their list items (``cite_note-63``):
    # where the figure in the cell comes from (``references`` resolves them).
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """One item of the page's footnote lists: its text and the external links in it."""

    note_id: str
    text: str
    urls: tuple[str, ...] = ()


@dataclass
class GridRow:
    """A table row after span expansion; ``problem`` says why it does not fit the grid.

    ``section`` is the text of the last full-width row above it (``<th colspan=8>2024</th>``),
    the way one big table splits itself into years.
    """

    number: int
    cells: list[Cell]
    problem: str | None = None
    section: str | None = None


@dataclass
class WikiTable:
    index: int
    heading: str | None
    headers: list[str]
    rows: list[GridRow] = field(default_factory=list)


def clean_text(text: str) -> str:
    """NBSP and other spaces -> one space; footnote markers removed; trimmed."""
    text = text.replace("\xa0", " ").replace("\u202f", " ").replace("\u2009", " ")
    text = MARKER_RE.sub("", text)
    return " ".join(text.split())


def normalize_header(text: str) -> str:
    """`Number of parameters (billion)[b]` -> `number of parameters (billion)`."""
    text = re.sub(r"\[[^\]]{0,30}\]", "", text)
    return clean_text(text).lower()


def _span(tag: Tag, name: str, limit: int) -> int:
    raw = str(tag.get(name) or "1")
    digits = re.match(r"\s*(\d+)", raw)
    value = int(digits.group(1)) if digits else 1
    return max(1, min(value, limit))


def cell_of(tag: Tag) -> Cell:
    """Read a <td>/<th> without changing the document."""
    tag = copy.copy(tag)
    sort_value = tag.get("data-sort-value")
    # Older templates put the sort key in a hidden span instead of data-sort-value.
    hidden = [
        span
        for span in tag.find_all("span")
        if "sortkey" in (span.get("class") or []) or HIDDEN_STYLE_RE.search(span.get("style") or "")
    ]
    if sort_value is None and hidden:
        sort_value = hidden[0].get_text()
    for span in hidden:
        span.decompose()
    references = tuple(
        dict.fromkeys(
            str(a["href"]).removeprefix("#")
            for sup in tag.select("sup.reference")
            for a in sup.find_all("a", href=True)
            if str(a["href"]).startswith("#cite_note")
        )
    )
    for junk in tag.select(JUNK_SELECTOR):
        junk.decompose()
    if sort_value is None:
        inner = tag.find(attrs={"data-sort-value": True})
        if isinstance(inner, Tag):
            sort_value = inner.get("data-sort-value")
    for br in tag.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for block in tag.find_all(BLOCK_TAGS):
        block.insert_after(NavigableString("\n"))
    links = tuple(str(a["href"]) for a in tag.find_all("a", href=True))
    classes = tuple(str(c) for c in (tag.get("class") or []))
    return Cell(
        text=clean_text(tag.get_text("")),
        sort_value=clean_text(str(sort_value)) if sort_value is not None else None,
        classes=classes,
        links=links,
        is_header=tag.name == "th",
        references=references,
    )


def _own_rows(table: Tag) -> Iterator[Tag]:
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            yield tr


def _heading_text(tag: Tag) -> str:
    headline = tag.find(class_="mw-headline")
    return clean_text((headline or tag).get_text(""))


def expand(table: Tag, index: int, heading: str | None) -> WikiTable:
    """Expand rowspan/colspan into a grid; the first all-<th> row gives the headers."""
    headers: list[str] | None = None
    pending: dict[int, tuple[int, Cell]] = {}  # column -> (rows still to fill, cell)
    rows: list[GridRow] = []
    section: str | None = None
    for tr in _own_rows(table):
        tags = [c for c in tr.find_all(["td", "th"], recursive=False)]
        if not tags:
            continue
        if headers is None:
            if tags and all(t.name == "th" for t in tags):
                headers = []
                for tag in tags:
                    headers.extend([cell_of(tag).text] * _span(tag, "colspan", MAX_COLSPAN))
            continue
        row_classes = tr.get("class") or []
        if "sortbottom" in row_classes or "sorttop" in row_classes:
            continue  # a footer or caption row pinned by the sorter: not data
        if len(tags) == 1 and _span(tags[0], "colspan", MAX_COLSPAN) >= max(len(headers), 2):
            section = cell_of(tags[0]).text or section  # one cell across the table
            continue
        if tags and all(t.name == "th" for t in tags) and not pending:
            continue  # a repeated or second-level header row
        placed: dict[int, Cell] = {}
        spanned: set[int] = set()
        for col, (left, cell) in list(pending.items()):
            placed[col] = cell
            spanned.add(col)
            if left <= 1:
                del pending[col]
            else:
                pending[col] = (left - 1, cell)
        col = 0
        for tag in tags:
            while col in placed:
                col += 1
            cell = cell_of(tag)
            rowspan = _span(tag, "rowspan", MAX_ROWSPAN)
            for _ in range(_span(tag, "colspan", MAX_COLSPAN)):
                while col in placed:
                    col += 1
                placed[col] = cell
                if rowspan > 1:
                    pending[col] = (rowspan - 1, cell)
                col += 1
        width = max(placed) + 1 if placed else 0
        cells = [placed.get(i, Cell(text="")) for i in range(width)]
        problem = None
        if len(cells) != len(placed):
            problem = f"row has gaps in columns {sorted(set(range(width)) - set(placed))}"
        # A stray empty <td> at the end of a row (a known quirk of the page) carries nothing.
        while len(cells) > len(headers) and not cells[-1].text and (len(cells) - 1) not in spanned:
            cells.pop()
        if problem is None and len(cells) != len(headers):
            problem = f"row has {len(cells)} cells, the table has {len(headers)} columns"
        rows.append(GridRow(number=len(rows) + 1, cells=cells, problem=problem, section=section))
    return WikiTable(index=index, heading=heading, headers=headers or [], rows=rows)


def _soup(page: str | BeautifulSoup) -> BeautifulSoup:
    return page if isinstance(page, BeautifulSoup) else BeautifulSoup(page, "html.parser")


def references(page: str | BeautifulSoup) -> dict[str, Reference]:
    """Every footnote of the page (``ol.references > li``) by id: text and external links.

    A page's notes ([a], [b]) and its references ([1], [2]) are both such lists."""
    soup = _soup(page)
    found: dict[str, Reference] = {}
    for item in soup.select("ol.references > li[id]"):
        body = item.find(class_="reference-text") or item
        urls = tuple(
            dict.fromkeys(
                str(a["href"])
                for a in body.find_all("a", href=True)
                if str(a["href"]).startswith(("http://", "https://", "//"))
            )
        )
        found[str(item["id"])] = Reference(
            note_id=str(item["id"]), text=clean_text(body.get_text("")), urls=urls
        )
    return found


def wikitables(page: str | BeautifulSoup) -> list[WikiTable]:
    """Every top-level ``table.wikitable`` with the text of the heading above it."""
    soup = _soup(page)
    heading: str | None = None
    found: list[WikiTable] = []
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "table"]):
        if tag.name != "table":
            heading = _heading_text(tag)
            continue
        if "wikitable" not in (tag.get("class") or []):
            continue
        outer = tag.find_parent("table")
        if outer is not None and "wikitable" in (outer.get("class") or []):
            continue  # a table inside a cell belongs to that cell
        found.append(expand(tag, len(found) + 1, heading))
    return found
