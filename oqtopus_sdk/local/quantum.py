"""Program execution for the emulator: parsing, combining, transpiling, sampling, estimating.

Qiskit is imported lazily inside the functions that need it so the server starts fast.
Pure helpers (Pauli parsing, bitstring slicing, transpiler option handling) have no
qiskit dependency and are unit-tested on their own.

Estimation semantics (documented choice): ``exp_value`` is the exact statevector value
``sum_i coeff_i * <P_i>``; ``stds`` is the standard error a shot-based estimator with
``shots`` shots per term would have, ``sqrt(sum_i coeff_i**2 * (1 - <P_i>**2) / shots)``.

Circuits without classical bits (documented choice): the live engine adds no measurement
(its combiner keeps each circuit's own classical bits) and never fails a job while
dividing counts: when the counts cannot be cut by the circuits' bit widths its
multi_manual step logs the error and sets ``divided_counts`` to ``{}``. The emulator
samples a circuit that has no classical bit at all on all its qubits (as for sampling
jobs, so the counts stay meaningful) and then divides like the engine: a multi_manual job
whose programs measure nothing succeeds with those counts and ``divided_counts == {}``;
a program without bits next to programs with bits gets the empty bitstring ``""``.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .devices import Device

_PAULI_TERM = re.compile(r"([IXYZ])\s*(\d+)")


class JobFailure(Exception):
    """The job cannot complete; ``str(exc)`` becomes ``job_info.message``."""


def parse_pauli(pauli: str) -> list[tuple[str, int]]:
    """Parse a Pauli string such as ``"X 0 X 1"`` or ``"X0 Y1"`` into (letter, qubit) pairs.

    Args:
        pauli: Letter/qubit-index pairs separated by optional whitespace. An empty or
            all-identity string means the identity operator.

    Returns:
        The non-identity pairs in order of appearance.

    Raises:
        ValueError: Unknown letters, stray text, or a qubit used twice.
    """
    text = pauli.strip().upper()
    pos = 0
    terms: list[tuple[str, int]] = []
    seen: set[int] = set()
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        m = _PAULI_TERM.match(text, pos)
        if m is None:
            raise ValueError(f"invalid pauli string: {pauli!r}")
        letter, index = m.group(1), int(m.group(2))
        if index in seen:
            raise ValueError(f"qubit {index} appears twice in pauli string {pauli!r}")
        seen.add(index)
        if letter != "I":
            terms.append((letter, index))
        pos = m.end()
    return terms


def divide_counts(counts: Mapping[str, int], widths: Sequence[int]) -> dict[str, dict[str, int]]:
    """Split combined counts into per-circuit counts.

    Circuit 0 owns the lowest classical bits, which are the rightmost characters of
    each key; the leftmost piece belongs to the highest-index circuit.

    Args:
        counts: Combined bitstring counts, keys as wide as ``sum(widths)``.
        widths: Classical register width of each circuit, in program order.

    Returns:
        ``{"0": {...}, "1": {...}, ...}``; each map sums to the total shot count.

    Raises:
        ValueError: A key has the wrong width.
    """
    total = sum(widths)
    result: dict[str, dict[str, int]] = {str(i): {} for i in range(len(widths))}
    for key, n in counts.items():
        if len(key) != total:
            raise ValueError(f"bitstring {key!r} does not have width {total}")
        end = total
        for i, w in enumerate(widths):
            piece = key[end - w : end]
            end -= w
            result[str(i)][piece] = result[str(i)].get(piece, 0) + n
    return result


def normalize_transpiler_info(info: Mapping[str, Any] | None) -> dict[str, Any]:
    """Apply the engine's transpiler defaults to a submitted ``transpiler_info``.

    Args:
        info: The submitted object (``{}`` or None means "use defaults").

    Returns:
        The object that is written back to the job: ``{}`` becomes the qiskit default,
        ``{"transpiler_lib": None}`` is kept as it is (no transpilation).
    """
    if not info:
        return {
            "transpiler_lib": "qiskit",
            "transpiler_options": {"optimization_level": 1},
        }
    out = dict(info)
    if "transpiler_lib" not in out:
        out["transpiler_lib"] = "qiskit"
    if out["transpiler_lib"] is not None and "transpiler_options" not in out:
        out["transpiler_options"] = {"optimization_level": 1}
    return out


def optimization_level(info: Mapping[str, Any]) -> int | None:
    """Return the qiskit optimization level requested, or None when not transpiling.

    Args:
        info: A normalised ``transpiler_info``.

    Returns:
        0..3, or None for ``transpiler_lib: null``.

    Raises:
        JobFailure: Unsupported library or level.
    """
    lib = info.get("transpiler_lib")
    if lib is None:
        return None
    if lib != "qiskit":
        raise JobFailure(f"Job input validation failed: unsupported transpiler_lib: {lib}")
    options = info.get("transpiler_options") or {}
    if not isinstance(options, Mapping):
        raise JobFailure("Job input validation failed: transpiler_options must be an object")
    level = options.get("optimization_level", 1)
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 3:
        raise JobFailure(
            f"Job input validation failed: invalid optimization_level: {level!r} (expected 0..3)"
        )
    return level


@dataclass
class OperatorTerm:
    """One validated estimation term."""

    paulis: list[tuple[str, int]]
    coeff: float


def validate_operators(raw: Any) -> list[OperatorTerm]:
    """Validate the ``operator`` list of an estimation input.

    Args:
        raw: The decoded ``operator`` value.

    Returns:
        Parsed terms.

    Raises:
        JobFailure: Missing list, missing ``coeff`` (the engine requires it), bad Pauli.
    """
    prefix = "Job input validation failed: "
    if not isinstance(raw, list) or not raw:
        raise JobFailure(prefix + "operator: a non-empty list is required for estimation")
    terms: list[OperatorTerm] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise JobFailure(prefix + f"operator.{i}: Input should be a valid dictionary")
        pauli = item.get("pauli")
        if not isinstance(pauli, str):
            raise JobFailure(prefix + f"operator.{i}.pauli: Field required")
        if "coeff" not in item:
            raise JobFailure(prefix + f"operator.{i}.coeff: Field required")
        coeff = item["coeff"]
        if isinstance(coeff, bool) or not isinstance(coeff, int | float):
            raise JobFailure(prefix + f"operator.{i}.coeff: Input should be a valid number")
        try:
            paulis = parse_pauli(pauli)
        except ValueError as exc:
            raise JobFailure(prefix + f"operator.{i}.pauli: {exc}") from exc
        terms.append(OperatorTerm(paulis, float(coeff)))
    return terms


def circuit_stats(circuit: Any) -> dict[str, int]:
    """Count qubits, gates and depth of a circuit the way ``transpile_result.stats`` shows them.

    Args:
        circuit: A qiskit ``QuantumCircuit``.

    Returns:
        ``{"n_qubits", "n_gates", "n_gates_1q", "n_gates_2q", "depth"}``.
    """
    from qiskit.circuit import Gate

    n1 = n2 = n = 0
    for inst in circuit.data:
        if not isinstance(inst.operation, Gate):
            continue
        n += 1
        if len(inst.qubits) == 1:
            n1 += 1
        elif len(inst.qubits) == 2:
            n2 += 1
    return {
        "n_qubits": int(circuit.num_qubits),
        "n_gates": n,
        "n_gates_1q": n1,
        "n_gates_2q": n2,
        "depth": int(circuit.depth()),
    }


def load_program(source: str, index: int = 0) -> Any:
    """Parse one OpenQASM 3 program.

    Args:
        source: Program text.
        index: Position in ``program`` (for the message).

    Returns:
        A qiskit ``QuantumCircuit``.

    Raises:
        JobFailure: The text is not valid OpenQASM 3 for qiskit's importer.
    """
    import qiskit.qasm3

    if not isinstance(source, str):
        raise JobFailure(f"Job input validation failed: program.{index}: Input should be a string")
    try:
        return qiskit.qasm3.loads(source)
    except Exception as exc:
        raise JobFailure(f"failed to parse program {index} as OpenQASM 3: {exc}") from exc


def combine_circuits(circuits: Sequence[Any], max_qubits: int) -> Any:
    """Place circuits side by side in one circuit (circuit 0 on the lowest qubits and bits).

    Args:
        circuits: qiskit circuits in program order.
        max_qubits: The device's qubit count.

    Returns:
        The combined circuit with one ``q`` and one ``c`` register.

    Raises:
        JobFailure: The combined width exceeds ``max_qubits``.
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    nq = sum(c.num_qubits for c in circuits)
    nc = sum(c.num_clbits for c in circuits)
    if nq > max_qubits or nq == 0:
        raise JobFailure("failed to combine programs: invalid qubit size")
    combined = QuantumCircuit(QuantumRegister(nq, "q"), ClassicalRegister(nc, "c"))
    q_off = c_off = 0
    for circ in circuits:
        combined.compose(
            circ,
            qubits=list(range(q_off, q_off + circ.num_qubits)),
            clbits=list(range(c_off, c_off + circ.num_clbits)),
            inplace=True,
        )
        q_off += circ.num_qubits
        c_off += circ.num_clbits
    return combined


def transpile_for_device(
    circuit: Any, device: Device, level: int, seed: int | None = None
) -> tuple[Any, dict[str, Any]]:
    """Transpile a circuit for a device and build the ``transpile_result.json`` object.

    Args:
        circuit: The virtual circuit.
        device: Target device (basis gates and couplings).
        level: qiskit optimization level.
        seed: Transpiler seed for reproducible layouts.

    Returns:
        The transpiled circuit and ``{"transpiled_program", "stats", "virtual_physical_mapping"}``.

    Raises:
        JobFailure: Transpilation or QASM export failed.
    """
    from qiskit import qasm3, transpile
    from qiskit.transpiler import CouplingMap

    coupling = CouplingMap(device.coupling_edges()) if device.couplings else None
    try:
        transpiled = transpile(
            circuit,
            basis_gates=list(device.basis_gates),
            coupling_map=coupling,
            optimization_level=level,
            seed_transpiler=seed,
        )
        text = qasm3.dumps(transpiled)
    except Exception as exc:
        raise JobFailure(f"transpile failed: {exc}") from exc
    if transpiled.layout is not None:
        physical = transpiled.layout.final_index_layout(filter_ancillas=True)
    else:
        physical = list(range(circuit.num_qubits))
    mapping = {
        "qubit_mapping": {str(v): int(p) for v, p in enumerate(physical)},
        "bit_mapping": {str(b): b for b in range(circuit.num_clbits)},
    }
    return transpiled, {
        "transpiled_program": text,
        "stats": {"before": circuit_stats(circuit), "after": circuit_stats(transpiled)},
        "virtual_physical_mapping": mapping,
    }


def sample_counts(circuit: Any, shots: int, seed: int | None) -> dict[str, int]:
    """Sample a circuit's classical registers with the statevector sampler.

    Args:
        circuit: A circuit with measurements (one with no classical bits gets ``measure_all``).
        shots: Number of shots.
        seed: Sampler seed, or None for a random one.

    Returns:
        Counts keyed by bitstrings with classical bit 0 rightmost, padded to the full width.
    """
    from qiskit.primitives import StatevectorSampler

    if circuit.num_clbits == 0:
        circuit = circuit.copy()
        circuit.measure_all()
    result = StatevectorSampler(seed=seed).run([circuit], shots=shots).result()[0]
    width = circuit.num_clbits
    counts: dict[str, int] = {}
    for key, n in result.join_data().get_counts().items():
        k = key.zfill(width)
        counts[k] = counts.get(k, 0) + int(n)
    return counts


def estimate(circuit: Any, terms: Sequence[OperatorTerm], shots: int) -> tuple[float, float]:
    """Compute the expectation value of ``sum coeff * P`` on the circuit's final state.

    Args:
        circuit: The state-preparation circuit; final measurements are removed.
        terms: Validated operator terms.
        shots: Shot count, used for the standard error.

    Returns:
        ``(exp_value, stds)`` as described in the module docstring.

    Raises:
        JobFailure: An operator addresses a qubit the circuit does not have.
    """
    from qiskit.quantum_info import SparsePauliOp, Statevector

    bare = circuit.remove_final_measurements(inplace=False)
    n = bare.num_qubits
    state = Statevector(bare)
    total = 0.0
    variance = 0.0
    for t in terms:
        for _, q in t.paulis:
            if q >= n:
                raise JobFailure(
                    f"Job input validation failed: operator qubit {q} is out of range "
                    f"for a {n}-qubit program"
                )
        if t.paulis:
            label = "".join(p for p, _ in t.paulis)
            op = SparsePauliOp.from_sparse_list([(label, [q for _, q in t.paulis], 1.0)], n)
            value = float(state.expectation_value(op).real)
        else:
            value = 1.0
        total += t.coeff * value
        spread = 1.0 - value * value
        # Float noise leaves ~1e-16 for eigenstates; report an exact 0 there.
        variance += t.coeff**2 * (spread if spread > 1e-12 else 0.0)
    return total, math.sqrt(variance / shots)


@dataclass
class Prepared:
    """A validated job ready to run."""

    job_type: str
    circuit: Any
    widths: list[int]
    terms: list[OperatorTerm]
    transpile_result: dict[str, Any] | None = None
    combined_program: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_PREPARED_CACHE: OrderedDict[str, Prepared] = OrderedDict()
_PREPARED_CACHE_SIZE = 256
_PREPARED_CACHE_LOCK = threading.Lock()


def prepare(
    job_type: str,
    job_input: Any,
    device: Device,
    transpiler_info: Mapping[str, Any],
    seed: int | None,
) -> Prepared:
    """:func:`prepare_uncached`, reusing the result for an identical earlier job.

    Parsing and transpiling dominate a small job's cost, and batches repeat one program
    many times. A prepared job is only read afterwards, so sharing it is safe; failures are
    not cached.
    """
    try:
        key = json.dumps(
            [job_type, job_input, device.device_id, dict(transpiler_info), seed], sort_keys=True
        )
    except (TypeError, ValueError):
        return prepare_uncached(job_type, job_input, device, transpiler_info, seed)
    with _PREPARED_CACHE_LOCK:
        hit = _PREPARED_CACHE.get(key)
        if hit is not None:
            _PREPARED_CACHE.move_to_end(key)
            return hit
    prepared = prepare_uncached(job_type, job_input, device, transpiler_info, seed)
    with _PREPARED_CACHE_LOCK:
        _PREPARED_CACHE[key] = prepared
        while len(_PREPARED_CACHE) > _PREPARED_CACHE_SIZE:
            _PREPARED_CACHE.popitem(last=False)
    return prepared


def prepare_uncached(
    job_type: str,
    job_input: Any,
    device: Device,
    transpiler_info: Mapping[str, Any],
    seed: int | None,
) -> Prepared:
    """Validate the input, parse, combine and transpile; everything before ``running``.

    Args:
        job_type: ``sampling``, ``estimation`` or ``multi_manual``.
        job_input: The decoded input JSON.
        device: The target device.
        transpiler_info: Normalised transpiler info.
        seed: Transpiler seed.

    Returns:
        The prepared job.

    Raises:
        JobFailure: Any validation, parsing, combining or transpilation problem.
    """
    prefix = "Job input validation failed: "
    if not isinstance(job_input, dict):
        raise JobFailure(prefix + "Input should be a valid dictionary")
    programs = job_input.get("program")
    if not isinstance(programs, list) or not programs:
        raise JobFailure(prefix + "program: a non-empty list of OpenQASM 3 strings is required")
    if job_type in ("sampling", "estimation") and len(programs) != 1:
        raise JobFailure(prefix + f"program: exactly one program is required for {job_type}")
    terms = validate_operators(job_input.get("operator")) if job_type == "estimation" else []
    level = optimization_level(transpiler_info)
    circuits = [load_program(p, i) for i, p in enumerate(programs)]
    combined_text: str | None = None
    if job_type == "multi_manual":
        from qiskit import qasm3

        circuit = combine_circuits(circuits, device.n_qubits)
        combined_text = qasm3.dumps(circuit)
    else:
        circuit = circuits[0]
        if circuit.num_qubits > device.n_qubits:
            raise JobFailure(
                prefix + f"program uses {circuit.num_qubits} qubits but device "
                f"{device.device_id} has {device.n_qubits}"
            )
    transpile_result = None
    if level is not None:
        _, transpile_result = transpile_for_device(circuit, device, level, seed)
    return Prepared(
        job_type=job_type,
        circuit=circuit,
        widths=[c.num_clbits for c in circuits],
        terms=terms,
        transpile_result=transpile_result,
        combined_program=combined_text,
    )


def execute(prepared: Prepared, shots: int, seed: int | None) -> dict[str, Any]:
    """Run a prepared job and build ``result.json``.

    Args:
        prepared: Output of :func:`prepare`.
        shots: Shot count.
        seed: Sampler seed or None.

    Returns:
        ``{"sampling": ..., "estimation": ...}``.
    """
    if prepared.job_type == "estimation":
        exp_value, stds = estimate(prepared.circuit, prepared.terms, shots)
        return {"sampling": None, "estimation": {"exp_value": exp_value, "stds": stds}}
    counts = sample_counts(prepared.circuit, shots, seed)
    divided: dict[str, dict[str, int]] | None = None
    if prepared.job_type == "multi_manual":
        try:
            divided = divide_counts(counts, prepared.widths)
        except ValueError:
            # The engine's multi_manual step: a division failure leaves {} and the job
            # still succeeds (only happens when no program has a classical bit).
            divided = {}
    return {"sampling": {"counts": counts, "divided_counts": divided}, "estimation": None}
