"""The layers hold: ``remix.core`` is what every app shares, so it imports no app; no app imports
another in a circle (the API kernel, ``remix.api``, that every app registers its routes with, is the
one exception); inside an app, no module imports itself back through others.

Imports are read from the source (module level and inside functions alike), tests and migrations
left out."""

import ast
from pathlib import Path

import networkx as nx

import remix

SOURCE = Path(remix.__file__).parent
APPS = sorted(
    path.name for path in SOURCE.iterdir() if (path / "apps.py").exists() and path.name != "core"
)
KERNEL = "api"


def _modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted name → file, for every module under ``root`` (tests and migrations left out)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join((package, *parts))] = path
    return found


def _names(path: Path) -> set[str]:
    """The dotted names a module imports: ``from a.b import c`` gives ``a.b`` and ``a.b.c``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def module_graph(root: Path = SOURCE, package: str = "remix") -> nx.DiGraph:
    """Module → each module of the same tree it imports."""
    modules = _modules(root, package)
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from((name, target) for target in _names(path) & modules.keys())
    graph.remove_edges_from(nx.selfloop_edges(graph))
    return graph


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def app_graph(modules: nx.DiGraph) -> nx.DiGraph:
    """App → each other app one of its modules imports."""
    graph = nx.DiGraph()
    for source, target in modules.edges:
        if _app(source) and _app(target) and _app(source) != _app(target):
            graph.add_edge(_app(source), _app(target))
    return graph


def _from_first(cycle: list[str]) -> list[str]:
    """A circle written from its smallest name, so that it reads the same whatever the order
    networkx found it in."""
    start = cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]


def app_cycles(modules: nx.DiGraph) -> list[list[str]]:
    return sorted(
        _from_first(cycle) for cycle in nx.simple_cycles(app_graph(modules)) if KERNEL not in cycle
    )


def module_cycles(modules: nx.DiGraph) -> list[list[str]]:
    """Circles of imports between modules of one app."""
    return sorted(
        _from_first(cycle)
        for cycle in nx.simple_cycles(modules)
        if len({_app(module) for module in cycle}) == 1 and _app(cycle[0])
    )


def imports_of(root: Path) -> dict[str, set[str]]:
    """Each module of ``root`` → the remix apps it imports."""
    found = {}
    for path in _modules(root, root.name).values():
        apps = {n.split(".")[1] for n in _names(path) if n.startswith("remix.")} & set(APPS)
        if apps:
            found[str(path.relative_to(root))] = apps
    return found


def test_core_imports_no_app():
    assert imports_of(SOURCE / "core") == {}


def test_no_app_imports_another_in_a_circle():
    assert app_cycles(module_graph()) == []


def test_no_module_imports_itself_back_inside_an_app():
    assert module_cycles(module_graph()) == []


def test_the_reader_sees_an_import_of_an_app(tmp_path):
    module = tmp_path / "core" / "rule.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from remix.grants.models import Stage\n")
    assert list(imports_of(tmp_path / "core").values()) == [{"grants"}]


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "remix" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path / "remix"


def test_the_reader_sees_a_circle_between_apps_even_inside_a_function(tmp_path):
    root = _tree(
        tmp_path,
        {
            "ledger/__init__.py": "",
            "ledger/views.py": "def page():\n    from remix.grants import report\n",
            "grants/__init__.py": "",
            "grants/report.py": "from remix.ledger.views import page\n",
            "api/__init__.py": "",
            "api/router.py": "from remix.ledger import views\n",
            "ledger/api.py": "from remix.api import router\n",
        },
    )
    assert app_cycles(module_graph(root)) == [["grants", "ledger"]]


def test_the_reader_sees_a_circle_inside_an_app(tmp_path):
    root = _tree(
        tmp_path,
        {
            "ledger/__init__.py": "",
            "ledger/imports.py": "from remix.ledger import services\n",
            "ledger/services.py": "def run():\n    from remix.ledger.tasks import process\n",
            "ledger/tasks.py": "from remix.ledger import imports\n",
        },
    )
    assert module_cycles(module_graph(root)) == [
        ["remix.ledger.imports", "remix.ledger.services", "remix.ledger.tasks"]
    ]
