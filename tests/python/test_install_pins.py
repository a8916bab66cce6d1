"""What `make setup` installs is pinned and checked (docs/reliability.md, "Installing"):
every package in requirements.lock, and pip itself in requirements-pip.lock, is an exact
version with sha256 hashes, and the Makefile installs both with --require-hashes, so a
changed or substituted file fails the install."""

from __future__ import annotations

import re
import tomllib

from ingest.config import REPO_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)")


def _pins(name: str) -> dict[str, tuple[str, int]]:
    """package -> (version, number of hashes), from a pip-compile lock file."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in (REPO_ROOT / name).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = match.group(1).lower()
            pins[current] = (match.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        elif line.strip() and not line.startswith((" ", "#")):
            raise AssertionError(f"{name}: a line that is not an exact pin: {line!r}")
    return pins


def test_every_package_and_pip_are_exact_versions_with_hashes():
    packages = _pins("requirements.lock")
    pip = _pins("requirements-pip.lock")
    assert set(pip) == {"pip"}
    for name, (version, hashes) in {**packages, **pip}.items():
        assert hashes >= 1, f"{name}=={version} has no --hash"
    # the design card's packages, and dbt on 1.11 (1.12 cannot install offline)
    for name in ("dbt-core", "dbt-duckdb", "duckdb", "requests", "beautifulsoup4", "pytest"):
        assert name in packages, name
    assert packages["dbt-core"][0].startswith("1.11.")
    assert packages["dbt-duckdb"][0].startswith("1.11.")


def test_make_setup_installs_both_locks_with_require_hashes():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile
    install = re.search(r"^PIP := (.*)$", makefile, re.M).group(1)
    recipe = [line.strip() for line in makefile.splitlines() if line.strip().startswith("$(PIP)")]
    assert "--require-hashes --no-deps -r requirements-pip.lock" in recipe[0], recipe
    assert "--require-hashes --no-deps -r requirements.lock" in recipe[1], recipe
    assert "install" in install


def test_pyproject_lists_every_python_package_of_the_project():
    # GIVEN setuptools' explicit package list (pyproject.toml, [tool.setuptools])
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    # WHEN every folder of ingest/ and bench/ with an __init__.py is named as a package
    found = {
        ".".join(init.parent.relative_to(REPO_ROOT).parts)
        for top in ("ingest", "bench")
        for init in (REPO_ROOT / top).rglob("__init__.py")
    }
    # THEN each is listed: an unlisted one installs without its modules outside an
    # editable install (ingest.sources.huggingface, when it became a package)
    assert found == listed
