"""Faults, fast: every source failing every way in one refresh; a crash mid-ingest; two
refreshes at once. (The faults that need a dbt build are in test_faults_refresh.py.)

Each source's failure bodies are made from its own committed sample, so they follow the
source's exact format: a truncated copy, an empty list in the same envelope, a renamed
column.
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import requests
import responses

from ingest import captures, cli, http
from ingest.config import REPO_ROOT, SAMPLE_DIR, Settings
from ingest.locks import RefreshLocked, refresh_lock
from ingest.sources import SOURCES

# Which source a request URL belongs to (the most specific prefix first).
URL_OWNERS = [
    ("https://huggingface.co/datasets/lmarena-ai/", "lmarena"),
    ("https://openrouter.ai/", "openrouter"),
    ("https://huggingface.co/", "huggingface"),
    ("https://en.wikipedia.org/", "wikipedia"),
    ("https://epoch.ai/", "epoch"),
]
MODES = ["timeout", "http_503", "http_404", "html_page", "truncated", "empty_list", "renamed"]
HTML_PAGE = b"<!DOCTYPE html><html><head><title>Error</title></head><body>Bad gateway</body></html>"
Response = tuple[int, dict[str, str], bytes]


def sample_bytes(source: str) -> bytes:
    found = sorted(
        p for p in (SAMPLE_DIR / source).iterdir() if captures.CAPTURE_NAME.match(p.name)
    )
    return found[-1].read_bytes()


def _parquet(sql: str, tmp: Path) -> bytes:
    out = tmp / "bad.parquet"
    con = duckdb.connect()
    try:
        con.execute(f"copy ({sql}) to '{out}' (format parquet)")
    finally:
        con.close()
    return out.read_bytes()


def _hf_info() -> dict:
    bundle = json.loads(sample_bytes("huggingface"))
    return next(
        entry["body"]
        for url, entry in sorted(bundle.items())
        if "/api/models/" in url and isinstance(entry.get("body"), dict)
    )


def bad_body(source: str, mode: str, tmp: Path) -> bytes:
    """A body in the source's own format, broken the way ``mode`` says."""
    sample = sample_bytes(source)
    if source == "huggingface":  # one response per URL: a model info, not the bundle
        sample = json.dumps(_hf_info()).encode()
    if mode == "truncated":
        return sample[: len(sample) // 2]
    if source == "lmarena":
        path = next(p for p in (SAMPLE_DIR / "lmarena").iterdir() if p.suffix == ".parquet")
        if mode == "empty_list":
            return _parquet(f"select * from read_parquet('{path}') limit 0", tmp)
        return _parquet(
            f"select * exclude (model_name), model_name as model from read_parquet('{path}')", tmp
        )
    if source == "openrouter":
        body = json.loads(sample)
        if mode == "empty_list":
            return json.dumps({"data": [], "total_count": 0, "links": {"next": None}}).encode()
        body["data"] = [
            {("model_id" if key == "id" else key): value for key, value in entry.items()}
            for entry in body["data"]
        ]
        return json.dumps(body).encode()
    if source == "huggingface":
        if mode == "empty_list":
            return b"[]"
        return json.dumps({f"{key}_v2": value for key, value in _hf_info().items()}).encode()
    if source == "wikipedia":
        body = json.loads(sample)
        if mode == "empty_list":
            body["parse"]["text"] = '<div class="mw-parser-output"><p>No list.</p></div>'
        else:
            body["parse"]["text"] = re.sub(r"<th>Name\b", "<th>Title", body["parse"]["text"])
        return json.dumps(body).encode()
    if source == "epoch":
        header, _, rest = sample.partition(b"\n")
        if mode == "empty_list":
            return header + b"\n"
        return header.replace(b"Model,", b"System,", 1) + b"\n" + rest
    raise AssertionError(f"no bad body for {source}")


def failing(modes: dict[str, str], tmp: Path) -> Callable[[requests.PreparedRequest], Response]:
    """A responses callback: each source's URLs fail the way ``modes`` says."""

    def respond(request: requests.PreparedRequest) -> Response:
        source = next((name for prefix, name in URL_OWNERS if request.url.startswith(prefix)), "")
        mode = modes.get(source, "http_503")
        if mode == "timeout":
            raise requests.exceptions.ReadTimeout(f"read timed out: {request.url}")
        if mode == "http_503":
            return 503, {}, b"Service Unavailable"
        if mode == "http_404":
            return 404, {}, b"Not Found"
        if request.method == "HEAD":
            return 200, {}, b""
        if mode == "html_page":
            return 200, {"Content-Type": "text/html"}, HTML_PAGE
        return 200, {}, bad_body(source, mode, tmp)

    return respond


@pytest.fixture
def no_backoff(monkeypatch):
    """Retries stay (3 per 5xx), their sleeps go: the test is about outcomes, not waiting."""
    monkeypatch.setattr(
        http, "make_session", functools.partial(http.make_session, backoff_factor=0)
    )


@pytest.fixture
def earlier_captures(settings):
    """GIVEN each source already has a good capture (its sample, taken as a real capture)."""
    args = []
    for name in SOURCES:
        path = next(p for p in (SAMPLE_DIR / name).iterdir() if captures.CAPTURE_NAME.match(p.name))
        args += ["--from-file", f"{name}={path}"]
    status, outcomes = cli.run(args, settings)
    assert status == 0, [o.line() for o in outcomes]
    return {o.source: o.capture for o in outcomes}


def raw_counts(settings) -> dict[str, int]:
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        tables = con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' "
            "and contains(table_name, '__') order by 1"
        ).fetchall()
        return {t: con.execute(f'select count(*) from raw."{t}"').fetchone()[0] for (t,) in tables}
    finally:
        con.close()


def log_of_last_run(settings) -> list[tuple]:
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        return con.execute(
            "select source, status, error, capture_path from raw.load_log where run_id = "
            "(select run_id from raw.load_log order by finished_at desc limit 1) order by source"
        ).fetchall()
    finally:
        con.close()


def source_rows(settings, source: str) -> dict[str, int]:
    return {t: n for t, n in raw_counts(settings).items() if t.startswith(source + "__")}


@pytest.mark.parametrize("shift", range(len(MODES)), ids=[f"rotation{i}" for i in range(7)])
@responses.activate
def test_every_source_failing_a_different_way_in_one_refresh_falls_back(
    settings, earlier_captures, no_backoff, tmp_path, capsys, shift
):
    # GIVEN every source fails, each in a different way (over the rotations, each source
    # meets every way: timeout, 503, 404, an HTML page, truncated body, empty list, renamed)
    names = list(SOURCES)
    modes = {name: MODES[(i + shift) % len(MODES)] for i, name in enumerate(names)}
    pattern = re.compile(r"https?://.*")
    for method in (responses.GET, responses.HEAD):
        responses.add_callback(method, pattern, callback=failing(modes, tmp_path))
    before = {name: source_rows(settings, name) for name in names}
    capsys.readouterr()
    # WHEN one refresh runs (live)
    status = cli.main([])
    out, err = capsys.readouterr()
    # THEN one line per source; each fell back to its earlier capture, with the reason in
    # raw.load_log; its last good data is still there; no bad capture was archived
    log = {row[0]: row for row in log_of_last_run(settings)}
    assert sorted(log) == sorted(names)
    problems: dict[tuple[str, str], str] = {}
    for name in names:
        (line,) = [line for line in out.splitlines() if line.strip().startswith(name + " ")]
        _, status_, error, capture_path = log[name]
        kept = captures.list_captures(settings.raw_dir / name, name)
        if not (
            "fell back to capture of" in line
            and status_ == "fallback"
            and error
            and capture_path.endswith(earlier_captures[name].path.name)
            and source_rows(settings, name) == before[name]
            and [c.path for c in kept] == [earlier_captures[name].path]
        ):
            problems[(name, modes[name])] = line.strip()
    # AND exit 0 (a fallback is not a failure), no error line
    assert status == 0, (modes, out, err)
    assert "error:" not in err
    assert problems == {}


@pytest.mark.parametrize("mode", ["timeout", "http_503", "html_page", "renamed"])
@responses.activate
def test_every_source_failing_with_nothing_to_fall_back_on_fails_with_exit_1(
    settings, no_backoff, tmp_path, monkeypatch, capsys, mode
):
    # GIVEN no capture and no sample for any source, and every source failing
    monkeypatch.setattr(cli, "SAMPLE_DIR", tmp_path / "no-samples")
    pattern = re.compile(r"https?://.*")
    modes = dict.fromkeys(SOURCES, mode)
    for method in (responses.GET, responses.HEAD):
        responses.add_callback(method, pattern, callback=failing(modes, tmp_path))
    # WHEN one refresh runs
    status = cli.main([])
    out, err = capsys.readouterr()
    # THEN exit 1, one error line per source, a failed row per source in raw.load_log
    assert status == 1
    error_lines = [line for line in err.splitlines() if line.startswith("error: ")]
    failed_lines = {line.split(":")[1].strip() for line in error_lines}
    log = {row[0]: row for row in log_of_last_run(settings)}
    assert sorted(log) == sorted(SOURCES)
    problems = {
        (name, mode): f"{log[name][1]}: {log[name][2]}"
        for name in SOURCES
        if not (name in failed_lines and log[name][1] == "failed" and log[name][2])
    }
    assert len(error_lines) == len(failed_lines)  # one line per failed source
    assert problems == {}


# -- a crash mid-ingest ------------------------------------------------------------------


def _ingest(settings, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    # Its own temporary folder, inside the test's: what a process killed by a test leaves
    # there (a parse's temporary file) goes with the test's folder, not into /tmp.
    scratch = settings.data_dir.parent / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "TRACKER_DB": str(settings.db_path),
        "TRACKER_DATA_DIR": str(settings.data_dir),
        "TMPDIR": str(scratch),
        **(extra_env or {}),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_consistent(settings) -> dict[str, int]:
    """No half-written capture, no half-loaded table. Returns loaded rows per source."""
    for folder in sorted(settings.raw_dir.glob("*")):
        for path in folder.iterdir():
            if path.is_dir() or path.name.endswith(".meta.json"):
                continue
            if path.name.startswith(".tmp-") and path.name.endswith(".part"):
                continue  # an interrupted write: never listed, never loaded
            capture = captures.capture_from_path(folder.name, path)
            assert capture is not None, f"stray file {path}"
            # The name carries the hash of the content: a capture is whole or absent.
            assert captures.sha256_of(path.read_bytes())[:8] == path.stem.split("_")[-1]
    if not settings.db_path.exists():
        return {}
    # The warehouse is read by a child process, which exits without closing it: DuckDB
    # 1.5.6 has crashed (SIGSEGV) closing a read-only connection to a warehouse whose
    # writer was killed, taking the test worker with it. Nothing is written either way.
    checked = subprocess.run(
        [sys.executable, "-c", _CONSISTENCY_CHECK, str(settings.db_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    result = checked.stdout.strip().splitlines()[-1] if checked.stdout.strip() else ""
    assert result.startswith("{"), f"the check did not finish: {checked.stderr[-2000:]}"
    found = json.loads(result)
    assert not found["problems"], found["problems"]
    return found["per_source"]


_CONSISTENCY_CHECK = """
import json, os, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
problems, per_source = [], {}
has_bookkeeping = con.execute(
    "select count(*) from information_schema.tables "
    "where table_schema = 'raw' and table_name = 'loaded_captures'"
).fetchone()[0]
if has_bookkeeping:  # else killed before the first transaction committed
    loaded = con.execute(
        "select source, capture_sha256, rows_loaded from raw.loaded_captures"
    ).fetchall()
    for source, sha, rows in loaded:
        tables = [t for (t,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'raw' and starts_with(table_name, ?)", [f"{source}__"],
        ).fetchall()]
        found = sum(con.execute(
            f'select count(*) from raw."{t}" where _capture_sha256 = ?', [sha]
        ).fetchone()[0] for t in tables)
        if found != rows:
            problems.append(f"{source} capture {sha[:8]}: {found} rows, log says {rows}")
        per_source[source] = per_source.get(source, 0) + rows
    # And no raw row belongs to a capture the bookkeeping does not know.
    for (table,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'raw' "
        "and contains(table_name, '__')"
    ).fetchall():
        orphans = con.execute(
            f'select count(*) from raw."{table}" where _capture_sha256 not in '
            "(select capture_sha256 from raw.loaded_captures)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"raw.{table} has {orphans} rows of an unfinished load")
print(json.dumps({"problems": problems, "per_source": per_source}), flush=True)
os._exit(0)  # without closing the connection (see assert_consistent)
"""


@pytest.fixture
def big_lmarena(tmp_path) -> tuple[Path, int]:
    """A 100k-row LMArena capture (the sample's rows, renamed): a load takes a while."""
    sample = next(p for p in (SAMPLE_DIR / "lmarena").iterdir() if p.suffix == ".parquet")
    con = duckdb.connect()
    try:
        per_copy = con.execute(f"select count(*) from read_parquet('{sample}')").fetchone()[0]
        copies = -(-100_000 // per_copy)
        path = tmp_path / "full.parquet"
        con.execute(
            f"copy (select * replace (model_name || '-copy' || copy as model_name) "
            f"from read_parquet('{sample}') cross join (select range as copy from range({copies}))"
            f") to '{path}' (format parquet)"
        )
    finally:
        con.close()
    return path, per_copy * copies


def test_a_kill_inside_the_load_transaction_leaves_nothing_half_loaded(settings, tmp_path):
    path = next(p for p in (SAMPLE_DIR / "lmarena").iterdir() if p.suffix == ".parquet")
    duck = duckdb.connect()
    rows = duck.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
    duck.close()
    # GIVEN an ingest that is inside its load transaction (a test hook holds it there)
    proc = _ingest(
        settings, "--from-file", f"lmarena={path}", extra_env={"TRACKER_TEST_PAUSE_IN_LOAD": "60"}
    )
    for line in proc.stderr:
        if "pausing inside the load transaction" in line:
            break
    else:
        raise AssertionError(f"the ingest never reached the load (exit {proc.wait()})")
    # WHEN the process is killed
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    # THEN the capture is whole and the warehouse holds none of its rows
    (capture,) = captures.list_captures(settings.raw_dir / "lmarena", "lmarena")
    assert capture.read() == path.read_bytes()
    assert assert_consistent(settings) == {}
    # AND what a killed load leaves beside the warehouse (its rows as JSON lines, a
    # gigabyte for a million-model listing) is there, not in the system's temporary folder
    scratch = settings.db_path.with_name(settings.db_path.name + ".load-tmp")
    assert scratch.is_dir()
    (scratch / "rows-killed").mkdir(exist_ok=True)
    (scratch / "rows-killed" / "rows.ndjson").write_text('{"model_name": "half a ro')
    # AND the next run loads the archived capture in full, once, and clears what was left
    rerun = _ingest(settings, "--offline", "--source", "lmarena")
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read()
    assert assert_consistent(settings) == {"lmarena": rows}
    assert not scratch.exists()


@pytest.mark.slow
def test_kills_at_random_moments_never_leave_a_half_written_capture_or_table(
    settings, big_lmarena, tmp_path
):
    path, rows = big_lmarena
    openrouter = next((SAMPLE_DIR / "openrouter").glob("*.json"))
    args = ["--from-file", f"lmarena={path}", "--from-file", f"openrouter={openrouter}"]
    # GIVEN how long a whole ingest of two sources takes
    started = time.monotonic()
    assert _ingest(settings, *args).wait(timeout=120) == 0
    whole = time.monotonic() - started
    expected = assert_consistent(settings)
    chance = random.Random(7)
    for attempt in range(4):
        # WHEN a fresh ingest is killed at a random moment of its run (archive, parse, load)
        fresh = Settings(tmp_path / f"w{attempt}" / "warehouse.duckdb", tmp_path / f"d{attempt}")
        proc = _ingest(fresh, *args)
        time.sleep(chance.uniform(0.05, 1.0) * whole)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        # THEN every capture is whole and every load all-or-nothing
        assert_consistent(fresh)
        # AND a run without a kill completes what was interrupted, loading each capture once
        assert _ingest(fresh, *args).wait(timeout=120) == 0
        assert (
            assert_consistent(fresh)
            == expected
            == {"lmarena": rows, "openrouter": expected["openrouter"]}
        )


def test_leftover_part_files_are_ignored_and_old_ones_cleaned(settings):
    folder = settings.raw_dir / "lmarena"
    folder.mkdir(parents=True)
    # GIVEN the .part files of two interrupted writes, one from hours ago, one just now
    old = folder / ".tmp-abc.part"
    old.write_bytes(b"PAR1 half a file")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    young = folder / ".tmp-def.part"
    young.write_bytes(b"PAR1 being written")
    # THEN they are never taken for captures
    assert captures.list_captures(folder, "lmarena") == []
    # WHEN the next capture is archived THEN the old one is cleaned, the young one left
    sample = sample_bytes("lmarena")
    captures.archive(folder, "lmarena", sample, ext="parquet", url=None)
    assert not old.exists() and young.exists()


# -- two refreshes at once ---------------------------------------------------------------


def test_a_second_refresh_exits_at_once_with_a_clear_message(settings):
    # GIVEN a refresh holding the lock
    with refresh_lock(settings.db_path):
        # WHEN a second one starts
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "ingest.refresh", "--offline"],
            cwd=REPO_ROOT,
            env={**os.environ},
            capture_output=True,
            text=True,
            timeout=60,
        )
    # THEN it exits 75 at once, saying why and what to do, and touched nothing
    assert proc.returncode == 75, proc.stderr
    assert "another refresh is running" in proc.stderr and "--wait" in proc.stderr
    assert f"pid {os.getpid()}" in proc.stderr
    assert time.monotonic() - started < 15
    assert not settings.db_path.exists()
    assert "dbt build" not in proc.stdout


def test_with_wait_the_second_refresh_runs_when_the_first_ends(settings):
    # GIVEN another process holding the lock for about a second
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from ingest.locks import refresh_lock\n"
        f"with refresh_lock(Path({str(settings.db_path)!r})):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(1.5)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    # WHEN we ask without waiting THEN refused; WHEN we wait THEN we get it after it ends
    with pytest.raises(RefreshLocked), refresh_lock(settings.db_path):
        pass
    started = time.monotonic()
    with refresh_lock(settings.db_path, wait_s=30):
        waited = time.monotonic() - started
    assert 1.0 < waited < 30  # the holder kept it ~1.5 s after saying so
    holder.wait(timeout=10)
