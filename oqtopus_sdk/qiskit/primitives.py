"""Qiskit V2 primitives on an :class:`~oqtopus_sdk.qiskit.OqtopusBackend`.

* :class:`SamplerV2`: every PUB's parameter sets are bound here (a sweep of N sets is N
  circuits); all circuits with the same shot count travel in as few multi_manual jobs as the
  device's qubit count allows. Each classical register becomes a ``BitArray`` of the PUB's
  shape. The service returns counts, not shot-by-shot memory, so shots inside a ``BitArray``
  are grouped by outcome rather than in the order they were measured.
* :class:`EstimatorV2`: the service takes one operator per estimation job, so every
  (bound circuit, observable) pair of the broadcast is one job (identical pairs share one);
  all are submitted concurrently and waited for together. ``evs`` and ``stds`` are the
  service's ``exp_value`` and ``stds``. Observables act on the circuit's own qubits: the
  circuit is sent as given and the service transpiles it, so for a circuit you transpiled
  yourself, apply its layout to the observable (``observable.apply_layout(isa.layout)``)
  as usual. Final measurements are removed before sending.

Both check every spec (:mod:`oqtopus_sdk.preflight`) and submit inside ``run()``, so a bad
PUB raises there before any request; ``job.result()`` waits.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from qiskit import QuantumCircuit
from qiskit.primitives import (
    BaseEstimatorV2,
    BasePrimitiveJob,
    BaseSamplerV2,
    BitArray,
    DataBin,
    PrimitiveResult,
    PubResult,
    SamplerPubResult,
)
from qiskit.primitives.containers.estimator_pub import EstimatorPub
from qiskit.primitives.containers.sampler_pub import SamplerPub
from qiskit.providers import JobStatus
from qiskit.quantum_info import SparsePauliOp

from oqtopus_sdk.bitstrings import bitstring_to_int
from oqtopus_sdk.constants import DEFAULT_SHOTS, MAX_SHOTS
from oqtopus_sdk.spec import OqtopusJobSpec

from .backend import (
    FINAL_JOB_STATUSES,
    OqtopusBackend,
    cancel_unfinished,
    combined_status,
    job_status,
)
from .convert import circuit_to_qasm3, pauli_to_operators

if TYPE_CHECKING:
    from collections.abc import Callable

    from qiskit.primitives.containers import EstimatorPubLike, SamplerPubLike

    from oqtopus_sdk.results import OqtopusJobResult

__all__ = ["EstimatorV2", "OqtopusPrimitiveJob", "SamplerV2"]

DEFAULT_PRECISION: Final = 0.015
"""Default target precision of :class:`EstimatorV2` (shots = ceil(1 / precision**2))."""


class OqtopusPrimitiveJob(BasePrimitiveJob[PrimitiveResult[Any], JobStatus]):  # type: ignore[misc]
    """A primitive job: OQTOPUS jobs already submitted, and how to build the result.

    ``job_id()`` joins the OQTOPUS job ids with ``,``; :attr:`job_ids` lists them.

    Args:
        backend: The backend that submitted the jobs.
        job_ids: The OQTOPUS job ids.
        build: Turns the finished job results (in ``job_ids`` order) into the result.
    """

    def __init__(
        self,
        backend: OqtopusBackend,
        job_ids: list[str],
        build: Callable[[list[OqtopusJobResult]], PrimitiveResult[Any]],
    ) -> None:
        super().__init__(",".join(job_ids))
        self._backend = backend
        self.job_ids = list(job_ids)
        self._build = build
        self._result: PrimitiveResult[Any] | None = None
        self._cancelled = False

    def result(self, timeout: float | None = None) -> PrimitiveResult[Any]:
        """Wait for every OQTOPUS job and return the primitive result.

        Args:
            timeout: Seconds to wait (default: the backend's ``timeout`` option).

        Raises:
            JobFailedError: One job failed or was cancelled.
            BatchJobError: Some of several jobs did not succeed.
            JobTimeoutError: Not finished in time.
        """
        if self._result is None:
            self._result = self._build(self._backend.wait(self.job_ids, timeout=timeout))
        return self._result

    def status(self) -> JobStatus:
        """The combined status of the OQTOPUS jobs."""
        if self._result is not None:
            return JobStatus.DONE
        client = self._backend.client
        return combined_status(job_status(client.status(job)) for job in self.job_ids)

    def done(self) -> bool:
        """Whether every job succeeded."""
        return bool(self.status() == JobStatus.DONE)

    def running(self) -> bool:
        """Whether some job is running."""
        return bool(self.status() == JobStatus.RUNNING)

    def cancelled(self) -> bool:
        """Whether a job was cancelled."""
        return bool(self.status() == JobStatus.CANCELLED)

    def in_final_state(self) -> bool:
        """Whether nothing will change any more (done, error or cancelled)."""
        return self.status() in FINAL_JOB_STATUSES

    def cancel(self) -> bool:
        """Ask the service to cancel the jobs that have not finished.

        Returns:
            True when every cancel request was accepted.
        """
        return cancel_unfinished(self._backend.client, self.job_ids)


def _bound_circuits(pub: SamplerPub | EstimatorPub) -> np.ndarray[Any, Any]:
    bound = pub.parameter_values.bind_all(pub.circuit)
    return np.asarray(bound, dtype=object) if not isinstance(bound, np.ndarray) else bound


def _register_counts(counts: dict[str, Any], positions: list[int]) -> dict[int, int]:
    """Marginal counts of one register: ``positions`` are its clbit indices, bit 0 first."""
    found: dict[int, int] = {}
    for key, value in counts.items():
        number = bitstring_to_int(key)
        register = 0
        for place, position in enumerate(positions):
            register |= ((number >> position) & 1) << place
        found[register] = found.get(register, 0) + int(value)
    return found


def _circuit_counts(result: OqtopusJobResult, size: int) -> list[dict[str, Any]]:
    sampling = result.sampling
    if sampling is None:
        raise ValueError(f"job {result.job_id} returned no sampling result")
    if size == 1 and str(getattr(result.job_type, "value", result.job_type)) == "sampling":
        return [dict(sampling.get("counts") or {})]
    divided = sampling.get("divided_counts") or {}
    return [dict(divided.get(str(index)) or {}) for index in range(size)]


class SamplerV2(BaseSamplerV2):  # type: ignore[misc]
    """``BaseSamplerV2`` on an OQTOPUS backend (see the module docstring).

    Args:
        backend: The backend (device and client).
        default_shots: Shots for PUBs that give none.
        options: Run options passed to the backend for every job (``transpiler_info``,
            ``job_name``, ...).
    """

    def __init__(
        self, backend: OqtopusBackend, *, default_shots: int = DEFAULT_SHOTS, **options: Any
    ) -> None:
        self._backend = backend
        self.default_shots = default_shots
        self.options = dict(options)

    @property
    def backend(self) -> OqtopusBackend:
        """The backend."""
        return self._backend

    def run(
        self, pubs: Iterable[SamplerPubLike], *, shots: int | None = None
    ) -> OqtopusPrimitiveJob:
        """Check, bind and submit the PUBs; the returned job waits in ``result()``.

        Args:
            pubs: Sampler PUBs: a circuit, or ``(circuit, parameter_values[, shots])``.
            shots: Shots for PUBs that give none (default: ``default_shots``).

        Returns:
            The job; its result holds one ``SamplerPubResult`` per PUB.

        Raises:
            ValueError: A PUB is invalid or a spec fails the pre-flight checks (nothing was
                sent).
        """
        coerced = [
            SamplerPub.coerce(pub, self.default_shots if shots is None else shots) for pub in pubs
        ]
        for index, pub in enumerate(coerced):
            pub.validate()
            if not pub.circuit.cregs:
                warnings.warn(
                    f"PUB {index}: the circuit has no classical registers, so its result holds "
                    "no data; add measurements (e.g. circuit.measure_all())",
                    UserWarning,
                    stacklevel=2,
                )
        bound = [_bound_circuits(pub) for pub in coerced]
        by_shots: dict[int, list[tuple[int, int]]] = {}
        flat: list[list[QuantumCircuit]] = []
        for index, (pub, array) in enumerate(zip(coerced, bound, strict=True)):
            flat.append(list(array.ravel()))
            by_shots.setdefault(int(pub.shots), []).extend(
                (index, position) for position in range(array.size)
            )
        specs: list[OqtopusJobSpec] = []
        placement: list[list[tuple[int, int]]] = []  # per spec: (pub, position) of each circuit
        for shot_count, members in by_shots.items():
            circuits = [flat[pub_index][position] for pub_index, position in members]
            group_specs, groups = self._backend.sampling_specs(
                circuits, **{**self.options, "shots": shot_count}
            )
            specs.extend(group_specs)
            placement.extend([members[i] for i in group] for group in groups)
        job_ids = self._backend.submit(specs)

        def build(results: list[OqtopusJobResult]) -> PrimitiveResult[SamplerPubResult]:
            counts: dict[tuple[int, int], dict[str, Any]] = {}
            for result, members in zip(results, placement, strict=True):
                for member, found in zip(
                    members, _circuit_counts(result, len(members)), strict=True
                ):
                    counts[member] = found
            pub_results = []
            for index, pub in enumerate(coerced):
                pub_results.append(self._pub_result(index, pub, bound[index].shape, counts))
            return PrimitiveResult(pub_results, metadata={"version": 2, "job_ids": job_ids})

        return OqtopusPrimitiveJob(self._backend, job_ids, build)

    def _pub_result(
        self,
        index: int,
        pub: SamplerPub,
        shape: tuple[int, ...],
        counts: dict[tuple[int, int], dict[str, Any]],
    ) -> SamplerPubResult:
        circuit = pub.circuit
        shots = int(pub.shots)
        arrays: dict[str, BitArray] = {}
        size = int(np.prod(shape, dtype=int))
        for register in circuit.cregs:
            positions = [circuit.find_bit(bit).index for bit in register]
            elements = []
            for position in range(size):
                marginal = _register_counts(counts[(index, position)], positions)
                elements.append(BitArray.from_counts(marginal, num_bits=register.size).array)
            stacked = np.stack(elements) if elements else np.zeros((0, shots, 0), np.uint8)
            arrays[register.name] = BitArray(
                stacked.reshape(shape + stacked.shape[-2:]), register.size
            )
        return SamplerPubResult(
            DataBin(**arrays, shape=shape),
            metadata={"shots": shots, "circuit_metadata": dict(circuit.metadata or {})},
        )


def _observable(value: Any) -> SparsePauliOp:
    if isinstance(value, SparsePauliOp):
        return value
    return SparsePauliOp.from_list(list(value.items()))


class EstimatorV2(BaseEstimatorV2):  # type: ignore[misc]
    """``BaseEstimatorV2`` on an OQTOPUS backend (see the module docstring).

    Args:
        backend: The backend (device and client).
        default_precision: Precision for PUBs that give none; shots per job are
            ``ceil(1 / precision**2)`` (0.015 gives 4445), capped at the service maximum.
        shots: Fixed shots per job instead of deriving them from the precision.
        options: Run options passed to every job (``transpiler_info``, ``job_name``, ...).
    """

    def __init__(
        self,
        backend: OqtopusBackend,
        *,
        default_precision: float = DEFAULT_PRECISION,
        shots: int | None = None,
        **options: Any,
    ) -> None:
        self._backend = backend
        self.default_precision = default_precision
        self.shots = shots
        self.options = dict(options)

    @property
    def backend(self) -> OqtopusBackend:
        """The backend."""
        return self._backend

    def shots_for(self, precision: float) -> int:
        """The shots used for a target precision (unless ``shots`` is fixed).

        Args:
            precision: Target standard error (> 0).

        Returns:
            ``ceil(1 / precision**2)`` within 1..MAX_SHOTS.

        Raises:
            ValueError: precision is not positive.
        """
        if self.shots is not None:
            return self.shots
        if not precision > 0:
            raise ValueError(f"precision must be > 0, got {precision!r}")
        return max(1, min(MAX_SHOTS, math.ceil(1.0 / precision**2)))

    def run(
        self, pubs: Iterable[EstimatorPubLike], *, precision: float | None = None
    ) -> OqtopusPrimitiveJob:
        """Check and submit one estimation job per (bound circuit, observable) pair.

        Args:
            pubs: Estimator PUBs: ``(circuit, observables[, parameter_values[, precision]])``.
            precision: Precision for PUBs that give none (default: ``default_precision``).

        Returns:
            The job; its result holds one ``PubResult`` (``evs``, ``stds``) per PUB.

        Raises:
            ValueError: A PUB is invalid, an observable has a complex coefficient, or a spec
                fails the pre-flight checks (nothing was sent).
        """
        default = self.default_precision if precision is None else precision
        coerced = [EstimatorPub.coerce(pub, default) for pub in pubs]
        opts = self._backend._merged_options(self.options)
        kwargs = self._backend._spec_kwargs(opts)
        specs: list[OqtopusJobSpec] = []
        keys: dict[tuple[str, tuple[tuple[str, float], ...], int], int] = {}
        slots: list[np.ndarray[Any, Any]] = []
        for pub in coerced:
            pub.validate()
            shots = self.shots_for(float(pub.precision))
            circuits = _bound_circuits(pub).ravel()
            observables = pub.observables.ravel()
            shape = pub.shape
            circuit_at = _broadcast_index(pub.parameter_values.shape, shape)
            observable_at = _broadcast_index(pub.observables.shape, shape)
            programs: dict[int, str] = {}
            converted: dict[int, list[Any]] = {}
            slot = np.zeros(shape, dtype=int)
            for index in np.ndindex(*shape):
                c_index, o_index = int(circuit_at[index]), int(observable_at[index])
                if c_index not in programs:
                    bare = circuits[c_index].remove_final_measurements(inplace=False)
                    programs[c_index] = circuit_to_qasm3(bare)
                if o_index not in converted:
                    converted[o_index] = pauli_to_operators(
                        _observable(observables[o_index]), where=f"observable {o_index}"
                    )
                operators = converted[o_index]
                key = (
                    programs[c_index],
                    tuple((op.pauli, op.wire_coeff) for op in operators),
                    shots,
                )
                if key not in keys:
                    spec = OqtopusJobSpec.estimation(
                        program=programs[c_index], operator=operators, **{**kwargs, "shots": shots}
                    )
                    self._backend.check(spec)
                    keys[key] = len(specs)
                    specs.append(spec)
                slot[index] = keys[key]
            slots.append(slot)
        job_ids = self._backend.submit(specs)

        def build(results: list[OqtopusJobResult]) -> PrimitiveResult[PubResult]:
            values = np.array([_estimate(result) for result in results] or [(0.0, 0.0)])
            pub_results = []
            for pub, slot in zip(coerced, slots, strict=True):
                evs = values[slot, 0] if slot.size else np.zeros(slot.shape)
                stds = values[slot, 1] if slot.size else np.zeros(slot.shape)
                pub_results.append(
                    PubResult(
                        DataBin(evs=evs, stds=stds, shape=pub.shape),
                        metadata={
                            "target_precision": float(pub.precision),
                            "shots": self.shots_for(float(pub.precision)),
                            "circuit_metadata": dict(pub.circuit.metadata or {}),
                            "job_ids": sorted({job_ids[i] for i in slot.ravel()}),
                        },
                    )
                )
            return PrimitiveResult(pub_results, metadata={"version": 2, "job_ids": job_ids})

        return OqtopusPrimitiveJob(self._backend, job_ids, build)


def _broadcast_index(shape: tuple[int, ...], target: tuple[int, ...]) -> np.ndarray[Any, Any]:
    """For each position of the broadcast ``target`` shape, the flat index into ``shape``."""
    size = int(np.prod(shape, dtype=int))
    return np.broadcast_to(np.arange(size).reshape(shape), target)


def _estimate(result: OqtopusJobResult) -> tuple[float, float]:
    estimation = result.estimation
    exp_value = estimation.get("exp_value") if estimation is not None else None
    if exp_value is None:
        raise ValueError(f"job {result.job_id} returned no exp_value")
    stds = estimation.get("stds") if estimation is not None else None
    return float(exp_value), float(stds) if stds is not None else float("nan")
