"""Local OQTOPUS User API emulator (``pip install 'oqtopus-sdk[local]'``).

Public API::

    from oqtopus_sdk.local import LocalOqtopus, FaultConfig, DEFAULT_API_TOKEN

    with LocalOqtopus() as server:           # 127.0.0.1, free port, in-memory
        server.base_url, server.api_token    # point any client here
        server.faults.fail_next("get_job_status", 2, kind="503")

Heavy modules (starlette, uvicorn, qiskit) are imported on first use, so importing this
package (e.g. by the pytest plugin) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .devices import Device, default_devices
    from .emulator import DEFAULT_API_TOKEN
    from .faults import FaultConfig, FaultInjector
    from .server import LocalOqtopus

__all__ = [
    "DEFAULT_API_TOKEN",
    "Device",
    "FaultConfig",
    "FaultInjector",
    "LocalOqtopus",
    "default_devices",
]

_LOCATIONS = {
    "DEFAULT_API_TOKEN": "emulator",
    "Device": "devices",
    "default_devices": "devices",
    "FaultConfig": "faults",
    "FaultInjector": "faults",
    "LocalOqtopus": "server",
}


def __getattr__(name: str) -> Any:
    """Import public names lazily.

    Args:
        name: Attribute name.

    Returns:
        The attribute.

    Raises:
        AttributeError: Unknown name.
        ImportError: The emulator's dependencies are missing (the message names the extra).
    """
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    try:
        loaded = importlib.import_module(f".{module}", __name__)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in _EXTRA_MODULES:
            raise ImportError(
                f"the local emulator needs {exc.name}: pip install 'oqtopus-sdk[local]'"
            ) from exc
        raise
    return getattr(loaded, name)


_EXTRA_MODULES = frozenset({"starlette", "uvicorn", "multipart", "python_multipart", "qiskit"})
"""Top-level modules of the ``local`` extra."""
