"""Synthetic captures in each source's exact format, at any size, deterministic.

Each generator writes one file that ``python -m ingest --from-file NAME=PATH`` accepts,
built from the committed sample of the source (data/sample/<source>/), so it keeps the
sample's layout, types and quirks, with the rows multiplied and renamed:

- lmarena: the dataset's parquet (the ``full`` history shape): snapshots x categories x
  models, with a sliding window of models so names come and go as on the real board;
- openrouter: the ``/api/v1/models`` body, ``{"data": [...], "total_count": N, "links"}``;
- huggingface: a model listing saved from ``/api/models?expand[]=...`` (a JSON list of
  model infos, the shape of the sample's model-info bodies);
- wikipedia: the ``action=parse`` JSON of "List of large language models", rows spread
  over yearly tables;
- epoch: Epoch AI's CSV (quoted notes with commas and newlines).

Rows are numbered, so every generated model name is distinct within one capture.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb

from ingest.config import SAMPLE_DIR
from ingest.outputs.db import literal

# lmarena: ~30 categories, ~250 models per snapshot, as the real board in 2025.
LMARENA_CATEGORIES = [
    "overall", "coding", "math", "hard_6", "creative_writing", "instruction_following",
    "longer_query", "multiturn", "english", "chinese", "french", "german", "japanese",
    "korean", "russian", "spanish", "no_tie", "no_short", "no_refusal", "hard_english_6",
    "if", "expert", "exclude_ties", "full_style_control", "is_code", "is_math",
    "industry_software", "industry_business", "industry_science", "industry_writing",
]  # fmt: skip
LMARENA_MODELS_PER_SNAPSHOT = 250
LMARENA_NEW_MODELS_PER_SNAPSHOT = 3
LMARENA_FIRST_SNAPSHOT = date(2023, 5, 1)
# Name shapes the normalizing macro must handle (dates, effort, precision, tuning suffixes).
LMARENA_NAME_SHAPES = [
    "synth-gpt-{k}",
    "synth-claude-{k}-20250101-thinking-16k",
    "synth-llama-{k}-instruct-bf16",
    "synth-qwen{k}-a22b-instruct-2507",
    "synth-gemini-{k}-pro",
    "synth-model {k} (xHigh)",
]
LMARENA_ORGS = ["openai", "anthropic", "meta", "alibaba", "google", "LMSYS", ""]


def _sample(source: str) -> Path:
    found = sorted(p for p in (SAMPLE_DIR / source).glob("*") if not p.name.endswith(".md"))
    if not found:
        raise FileNotFoundError(f"no sample capture in {SAMPLE_DIR / source}")
    return found[-1]


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def lmarena(rows: int, out: Path) -> Path:
    """The LMArena parquet: ``rows`` rating rows over as many weekly snapshots as needed."""
    per_snapshot = len(LMARENA_CATEGORIES) * min(
        LMARENA_MODELS_PER_SNAPSHOT, max(1, math.ceil(rows / len(LMARENA_CATEGORIES)))
    )
    models = per_snapshot // len(LMARENA_CATEGORIES)
    snapshots = math.ceil(rows / per_snapshot)
    sample = _sample("lmarena")
    con = duckdb.connect()
    try:
        # The sample's exact column types, so the file reads as the real one does.
        described = con.execute("describe select * from read_parquet(?)", [str(sample)]).fetchall()
        types = {name: column_type for name, column_type, *_ in described}
        shapes = _sql_list(LMARENA_NAME_SHAPES)
        orgs = _sql_list(LMARENA_ORGS)
        con.execute(
            f"""
            create table ratings as
            with
            snapshots as (select range as s from range({snapshots})),
            categories as (
                select unnest({_sql_list(LMARENA_CATEGORIES)}) as category,
                    generate_subscripts({_sql_list(LMARENA_CATEGORIES)}, 1) as c
            ),
            slots as (select range as slot from range({models})),
            grid as (
                select s, category, c, s * {LMARENA_NEW_MODELS_PER_SNAPSHOT} + slot as k
                from snapshots cross join categories cross join slots
            ),
            rated as (
                select
                    replace({shapes}[k % {len(LMARENA_NAME_SHAPES)} + 1], '{{k}}', k::varchar)
                        as model_name,
                    {orgs}[k % {len(LMARENA_ORGS)} + 1] as organization,
                    case when k % 3 = 0 then 'Proprietary' else 'MIT' end as license,
                    round(1000 + (k * 7919 % 1000) * 0.5 + s * 0.1 + c, 2) as rating,
                    s, category, c, k
                from grid
            )
            select
                model_name::{types["model_name"]} as model_name,
                organization::{types["organization"]} as organization,
                license::{types["license"]} as license,
                rating::{types["rating"]} as rating,
                (rating - 4.5)::{types["rating_lower"]} as rating_lower,
                (rating + 4.5)::{types["rating_upper"]} as rating_upper,
                5.27::{types["variance"]} as variance,
                (1000 + k * 37 % 60000)::{types["vote_count"]} as vote_count,
                (rank() over (partition by s, category order by rating desc))::{types["rank"]}
                    as rank,
                category::{types["category"]} as category,
                strftime(date '{LMARENA_FIRST_SNAPSHOT}' + 7 * s::integer, '%Y-%m-%d')
                    ::{types["leaderboard_publish_date"]} as leaderboard_publish_date
            from rated
            order by s, c, k
            limit {rows}
            """
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"copy ratings to {literal(str(out))} (format parquet)")
    finally:
        con.close()
    return out


def _renamed(text: str, i: int) -> str:
    """``author/slug:variant`` -> ``author/slug-s<i>:variant`` (the variant stays last)."""
    base, sep, variant = text.partition(":")
    return f"{base}-s{i}{sep}{variant}"


def openrouter(rows: int, out: Path) -> Path:
    body = json.loads(_sample("openrouter").read_bytes())
    templates = body["data"]
    data = []
    for i in range(rows):
        entry = copy.deepcopy(templates[i % len(templates)])
        for key in ("id", "canonical_slug"):
            if entry.get(key):
                entry[key] = _renamed(entry[key], i)
        if entry.get("name"):
            entry["name"] = f"{entry['name']} S{i}"
        if entry.get("hugging_face_id"):
            entry["hugging_face_id"] = f"{entry['hugging_face_id']}-s{i}"
        if isinstance(entry.get("created"), int):
            entry["created"] += i
        data.append(entry)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({"data": data, "total_count": len(data), "links": {"next": None}}),
        encoding="utf-8",
    )
    return out


def huggingface(rows: int, out: Path) -> Path:
    """A listing saved from /api/models with the expanded keys: a JSON list of model infos."""
    bundle = json.loads(_sample("huggingface").read_bytes())
    templates = [
        entry["body"]
        for url, entry in sorted(bundle.items())
        if "/api/models/" in url and entry.get("status") == 200 and isinstance(entry["body"], dict)
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written entry by entry: a million model infos do not need to sit in memory at once.
    with out.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for i in range(rows):
            info = copy.deepcopy(templates[i % len(templates)])
            info["id"] = f"{info['id']}-s{i}"
            info["_id"] = f"{i:024x}"
            if "sha" in info:
                info["sha"] = f"{i:040x}"
            handle.write(("," if i else "") + json.dumps(info, separators=(",", ":")))
        handle.write("]")
    return out


_ROW_RE = re.compile(r"<tr>\s*<td>.*?</tr>", re.DOTALL)
_TABLE_RE = re.compile(
    r'(?P<heading><div class="mw-heading mw-heading3"><h3 id="(?P<year>\d{4})">.*?</div>\s*)'
    r'(?P<table><table class="wikitable sortable">.*?</table>)',
    re.DOTALL,
)
_FIRST_CELL_TEXT = re.compile(r"(<td>(?:<[^>]+>)*)([^<]+)")


def wikipedia(rows: int, out: Path) -> Path:
    """The parse JSON, with ``rows`` model rows spread over the sample's yearly tables."""
    body = json.loads(_sample("wikipedia").read_bytes())
    html = body["parse"]["text"]
    tables = list(_TABLE_RE.finditer(html))
    # Template rows: those without spans (a replicated rowspan would shift the grid).
    templates = []
    for match in tables:
        for row in _ROW_RE.findall(match["table"]):
            if "rowspan" not in row and "colspan" not in row:
                templates.append((match.start(), row))
    per_table = {match.start(): [] for match in tables}
    for i in range(rows):
        table_start, row = templates[i % len(templates)]
        renamed = _FIRST_CELL_TEXT.sub(lambda m, i=i: f"{m[1]}{m[2].strip()} S{i}", row, count=1)
        per_table[table_start].append(renamed)
    pieces, cursor = [], 0
    for match in tables:
        first_row = _ROW_RE.search(match["table"])
        header = match["table"][: first_row.start()] if first_row else match["table"]
        generated = "\n".join(per_table[match.start()])
        pieces.append(html[cursor : match.start("table")])
        pieces.append(f"{header}{generated}\n</tbody></table>")
        cursor = match.end("table")
    pieces.append(html[cursor:])
    body["parse"]["text"] = "".join(pieces)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return out


EPOCH_HEADER = [
    "Model",
    "Organization",
    "Publication date",
    "Parameters",
    "Training compute (FLOP)",
    "Training compute notes",
    "Training dataset size (total)",
    "Confidence",
    "Model accessibility",
    "Country (of organization)",
    "Last modified",
]


def _epoch_rows(rows: int) -> Iterator[list[str]]:
    orgs = ["OpenAI", "Google DeepMind", "Meta AI", "Anthropic", "Alibaba", "DeepSeek"]
    confidences = ["Confident", "Likely", "Speculative", "Unknown", ""]
    for i in range(rows):
        params = 1e9 * (1 + i % 700)
        tokens = 1e12 * (1 + i % 30)
        flop = 6 * params * tokens
        day = date(2018, 1, 1) + timedelta(days=i % 2900)
        yield [
            f"Synth-Model-{i}",
            orgs[i % len(orgs)],
            day.isoformat() if i % 10 else f"{day.month}/{day.day}/{day.year}",
            f"{params:.1f}" if i % 4 else "",
            repr(flop * 1.0000000000000002) if i % 5 else "",
            f'6 * {params:.3g} params * {tokens:.3g} tokens\n= {flop:.2g}, "approx", {i}',
            f"{tokens:.1f}",
            confidences[i % len(confidences)],
            "Open weights" if i % 2 else "API access",
            "United States of America,China" if i % 7 == 0 else "United States of America",
            "2025-10-01 12:00:00+00:00",
        ]


def epoch(rows: int, out: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EPOCH_HEADER)
    writer.writerows(_epoch_rows(rows))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return out


# source -> (generator, file extension, the sizes the source can really reach)
GENERATORS: dict[str, tuple[Callable[[int, Path], Path], str, tuple[int, ...]]] = {
    "lmarena": (lmarena, "parquet", (1_000, 10_000, 100_000, 1_000_000)),
    "openrouter": (openrouter, "json", (1_000, 10_000)),
    "huggingface": (huggingface, "json", (1_000, 10_000, 100_000, 1_000_000)),
    "wikipedia": (wikipedia, "json", (1_000, 10_000)),
    "epoch": (epoch, "csv", (1_000, 10_000)),
}


def generate(source: str, rows: int, folder: Path) -> Path:
    generator, ext, _ = GENERATORS[source]
    return generator(rows, folder / f"{source}_{rows}.{ext}")
