"""Write the LMArena SAMPLE capture (data/sample/lmarena/) in the dataset's exact schema.

The names are real LMArena keys of frontier models from 2023 to 2025; the ratings are
realistic values typed in by hand for one snapshot (2025-10-16), NOT a copy of the real
leaderboard. Run: .venv/bin/python scripts/make_lmarena_sample.py
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import duckdb

OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "sample" / "lmarena"
SNAPSHOT = "2025-10-16"

# model_name, organization, license, overall rating, votes
MODELS = [
    ("gemini-2.5-pro", "google", "Proprietary", 1458.7, 61250),
    ("claude-opus-4-1-20250805-thinking-16k", "anthropic", "Proprietary", 1447.3, 21480),
    ("claude-sonnet-4-5-20250929-thinking-32k", "anthropic", "Proprietary", 1445.9, 9870),
    ("chatgpt-4o-latest-20250326", "openai", "Proprietary", 1441.2, 41200),
    ("gpt-5-high", "openai", "Proprietary", 1440.4, 23850),
    ("gpt-4.5-preview-2025-02-27", "openai", "Proprietary", 1439.1, 14390),
    ("claude-opus-4-1-20250805", "anthropic", "Proprietary", 1437.6, 26310),
    ("claude-sonnet-4-5-20250929", "anthropic", "Proprietary", 1437.9, 10420),
    ("o3-2025-04-16", "openai", "Proprietary", 1433.0, 48770),
    ("qwen3-max-preview", "alibaba", "Proprietary", 1432.8, 15010),
    ("gpt-5-chat", "openai", "Proprietary", 1429.6, 20330),
    ("qwen3-235b-a22b-instruct-2507", "alibaba", "Apache 2.0", 1421.4, 30110),
    ("grok-4-0709", "xai", "Proprietary", 1420.2, 31970),
    ("deepseek-r1-0528", "deepseek", "MIT", 1418.1, 33400),
    ("deepseek-v3.1", "deepseek", "MIT", 1417.3, 9120),
    ("kimi-k2-0905-preview", "moonshot", "Modified MIT", 1416.8, 11840),
    ("claude-opus-4-20250514", "anthropic", "Proprietary", 1411.5, 41380),
    ("claude-sonnet-4-20250514", "anthropic", "Proprietary", 1398.2, 37940),
    ("gemini-2.0-pro-exp-02-05", "google", "Proprietary", 1384.7, 20860),
    ("gpt-4.1-2025-04-14", "openai", "Proprietary", 1411.2, 43510),
    ("glm-4.5", "zhipu", "MIT", 1410.3, 15920),
    ("mistral-medium-2508", "mistral", "Proprietary", 1409.8, 12460),
    ("grok-3-preview-02-24", "xai", "Proprietary", 1409.6, 39870),
    ("gemini-2.5-flash", "google", "Proprietary", 1407.9, 52160),
    ("o1-2024-12-17", "openai", "Proprietary", 1399.2, 38960),
    ("o4-mini-2025-04-16", "openai", "Proprietary", 1397.6, 37140),
    ("deepseek-r1", "deepseek", "MIT", 1394.1, 28750),
    ("deepseek-v3-0324", "deepseek", "MIT", 1390.4, 35990),
    ("claude-3-7-sonnet-20250219-thinking-32k", "anthropic", "Proprietary", 1385.2, 30510),
    ("hunyuan-turbos-20250416", "tencent", "Proprietary", 1378.0, 14240),
    ("qwen3-235b-a22b", "alibaba", "Apache 2.0", 1374.3, 27630),
    ("claude-3-7-sonnet-20250219", "anthropic", "Proprietary", 1370.1, 40660),
    ("minimax-m1", "minimax", "Apache 2.0", 1368.4, 18050),
    ("claude-3-5-sonnet-20241022", "anthropic", "Proprietary", 1366.2, 79930),
    ("gemma-3-27b-it", "google", "Gemma", 1363.0, 41090),
    ("gemini-2.0-flash-001", "google", "Proprietary", 1361.3, 38460),
    ("gpt-oss-120b", "openai", "Apache 2.0", 1354.6, 15370),
    ("gemini-1.5-pro-002", "google", "Proprietary", 1350.2, 57440),
    ("gpt-4o-2024-05-13", "openai", "Proprietary", 1345.1, 117390),
    ("claude-3-5-sonnet-20240620", "anthropic", "Proprietary", 1341.3, 86160),
    ("gpt-4o-2024-08-06", "openai", "Proprietary", 1336.4, 47960),
    ("llama-3.1-405b-instruct-bf16", "meta", "Llama 3.1 Community", 1335.0, 43810),
    ("llama-3.1-405b-instruct-fp8", "meta", "Llama 3.1 Community", 1333.2, 63050),
    ("llama-4-maverick-17b-128e-instruct", "meta", "Llama 4", 1329.8, 21990),
    ("gpt-4-turbo-2024-04-09", "openai", "Proprietary", 1324.3, 102130),
    ("claude-3-opus-20240229", "anthropic", "Proprietary", 1322.0, 202710),
    ("yi-lightning", "01 AI", "Proprietary", 1319.1, 28190),
    ("llama-3.3-70b-instruct", "meta", "Llama 3.3", 1318.2, 51410),
    ("gpt-4o-mini-2024-07-18", "openai", "Proprietary", 1316.4, 70970),
    ("gpt-4-1106-preview", "openai", "Proprietary", 1315.8, 103750),
    ("athene-v2-chat", "nexusflow", "NexusFlow", 1314.0, 26040),
    ("mistral-large-2407", "mistral", "Mistral Research", 1312.7, 48290),
    ("glm-4-plus", "zhipu", "Proprietary", 1309.2, 27810),
    ("grok-2-2024-08-13", "xai", "Proprietary", 1306.1, 67080),
    ("qwen2.5-72b-instruct", "alibaba", "Qwen", 1302.5, 41510),
    ("llama-3.1-70b-instruct", "meta", "Llama 3.1 Community", 1293.4, 58640),
    ("gpt-4-0314", "openai", "Proprietary", 1286.0, 55960),
    ("mistral-large-2402", "mistral", "Proprietary", 1243.5, 64210),
    ("nemotron-4-340b-instruct", "nvidia", "NVIDIA Open Model", 1278.3, 20600),
    ("llama-3-70b-instruct", "meta", "Llama 3 Community", 1276.1, 163630),
    ("gpt-4-0613", "openai", "Proprietary", 1275.4, 91660),
    ("claude-3-haiku-20240307", "anthropic", "Proprietary", 1262.1, 122300),
    ("command-r-plus-08-2024", "cohere", "CC-BY-NC-4.0", 1245.0, 10530),
    ("mixtral-8x22b-instruct-v0.1", "mistral", "Apache 2.0", 1229.3, 53750),
    ("gpt-3.5-turbo-0125", "openai", "Proprietary", 1225.2, 68870),
    ("gemini-pro", "google", "Proprietary", 1209.8, 6550),
    ("mixtral-8x7b-instruct-v0.1", "mistral", "Apache 2.0", 1193.4, 76130),
    ("llama-2-70b-chat", "meta", "Llama 2 Community", 1148.0, 39590),
    ("falcon-180b-chat", "tii", "Falcon-180B TII License", 1146.2, 1327),
    ("dbrx-instruct-preview", "databricks", "DBRX LICENSE", 1141.9, 33740),
    ("vicuna-13b", "LMSYS", "Llama 2 Community", 1070.5, 19710),
    ("koala-13b", "", "", 1019.3, 7010),
]
CATEGORIES = [("overall", 0.0), ("coding", 6.0), ("math", 9.0), ("hard_6", 4.0)]


def _jitter(name: str, category: str, scale: float) -> float:
    """Deterministic per-(model, category) offset, so the sample is reproducible."""
    digest = hashlib.sha256(f"{name}|{category}".encode()).digest()
    return (digest[0] / 255.0 - 0.5) * 2 * scale


def rows():
    for category, scale in CATEGORIES:
        scored = []
        for name, org, lic, rating, votes in MODELS:
            share = 1.0 if category == "overall" else 0.35
            n = round(votes * share)
            r = round(rating + _jitter(name, category, scale), 2)
            half = round(1.96 * 350 / math.sqrt(max(n, 1)), 2)
            scored.append((name, org, lic, r, r - half, r + half, round((half / 1.96) ** 2, 2), n))
        scored.sort(key=lambda item: -item[3])
        for rank, (name, org, lic, r, lo, hi, var, n) in enumerate(scored, start=1):
            yield (
                name,
                org,
                lic,
                r,
                round(lo, 2),
                round(hi, 2),
                var,
                float(n),
                float(rank),
                category,
                SNAPSHOT,
            )


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(
        "create table t (model_name varchar, organization varchar, license varchar, "
        "rating double, rating_lower double, rating_upper double, variance double, "
        "vote_count double, rank double, category varchar, leaderboard_publish_date varchar)"
    )
    con.executemany("insert into t values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list(rows()))
    tmp = OUT_DIR / "tmp.parquet"
    target = "'" + str(tmp).replace("'", "''") + "'"
    con.execute(f"copy (select * from t order by category, rank) to {target} (format parquet)")
    sha = hashlib.sha256(tmp.read_bytes()).hexdigest()[:8]
    for old in OUT_DIR.glob("20251016T*.parquet"):
        if old != tmp:
            old.unlink()
    final = OUT_DIR / f"20251016T000000Z_{sha}.parquet"
    tmp.rename(final)
    print(f"wrote {final} ({final.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
