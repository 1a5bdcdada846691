"""The API reference (docs/reference/) documents every public name of the public modules.

Each ``::: target`` directive is resolved to the object it documents: a class or function,
or a module together with its public names (all of them, or those its ``members:`` option
lists). A public name is covered when its object is among them, whichever module the
directive went through. A new public name without a reference entry fails here, rather than
being silently absent from the site.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

import pytest
import yaml
from doc_snippets import DOCS_DIR

# The public modules and packages whose public names the reference must cover.
PUBLIC_MODULES = [
    "oqtopus_sdk",
    "oqtopus_sdk.config",
    "oqtopus_sdk.spec",
    "oqtopus_sdk.results",
    "oqtopus_sdk.errors",
    "oqtopus_sdk.device",
    "oqtopus_sdk.bitstrings",
    "oqtopus_sdk.vocabulary",
    "oqtopus_sdk.constants",
    "oqtopus_sdk.preflight",
    "oqtopus_sdk.journal",
    "oqtopus_sdk.local",
    "oqtopus_sdk.qiskit",
    "oqtopus_sdk.compat",
]
# The generated layer is documented by the reference client's own documentation.
NOT_IN_REFERENCE = {"oqtopus_sdk.rest", "oqtopus_sdk.__version__"}

_DIRECTIVE = re.compile(r"^:::\s+(\S+)\s*$")
_MEMBERS = re.compile(r"^members:\s*(.+)$")


def _resolve(path: str) -> Any:
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            value = getattr(value, part)
        return value
    raise ImportError(path)


def _public_names(module: ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    return sorted(names)


def _documented() -> list[Any]:
    """Every object a ``:::`` directive of the reference renders."""
    objects: list[Any] = []
    for page in sorted((DOCS_DIR / "reference").glob("*.md")):
        lines = page.read_text("utf-8").splitlines()
        for index, line in enumerate(lines):
            match = _DIRECTIVE.match(line)
            if not match:
                continue
            target = _resolve(match[1])
            objects.append(target)
            members: list[str] | None = None
            for following in lines[index + 1 :]:
                if following.strip() and not following.startswith(" "):
                    break
                option = _MEMBERS.match(following.strip())
                if option:
                    value = yaml.safe_load(option[1])
                    members = list(value) if isinstance(value, list) else []
            if isinstance(target, ModuleType):
                names = _public_names(target) if members is None else members
                objects.extend(getattr(target, name) for name in names)
    return objects


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_is_in_the_reference(module_name: str) -> None:
    documented = _documented()
    module = importlib.import_module(module_name)
    missing = [
        name
        for name in _public_names(module)
        if f"{module_name}.{name}" not in NOT_IN_REFERENCE
        and not any(getattr(module, name) is obj for obj in documented)
    ]
    assert not missing, f"{module_name}: no API reference entry for {missing}"


def test_errors_guide_covers_every_error_class() -> None:
    # The brief of docs/guides/errors.md: every exception class, what it means, what to do.
    import oqtopus_sdk.errors as errors

    guide = (DOCS_DIR / "guides" / "errors.md").read_text("utf-8")
    classes = [
        name
        for name, value in vars(errors).items()
        if isinstance(value, type)
        and issubclass(value, BaseException)
        and value.__module__ == errors.__name__
        and not name.startswith("_")
    ]
    missing = [
        name for name in classes if f"### `{name}`" not in guide and f"`{name}`" not in guide
    ]
    assert not missing, f"docs/guides/errors.md does not explain {missing}"
