"""Conversions between qiskit objects and the OQTOPUS wire formats.

* :func:`circuit_to_qasm3`: a ``QuantumCircuit`` to OpenQASM 3 text that uses only gates of
  ``stdgates.inc`` (what the service's qiskit loader accepts), decomposing the rest.
* :func:`pauli_to_operators`: a ``SparsePauliOp`` / ``Pauli`` to operator items. Qiskit labels
  are little-endian (the rightmost letter acts on qubit 0); the wire names qubits explicitly,
  so the label ``"XZ"`` becomes ``"Z 0 X 1"``.
* :func:`counts_to_qiskit`, :func:`to_qiskit`, :func:`to_qiskit_result`: service counts (keys
  are bitstrings, classical bit 0 the rightmost character) to qiskit ``Counts`` / ``Result``.
"""

from __future__ import annotations

import cmath
import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from qiskit import QuantumCircuit, qasm3
from qiskit.quantum_info import Pauli, SparsePauliOp
from qiskit.result import Counts, Result
from qiskit.result.models import ExperimentResult, ExperimentResultData

from oqtopus_sdk._version import __version__
from oqtopus_sdk.bitstrings import bitstring_to_int
from oqtopus_sdk.preflight import remember_program
from oqtopus_sdk.spec import OqtopusEstimationOperator

if TYPE_CHECKING:
    from oqtopus_sdk.results import OqtopusJobResult

__all__ = [
    "EXPORT_GATES",
    "circuit_to_qasm3",
    "counts_to_qiskit",
    "creg_layout",
    "pauli_to_operators",
    "to_qiskit",
    "to_qiskit_result",
]

EXPORT_GATES: Final = frozenset(
    {
        "p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz",
        "cx", "cy", "cz", "cp", "crx", "cry", "crz", "ch", "swap", "ccx", "cswap", "cu",
        "id", "u1", "u2", "u3", "u",
    }
)  # fmt: skip
"""Qiskit gate names the exporter writes as ``stdgates.inc`` gates (``u`` is the builtin
``U``); any other gate is decomposed into these before export."""

_NON_GATES: Final = frozenset({"measure", "reset", "barrier"})
_CONTROL_FLOW: Final = frozenset(
    {"if_else", "while_loop", "for_loop", "switch_case", "break_loop", "continue_loop", "box"}
)
_IMAGINARY_TOLERANCE: Final = 1e-12


def _names_outside(circuit: QuantumCircuit, allowed: frozenset[str]) -> set[str]:
    found: set[str] = set()
    for instruction in circuit.data:
        operation = instruction.operation
        if operation.name in _CONTROL_FLOW:
            for block in getattr(operation, "blocks", ()):
                found |= _names_outside(block, allowed)
        elif operation.name not in allowed:
            found.add(operation.name)
    return found


def circuit_to_qasm3(circuit: QuantumCircuit, *, verify: bool = False) -> str:
    """Export a circuit as OpenQASM 3 that loads with only ``stdgates.inc``.

    Gates outside :data:`EXPORT_GATES` (custom gates, composite instructions, ``sxdg``,
    ``ecr``, ``rzz``, unitaries, ...) are decomposed first with qiskit's transpiler at
    optimization level 0 and without any layout, so qubits, classical bits and registers keep
    their order. The global phase is not exported (it does not change measured counts).

    Args:
        circuit: The circuit; every parameter must be bound.
        verify: Also load the text back with ``qiskit.qasm3.loads`` and compare the qubit
            and classical bit counts (costs a parse; the pre-flight checks parse anyway).

    Returns:
        The program text (``OPENQASM 3.0;`` with ``include "stdgates.inc";``).

    Raises:
        TypeError: ``circuit`` is not a QuantumCircuit.
        ValueError: Unbound parameters, a gate that cannot be decomposed, or (``verify``) a
            text that does not load back the same shape; the message names the circuit.
    """
    if not isinstance(circuit, QuantumCircuit):
        raise TypeError(f"expected a qiskit QuantumCircuit, got {type(circuit).__name__}")
    label = f"QuantumCircuit {circuit.name!r}"
    if circuit.num_parameters:
        names = sorted(parameter.name for parameter in circuit.parameters)
        raise ValueError(
            f"{label} has unbound parameters {names}; bind them with "
            "circuit.assign_parameters(...) first"
        )
    allowed = EXPORT_GATES | _NON_GATES | _CONTROL_FLOW
    outside = _names_outside(circuit, allowed)
    if outside:
        from qiskit import transpile

        try:
            circuit = transpile(
                circuit,
                basis_gates=sorted(EXPORT_GATES | {"measure", "reset"}),
                optimization_level=0,
            )
        except Exception as exc:
            raise ValueError(
                f"{label}: cannot decompose {sorted(outside)} into stdgates.inc gates: {exc}"
            ) from exc
    try:
        text: str = qasm3.dumps(circuit)
    except Exception as exc:
        raise ValueError(f"{label} cannot be exported to OpenQASM 3: {exc}") from exc
    if verify:
        try:
            loaded = qasm3.loads(text)
        except Exception as exc:
            raise ValueError(f"{label}: the exported OpenQASM 3 does not load back: {exc}") from exc
        if (loaded.num_qubits, loaded.num_clbits) != (circuit.num_qubits, circuit.num_clbits):
            raise ValueError(
                f"{label}: the exported OpenQASM 3 loads back with {loaded.num_qubits} qubits "
                f"and {loaded.num_clbits} bits instead of {circuit.num_qubits} and "
                f"{circuit.num_clbits}"
            )
    remember_program(text, num_qubits=circuit.num_qubits, num_clbits=circuit.num_clbits)
    return text


def pauli_to_operators(
    operator: SparsePauliOp | Pauli, *, where: str = "operator"
) -> list[OqtopusEstimationOperator]:
    """Convert a qiskit ``SparsePauliOp`` or ``Pauli`` into estimation operator items.

    Qiskit's label ``"XZ"`` (Z on qubit 0, X on qubit 1) becomes ``"Z 0 X 1"``; letters are
    listed by ascending qubit. An all-identity term becomes ``"I 0"``. A ``Pauli`` phase
    (``-X``, ``iZ``) is folded into the coefficient.

    Args:
        operator: The observable.
        where: How to name it in an error.

    Returns:
        One item per term, in the operator's order, with real coefficients.

    Raises:
        TypeError: Not a SparsePauliOp or Pauli.
        ValueError: A coefficient has a non-zero imaginary part (the message names the term)
            or is not finite.
    """
    if isinstance(operator, Pauli):
        operator = SparsePauliOp(operator)
    if not isinstance(operator, SparsePauliOp):
        raise TypeError(
            f"{where}: expected a SparsePauliOp or Pauli, got {type(operator).__name__}"
        )
    items: list[OqtopusEstimationOperator] = []
    labels = operator.paulis.to_labels()
    for index, (letters, qubits, coeff) in enumerate(operator.to_sparse_list()):
        value = complex(coeff)
        if not cmath.isfinite(value):
            raise ValueError(f"{where}: term {labels[index]!r} has a non-finite coefficient")
        if abs(value.imag) > _IMAGINARY_TOLERANCE * max(1.0, abs(value.real)):
            raise ValueError(
                f"{where}: term {index} {labels[index]!r} has the complex coefficient {value}; "
                "the service takes real coefficients only (a Hermitian observable has real "
                "coefficients: check the operator, e.g. with SparsePauliOp.simplify())"
            )
        pairs = sorted(zip(qubits, letters, strict=True))
        pauli = " ".join(f"{letter} {qubit}" for qubit, letter in pairs) or "I 0"
        items.append(OqtopusEstimationOperator(pauli, float(value.real)))
    return items


def creg_layout(circuit: QuantumCircuit) -> tuple[list[list[Any]] | None, int]:
    """Return qiskit's counts header for a circuit: ``(creg_sizes, memory_slots)``.

    Args:
        circuit: The circuit whose counts are formatted.

    Returns:
        ``creg_sizes`` (``[[name, size], ...]``, first register = rightmost bits) when the
        registers cover the classical bits exactly, in order; otherwise None (flat keys).
        ``memory_slots`` is the number of classical bits.
    """
    flat = [bit for register in circuit.cregs for bit in register]
    if not circuit.cregs or flat != list(circuit.clbits):
        return None, circuit.num_clbits
    return [[register.name, register.size] for register in circuit.cregs], circuit.num_clbits


def _hex_counts(counts: Mapping[str, Any]) -> tuple[dict[str, int], int]:
    hexed: dict[str, int] = {}
    width = 0
    for key, value in counts.items():
        text = str(key).strip().replace("_", "").replace(" ", "")
        number = bitstring_to_int(text) if text else 0  # "" : a circuit without bits
        width = max(width, len(text))
        name = hex(number)
        hexed[name] = hexed.get(name, 0) + int(value)
    return hexed, width


def counts_to_qiskit(
    counts: Mapping[str, Any],
    *,
    creg_sizes: Sequence[Sequence[Any]] | None = None,
    memory_slots: int | None = None,
) -> Counts:
    """Convert service counts into a qiskit ``Counts``.

    Args:
        counts: ``{"bitstring": shots}`` with classical bit 0 the rightmost character (the
            service's order, which is also Qiskit's).
        creg_sizes: ``[[name, size], ...]`` to split keys per register with spaces, as
            qiskit does (see :func:`creg_layout`).
        memory_slots: Key width; defaults to the widest key.

    Returns:
        The Counts (keys are bitstrings zero-padded to ``memory_slots``).

    Raises:
        ValueError: A key is not a bitstring.
    """
    hexed, width = _hex_counts(counts)
    slots = width if memory_slots is None else memory_slots
    header: dict[str, Any] = {"memory_slots": slots}
    if creg_sizes is not None:
        header["creg_sizes"] = [list(item) for item in creg_sizes]
    return Counts(hexed, **header)


def _experiment(
    counts: Mapping[str, Any], shots: int, circuit: QuantumCircuit | None, name: str
) -> ExperimentResult:
    hexed, width = _hex_counts(counts)
    header: dict[str, Any] = {"name": name, "memory_slots": width}
    if circuit is not None:
        creg_sizes, slots = creg_layout(circuit)
        header["name"] = circuit.name
        header["memory_slots"] = slots
        if creg_sizes is not None:
            header["creg_sizes"] = creg_sizes
        header["metadata"] = dict(circuit.metadata or {})
    return ExperimentResult(
        shots=shots, success=True, data=ExperimentResultData(counts=hexed), header=header
    )


def experiment_results(
    result: OqtopusJobResult, circuits: Sequence[QuantumCircuit | None] | None = None
) -> list[ExperimentResult]:
    """Build one ``ExperimentResult`` per circuit of a sampling or multi_manual job.

    Args:
        result: A finished sampling or multi_manual result.
        circuits: The circuits in program order (for register formatting and names).

    Returns:
        The experiments: one for sampling, one per ``divided_counts`` entry for multi_manual.

    Raises:
        ValueError: Not a sampling/multi_manual result, no counts, or a count of circuits that
            does not match.
    """
    shots = int(result.shots or 0)
    sampling = result.sampling
    job_type = str(getattr(result.job_type, "value", result.job_type))
    if sampling is None:
        raise ValueError(f"job {result.job_id} ({job_type}) has no sampling result")
    if job_type == "multi_manual":
        divided = sampling.get("divided_counts")
        if not isinstance(divided, Mapping):
            raise ValueError(f"job {result.job_id} has no divided_counts")
        pieces = [divided[key] for key in sorted(divided, key=int)]
    else:
        pieces = [sampling.get("counts") or {}]
    given = list(circuits) if circuits is not None else [None] * len(pieces)
    if len(given) != len(pieces):
        raise ValueError(
            f"job {result.job_id} has {len(pieces)} circuit results but {len(given)} circuits "
            "were given"
        )
    return [
        _experiment(piece, shots or sum(int(v) for v in piece.values()), circuit, f"circuit-{i}")
        for i, (piece, circuit) in enumerate(zip(pieces, given, strict=True))
    ]


def to_qiskit(result: OqtopusJobResult) -> Counts | list[Counts]:
    """Convert a sampling result to ``Counts``, a multi_manual result to a list of ``Counts``.

    Keys are flat bitstrings (the service does not return register boundaries; use
    :func:`to_qiskit_result` with the circuits for per-register spacing).

    Args:
        result: A finished sampling or multi_manual job result.

    Returns:
        sampling: one ``Counts``; multi_manual: one ``Counts`` per circuit, in program order,
        from ``divided_counts``.

    Raises:
        ValueError: Not a sampling or multi_manual result, or the counts are missing.
    """
    experiments = experiment_results(result)
    counts = [
        Counts(exp.data.counts, memory_slots=exp.header["memory_slots"]) for exp in experiments
    ]
    job_type = str(getattr(result.job_type, "value", result.job_type))
    return counts if job_type == "multi_manual" else counts[0]


def to_qiskit_result(
    results: OqtopusJobResult | Sequence[OqtopusJobResult],
    circuits: Sequence[QuantumCircuit] | None = None,
    *,
    backend_name: str | None = None,
) -> Result:
    """Convert sampling / multi_manual results into one qiskit ``Result``.

    Args:
        results: One job result, or several whose circuits follow each other.
        circuits: All circuits in order (names, register spacing in ``get_counts``).
        backend_name: Stored in the Result (default: the device id).

    Returns:
        A Result whose ``get_counts(i)`` is circuit ``i``'s counts.

    Raises:
        ValueError: A result without counts, or a circuit count that does not match.
    """
    items = [results] if not isinstance(results, Sequence) else list(results)
    experiments: list[ExperimentResult] = []
    offset = 0
    for item in items:
        job_type = str(getattr(item.job_type, "value", item.job_type))
        size = 1
        if job_type == "multi_manual" and item.sampling is not None:
            divided = item.sampling.get("divided_counts")
            size = len(divided) if isinstance(divided, Mapping) else 1
        chunk = None if circuits is None else list(circuits[offset : offset + size])
        experiments.extend(experiment_results(item, chunk))
        offset += size
    if circuits is not None and offset != len(circuits):
        raise ValueError(f"the results hold {offset} circuits but {len(circuits)} were given")
    ids = [str(item.job_id) for item in items]
    ended = [item.ended_at for item in items if item.ended_at is not None]
    return Result(
        backend_name=backend_name or (items[0].device_id if items else None),
        backend_version=__version__,
        job_id=",".join(ids),
        success=all(str(item.status) == "succeeded" for item in items),
        results=experiments,
        date=(max(ended) if ended else _dt.datetime.now(_dt.UTC)).isoformat(),
        status="COMPLETED",
        header={"oqtopus_job_ids": ids},
    )
