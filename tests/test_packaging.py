"""How policykg installs and how its modules depend on each other: the wheel puts only
``policykg`` on the import path, and no module imports one that imports it back."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGES = {"extractor": "policykg.extractor", "graph": "policykg.graph",
            "queries": "policykg.queries", "policykg": "policykg", "corpus": "policykg.corpus"}
"""Each source folder and the name it installs under (the package-dir mapping of pyproject.toml)."""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel built from a copy of the checkout (pip builds in the source tree; the copy
    keeps ``build/`` out of the checkout). pip gets setuptools from the machine's package index."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".benchmarks"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(root / "dist"), str(source)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    [built] = (root / "dist").glob("policykg-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_installs_only_the_policykg_namespace(wheel):
    tops = {name.split("/")[0] for name in wheel.namelist()}
    dist_info = {t for t in tops if t.endswith(".dist-info")}
    assert tops - dist_info == {"policykg"}
    assert len(dist_info) == 1 and dist_info.pop().startswith("policykg-")
    top_level = [n for n in wheel.namelist() if n.endswith("top_level.txt")]
    if top_level:  # setuptools writes it; it must name nothing generic either
        assert wheel.read(top_level[0]).decode().split() == ["policykg"]


def test_the_wheel_carries_the_data_files(wheel):
    names = set(wheel.namelist())
    for data in ("policykg/extractor/data/units.jsonl", "policykg/extractor/data/indicators.jsonl",
                 "policykg/queries/templates/compare.html.j2", "policykg/graph/data/shapes.ttl",
                 "policykg/corpus/qingyang_tandafeng_2024.txt"):
        assert data in names, data


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for folder, package in PACKAGES.items():
        for path in (REPO / folder).rglob("*.py"):
            parts = [p for p in path.relative_to(REPO / folder).with_suffix("").parts if p != "__init__"]
            found[".".join([package, *parts])] = (path, path.name == "__init__.py")
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the policykg modules it imports anywhere in its text (at the top, inside
    functions, under TYPE_CHECKING: a cycle through a lazy import is still a cycle)."""
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([node.module] if node.module else []))
                wanted = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                          for a in node.names]
            else:
                continue
            for target in wanted:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return groups


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_one_that_imports_it_back():
    edges = import_graph()
    assert "policykg.queries.compare" in edges["policykg.commands.compare"]  # lazy imports count
    assert cycles(edges) == []


def test_dependencies_go_one_way():
    """extractor ← graph ← queries ← CLI: no layer imports one above it."""
    layer = {"policykg.extractor": 0, "policykg.graph": 1, "policykg.queries": 2}
    def rank(module: str) -> int:
        return next((r for prefix, r in layer.items() if module.startswith(prefix + ".") or module == prefix), 3)
    wrong = [(a, b) for a, targets in import_graph().items() for b in targets if rank(b) > rank(a)]
    assert wrong == []


def _layout() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Layout"):]
    return section[section.index("```") + 3:section.index("```", section.index("```") + 3)]


def test_the_readme_layout_names_every_module_and_folder():
    import re

    layout = _layout()
    named = set(re.findall(r"[\w.]+\.py|\w+/", layout))
    missing = []
    for folder in ("extractor", "graph", "queries", "policykg"):
        for path in (REPO / folder).rglob("*"):
            if "__pycache__" in path.parts:
                continue
            if path.is_dir() and not path.name.startswith("."):
                if f"{path.name}/" not in named:
                    missing.append(str(path.relative_to(REPO)))
            elif path.suffix == ".py" and path.name != "__init__.py" and path.name not in named:
                missing.append(str(path.relative_to(REPO)))
    assert missing == []
    gone = [name for name in named if name.endswith(".py") and not any(REPO.rglob(name))]
    assert gone == []


def test_no_class_shadows_a_builtin():
    import builtins

    taken = set(dir(builtins))
    found = [f"{path.relative_to(REPO)}: {node.name}"
             for path, _ in _modules().values()
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.ClassDef) and node.name in taken]
    assert found == []
