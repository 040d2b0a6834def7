"""The package's imports point one way: down the layer list of DESIGN.md, with no cycle.

Every import statement in the package counts — module level, inside functions (lazy imports) and
under ``TYPE_CHECKING`` — because each is a dependency of the module that writes it. An import may
point to a module of a lower layer or of the same layer, never higher; and the graph of modules
has no cycle at all (a package's ``__init__`` counts as a module of its own).
"""

from __future__ import annotations

import ast
from pathlib import Path

import acctverify

ROOT = Path(acctverify.__file__).resolve().parent

#: Bottom to top (DESIGN.md, "Layout"). A module belongs to the first entry that is it or a
#: package containing it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("acctverify._version", "acctverify._hooks", "acctverify._optional"),
    ("acctverify.models",),
    ("acctverify.exceptions",),
    ("acctverify._regex", "acctverify._data"),
    ("acctverify._unicode",),
    ("acctverify._lookalike",),
    ("acctverify.cn",),
    (
        "acctverify._parse",
        "acctverify.names",
        "acctverify.directory",
        "acctverify.text",
        "acctverify.licence_image",
    ),
    ("acctverify._facts",),
    ("acctverify.rules",),
    ("acctverify.scoring", "acctverify._advice"),
    ("acctverify._verify",),
    ("acctverify.render",),
    ("acctverify.sources",),
    (
        "acctverify._pool",
        "acctverify._request_check",
        "acctverify.batch",
        "acctverify.frame",
        "acctverify.dask",
        "acctverify.cli",
        "acctverify.testing",
        "acctverify.__main__",
        "acctverify",
    ),
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _target(name: str) -> str | None:
    """The package module *name* refers to (an attribute import names its module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            names = [f"{origin}.{alias.name}" for alias in node.names] or [origin]
            names = [name if name in MODULES else origin for name in names]
        for name in names:
            if name == "acctverify" or name.startswith("acctverify."):
                target = _target(name)
                if target is not None and target != module:
                    found.add(target)
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def layer_of(module: str) -> int:
    best: tuple[int, int] | None = None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                candidate = (len(prefix), index)
                if best is None or candidate > best:
                    best = candidate
    assert best is not None, f"{module} is in no layer: add it to LAYERS (and DESIGN.md)"
    return best[1]


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_imports_point_down() -> None:
    upward = sorted(
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in GRAPH.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )
    assert not upward, "\n".join(upward)


def _cycles() -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        # Tarjan's strongly connected components, iterative to stay clear of recursion limits.
        work = [(node, iter(sorted(GRAPH[node])))]
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        while work:
            current, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(GRAPH[child]))))
                elif child in on_stack:
                    low[current] = min(low[current], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[current])
            if low[current] == index[current]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == current:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle() -> None:
    assert _cycles() == []


def test_models_import_only_models() -> None:
    for module, targets in GRAPH.items():
        if module.startswith("acctverify.models"):
            outside = {t for t in targets if not t.startswith("acctverify.models")}
            assert outside <= {"acctverify._hooks"}, (module, outside)


def test_the_checker_sees_lazy_and_upward_imports() -> None:
    """The checker itself: a lazy import inside a function counts, and so does its direction."""
    source = "def f():\n    from acctverify.cli import main\n"
    tree = ast.parse(source)
    lazy = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert lazy
    assert lazy[0].module == "acctverify.cli"
    assert layer_of("acctverify.cli") > layer_of("acctverify.models")
    # a real lazy import of the package is found: verify() imports the licence-image reader lazily
    assert "acctverify.licence_image" in GRAPH["acctverify._verify"]
