"""The contractor workflow end to end, on a copy of the project (seeds, dbt files, macros,
tests) and the sample data, in temporary paths: one change of each kind (add, correct,
exclude, verify) goes through the validator and ``dbt build`` into marts.models and the
published list; the change history outlives the warehouse; a bad file is refused by
``dbt build`` too, leaving the CSV and the warehouse as they were.

Slow (dbt builds): a refresh with all four kinds, a whole build after the warehouse is
lost, two refused builds and the fixed file's tests, then a refresh of what reads the
overrides."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from temp_paths import temp_paths_env

from ingest import cli, history, overrides, review_export
from ingest.config import REPO_ROOT, Settings
from ingest.dbt_runner import BUILD_ARGS, dbt_invocation

pytestmark = pytest.mark.slow

HEADER = ",".join(overrides.COLUMNS)
# The four rows of docs/contractor-guide.md's worked examples (plus an addition).
ADD = (
    "add,example-frontier-1,Example Frontier 1,OpenAI,2025-06-01,,,3e25,Speculative,"
    "Guess from the reported cluster size,https://example.org/frontier-1,"
    "Announced in a blog post; no source lists it yet,Ann Contractor,2025-10-01"
)
CORRECT = (
    'correct,gopher,,,,,"300,000,000,000",6.31E+23,Confident,The paper states 6.31e23 FLOP,'
    "https://arxiv.org/abs/2112.11446,Compute from the paper's own figures,Ann Contractor,"
    "2025-10-01"
)
EXCLUDE = (
    "exclude,inflection-2,,,,,,,,,https://inflection.ai/inflection-2,"
    "not above 1e25: the announcement says about 1e25 and no more,Bob Reviewer,2025-10-02"
)
VERIFY = (
    "verify,gpt-4,,,,,,2.1e24,Confident,,https://semianalysis.com/2023/07/10/"
    "gpt-4-architecture-infrastructure/,Checked against the report,Bob Reviewer,2025-10-02"
)


# Another contractor's newer correction of gopher, deleted again later in the module.
NEWER = (
    CORRECT.replace("6.31E+23", "6.4e23")
    .replace("2025-10-01", "2025-10-09")
    .replace("Ann Contractor", "Dan Newer")
    .replace("Compute from the paper's own figures", "newer reading of Table A26")
)


@dataclass
class Project:
    root: Path
    settings: Settings
    env: dict[str, str]

    @property
    def overrides_csv(self) -> Path:
        return self.root / "seeds" / "manual_overrides.csv"

    def write_overrides(self, *rows: str) -> None:
        # As Excel on Windows saves "CSV UTF-8": a byte-order mark and CRLF line endings.
        text = "\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n"
        self.overrides_csv.write_bytes(text.encode())

    def dbt(self, *args: str) -> subprocess.CompletedProcess:
        cmd, env, cwd = dbt_invocation(
            list(args),
            db_path=self.settings.db_path,
            data_dir=self.settings.data_dir,
            env=self.env,
            project_dir=self.root,
        )
        return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)

    def refresh(self, *build_args: str) -> None:
        """make run's steps on the copy: validate, ingest (samples), build, record."""
        report = overrides.validate_file(self.overrides_csv, self.settings.db_path)
        assert report.ok, overrides.report_lines(report)
        rc, _ = cli.run(["--offline"], self.settings)
        assert rc == 0
        result = self.dbt("build", *build_args)
        assert result.returncode == 0, result.stdout[-4000:]
        history.record_changes(self.settings)

    def query(self, sql: str) -> list[tuple]:
        con = duckdb.connect(str(self.settings.db_path), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def one(self, sql: str) -> dict:
        con = duckdb.connect(str(self.settings.db_path), read_only=True)
        try:
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        finally:
            con.close()
        assert len(rows) == 1, rows
        return dict(zip(names, rows[0], strict=True))


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy2(REPO_ROOT / name, target / name)
    for name in ("dbt_project", "seeds", "macros", "analyses"):
        if (REPO_ROOT / name).exists():
            shutil.copytree(REPO_ROOT / name, target / name)
    (target / "tests").mkdir()
    shutil.copytree(REPO_ROOT / "tests" / "generic", target / "tests" / "generic")
    for singular in (REPO_ROOT / "tests").glob("*.sql"):
        shutil.copy2(singular, target / "tests" / singular.name)
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    tmp = tmp_path_factory.mktemp("contractor")
    settings = Settings(db_path=tmp / "warehouse.duckdb", data_dir=tmp / "data")
    env = {**os.environ, **temp_paths_env(tmp), "DBT_USE_COLORS": "false"}
    built = Project(copy_project(tmp / "project"), settings, env)
    built.write_overrides(ADD, CORRECT, EXCLUDE, VERIFY)
    # As make run builds (ingest.dbt_runner.BUILD_ARGS): the data tests that guard the inputs
    # and the published list, not the unit tests nor the intermediate models' generic
    # tests (they check the SQL, which is the project's own here, and scripts/test.sh's
    # build has just run them).
    built.refresh(*BUILD_ARGS[1:])
    return built


def test_an_added_model_is_published_as_a_manual_addition(project):
    row = project.one(
        "select * from marts.models_above_1e25_flop where model_id = 'example-frontier-1'"
    )
    assert row["model_name"] == "Example Frontier 1"
    assert row["organization"] == "OpenAI"
    assert row["training_compute_flop"] == 3e25
    assert row["confidence"] == "Speculative"
    assert row["provenance"] == "manual_addition"
    assert row["estimation_method"] == "manual"
    assert row["override_changed_by"] == "Ann Contractor"
    assert "https://example.org/frontier-1" in row["sources"]


def test_a_correction_sets_the_fields_and_says_so(project):
    row = project.one("select * from marts.models where model_id = 'gopher'")
    assert row["training_compute_flop"] == 6.31e23
    assert row["training_tokens"] == 300_000_000_000
    assert row["confidence"] == "Confident"
    assert row["estimation_method"] == "manual"
    assert row["provenance"] == "manual_correction"
    assert row["overridden_fields"] == [
        "confidence",
        "training_compute_flop",
        "training_compute_notes",
        "training_tokens",
    ]
    assert row["override_reason"] == "Compute from the paper's own figures"
    assert row["is_manually_overridden"] and not row["is_verified"]


def test_an_exclusion_removes_the_model_from_the_published_list_only(project):
    row = project.one("select * from marts.models where model_id = 'inflection-2'")
    assert row["is_excluded"] and row["is_manually_overridden"]
    assert row["override_reason"].startswith("not above 1e25")
    # As docs/contractor-guide.md step 6 says: an exclusion sets no figure, so it lists no
    # overridden field and the figures keep their own provenance
    assert row["overridden_fields"] == []
    assert row["provenance"] in ("scraped", "estimated")
    assert project.query(
        "select count(*) from marts.models_above_1e25_flop where model_id = 'inflection-2'"
    ) == [(0,)]


def test_a_verified_value_is_pinned_and_its_contradiction_queued(project, tmp_path):
    # GIVEN gpt-4 verified at 2.1e24 while the reported figure behind it says 2.15e25
    row = project.one("select * from marts.models where model_id = 'gpt-4'")
    assert row["is_verified"]
    assert row["training_compute_flop"] == 2.1e24
    # THEN the review queue puts it first among the rows resting on sample data (after
    # every real row), saying how far the evidence is and what to do
    first = project.one(
        "select * from marts.review_queue where is_sample_data order by review_rank limit 1"
    )
    assert first["model_id"] == "gpt-4"
    assert first["review_reason"] == "verified_contradicted"
    assert "Verified at 2.10e24 FLOP by Bob Reviewer on 2025-10-02" in first["review_detail"]
    assert "add a verify row for gpt-4 with the new value" in first["action"]
    assert project.query(
        "select count(*) from marts.review_queue "
        "where not is_sample_data and review_rank > " + str(first["review_rank"])
    ) == [(0,)]
    # AND the contractors' CSV has it with its action and the sample-data warning
    path = review_export.export_review_queue(project.settings.db_path, tmp_path)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    row = next(r for r in rows if r["model_id"] == "gpt-4")
    assert (row["review_reason"], row["review_rank"]) == (
        "verified_contradicted",
        str(first["review_rank"]),
    )
    assert row["action"] == first["action"]
    assert row["data_warning"] == "SAMPLE DATA: not real figures"
    # AND no sample row comes before a real one in the CSV
    warnings = [r["data_warning"] for r in rows]
    assert warnings == sorted(warnings)


def test_a_model_just_added_by_hand_is_not_asked_for_a_figure(project):
    assert (
        project.query(
            "select review_reason from marts.review_queue where model_id = 'example-frontier-1'"
        )
        == []
    )


def test_the_first_refresh_records_every_model_in_the_history_file(project):
    models = project.query("select count(*) from marts.models")[0][0]
    path = history.history_path(project.settings)
    rows = list(csv.DictReader(path.read_text().splitlines()))
    assert len(rows) == models
    assert {r["change_type"] for r in rows} == {"new"}
    manual = {r["model_id"] for r in rows if r["change_origin"] == "manual"}
    assert manual == {"example-frontier-1", "gopher", "inflection-2", "gpt-4"}
    # The mart, the file and the staging model that reads it back (here: before any file
    # existed) have the same columns, in the same order.
    for relation in ("marts.changes_in_last_refresh", "staging.stg_history__model_changes"):
        columns = [c[0] for c in project.query(f"describe {relation}")]
        assert tuple(columns) == history.HISTORY_COLUMNS, relation


def test_the_snapshot_holds_the_published_list(project):
    published = project.query("select model_id from marts.models_above_1e25_flop order by 1")
    snapshot = project.query(
        "select model_id from snapshots.models_above_1e25_flop_snapshot "
        "where dbt_valid_to is null order by 1"
    )
    assert snapshot == published


@pytest.fixture(scope="module")
def rebuilt(project) -> Project:
    """The warehouse file is lost; a contractor corrects gopher again; make run rebuilds."""
    for suffix in ("", ".wal"):
        Path(str(project.settings.db_path) + suffix).unlink(missing_ok=True)
    project.write_overrides(ADD, CORRECT, EXCLUDE, VERIFY, NEWER)
    # AND a source now says gpt-4 (verified) saw 90T tokens instead of 13T
    specs = project.root / "seeds" / "known_model_specs.csv"
    text = specs.read_text(encoding="utf-8")
    assert ",1800000000000,280000000000,13000000000000,2.15e25," in text
    specs.write_text(
        text.replace(
            ",1800000000000,280000000000,13000000000000,2.15e25,",
            ",1800000000000,280000000000,90000000000000,2.15e25,",
        ),
        encoding="utf-8",
    )
    # The first build ran every data test already: seeds, models and snapshot only.
    project.refresh("--exclude", "resource_type:test", "resource_type:unit_test")
    return project


def test_history_survives_the_loss_of_the_warehouse(rebuilt):
    columns = [c[0] for c in rebuilt.query("describe staging.stg_history__model_changes")]
    assert tuple(columns) == history.HISTORY_COLUMNS  # read from the file this time
    # THEN the history mart still shows the first refresh's changes, read back from the file
    recorded = rebuilt.query(
        "select count(*) from marts.model_change_history where change_type = 'new'"
    )[0][0]
    assert recorded == rebuilt.query("select count(*) from marts.models")[0][0]
    # AND the rebuilt warehouse does not take every model for new: this refresh changed
    # gopher, by hand
    changes = rebuilt.query(
        "select model_id, change_type, change_origin, previous_training_compute_flop, "
        "training_compute_flop from marts.changes_in_last_refresh where model_id = 'gopher'"
    )
    assert changes == [("gopher", "changed", "manual", 6.31e23, 6.4e23)]
    assert rebuilt.query(
        "select count(*) from marts.changes_in_last_refresh where change_type = 'new'"
    ) == [(0,)]


def test_a_refresh_never_changes_a_verified_value(rebuilt):
    row = rebuilt.one("select * from marts.models where model_id = 'gpt-4'")
    assert row["is_verified"] and row["training_compute_flop"] == 2.1e24
    # AND no other field of the verified row moved with the source: the tokens are still
    # the 13T of when it was verified, not the 90T the source now says
    assert rebuilt.one(
        "select training_tokens from intermediate.int_models_estimated where model_id = 'gpt-4'"
    ) == {"training_tokens": 90_000_000_000_000}
    assert row["training_tokens"] == 13_000_000_000_000
    assert row["parameters"] == 1_800_000_000_000
    assert "training_tokens" in row["overridden_fields"]


def test_a_bad_file_is_refused_by_dbt_build_and_changes_nothing(rebuilt):
    # GIVEN a warehouse built from a good file, and a contractor's typo
    before = {
        name: rebuilt.query(f"select * from marts.{name} order by model_id")
        for name in ("models", "models_above_1e25_flop")
    }
    history_bytes = history.history_path(rebuilt.settings).read_bytes()
    good = rebuilt.overrides_csv.read_bytes()
    rebuilt.write_overrides(ADD, CORRECT.replace("6.31E+23", "6.31e23x"), EXCLUDE, VERIFY)
    bad = rebuilt.overrides_csv.read_bytes()
    try:
        # WHEN checked THEN the validator names the cell and exits 1
        checked = subprocess.run(
            [sys.executable, "-m", "ingest.overrides", str(rebuilt.overrides_csv)],
            cwd=REPO_ROOT,
            env=rebuilt.env,
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 1
        assert 'row 3, column training_compute_flop: "6.31e23x" is not a number' in checked.stdout
        # WHEN dbt build runs anyway THEN the seed test fails and nothing downstream is built
        result = rebuilt.dbt("build", "--select", "manual_overrides+")
        assert result.returncode == 1
        assert "FAIL 1 manual_overrides__training_compute_flop_is_a_number" in result.stdout
        assert "SKIP relation marts.models " in result.stdout
        # AND the CSV, the marts and the history file are exactly as they were
        assert rebuilt.overrides_csv.read_bytes() == bad
        for name, rows in before.items():
            assert rebuilt.query(f"select * from marts.{name} order by model_id") == rows
        assert history.history_path(rebuilt.settings).read_bytes() == history_bytes
    finally:
        rebuilt.overrides_csv.write_bytes(good)


def test_dbt_build_refuses_what_the_validator_refuses(rebuilt):
    # GIVEN three mistakes the validator names: an exclusion and a correction of gopher on
    # one day, a comma that may be a decimal comma, and 2.1e22 for a model estimated at
    # 1.5e25 (714x away) without a confirmation
    good = rebuilt.overrides_csv.read_bytes()
    same_day = (
        "exclude,gopher,,,,,,,,,https://arxiv.org/abs/2112.11446,not above 1e25: 6.31e23,"
        "Bob Reviewer,2025-10-01"
    )
    comma = (
        'correct,claude-3-opus,,,,,,"2,100E+25",,,https://www.anthropic.com/news/'
        "claude-3-family,reported,Bob Reviewer,2025-10-05"
    )
    far = (
        "correct,command-a,,,,,,2.1e22,,,https://cohere.com/research/papers/command-a,"
        "developer figure,Bob Reviewer,2025-10-05"
    )
    rebuilt.write_overrides(ADD, CORRECT, EXCLUDE, VERIFY, NEWER, same_day, comma, far)
    try:
        checked = subprocess.run(
            [sys.executable, "-m", "ingest.overrides", str(rebuilt.overrides_csv)],
            cwd=REPO_ROOT,
            env=rebuilt.env,
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 1
        assert "row 7, column change_kind: row 3 corrects gopher" in checked.stdout
        assert 'row 8, column training_compute_flop: "2,100E+25" is not a number' in checked.stdout
        assert (
            "row 9, column training_compute_flop: 2.1e22 is " in checked.stdout
            and "× below every automated estimate of command-a (heuristic 9.9e+24" in checked.stdout
        )
        # WHEN dbt build runs anyway THEN a test named after each rule fails
        result = rebuilt.dbt("build", "--select", "manual_overrides+")
        assert result.returncode == 1
        for test in (
            "assert_overrides_do_not_conflict",
            "manual_overrides__training_compute_flop_is_a_number",
            "assert_overrides_far_from_estimates_are_confirmed",
        ):
            assert f"FAIL 1 {test}" in result.stdout, test
        # WHEN the mistakes are fixed as the messages say (the confirmation column added to
        # the header and to the far row only)
        header = "\ufeff" + HEADER + ",confirm_far_from_estimates"
        rows = [ADD, CORRECT, EXCLUDE, VERIFY, NEWER, comma.replace('"2,100E+25"', "2.1e25")]
        text = "\r\n".join([header, *rows, far + ",yes"]) + "\r\n"
        rebuilt.overrides_csv.write_bytes(text.encode())
        report = overrides.validate_file(rebuilt.overrides_csv, rebuilt.settings.db_path)
        assert report.ok, overrides.report_lines(report)
        # THEN dbt's tests pass too (short rows load with the optional cell empty)
        result = rebuilt.dbt(
            "build",
            "--select",
            "manual_overrides",
            "assert_overrides_do_not_conflict",
            "assert_overrides_far_from_estimates_are_confirmed",
        )
        assert result.returncode == 0, result.stdout[-3000:]
    finally:
        # The warehouse's seed keeps the fixed file, with its confirmation column, until
        # the next refresh: that reloads the seed whole (`+full_refresh`), so row_deleted's
        # refresh also loads a file that has lost the optional column.
        rebuilt.overrides_csv.write_bytes(good)


@pytest.fixture(scope="module")
def row_deleted(rebuilt) -> Project:
    """Dan deletes his newer gopher row again; make run. Only the overrides changed since
    the last build, so the build is what reads them (the seed and everything downstream
    of it, the snapshot and the changes mart included): the same tables a whole build
    would give, in about half the time."""
    rebuilt.write_overrides(ADD, CORRECT, EXCLUDE, VERIFY)
    rebuilt.refresh(
        "--select", "manual_overrides+",
        "--exclude", "resource_type:test", "resource_type:unit_test",
    )  # fmt: skip
    return rebuilt


def test_a_deleted_row_is_recorded_as_removed_not_under_its_author(row_deleted):
    # GIVEN Dan's row set gopher to 6.4e23 and was recorded; then the row was deleted
    path = history.history_path(row_deleted.settings)
    recorded = [
        r for r in csv.DictReader(path.read_text().splitlines()) if r["model_id"] == "gopher"
    ]
    # THEN the newest gopher record is a manual change back to Ann's value, recorded under
    # the row still in effect (Ann's), listing Dan's row as removed with its source
    last = recorded[-1]
    assert (last["change_origin"], last["training_compute_flop"]) == ("manual", "6.31e+23")
    assert (last["override_changed_by"], last["override_reason"]) == (
        "Ann Contractor",
        "Compute from the paper's own figures",
    )
    removed = json.loads(last["override_rows_removed"])
    assert len(removed) == 1
    assert removed[0].startswith(
        "correct by Dan Newer on 2025-10-09: newer reading of Table A26 "
        "<https://arxiv.org/abs/2112.11446>"
    )
    assert json.loads(last["override_rows_added"]) == []
    # AND the source URLs of the rows in effect are kept in the history
    assert json.loads(last["override_source_urls"]) == ["https://arxiv.org/abs/2112.11446"]
    # AND the record before it, when Dan's row came in, says it was added
    assert json.loads(recorded[-2]["override_rows_added"])[0].startswith("correct by Dan Newer")
    # AND the history mart reads the lists back
    assert row_deleted.query(
        "select override_changed_by, len(override_rows_removed) from marts.model_change_history"
        " where model_id = 'gopher' order by refreshed_at desc limit 1"
    ) == [("Ann Contractor", 1)]
