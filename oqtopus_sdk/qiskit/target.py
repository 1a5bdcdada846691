"""Build a qiskit ``Target`` from an OQTOPUS device record.

``device_info`` (wire contract section 11) is read for:

* ``qubits[]``: ``id``, ``fidelity`` (1-qubit gate error = 1 - fidelity), ``meas_error``
  (``readout_assignment_error``, else the mean of ``prob_meas1_prep0`` and
  ``prob_meas0_prep1``, becomes the measure error); optional ``gate_duration``
  (``{gate: ns}``), ``meas_duration`` (ns) and ``qubit_lifetime`` (``{"t1", "t2"}`` in µs).
* ``couplings[]``: ``control``, ``target``, ``fidelity`` (2-qubit gate error); optional
  ``gate_duration`` (``{gate: ns}``).

Every value is optional: what is missing is left unset. A simulator (``device_type ==
"simulator"``), or a QPU that lists no couplings, gets gates on every qubit and qubit pair
(no coupling constraints).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from qiskit.circuit import Measure, Reset
from qiskit.circuit.library import get_standard_gate_name_mapping
from qiskit.transpiler import InstructionProperties, QubitProperties, Target

if TYPE_CHECKING:
    from oqtopus_sdk.device import OqtopusDevice

__all__ = ["target_from_device"]

_NS: Final = 1e-9
_US: Final = 1e-6


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _error(fidelity: object) -> float | None:
    value = _number(fidelity)
    return None if value is None else min(1.0, max(0.0, 1.0 - value))


def _duration(durations: object, gate: str) -> float | None:
    if not isinstance(durations, Mapping):
        return None
    value = _number(durations.get(gate))
    return None if value is None else value * _NS


def _readout_error(meas_error: object) -> float | None:
    if not isinstance(meas_error, Mapping):
        return None
    direct = _number(meas_error.get("readout_assignment_error"))
    if direct is not None:
        return direct
    p10 = _number(meas_error.get("prob_meas1_prep0"))
    p01 = _number(meas_error.get("prob_meas0_prep1"))
    if p10 is None or p01 is None:
        return None
    return (p10 + p01) / 2


def _properties(error: float | None, duration: float | None) -> InstructionProperties | None:
    if error is None and duration is None:
        return None
    return InstructionProperties(duration=duration, error=error)


def _qubit_records(info: Mapping[str, Any], n_qubits: int) -> dict[int, Mapping[str, Any]]:
    records: dict[int, Mapping[str, Any]] = {}
    for record in info.get("qubits") or ():
        if isinstance(record, Mapping):
            qubit = record.get("id")
            if isinstance(qubit, int) and not isinstance(qubit, bool) and 0 <= qubit < n_qubits:
                records[qubit] = record
    return records


def _coupling_records(
    info: Mapping[str, Any], n_qubits: int
) -> dict[tuple[int, int], Mapping[str, Any]]:
    edges: dict[tuple[int, int], Mapping[str, Any]] = {}
    for record in info.get("couplings") or ():
        if not isinstance(record, Mapping):
            continue
        control, target = record.get("control"), record.get("target")
        if (
            isinstance(control, int)
            and isinstance(target, int)
            and not isinstance(control, bool)
            and not isinstance(target, bool)
            and control != target
            and 0 <= control < n_qubits
            and 0 <= target < n_qubits
        ):
            edges[(control, target)] = record
    return edges


def target_from_device(device: OqtopusDevice) -> Target:
    """Build the qiskit ``Target`` of a device: qubits, basis gates, coupling, errors.

    Args:
        device: The device record (``client.get_device(device_id)``).

    Returns:
        The Target. Basis gate names qiskit does not know are skipped with a warning.

    Raises:
        ValueError: The device publishes no qubit count and ``device_info`` lists no qubits.
    """
    info = device.device_info or {}
    n_qubits = device.n_qubits
    if n_qubits is None:
        listed = info.get("qubits")
        n_qubits = len(listed) if isinstance(listed, list) else 0
    if n_qubits < 1:
        raise ValueError(f"device {device.device_id!r} publishes no qubit count")
    qubits = _qubit_records(info, n_qubits)
    edges = _coupling_records(info, n_qubits)
    simulator = str(device.device_type).lower() == "simulator"
    constrained = not simulator and bool(edges)

    qubit_properties = None
    if qubits:
        qubit_properties = []
        for qubit in range(n_qubits):
            lifetime = qubits.get(qubit, {}).get("qubit_lifetime")
            lifetime = lifetime if isinstance(lifetime, Mapping) else {}
            t1, t2 = _number(lifetime.get("t1")), _number(lifetime.get("t2"))
            qubit_properties.append(
                QubitProperties(
                    t1=None if t1 is None else t1 * _US, t2=None if t2 is None else t2 * _US
                )
            )
    target = Target(
        description=f"OQTOPUS {device.device_type} {device.device_id}",
        num_qubits=n_qubits,
        qubit_properties=qubit_properties,
    )
    standard = get_standard_gate_name_mapping()
    unknown: list[str] = []
    for name in dict.fromkeys(device.basis_gates):
        gate = standard.get(name)
        if gate is None or name in ("measure", "reset", "delay", "global_phase"):
            if gate is None:
                unknown.append(name)
            continue
        if simulator or gate.num_qubits > 2 or (gate.num_qubits == 2 and not constrained):
            target.add_instruction(gate, properties=None, name=name)
        elif gate.num_qubits == 1:
            one: dict[tuple[int, ...], InstructionProperties | None] = {}
            for qubit in range(n_qubits):
                record = qubits.get(qubit, {})
                one[(qubit,)] = _properties(
                    _error(record.get("fidelity")), _duration(record.get("gate_duration"), name)
                )
            target.add_instruction(gate, one, name=name)
        else:
            two: dict[tuple[int, ...], InstructionProperties | None] = {}
            for edge, record in edges.items():
                two[edge] = _properties(
                    _error(record.get("fidelity")), _duration(record.get("gate_duration"), name)
                )
            target.add_instruction(gate, two, name=name)
    if unknown:
        warnings.warn(
            f"device {device.device_id!r}: basis gates {unknown} are not qiskit standard gates "
            "and are left out of the Target",
            stacklevel=2,
        )
    if simulator:
        target.add_instruction(Measure(), properties=None)
    else:
        measure: dict[tuple[int, ...], InstructionProperties | None] = {}
        for qubit in range(n_qubits):
            record = qubits.get(qubit, {})
            duration = _number(record.get("meas_duration"))
            measure[(qubit,)] = _properties(
                _readout_error(record.get("meas_error")),
                None if duration is None else duration * _NS,
            )
        target.add_instruction(Measure(), measure)
    if "reset" in device.supported_instructions:
        target.add_instruction(Reset(), properties=None)
    return target
