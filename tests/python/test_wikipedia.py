"""Wikipedia "List of large language models": parse on fixtures in the API's exact format,
fetch with `responses`, load into a real DuckDB, and --from-file through the CLI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import requests
import responses

from ingest import http
from ingest.captures import Capture, sha256_of
from ingest.cli import run
from ingest.config import SAMPLE_DIR
from ingest.sources.base import FetchContext, ParseError
from ingest.sources.wikipedia import (
    FLOP_PER_PETAFLOP_DAY,
    PARSE_URL,
    REVISION_URL,
    Wikipedia,
    parse_corpus_tokens,
    parse_parameters,
    parse_release_date,
    parse_training_cost,
)
from ingest.warehouse import Warehouse

API = "https://en.wikipedia.org/w/api.php"


@pytest.fixture
def wiki_fixtures(fixtures: Path) -> Path:
    return fixtures / "wikipedia"


@pytest.fixture
def quirks(wiki_fixtures: Path) -> bytes:
    return (wiki_fixtures / "list_with_quirks.json").read_bytes()


def rows_by_name(content: bytes) -> dict[str, dict]:
    parsed = Wikipedia().parse(content)
    return {row["model_name"]: row for row in parsed.tables["models"]}


# -- parse: the page's markup quirks ---------------------------------------------------------


def test_footnotes_are_stripped_from_headers_and_cells(quirks):
    # GIVEN a 2024 row whose training cost cell is "200,000[88]" and headers marked [a] [b] [c]
    rows = rows_by_name(quirks)
    # WHEN parsed THEN the footnote marker is gone and the thousands separator read
    nemotron = rows["Nemotron-4 340B"]
    assert nemotron["training_cost_text"] == "200,000"
    assert nemotron["training_cost_petaflop_days"] == 200_000
    assert nemotron["training_cost_flop"] == pytest.approx(200_000 * 8.64e19)
    # AND the name cell keeps no trace of references either
    assert "[" not in "".join(rows)


def test_petaflop_days_become_flop_llama_3_1(quirks):
    # GIVEN Llama 3.1 with 440,000 petaFLOP-days (sort key on the <td>)
    llama = rows_by_name(quirks)["Llama 3.1"]
    # THEN 440,000 x 8.64e19 = 3.8016e25 FLOP, and the sort key is kept beside the text
    assert llama["training_cost_flop"] == pytest.approx(3.8016e25)
    assert llama["training_cost_sort_value"] == "440000"
    assert FLOP_PER_PETAFLOP_DAY == 8.64e19


def test_rowspan_fills_the_next_row(quirks):
    # GIVEN "Meta AI" in a developer cell with rowspan=2 over Llama 3.1 and Llama 3.2
    rows = rows_by_name(quirks)
    # THEN both rows get the developer and every later cell stays in its column
    assert rows["Llama 3.2"]["developer"] == "Meta AI"
    assert rows["Llama 3.2"]["parameters"] == 90e9
    assert rows["Llama 3.2"]["parameters_is_approximate"] is True  # "~90"
    assert rows["Llama 3.2"]["corpus_tokens"] == 9e12
    assert rows["Llama 3.2"]["license_text"] == "Llama 3.2 license"


def test_year_less_date_takes_the_year_from_the_sort_key(quirks):
    # GIVEN GPT-4's release date shown as "Mar 14" with sort key 000000002023-03-14-0000
    gpt4 = rows_by_name(quirks)["GPT-4"]
    # THEN the date comes from the key, day precision; text and key are both kept
    assert gpt4["release_date"] == date(2023, 3, 14)
    assert gpt4["release_date_precision"] == "day"
    assert gpt4["release_date_text"] == "Mar 14"
    assert gpt4["release_date_sort_value"] == "000000002023-03-14-0000"


def test_month_only_dates_are_the_first_with_month_precision(quirks):
    rows = rows_by_name(quirks)
    assert rows["Nemotron-4 340B"]["release_date"] == date(2024, 6, 1)
    assert rows["Nemotron-4 340B"]["release_date_precision"] == "month"
    # A date with no sort key at all is read from the text.
    assert rows["GPT-5"]["release_date"] == date(2025, 8, 7)
    assert rows["Kimi K2"]["release_date"] == date(2025, 7, 1)


def test_unknown_parameters_are_null_even_with_a_rumour_in_the_sort_key(quirks):
    # GIVEN "Unknown[f] (According to rumors: 1760)" with sort key "1760 !"
    gpt4 = rows_by_name(quirks)["GPT-4"]
    # THEN parameters are NULL (a rumour is not a value) and the texts are kept
    assert gpt4["parameters"] is None
    assert gpt4["parameters_text"] == "Unknown (According to rumors: 1760)"
    assert gpt4["parameters_sort_value"] == "1760 !"


def test_parameters_are_billions_and_nbsp_and_separators_are_read(quirks):
    rows = rows_by_name(quirks)
    assert rows["GPT-2"]["parameters"] == 1.5e9
    assert rows["XLNet"]["parameters"] == 0.34e9
    assert rows["Nemotron-4 340B"]["parameters"] == 340e9  # "340B"
    assert rows["Kimi K2"]["parameters"] == 1e12  # "1,000"
    assert rows["PaLM 2 (Pathways Language Model 2)"]["corpus_tokens"] == 3.6e12  # NBSP


def test_corpus_tokens_only_when_the_unit_is_tokens(quirks):
    rows = rows_by_name(quirks)
    assert rows["GPT-2"]["corpus_tokens"] == 10e9  # "40GB (~10B tokens)"
    assert rows["GPT-2"]["corpus_size_text"] == "40GB (~10B tokens)"
    assert rows["XLNet"]["corpus_tokens"] is None  # "33B words"
    assert rows["XLNet"]["corpus_size_text"] == "33B words"
    assert rows["DeepSeek-R1"]["corpus_tokens"] is None  # "Not applicable"


def test_2025_table_without_training_cost_column_loads(quirks):
    # GIVEN the 7-column 2025 table
    rows = rows_by_name(quirks)
    # THEN its rows load with no training cost, and the other columns stay aligned
    r1 = rows["DeepSeek-R1"]
    assert r1["table_year"] == 2025
    assert r1["training_cost_text"] is None and r1["training_cost_flop"] is None
    assert r1["license_text"] == "MIT" and r1["license_class"] == "table-yes"
    assert r1["notes"] == "No pretraining. Reinforcement-learned upon V3-Base."


def test_license_class_notes_and_links(quirks):
    rows = rows_by_name(quirks)
    assert rows["GPT-4"]["license_class"] == "table-proprietary"
    assert rows["Llama 2"]["license_class"] == "table-partial"
    # The collapsed note loses its inline <style> and footnote, keeps its prose.
    notes = rows["Llama 3.1"]["notes"]
    assert "mw-parser-output" not in notes
    assert notes.endswith("405B version took 31 million hours on H100-80GB, at 3.8E25 FLOPs.")
    assert rows["GPT-2"]["article_url"] == "https://en.wikipedia.org/wiki/GPT-2"
    assert rows["Llama 3.1"]["revid"] == 1316542087
    assert rows["Llama 3.1"]["page_title"] == "List of large language models"


def test_bad_rows_are_rejected_with_a_reason_and_good_rows_load(quirks):
    # GIVEN a 2023 table with a row without a name, a row with a stray 9th cell, and a row
    # with an extra *empty* cell (a known quirk of the page)
    parsed = Wikipedia().parse(quirks)
    reasons = sorted(r.reason for r in parsed.rejected)
    # THEN two rows are rejected with their reasons; the empty extra cell is harmless
    assert reasons == ["row has 9 cells, the table has 8 columns", "row has no model name"]
    names = [row["model_name"] for row in parsed.tables["models"]]
    assert "Llama 2" in names and "Broken Row" not in names
    assert len(names) == 11
    # AND the rejected record says where the row was
    no_name = next(r for r in parsed.rejected if r.reason == "row has no model name")
    assert no_name.record["heading"] == "2023" and no_name.record["cells"]["Developer"] == "Nobody"


def test_legend_tables_without_model_columns_are_skipped(quirks):
    parsed = Wikipedia().parse(quirks)
    assert {row["table_heading"] for row in parsed.tables["models"]} == {
        "2019",
        "2023",
        "2024",
        "2025",
    }


def test_formatversion_1_body_parses_too(wiki_fixtures):
    # GIVEN a formatversion=1 body: text is {"*": ...} and "<" is escaped as \u003C
    content = (wiki_fixtures / "list_formatversion1.json").read_bytes()
    assert b'"text":{"*":' in content
    rows = rows_by_name(content)
    assert rows["Llama 3.1"]["training_cost_petaflop_days"] == 440_000


# -- parse: unusable captures -----------------------------------------------------------------


def test_maxlag_error_body_is_a_parse_error_naming_the_code(wiki_fixtures):
    content = (wiki_fixtures / "maxlag_error.json").read_bytes()
    with pytest.raises(ParseError, match="Wikipedia API error maxlag"):
        Wikipedia().parse(content)


def test_html_error_page_is_a_parse_error(wiki_fixtures):
    content = (wiki_fixtures / "wikimedia_error.html").read_bytes()
    with pytest.raises(ParseError, match="not JSON: an HTML page"):
        Wikipedia().parse(content)


def test_truncated_json_is_a_parse_error(quirks):
    with pytest.raises(ParseError, match="truncated or invalid JSON"):
        Wikipedia().parse(quirks[: len(quirks) // 2])


def test_page_without_tables_is_a_layout_change(wiki_fixtures):
    content = (wiki_fixtures / "no_tables.json").read_bytes()
    with pytest.raises(ParseError, match="layout changed: no table.wikitable"):
        Wikipedia().parse(content)


def test_renamed_name_header_is_a_layout_change(wiki_fixtures):
    # GIVEN the 2024 table with "Name" renamed to "Model"
    content = (wiki_fixtures / "renamed_name_header.json").read_bytes()
    # THEN the capture is refused, naming the missing column and the headers found
    with pytest.raises(ParseError, match=r"layout changed: .*no 'name' column \(headers: Model, "):
        Wikipedia().parse(content)


def test_unexpected_json_shape_is_a_layout_change():
    with pytest.raises(ParseError, match="no 'parse' object"):
        Wikipedia().parse(b'{"batchcomplete": true}')
    with pytest.raises(ParseError, match="'parse.text' is missing"):
        Wikipedia().parse(b'{"parse": {"title": "x", "revid": 1}}')


# -- value parsers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sort_value", "expected", "approximate"),
    [
        ("175", None, 175e9, False),
        ("0.117B", None, 0.117e9, False),
        ("1.6T", None, 1.6e12, False),
        ("~340", None, 340e9, True),
        ("7, 13, 70", None, 70e9, True),  # a family: the largest size
        ("1.5–7", None, 7e9, True),
        ("Unknown", "1760\xa0!", None, False),
        ("Not applicable", None, None, False),
        ("", "175 !", 175e9, False),
    ],
)
def test_parse_parameters(text, sort_value, expected, approximate):
    quantity = parse_parameters(text, sort_value)
    assert quantity.value == (pytest.approx(expected) if expected else None)
    assert quantity.is_approximate is approximate


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("300B tokens", 300e9),
        ("300 billion tokens", 300e9),
        ("40GB (~10B tokens)", 10e9),
        ("1.56T words, 168 billion tokens", 168e9),
        ("33B words", None),
        ("1.4 trillion", None),
        ("825 GiB", None),
    ],
)
def test_parse_corpus_tokens(text, tokens):
    assert parse_corpus_tokens(text) == (pytest.approx(tokens) if tokens else None)


@pytest.mark.parametrize(
    ("text", "sort_value", "table_year", "expected", "precision"),
    [
        ("Jun 11", "000000002018-06-11-0000", None, date(2018, 6, 11), "day"),
        ("May 2020", "000000002020-05-01-0000", None, date(2020, 5, 1), "month"),
        ("Jun 21, 2023", None, None, date(2023, 6, 21), "day"),
        ("11 June 2018", None, None, date(2018, 6, 11), "day"),
        ("2019", None, None, date(2019, 1, 1), "year"),
        ("Jun 11", None, 2018, date(2018, 6, 11), "day"),  # no key: the table's year
    ],
)
def test_parse_release_date(text, sort_value, table_year, expected, precision):
    assert parse_release_date(text, sort_value, table_year) == (expected, precision)


def test_unreadable_cells_keep_the_row_with_null_and_say_why():
    # GIVEN a cost of "a lot" and a date of "soon": neither is a value nor a known blank
    assert parse_training_cost("Unknown", None).value is None
    content = _page_with_row(
        "<td>Odd</td><td>soon</td><td>Lab</td><td>12</td><td>Unknown</td><td>a lot</td>"
        '<td class="table-yes">MIT</td><td></td>'
    )
    parsed = Wikipedia().parse(content)
    # THEN the row loads with NULLs and the reasons are recorded
    (row,) = parsed.tables["models"]
    assert row["release_date"] is None and row["training_cost_flop"] is None
    assert row["parameters"] == 12e9
    assert sorted(r.reason.split(":")[0] for r in parsed.rejected) == [
        "kept with NULL release_date",
        "kept with NULL training cost",
    ]


def test_parsoid_markup_and_legacy_hidden_sort_keys_are_read():
    # GIVEN Parsoid-style HTML (sections, mw-ref footnotes, ./ links) and an old-style
    # hidden sortkey span instead of data-sort-value
    html = (
        '<section data-mw-section-id="2"><div class="mw-heading mw-heading3"><h3 id="2024">2024'
        "</h3></div>"
        '<table class="wikitable sortable"><tbody><tr><th>Name</th><th>Release date</th>'
        "<th>Developer</th><th>Number of parameters (billion)"
        '<sup about="#mwt9" class="mw-ref reference" typeof="mw:Extension/ref">'
        '<a href="./List_of_large_language_models#cite_note-b"><span class="mw-reflink-text">'
        '<span class="cite-bracket">[</span>b<span class="cite-bracket">]</span></span></a></sup>'
        "</th><th>Corpus size</th><th>License</th><th>Notes</th></tr>"
        '<tr><td><a rel="mw:WikiLink" href="./GPT-4o" title="GPT-4o">GPT-4o</a></td>'
        '<td><span class="sortkey" style="display:none;speak:none">000000002024-05-13-0000</span>'
        "May 13</td><td>OpenAI</td><td>Unknown</td><td>Unknown</td>"
        '<td class="table-proprietary">Proprietary</td><td></td></tr></tbody></table></section>'
    )
    content = json.dumps({"parse": {"title": "t", "pageid": 1, "revid": 2, "text": html}})
    # WHEN parsed
    (row,) = Wikipedia().parse(content.encode()).tables["models"]
    # THEN the hidden key gives the year and never leaks into the displayed text
    assert row["release_date"] == date(2024, 5, 13)
    assert row["release_date_text"] == "May 13"
    assert row["article_url"] == "https://en.wikipedia.org/wiki/GPT-4o"
    assert row["parameters"] is None and row["license_class"] == "table-proprietary"


def _page_with_row(cells: str, references: str = "") -> bytes:
    html = (
        '<div class="mw-parser-output">'
        '<div class="mw-heading mw-heading3"><h3 id="2024">2024</h3></div>'
        '<table class="wikitable sortable"><tbody><tr><th>Name</th><th>Release date</th>'
        "<th>Developer</th><th>Number of parameters (billion)</th><th>Corpus size</th>"
        "<th>Training cost (petaFLOP-day)</th>"
        f"<th>License</th><th>Notes</th></tr><tr>{cells}</tr></tbody></table>"
        f'<div class="reflist"><ol class="references">{references}</ol></div></div>'
    )
    return json.dumps({"parse": {"title": "t", "pageid": 1, "revid": 2, "text": html}}).encode()


def _footnote(number: int) -> str:
    return (
        f'<sup id="cite_ref-{number}" class="reference"><a href="#cite_note-{number}">'
        f'<span class="cite-bracket">&#91;</span>{number}<span class="cite-bracket">&#93;'
        "</span></a></sup>"
    )


def _reference(number: int, body: str) -> str:
    return (
        f'<li id="cite_note-{number}"><span class="mw-cite-backlink"><b>'
        f'<a href="#cite_ref-{number}">^</a></b></span> <span class="reference-text">{body}'
        "</span></li>"
    )


def _row_citing(parameters_note: str, cost_note: str) -> list:
    content = _page_with_row(
        f"<td>Model X</td><td>Jun 2024</td><td>Lab</td><td>70{_footnote(1)}</td>"
        f"<td>15T tokens</td><td>21,000{_footnote(2)}</td>"
        '<td class="table-yes">MIT</td><td></td>',
        _reference(1, parameters_note) + _reference(2, cost_note),
    )
    parsed = Wikipedia().parse(content)
    (row,) = parsed.tables["models"]
    return [row, [r.reason for r in parsed.rejected]]


PAPER = (
    '<cite class="citation arxiv cs1">Lab (2024). "Model X". '
    '<a rel="nofollow" class="external text" href="https://arxiv.org/abs/2407.21783">'
    "arXiv:2407.21783</a>.</cite>"
)


@pytest.mark.parametrize(
    "cost_note",
    [
        '<cite class="citation web cs1">"Data on Notable AI Models". <i>Epoch AI</i>. '
        '<a rel="nofollow" class="external text" href="https://epoch.ai/data/notable-ai-models">'
        "epoch.ai</a>.</cite>",
        '<a class="external text" href="https://epochai.org/data/epochdb/table">'
        '"Parameter, Compute and Data Trends in Machine Learning"</a>. Retrieved 2023.',
        '"Notable AI Models". EpochAI. 2024.',  # named, no link
    ],
    ids=["epoch.ai link", "epochai.org link", "name without a link"],
)
def test_a_cell_citing_epoch_ai_is_kept_null_and_says_why(cost_note):
    # GIVEN a training-cost cell whose footnote is Epoch AI's database (a link or its name)
    row, reasons = _row_citing(PAPER, cost_note)
    # THEN its figure is not an input: NULL, the displayed text and the footnote kept
    assert row["training_cost_flop"] is None and row["training_cost_petaflop_days"] is None
    assert row["training_cost_text"] == "21,000"
    (cost_citation,) = row["citations"]["training_cost"]
    assert cost_citation["note"] == "cite_note-2" and cost_citation["is_epoch"] is True
    (reason,) = reasons  # one note, naming the rule
    assert reason.startswith("kept with NULL training cost: the cell cites Epoch AI")
    # AND the other cells, citing a paper, keep their values and their footnote's link
    assert row["parameters"] == 70e9 and row["corpus_tokens"] == 15e12
    (parameters_citation,) = row["citations"]["parameters"]
    assert parameters_citation["urls"] == ["https://arxiv.org/abs/2407.21783"]
    assert parameters_citation["is_epoch"] is False


def test_a_cell_citing_a_paper_keeps_its_figure_and_the_link():
    # GIVEN a training cost whose footnote is the developer's paper, whose text says
    # "epoch" in its everyday sense
    row, reasons = _row_citing(PAPER, PAPER.replace("Model X", "Model X, trained for one epoch"))
    # THEN the figure stays, with the paper as what the cell cites
    assert row["training_cost_flop"] == pytest.approx(21_000 * 8.64e19)
    assert row["citations"]["training_cost"][0]["urls"] == ["https://arxiv.org/abs/2407.21783"]
    assert reasons == []


def test_a_footnote_missing_from_the_page_is_kept_by_its_id():
    # GIVEN a cell citing a footnote the page's lists do not have
    content = _page_with_row(
        f"<td>Model Y</td><td>Jun 2024</td><td>Lab</td><td>8</td><td>Unknown</td>"
        f"<td>100{_footnote(9)}</td><td>MIT</td><td></td>"
    )
    (row,) = Wikipedia().parse(content).tables["models"]
    # THEN the figure stays and the citation is the id with no text (we could not read it)
    assert row["training_cost_flop"] == pytest.approx(100 * 8.64e19)
    assert row["citations"] == {
        "training_cost": [{"note": "cite_note-9", "text": "", "urls": [], "is_epoch": False}]
    }


# -- the committed sample -----------------------------------------------------------------------


def test_sample_is_named_by_its_hash_and_parses_cleanly():
    (sample,) = sorted((SAMPLE_DIR / "wikipedia").glob("*.json"))
    content = sample.read_bytes()
    assert sample.stem.split("_")[1] == sha256_of(content)[:8]
    parsed = Wikipedia().parse(content)
    rows = {row["model_name"]: row for row in parsed.tables["models"]}
    # one cell cites Epoch AI's database (a sample of what the live page does): kept NULL
    assert [r.reason.split(" (")[0] for r in parsed.rejected] == [
        "kept with NULL training cost: the cell cites Epoch AI"
    ]
    assert rows["Megatron-Turing NLG"]["training_cost_flop"] is None
    assert rows["GPT-3"]["citations"]["training_cost"][0]["urls"] == [
        "https://arxiv.org/abs/2005.14165"
    ]
    assert len(rows) >= 35
    assert rows["Llama 3.1"]["training_cost_flop"] == pytest.approx(3.8016e25)
    assert rows["Nemotron-4 340B"]["training_cost_petaflop_days"] == 200_000
    assert rows["GPT-1"]["release_date"] == date(2018, 6, 11)  # "Jun 11" + sort key
    assert rows["Grok 4"]["license_text"] == "Proprietary"  # the rowspan
    assert rows["GPT-5"]["training_cost_text"] is None  # 2025: 7 columns


# -- fetch --------------------------------------------------------------------------------------


@pytest.fixture
def session() -> requests.Session:
    return http.make_session(retries=2, backoff_factor=0)


def _previous_capture(tmp_path: Path, content: bytes) -> Capture:
    path = tmp_path / "20251001T000000Z_abcdef12.json"
    path.write_bytes(content)
    return Capture("wikipedia", path, datetime(2025, 10, 1, tzinfo=UTC), sha256_of(content))


def _revision_body(revid: int) -> str:
    return json.dumps(
        {
            "batchcomplete": True,
            "query": {
                "pages": [
                    {
                        "pageid": 73249226,
                        "ns": 0,
                        "title": "List of large language models",
                        "revisions": [{"revid": revid}],
                    }
                ]
            },
        }
    )


@responses.activate
def test_fetch_first_time_downloads_the_page(session, quirks):
    # GIVEN no earlier capture
    responses.get(PARSE_URL, body=quirks, content_type="application/json")
    # WHEN fetched
    result = Wikipedia().fetch(FetchContext(session, None))
    # THEN the body is the capture, byte for byte, and no revision pre-check was needed
    assert result.content == quirks
    assert len(responses.calls) == 1
    assert "action=parse" in responses.calls[0].request.url
    assert "maxlag=5" in responses.calls[0].request.url
    assert responses.calls[0].request.headers["User-Agent"].startswith("frontier-compute-tracker/")


@responses.activate
def test_fetch_same_revid_is_unchanged_without_downloading(session, quirks, tmp_path):
    # GIVEN an earlier capture of revision 1316542087 and the API saying it is still current
    responses.get(REVISION_URL, body=_revision_body(1316542087))
    previous = _previous_capture(tmp_path, quirks)
    # WHEN fetched
    result = Wikipedia().fetch(FetchContext(session, previous))
    # THEN nothing is downloaded
    assert result.content is None
    assert [c.request.url for c in responses.calls] == [REVISION_URL]


@responses.activate
def test_fetch_new_revid_downloads(session, quirks, tmp_path):
    responses.get(REVISION_URL, body=_revision_body(1316999999))
    responses.get(PARSE_URL, body=quirks)
    result = Wikipedia().fetch(FetchContext(session, _previous_capture(tmp_path, quirks)))
    assert result.content == quirks
    assert len(responses.calls) == 2


@responses.activate
def test_fetch_404_is_a_fetch_error(session):
    responses.get(PARSE_URL, status=404, body="Not Found")
    with pytest.raises(http.FetchError, match="HTTP 404"):
        Wikipedia().fetch(FetchContext(session, None))


@responses.activate
def test_fetch_retries_a_500_then_succeeds(session, quirks):
    responses.get(PARSE_URL, status=500, body="oops")
    responses.get(PARSE_URL, body=quirks)
    result = Wikipedia().fetch(FetchContext(session, None))
    assert result.content == quirks
    assert len(responses.calls) == 2


@responses.activate
def test_fetch_timeout_is_a_fetch_error(session):
    responses.get(PARSE_URL, body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(http.FetchError, match="timed out"):
        Wikipedia().fetch(FetchContext(session, None))


@responses.activate
def test_fetch_maxlag_in_a_200_is_a_fetch_error(session, wiki_fixtures):
    responses.get(PARSE_URL, body=(wiki_fixtures / "maxlag_error.json").read_bytes())
    with pytest.raises(http.FetchError, match="Wikipedia API error maxlag"):
        Wikipedia().fetch(FetchContext(session, None))


# -- load into a real DuckDB ---------------------------------------------------------------------


def test_load_into_duckdb_types_and_rejected_rows(tmp_path, quirks):
    # GIVEN the parsed fixture and a real DuckDB file
    source = Wikipedia()
    path = tmp_path / "20251020T090000Z_12345678.json"
    path.write_bytes(quirks)
    capture = Capture("wikipedia", path, datetime(2025, 10, 20, 9, tzinfo=UTC), sha256_of(quirks))
    with Warehouse(tmp_path / "w.duckdb") as wh:
        # WHEN loaded twice
        first = wh.load(source, capture, source.parse(quirks), "run-1")
        second = wh.load(source, capture, source.parse(quirks), "run-2")
        row = wh.con.execute(
            "select release_date, parameters, training_cost_flop, revid, extra, _is_sample "
            "from raw.wikipedia__models where model_name = 'Llama 3.1'"
        ).fetchone()
        types = dict(
            wh.con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_name = 'wikipedia__models'"
            ).fetchall()
        )
        rejected = wh.con.execute(
            "select reason from raw.rejected_rows where source = 'wikipedia' order by reason"
        ).fetchall()
    # THEN the rows load once, typed, and the rejected rows are recorded with reasons
    assert (first, second) == (11, 0)
    assert row == (date(2024, 7, 1), 405e9, pytest.approx(3.8016e25), 1316542087, None, False)
    assert types["release_date"] == "DATE" and types["revid"] == "BIGINT"
    assert rejected == [("row has 9 cells, the table has 8 columns",), ("row has no model name",)]


# -- the CLI ------------------------------------------------------------------------------------


def test_from_file_loads_a_saved_response(settings, wiki_fixtures):
    # GIVEN a response saved from the API
    path = wiki_fixtures / "list_with_quirks.json"
    # WHEN loaded with --from-file
    status, outcomes = run(["--from-file", f"wikipedia={path}"], settings=settings)
    # THEN it is archived as a capture and loaded
    assert status == 0
    (outcome,) = outcomes
    assert (outcome.source, outcome.status, outcome.rows_loaded, outcome.rejected) == (
        "wikipedia",
        "ok",
        11,
        2,
    )
    assert outcome.capture.path.read_bytes() == path.read_bytes()
    with Warehouse(settings.db_path) as wh:
        log = wh.con.execute("select source, status from raw.load_log").fetchall()
        count = wh.con.execute("select count(*) from raw.wikipedia__models").fetchone()[0]
    assert log == [("wikipedia", "ok")] and count == 11


def test_from_file_with_an_error_body_fails_the_source(settings, wiki_fixtures):
    path = wiki_fixtures / "maxlag_error.json"
    status, outcomes = run(["--from-file", f"wikipedia={path}"], settings=settings)
    assert status == 1
    assert outcomes[0].status == "failed"
    assert "Wikipedia API error maxlag" in outcomes[0].error


def test_offline_loads_the_sample_marked_as_sample(settings):
    status, outcomes = run(["--offline", "--source", "wikipedia"], settings=settings)
    assert status == 0
    assert outcomes[0].status == "fallback" and outcomes[0].is_sample
    with Warehouse(settings.db_path) as wh:
        flags = wh.con.execute("select distinct _is_sample from raw.wikipedia__models").fetchall()
    assert flags == [(True,)]
