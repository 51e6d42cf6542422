"""The layers hold by construction: no app reaches an app above it through an import hidden in a function.

import-linter (run by `make test`) checks the module-level imports; an import inside a function escapes
it, which is how cycles used to be dodged. The one exception is `apps.py`, loaded before the app
registry, where Django asks apps to import in `ready` what needs models (hooks, signals).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "concours"


def _function_imports(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if path.name == "apps.py":
            continue  # an AppConfig module is loaded before the registry: it imports models late
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("concours"):
                found.append(f"{path.relative_to(root)}:{node.lineno} from {node.module}")
            elif isinstance(node, ast.Import):
                found += [
                    f"{path.relative_to(root)}:{node.lineno} import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("concours")
                ]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def test_no_app_imports_another_inside_a_function() -> None:
    """Every import of a Concours module is at module level, where import-linter sees it."""
    assert _modules(), "no source found"
    hidden = [line for path in _modules() for line in _function_imports(path)]
    assert hidden == []


def test_the_check_finds_a_hidden_import(tmp_path: Path) -> None:
    """The scan itself sees an import hidden in a function (so the test above can fail)."""
    module = tmp_path / "probe.py"
    module.write_text("def f():\n    from concours.essays import tasks\n", encoding="utf-8")
    assert _function_imports(module, tmp_path) == ["probe.py:2 from concours.essays"]


@pytest.mark.parametrize(
    "app",
    ["accounts", "vacancies", "candidates", "applications", "screening", "essays", "assessment", "selection"],
)
def test_domain_apps_hold_no_pages(app: str) -> None:
    """Views, URL modules and page templates live in `portal/` and `backoffice/`, above every domain app.

    A domain app may keep the mails its services send (`templates/<app>/mail/`) and the documents it
    makes (`templates/<app>/documents/`, e.g. the selection report's PDF), never a page.
    """
    assert not (SRC / app / "views.py").exists()
    assert not (SRC / app / "urls.py").exists()
    templates = sorted((SRC / app / "templates").rglob("*.*")) if (SRC / app / "templates").exists() else []
    pages = [t for t in templates if t.parent.name not in {"mail", "documents"}]
    assert pages == []
