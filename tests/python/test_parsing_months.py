"""The month names shared by ``ingest.parsing.parse_date`` and the Wikipedia date reader.

Both read month names from one table, ``ingest.parsing.MONTHS``; these tests pin that
table and check that the two readers agree wherever both accept a full date.
"""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ingest.parsing import MONTHS, parse_date
from ingest.sources import wikipedia

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


def test_months_holds_every_english_name_and_abbreviation():
    # GIVEN the English month names and abbreviations, plus "sept"
    expected = {"sept": 9}
    for number in range(1, 13):
        expected[calendar.month_name[number].lower()] = number
        expected[calendar.month_abbr[number].lower()] = number
    # THEN the shared table is exactly that, and Wikipedia uses the same object
    assert expected == MONTHS
    assert wikipedia.MONTHS is MONTHS


@given(dates, st.sampled_from(sorted(MONTHS)))
def test_both_readers_agree_on_a_full_date_by_any_month_name(day, spelling):
    # GIVEN a real date whose month is written with any accepted spelling
    if MONTHS[spelling] != day.month:
        day = day.replace(month=MONTHS[spelling], day=min(day.day, 28))
    texts = [
        f"{spelling.title()} {day.day}, {day.year}",
        f"{day.day} {spelling.upper()} {day.year}",
        f"{spelling}. {day.day} {day.year}",
    ]
    for text in texts:
        # WHEN both readers read it
        shared = parse_date(text)
        year, month, day_of_month = wikipedia._date_from_text(text)
        # THEN both give that day
        assert shared == (day, "day"), text
        assert date(year, month, day_of_month) == day, text


@given(dates, st.sampled_from(sorted(MONTHS)))
def test_both_readers_agree_on_a_month_and_year(day, spelling):
    # GIVEN "<month> <year>"
    text = f"{spelling.title()} {day.year}"
    # WHEN both readers read it THEN both give that month, without a day
    assert parse_date(text) == (date(day.year, MONTHS[spelling], 1), "month")
    assert wikipedia._date_from_text(text) == (day.year, MONTHS[spelling], None)
