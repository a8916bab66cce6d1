"""The overrides validator (``make validate-overrides``): every error it must name, with row,
column and fix, and every spreadsheet quirk it must accept. Pure: no warehouse, no dbt."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from ingest import known_models, overrides
from ingest.config import REPO_ROOT
from ingest.known_models import KnownModel, KnownModels
from ingest.overrides import COLUMNS

HEADER = ",".join(COLUMNS)
TODAY = date(2025, 10, 15)
GOOD = {
    "add": "add,grok-5,Grok 5,xAI,2025-09-01,,,3e25,Speculative,,https://x.ai/news,"
    "Announced; no source lists it yet,Ann,2025-10-01",
    "correct": "correct,gopher,,,,,300000000000,5.04e23,Confident,,"
    "https://arxiv.org/abs/2112.11446,Table A2,Ann,2025-10-01",
    "exclude": "exclude,inflection-2,,,,,,,,,https://inflection.ai/inflection-2,"
    "not above 1e25: the post says about 1e25,Bob,2025-10-02",
    "verify": "verify,gpt-4,,,,,,2.15e25,Confident,,https://semianalysis.com/gpt-4,"
    "checked the report,Bob,2025-10-02",
}


@pytest.fixture
def known() -> KnownModels:
    models = {
        model_id: KnownModel(model_id, name, org, date(2023, 3, 14))
        for model_id, name, org in (
            ("gpt-4", "GPT-4", "OpenAI"),
            ("gpt-4-1", "GPT-4.1", "OpenAI"),
            ("gpt-4-5", "GPT-4.5", "OpenAI"),
            ("gpt-4o-2024-05-13", "GPT-4o", "OpenAI"),
            ("gopher", "Gopher", "Google DeepMind"),
            ("inflection-2", "Inflection-2", "Inflection AI"),
            ("llama-3-1-405b", "Llama 3.1 405B", "Meta AI"),
        )
    }
    return KnownModels(
        models,
        origin="a test list",
        is_complete=True,
        aliases={"gpt-4o": "gpt-4o-2024-05-13"},
        organizations={"openai": "OpenAI", "xai": "xAI", "meta ai": "Meta AI"},
    )


def check(tmp_path: Path, known: KnownModels, *rows: str, raw: bytes | None = None):
    path = tmp_path / "manual_overrides.csv"
    path.write_bytes(raw if raw is not None else "\n".join([HEADER, *rows, ""]).encode())
    before = path.read_bytes()
    report = overrides.validate(path, known, today=TODAY)
    assert path.read_bytes() == before, "the validator must never rewrite the file"
    return report


def lines(report) -> list[str]:
    return [problem.line() for problem in report.problems]


# -- the four kinds, and the spreadsheet quirks that must just work ------------------------


def test_one_row_of_each_kind_is_clean(tmp_path, known):
    # GIVEN one correct row of each kind WHEN validated THEN no problem, four changes
    report = check(tmp_path, known, *GOOD.values())
    assert lines(report) == []
    assert report.ok
    assert [row.kind for row in report.rows] == ["add", "correct", "exclude", "verify"]


def test_spreadsheet_output_is_accepted(tmp_path, known):
    # GIVEN what Excel writes: a byte-order mark, CRLF line ends, 1.00E+25, quoted numbers
    # with thousands separators, a row of empty cells and empty lines at the end
    rows = [
        "\ufeff" + HEADER,
        'correct,gopher,,,,"280,000,000,000","300,000,000,000",5.04E+23,confident,,'
        'https://arxiv.org/abs/2112.11446,"Table A2, checked",Ann,2025-10-01',
        'verify,gpt-4,,,,,,"1.00E+25",Likely,,https://semianalysis.com/gpt-4,checked,Bob,2025-10-02',
        ",,,,,,,,,,,,,",
        "",
        "",
    ]
    raw = "\r\n".join(rows).encode("utf-8")
    # WHEN validated THEN nothing is wrong and both changes are read
    report = check(tmp_path, known, raw=raw)
    assert lines(report) == []
    assert [row.row for row in report.rows] == [2, 3]
    assert overrides.parse_number(report.rows[1].get("training_compute_flop")) == 1e25


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.00E+25", 1e25),
        ("2.1e25", 2.1e25),
        ('"2.1e25"', 2.1e25),
        (" 2.1e25 ", 2.1e25),
        ("21,000,000,000", 21e9),
        ("70000000000", 7e10),
        (".5e25", 5e24),
    ],
)
def test_numbers_as_spreadsheets_write_them(text, value):
    assert overrides.parse_number(text) == value


# -- every error, with its row, column and fix ------------------------------------------


def test_unknown_model_id_names_the_three_closest(tmp_path, known):
    # GIVEN a correction of "gpt4" (no such id) in row 2
    report = check(tmp_path, known, GOOD["correct"].replace("gopher", "gpt4", 1))
    # THEN the message names row, column and the three closest known ids
    assert lines(report) == [
        'row 2, column model_id: "gpt4" is not a known model id — closest known ids: gpt-4, '
        "gpt-4-1, gpt-4-5 (to add a new model, use change_kind add)"
    ]
    assert not report.ok


def test_an_alias_points_at_its_model_id(tmp_path, known):
    report = check(tmp_path, known, GOOD["verify"].replace("gpt-4,", "gpt-4o,", 1))
    assert lines(report) == [
        'row 2, column model_id: "gpt-4o" is another name for gpt-4o-2024-05-13 — '
        "write gpt-4o-2024-05-13"
    ]


@pytest.mark.parametrize(
    ("cell", "fix"),
    [
        ("2.1e25x", "remove the extra characters: write 2.1e25"),
        ("21 billion", "write the number with digits only: 21000000000 or 2.1e10"),
        ("2.1 x 10^25", "write it as 2.1e25"),
        ("about 2e25", "write digits only, like 2.1e25 (a point for decimals, no units)"),
        (
            "=1e25*2",
            "a spreadsheet formula is not read: type the value itself, like 2.1e25 (in a "
            "spreadsheet, format the cell as Text first)",
        ),
        (
            "1,000E+25",
            "a comma in a number with an exponent could be a decimal comma or a thousands "
            "separator, so it is not read: write 1.000E+25 (that is 1e25) with a point as the "
            "decimal mark; if you meant 1000E+25, write 1e28",
        ),
        (
            "3,000e25",
            "a comma in a number with an exponent could be a decimal comma or a thousands "
            "separator, so it is not read: write 3.000e25 (that is 3e25) with a point as the "
            "decimal mark; if you meant 3000e25, write 3e28",
        ),
        (
            "2,100E+25",
            "a comma in a number with an exponent could be a decimal comma or a thousands "
            "separator, so it is not read: write 2.100E+25 (that is 2.1e25) with a point as the "
            "decimal mark; if you meant 2100E+25, write 2.1e28",
        ),
    ],
)
def test_a_number_that_is_not_a_number(tmp_path, known, cell, fix):
    row = GOOD["correct"].replace("5.04e23", f'"{cell}"')
    report = check(tmp_path, known, row)
    assert lines(report) == [
        f'row 2, column training_compute_flop: "{cell}" is not a number — {fix}'
    ]


@pytest.mark.parametrize("text", ["1,000E+25", "3,000e25", "2,100E+25", "2,1e25", "1,500"])
def test_a_comma_that_could_be_a_decimal_comma_is_never_read(text):
    # GIVEN a number whose comma could be a decimal comma (European) or a thousands
    # separator WHEN read THEN it is refused, never taken as thousands (1e28 for 1,000E+25)
    with pytest.raises(ValueError):
        overrides.parse_number(text)


def test_a_plain_number_with_one_comma_group_is_ambiguous(tmp_path, known):
    report = check(tmp_path, known, GOOD["correct"].replace(",,,,,300000000000", ',,,,"1,500",'))
    assert lines(report) == [
        'row 2, column parameters: "1,500" is not a number — one comma could be a decimal '
        "comma or a thousands separator, so it is not read: write 1500 or 1.500, whichever you "
        "mean, without the comma"
    ]


def test_parameters_written_in_billions_are_out_of_range(tmp_path, known):
    report = check(
        tmp_path, known, GOOD["correct"].replace(",,,,,300000000000", ",,,,70,300000000000")
    )
    assert lines(report) == [
        "row 2, column parameters: 70 is out of range — write the full count of parameters, "
        "not in millions or billions: 70 billion is 70000000000 or 7e10"
    ]


@pytest.mark.parametrize(
    ("cell", "fix"),
    [
        ("15/01/2025", "write it as 2025-01-15"),
        ("01/15/2025", "write it as 2025-01-15"),
        ("45678", "write 2025-01-21 (the spreadsheet stored the date as a day number)"),
        ("2025-01-15 00:00:00", "write the date only: 2025-01-15"),
        ("2025/1/5", "write it as 2025-01-05"),
        ("March 4, 2025", "write it as 2025-03-04"),
        (
            "2025-02-30",
            "this day does not exist in the calendar: check it and write it as YYYY-MM-DD",
        ),
    ],
)
def test_a_date_not_in_iso_form(tmp_path, known, cell, fix):
    row = GOOD["correct"].replace("Ann,2025-10-01", f'Ann,"{cell}"')
    report = check(tmp_path, known, row)
    assert lines(report) == [
        f'row 2, column changed_on: "{cell}" is not a date in YYYY-MM-DD form — {fix}'
    ]


def test_missing_url_reason_and_author(tmp_path, known):
    row = "correct,gopher,,,,,300000000000,,,,,,,2025-10-01"
    report = check(tmp_path, known, row)
    assert lines(report) == [
        "row 2, column source_url: is empty — paste the web address (https://...) of the "
        "paper, post or page that supports this change",
        "row 2, column reason: is empty — say in a few words why you make this change",
        "row 2, column changed_by: is empty — write your name",
    ]


def test_a_url_that_is_not_a_web_address(tmp_path, known):
    report = check(tmp_path, known, GOOD["correct"].replace("https://arxiv.org/abs/", "arxiv "))
    assert lines(report) == [
        'row 2, column source_url: "arxiv 2112.11446" is not a web address — paste the full '
        "address from the browser, starting with https://"
    ]


def test_duplicate_rows(tmp_path, known):
    report = check(tmp_path, known, GOOD["correct"], GOOD["verify"], GOOD["correct"])
    assert lines(report) == ["row 4: this row is the same as row 2 — delete one of the two rows"]


def test_two_rows_setting_one_field_on_one_day(tmp_path, known):
    other = GOOD["correct"].replace("5.04e23", "6e23").replace("Table A2", "my estimate")
    report = check(tmp_path, known, GOOD["correct"], other)
    assert lines(report) == [
        "row 3, column training_compute_flop: row 2 sets training_compute_flop of gopher to a "
        "different value on the same changed_on date — keep one of the two rows, or give the "
        "newer one a later changed_on"
    ]


@pytest.mark.parametrize("first", ["exclude", "correct"])
def test_an_exclusion_and_a_change_of_one_model_on_one_day(tmp_path, known, first):
    # GIVEN an exclusion and a correction of gopher with the same changed_on, in either order
    exclude = (
        "exclude,gopher,,,,,,,,,https://arxiv.org/abs/2112.11446,not above 1e25: 5e23,Ann,"
        "2025-10-01"
    )
    rows = [exclude, GOOD["correct"]] if first == "exclude" else [GOOD["correct"], exclude]
    report = check(tmp_path, known, *rows)
    # THEN the second is refused: which one wins would be arbitrary
    verb, kind = ("excludes", "correct") if first == "exclude" else ("corrects", "exclude")
    assert lines(report) == [
        f"row 3, column change_kind: row 2 {verb} gopher on the same changed_on date as this "
        f"{kind} row, so which one wins would be arbitrary — keep only the one you mean, or "
        "give it a later changed_on than the other"
    ]
    # AND a later date for one of them is fine
    later = rows[1].replace("2025-10-01", "2025-10-03").replace("2025-10-02", "2025-10-03")
    assert lines(check(tmp_path, known, rows[0], later)) == []


def test_a_value_far_from_every_automated_estimate_needs_a_confirmation(tmp_path, known):
    # GIVEN the last published build estimates command-a at 1.5e25 and 2.4e25
    known.models["command-a"] = KnownModel("command-a", "Command A", "Cohere")
    known.estimates = {"command-a": [("benchmark", 1.5e25), ("heuristic", 2.4e25)]}
    known.estimates_origin = "the published copy warehouse.published.duckdb"
    row = (
        "correct,command-a,,,,,,2.1e22,,,https://cohere.com/research/papers/command-a,"
        "developer figure,Ann,2025-10-01"
    )
    # WHEN a correction sets 2.1e22 (714x below) THEN it is refused, saying how to confirm
    assert lines(check(tmp_path, known, row)) == [
        "row 2, column training_compute_flop: 2.1e22 is 714× below every automated estimate of "
        "command-a (benchmark 1.5e+25, heuristic 2.4e+25; from the published copy "
        "warehouse.published.duckdb) — check the exponent (2.1e25 means 2.1 × 10^25); if "
        "2.1e22 is right, add ,confirm_far_from_estimates at the end of row 1 (the header) and "
        ",yes at the end of row 2"
    ]
    # WHEN the message is followed (only the header and that row get the new cell)
    raw = "\n".join([HEADER + ",confirm_far_from_estimates", GOOD["verify"], row + ",yes", ""])
    # THEN the file is clean, and a value within 100x needs nothing
    assert lines(check(tmp_path, known, raw=raw.encode())) == []
    assert lines(check(tmp_path, known, row.replace("2.1e22", "2.1e24"))) == []
    # AND anything but yes in the column is refused
    bad = raw.replace(",yes", ",sure")
    assert lines(check(tmp_path, known, raw=bad.encode())) == [
        'row 3, column confirm_far_from_estimates: "sure" is not a confirmation — write yes to '
        "confirm a value far from every automated estimate, or leave it empty",
        "row 3, column training_compute_flop: 2.1e22 is 714× below every automated estimate "
        "of command-a (benchmark 1.5e+25, heuristic 2.4e+25; from the published copy "
        "warehouse.published.duckdb) — check the exponent (2.1e25 means 2.1 × 10^25); if "
        "2.1e22 is right, write yes in its column confirm_far_from_estimates",
    ]


def test_a_new_organization_is_not_nagged_but_a_near_miss_is(tmp_path, known):
    known.organizations["cohere labs"] = "Cohere"
    new = GOOD["add"].replace("xAI", "Example Labs")
    # GIVEN an add row naming an organization nothing known resembles THEN no word
    assert lines(check(tmp_path, known, new)) == []
    # GIVEN a near miss of a known name THEN a warning suggests it
    assert lines(check(tmp_path, known, GOOD["add"].replace("xAI", "OpenAl"))) == [
        'warning: row 2, column organization: "OpenAl" is not in seeds/organizations.csv — '
        'did you mean "OpenAI"? use the canonical name if it is that organization; a new '
        "organization is fine"
    ]


def test_a_confidence_word_not_in_the_list(tmp_path, known):
    report = check(tmp_path, known, GOOD["correct"].replace("Confident", "high"))
    assert lines(report) == [
        'row 2, column confidence: "high" is not one of the confidence words — write '
        "Confident, Likely or Speculative (or leave it empty)"
    ]


def test_a_stray_comma_in_a_text_cell(tmp_path, known):
    # GIVEN a reason with an unquoted comma: one cell too many
    row = GOOD["correct"].replace("Table A2", "Table A2, checked")
    report = check(tmp_path, known, row)
    assert lines(report) == [
        'row 2, column reason: has 15 cells but the header has 14: the comma in "Table A2, '
        'checked" split that value in two — put the value in double quotes: "Table A2, '
        'checked", or remove the comma'
    ]
    assert report.rows == []


def test_a_decimal_comma_splits_a_number(tmp_path, known):
    row = GOOD["correct"].replace("5.04e23", "5,04e23")
    report = check(tmp_path, known, row)
    assert lines(report) == [
        "row 2, column training_compute_flop: has 15 cells but the header has 14: the comma in "
        '"5,04e23" split that value in two — use a point as the decimal mark: write 5.04e23'
    ]


def test_a_trailing_comma_is_named_as_such(tmp_path, known):
    # GIVEN a new row that ends with a comma (one empty cell too many)
    report = check(tmp_path, known, GOOD["verify"], GOOD["correct"] + ",")
    # THEN the message names the row and says to delete the last comma, not blaming reason
    assert lines(report) == [
        "row 3: has 15 cells but the header has 14: the line ends with one comma too many (an "
        "empty cell after changed_on) — delete the comma at the end of row 3"
    ]
    # AND following it makes the file clean
    assert lines(check(tmp_path, known, GOOD["verify"], GOOD["correct"])) == []


def test_semicolons_as_separator(tmp_path, known):
    raw = "\n".join([HEADER.replace(",", ";"), GOOD["correct"].replace(",", ";")]).encode()
    report = check(tmp_path, known, raw=raw)
    assert lines(report) == [
        "row 1: the columns are separated by ';' (semicolons), not commas — save as 'CSV UTF-8 "
        "(Comma delimited)'; in LibreOffice tick 'Edit filter settings' when saving and choose "
        "',' as the field delimiter"
    ]


def test_a_file_not_saved_as_utf8(tmp_path, known):
    raw = (HEADER + "\n" + GOOD["correct"].replace("Ann", "Zoë") + "\n").encode("cp1252")
    report = check(tmp_path, known, raw=raw)
    assert lines(report)[0].startswith(
        "row 2: contains characters that are not UTF-8 (byte 0xeb) — save the file as "
        "'CSV UTF-8 (Comma delimited) (*.csv)'"
    )


def test_a_misspelled_header(tmp_path, known):
    raw = (HEADER.replace("changed_by", "changedby") + "\n" + GOOD["correct"] + "\n").encode()
    report = check(tmp_path, known, raw=raw)
    assert lines(report) == [
        "row 1, column changedby: is not a column of this file — rename it to changed_by"
    ]


def test_a_missing_column(tmp_path, known):
    header = HEADER.replace(",training_compute_notes", "")
    raw = (header + "\n" + GOOD["correct"] + "\n").encode()
    report = check(tmp_path, known, raw=raw)
    assert lines(report) == [
        "row 1, column training_compute_notes: this column is missing from the header — the "
        "first line must be exactly: " + HEADER
    ]


def test_add_rows_need_a_name_an_organization_and_compute(tmp_path, known):
    report = check(tmp_path, known, "add,grok-5,,,,,,,,,https://x.ai/news,announced,Ann,2025-10-01")
    assert lines(report) == [
        "row 2, column model_name: an add row needs model_name filled in — write it as it "
        "should appear in the published list, like Grok 5",
        "row 2, column organization: an add row needs organization filled in — write it as it "
        "should appear in the published list, like xAI",
        "row 2, column training_compute_flop: an add row needs the training compute in FLOP — "
        "write your estimate, like 3e25; if it is rough, set confidence to Speculative",
    ]


def test_adding_a_model_that_exists(tmp_path, known):
    report = check(tmp_path, known, GOOD["add"].replace("grok-5", "gpt-4", 1))
    assert lines(report) == [
        "row 2, column model_id: gpt-4 already exists (GPT-4, OpenAI) — to change it use "
        "change_kind correct; to add a different model, choose a new id"
    ]


def test_an_added_model_a_source_found_later_is_only_a_warning(tmp_path, known):
    # GIVEN grok-5 was added on 2025-10-01 and a source first listed it on 2025-11-02
    known.models["grok-5"] = KnownModel("grok-5", "Grok 5", "xAI", date(2025, 11, 2))
    report = check(tmp_path, known, GOOD["add"])
    # THEN the file is still valid, with a hint to turn the row into a correction
    assert report.ok
    assert lines(report) == [
        "warning: row 2, column change_kind: a source now lists grok-5 (first seen "
        "2025-11-02), after this model was added — change add to correct to keep your values "
        "as corrections"
    ]


def test_a_new_id_must_be_a_slug(tmp_path, known):
    report = check(tmp_path, known, GOOD["add"].replace("grok-5", "Grok 5", 1))
    assert lines(report) == [
        'row 2, column model_id: "Grok 5" is not a valid new id — use lowercase letters, '
        "digits and hyphens only, like grok-5"
    ]


def test_exclusions_say_which_kind(tmp_path, known):
    report = check(tmp_path, known, GOOD["exclude"].replace("not above 1e25: the", "the"))
    assert lines(report) == [
        "row 2, column reason: an exclude reason must say which kind of exclusion it is — "
        'start it with "not above 1e25", "not a real model" or "duplicate of <model_id>"'
    ]


def test_a_duplicate_must_name_a_known_model(tmp_path, known):
    row = GOOD["exclude"].replace("not above 1e25: the post says about 1e25", "duplicate of gpt4")
    report = check(tmp_path, known, row)
    assert lines(report) == [
        'row 2, column reason: "duplicate of gpt4": gpt4 is not a known model id — name the '
        "model it duplicates by its id; closest: gpt-4, gpt-4-1, gpt-4-5"
    ]


def test_verify_rows_carry_the_verified_compute(tmp_path, known):
    report = check(tmp_path, known, GOOD["verify"].replace("2.15e25", ""))
    assert lines(report) == [
        "row 2, column training_compute_flop: a verify row must carry the verified training "
        "compute — copy the value you checked, in FLOP, like 2.15e25"
    ]


def test_a_correction_that_changes_nothing(tmp_path, known):
    row = "correct,gopher,,,,,,,,,https://arxiv.org/abs/2112.11446,why,Ann,2025-10-01"
    report = check(tmp_path, known, row)
    assert lines(report) == [
        "row 2: this correct row changes nothing: every value column is empty — fill the "
        "column(s) to correct, e.g. training_compute_flop or parameters"
    ]


def test_a_kind_that_is_not_a_kind(tmp_path, known):
    report = check(tmp_path, known, GOOD["exclude"].replace("exclude", "remove", 1))
    assert lines(report)[0] == (
        'row 2, column change_kind: "remove" is not a kind of change — did you mean exclude? '
        "write one of: add, correct, exclude, verify"
    )


def test_a_correction_of_an_added_model_is_fine(tmp_path, known):
    later = "correct,grok-5,,,,,,4e25,,,https://x.ai/news2,new figure,Ann,2025-10-05"
    assert lines(check(tmp_path, known, GOOD["add"], later)) == []


def test_without_a_warehouse_an_unknown_id_is_a_warning(tmp_path, known):
    # GIVEN only the seeds and samples (no build yet): the list of ids is incomplete
    known.is_complete = False
    report = check(tmp_path, known, GOOD["correct"].replace("gopher", "some-arena-model", 1))
    assert report.ok
    assert lines(report)[0].startswith(
        'warning: row 2, column model_id: "some-arena-model" is not in the seeds or samples'
    )


def test_every_problem_is_reported_at_once(tmp_path, known):
    bad = 'correct,gpt4,,,,21 billion,,2.1e25x,high,,,,,"15/01/2025"'
    report = check(tmp_path, known, GOOD["add"], bad, GOOD["verify"])
    assert [(p.row, p.column) for p in report.errors] == [
        (3, "model_id"),
        (3, "parameters"),
        (3, "training_compute_flop"),
        (3, "confidence"),
        (3, "source_url"),
        (3, "reason"),
        (3, "changed_by"),
        (3, "changed_on"),
    ]


# -- the command ---------------------------------------------------------------------------


def test_command_exit_status_and_output(tmp_path, settings, capsys):
    # GIVEN a file with one bad row and no warehouse (ids from the seeds and samples)
    path = tmp_path / "manual_overrides.csv"
    path.write_text(HEADER + "\n" + GOOD["correct"].replace("5.04e23", "5.04e23x") + "\n")
    # WHEN checked THEN exit 1 and the message says nothing was changed
    assert overrides.main([str(path)]) == 1
    out = capsys.readouterr().out
    assert 'row 2, column training_compute_flop: "5.04e23x" is not a number' in out
    assert "1 problem found. The file was not changed." in out
    assert out.rstrip().endswith("nothing is broken.)")  # make's "Error 1" line, explained
    # WHEN fixed THEN exit 0
    path.write_text(HEADER + "\n" + GOOD["correct"] + "\n")
    assert overrides.main([str(path)]) == 0
    assert "OK: no problems found (1 correct). Next: make run" in capsys.readouterr().out


def test_the_repository_file_is_header_only_and_valid(settings):
    path = REPO_ROOT / "seeds" / "manual_overrides.csv"
    assert path.read_text(encoding="utf-8").strip() == HEADER
    assert overrides.validate_file(path).ok


# -- where the known ids come from ---------------------------------------------------------


def test_known_ids_without_a_warehouse_come_from_seeds_and_samples(tmp_path):
    known = known_models.load(tmp_path / "none.duckdb", REPO_ROOT / "seeds")
    assert not known.is_complete
    assert "gpt-4" in known  # known_model_specs
    assert known.aliases["chatgpt-4o"] == "gpt-4o"  # seeds/model_identity_rules.csv


def _tiny_warehouse(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.models as select 'only-in-arena' as model_id, 'Only' as model_name,"
        " 'X' as organization, timestamp '2025-01-01' as first_seen_at,"
        " ['lmarena'] as source_names"
    )
    con.close()


def test_known_ids_come_from_the_warehouse(tmp_path):
    db = tmp_path / "w.duckdb"
    _tiny_warehouse(db)
    known = known_models.load(db, REPO_ROOT / "seeds")
    assert known.is_complete and list(known.models) == ["only-in-arena"]
    assert known.get("only-in-arena").first_seen_on == date(2025, 1, 1)


def _estimates_warehouse(path: Path, flop: float) -> None:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.model_estimates as select 'command-a' as model_id, "
        f"'heuristic' as estimation_method, {flop} as training_compute_flop"
    )
    con.close()


def test_estimates_come_from_the_last_published_copy(tmp_path, monkeypatch):
    # GIVEN a build file and, beside it, the published copy analysts read
    monkeypatch.delenv("TRACKER_PUBLISHED_DB", raising=False)
    build = tmp_path / "warehouse.duckdb"
    _tiny_warehouse(build)
    _estimates_warehouse(tmp_path / "warehouse.published.duckdb", 1.5e25)
    # WHEN the validator loads what it checks against
    known = known_models.load(build, REPO_ROOT / "seeds")
    # THEN the estimates are the published copy's, and it says so
    assert known.estimates == {"command-a": [("heuristic", 1.5e25)]}
    assert known.estimates_origin == "the published copy warehouse.published.duckdb"
    # AND without any build there is nothing to check against (dbt's test checks later)
    assert known_models.load(tmp_path / "none" / "w.duckdb", REPO_ROOT / "seeds").estimates == {}


def test_a_warehouse_held_by_a_refresh_is_read_through_a_copy(tmp_path):
    # GIVEN another process holds the warehouse open for writing (as dbt build does)
    db = tmp_path / "w.duckdb"
    _tiny_warehouse(db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', "
            "flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        # WHEN the validator reads the known ids THEN it still gets them, read-only
        started = time.monotonic()
        known = known_models.load(db, REPO_ROOT / "seeds")
        assert known.is_complete and "only-in-arena" in known
        assert time.monotonic() - started < 20
    finally:
        holder.kill()
        holder.wait()


def test_a_copy_that_cannot_be_opened_is_not_left_behind(tmp_path, monkeypatch):
    # GIVEN a warehouse that cannot be opened (held by a refresh) and whose copy, taken
    # while the refresh writes, cannot be opened either
    db = tmp_path / "w.duckdb"
    _tiny_warehouse(db)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(known_models.tempfile, "tempdir", str(scratch))

    def unopenable(path, **_kwargs):
        raise duckdb.IOException(f"Could not set lock on file {path}")

    monkeypatch.setattr(known_models.duckdb, "connect", unopenable)
    # WHEN the validator reads the warehouse THEN it goes on without it
    assert known_models.from_warehouse(db) is None
    assert known_models.estimates_from(db) is None
    # AND no copy is left in the temporary folder (each is the size of the warehouse)
    assert list(scratch.iterdir()) == []


def test_the_validator_and_the_seed_tests_read_numbers_alike():
    macro = (REPO_ROOT / "macros" / "override_checks.sql").read_text()
    sql_pattern = macro.split("override_number_pattern() -%}")[1].split("{%-")[0].strip()
    assert sql_pattern == overrides.NUMBER_PATTERN.pattern
    # AND DuckDB's RE2 (the seed tests) gives every cell the verdict Python gives it
    cells = [
        "1.00E+25", "2.1e25", ".5e25", "21,000,000,000", "1,000.5", "70000000000",
        "1,000E+25", "3,000e25", "2,100E+25", "2,1e25", "1,500", "1,0000,000", "=1e25*2",
    ]  # fmt: skip
    con = duckdb.connect()
    sql_verdicts = [
        con.execute("select regexp_full_match(?, ?)", [cell, sql_pattern]).fetchone()[0]
        for cell in cells
    ]
    python_verdicts = [bool(overrides.NUMBER_PATTERN.fullmatch(cell)) for cell in cells]
    assert sql_verdicts == python_verdicts
    assert python_verdicts == [True] * 6 + [False] * 7
