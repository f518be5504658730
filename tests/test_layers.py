"""The apps are layered: an app imports only apps of lower layers (docs/architecture.md).

The import graph is read from the source (every import, also those inside functions), so a
newcomer can trust that the layers drawn in the docs are the layers in the code.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "staffroom"

# Lowest first. Apps in the same layer do not import each other.
LAYERS = [
    ["core"],
    # security (the security event log) is below accounts, whose export and deletion record
    # events.
    ["curriculum", "security"],
    ["accounts"],
    ["api", "notifications"],
    ["recognition"],
    ["resources"],
    ["search", "moderation", "interop"],
    ["forum"],
    ["events"],
    ["newsletter"],
    # themes gather resources, questions and events, and fill the newsletter's theme block
    # and search's page groups (docs/themes.md).
    ["themes"],
    # insight counts what every app below it records and holds (docs/analytics.md).
    ["insight"],
    ["site"],
]
LAYER_OF = {app: number for number, apps in enumerate(LAYERS) for app in apps}
# The project's own modules (settings, root URLs, the command) sit above every app.
PROJECT_MODULES = {"settings", "urls", "wsgi", "__main__", "__init__"}


def _imported_modules(tree: ast.AST, module: str) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join(package + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.append((base, node.lineno))
            # ``from staffroom import resources`` names the app in the alias.
            if base == "staffroom":
                found += [(f"staffroom.{alias.name}", node.lineno) for alias in node.names]
    return found


def app_imports() -> dict[tuple[str, str], list[str]]:
    """{(importing app, imported app): ["file:line", ...]} over src/staffroom, migrations
    left out (they name models of other apps by design)."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if "migrations" in relative.parts:
            continue
        app = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        module = ".".join(("staffroom", *relative.with_suffix("").parts))
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, line in _imported_modules(tree, module):
            parts = name.split(".")
            if parts[0] != "staffroom" or len(parts) < 2 or parts[1] == app:
                continue
            edges[(app, parts[1])].append(f"{relative}:{line}")
    return edges


def test_every_app_has_a_layer():
    apps = {path.parent.name for path in SRC.glob("*/apps.py")}
    assert apps - LAYER_OF.keys() == set(), "add the new app to LAYERS and docs/architecture.md"


def test_no_app_imports_a_higher_layer_or_a_sibling():
    wrong = []
    for (importer, imported), places in sorted(app_imports().items()):
        if importer in PROJECT_MODULES:
            continue
        if imported not in LAYER_OF:
            continue  # a module of the project itself (settings), checked below
        if LAYER_OF[imported] >= LAYER_OF[importer]:
            wrong.append(f"{importer} -> {imported}: {', '.join(places)}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_apps_never_import_the_project_modules():
    """Settings are read through django.conf.settings; the root URLs and the command are the
    top of the house."""
    wrong = [
        f"{importer} -> {imported}: {', '.join(places)}"
        for (importer, imported), places in sorted(app_imports().items())
        if importer in LAYER_OF and imported in PROJECT_MODULES
    ]
    assert not wrong, "\n".join(wrong)


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_between_apps():
    graph: dict[str, set[str]] = defaultdict(set)
    for importer, imported in app_imports():
        graph[importer].add(imported)
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from staffroom.search.services import x", {("resources", "search")}),
        ("def f():\n    from staffroom.search import tasks", {("resources", "search")}),
        ("from staffroom import search", {("resources", "search")}),
        ("import staffroom.forum.models", {("resources", "forum")}),
        ("from ..search import tasks", {("resources", "search")}),
    ],
)
def test_the_graph_sees_every_kind_of_import(tmp_path, monkeypatch, source, expected):
    """The check itself: imports in functions, of whole apps and relative ones all count."""
    package = tmp_path / "staffroom" / "resources"
    package.mkdir(parents=True)
    (package / "services.py").write_text(source)
    monkeypatch.setattr(__import__(__name__, fromlist=["SRC"]), "SRC", tmp_path / "staffroom")
    assert set(app_imports()) == expected
