"""The import graph of ttdn_desktop/, built with the AST from every import (top level or inside a
function: an import hidden in a function is still a dependency): no circle between modules and
no import running back up the layers of the README (core at the bottom, the front ends on
top). What two modules both need goes down to a module both may import."""

from tests.test_layers import PACKAGE, _imports, _imports_in, _module_name, _modules

# Lowest first. Packages on one rank may import each other unless another test forbids it
# (exchange/ and export/: test_layers.py).
LAYERS = [
    {"ttdn_desktop"},                                  # __init__: the version
    {"core"},                                          # pure Python
    {"util"},                                          # paths, atomic files, storage errors
    {"storage", "office"},
    {"exchange", "export"},
    {"demo", "workspace"},                             # demo writes sample packages
    {"ui", "cli"},                                     # the front ends (cli starts the ui)
    {"__main__"},
]


def _package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _rank(module: str) -> int:
    package = _package_of(module)
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def import_graph(sources: dict[str, tuple[str, bool]] | None = None) -> dict[str, set[str]]:
    """{module: the ttdn_desktop modules it imports}; an imported name is resolved to the
    longest module it names (`from x.y import f` is an edge to x.y)."""
    if sources is None:
        modules = {_module_name(p): p for p in _modules()}
        imported = {m: _imports(p) for m, p in modules.items()}
    else:
        imported = {m: _imports_in(text, m, is_package) for m, (text, is_package)
                    in sources.items()}
    graph = {}
    for module, names in imported.items():
        edges = set()
        for name in names:
            while name and name not in imported:
                name = name.rpartition(".")[0]
            if name and name != module:
                edges.add(name)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def upward(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{module} -> {target}" for module, targets in graph.items()
                  for target in targets if _rank(target) > _rank(module))


def test_every_package_has_a_layer():
    packages = {_package_of(_module_name(p)) for p in _modules()}
    assert packages <= set().union(*LAYERS), packages - set().union(*LAYERS)


def test_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_no_import_from_a_lower_layer_to_a_higher_one():
    found = upward(import_graph())
    assert not found, "imports running back up: " + "; ".join(found)


def test_the_checks_catch_a_cycle_inside_a_function_and_an_upward_import():
    sources = {
        "ttdn_desktop.storage.a": ("from ttdn_desktop.storage.b import x\n", False),
        "ttdn_desktop.storage.b": ("def f():\n    from .a import y\n", False),
        "ttdn_desktop.storage.c": ("from ..exchange import d\n", False),
        "ttdn_desktop.exchange.d": ("from ttdn_desktop.core.e import z\n", False),
        "ttdn_desktop.core.e": ("", False),
    }
    graph = import_graph(sources)
    assert cycles(graph) == [["ttdn_desktop.storage.a", "ttdn_desktop.storage.b"]]
    assert upward(graph) == ["ttdn_desktop.storage.c -> ttdn_desktop.exchange.d"]
    assert PACKAGE.name == "ttdn_desktop"
