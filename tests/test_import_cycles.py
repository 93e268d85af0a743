"""No import cycles among the modules of ``pipeline/``, and every module imports on its own.

The import graph is read from the source with ``ast``: an edge ``a -> b`` for every ``import`` or
``from ... import`` in ``a`` that names the pipeline module ``b`` (or a name defined in ``b``).
Imports under ``if TYPE_CHECKING:`` are not edges. Module-level imports must form no cycle, and
imports inside functions (lazy imports) must not close one either: a lazy import hides a cycle from
the interpreter, not from the reader. Importing a package's submodule runs the package's
``__init__`` first; that is how packages work and is not counted as an edge.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "pipeline"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def pipeline_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PKG.rglob("*.py")) if "__pycache__" not in p.parts}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.Module, lazy: bool) -> list[ast.Import | ast.ImportFrom]:
    """The import statements run when the module is imported (and, if ``lazy``, those in functions too)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.append(node)
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(node.orelse)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if lazy:
                    visit(node.body)
            else:
                for name in ("body", "orelse", "finalbody", "handlers"):
                    visit([n for n in getattr(node, name, [])
                           if isinstance(n, (ast.stmt, ast.ExceptHandler))])
                if isinstance(node, ast.ExceptHandler):
                    visit(node.body)

    visit(tree.body)
    return found


def import_graph(lazy: bool) -> dict[str, set[str]]:
    """``module -> {pipeline modules it imports}``; with ``lazy``, imports inside functions count too."""
    modules = pipeline_modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8")), lazy):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base = package.split(".")
                    base = base[:len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target
                           for a in node.names]
            for t in targets:
                while t and t not in modules:  # ``import pipeline.x.y`` names the module pipeline.x.y
                    t = t.rpartition(".")[0]
                if t and t != mod:
                    graph[mod].add(t)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def strongconnect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return out


def test_the_graph_sees_the_imports_it_should():
    graph = import_graph(lazy=False)
    assert "pipeline.batch.plan" in graph["pipeline.batch.job"]
    assert "pipeline.ingest.document" in graph["pipeline.ingest.html"]
    assert "pipeline.batch.execute.dask" not in graph["pipeline.batch.job"]  # imported inside make_engine
    assert "pipeline.batch.execute.dask" in import_graph(lazy=True)["pipeline.batch.job"]


def test_cycles_are_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_level_import_cycle():
    assert cycles(import_graph(lazy=False)) == []


def test_no_import_cycle_even_through_lazy_imports():
    assert cycles(import_graph(lazy=True)) == []


def test_batch_parts_depend_one_way():
    """Engines depend on shared parts, never on each other or on the run that drives them."""
    graph = import_graph(lazy=True)
    engines = {"pipeline.batch.execute.inline", "pipeline.batch.execute.local", "pipeline.batch.execute.dask"}
    upper = engines | {"pipeline.batch.job", "pipeline.batch", "pipeline.runner"}
    for mod in engines:
        assert not graph[mod] & (upper - {mod}), mod
    for mod in ("pipeline.batch.options", "pipeline.batch.records", "pipeline.batch.work", "pipeline.batch.pages",
                "pipeline.batch.plan", "pipeline.batch.journal", "pipeline.batch.assemble"):
        assert not graph[mod] & upper, mod
    assert not {m for m in graph["pipeline.ingest.document"] if m.startswith("pipeline.ingest")}
    for reader in ("pipeline.ingest.html", "pipeline.ingest.warc", "pipeline.ingest.page"):
        assert "pipeline.ingest.files" not in graph[reader], reader
    assert "pipeline.ingest.warc" not in graph["pipeline.ingest.page"]  # pages are shared by the readers
    for mod in (m for m in graph if m.startswith("pipeline.ingest")):  # ingest knows nothing of the batch run
        assert not {m for m in graph[mod] if m.startswith("pipeline.batch")}, mod


_IMPORT_EACH = r"""
import json, os, sys
third_party, names = json.loads(sys.argv[1])
for dep in third_party:  # shared by all children; none of pipeline is imported here
    try:
        __import__(dep)
    except Exception:
        pass
assert not [m for m in sys.modules if m == "pipeline" or m.startswith("pipeline.")]
failed, running = [], {}

def reap():
    pid, status = os.wait()
    if status != 0:
        failed.append(running[pid])
    del running[pid]

for name in names:
    if len(running) >= (os.cpu_count() or 1):
        reap()
    pid = os.fork()
    if pid == 0:  # a child with nothing of pipeline imported yet
        try:
            __import__(name)
        except BaseException as exc:
            sys.stderr.write(f"{name}: {type(exc).__name__}: {exc}\n")
            os._exit(1)
        os._exit(0)
    running[pid] = name
while running:
    reap()
print(" ".join(sorted(failed)))
"""


def third_party_imports() -> list[str]:
    """The top-level packages outside pipeline/ that pipeline modules import when they are imported."""
    found: set[str] = set()
    for path in pipeline_modules().values():
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8")), lazy=False):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if not node.level else []
            found.update(n.split(".")[0] for n in names if n and n.split(".")[0] != "pipeline")
    return sorted(found - set(sys.stdlib_module_names))


OPTIONAL = {"pipeline.batch.execute.dask": "distributed", "pipeline.crawl": "scrapy"}


@pytest.mark.slow
def test_every_module_imports_on_its_own():
    """Each module of pipeline/ imported first, in a process that has imported nothing of pipeline.

    One interpreter imports the third-party packages once, then forks a child per module (a few at
    a time), so that a module that only imports in a certain order shows up.
    """
    import importlib.util
    import json

    names = [m for m in pipeline_modules()
             if not any(m.startswith(k) and importlib.util.find_spec(v) is None for k, v in OPTIONAL.items())]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    arg = json.dumps([third_party_imports(), names])
    res = subprocess.run([sys.executable, "-c", _IMPORT_EACH, arg], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.split() == [], res.stderr[-3000:]
