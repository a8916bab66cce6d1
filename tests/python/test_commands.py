"""One entry, `tracker COMMAND`, and every command the docs name still working.

The commands are read from where people copy them: README.md, docs/, bench/README.md,
the Makefile, the scheduled workflow and scripts/. Each is run with ``--help`` (which
parses its options and imports its code, touching no warehouse): an older form kept in a
cron line must keep working after the move to ``tracker``.
"""

from __future__ import annotations

import functools
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import tracker

REPO_ROOT = Path(__file__).resolve().parents[2]
TRACKER_BIN = Path(sys.executable).with_name("tracker")
PROJECT_PACKAGES = ("ingest", "bench")
# The commands the issue asked for by name, besides whatever COMMANDS grows.
EXPECTED = {
    "refresh",
    "rebuild",
    "ingest",
    "validate-overrides",
    "outputs",
    "point-in-time",
    "freshness",
    "publish",
    "bench",
}


def documents() -> list[Path]:
    found = [REPO_ROOT / "README.md", REPO_ROOT / "bench" / "README.md", REPO_ROOT / "Makefile"]
    found += sorted((REPO_ROOT / "docs").rglob("*.md"))
    found += sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
    found += sorted((REPO_ROOT / "scripts").glob("*.sh"))
    return [path for path in found if path.exists()]


def code_in(path: Path) -> list[str]:
    """The parts of a file that are commands: code spans and blocks of Markdown, whole
    lines elsewhere (recipes, workflow steps, shell)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return text.splitlines()
    blocks = re.findall(r"```[^\n]*\n(.*?)```", text, flags=re.DOTALL)
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return [*blocks, *re.findall(r"`([^`]+)`", prose)]


PYTHON_M = re.compile(r"python\s+-m\s+([\w.]+)(?:\s+([a-z][a-z-]*))?")
TRACKER = re.compile(r"(?<![\w./-])(?:\S*/)?(tracker(?:-ingest)?)(?:\s+([a-z][a-z-]*))?")
# `make X` where a command starts: a line, or after && ; || (not "that is make saying").
MAKE = re.compile(r"(?:^|&&|;|\|\|)\s*make\s+([a-z][a-z-]*)", flags=re.MULTILINE)


def documented_commands() -> dict[tuple[str, ...], str]:
    """Each documented command, as the argv to run with --help, and where it was found."""
    found: dict[tuple[str, ...], str] = {}
    for path in documents():
        where = str(path.relative_to(REPO_ROOT))
        for snippet in code_in(path):
            for module, word in PYTHON_M.findall(snippet):
                if module.split(".")[0] not in PROJECT_PACKAGES:
                    continue  # python -m pip, python -m venv
                if module == "ingest.tracker" and word:
                    found.setdefault(("-m", module, word), where)
                else:
                    found.setdefault(("-m", module), where)
            for program, word in TRACKER.findall(snippet):
                if program == "tracker-ingest":
                    found.setdefault((program,), where)
                elif word in {c.name for c in tracker.COMMANDS}:
                    found.setdefault((program, word), where)
    return found


def makefile_targets() -> set[str]:
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


@functools.cache
def run_help(command: tuple[str, ...]) -> subprocess.CompletedProcess:
    """The command run with --help, once: an older form that the docs name too is run by
    two tests, which read the same result."""
    if command[0] == "-m":
        argv = [sys.executable, *command]
    else:
        argv = [str(TRACKER_BIN.with_name(command[0])), *command[1:]]
    return subprocess.run(
        [*argv, "--help"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )


DOCUMENTED = documented_commands()


def test_the_docs_name_the_commands_we_expect():
    # GIVEN the commands found in the docs, the Makefile and the workflow
    # THEN the extraction found the old forms and the new entry alike (it reads them all)
    assert ("-m", "ingest") in DOCUMENTED
    assert ("-m", "ingest.refresh") in DOCUMENTED
    assert ("tracker", "refresh") in DOCUMENTED


@pytest.mark.parametrize("command", sorted(DOCUMENTED), ids=" ".join)
def test_every_documented_command_still_runs(command):
    # GIVEN a command named in the docs (an older form a cron line may still hold, too)
    # WHEN it runs with --help
    proc = run_help(command)
    # THEN it parses, prints its usage and exits 0
    assert proc.returncode == 0, f"{' '.join(command)} (from {DOCUMENTED[command]}):\n{proc.stderr}"
    assert proc.stdout.startswith("usage: "), proc.stdout


@pytest.mark.parametrize("command", tracker.COMMANDS, ids=lambda c: c.name)
def test_every_older_form_still_runs(command):
    # GIVEN the form a command had before `tracker` (python -m ingest.refresh, …)
    words = command.older_form.split()
    assert words[:2] == ["python", "-m"]
    # WHEN it runs with --help
    proc = run_help(("-m", *words[2:]))
    # THEN it still works, under its old name
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: {' '.join(words[:3])} "), proc.stdout


def test_the_single_entry_lists_every_command():
    # GIVEN the installed entry (make setup installs .venv/bin/tracker)
    assert TRACKER_BIN.exists(), "run `make setup`: it installs .venv/bin/tracker"
    # WHEN asked for help
    proc = subprocess.run(
        [str(TRACKER_BIN), "--help"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    # THEN every command is listed, each on its own line
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line.startswith("    ")}
    assert listed >= {c.name for c in tracker.COMMANDS} >= EXPECTED


def test_every_make_target_runs_through_tracker():
    # GIVEN the Makefile's recipes
    recipes = [
        line.strip()
        for line in (REPO_ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
        if line.startswith("\t")
    ]
    # THEN project code runs only through the single entry (pip and venv are not ours)
    direct = [
        line
        for line in recipes
        if any(name.split(".")[0] in PROJECT_PACKAGES for name, _ in PYTHON_M.findall(line))
    ]
    assert direct == []
    used = {word for line in recipes for program, word in TRACKER.findall(line) if word}
    assert used >= EXPECTED - {"ingest"}  # ingest alone is not a target: make run does it


def test_every_documented_make_target_exists():
    # GIVEN every `make TARGET` in the docs
    named = {
        (target, str(path.relative_to(REPO_ROOT)))
        for path in documents()
        for snippet in code_in(path)
        for target in MAKE.findall(snippet)
    }
    # THEN the Makefile has each of them
    missing = sorted((t, where) for t, where in named if t not in makefile_targets())
    assert missing == []


@pytest.mark.parametrize("command", tracker.COMMANDS, ids=lambda c: c.name)
def test_each_command_runs_the_same_code_as_its_older_form(command, monkeypatch):
    # GIVEN the function the older form runs (its module's main), replaced by a recorder
    # that answers as a held lock would
    package_mains = {"ingest": "ingest.cli", "ingest.outputs": "ingest.outputs.cli"}
    older = command.older_form.split()[2]
    module = importlib.import_module(package_mains.get(older, older))
    calls = []

    def recorder(argv, prog):
        calls.append((argv, prog))
        return 75

    monkeypatch.setattr(module, "main", recorder)
    # WHEN tracker runs the command with some options
    status = tracker.main([command.name, "--opt", "value"])
    # THEN the same function ran with those options (rebuild: the refresh's --rebuild),
    # under the command's name, and its exit status came back unchanged
    extra = command.older_form.split()[3:]
    assert calls == [([*extra, "--opt", "value"], f"tracker {command.name}")]
    assert status == 75
