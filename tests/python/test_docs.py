"""The docs keep up with the project: every estimation method is explained in
docs/estimation.md, every seed is described in the README or docs/ (what it holds and who
edits it), and every make target is in the README. A new method, seed or target without
its documentation fails here, naming what is missing."""

from __future__ import annotations

import re

import yaml

from ingest.config import REPO_ROOT

DOCS = REPO_ROOT / "docs"


def _text(*paths) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in paths)


def _estimation_methods() -> list[str]:
    """The methods marts.model_estimates may hold (its accepted_values), plus the two the
    final-estimate rule adds (combined, lifetime_from_base)."""
    marts = yaml.safe_load(
        (REPO_ROOT / "dbt_project/models/marts/_marts__models.yml").read_text(encoding="utf-8")
    )
    model = next(m for m in marts["models"] if m["name"] == "model_estimates")
    column = next(c for c in model["columns"] if c["name"] == "estimation_method")
    values = next(
        test["accepted_values"]["arguments"]["values"]
        for test in column["data_tests"]
        if isinstance(test, dict) and "accepted_values" in test
    )
    return [*values, "combined", "lifetime_from_base"]


def test_every_estimation_method_is_explained_in_docs_estimation():
    text = _text(DOCS / "estimation.md")
    methods = _estimation_methods()
    assert len(methods) >= 10
    missing = [method for method in methods if f"`{method}`" not in text]
    assert missing == [], f"docs/estimation.md does not explain: {missing}"


def test_every_seed_is_described_in_the_readme_or_docs():
    text = _text(REPO_ROOT / "README.md", *sorted(DOCS.rglob("*.md")))
    seeds = sorted(path.name for path in (REPO_ROOT / "seeds").glob("*.csv"))
    assert seeds
    missing = [name for name in seeds if f"seeds/{name}" not in text]
    assert missing == [], f"no doc names these seeds: {missing}"


def test_every_make_target_is_in_the_readme():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    readme = _text(REPO_ROOT / "README.md")
    missing = [target for target in phony if f"make {target}" not in readme]
    assert missing == [], f"README does not show: {[f'make {t}' for t in missing]}"


def test_the_method_count_in_the_docs_is_the_methods_table_length():
    # The overview's table is the one list of estimation methods; prose that counts them
    # ("the nine methods") must count that table's rows.
    overview = _text(DOCS / "dbt" / "overview.md")
    table = overview.split("## Estimation methods", 1)[1].split("\n\n## ", 1)[0]
    rows = [line for line in table.splitlines() if re.match(r"^\| \d+[a-z]? \| `", line)]
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    words += ["ten", "eleven", "twelve"]
    said = re.findall(
        rf"\bthe ({'|'.join(words)}) methods\b", _text(DOCS / "estimation.md") + overview, re.I
    )
    assert said, "no doc says how many methods there are"
    assert {word.lower() for word in said} == {words[len(rows)]}, (said, len(rows))


def test_the_identity_doc_counts_the_labelled_name_pairs():
    # docs/identity.md says how many hand-labelled pairs specify the identity rule.
    text = (REPO_ROOT / "tests/python/test_identity_rules.py").read_text(encoding="utf-8")
    table = text.split("PAIRS: list[tuple[str, str, str, str]] = [", 1)[1].split("\n]\n", 1)[0]
    pairs = len(re.findall(r"^\s+\(\s*\"", table, re.M))  # ruff may wrap a long pair
    assert f"({pairs} pairs from the" in _text(DOCS / "identity.md"), pairs


def test_every_pointer_to_a_docs_section_finds_it():
    # Code and docs point readers to a section as `docs/<file>.md, "<heading>"`: each file
    # exists and has a heading (or a bold lead) that starts with those words.
    pointer = re.compile(r'docs/([a-z_/]+\.md), "([^"]{2,80})"')
    folders = ("ingest", "dbt_project", "macros", "seeds", "tests", "scripts", "docs")
    files = [REPO_ROOT / "README.md"]
    for folder in folders:
        files += [
            path
            for path in sorted((REPO_ROOT / folder).rglob("*"))
            if path.suffix in {".py", ".sql", ".yml", ".md"} and "fixtures" not in path.parts
        ]
    missing = []
    for path in files:
        for doc, wrapped in pointer.findall(path.read_text(encoding="utf-8")):
            title = " ".join(re.sub(r"\n\s*(#|--)?", " ", wrapped).split())  # a wrapped comment
            target = DOCS / doc
            lead = rf"^(#+ |\*\*){re.escape(title)}"
            if not target.exists() or not re.search(lead, target.read_text("utf-8"), re.M):
                missing.append(f"{path.relative_to(REPO_ROOT)}: docs/{doc}, {title!r}")
    assert missing == [], missing


def test_the_seed_counts_in_docs_estimation_are_the_seeds():
    # docs/estimation.md, "Seeds: counts and coverage": the rows of each curated seed, how many
    # known_model_specs rows give a method 1-3 estimate (the command beside it says how).
    import csv

    def rows(seed: str) -> list[dict[str, str]]:
        with (REPO_ROOT / "seeds" / f"{seed}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    text = _text(DOCS / "estimation.md")
    for seed in ("known_model_specs", "compute_statements", "hardware_specs", "benchmark_scores"):
        row = re.search(rf"^\| `{seed}` \| \d+ \| (\d+) \|", text, re.M)
        assert row and int(row.group(1)) == len(rows(seed)), (seed, len(rows(seed)))
    specs = rows("known_model_specs")
    direct = sum(
        1
        for r in specs
        if r["training_compute_flop"]
        or r["training_chip_hours"]
        or (r["hardware_quantity"] and r["training_time_hours"])
        or (r["parameters"] and r["training_tokens"])
    )
    statements = len(rows("compute_statements"))
    assert f"{direct} of the {len(specs)} `known_model_specs` rows" in text, (direct, len(specs))
    assert f"the {statements} statements give {statements} more models" in text, statements
