"""The quiz engine stays pure: no runner, no attempt store, no database under quiz/."""

from __future__ import annotations

import ast
from pathlib import Path

import coursegen.quiz

FORBIDDEN = ("coursegen.attempts", "coursegen.web", "coursegen.terminal", "coursegen.stats",
             "sqlalchemy", "psycopg", "sqlite3", "starlette")


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_quiz_package_imports_no_runner_store_or_database():
    folder = Path(coursegen.quiz.__file__).parent
    offending = {f"{path.name}: {name}" for path in sorted(folder.rglob("*.py"))
                 for name in imported_names(path)
                 if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)}
    assert offending == set()
    assert len(list(folder.rglob("*.py"))) >= 6
