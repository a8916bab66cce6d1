"""exports/ATTRIBUTION.md: each source credited under its licence, and sample use stated.

Written from the warehouse's own bookkeeping (``raw.loaded_captures``, ``raw.load_log``) and
the published list's ``is_sample_data`` flags, with no generation timestamp, so the file is
byte-identical across two builds over the same captures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from ingest.config import REPO_ROOT
from ingest.outputs import db

WIKIPEDIA_PAGE = "List_of_large_language_models"
WIKIPEDIA_REVISION_URL = "https://en.wikipedia.org/w/index.php?title={page}&oldid={revid}"


@dataclass(frozen=True)
class Credit:
    title: str
    licence: str
    text: str


CREDITS: dict[str, Credit] = {
    "lmarena": Credit(
        "LMArena",
        "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "Leaderboard ratings from the Hugging Face dataset `lmarena-ai/leaderboard-dataset` "
        "(config `text`), © LMArena, used under CC BY 4.0. Ratings serve to discover models "
        "and, for benchmark interpolation, to estimate compute; no rating is republished.",
    ),
    "wikipedia": Credit(
        "Wikipedia",
        "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)",
        '"List of large language models", English Wikipedia, by its contributors, used under '
        "CC BY-SA 4.0. Text quoted from it in `Training compute notes` is shared under the "
        "same licence.",
    ),
    "openrouter": Credit(
        "OpenRouter",
        "OpenRouter Terms of Service (https://openrouter.ai/terms); the list has no data licence",
        "The model list at https://openrouter.ai/api/v1/models. Only derived facts (model "
        "names, listing dates, links) are published, with this attribution; the raw list is "
        "kept internal.",
    ),
    "huggingface": Credit(
        "Hugging Face Hub",
        "Hugging Face Terms of Service (https://huggingface.co/terms-of-service); "
        "each repository has its own licence",
        "Model metadata (parameter counts, configuration) from the Hugging Face Hub API. "
        "Metadata only, never weights; see each repository's licence.",
    ),
}
EPOCH_CREDIT = Credit(
    "Epoch AI",
    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
    'Epoch AI, "Data on AI Models" (https://epoch.ai/data), used under CC BY 4.0 as a '
    "validation reference only: no value from it is in these files (see "
    "reports/validation.md). The export's column names follow Epoch AI's layout.",
)


@dataclass(frozen=True)
class SourceUse:
    source: str
    newest_capture: date | None
    newest_real_capture: date | None
    uses_sample: bool
    captures: int


def _as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def source_uses(con: duckdb.DuckDBPyConnection) -> list[SourceUse]:
    if not db.has_relation(con, "raw", "loaded_captures"):
        return []
    rows = db.records(
        con,
        """
        select
            source,
            max(captured_at) as newest_capture,
            max(captured_at) filter (where not is_sample) as newest_real_capture,
            bool_or(is_sample) as uses_sample,
            count(*) as captures
        from raw.loaded_captures
        group by source
        order by source
        """,
    )
    return [
        SourceUse(
            source=row["source"],
            newest_capture=_as_date(row["newest_capture"]),
            newest_real_capture=_as_date(row["newest_real_capture"]),
            uses_sample=bool(row["uses_sample"]),
            captures=int(row["captures"]),
        )
        for row in rows
    ]


def _revid_from_tables(con: duckdb.DuckDBPyConnection) -> int | None:
    candidates = db.records(
        con,
        """
        select table_name, column_name
        from information_schema.columns
        where table_schema = 'raw'
            and table_name like 'wikipedia%'
            and column_name in ('revid', 'revision_id', 'page_revid')
        order by table_name, column_name
        """,
    )
    for candidate in candidates:
        table, column = db.quote(candidate["table_name"]), db.quote(candidate["column_name"])
        value = db.scalar(
            con,
            f"select try_cast({column} as bigint) from raw.{table} "
            f"where {column} is not null order by _captured_at desc limit 1",
        )
        if value is not None:
            return int(value)
    return None


def _revid_from_capture(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest loaded Wikipedia capture is the API's JSON: ``parse.revid``."""
    path_text = db.scalar(
        con,
        "select capture_path from raw.loaded_captures where source = 'wikipedia' "
        "order by captured_at desc limit 1",
    )
    if not path_text:
        return None
    path = Path(path_text)
    path = path if path.is_absolute() else REPO_ROOT / path
    try:
        body = json.loads(path.read_bytes())
        revid = body["parse"]["revid"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return int(revid) if revid is not None else None


def wikipedia_revision_url(con: duckdb.DuckDBPyConnection) -> str | None:
    if not db.has_relation(con, "raw", "loaded_captures"):
        return None
    revid = _revid_from_tables(con) or _revid_from_capture(con)
    if revid is None:
        return None
    return WIKIPEDIA_REVISION_URL.format(page=WIKIPEDIA_PAGE, revid=revid)


def _capture_phrase(use: SourceUse) -> str:
    if use.newest_real_capture is not None:
        text = f"newest capture {use.newest_real_capture.isoformat()}"
        if use.uses_sample:
            text += " (sample data from `data/sample/` was also loaded)"
        return text
    when = use.newest_capture.isoformat() if use.newest_capture else "undated"
    return f"**SAMPLE data only** (`data/sample/`, dated {when}): not real figures"


def render(con: duckdb.DuckDBPyConnection, rows: int, sample_rows: int) -> str:
    uses = {use.source: use for use in source_uses(con)}
    lines = [
        "# Attribution",
        "",
        "`models_above_1e25_flop.csv` and `models_above_1e25_flop.parquet` in this folder are "
        "derived from the public sources below. Keep this file with them when you share them.",
        "",
    ]
    lines += _sample_section(uses, rows, sample_rows)
    lines += ["## Sources used in this build", ""]
    for name, credit in CREDITS.items():
        use = uses.get(name)
        if use is None:
            continue
        lines += [f"### {credit.title}", "", f"- Licence: {credit.licence}", f"- {credit.text}"]
        if name == "wikipedia":
            url = wikipedia_revision_url(con)
            lines.append(
                f"- Revision used: {url}"
                if url
                else f"- Page: https://en.wikipedia.org/wiki/{WIKIPEDIA_PAGE} (revision unknown)"
            )
        lines += [f"- In this build: {_capture_phrase(use)}.", ""]
    unknown = sorted(set(uses) - set(CREDITS) - {"epoch"})
    for name in unknown:
        lines += [f"### {name}", "", f"- In this build: {_capture_phrase(uses[name])}.", ""]
    epoch_use = uses.get("epoch")
    lines += [
        "## Validation reference (not a source of any value)",
        "",
        f"### {EPOCH_CREDIT.title}",
        "",
        f"- Licence: {EPOCH_CREDIT.licence}",
        f"- {EPOCH_CREDIT.text}",
        "- In this build: "
        + (_capture_phrase(epoch_use) if epoch_use else "not loaded (no validation run)")
        + ".",
        "",
        "## Curated figures",
        "",
        "Parameters, tokens, hardware and reported compute in `seeds/known_model_specs.csv` "
        "come from the developers' papers, model cards and reports; each row cites its source, "
        "and that citation is repeated in `Training compute notes` and `Link`. Corrections by "
        "people (`seeds/manual_overrides.csv`) carry their own source URL and show as "
        "`provenance` = `manual_correction` or `manual_addition`.",
        "",
    ]
    return "\n".join(lines)


def _sample_section(uses: dict[str, SourceUse], rows: int, sample_rows: int) -> list[str]:
    sample_sources = sorted(name for name, use in uses.items() if use.uses_sample)
    if not sample_sources and not sample_rows:
        return [
            "## Sample data",
            "",
            "No sample data: every figure comes from real captures and the cited seeds.",
            "",
        ]
    return [
        "## Sample data: WARNING",
        "",
        f"**This build used SAMPLE data** (from `data/sample/`) for: {', '.join(sample_sources)}. "
        f"{sample_rows} of the {rows} rows rest partly on sample data (`is_sample_data` = "
        "true). Sample captures are small hand-made files in each source's format: they are "
        "**not real figures** and must not be cited. Run `make run` with network access to "
        "replace them.",
        "",
    ]
