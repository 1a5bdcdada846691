"""The reference's ``oqtopus_client.services`` module layout, as thin re-export modules.

Code written against ``oqtopus_client`` imports names from these paths, e.g.
``from oqtopus_client.services.job_results import OqtopusSamplingJobResult``; with the import
line changed to ``oqtopus_sdk.services.job_results`` (or through
:func:`oqtopus_sdk.compat.install_alias`) it gets our classes. Each module carries the
reference module's public names; the objects are the ones of :mod:`oqtopus_sdk` (so
``services.client.OqtopusClient is oqtopus_sdk.OqtopusClient``). The only implementation
living here is :class:`~oqtopus_sdk.services.storage.OqtopusStorage`, the reference's public
presigned-URL helper.

New code should import from :mod:`oqtopus_sdk` directly.
"""

from __future__ import annotations

import importlib
from typing import Any

_SUBMODULES = frozenset(
    {
        "client",
        "config",
        "device",
        "errors",
        "estimation_operator",
        "job_results",
        "job_spec",
        "result_utils",
        "storage",
    }
)


def __getattr__(name: str) -> Any:
    """Import a submodule on first attribute access (``services.job_results``)."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBMODULES)
