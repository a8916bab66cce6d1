"""``tracker ingest`` (or ``python -m ingest``): fetch each source, archive the capture,
load it into raw.*.

Per source, in order: a live fetch; on failure the captures already in data/raw (any not
yet loaded, oldest first); then the committed sample in data/sample. ``--offline`` skips
the live fetch. ``--from-file NAME=PATH`` takes a saved response as a new capture.
Exit status is 1 iff some source ``failed``, with one line per failed source.
"""

from __future__ import annotations

import argparse
import stat
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest import captures as cap
from ingest import history, http
from ingest.config import MAX_DOWNLOAD_BYTES, SAMPLE_DIR, Settings, max_capture_bytes
from ingest.sources import SOURCES, get_source
from ingest.sources.base import FetchContext, ParseError, Source
from ingest.warehouse import Warehouse, WarehouseUnavailable, display_path


@dataclass
class SourceOutcome:
    source: str
    status: str  # ok | unchanged | fallback | failed
    rows_loaded: int = 0
    capture: cap.Capture | None = None
    error: str | None = None
    rejected: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def is_sample(self) -> bool:
        return bool(self.capture and self.capture.is_sample)

    def line(self) -> str:
        when = self.capture.captured_at.date().isoformat() if self.capture else "?"
        data = "SAMPLE data" if self.is_sample else f"capture of {when}"
        if self.status == "ok":
            text = f"loaded {self.rows_loaded} rows ({data})"
        elif self.status == "unchanged":
            text = f"unchanged ({data})"
        elif self.status == "fallback":
            text = f"fell back to {data}: {self.error}"
        else:
            text = f"FAILED: {self.error}"
        if self.rejected:
            # Rejected rows and values set to NULL (ingest.ranges) alike, each with its reason.
            text += f"; {self.rejected} rows rejected or values set aside (see raw.rejected_rows)"
        return f"{self.source:<12} {text}"


class CaptureFileError(Exception):
    """A --from-file path that is no saved response: the message says why."""


def read_capture_file(source: str, path: Path) -> bytes:
    """The bytes of a saved response. Only a regular file (not a FIFO, a device such as
    /dev/zero, or a folder) no larger than the source's cap (``max_capture_bytes``)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise CaptureFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "a pipe (FIFO)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )
        raise CaptureFileError(
            f"{path} is {kind}: --from-file takes a saved response, a regular file"
        )
    cap_bytes = max_capture_bytes(source)
    too_big = (
        f"{path} is larger than the {cap_bytes / 1024 / 1024:.3g} MiB cap for {source}; "
        f"set TRACKER_MAX_CAPTURE_MB_{source.upper()} (or TRACKER_MAX_CAPTURE_MB) to more MiB "
        f"to load it (the default cap is the live fetch's, {MAX_DOWNLOAD_BYTES // 2**20} MiB)"
    )
    if info.st_size > cap_bytes:
        raise CaptureFileError(too_big)
    try:
        with path.open("rb") as handle:
            content = handle.read(cap_bytes + 1)
    except OSError as exc:
        raise CaptureFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(content) > cap_bytes:  # it grew while we read it
        raise CaptureFileError(too_big)
    return content


def _parse_from_file(values: list[str]) -> list[tuple[str, Path]]:
    pairs = []
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name or not path:
            raise SystemExit(f"--from-file expects NAME=PATH, got {value!r}")
        get_source(name)
        pairs.append((name, Path(path).expanduser()))
    return pairs


class Runner:
    def __init__(self, settings: Settings, warehouse: Warehouse, run_id: str, options: dict):
        self.settings = settings
        self.wh = warehouse
        self.run_id = run_id
        self.options = options
        self.session = http.make_session()
        self.network_down: str | None = None

    def _folder(self, source: Source) -> Path:
        return self.settings.raw_dir / source.name

    def _load(
        self, source: Source, capture: cap.Capture, content: bytes | None = None
    ) -> tuple[int, int]:
        if self.wh.is_loaded(source.name, capture.sha256):
            return 0, 0
        parsed = source.parse(content if content is not None else capture.read())
        rows = self.wh.load(source, capture, parsed, self.run_id)
        return rows, len(parsed.rejected)

    def _catch_up(self, source: Source) -> tuple[cap.Capture | None, int, int]:
        """Load every archived capture not yet in the warehouse. Returns the newest usable."""
        newest, rows, rejected = None, 0, 0
        for capture in cap.list_captures(self._folder(source), source.name):
            try:
                got, bad = self._load(source, capture)
            except ParseError as exc:
                print(
                    f"  {source.name}: skipping unreadable capture {capture.path.name}: {exc}",
                    file=sys.stderr,
                )
                continue
            rows += got
            rejected += bad
            newest = capture
        return newest, rows, rejected

    def _fallback(self, source: Source, reason: str) -> SourceOutcome:
        newest, rows, rejected = self._catch_up(source)
        if newest is not None:
            return SourceOutcome(source.name, "fallback", rows, newest, reason, rejected)
        samples = cap.list_captures(SAMPLE_DIR / source.name, source.name, is_sample=True)
        if not samples:
            return SourceOutcome(source.name, "failed", 0, None, f"{reason}; no capture or sample")
        if self.wh.has_real_capture(source.name):
            # Real data was loaded before (its capture files are gone): keep using it.
            return SourceOutcome(source.name, "fallback", 0, None, f"{reason}; earlier data kept")
        for sample in samples:
            got, bad = self._load(source, sample)
            rows += got
            rejected += bad
        return SourceOutcome(
            source.name, "fallback", rows, samples[-1], f"{reason}; using SAMPLE data", rejected
        )

    def run_live(self, source: Source) -> SourceOutcome:
        if self.network_down:
            return self._fallback(source, f"not fetched, {self.network_down} earlier in this run")
        folder = self._folder(source)
        previous = (cap.list_captures(folder, source.name) or [None])[-1]
        ctx = FetchContext(self.session, previous, self.options, self.hints(source))
        try:
            fetched = source.fetch(ctx)
        except http.NetworkUnreachable as exc:
            self.network_down = str(exc)
            return self._fallback(source, str(exc))
        except http.FetchError as exc:
            return self._fallback(source, str(exc))
        if fetched.content is None:
            newest, rows, rejected = self._catch_up(source)
            status = "ok" if rows else "unchanged"
            return SourceOutcome(source.name, status, rows, newest or previous, None, rejected)
        try:
            parsed = source.parse(fetched.content)
        except ParseError as exc:
            kept = cap.keep_rejected(folder, fetched.content, ext=source.ext, reason=str(exc))
            return self._fallback(source, f"bad response ({exc}); kept in {display_path(kept)}")
        capture, _ = cap.archive(
            folder, source.name, fetched.content, ext=source.ext, url=fetched.url, etag=fetched.etag
        )
        newest, rows, rejected = self._catch_up(source)
        if not self.wh.is_loaded(source.name, capture.sha256):
            rows += self.wh.load(source, capture, parsed, self.run_id)
            rejected += len(parsed.rejected)
        status = "ok" if rows else "unchanged"
        return SourceOutcome(source.name, status, rows, capture, None, rejected)

    def run_offline(self, source: Source) -> SourceOutcome:
        newest, rows, rejected = self._catch_up(source)
        if newest is None:
            return self._fallback(
                source, "offline, and no capture in " + display_path(self._folder(source))
            )
        return SourceOutcome(
            source.name, "ok" if rows else "unchanged", rows, newest, None, rejected
        )

    def run_files(self, source: Source, paths: list[Path]) -> SourceOutcome:
        rows = rejected = 0
        newest = None
        for path in paths:
            try:
                content = read_capture_file(source.name, path)
            except CaptureFileError as exc:
                return SourceOutcome(source.name, "failed", rows, newest, str(exc))
            try:
                parsed = source.parse(content)
            except ParseError as exc:
                return SourceOutcome(
                    source.name, "failed", rows, newest, f"{path}: {exc}", rejected
                )
            capture, _ = cap.archive(
                self._folder(source),
                source.name,
                content,
                ext=source.ext,
                url=f"file://{path.resolve()}",
                origin="from-file",
            )
            del content  # archived: free it before the load (a 1M-model listing is 0.5 GB)
            if not self.wh.is_loaded(source.name, capture.sha256):
                rows += self.wh.load(source, capture, parsed, self.run_id)
                rejected += len(parsed.rejected)
            newest = capture
        return SourceOutcome(
            source.name, "ok" if rows else "unchanged", rows, newest, None, rejected
        )

    def hints(self, source: Source) -> dict:
        hook = getattr(source, "hints_from_warehouse", None)
        return hook(self.wh.con) if hook else {}


def run(
    argv: list[str] | None = None,
    settings: Settings | None = None,
    prog: str = "python -m ingest",
) -> tuple[int, list[SourceOutcome]]:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME",
        help=f"only this source (repeatable): {', '.join(SOURCES)}",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="no network: load the newest captures, else the samples",
    )
    parser.add_argument(
        "--from-file",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="load a saved response as a new capture of NAME (repeatable)",
    )
    parser.add_argument(
        "--lmarena-full",
        action="store_true",
        help="fetch LMArena's full history (58 MB) instead of the latest snapshot",
    )
    args = parser.parse_args(argv)

    settings = settings or Settings.from_env()
    files = _parse_from_file(args.from_file)
    for name in args.source:
        get_source(name)
    names = list(dict.fromkeys([*args.source, *(n for n, _ in files)])) or list(SOURCES)
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    outcomes: list[SourceOutcome] = []
    with Warehouse(settings.db_path) as wh:
        runner = Runner(settings, wh, run_id, {"lmarena_full": args.lmarena_full})
        for source in SOURCES.values():
            wh.ensure_tables(source)
        # After `make rebuild`: the load log and the published list's versions come back
        # from data/history/ (ingest.history), the only history captures cannot give back.
        restored = history.restore_into_raw(wh.con, settings)
        if restored:
            print(f"  history: {restored} row(s) restored from data/history/", file=sys.stderr)
        for name in names:
            source = get_source(name)
            started = datetime.now(UTC)
            mode = "reading files" if files else "offline" if args.offline else "fetching"
            print(
                f"  {name}: {mode}",
                file=sys.stderr,
                flush=True,
            )
            try:
                source_files = [p for n, p in files if n == name]
                if source_files:
                    outcome = runner.run_files(source, source_files)
                elif args.offline:
                    outcome = runner.run_offline(source)
                else:
                    outcome = runner.run_live(source)
            except Exception as exc:  # one source's bug must not stop the others
                outcome = SourceOutcome(name, "failed", 0, None, f"{type(exc).__name__}: {exc}")
            wh.log(
                run_id=run_id,
                source=name,
                started_at=started,
                status=outcome.status,
                rows_loaded=outcome.rows_loaded,
                capture=outcome.capture,
                error=outcome.error,
            )
            outcomes.append(outcome)
        try:
            history.record_load_log(wh.con, settings)
        except OSError as exc:
            print(f"  history: load log NOT kept in data/history/ ({exc})", file=sys.stderr)
    failed = [o for o in outcomes if o.status == "failed"]
    return (1 if failed else 0), outcomes


def main(argv: list[str] | None = None, prog: str = "python -m ingest") -> int:
    try:
        status, outcomes = run(argv, prog=prog)
    except WarehouseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_status
    print("Ingest:")
    for outcome in outcomes:
        print("  " + outcome.line())
    if any(o.is_sample for o in outcomes):
        print("  NOTE: some sources use SAMPLE data from data/sample/, not real captures.")
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"error: {outcome.source}: {outcome.error}", file=sys.stderr)
    return status
