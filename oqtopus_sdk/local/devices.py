"""The emulator's device catalogue.

Three devices are built in:

* ``SVSim``: statevector simulator, 20 qubits, all-to-all, ``available``.
* ``emu-qpu-5``: QPU-like, 5 qubits on a line (0-1-2-3-4, both directions),
  basis ``["sx", "x", "rz", "cx"]``, ``available``.
* ``emu-qpu-offline``: QPU-like, 8 qubits, ``unavailable`` (submit gives 400).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_SIM_BASIS = (
    "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "sxdg",
    "rx", "ry", "rz", "p", "u", "cx", "cy", "cz", "swap", "ccx",
)  # fmt: skip


@dataclass(frozen=True)
class Device:
    """One device as the emulator serves and uses it."""

    device_id: str
    device_type: str
    status: str
    n_qubits: int
    basis_gates: tuple[str, ...]
    description: str
    couplings: tuple[tuple[int, int], ...] = ()
    supported_instructions: tuple[str, ...] = ("measure", "barrier", "reset")
    calibrated_at: str | None = "2025-01-01T00:00:00+00:00"
    available_at: str | None = None
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def coupling_edges(self) -> list[list[int]]:
        """Return the couplings as a list of ``[control, target]`` pairs.

        Returns:
            Edges for qiskit's ``CouplingMap``.
        """
        return [[a, b] for a, b in self.couplings]

    def device_info_text(self) -> str:
        """Build the ``device_info`` JSON text shaped like the live service's.

        Returns:
            JSON with ``qubits`` (id, fidelity, position, meas_error) and ``couplings``.
        """
        rng = random.Random(self.seed)
        qubits = []
        for q in range(self.n_qubits):
            p10 = round(rng.uniform(0.005, 0.03), 4)
            p01 = round(rng.uniform(0.005, 0.03), 4)
            qubits.append(
                {
                    "id": q,
                    "fidelity": round(rng.uniform(0.99, 0.9995), 4),
                    "position": {"x": q % 4, "y": q // 4},
                    "meas_error": {
                        "prob_meas1_prep0": p10,
                        "prob_meas0_prep1": p01,
                        "readout_assignment_error": round((p10 + p01) / 2, 5),
                    },
                }
            )
        couplings = [
            {"control": a, "target": b, "fidelity": round(rng.uniform(0.95, 0.99), 4)}
            for a, b in self.couplings
        ]
        return json.dumps({"qubits": qubits, "couplings": couplings})

    def to_json(self, n_pending_jobs: int) -> dict[str, Any]:
        """Serialise as ``devices.DeviceInfo``.

        Args:
            n_pending_jobs: Jobs waiting for this device.

        Returns:
            The response object; null fields are left out.
        """
        out: dict[str, Any] = {
            "device_id": self.device_id,
            "device_type": self.device_type,
            "status": self.status,
            "n_pending_jobs": n_pending_jobs,
            "n_qubits": self.n_qubits,
            "basis_gates": list(self.basis_gates),
            "supported_instructions": list(self.supported_instructions),
            "device_info": self.device_info_text(),
            "description": self.description,
        }
        if self.calibrated_at is not None:
            out["calibrated_at"] = self.calibrated_at
        if self.available_at is not None:
            out["available_at"] = self.available_at
        return out


def _line(n: int) -> tuple[tuple[int, int], ...]:
    edges: list[tuple[int, int]] = []
    for i in range(n - 1):
        edges += [(i, i + 1), (i + 1, i)]
    return tuple(edges)


def default_devices() -> list[Device]:
    """Return the built-in device catalogue.

    Returns:
        ``SVSim``, ``emu-qpu-5`` and ``emu-qpu-offline``.
    """
    return [
        Device(
            device_id="SVSim",
            device_type="simulator",
            status="available",
            n_qubits=20,
            basis_gates=_SIM_BASIS,
            description="Local statevector simulator (qiskit), all-to-all connectivity",
            seed=1,
        ),
        Device(
            device_id="emu-qpu-5",
            device_type="QPU",
            status="available",
            n_qubits=5,
            basis_gates=("sx", "x", "rz", "cx"),
            couplings=_line(5),
            description="Emulated 5-qubit QPU (noiseless), linear coupling 0-1-2-3-4",
            seed=5,
        ),
        Device(
            device_id="emu-qpu-offline",
            device_type="QPU",
            status="unavailable",
            n_qubits=8,
            basis_gates=("sx", "x", "rz", "cx"),
            couplings=_line(8),
            available_at="2099-01-01T00:00:00+00:00",
            description="Emulated QPU under maintenance (always unavailable)",
            seed=8,
        ),
    ]


def device_map(devices: Iterable[Device]) -> dict[str, Device]:
    """Index devices by id.

    Args:
        devices: Devices.

    Returns:
        ``{device_id: device}``.
    """
    return {d.device_id: d for d in devices}
