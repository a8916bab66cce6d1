"""``make bench``: ingest and ``dbt build`` wall time and peak memory at growing sizes.

For each registered source with a generator (bench/generate.py), at each size it can
really reach, in a fresh temporary warehouse:
1. generate a synthetic capture in the source's exact format;
2. ``python -m ingest --from-file SOURCE=PATH`` (archive, parse, load), measured;
3. ``dbt build`` as a refresh runs it (``ingest.dbt_runner.BUILD_ARGS``, which says what
   it runs), measured.
Then every source at its largest size in one warehouse, and the offline refresh of the
committed samples end to end (``python -m ingest.refresh --offline``).

Each step runs in its own process; its peak memory is the maximum resident set size of
that process or any of its children (GNU time's ``%M``), its time the wall-clock time.
The results, with the machine's description, replace the results section of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from bench.generate import GENERATORS, generate
from ingest.config import REPO_ROOT
from ingest.dbt_runner import BUILD_ARGS, dbt_invocation
from ingest.sources import SOURCES

DOC = REPO_ROOT / "docs" / "benchmarks.md"
START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"
# Budgets (issue 7), on a 2-core machine.
REFRESH_BUDGET_S = 15.0
LARGEST_BUDGET_S = 120.0
MEMORY_BUDGET_BYTES = 4 * 1024**3
GIB = 1024**3
MIB = 1024**2


@dataclass
class Measurement:
    seconds: float
    peak_bytes: int
    returncode: int
    log: Path

    def tail(self, lines: int = 15) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


@dataclass
class Case:
    source: str
    rows: int
    capture_bytes: int = 0
    ingest: Measurement | None = None
    build: Measurement | None = None
    rows_loaded: int = 0
    rows_rejected: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(
            self.ingest
            and self.build
            and self.ingest.returncode == 0
            and self.build.returncode == 0
        )

    @property
    def seconds(self) -> float:
        return sum(m.seconds for m in (self.ingest, self.build) if m)

    @property
    def peak_bytes(self) -> int:
        return max((m.peak_bytes for m in (self.ingest, self.build) if m), default=0)


TIME = Path("/usr/bin/time")


def measure(
    cmd: list[str], env: dict[str, str], log: Path, timeout_s: float, cwd: Path = REPO_ROOT
) -> Measurement:
    """Run a command; its wall time and the peak RSS of it and its children.

    The peak comes from GNU time (``%M``) when installed: ``wait4`` alone would report at
    least this runner's own size, which a child inherits at fork time before its exec.
    A command still running after ``timeout_s`` is killed (with its children) and
    reported with return code -9: it is over any budget by then.
    """
    peak_file = log.with_suffix(".maxrss")
    if TIME.exists():
        cmd = [str(TIME), "-f", "%M", "-o", str(peak_file), *cmd]
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout_s:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                out.write(f"\nbench: killed after {timeout_s:.0f} s\n".encode())
                break
            time.sleep(0.1)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    # Both in KiB on Linux; GNU time writes "Command exited…" first when the exit is non-zero.
    peak_kib = usage.ru_maxrss
    if peak_file.exists():
        numbers = [w for w in peak_file.read_text().split() if w.isdigit()]
        peak_kib = int(numbers[-1]) if numbers else peak_kib
    return Measurement(seconds, peak_kib * 1024, proc.returncode, log)


def scratch_env(folder: Path) -> dict[str, str]:
    """Every path a run writes to, inside ``folder``: never the user's warehouse or outputs."""
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_PUBLISHED_DB"}
    return {
        **env,
        # The 1M-model Hugging Face listing is larger than a live fetch may be.
        "TRACKER_MAX_CAPTURE_MB": "4096",
        "TRACKER_DB": str(folder / "warehouse.duckdb"),
        "TRACKER_DATA_DIR": str(folder / "data"),
        "DBT_TARGET_PATH": str(folder / "target"),
        "DBT_LOG_PATH": str(folder / "logs"),
        "TRACKER_EXPORTS_DIR": str(folder / "exports"),
        "TRACKER_REPORTS_DIR": str(folder / "reports"),
        "TRACKER_POINT_IN_TIME_DIR": str(folder / "point_in_time"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PYTHONUNBUFFERED": "1",
    }


def dbt_build(env: dict[str, str]) -> tuple[list[str], dict[str, str], Path]:
    """The build a refresh runs (ingest.dbt_runner.BUILD_ARGS), run the way it runs dbt.
    Returns the command, its environment and its working folder."""
    return dbt_invocation(
        BUILD_ARGS,
        db_path=Path(env["TRACKER_DB"]),
        data_dir=Path(env["TRACKER_DATA_DIR"]),
        env=env,
    )


def loaded_counts(db_path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        loaded, rejected = con.execute(
            "select coalesce(sum(rows_loaded), 0), "
            "(select count(*) from raw.rejected_rows) from raw.load_log"
        ).fetchone()
    finally:
        con.close()
    return int(loaded), int(rejected)


def best_of(runs: list[Measurement]) -> Measurement:
    """The fastest run's time (the others lost time to whatever else the machine did), the
    largest peak of all (memory does not depend on contention), the worst exit status."""
    fastest = min(runs, key=lambda run: run.seconds)
    worst = next((run for run in runs if run.returncode != 0), fastest)
    return Measurement(
        fastest.seconds, max(run.peak_bytes for run in runs), worst.returncode, worst.log
    )


def run_case(
    sources: dict[str, int], workdir: Path, label: str, timeout_s: float, repeat: int
) -> Case:
    """Generate once, then ingest and build ``repeat`` times, each in a fresh warehouse."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{label}-", dir=workdir))
    case = Case(label, sum(sources.values()))
    args = []
    for name, rows in sources.items():
        path = generate(name, rows, folder / "captures")
        case.capture_bytes += path.stat().st_size
        args += ["--from-file", f"{name}={path}"]
    print(f"  {label}: {case.rows:,} rows, {case.capture_bytes / MIB:.1f} MB", flush=True)
    ingests, builds = [], []
    for attempt in range(repeat):
        run_dir = folder / f"run{attempt + 1}"
        run_dir.mkdir()
        env = scratch_env(run_dir)
        ingest_cmd = [sys.executable, "-m", "ingest", *args]
        ingests.append(measure(ingest_cmd, env, run_dir / "ingest.log", timeout_s))
        if attempt == 0 and ingests[0].returncode >= 0:
            case.rows_loaded, case.rows_rejected = loaded_counts(Path(env["TRACKER_DB"]))
        build_cmd, build_env, build_cwd = dbt_build(env)
        builds.append(measure(build_cmd, build_env, run_dir / "build.log", timeout_s, build_cwd))
        print(
            f"    ingest {ingests[-1].seconds:.1f} s, {ingests[-1].peak_bytes / MIB:.0f} MB; "
            f"build {builds[-1].seconds:.1f} s, {builds[-1].peak_bytes / MIB:.0f} MB",
            flush=True,
        )
        if attempt + 1 < repeat:
            shutil.rmtree(run_dir / "data", ignore_errors=True)  # keep the disk use down
            Path(env["TRACKER_DB"]).unlink(missing_ok=True)
    case.ingest, case.build = best_of(ingests), best_of(builds)
    if case.ingest.returncode != 0:
        case.notes.append("ingest failed: " + case.ingest.tail(2).replace("\n", " "))
    if case.build.returncode != 0:
        errors = [line for line in case.build.tail(400).splitlines() if "ERROR" in line]
        case.notes.append(
            f"dbt build exit {case.build.returncode}: " + " | ".join(errors[:3])[:400]
        )
    return case


def run_refresh(workdir: Path, timeout_s: float, repeat: int) -> list[Measurement]:
    """The offline refresh of the samples, three times in the same temporary paths: the
    first from nothing (dbt parses the whole project), the second building again
    (``--force-build``: dbt's partial parse, as after new data), the third with nothing new
    (the build skipped, ingest.skip). Best of ``repeat`` such triples."""
    runs: list[list[Measurement]] = [[], [], []]
    cmd = [sys.executable, "-m", "ingest.refresh", "--offline"]
    for _ in range(repeat):
        folder = Path(tempfile.mkdtemp(prefix="bench-refresh-", dir=workdir))
        env = scratch_env(folder)
        for number, extra in enumerate(([], ["--force-build"], [])):
            log = folder / f"refresh{number + 1}.log"
            runs[number].append(measure(cmd + extra, env, log, timeout_s))
        print("  " + ", then ".join(f"{r[-1].seconds:.1f} s" for r in runs), flush=True)
    return [best_of(measured) for measured in runs]


def machine(load_before: str, load_after: str) -> list[tuple[str, str]]:
    cpu = platform.processor() or "unknown"
    ram = "unknown"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{kib / 1024**2:.1f} GiB"
    except (OSError, StopIteration):
        pass
    import dbt.version
    import yaml

    profile = yaml.safe_load((REPO_ROOT / "profiles.yml").read_text())
    output = next(iter(profile.values()))["outputs"]["default"]
    return [
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("RAM", ram),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("DuckDB", duckdb.__version__),
        ("dbt-core", dbt.version.__version__),
        ("dbt threads", str(output.get("threads", 1))),
        ("Load average (1 min) before / after", f"{load_before} / {load_after}"),
    ]


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def _ratio(after: float, before: float) -> str:
    return f"×{after / before:.1f}" if before > 0 else "?"


def _growth(previous: Case | None, case: Case) -> str:
    if previous is None or not previous.ok or not case.ok:
        return ""
    return (
        f"{_ratio(case.seconds, previous.seconds)} "
        f"(ingest {_ratio(case.ingest.seconds, previous.ingest.seconds)}, "
        f"build {_ratio(case.build.seconds, previous.build.seconds)}) "
        f"for ×{case.rows / previous.rows:.0f} rows"
    )


def _mb(value: int) -> str:
    return f"{value / MIB:,.0f}"


def _verdict(ok: bool) -> str:
    return "within budget" if ok else "**OVER budget**"


def report(
    cases: list[Case],
    refreshes: list[Measurement],
    command: str,
    seconds: float,
    loads: tuple[str, str],
    repeat: int,
) -> str:
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` "
        f"({seconds / 60:.1f} min in all). Each step ran {repeat} time(s) in a fresh "
        "warehouse: the tables show the fastest time and the largest peak memory.",
        "",
        "| machine | |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in machine(*loads)],
        "",
    ]
    if refreshes:
        lines += [
            "Offline refresh of the samples, end to end (`python -m ingest.refresh --offline` "
            "in temporary paths: ingest, `dbt build`, freshness, outputs, publish), budget "
            f"{REFRESH_BUDGET_S:.0f} s:",
            "",
            "| run | wall s | peak MB | exit | |",
            "|---|---:|---:|---:|---|",
        ]
        for label, run in zip(
            (
                "first (empty warehouse, full dbt parse)",
                "second, building again (`--force-build`, as after new data)",
                "third, nothing new (build skipped)",
            ),
            refreshes,
            strict=False,
        ):
            ok = run.returncode == 0 and run.seconds < REFRESH_BUDGET_S
            lines.append(
                f"| {label} | {run.seconds:.1f} | {_mb(run.peak_bytes)} | {run.returncode} "
                f"| {_verdict(ok)} |"
            )
        lines.append("")
    if cases:
        lines += [
            "Each source alone, in a fresh warehouse: `python -m ingest --from-file "
            "SOURCE=capture`, then `dbt build`. Peak MB is the largest resident set of the "
            "step's process or any of its children. Growth compares a size with the one "
            "before it.",
            "",
            "| source | rows generated | capture MB | rows loaded | rejected | ingest s "
            "| ingest peak MB | dbt build s | build peak MB | total s | growth |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
    previous: Case | None = None
    for case in cases:
        if previous is not None and previous.source != case.source:
            previous = None
        ingest, build = case.ingest, case.build
        lines.append(
            f"| {case.source} | {case.rows:,} | {case.capture_bytes / MIB:,.1f} "
            f"| {case.rows_loaded:,} | {case.rows_rejected:,} "
            f"| {ingest.seconds:.1f} | {_mb(ingest.peak_bytes)} "
            f"| {build.seconds:.1f} | {_mb(build.peak_bytes)} "
            f"| {case.seconds:.1f} | {_growth(previous, case)} |"
        )
        previous = case
    lines.append("")
    budget_lines = []
    for case in cases:
        if case.rows < 1_000_000 or case.source == "all sources":
            continue
        ok = case.ok and case.seconds < LARGEST_BUDGET_S and case.peak_bytes < MEMORY_BUDGET_BYTES
        budget_lines.append(
            f"- {case.source}, {case.rows:,} rows: {case.seconds:.1f} s, peak "
            f"{case.peak_bytes / GIB:.2f} GiB: {_verdict(ok)} ({LARGEST_BUDGET_S:.0f} s, "
            f"{MEMORY_BUDGET_BYTES / GIB:.0f} GiB)"
        )
    if budget_lines:
        lines += ["The 1M-row sizes against the budget:", "", *budget_lines, ""]
    growth_lines = []
    for name in dict.fromkeys(case.source for case in cases if case.source != "all sources"):
        ran = [case for case in cases if case.source == name and case.ok]
        if len(ran) < 2:
            continue
        small, large = ran[-2], ran[-1]
        factor = large.rows / small.rows
        ratios = {
            "ingest": large.ingest.seconds / small.ingest.seconds,
            "build": large.build.seconds / small.build.seconds,
        }
        ok = all(ratio <= factor for ratio in ratios.values())
        growth_lines.append(
            f"- {name}, {small.rows:,} → {large.rows:,} rows (×{factor:.0f}): ingest "
            f"×{ratios['ingest']:.1f}, build ×{ratios['build']:.1f}: "
            + ("no worse than linear" if ok else "**worse than linear**")
        )
    if growth_lines:
        lines += ["Growth between the two largest sizes:", "", *growth_lines, ""]
    notes = [f"- {case.source} {case.rows:,}: {note}" for case in cases for note in case.notes]
    skipped = [name for name in GENERATORS if name not in SOURCES]
    if skipped:
        notes.append(f"- Not registered in ingest/sources when measured: {', '.join(skipped)}.")
    if notes:
        lines += ["Notes:", "", *notes, ""]
    return "\n".join(lines)


def write_doc(results: str) -> None:
    block = f"{START}\n{results}\n{END}"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + block + tail
    else:
        text = text.rstrip() + ("\n\n" if text else "# Benchmarks\n\n") + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None, prog: str = "python -m bench.run") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--source", action="append", default=[], help="only these sources")
    parser.add_argument(
        "--max-rows", type=int, default=1_000_000, help="skip sizes above this (default 1M)"
    )
    parser.add_argument("--no-combined", action="store_true", help="skip the all-sources run")
    parser.add_argument("--no-refresh", action="store_true", help="skip the sample refresh")
    parser.add_argument("--no-write", action="store_true", help="print, do not update the doc")
    parser.add_argument("--keep", action="store_true", help="keep the temporary warehouses")
    parser.add_argument("--workdir", type=Path, default=None, help="where temp dirs go")
    parser.add_argument(
        "--timeout", type=float, default=900, help="kill a step after this many seconds"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="run each step this many times, report the fastest (default 2)",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    load_before = load_average()
    workdir = Path(tempfile.mkdtemp(prefix="tracker-bench-", dir=args.workdir))
    names = [n for n in (args.source or GENERATORS) if n in GENERATORS and n in SOURCES]
    cases: list[Case] = []
    refreshes: list[Measurement] = []
    try:
        if not args.no_refresh:
            print("Offline refresh of the samples, three times…", flush=True)
            refreshes = run_refresh(workdir, args.timeout, args.repeat)
            for run in refreshes:
                if run.returncode != 0:
                    print(run.tail(), file=sys.stderr)
        for name in names:
            for rows in GENERATORS[name][2]:
                if rows <= args.max_rows:
                    cases.append(run_case({name: rows}, workdir, name, args.timeout, args.repeat))
        if not args.no_combined and len(names) > 1:
            largest = {n: max(r for r in GENERATORS[n][2] if r <= args.max_rows) for n in names}
            cases.append(run_case(largest, workdir, "all sources", args.timeout, args.repeat))
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    given = sys.argv[1:] if argv is None else argv
    command = prog + "".join(f" {a}" for a in given)
    results = report(
        cases,
        refreshes,
        command,
        time.perf_counter() - started,
        (load_before, load_average()),
        args.repeat,
    )
    print(results)
    if not args.no_write:
        write_doc(results)
        print(f"Wrote {DOC.relative_to(REPO_ROOT)}")
    failed = [c for c in cases if not c.ok] + [r for r in refreshes if r.returncode != 0]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
