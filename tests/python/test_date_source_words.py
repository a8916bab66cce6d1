"""The words the benchmark methods' notes use for where a publication date came from
(macro ``date_source_words``), rendered from the macro file and run in DuckDB."""

from __future__ import annotations

import duckdb
from jinja2 import Environment

from ingest.config import REPO_ROOT


def _words(source: str) -> str:
    macro = (REPO_ROOT / "macros" / "date_source_words.sql").read_text(encoding="utf-8")
    sql = Environment().from_string(macro + "{{ date_source_words('source') }}").render().strip()
    return duckdb.sql(f"select {sql} from (select ? as source)", params=[source]).fetchone()[0]


def test_a_date_read_from_an_api_name_says_so_and_other_sources_keep_their_names():
    # GIVEN the sources int_model_facts_combined names a publication date by
    # WHEN put in words for the notes
    # THEN the two dates read from an API name say where they come from
    assert _words("model_name_date_first_seen") == "the date in its API name"
    assert _words("model_name_month_day_first_seen") == (
        "the month and day in its API name, in the year of its first sighting"
    )
    # AND any other source is its name with spaces, as before
    assert _words("openrouter_first_seen") == "openrouter first seen"
    assert _words("known_specs") == "known specs"
