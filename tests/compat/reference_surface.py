"""Read the reference SDK's public names from its installed source, without importing it.

Importing ``oqtopus_client`` into the test process would stop the alias from installing there
later, so the module files are parsed instead: a module's public names are the top-level
classes, functions and assignments it defines plus the names it imports from
``oqtopus_client`` itself (not stdlib or third-party imports, not ``if TYPE_CHECKING:`` blocks).
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

REFERENCE = "oqtopus_client"
SERVICES_MODULES = (
    "client",
    "config",
    "device",
    "errors",
    "estimation_operator",
    "job_results",
    "job_spec",
    "result_utils",
    "storage",
)


def reference_root() -> Path | None:
    """The installed reference package directory, or None when it is not installed."""
    spec = importlib.util.find_spec(REFERENCE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def module_file(root: Path, dotted: str) -> Path:
    """The source file of ``oqtopus_client.<dotted>`` (a package gives its ``__init__.py``)."""
    base = root.joinpath(*dotted.split(".")) if dotted else root
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _own_import(node: ast.ImportFrom) -> bool:
    return node.level > 0 or (node.module or "").split(".")[0] == REFERENCE


def public_names(path: Path) -> set[str]:
    """The public names a reference module defines or re-exports (see the module docstring).

    Args:
        path: The module's source file.

    Returns:
        The names, none starting with an underscore.
    """
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom) and _own_import(node):
            names.update(alias.asname or alias.name for alias in node.names)
    return {name for name in names if not name.startswith("_")}


def model_module_names(root: Path) -> list[str]:
    """The reference's per-model module names (``jobs_job_type``, ...)."""
    models = root / "rest" / "models"
    return sorted(p.stem for p in models.glob("*.py") if p.stem != "__init__")
