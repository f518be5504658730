"""docs/deploy.md names every environment variable the code reads, and only those.

The variables are found by reading the source (``ast``), not from a list kept by hand: a new
``os.environ.get("X")`` anywhere under src/staffroom fails this test until deploy.md's table of
variables has a row for ``X``.
"""

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "staffroom"
DEPLOY = ROOT / "docs" / "deploy.md"

# Mapping methods of os.environ whose first argument is the name of a variable that is read
# (setdefault keeps a value already set, so the variable is honoured: DJANGO_SETTINGS_MODULE).
READING_METHODS = {"get", "setdefault", "pop"}


def _is_environ(node: ast.AST) -> bool:
    """``os.environ`` or a bare ``environ`` (``from os import environ``)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "environ"


def _is_getenv(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "getenv" and isinstance(node.value, ast.Name) and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "getenv"


def _is_membership_test(node: ast.AST) -> bool:
    """``"X" in os.environ`` (or ``not in``)."""
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.In | ast.NotIn)
        and _is_environ(node.comparators[0])
    )


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _environ_keys(tree: ast.AST):
    """Every (key expression, node) where the code reads the environment directly."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in READING_METHODS:
                if _is_environ(func.value):
                    yield node.args[0], node
            elif _is_getenv(func):
                yield node.args[0], node
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            if _is_environ(node.value):
                yield node.slice, node
        elif _is_membership_test(node):
            yield node.left, node


def _wrappers(tree: ast.AST) -> dict[str, int]:
    """Functions that read the variable named by one of their parameters (``env_bool(name)``):
    name -> position of that parameter."""
    found = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        parameters = [argument.arg for argument in function.args.args]
        for key, _node in _environ_keys(function):
            if isinstance(key, ast.Name) and key.id in parameters:
                found[function.name] = parameters.index(key.id)
    return found


def environment_variables(sources: dict[str, str]) -> tuple[dict[str, set[str]], list[str]]:
    """The variables that ``sources`` (file name -> Python source) read, each with where, and
    the reads whose variable cannot be told from the source (the test refuses those too)."""
    trees = {name: ast.parse(text, filename=name) for name, text in sources.items()}
    wrappers: dict[str, int] = {}
    for tree in trees.values():
        wrappers.update(_wrappers(tree))
    found: dict[str, set[str]] = {}
    unresolved = []
    for name, tree in trees.items():
        inside_wrappers = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and function.name in wrappers
            for _key, node in _environ_keys(function)
        }
        reads = [
            (key, node) for key, node in _environ_keys(tree) if id(node) not in inside_wrappers
        ]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) in wrappers:
                position = wrappers[_called_name(node)]
                if len(node.args) > position:
                    reads.append((node.args[position], node))
                else:
                    unresolved.append(f"{name}:{node.lineno} (a variable passed by keyword)")
        for key, node in reads:
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                found.setdefault(key.value, set()).add(f"{name}:{node.lineno}")
            else:
                unresolved.append(f"{name}:{node.lineno} ({ast.unparse(key)})")
    return found, unresolved


def documented_variables(markdown: str) -> set[str]:
    """The names in the first column of deploy.md's tables of variables (those whose header
    starts with ``| variable |``)."""
    names: set[str] = set()
    in_table = False
    for line in markdown.splitlines():
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "variable":
            in_table = True
        elif in_table:
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", cells[0]))
    return names


@functools.cache
def _scan_of_the_source() -> tuple[dict[str, set[str]], list[str]]:
    return environment_variables(
        {
            str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
            for path in sorted(SRC.rglob("*.py"))
            if "migrations" not in path.parts
        }
    )


def test_every_variable_the_code_reads_is_in_deploy_md():
    found, unresolved = _scan_of_the_source()
    assert not unresolved, f"environment reads whose variable cannot be told: {unresolved}"
    missing = sorted(set(found) - documented_variables(DEPLOY.read_text(encoding="utf-8")))
    assert not missing, "not in docs/deploy.md's table of variables: " + ", ".join(
        f"{name} (read in {', '.join(sorted(found[name]))})" for name in missing
    )


def test_deploy_md_names_no_variable_the_code_does_not_read():
    found, _unresolved = _scan_of_the_source()
    stale = sorted(documented_variables(DEPLOY.read_text(encoding="utf-8")) - set(found))
    assert not stale, f"docs/deploy.md documents variables nothing reads: {stale}"


def test_the_scan_finds_every_way_of_reading_a_variable():
    settings = """
import os
from os import environ, getenv

def env_flag(name, default=False):
    return os.environ.get(name, default)

def env_items(prefix, name):
    return os.environ[name].split(",")

A = os.environ.get("VAR_GET", "x")
B = os.environ["VAR_ITEM"]
C = os.getenv("VAR_GETENV")
D = "VAR_IN" in os.environ
E = env_flag("VAR_WRAPPED")
F = env_items("ignored", "VAR_WRAPPED_SECOND")
G = environ.get("VAR_FROM_IMPORT") or getenv("VAR_GETENV_IMPORT")
os.environ.setdefault("VAR_SETDEFAULT", "staffroom.settings")
os.environ["NOT_READ"] = "written, not read"
"""
    command = """
import os

def handle(port=int(os.environ.get("VAR_IN_COMMAND", "8000"))):
    return port
"""
    found, unresolved = environment_variables({"settings.py": settings, "command.py": command})
    assert set(found) == {
        "VAR_GET",
        "VAR_ITEM",
        "VAR_GETENV",
        "VAR_IN",
        "VAR_WRAPPED",
        "VAR_WRAPPED_SECOND",
        "VAR_FROM_IMPORT",
        "VAR_GETENV_IMPORT",
        "VAR_SETDEFAULT",
        "VAR_IN_COMMAND",
    }
    assert found["VAR_WRAPPED"] == {"settings.py:15"}
    assert unresolved == []


def test_a_read_whose_variable_cannot_be_told_is_refused():
    found, unresolved = environment_variables(
        {"odd.py": "import os\nNAME = 'X'\nVALUE = os.environ.get(NAME)\n"}
    )
    assert found == {}
    assert unresolved == ["odd.py:3 (NAME)"]


def test_only_the_tables_of_variables_count_as_documentation():
    markdown = """
Set `PROSE_ONLY` in prose.

| variable | meaning | default |
|---|---|---|
| `ONE`, `TWO` | something, mentioning `NOT_A_NAME_HERE` | — |

| process | command |
|---|---|
| `OTHER_TABLE` | x |
"""
    assert documented_variables(markdown) == {"ONE", "TWO"}
