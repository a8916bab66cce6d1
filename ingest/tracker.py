"""``tracker COMMAND [OPTIONS]``: every command of the project, from one entry.

``.venv/bin/tracker`` (installed by ``make setup``) or ``python -m ingest.tracker``; the
Makefile targets call it. ``tracker COMMAND --help`` shows a command's options.

Each command runs the same code as its older form, which keeps working (cron lines and
scripts may name it): ``python -m ingest`` is ``tracker ingest``, ``python -m
ingest.refresh`` is ``tracker refresh``, ``python -m ingest.overrides`` is ``tracker
validate-overrides``, and so on (``COMMANDS`` below lists each with its older form).
Exit statuses are the commands' own: 0 ok, 1 a failure, 2 a usage error, 75 when another
refresh or session holds the warehouse.

Each command imports its module only when it runs, so ``tracker --help`` and the light
commands stay fast (the refresh loads matplotlib and the sources). Nothing in the
project imports this module: it sits above every other one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass


def _ingest(argv: list[str], prog: str) -> int:
    from ingest import cli

    return cli.main(argv, prog)


def _refresh(argv: list[str], prog: str) -> int:
    from ingest import refresh

    return refresh.main(argv, prog)


def _rebuild(argv: list[str], prog: str) -> int:
    from ingest import refresh

    return refresh.main(["--rebuild", *argv], prog)


def _validate_overrides(argv: list[str], prog: str) -> int:
    from ingest import overrides

    return overrides.main(argv, prog)


def _outputs(argv: list[str], prog: str) -> int:
    from ingest.outputs import cli

    return cli.main(argv, prog)


def _point_in_time(argv: list[str], prog: str) -> int:
    from ingest.outputs import point_in_time

    return point_in_time.main(argv, prog)


def _freshness(argv: list[str], prog: str) -> int:
    from ingest.outputs import freshness

    return freshness.main(argv, prog)


def _publish(argv: list[str], prog: str) -> int:
    from ingest import publish

    return publish.main(argv, prog)


def _history(argv: list[str], prog: str) -> int:
    from ingest import history

    return history.main(argv, prog)


def _review_queue(argv: list[str], prog: str) -> int:
    from ingest import review_export

    return review_export.main(argv, prog)


def _ranges(argv: list[str], prog: str) -> int:
    from ingest import ranges

    return ranges.main(argv, prog)


def _dbt(argv: list[str], prog: str) -> int:
    from ingest import dbt_runner

    return dbt_runner.main(argv, prog)


def _bench(argv: list[str], prog: str) -> int:
    from bench import run

    return run.main(argv, prog)


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[list[str], str], int]
    summary: str
    older_form: str  # the command that did this before `tracker`, still working


COMMANDS: tuple[Command, ...] = (
    Command(
        "refresh",
        _refresh,
        "ingest every source, dbt build, summary, outputs, publish (make run)",
        "python -m ingest.refresh",
    ),
    Command(
        "rebuild",
        _rebuild,
        "rebuild a lost warehouse from data/raw captures and the seeds (make rebuild)",
        "python -m ingest.refresh --rebuild",
    ),
    Command(
        "ingest",
        _ingest,
        "fetch each source, archive the capture, load raw.* (no dbt build)",
        "python -m ingest",
    ),
    Command(
        "validate-overrides",
        _validate_overrides,
        "check seeds/manual_overrides.csv without building (make validate-overrides)",
        "python -m ingest.overrides",
    ),
    Command(
        "outputs",
        _outputs,
        "exports, validation report, charts, reports/latest.md from the warehouse (make outputs)",
        "python -m ingest.outputs",
    ),
    Command(
        "point-in-time",
        _point_in_time,
        "the list as it stood on a date, in its own warehouse (make point-in-time)",
        "python -m ingest.outputs.point_in_time",
    ),
    Command(
        "freshness",
        _freshness,
        "which source has brought nothing new for too long (make freshness)",
        "python -m ingest.outputs.freshness",
    ),
    Command(
        "publish",
        _publish,
        "copy the built warehouse to the analysts' published copy (make publish)",
        "python -m ingest.publish",
    ),
    Command(
        "history",
        _history,
        "append the last build's changes to data/history/model_changes.csv",
        "python -m ingest.history",
    ),
    Command(
        "review-queue",
        _review_queue,
        "write exports/review_queue.csv from marts.review_queue",
        "python -m ingest.review_export",
    ),
    Command(
        "ranges",
        _ranges,
        "print the plausible ranges, or write macros/value_ranges.sql from them",
        "python -m ingest.ranges",
    ),
    Command(
        "dbt",
        _dbt,
        "run dbt on the warehouse as make run runs it (tracker dbt build --select ...)",
        "python -m ingest.dbt_runner",
    ),
    Command(
        "bench",
        _bench,
        "ingest and dbt build time and memory at 1k..1M rows (make bench, ~20 min)",
        "python -m bench.run",
    ),
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="tracker",
        description="The frontier compute tracker: every command, from one entry.",
        epilog="Run `tracker COMMAND --help` for a command's options. Each older form "
        "(`python -m ingest.refresh`, …) still runs the same code.",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        # The command's own parser reads its options: this one only picks the command.
        commands.add_parser(command.name, help=command.summary, add_help=False)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Only the first word is ours (the command, or --help); the rest is the command's.
    chosen = parser().parse_args(argv[:1]).command
    command = next(c for c in COMMANDS if c.name == chosen)
    return command.run(argv[1:], f"tracker {command.name}")


if __name__ == "__main__":
    raise SystemExit(main())
