"""No import cycles among hygiene's modules, function-level imports included (DESIGN.md, Layout).

A cycle hidden inside a function still ties the modules together: whichever is imported first
decides what the other sees half-initialised, and neither can be understood or tested alone.
Imports under `if TYPE_CHECKING:` count as well: a cycle of types is a tangle all the same."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "hygiene"


def module_files(src: Path = SRC, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name; a package's name is its __init__.py."""
    modules = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports anywhere in its file, at any depth.
    `from a.b import c` imports a.b, and a.b.c too when that is a module. Importing a.b.c is
    not counted as importing a.b as well: a package's __init__ that re-exports its own modules
    would then be in a cycle with each of them."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package, up level - 1 more
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in modules and m != name}


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    return {name: imported(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for after in sorted(graph[node]):
            if after not in index:
                visit(after)
                low[node] = min(low[node], low[after])
            elif after in on_stack:
                low[node] = min(low[node], index[after])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def one_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A shortest path from the component's first module back to itself, to print."""
    members, start = set(component), component[0]
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        step = []
        for node in frontier:
            for after in sorted(graph[node] & members):
                if after == start:
                    return [*paths[node], start]
                if after not in paths:
                    paths[after] = [*paths[node], after]
                    step.append(after)
        frontier = step
    return component


def describe(graph: dict[str, set[str]], found: list[list[str]]) -> str:
    return "\n".join(f"{' -> '.join(one_cycle(graph, c))}  (all of: {', '.join(c)})" for c in found)


def test_no_import_cycles():
    graph = import_graph(module_files())
    found = cycles(graph)
    assert not found, f"import cycles:\n{describe(graph, found)}"


def write_package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def test_the_graph_sees_imports_inside_functions_and_relative_ones(tmp_path):
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.a import thing\n",
            "pkg/a.py": "def f():\n    from . import b\n",
            "pkg/b.py": "import os\nfrom pkg.sub import leaf\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/leaf.py": "def g():\n    if True:\n        from ..a import f\n",
        },
    )
    graph = import_graph(module_files(tmp_path, "pkg"))
    assert graph == {
        "pkg": {"pkg.a"},
        "pkg.a": {"pkg", "pkg.b"},
        "pkg.b": {"pkg.sub", "pkg.sub.leaf"},
        "pkg.sub": set(),
        "pkg.sub.leaf": {"pkg.a"},
    }


def test_a_cycle_is_found_and_printed(tmp_path):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    found = cycles(graph)
    assert found == [["a", "b", "c"]]  # a module importing itself is not a cycle between modules
    assert describe(graph, found) == "a -> b -> c -> a  (all of: a, b, c)"
