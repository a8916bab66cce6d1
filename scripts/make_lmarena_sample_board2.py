"""Write the second LMArena SAMPLE board (data/sample/lmarena/20250804T...): an OLDER
snapshot as another publisher flattens the board, to make the sample as awkward as real
data. Its keys are the board's display names (`Grok-4-0709` where the 2025-10-16 sample
writes `grok-4-0709`, `Claude Opus 4 (20250514)`, dated builds such as
`Reka-Core-20240501` and `Reka-Core-20240904`, an app row, a codename, experimental
checkpoints, derived models), it has NO licence column, and only the `overall` category.

The names are real LMArena keys; the ratings are realistic values typed in by hand for a
snapshot of 2025-08-04, NOT a copy of the leaderboard.
Run: .venv/bin/python scripts/make_lmarena_sample_board2.py
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import duckdb

OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "sample" / "lmarena"
SNAPSHOT = "2025-08-04"
PREFIX = "20250804T000000Z_"

# model_name (the board's display key), organization, overall rating, votes
MODELS = [
    ("Gemini-2.5-Pro", "Google", 1460.2, 32100),
    ("Gemini-2.5-Pro-Preview-05-06", "Google", 1446.9, 12500),
    ("Grok-4-0709", "xAI", 1432.8, 6400),
    ("ChatGPT-4o-latest (2025-03-26)", "OpenAI", 1428.3, 27800),
    ("o3-2025-04-16", "OpenAI", 1426.0, 31200),
    ("Qwen3-235B-A22B-Instruct-2507", "Alibaba", 1418.7, 5200),
    ("DeepSeek-R1-0528", "DeepSeek", 1416.2, 15900),
    ("Grok-3-Preview-02-24", "xAI", 1409.4, 24600),
    ("chocolate (Early Grok-3)", "xAI", 1401.5, 9800),
    ("Claude Opus 4 (20250514)", "Anthropic", 1397.9, 21300),
    ("Claude Opus 4 (thinking-16k)", "Anthropic", 1403.1, 13100),
    ("Gemini-Exp-1114", "Google", 1372.4, 7100),
    ("Qwen3-30B-A3B-Instruct-2507", "Alibaba", 1381.5, 4100),
    ("Llama-3.1-Nemotron-Ultra-253B-v1", "Nvidia", 1345.6, 6800),
    ("Claude 3.5 Sonnet (20241022)", "Anthropic", 1366.9, 45300),
    ("Gemini Advanced App (2024-05-14)", "Google", 1300.8, 52100),
    ("GPT-4o-2024-05-13", "OpenAI", 1344.7, 98200),
    ("Meta-Llama-3.1-405B-Instruct-bf16", "Meta", 1335.2, 38400),
    ("Reka-Core-20240904", "Reka AI", 1255.3, 7200),
    ("Reka-Core-20240722", "Reka AI", 1251.1, 6400),
    ("Reka-Core-20240501", "Reka AI", 1245.9, 62300),
    ("GPT-4-0314", "OpenAI", 1286.2, 53100),
    ("Claude 3 Opus", "Anthropic", 1321.6, 190300),
    ("Mixtral-8x7B-Instruct-v0.1", "Mistral", 1193.0, 71900),
]


def rows():
    scored = []
    for name, org, rating, votes in MODELS:
        half = round(1.96 * 350 / math.sqrt(votes), 2)
        scored.append((name, org, rating, rating - half, rating + half, (half / 1.96) ** 2, votes))
    scored.sort(key=lambda item: -item[2])
    for rank, (name, org, r, lo, hi, var, n) in enumerate(scored, start=1):
        yield (
            name,
            org,
            r,
            round(lo, 2),
            round(hi, 2),
            round(var, 2),
            float(n),
            float(rank),
            "overall",
            SNAPSHOT,
        )


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    # No licence column: this publisher's flattening leaves it out.
    con.execute(
        "create table t (model_name varchar, organization varchar, "
        "rating double, rating_lower double, rating_upper double, variance double, "
        "vote_count double, rank double, category varchar, leaderboard_publish_date varchar)"
    )
    con.executemany("insert into t values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list(rows()))
    tmp = OUT_DIR / "tmp_board2.parquet"
    con.execute("copy (select * from t order by rank) to ? (format parquet)", [str(tmp)])
    sha = hashlib.sha256(tmp.read_bytes()).hexdigest()[:8]
    for old in OUT_DIR.glob(f"{PREFIX}*.parquet"):
        old.unlink()
    final = OUT_DIR / f"{PREFIX}{sha}.parquet"
    tmp.rename(final)
    print(f"wrote {final} ({final.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
