"""The layers hold: ``remix.core`` is what every app shares, so it imports no app."""

import ast
from pathlib import Path

import remix

SOURCE = Path(remix.__file__).parent
APPS = sorted(
    path.name for path in SOURCE.iterdir() if (path / "apps.py").exists() and path.name != "core"
)


def imports_of(root: Path) -> dict[str, set[str]]:
    """Each module of ``root`` (tests and migrations left out) → the remix apps it imports."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "tests" in parts or "migrations" in parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        apps = {name.split(".")[1] for name in names if name.startswith("remix.")} & set(APPS)
        if apps:
            found[str(path.relative_to(root))] = apps
    return found


def test_core_imports_no_app():
    assert imports_of(SOURCE / "core") == {}


def test_the_reader_sees_an_import_of_an_app(tmp_path):
    module = tmp_path / "core" / "rule.py"
    module.parent.mkdir()
    module.write_text("def f():\n    from remix.grants.models import Stage\n")
    assert list(imports_of(tmp_path / "core").values()) == [{"grants"}]
