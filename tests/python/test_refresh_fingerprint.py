"""`make run` with nothing new skips dbt: the fingerprint of what a build depends on
(ingest.fingerprint) is kept in raw.build_fingerprints, and a refresh whose fingerprint
matches the last successful build says so, rewrites the summary and the page's time, and
leaves marts.changes_in_last_refresh as it was (ingest.skip).

One real refresh of the samples builds a warehouse for the module (and is `make run` end
to end: its summary, the published list, dbt docs' lineage); each test works on a copy of
it, with dbt replaced: a test that expects a build sees the refresh reach dbt, one that
expects none fails if dbt is called.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from temp_paths import seed_partial_parse, temp_paths_env

from ingest import captures, fingerprint, refresh
from ingest.config import REPO_ROOT, SAMPLE_DIR, Settings
from ingest.dbt_runner import BUILD_ARGS, EVERY_DATA_TEST_BUILD_ARGS, dbt_invocation

pytestmark = pytest.mark.slow

OLD_TIME = "2000-01-01 00:00"
CHANGES = "select * from marts.changes_in_last_refresh order by model_id"
MODELS = "select * from marts.models order by model_id"
PUBLISHED = "select * from marts.models_above_1e25_flop order by model_id"


class BuildStarted(Exception):
    """Raised by the stand-in for dbt: the refresh reached `dbt build`."""


@dataclass(frozen=True)
class Built:
    root: Path  # where the refresh ran (its paths are inputs: the views name them)
    pristine: Path  # a copy of it as the refresh left it
    run: subprocess.CompletedProcess  # the refresh itself: its exit status and output


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """GIVEN one full offline refresh of the samples (ingest, dbt build, outputs, publish)."""
    folder = tmp_path_factory.mktemp("fingerprint-built")
    root = folder / "run"
    env = {**os.environ, **temp_paths_env(root)}
    env.pop("TRACKER_PUBLISHED_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "ingest.refresh", "--offline"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "dbt build: runs (no build recorded in this warehouse)." in proc.stdout
    pristine = folder / "pristine"
    shutil.copytree(root, pristine, ignore=shutil.ignore_patterns("target", "logs", "*.lock"))
    return Built(root, pristine, proc)


@pytest.fixture
def copy(built, monkeypatch) -> Path:
    """The built folder as the refresh left it (warehouse, published copy, data, exports,
    reports), at the same paths: TRACKER_DB and TRACKER_DATA_DIR are inputs of the build
    (the history views name the folder), so a copy elsewhere would need a build."""
    shutil.rmtree(built.root)
    shutil.copytree(built.pristine, built.root)
    for key, value in temp_paths_env(built.root).items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("TRACKER_PUBLISHED_DB", raising=False)
    return built.root


@pytest.fixture
def no_dbt(monkeypatch) -> list[list[str]]:
    """dbt replaced by a recorder that fails the test's refresh if it is called."""
    calls: list[list[str]] = []

    def forbidden(args, _settings):
        calls.append(args)
        raise AssertionError(f"dbt ran: {args}")

    monkeypatch.setattr(refresh, "dbt", forbidden)
    return calls


@pytest.fixture
def dbt_stops(monkeypatch) -> list[list[str]]:
    """dbt replaced by a recorder that stops the refresh where the build would start."""
    calls: list[list[str]] = []

    def stop(args, _settings):
        calls.append(args)
        raise BuildStarted

    monkeypatch.setattr(refresh, "dbt", stop)
    return calls


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def stamped_at(text: str, pattern: str) -> datetime:
    found = re.search(pattern, text)
    assert found, f"no {pattern!r} in the text"
    return datetime.strptime(found[1], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def copy_project(target: Path) -> Path:
    """The files dbt builds from, copied, so a test can change one without touching the repo."""
    for relative in fingerprint.project_files(REPO_ROOT):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / relative, target / relative)
    return target


# -- what is an input ---------------------------------------------------------------------
def test_the_refresh_populates_the_published_list_and_prints_the_summary(built):
    out = built.run.stdout
    assert "Refresh summary" in out
    assert "lmarena" in out and "SAMPLE" in out
    assert "in the published list" in out
    published = {
        row[0]
        for row in rows(built.pristine / "warehouse.duckdb", PUBLISHED.replace("*", "model_id"))
    }
    assert len(published) >= 3
    assert "llama-3-1-405b" in published
    # No Python warning reaches the person running it (agate's about the overrides seed's
    # optional column is filtered: ingest/dbt_runner.py)
    assert "Warning" not in built.run.stderr, built.run.stderr[-2000:]


def test_a_second_refresh_in_its_own_process_leaves_the_models_as_they_were(copy):
    # GIVEN the refreshed folder WHEN `python -m ingest.refresh --offline` runs again
    db = copy / "warehouse.duckdb"
    before = (rows(db, MODELS), rows(db, PUBLISHED))
    proc = subprocess.run(
        [sys.executable, "-m", "ingest.refresh", "--offline"],
        cwd=REPO_ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    # THEN nothing was new, so nothing was built, and the models and the list are the same
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "nothing rebuilt" in proc.stdout and "$ dbt build" not in proc.stdout
    assert (rows(db, MODELS), rows(db, PUBLISHED)) == before


def test_dbt_docs_show_lineage_from_raw_to_the_published_list(built, copy):
    # From the saved parse every test starts from (temp_paths.seed_partial_parse): same
    # project, warehouse file name and variables, so dbt parses only what differs.
    target = built.root.parent / "docs-target"
    shutil.rmtree(target, ignore_errors=True)
    seed_partial_parse(target)
    cmd, env, cwd = dbt_invocation(
        ["docs", "generate", "--target-path", str(target)],
        db_path=Path(os.environ.get("TRACKER_DB", REPO_ROOT / "warehouse.duckdb")),
        data_dir=Path(os.environ.get("TRACKER_DATA_DIR", REPO_ROOT / "data")),
    )
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:]
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    published = "model.frontier_compute_tracker.models_above_1e25_flop"
    assert published in catalog["nodes"]
    # walk the parent map from the published list down to the raw LMArena table
    parents, seen, todo = manifest["parent_map"], set(), [published]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(parents.get(node, []))
    assert "source.frontier_compute_tracker.lmarena.lmarena__ratings" in seen


def test_only_the_files_dbt_builds_from_are_inputs(tmp_path):
    # GIVEN the project's files, and a spreadsheet's lock file beside the overrides CSV
    project = copy_project(tmp_path / "project")
    before = fingerprint.project_files(project)
    (project / "seeds" / ".~lock.manual_overrides.csv#").write_text("Ann,host,1234;")
    # THEN the lock file is no input, nor the pytest suite or the analyses
    assert fingerprint.project_files(project) == before
    tops = {path.parts[0] for path in before}
    assert tops == {"dbt_project.yml", "profiles.yml", "dbt_project", "seeds", "macros",
                    "docs", "tests"}  # fmt: skip
    assert not [path for path in before if path.parts[:2] == ("tests", "python")]
    assert Path("seeds/manual_overrides.csv") in before
    assert Path("tests/generic/test_is_between.sql") in before


# -- nothing new: no build ---------------------------------------------------------------
def test_a_refresh_with_nothing_new_skips_dbt_and_still_checks(copy, no_dbt, capsys):
    # GIVEN the reports of the last build, dated long ago, and its changes
    reports = copy / "reports"
    latest = reports / "latest.md"
    latest.write_text(re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", OLD_TIME, latest.read_text()))
    page = reports / "index.html"
    page.write_text(
        re.sub(r"Page written [^.]*\.", f"Page written {OLD_TIME} UTC.", page.read_text())
    )
    exports = {p.name: p.read_bytes() for p in (copy / "exports").iterdir() if p.is_file()}
    db = copy / "warehouse.duckdb"
    changes_before = rows(db, CHANGES)
    assert changes_before, "the first build recorded no change"
    # WHEN make run runs again with nothing new
    started = datetime.now(UTC).replace(second=0, microsecond=0)
    status = refresh.main(["--offline"])
    # THEN dbt never ran, and the refresh said why
    out = capsys.readouterr().out
    assert status == 0
    assert no_dbt == []
    assert re.search(r"no new data since \d{4}-\d\d-\d\d \d\d:\d\d UTC; nothing rebuilt", out)
    assert "dbt build: skipped" in out
    # AND the changes of the last build are still there, untouched
    assert rows(db, CHANGES) == changes_before
    # AND the summary and the page carry the time of this check, with the freshness lines
    text = latest.read_text()
    assert stamped_at(text, r"# Refresh summary, (\S+ \S+) UTC") >= started
    assert stamped_at(text, r"Checked at (\S+ \S+) UTC") >= started
    assert "nothing rebuilt" in text
    assert "## Source freshness" in text and "SAMPLE data only" in text
    assert stamped_at(page.read_text(), r"Page written (\S+ \S+) UTC") >= started
    assert "Freshness:" in out
    # AND the exports are those of the last build, byte for byte
    assert {p.name: p.read_bytes() for p in (copy / "exports").iterdir() if p.is_file()} == (
        exports
    )


def test_the_fingerprint_is_stable_across_refreshes_with_nothing_new(copy, no_dbt, capsys):
    settings = Settings.from_env()
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        last = fingerprint.last_build(con)
        first = fingerprint.compute(settings, BUILD_ARGS, con)
    finally:
        con.close()
    # GIVEN the last build recorded as succeeded, with the fingerprint of now
    assert last is not None and last.succeeded
    assert first.digest == last.digest, first.changed_since(last.fingerprint)
    # WHEN two refreshes run with nothing new
    assert refresh.main(["--offline"]) == 0
    assert refresh.main(["--offline"]) == 0
    # THEN neither built, and the fingerprint is the same
    assert no_dbt == []
    assert capsys.readouterr().out.count("nothing rebuilt.") == 2
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        assert fingerprint.compute(settings, BUILD_ARGS, con).digest == first.digest
        assert con.execute(f"select count(*) from {fingerprint.TABLE}").fetchone() == (1,)
    finally:
        con.close()


def test_a_missing_published_copy_is_published_again_without_a_build(copy, no_dbt, capsys):
    # GIVEN the analysts' published copy was deleted
    published = copy / "warehouse.published.duckdb"
    published.chmod(0o644)
    published.unlink()
    # WHEN make run runs with nothing new
    assert refresh.main(["--offline"]) == 0
    # THEN it is back, without a build
    assert no_dbt == []
    assert published.exists()
    assert "published again" in capsys.readouterr().out


def test_the_no_op_refresh_does_not_import_the_chart_library(copy):
    # GIVEN nothing new WHEN a refresh runs in its own process
    script = (
        "import sys\n"
        "from ingest import refresh\n"
        "status = refresh.main(['--offline'])\n"
        "print('STATUS', status, 'matplotlib' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    # THEN it skipped the build without loading matplotlib (about a second to import)
    assert "nothing rebuilt" in proc.stdout, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "STATUS 0 False" in proc.stdout


# -- something new: a build ------------------------------------------------------------------
def _change_seed_row(project: Path, _root: Path, _monkeypatch) -> None:
    path = project / "seeds" / "hardware_specs.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[1] = lines[1].replace("1.25e14", "1.3e14", 1)
    path.write_text("".join(lines))


def _change_model_sql(project: Path, _root: Path, _monkeypatch) -> None:
    path = project / "dbt_project" / "models" / "marts" / "models.sql"
    path.write_text(path.read_text() + "\n{# a comment is a change too #}\n")


def _change_overrides(project: Path, _root: Path, _monkeypatch) -> None:
    path = project / "seeds" / "manual_overrides.csv"
    path.write_text(
        path.read_text() + "verify,gpt-4,,,,,,,,,https://example.org/gpt-4,checked,Ann,2025-10-01\n"
    )


def _load_new_capture(_project: Path, root: Path, _monkeypatch) -> None:
    sample = next((SAMPLE_DIR / "openrouter").glob("*.json"))
    listing = json.loads(sample.read_text())
    listing["data"] = listing["data"][:-1]
    listing["total_count"] = len(listing["data"])
    captures.archive(
        root / "data" / "raw" / "openrouter",
        "openrouter",
        json.dumps(listing).encode(),
        ext="json",
        url="https://example.invalid/openrouter",
    )


def _change_history(_project: Path, root: Path, _monkeypatch) -> None:
    path = root / "data" / "history" / "model_changes.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-1]))


def _change_env(_project: Path, root: Path, monkeypatch) -> None:
    # The same folder with a trailing slash: the value of a variable the project reads
    # changes, and nothing else (the captures and history files are the same files).
    monkeypatch.setenv("TRACKER_DATA_DIR", f"{root / 'data'}/")


def _change_dbt_version(_project: Path, _root: Path, monkeypatch) -> None:
    real = fingerprint.metadata.version
    monkeypatch.setattr(
        fingerprint.metadata,
        "version",
        lambda name: "1.99.0" if name == "dbt-core" else real(name),
    )


@pytest.mark.parametrize(
    "change, changed_input",
    [
        (_change_seed_row, "seeds/hardware_specs.csv"),
        (_change_model_sql, "dbt_project/models/marts/models.sql"),
        (_change_overrides, "seeds/manual_overrides.csv"),
        (_load_new_capture, "captures"),
        (_change_history, "history:model_changes.csv"),
        (_change_env, "env:TRACKER_DATA_DIR"),
        (_change_dbt_version, "version:dbt-core"),
    ],
    ids=["seed row", "model sql", "overrides", "new capture", "history", "env", "dbt version"],
)
def test_each_input_that_changes_triggers_a_build(
    copy, tmp_path, monkeypatch, dbt_stops, capsys, change, changed_input
):
    # GIVEN the project's files as the last build saw them, then one input changed
    project = copy_project(tmp_path / "project")
    monkeypatch.setattr(fingerprint, "PROJECT_ROOT", project)
    change(project, copy, monkeypatch)
    # WHEN make run runs
    with pytest.raises(BuildStarted):
        refresh.main(["--offline"])
    # THEN it builds, naming what changed
    assert len(dbt_stops) == 1 and dbt_stops[0][0] == "build"
    out = capsys.readouterr().out
    assert f"dbt build: runs ({changed_input}" in out or f", {changed_input}" in out, out


def test_the_copied_project_alone_changes_nothing(copy, tmp_path, monkeypatch, no_dbt):
    # The control for the test above: the copy itself is no change.
    monkeypatch.setattr(fingerprint, "PROJECT_ROOT", copy_project(tmp_path / "project"))
    assert refresh.main(["--offline"]) == 0
    assert no_dbt == []


@pytest.mark.parametrize("flag", ["--force-build", "--rebuild"])
def test_force_build_and_rebuild_always_build(copy, dbt_stops, capsys, flag):
    # GIVEN nothing new WHEN make run runs with the flag
    with pytest.raises(BuildStarted):
        refresh.main(["--offline", flag])
    # THEN it builds, and says why
    assert len(dbt_stops) == 1
    assert f"dbt build: runs ({flag})." in capsys.readouterr().out


def test_every_data_test_builds_with_every_data_test_even_with_nothing_new(copy, dbt_stops, capsys):
    # GIVEN nothing new since the last refresh's build WHEN make run asks for every data test
    with pytest.raises(BuildStarted):
        refresh.main(["--offline", "--every-data-test"])
    # THEN it builds (its build differs from the last one), with the intermediate tests too
    assert dbt_stops == [EVERY_DATA_TEST_BUILD_ARGS]
    assert "dbt build: runs (dbt args changed" in capsys.readouterr().out


def test_a_failed_build_is_never_skipped_after(copy, monkeypatch, dbt_stops, capsys):
    # GIVEN a refresh whose build failed
    monkeypatch.setattr(refresh, "dbt", lambda args, _settings: 1)
    assert refresh.main(["--offline", "--force-build"]) == 1
    monkeypatch.setattr(refresh, "dbt", lambda args, _settings: dbt_stops.append(args) or 1)
    # WHEN make run runs again with nothing new
    assert refresh.main(["--offline"]) == 1
    # THEN it builds: a failed build never counts as a match
    assert len(dbt_stops) == 1
    assert "dbt build: runs (the last build did not succeed)." in capsys.readouterr().out


class Killed(BaseException):
    """The refresh's process killed during the build."""


def test_an_interrupted_build_is_never_skipped_after(copy, monkeypatch, dbt_stops, capsys):
    # GIVEN a refresh killed during its build
    def killed(args, _settings):
        raise Killed

    monkeypatch.setattr(refresh, "dbt", killed)
    with pytest.raises(Killed):
        refresh.main(["--offline", "--force-build"])
    monkeypatch.setattr(refresh, "dbt", lambda args, _settings: dbt_stops.append(args) or 1)
    # WHEN make run runs again with nothing new
    refresh.main(["--offline"])
    # THEN it builds
    assert len(dbt_stops) == 1
    assert "dbt build: runs (the last build did not succeed)." in capsys.readouterr().out


def test_a_new_build_that_succeeds_is_the_one_matched_next(copy, monkeypatch, no_dbt, capsys):
    # GIVEN a forced build that succeeds (dbt replaced by success: the warehouse is unchanged)
    monkeypatch.setattr(refresh, "dbt", lambda args, _settings: 0)
    assert refresh.main(["--offline", "--force-build"]) == 0
    # WHEN make run runs again with nothing new
    monkeypatch.setattr(refresh, "dbt", lambda args, _settings: no_dbt.append(args) or 1)
    assert refresh.main(["--offline"]) == 0
    # THEN it skips, since the time of that build
    assert no_dbt == []
    out = capsys.readouterr().out
    since = stamped_at(out, r"no new data since (\S+ \S+) UTC; nothing rebuilt")
    assert since >= datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=2)


# -- what a refresh's build runs ---------------------------------------------------------------
# Lists the data tests each selection (a JSON list of dbt argument lists, argv[1]) picks,
# in one process through dbt's own Python entry point: one import of dbt, not three.
_LIST_TESTS = """
import json, sys
from dbt.cli.main import dbtRunner
runner = dbtRunner()
for extra in json.loads(sys.argv[1]):
    result = runner.invoke([
        "ls", "--resource-type", "test", "--output", "json",
        "--output-keys", "unique_id original_file_path", "--quiet", *extra, *sys.argv[2:],
    ])
    assert result.success, result.exception
    print(json.dumps([json.loads(line) for line in result.result]))
"""


def _tests_selected(selections: list[list[str]], env: dict[str, str]) -> list[set[str]]:
    """For each selection (dbt's arguments), the data tests `dbt ls` says it selects, as
    "<file> <unique id>"; asked as the tracker runs dbt (ingest.dbt_runner)."""
    cmd, full_env, cwd = dbt_invocation(
        [], db_path=Path(env["TRACKER_DB"]), data_dir=Path(env["TRACKER_DATA_DIR"]), env=env
    )
    proc = subprocess.run(
        [sys.executable, "-c", _LIST_TESTS, json.dumps(selections), *cmd[1:]],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    lists = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("[")]
    assert len(lists) == len(selections), proc.stdout[-3000:]
    return [{f"{n['original_file_path']} {n['unique_id']}" for n in found} for found in lists]


def test_the_refresh_build_runs_the_data_tests_that_guard_inputs_and_outputs(tmp_path):
    env = {**os.environ, **temp_paths_env(tmp_path)}
    every, in_refresh, with_flag = _tests_selected(
        [[], BUILD_ARGS[1:], EVERY_DATA_TEST_BUILD_ARGS[1:]], env
    )
    left_out = every - in_refresh
    # THEN a refresh runs the data tests of the staging models (what the sources say), the
    # seeds, the marts, the snapshot and every singular test: their warnings reach the
    # review queue (ingest/data_test_findings.py)
    for folder in ("dbt_project/models/staging/", "dbt_project/models/marts/", "seeds/",
                   "dbt_project/snapshots/", "tests/assert_"):  # fmt: skip
        assert any(test.startswith(folder) for test in in_refresh), folder
        assert not any(test.startswith(folder) for test in left_out), folder
    # AND leaves out only the intermediate models' generic tests (the SQL's own
    # invariants), which `make test` runs, as a refresh with --every-data-test does
    assert left_out
    assert all(test.startswith("dbt_project/models/intermediate/") for test in left_out)
    assert all(not test.split()[0].endswith(".sql") for test in left_out)
    assert with_flag == every
    assert "unit_test" in BUILD_ARGS
