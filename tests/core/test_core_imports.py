"""`core` is the lowest domain app: it imports no other Concours app (the kernel is not an app)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "concours" / "core"
ALLOWED = ("concours.core", "concours.kernel")


def concours_imports(path: Path) -> list[str]:
    """Every Concours module `path` imports, at any depth (relative imports resolved inside core)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            found.append(f"concours.core.{module}" if node.level else module)
    return [name for name in found if name == "concours" or name.startswith("concours.")]


def forbidden(path: Path) -> list[str]:
    return [name for name in concours_imports(path) if not name.startswith(ALLOWED)]


def test_core_imports_no_other_app() -> None:
    """No module of core, migrations included, imports an app above it."""
    modules = sorted(CORE.rglob("*.py"))
    assert len(modules) > 3, "core's modules were not found"
    found = {str(path.relative_to(CORE)): forbidden(path) for path in modules}
    assert {path: names for path, names in found.items() if names} == {}


def test_the_scan_sees_imports_of_other_apps(tmp_path: Path) -> None:
    """The scan catches each way of importing an app, even inside a function (so the test can fail)."""
    module = tmp_path / "probe.py"
    module.write_text(
        "import concours.accounts.models\n"
        "from concours.core.audit import audit_record\n"
        "from concours import applications\n"
        "from concours.kernel import eligibility\n"
        "def f():\n    from concours.demo.plan import outcomes\n",
        encoding="utf-8",
    )
    assert forbidden(module) == ["concours.accounts.models", "concours", "concours.demo.plan"]
