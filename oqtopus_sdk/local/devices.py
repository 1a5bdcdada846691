"""The emulator's device catalogue.

Three devices are built in:

* ``SVSim``: statevector simulator, 20 qubits, all-to-all, ``available``.
* ``emu-qpu-5``: QPU-like, 5 qubits on a line (0-1-2-3-4, both directions),
  basis ``["sx", "x", "rz", "cx"]``, ``available``.
* ``emu-qpu-offline``: QPU-like, 8 qubits, ``unavailable`` (submit gives 400).

Device aliases (``qulacs`` -> ``SVSim`` by default) let programs written for the public
cloud's simulator run unchanged. An alias is a device of its own on the wire: it is listed
by ``GET /devices`` under its own id (so ``client.get_device("qulacs")`` and a search of the
device list both find it), accepted by submit, and a job submitted to it keeps the alias as
its ``device_id``, but it runs on, and shares the queue of, its target device.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

_SIM_BASIS = (
    "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "sxdg",
    "rx", "ry", "rz", "p", "u", "cx", "cy", "cz", "swap", "ccx",
)  # fmt: skip


DEFAULT_DEVICE_ALIASES: dict[str, str] = {"qulacs": "SVSim"}
# Device ids travel in URL paths (GET /devices/{id}); keep alias names path-safe.
_ALIAS_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


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


def parse_alias(text: str) -> tuple[str, str]:
    """Parse one ``NAME=DEVICE`` alias option.

    Args:
        text: The option value.

    Returns:
        ``(alias, device_id)``.

    Raises:
        ValueError: Not ``NAME=DEVICE``, or a name that is not path-safe.
    """
    name, sep, target = text.partition("=")
    name, target = name.strip(), target.strip()
    if not sep or not name or not target:
        raise ValueError(f"device alias must look like NAME=DEVICE, got {text!r}")
    return name, target


def check_aliases(aliases: Mapping[str, str] | None, devices: Iterable[Device]) -> dict[str, str]:
    """Validate device aliases against a catalogue.

    ``None`` means :data:`DEFAULT_DEVICE_ALIASES`, minus any whose target is not in the
    catalogue (a custom catalogue without ``SVSim`` must still start).

    Args:
        aliases: ``{alias: device_id}``, or None for the defaults.
        devices: The device catalogue.

    Returns:
        The validated mapping.

    Raises:
        ValueError: A malformed name, a name that is already a device id, or a target that
            is not a device of the catalogue (aliases of aliases included).
    """
    ids = {d.device_id for d in devices}
    if aliases is None:
        return {a: t for a, t in DEFAULT_DEVICE_ALIASES.items() if t in ids and a not in ids}
    out: dict[str, str] = {}
    for name, target in aliases.items():
        if not isinstance(name, str) or not _ALIAS_NAME.fullmatch(name):
            raise ValueError(f"device alias name {name!r} must be letters, digits, '.', '_' or '-'")
        if name in ids:
            raise ValueError(f"device alias {name!r} is already the id of a device")
        if target not in ids:
            known = ", ".join(sorted(ids))
            raise ValueError(
                f"device alias {name!r} points to unknown device {target!r} (devices: {known})"
            )
        out[name] = target
    return out


def alias_view(device: Device, alias: str) -> Device:
    """Return the device as it is shown under an alias id.

    Args:
        device: The target device.
        alias: The alias name.

    Returns:
        A copy with ``device_id`` set to the alias and a description naming the target.
    """
    return replace(
        device,
        device_id=alias,
        description=f"Alias of {device.device_id}: {device.description}",
    )
