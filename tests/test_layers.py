"""The package's imports point down only: a module may import from its own layer or below.

Every import counts, also those inside functions and under ``TYPE_CHECKING``. The layers,
bottom to top, are the data flow of the README's "How it is built".
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "thidua_ner"

LAYERS: list[tuple[str, ...]] = [
    ("_version", "errors", "schema", "iob", "augment"),
    ("text",),
    ("document",),
    ("formats",),
    ("families", "e5"),
    ("events",),
    ("pipeline",),
    ("catalog",),
    ("scoring", "awards"),
    ("training",),
    ("spacy_component", "bulk", "distributed", "dataframes", "rendering", "annotate", "inputs"),
    ("cli",),
    ("__init__", "__main__"),
]


def _layer_of(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"thidua_ner.{top} is in no layer: add it to LAYERS in tests/test_layers.py")


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("thidua_ner")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            out |= {n for n in names if n.startswith("thidua_ner")}
    return out


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        out[".".join(rel.parts).removesuffix(".__init__")] = path
    return out


def test_every_import_points_down_or_sideways():
    problems = []
    for module, path in _modules().items():
        if module == "thidua_ner":
            continue
        own = _layer_of(module)
        for target in _imports(path, module):
            if target == "thidua_ner":
                if module.count(".") >= 1 and own < len(LAYERS) - 1:
                    problems.append(f"{module} imports the package root (import the module it needs instead)")
                continue
            if _layer_of(target) > own:
                problems.append(f"{module} (layer {own}) imports {target} (layer {_layer_of(target)})")
    assert not problems, "\n".join(problems)


def test_no_import_cycles():
    modules = _modules()
    graph = {
        m: {t for t in _imports(p, m) if t in modules and t != m and not m.startswith(t + ".")}
        for m, p in modules.items()
    }
    # A package importing its own sub-modules (re-exports) is not a cycle.
    graph = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(stack[stack.index(nxt) :] + [nxt]) if nxt in stack else nxt)
            elif not state.get(nxt):
                visit(nxt, stack + [nxt])
        state[node] = 2

    for m in graph:
        if not state.get(m):
            visit(m, [m])
    assert not cycles, "\n".join(cycles)
