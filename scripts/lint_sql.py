"""`sqlfluff lint PATH...`, as `make test` runs it (scripts/test.sh): the same rules, the
same output and exit status, in about two thirds of the CPU time.

Run: .venv/bin/python scripts/lint_sql.py dbt_project/models macros tests

Why: four layout rules (LT01 spacing, LT02 indentation, LT05 line length, LT14 clause
line breaks) each start from ``ReflowSequence.from_root(file)``, and sqlfluff builds the
file's ``DepthMap`` (every raw segment's ancestors, hashed) again for each of them: 40 %
of the lint's CPU time on this project (docs/benchmarks.md, "How long `make test` takes").
Here each parse tree builds its map once and the four rules share it.

Why the violations stay the same:
- A ``DepthMap`` is written to only by ``ReflowSequence.insert`` and ``.replace``, and
  none of the four rules calls them (they read the map through ``respace``,
  ``reindent``, ``rebreak`` and ``break_long_lines``).
- ``lint`` never changes the parse tree: a rule's fixes are applied only by ``fix``. This
  script runs ``lint`` alone.
- tests/python/test_lint_sql.py lints SQL that breaks each of the four rules, with and
  without the shared map, and compares the violations.

The cache leans on sqlfluff's internals, so it is used only with the sqlfluff version it
was checked against (SQLFLUFF_CHECKED, the pin in pyproject.toml). With any other
version the script says so and lints as plain ``sqlfluff lint`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from importlib.metadata import version

SQLFLUFF_CHECKED = "4.4.0"
# Where a parse tree's segment keeps its map: beside the ancestors sqlfluff itself keeps
# there (``raw_segments_with_ancestors`` is a cached_property of the segment).
_ATTRIBUTE = "_lint_sql_depth_map"


@contextmanager
def depth_map_built_once_per_tree() -> Iterator[None]:
    """While inside, ``DepthMap.from_parent(segment)`` builds the map of a segment once and
    returns that same map after: sqlfluff's own method, called once per segment."""
    from sqlfluff.utils.reflow.depthmap import DepthMap

    original = DepthMap.__dict__["from_parent"]
    build = original.__func__

    def from_parent(cls, parent):
        depth_map = parent.__dict__.get(_ATTRIBUTE)
        if depth_map is None:
            depth_map = build(cls, parent)
            parent.__dict__[_ATTRIBUTE] = depth_map
        return depth_map

    DepthMap.from_parent = classmethod(from_parent)
    try:
        yield
    finally:
        DepthMap.from_parent = original


def main(paths: list[str]) -> None:
    """Lint PATHS; exits as `sqlfluff lint` does (0 clean, 1 violations, 2 an error)."""
    from sqlfluff.cli.commands import cli

    installed = version("sqlfluff")
    checked = installed == SQLFLUFF_CHECKED
    if not checked:
        print(
            f"scripts/lint_sql.py: sqlfluff {installed} is not the {SQLFLUFF_CHECKED} its "
            "shared depth map was checked against; linting as plain `sqlfluff lint` does",
            file=sys.stderr,
        )
    # click ends the process with sqlfluff's exit status.
    with depth_map_built_once_per_tree() if checked else nullcontext():
        cli(["lint", *paths], prog_name="sqlfluff")


if __name__ == "__main__":
    main(sys.argv[1:])
