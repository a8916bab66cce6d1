"""The overrides file has two guards: `make validate-overrides` (ingest/overrides.py) for the
contractor, and the data tests on the seed (seeds/_seeds.yml) for `dbt build`. They must
refuse the same mistakes. This test proves it over a corpus: one bad row per seed test,
each breaking exactly that rule and no other, in one file. The validator must name the
expected column on every row; `dbt test` on the seed must fail every seed test, each on
exactly as many rows as the corpus aims at it, and no seed test may go without a row.

Slow: one `dbt seed` and one `dbt test` on a copy of the project and of the sample
warehouse (the known model ids live there)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from temp_paths import temp_paths_env
from test_contractor_workflow import HEADER, copy_project

from ingest import overrides
from ingest.config import REPO_ROOT
from ingest.dbt_runner import dbt_invocation

pytestmark = pytest.mark.slow


def row(**cells: str) -> str:
    """A CSV row of the overrides file from its cells by column name (others empty)."""
    assert set(cells) <= set(overrides.COLUMNS), set(cells) - set(overrides.COLUMNS)
    return ",".join(cells.get(column, "") for column in overrides.COLUMNS)


def correct(model: str, day: str, **cells: str) -> str:
    """A valid correction of an existing model's parameters (one day per row)."""
    base = {
        "change_kind": "correct",
        "model_id": model,
        "parameters": "70000000000",
        "source_url": "https://example.org/paper",
        "reason": "the paper's figure",
        "changed_by": "Ann Contractor",
        "changed_on": day,
    }
    return row(**{**base, **cells})


def add(model: str, **cells: str) -> str:
    """A valid addition of a new model."""
    base = {
        "change_kind": "add",
        "model_id": model,
        "model_name": f"Example {model}",
        "organization": "OpenAI",
        "publication_date": "2025-06-01",
        "training_compute_flop": "3e25",
        "confidence": "Speculative",
        "training_compute_notes": "a guess from the cluster size",
        "source_url": "https://example.org/announcement",
        "reason": "announced; no source lists it yet",
        "changed_by": "Ann Contractor",
        "changed_on": "2025-10-01",
    }
    return row(**{**base, **cells})


# seed test name (without the manual_overrides__ prefix) -> (column the validator must name,
# the rows that break that rule alone). Each row changes a different model or day, so no
# two rows conflict with each other (a conflict is a rule of its own, a singular test).
CORPUS: dict[str, tuple[str | None, list[str]]] = {
    # the validator names the second copy, as the row that repeats another (no one column)
    "no_row_twice": (None, [correct("chinchilla", "2025-10-03")] * 2),
    "change_kind_is_filled": ("change_kind", [correct("palm-2", "2025-10-04", change_kind="")]),
    "change_kind_is_a_kind": (
        "change_kind",
        [correct("gpt-2", "2025-10-05", change_kind="frobnicate")],
    ),
    "model_id_is_filled": ("model_id", [correct("", "2025-10-06")]),
    "model_id_is_known": ("model_id", [correct("no-such-model-x", "2025-10-07")]),
    "added_model_id_is_new": ("model_id", [add("gopher")]),
    "added_model_id_is_a_slug": ("model_id", [add("Example Slug")]),
    "added_model_has_a_name": ("model_name", [add("example-noname", model_name="")]),
    "added_model_has_an_organization": ("organization", [add("example-noorg", organization="")]),
    "publication_date_is_a_date": (
        "publication_date",
        [add("example-date", publication_date="June 2025")],
    ),
    "parameters_is_a_number": (
        "parameters",
        [correct("llama-2-70b", "2025-10-08", parameters="seventy")],
    ),
    "training_tokens_is_a_number": (
        "training_tokens",
        [correct("llama-3-70b", "2025-10-09", parameters="", training_tokens="1e20")],
    ),
    "training_compute_flop_is_a_number": (
        "training_compute_flop",
        [add("example-comma", training_compute_flop='"2,1e25"')],
    ),
    "added_or_verified_model_has_compute": (
        "training_compute_flop",
        [
            row(
                change_kind="verify",
                model_id="falcon-180b",
                confidence="Likely",
                source_url="https://example.org/falcon",
                reason="checked",
                changed_by="Bob Reviewer",
                changed_on="2025-10-10",
            )
        ],
    ),
    "confidence_is_a_confidence_word": ("confidence", [add("example-sure", confidence="Sure")]),
    "source_url_is_filled": ("source_url", [add("example-nourl", source_url="")]),
    "source_url_is_a_web_address": (
        "source_url",
        [add("example-web", source_url="example.org/web")],
    ),
    "reason_is_filled": ("reason", [add("example-noreason", reason="")]),
    "exclude_reason_says_which_kind": (
        "reason",
        [
            row(
                change_kind="exclude",
                model_id="grok-1",
                source_url="https://x.ai/news/grok-os",
                reason="an old model",
                changed_by="Bob Reviewer",
                changed_on="2025-10-11",
            )
        ],
    ),
    "changed_by_is_filled": ("changed_by", [add("example-noauthor", changed_by="")]),
    "changed_on_is_filled": ("changed_on", [add("example-nodate", changed_on="")]),
    "changed_on_is_a_date": ("changed_on", [add("example-usdate", changed_on="10/01/2025")]),
}

PREFIX = "manual_overrides__"


def _seed_test_names() -> set[str]:
    """Every data test declared on the manual_overrides seed, by name."""
    seeds = yaml.safe_load((REPO_ROOT / "seeds" / "_seeds.yml").read_text(encoding="utf-8"))
    seed = next(s for s in seeds["seeds"] if s["name"] == "manual_overrides")
    tests = [*seed.get("data_tests", [])]
    for column in seed["columns"]:
        tests += column.get("data_tests", [])
    return {next(iter(test.values()))["name"] for test in tests if isinstance(test, dict)}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, sample_warehouse):
    tmp = tmp_path_factory.mktemp("override_rules_corpus")
    project = copy_project(tmp / "project")
    env = {**os.environ, **temp_paths_env(tmp)}
    env.pop("TRACKER_PUBLISHED_DB", None)
    shutil.copy2(sample_warehouse.path, env["TRACKER_DB"])
    rows = [row for _, (_, bad) in CORPUS.items() for row in bad]
    path = project / "seeds" / "manual_overrides.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    report = overrides.validate_file(path, Path(env["TRACKER_DB"]))
    paths = {"db_path": Path(env["TRACKER_DB"]), "data_dir": Path(env["TRACKER_DATA_DIR"])}

    def dbt(*args: str) -> subprocess.CompletedProcess:
        cmd, full_env, cwd = dbt_invocation(list(args), **paths, env=env, project_dir=project)
        return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True)

    # One dbt process loads the seed, then runs its tests (what `dbt seed` then `dbt test`
    # would do, without paying dbt's start twice).
    tested = dbt("build", "--select", "manual_overrides", "--exclude", "test_type:singular")
    results = json.loads((Path(env["DBT_TARGET_PATH"]) / "run_results.json").read_text())
    by_kind = {"seed": {}, "test": {}}
    for r in results["results"]:
        kind, _, name = r["unique_id"].split(".")[:3]
        by_kind[kind][name] = (r["status"], r["failures"])
    assert by_kind["seed"] == {"manual_overrides": ("success", None)}, tested.stdout[-3000:]
    return rows, report, tested, by_kind["test"]


def test_every_seed_test_has_a_corpus_row():
    assert {PREFIX + name for name in CORPUS} == _seed_test_names()


def test_the_validator_refuses_every_corpus_row_on_the_rule_s_column(corpus_run):
    rows, report, _, _ = corpus_run
    assert not report.ok
    named = {(problem.row, problem.column) for problem in report.errors}
    row_number = 2  # the header is row 1, as a spreadsheet shows it
    missed = []
    for name, (column, bad) in CORPUS.items():
        numbers = range(row_number, row_number + len(bad))
        # a repeated row: the copy after the first is the one named
        aimed = numbers[1:] if name == "no_row_twice" else numbers
        missed += [(number, name, column) for number in aimed if (number, column) not in named]
        row_number += len(bad)
    assert missed == [], f"the validator let these through: {missed}"
    assert row_number - 2 == len(rows)


def test_dbt_fails_each_seed_test_on_exactly_its_rows(corpus_run):
    _, _, tested, failures = corpus_run
    assert tested.returncode == 1
    # dbt counts a repeated row once (one group), each other rule per row it fails
    expected = {
        PREFIX + name: ("fail", 1 if name == "no_row_twice" else len(bad))
        for name, (_, bad) in CORPUS.items()
    }
    actual = {name: failures.get(name) for name in expected}
    assert actual == expected, tested.stdout[-3000:]
    others = {name: result for name, result in failures.items() if name not in expected}
    assert all(status == "pass" for status, _ in others.values()), others
