"""The kernel is plain Python: nothing in it imports Django or the apps."""

from __future__ import annotations

import ast
from pathlib import Path

KERNEL = Path(__file__).resolve().parents[2] / "src" / "concours" / "kernel"
APPS = (
    "concours.core",
    "concours.accounts",
    "concours.vacancies",
    "concours.candidates",
    "concours.applications",
    "concours.screening",
    "concours.essays",
    "concours.config",
)


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_kernel_module_imports_django_or_an_app() -> None:
    """Every module under concours/kernel imports neither django nor a Django app of Concours."""
    offenders = {
        f"{path.relative_to(KERNEL)}: {name}"
        for path in KERNEL.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] == "django" or name.startswith(APPS)
    }
    assert sorted(offenders) == []
