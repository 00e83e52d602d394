"""The package's import graph, read from the source: cycles and imports across the house's walls.

Every module is parsed with ``ast`` and nothing is imported, so the check runs
without spaCy, scikit-learn or a web framework and cannot be fooled by import
order. An edge ``a -> b`` means "importing ``a`` (or calling a function of
``a``) runs ``b``":

* relative and absolute imports of the package's own modules, at module level
  and inside functions (a late import is still a dependency: it is marked, not
  dropped);
* ``from . import x`` points at submodule ``x`` when there is one, otherwise at
  the package that defines the name ``x``;
* importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first, so those
  packages are edges too (except the importer's own packages, already running);
* imports under ``if TYPE_CHECKING:`` never run and are left out.

The rules (``forbidden_edges``): a stage (``ingest``, ``language``,
``stories``, ``framing``, ``compare``, ``report``) is pure of storage and of
the front ends, so it imports none of ``store``, ``pipeline``, ``cli`` or
``web``; and ``store`` imports no stage (storage holds no algorithm).

Run ``python -m newsparallax.devtools.imports [--json] [PACKAGE_DIR]``: exit
code 0 when there is no cycle (module-level or through late imports) and no
forbidden edge, 1 otherwise.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

# Graph: module -> {imported module: True when imported at module level (else only inside functions)}
Graph = dict[str, dict[str, bool]]

STAGES = ("ingest", "language", "stories", "framing", "compare", "report")
FRONT_AND_STORAGE = ("store", "pipeline", "cli", "web")


def module_files(package_dir: Path) -> dict[str, Path]:
    """Every module of the package under ``package_dir``, by dotted name (a package by its ``__init__``).

    >>> import newsparallax
    >>> modules = module_files(Path(newsparallax.__file__).parent)
    >>> modules["newsparallax"].name, modules["newsparallax.ingest.readers"].name
    ('__init__.py', 'readers.py')
    """
    root = package_dir.name
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join((root, *parts))] = path
    return modules


def import_graph(package_dir: Path | str) -> Graph:
    """Module -> {module it imports: whether at module level}, for every module of the package.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     pkg = Path(tmp, "pkg")
    ...     (pkg / "sub").mkdir(parents=True)
    ...     for name, text in {"__init__.py": "", "a.py": "from . import b\\n",
    ...                        "b.py": "def f():\\n    from .sub.c import x\\n",
    ...                        "sub/__init__.py": "", "sub/c.py": "import os\\nx = 1\\n"}.items():
    ...         _ = (pkg / name).write_text(text)
    ...     import_graph(pkg)
    {'pkg': {}, 'pkg.a': {'pkg.b': True}, 'pkg.b': {'pkg.sub': False, 'pkg.sub.c': False}, 'pkg.sub': {}, 'pkg.sub.c': {}}
    """
    modules = module_files(Path(package_dir))
    graph: Graph = {}
    for name, path in modules.items():
        edges = graph.setdefault(name, {})
        is_package = path.name == "__init__.py"
        for node, module_level in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for target in _targets(node, name, is_package, modules):
                edges[target] = edges.get(target, False) or module_level
    return {name: dict(sorted(edges.items())) for name, edges in sorted(graph.items())}


def _import_nodes(node: ast.AST, module_level: bool = True) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement below ``node``, with whether it runs when the module is imported."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, module_level
        elif _is_type_checking(child):
            # The body only runs for type checkers; an ``else:`` branch runs for real.
            for statement in child.orelse:
                yield from _import_nodes(ast.Module(body=[statement], type_ignores=[]), module_level)
        else:
            # A class body runs at import time; a function body (or lambda) only when called.
            inside = module_level and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            yield from _import_nodes(child, inside)


def _is_type_checking(node: ast.AST) -> bool:
    """Whether ``node`` is ``if TYPE_CHECKING:`` (or ``if typing.TYPE_CHECKING:``)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool, modules: Mapping[str, Path]) -> set[str]:
    """The package's modules that ``node`` runs, seen from module ``importer``."""
    if isinstance(node, ast.Import):
        named = {_known_prefix(alias.name, modules) for alias in node.names}
    else:
        base = _from_base(node, importer, is_package)
        # ``from base import x``: x is a submodule when the package has one by that name, else a name of base.
        named = {_known_prefix(base, modules)} | {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules}
    return {ran for target in named if target for ran in _with_packages(target, importer, modules)}


def _from_base(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module named by ``from <base> import ...`` (relative levels resolved against ``importer``)."""
    if not node.level:
        return node.module or ""
    package = importer if is_package else importer.rpartition(".")[0]
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - (node.level - 1)])
    return f"{base}.{node.module}" if node.module else base


def _known_prefix(name: str, modules: Mapping[str, Path]) -> str | None:
    """The longest leading part of dotted ``name`` that is a module of the package (None: not ours)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in modules:
            return ".".join(parts[:end])
    return None


def _with_packages(target: str, importer: str, modules: Mapping[str, Path]) -> Iterator[str]:
    """``target`` and the packages above it that importing it runs (not the importer's own, already running)."""
    parts = target.split(".")
    for end in range(1, len(parts) + 1):
        name = ".".join(parts[:end])
        if name in modules and not (importer == name or importer.startswith(name + ".")):
            yield name


def module_level(graph: Mapping[str, Mapping[str, bool]]) -> dict[str, list[str]]:
    """Only the edges that run when a module is imported (late imports inside functions dropped).

    >>> module_level({"a": {"b": True, "c": False}, "b": {}, "c": {}})
    {'a': ['b'], 'b': [], 'c': []}
    """
    return {name: [target for target, at_top in edges.items() if at_top] for name, edges in graph.items()}


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted, in sorted order.

    ``graph`` maps a module to the modules it imports (a ``Graph`` works: its keys are the targets).

    >>> cycles({"a": {"b": True}, "b": {"c": False}, "c": {"a": True}, "d": {"a": True}})
    [['a', 'b', 'c']]
    >>> cycles({"a": ["b"], "b": []})
    []
    """
    search = _Tarjan(graph)
    for node in sorted(graph):
        if node not in search.index:
            search.visit(node)
    return sorted(sorted(component) for component in search.components if len(component) > 1)


class _Tarjan:
    """Tarjan's strongly connected components, one depth-first search (recursive: the package is small)."""

    def __init__(self, graph: Mapping[str, Iterable[str]]) -> None:
        self.graph = graph
        self.index: dict[str, int] = {}  # order of discovery
        self.low: dict[str, int] = {}  # the earliest open node reachable from here
        self.stack: list[str] = []
        self.open: set[str] = set()  # the nodes on the stack, for a constant-time check
        self.components: list[list[str]] = []

    def visit(self, node: str) -> None:
        self.index[node] = self.low[node] = len(self.index)
        self.stack.append(node)
        self.open.add(node)
        for target in self.graph.get(node, ()):
            if target not in self.index:
                self.visit(target)
                self.low[node] = min(self.low[node], self.low[target])
            elif target in self.open:  # a way back into the component being built
                self.low[node] = min(self.low[node], self.index[target])
        if self.low[node] == self.index[node]:
            self._close(node)

    def _close(self, root: str) -> None:
        """Pop the finished component whose first-discovered node is ``root``."""
        at = self.stack.index(root)
        component, self.stack[at:] = self.stack[at:], []
        self.open.difference_update(component)
        self.components.append(component)


def forbidden_edges(graph: Mapping[str, Iterable[str]], root: str = "newsparallax") -> list[tuple[str, str]]:
    """The edges that cross a wall: a stage importing store/pipeline/cli/web, or ``store`` importing a stage.

    Late imports count too: a stage that reaches the store inside a function still depends on it.

    >>> forbidden_edges({"newsparallax.stories.placement": {"newsparallax.store": False},
    ...                  "newsparallax.store": {"newsparallax.records": True, "newsparallax.ingest.readers": True},
    ...                  "newsparallax.pipeline": {"newsparallax.store": True}})
    [('newsparallax.store', 'newsparallax.ingest.readers'), ('newsparallax.stories.placement', 'newsparallax.store')]
    """
    bad = [(name, target) for name, edges in graph.items() for target in edges
           if (_under(name, root, STAGES) and _under(target, root, FRONT_AND_STORAGE))
           or (name == f"{root}.store" and _under(target, root, STAGES))]
    return sorted(bad)


def _under(name: str, root: str, tops: Iterable[str]) -> bool:
    """Whether module ``name`` is one of ``root.<top>`` or inside it."""
    return any(name == f"{root}.{top}" or name.startswith(f"{root}.{top}.") for top in tops)


def short(name: str, root: str = "newsparallax") -> str:
    """A module's name without the package prefix (the package itself keeps its name).

    >>> short("newsparallax.ingest.readers"), short("newsparallax")
    ('ingest.readers', 'newsparallax')
    """
    return name[len(root) + 1:] if name.startswith(root + ".") else name


def report_lines(graph: Graph, root: str = "newsparallax") -> list[str]:
    """The readable report: the graph, the cycles (module-level, then all edges), the forbidden edges, a verdict."""
    lines = ["import graph (module -> modules it imports; 'late:' = only inside functions):"]
    for name, edges in graph.items():
        top = [short(t, root) for t, at_top in edges.items() if at_top]
        late = [short(t, root) for t, at_top in edges.items() if not at_top]
        lines.append(f"  {short(name, root)} -> {', '.join(top) or '-'}" + (f" | late: {', '.join(late)}" if late else ""))
    for title, components in (("module-level imports", cycles(module_level(graph))), ("all imports", cycles(graph))):
        lines.append(f"cycles ({title}): {len(components) or 'none'}")
        lines.extend(_component_lines(graph, component, root) for component in components)
    bad = forbidden_edges(graph, root)
    lines.append(f"forbidden edges: {len(bad) or 'none'}")
    lines.extend(f"  {short(a, root)} -> {short(b, root)}{'' if graph[a][b] else ' (late)'}" for a, b in bad)
    lines.append(_verdict(graph, root))
    return lines


def _component_lines(graph: Graph, component: list[str], root: str) -> str:
    """One cycle as the edges inside it, so the imports to break are in plain sight."""
    inside = [f"{short(a, root)} -> {short(b, root)}{'' if graph[a][b] else ' (late)'}"
              for a in component for b in graph[a] if b in component]
    return f"  {{{', '.join(short(m, root) for m in component)}}}: " + "; ".join(inside)


def _verdict(graph: Graph, root: str) -> str:
    """The final line: clean, or what is wrong in numbers."""
    counts = (len(cycles(module_level(graph))), len(cycles(graph)), len(forbidden_edges(graph, root)))
    if not any(counts):
        return "OK: no import cycle, no forbidden edge"
    return "NOT CLEAN: {} module-level cycle(s), {} cycle(s) through all imports, {} forbidden edge(s)".format(*counts)


def summary(graph: Graph, root: str = "newsparallax") -> dict:
    """The same facts as ``report_lines`` as plain data (for ``--json``)."""
    return {
        "graph": {name: {"module_level": [t for t, top in edges.items() if top],
                         "late": [t for t, top in edges.items() if not top]} for name, edges in graph.items()},
        "cycles": {"module_level": cycles(module_level(graph)), "all": cycles(graph)},
        "forbidden": [list(edge) for edge in forbidden_edges(graph, root)],
        "clean": is_clean(graph, root),
    }


def is_clean(graph: Graph, root: str = "newsparallax") -> bool:
    """No cycle through any import (late ones included) and no forbidden edge."""
    return not (cycles(graph) or forbidden_edges(graph, root))


def main(argv: list[str] | None = None) -> int:
    """Print the report (or ``--json``); 0 when clean, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m newsparallax.devtools.imports", description=__doc__.splitlines()[0])
    parser.add_argument("package_dir", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the package to read (default: this newsparallax)")
    parser.add_argument("--json", action="store_true", help="print the graph, cycles and forbidden edges as JSON")
    args = parser.parse_args(argv)
    graph, root = import_graph(args.package_dir), args.package_dir.name
    text = json.dumps(summary(graph, root), indent=2) if args.json else "\n".join(report_lines(graph, root))
    try:
        print(text)
    except BrokenPipeError:  # piped into `head`: the reader left, which is no error of ours
        sys.stderr.close()
    return 0 if is_clean(graph, root) else 1


if __name__ == "__main__":
    sys.exit(main())
