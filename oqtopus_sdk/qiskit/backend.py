"""``OqtopusBackend``: a qiskit ``BackendV2`` for one OQTOPUS device, and its ``OqtopusJob``.

``backend.run(circuit)`` submits one sampling job; ``backend.run([c0, c1, ...])`` submits one
multi_manual job holding all circuits (the service places them side by side and returns
``divided_counts`` per circuit). When the circuits do not fit the device together they are
split over as few multi_manual jobs as needed. Before sending, idle qubits (no operation on
them) are dropped from each circuit, so a circuit transpiled to all 5 qubits of a 5-qubit
device still packs with others; counts depend only on classical bits, which are kept.

The service transpiles every program itself (``transpiler_info``, default qiskit level 1);
``transpile(circuit, backend)`` beforehand is optional and useful to inspect the routed
circuit. With ``transpiler_info={"transpiler_lib": None}`` the service runs each circuit on
the qubits it names: then circuits keep their qubits and each goes in its own job. Every spec passes the pre-flight checks (:mod:`oqtopus_sdk.preflight`) before the
first request.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from qiskit import QuantumCircuit, QuantumRegister
from qiskit.circuit import Barrier
from qiskit.providers import BackendV2, JobStatus, JobV1, Options
from qiskit.result import Result

from oqtopus_sdk._version import __version__
from oqtopus_sdk.constants import (
    DEFAULT_POLL_INTERVAL_SECONDS,
    DEFAULT_SHOTS,
    DEFAULT_WAIT_TIMEOUT_SECONDS,
)
from oqtopus_sdk.preflight import preflight_spec
from oqtopus_sdk.spec import OqtopusJobSpec

from .convert import _CONTROL_FLOW, circuit_to_qasm3, to_qiskit_result
from .target import target_from_device

if TYPE_CHECKING:
    from qiskit.transpiler import Target

    from oqtopus_sdk.client import OqtopusClient
    from oqtopus_sdk.device import OqtopusDevice
    from oqtopus_sdk.results import OqtopusJobResult

__all__ = ["OqtopusBackend", "OqtopusJob", "SubmittedBatch", "job_status"]

_STATUS: Final = {
    "registered": JobStatus.INITIALIZING,
    "submitted": JobStatus.QUEUED,
    "ready": JobStatus.QUEUED,
    "running": JobStatus.RUNNING,
    "cancelling": JobStatus.RUNNING,
    "succeeded": JobStatus.DONE,
    "failed": JobStatus.ERROR,
    "cancelled": JobStatus.CANCELLED,
}
_SPEC_OPTIONS: Final = ("transpiler_info", "simulator_info", "mitigation_info")
_FAILURE_STATUSES: Final = ("failed", "cancelled")


def job_status(status: object) -> JobStatus:
    """Map an OQTOPUS job status to qiskit's ``JobStatus``.

    Args:
        status: ``JobsJobStatus`` or its string.

    Returns:
        registered: INITIALIZING; submitted/ready: QUEUED; running/cancelling: RUNNING;
        succeeded: DONE; failed: ERROR; cancelled: CANCELLED; anything else: QUEUED.
    """
    return _STATUS.get(str(getattr(status, "value", status)), JobStatus.QUEUED)


def combined_status(statuses: Iterable[JobStatus]) -> JobStatus:
    """One status for several jobs: an error or cancellation wins, then running, then queued.

    Args:
        statuses: Per-job statuses.

    Returns:
        DONE only when every job is done.
    """
    seen = set(statuses)
    for status in (
        JobStatus.ERROR,
        JobStatus.CANCELLED,
        JobStatus.RUNNING,
        JobStatus.QUEUED,
        JobStatus.INITIALIZING,
    ):
        if status in seen:
            return status
    return JobStatus.DONE


FINAL_JOB_STATUSES: Final = (JobStatus.DONE, JobStatus.ERROR, JobStatus.CANCELLED)
"""qiskit statuses after which nothing changes."""


def cancel_unfinished(client: Any, job_ids: Iterable[str]) -> bool:
    """Ask the service to cancel each job that has not finished.

    Returns:
        True when every cancel request was accepted.
    """
    accepted = True
    for job in job_ids:
        if job_status(client.status(job)) in FINAL_JOB_STATUSES:
            continue
        try:
            client.cancel_job(job)
        except Exception:
            accepted = False
    return accepted


def without_idle_qubits(circuit: QuantumCircuit) -> QuantumCircuit:
    """Return the circuit without qubits that no operation touches (barriers do not count).

    Classical bits, registers, name, metadata and global phase are kept; qubits are renumbered
    in order into one register ``q``. Circuits with control flow, or with nothing idle, come
    back unchanged.

    Args:
        circuit: The circuit.

    Returns:
        A circuit over the used qubits only.
    """
    used: set[Any] = set()
    for instruction in circuit.data:
        name = instruction.operation.name
        if name in _CONTROL_FLOW:
            return circuit
        if name != "barrier":
            used.update(instruction.qubits)
    active = [qubit for qubit in circuit.qubits if qubit in used]
    if not active or len(active) == circuit.num_qubits:
        return circuit
    compact = QuantumCircuit(
        QuantumRegister(len(active), "q"),
        name=circuit.name,
        global_phase=circuit.global_phase,
        metadata=dict(circuit.metadata or {}),
    )
    compact.add_bits(circuit.clbits)
    for register in circuit.cregs:
        compact.add_register(register)
    mapping = {qubit: compact.qubits[index] for index, qubit in enumerate(active)}
    for instruction in circuit.data:
        qargs = [mapping[qubit] for qubit in instruction.qubits if qubit in mapping]
        if not qargs:
            continue
        operation = instruction.operation
        if operation.name == "barrier" and len(qargs) != len(instruction.qubits):
            operation = Barrier(len(qargs))
        compact.append(operation, qargs, instruction.clbits, copy=False)
    return compact


def _runs_as_given(transpiler_info: object) -> bool:
    return (
        isinstance(transpiler_info, Mapping)
        and "transpiler_lib" in transpiler_info
        and transpiler_info["transpiler_lib"] is None
    )


@dataclass(frozen=True, slots=True)
class SubmittedBatch:
    """Jobs that carry a list of circuits: which circuits each job holds.

    Args:
        job_ids: One id per job.
        groups: For each job, the indices of its circuits (in program order).
    """

    job_ids: list[str]
    groups: list[list[int]]


class OqtopusBackend(BackendV2):  # type: ignore[misc]
    """A qiskit ``BackendV2`` running circuits on one OQTOPUS device.

    Args:
        device_id: The device (``client.get_device(device_id)`` is called once, here).
        client: The client to use; None builds ``OqtopusClient()`` from the default
            configuration (environment or config file).
        device: The device record, when already fetched (skips the request).
        preflight: Run :func:`~oqtopus_sdk.preflight.preflight_spec` on every spec before
            sending (default True).
        **options: Defaults for :meth:`run` (see :meth:`_default_options`).

    Raises:
        ValueError: The device publishes no qubit count.
    """

    def __init__(
        self,
        device_id: str,
        client: OqtopusClient | None = None,
        *,
        device: OqtopusDevice | None = None,
        preflight: bool = True,
        **options: Any,
    ) -> None:
        if client is None:
            from oqtopus_sdk.client import OqtopusClient

            client = OqtopusClient()
        self._client = client
        self._device = device if device is not None else client.get_device(device_id)
        super().__init__(
            name=device_id,
            description=self._device.description,
            online_date=self._device.calibrated_at,
            backend_version=__version__,
        )
        self._target = target_from_device(self._device)
        self.preflight = preflight
        if options:
            self.set_options(**options)

    @classmethod
    def _default_options(cls) -> Options:
        """Run options: ``shots``; ``transpiler_info`` / ``simulator_info`` /
        ``mitigation_info`` (sent as given, None = service defaults); ``job_name``,
        ``job_description``; ``interval`` (first poll interval, s) and ``timeout`` (wait
        limit, s, None = forever) for ``result()``; ``compact`` (drop idle qubits; None =
        yes unless the service is told not to transpile)."""
        return Options(
            shots=DEFAULT_SHOTS,
            transpiler_info=None,
            simulator_info=None,
            mitigation_info=None,
            job_name=None,
            job_description=None,
            interval=DEFAULT_POLL_INTERVAL_SECONDS,
            timeout=DEFAULT_WAIT_TIMEOUT_SECONDS,
            compact=None,
        )

    @property
    def target(self) -> Target:
        """The ``Target`` built from the device record."""
        return self._target

    @property
    def max_circuits(self) -> None:
        """No fixed limit: circuits are packed into multi_manual jobs by qubit count."""
        return None

    @property
    def client(self) -> OqtopusClient:
        """The client that submits and waits."""
        return self._client

    @property
    def device(self) -> OqtopusDevice:
        """The device record the target was built from."""
        return self._device

    def __repr__(self) -> str:
        return f"<OqtopusBackend {self.name!r} ({self.num_qubits} qubits)>"

    # --- building and sending specs ---------------------------------------------------------
    def _merged_options(self, options: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(self.options.__dict__)
        for key, value in options.items():
            if key not in merged:
                warnings.warn(
                    f"{type(self).__name__}.run: option {key!r} is not used by OQTOPUS",
                    stacklevel=3,
                )
                continue
            merged[key] = value
        return merged

    def _spec_kwargs(self, opts: Mapping[str, Any]) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "device_id": self.name,
            "shots": opts["shots"],
            "name": opts.get("job_name"),
            "description": opts.get("job_description"),
        }
        for key in _SPEC_OPTIONS:
            kwargs[key] = opts.get(key)
        return kwargs

    def _capacity(self) -> int | None:
        n_qubits = self._device.n_qubits
        return n_qubits if isinstance(n_qubits, int) else None

    def sampling_specs(
        self, circuits: Sequence[QuantumCircuit], **options: Any
    ) -> tuple[list[OqtopusJobSpec], list[list[int]]]:
        """Plan the jobs that sample ``circuits``, checked and ready to send.

        Circuits are packed in order into multi_manual jobs whose qubits fit the device; a
        job with one circuit is a sampling job.

        Args:
            circuits: Bound circuits.
            **options: Run options overriding the backend's.

        Returns:
            The specs and, per spec, the indices of its circuits.

        Raises:
            TypeError: An item is not a QuantumCircuit.
            ValueError: A circuit cannot be exported, or a spec fails the pre-flight checks
                (:class:`~oqtopus_sdk.preflight.PreflightError`).
        """
        opts = self._merged_options(options)
        if not circuits:
            raise ValueError("no circuits to run")
        # With transpiler_lib None the service runs each circuit on the qubits it names, so
        # circuits are neither renumbered nor placed side by side (one job each).
        as_given = _runs_as_given(opts.get("transpiler_info"))
        compact = not as_given if opts["compact"] is None else bool(opts["compact"])
        prepared = []
        for index, circuit in enumerate(circuits):
            if not isinstance(circuit, QuantumCircuit):
                raise TypeError(
                    f"circuit {index} must be a QuantumCircuit, got {type(circuit).__name__}"
                )
            prepared.append(without_idle_qubits(circuit) if compact else circuit)
        capacity = 0 if as_given else self._capacity()
        groups: list[list[int]] = []
        used = 0
        for index, circuit in enumerate(prepared):
            width = circuit.num_qubits
            if groups and (capacity is None or used + width <= capacity):
                groups[-1].append(index)
                used += width
            else:
                groups.append([index])
                used = width
        kwargs = self._spec_kwargs(opts)
        specs = []
        for group in groups:
            programs = [circuit_to_qasm3(prepared[index]) for index in group]
            if len(programs) == 1:
                spec = OqtopusJobSpec.sampling(program=programs[0], **kwargs)
            else:
                spec = OqtopusJobSpec.multi_manual(program=programs, **kwargs)
            self.check(spec)
            specs.append(spec)
        return specs, groups

    def check(self, spec: OqtopusJobSpec) -> None:
        """Run the pre-flight checks on a spec against this device (if ``preflight``).

        Args:
            spec: The spec.

        Raises:
            ValueError: The spec is invalid or fails a pre-flight check.
        """
        if self.preflight:
            preflight_spec(spec, device=self._device)
        else:
            spec.validate()

    def submit(self, specs: Sequence[OqtopusJobSpec]) -> list[str]:
        """Submit checked specs (concurrently when there are several); return the job ids.

        Args:
            specs: Specs from :meth:`sampling_specs` or built by a primitive.

        Returns:
            Job ids in spec order.

        Raises:
            BatchJobError: Some submissions failed (see ``errors``/``job_ids``).
        """
        if len(specs) == 1:
            return [str(self._client.submit_job(specs[0]).job_id)]
        return [str(response.job_id) for response in self._client.submit_jobs(list(specs))]

    def wait(
        self, job_ids: Sequence[str], *, timeout: float | None = None
    ) -> list[OqtopusJobResult]:
        """Wait for jobs with this backend's ``interval``/``timeout`` options.

        Args:
            job_ids: The jobs.
            timeout: Overrides the ``timeout`` option.

        Returns:
            Results in input order.

        Raises:
            JobFailedError: One job failed or was cancelled (``server_message`` says why).
            JobTimeoutError: It did not finish in time.
            BatchJobError: Some of several jobs did not succeed (each error per job).
        """
        options: dict[str, Any] = {
            "interval": self.options.interval,
            "timeout": self.options.timeout if timeout is None else timeout,
            "failure_statuses": _FAILURE_STATUSES,
        }
        if len(job_ids) == 1:
            return [self._client.wait_for_job(job_ids[0], **options)]
        return self._client.wait_for_jobs(list(job_ids), **options)

    def run(
        self, run_input: QuantumCircuit | Sequence[QuantumCircuit], **options: Any
    ) -> OqtopusJob:
        """Sample one circuit (a sampling job) or several (multi_manual jobs).

        Args:
            run_input: A circuit or a list of circuits with measurements; parameters bound.
            **options: Run options (``shots``, ``transpiler_info``, ...), see
                :meth:`_default_options`.

        Returns:
            The job; ``result().get_counts(i)`` is circuit ``i``'s counts.

        Raises:
            TypeError: An item is not a QuantumCircuit.
            ValueError: A pre-flight check failed (nothing was sent).
        """
        circuits = [run_input] if isinstance(run_input, QuantumCircuit) else list(run_input)
        specs, groups = self.sampling_specs(circuits, **options)
        job_ids = self.submit(specs)
        return OqtopusJob(self, SubmittedBatch(job_ids, groups), circuits)


class OqtopusJob(JobV1):  # type: ignore[misc]
    """The qiskit job of :meth:`OqtopusBackend.run`: one or a few OQTOPUS jobs.

    ``job_id()`` is the OQTOPUS job id (ids joined by ``,`` when the circuits needed several
    jobs; :meth:`job_ids` lists them).

    Args:
        backend: The backend that submitted the jobs.
        batch: Job ids and the circuits of each.
        circuits: All circuits, in order.
    """

    def __init__(
        self, backend: OqtopusBackend, batch: SubmittedBatch, circuits: Sequence[QuantumCircuit]
    ) -> None:
        super().__init__(backend, ",".join(batch.job_ids))
        self._batch = batch
        self._circuits = list(circuits)
        self._results: list[OqtopusJobResult] | None = None

    def submit(self) -> None:
        """Not used: :meth:`OqtopusBackend.run` submits.

        Raises:
            RuntimeError: Always.
        """
        raise RuntimeError("OqtopusJob is submitted by OqtopusBackend.run")

    def job_ids(self) -> list[str]:
        """The OQTOPUS job ids, in circuit order."""
        return list(self._batch.job_ids)

    @property
    def groups(self) -> list[list[int]]:
        """For each OQTOPUS job, the indices of its circuits."""
        return [list(group) for group in self._batch.groups]

    def status(self) -> JobStatus:
        """The qiskit status (one ``GET /jobs/{id}/status`` per OQTOPUS job)."""
        if self._results is not None:
            return combined_status(job_status(result.status) for result in self._results)
        client = self._backend.client
        return combined_status(job_status(client.status(job)) for job in self._batch.job_ids)

    def oqtopus_results(self, timeout: float | None = None) -> list[OqtopusJobResult]:
        """Wait for the OQTOPUS jobs and return their results (cached once finished).

        Args:
            timeout: Seconds to wait (default: the backend's ``timeout`` option).

        Returns:
            One result per OQTOPUS job.
        """
        if self._results is None:
            self._results = self._backend.wait(self._batch.job_ids, timeout=timeout)
        return list(self._results)

    def result(self, timeout: float | None = None) -> Result:
        """Wait and return a qiskit ``Result``; ``get_counts(i)`` is circuit ``i``'s counts.

        Args:
            timeout: Seconds to wait (default: the backend's ``timeout`` option).

        Returns:
            The Result (``header["oqtopus_job_ids"]`` lists the jobs).

        Raises:
            JobFailedError: A job failed or was cancelled.
            JobTimeoutError: A job did not finish in time.
        """
        results = self.oqtopus_results(timeout)
        return to_qiskit_result(results, self._circuits, backend_name=self._backend.name)

    def cancel(self) -> bool:
        """Ask the service to cancel every job that has not finished.

        Returns:
            True when every cancel request was accepted.
        """
        return cancel_unfinished(self._backend.client, self._batch.job_ids)
