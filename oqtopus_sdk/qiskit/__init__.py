"""Qiskit in, Qiskit out: a BackendV2, Sampler/Estimator V2 primitives and converters.

Needs the ``qiskit`` extra (``pip install 'oqtopus-sdk[qiskit]'``); the rest of the SDK never
imports qiskit.

* :class:`OqtopusBackend`: a ``qiskit.providers.BackendV2`` for one OQTOPUS device, with a
  ``Target`` built from the device's calibration data; ``run`` submits sampling or
  multi_manual jobs.
* :class:`SamplerV2`, :class:`EstimatorV2`: the V2 primitives on top of a backend.
* :func:`circuit_to_qasm3`, :func:`pauli_to_operators`: what ``OqtopusJobSpec`` uses to accept
  circuits and ``SparsePauliOp`` observables.
* :func:`to_qiskit`, :func:`to_qiskit_result`, :func:`counts_to_qiskit`: results as qiskit
  ``Counts`` / ``Result``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

try:
    import qiskit as _qiskit  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in an environment without qiskit
    raise ImportError("oqtopus_sdk.qiskit needs qiskit: pip install 'oqtopus-sdk[qiskit]'") from exc

from .convert import (
    EXPORT_GATES,
    circuit_to_qasm3,
    counts_to_qiskit,
    pauli_to_operators,
    to_qiskit,
    to_qiskit_result,
)

if TYPE_CHECKING:
    from .backend import OqtopusBackend, OqtopusJob
    from .primitives import EstimatorV2, OqtopusPrimitiveJob, SamplerV2
    from .target import target_from_device

__all__ = [
    "EXPORT_GATES",
    "EstimatorV2",
    "OqtopusBackend",
    "OqtopusJob",
    "OqtopusPrimitiveJob",
    "SamplerV2",
    "circuit_to_qasm3",
    "counts_to_qiskit",
    "pauli_to_operators",
    "target_from_device",
    "to_qiskit",
    "to_qiskit_result",
]

_LAZY = {
    "OqtopusBackend": "backend",
    "OqtopusJob": "backend",
    "SamplerV2": "primitives",
    "OqtopusPrimitiveJob": "primitives",
    "EstimatorV2": "primitives",
    "target_from_device": "target",
}


def __getattr__(name: str) -> Any:
    # The backend and primitives load qiskit.providers / qiskit.primitives: only on first use.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
