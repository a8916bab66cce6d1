"""No import cycles among the project's modules, counting every import in a file: at the
top, inside functions, under ``if``/``try``. An import inside a function hides a cycle
from Python (it only runs later) but not from a reader: each module should be
understandable from the modules below it. And importing a module never runs a command:
helper processes started with "spawn" import the parent's main module again.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# The project's packages (a folder with an __init__.py). scripts/ holds loose files run by
# path: nothing can import them, so they can never close a cycle.
PACKAGES = [
    name for name in ("ingest", "bench", "scripts") if (REPO_ROOT / name / "__init__.py").exists()
]


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    where: str  # file:line, and "in a function" when it is not at module level

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} ({self.where})"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path = REPO_ROOT, packages: list[str] = PACKAGES) -> dict[str, Path]:
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            found[module_name(path, root)] = path
    return found


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The longest prefix of a dotted name that is a project module (`ingest.cli.run` is
    ingest.cli), or None for an import from outside the project."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _function_lines(tree: ast.AST) -> set[int]:
    """Line numbers of the imports that sit inside a function (run only when it is called)."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for child in ast.walk(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    inside.add(child.lineno)
    return inside


def imports_of(module: str, path: Path, modules: dict[str, Path], root: Path) -> list[Edge]:
    """Every import of a project module anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    in_function = _function_lines(tree)
    is_package = path.name == "__init__.py"
    edges = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..pkg import y
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from ingest import cli` imports the module ingest.cli; `from ingest.cli import
            # run` imports ingest.cli.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        for target in targets:
            imported = _known(target, modules)
            if imported is None or imported == module:
                continue
            where = f"{path.relative_to(root)}:{node.lineno}"
            if node.lineno in in_function:
                where += ", in a function"
            edges.append(Edge(module, imported, where))
    return edges


def import_graph(modules: dict[str, Path], root: Path = REPO_ROOT) -> dict[str, list[Edge]]:
    return {name: imports_of(name, path, modules, root) for name, path in modules.items()}


def find_cycle(graph: dict[str, list[Edge]]) -> list[Edge] | None:
    """One import cycle as its edges, or None. Depth-first, in a stable order."""
    done: set[str] = set()
    path: list[Edge] = []
    on_path: dict[str, int] = {}

    def visit(node: str) -> list[Edge] | None:
        on_path[node] = len(path)
        for edge in sorted(graph.get(node, []), key=lambda e: (e.imported, e.where)):
            if edge.imported in on_path:
                return [*path[on_path[edge.imported] :], edge]
            if edge.imported in done:
                continue
            path.append(edge)
            found = visit(edge.imported)
            if found:
                return found
            path.pop()
        del on_path[node]
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done:
            found = visit(start)
            if found:
                return found
    return None


def describe(cycle: list[Edge]) -> str:
    chain = " -> ".join([cycle[0].importer, *(edge.imported for edge in cycle)])
    return "import cycle: " + chain + "\n" + "\n".join(f"  {edge}" for edge in cycle)


def test_the_project_has_no_import_cycle():
    # GIVEN every module of the project's packages and every import in each of them
    modules = project_modules()
    assert "ingest.cli" in modules and "ingest.refresh" in modules
    graph = import_graph(modules)
    # WHEN we look for a module that ends up importing itself
    cycle = find_cycle(graph)
    # THEN there is none
    assert cycle is None, describe(cycle)


def test_the_walk_sees_imports_inside_functions_and_names_the_cycle(tmp_path):
    # GIVEN a package whose two modules import each other, one of them inside a function
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from pkg import second\n")
    (package / "second.py").write_text("def later():\n    from pkg.first import thing\n")
    (package / "third.py").write_text("from . import first\nimport os\n")
    modules = project_modules(tmp_path, ["pkg"])
    # WHEN the graph is built and searched
    graph = import_graph(modules, tmp_path)
    cycle = find_cycle(graph)
    # THEN the relative import is resolved, the standard library is left out, and the
    # cycle is named with the function-level import that closes it
    assert [e.imported for e in graph["pkg.third"]] == ["pkg.first"]
    assert cycle is not None
    text = describe(cycle)
    assert text.startswith("import cycle: pkg.first -> pkg.second -> pkg.first")
    assert "pkg/second.py:2, in a function" in text


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def runs_on_import(path: Path) -> list[str]:
    """The module-level statements of a file that run a command when it is imported (a
    bare ``main()``, ``sys.exit(...)`` or ``raise SystemExit(...)``), each as file:line."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.exc if isinstance(node, ast.Raise) else getattr(node, "value", None)
        if not (isinstance(node, ast.Expr | ast.Raise) and isinstance(value, ast.Call)):
            continue
        if _called_name(value) in ("main", "exit", "SystemExit"):
            found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    return found


def test_no_module_runs_a_command_when_imported():
    # GIVEN every module of the project (a large Hugging Face listing is loaded by helper
    # processes started with "spawn", which import the parent's main module again)
    modules = project_modules()
    assert "ingest.__main__" in modules
    # THEN none runs a command at import: an entry point runs under __name__ == "__main__"
    assert [where for path in modules.values() for where in runs_on_import(path)] == []


def test_the_check_sees_an_unguarded_entry_point(tmp_path, monkeypatch):
    # GIVEN an entry module written without the guard, inside a copy of the repo's layout
    monkeypatch.setattr(sys.modules[__name__], "REPO_ROOT", tmp_path)
    unguarded = tmp_path / "ingest" / "__main__.py"
    unguarded.parent.mkdir()
    unguarded.write_text(
        "import matplotlib\n"
        "from ingest.cli import main\n"
        "\n"
        "matplotlib.use('Agg')\n"
        "raise SystemExit(main())\n"
    )
    # THEN the check names its line (and not the harmless call before it)
    assert runs_on_import(unguarded) == ["ingest/__main__.py:5"]
