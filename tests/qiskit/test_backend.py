"""OqtopusBackend against the emulator: Target, transpile, run, multi_manual, job API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("qiskit")

from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister, transpile
from qiskit.providers import JobStatus
from qiskit.result import Result

from oqtopus_api.models import DevicesDeviceInfo
from oqtopus_sdk.client import OqtopusClient
from oqtopus_sdk.device import OqtopusDevice
from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.qiskit import OqtopusBackend, OqtopusJob, target_from_device
from oqtopus_sdk.qiskit.backend import combined_status, job_status, without_idle_qubits
from tests.qiskit.conftest import FAST, CountingTransport

LINE = {(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2), (3, 4), (4, 3)}


@pytest.fixture(scope="module")
def client(qiskit_server: LocalOqtopus) -> Iterator[OqtopusClient]:
    with qiskit_server.client() as made:
        yield made


@pytest.fixture(scope="module")
def qpu(client: OqtopusClient) -> OqtopusBackend:
    return OqtopusBackend("emu-qpu-5", client, **FAST)


def bell() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2, name="bell")
    qc.h(0)
    qc.cx(0, 1)
    qc.measure([0, 1], [0, 1])
    return qc


def ghz(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n, name=f"ghz{n}")
    qc.h(0)
    for qubit in range(n - 1):
        qc.cx(qubit, qubit + 1)
    qc.measure(range(n), range(n))
    return qc


def two_qubit_edges(circuit: QuantumCircuit) -> set[tuple[int, int]]:
    return {
        (circuit.find_bit(inst.qubits[0]).index, circuit.find_bit(inst.qubits[1]).index)
        for inst in circuit.data
        if len(inst.qubits) == 2 and inst.operation.name != "barrier"
    }


def assert_all_or_nothing(counts: dict[str, int], width: int, shots: int) -> None:
    assert set(counts) <= {"0" * width, "1" * width}
    assert sum(counts.values()) == shots
    assert 0.3 * shots < counts.get("0" * width, 0) < 0.7 * shots


# --- Target ----------------------------------------------------------------------------------


def test_qpu_target_from_device_info(qpu: OqtopusBackend) -> None:
    target = qpu.target
    info = qpu.device.device_info
    assert info is not None
    assert target.num_qubits == qpu.num_qubits == 5
    assert set(target.build_coupling_map().get_edges()) == LINE
    assert {"sx", "x", "rz", "cx", "measure", "reset"} == set(target.operation_names)
    coupling = next(c for c in info["couplings"] if (c["control"], c["target"]) == (2, 3))
    assert target["cx"][(2, 3)].error == pytest.approx(1 - coupling["fidelity"])
    qubit = info["qubits"][4]
    assert target["sx"][(4,)].error == pytest.approx(1 - qubit["fidelity"])
    assert target["measure"][(4,)].error == pytest.approx(
        qubit["meas_error"]["readout_assignment_error"]
    )
    assert target["cx"][(2, 3)].duration is None  # the emulator publishes no durations
    assert qpu.max_circuits is None
    assert "emu-qpu-5" in repr(qpu)


def test_simulator_target_is_all_to_all(client: OqtopusClient) -> None:
    backend = OqtopusBackend("SVSim", client)
    assert backend.num_qubits == 20
    assert backend.target.build_coupling_map() is None
    assert backend.coupling_map is None or backend.coupling_map.size() == 0
    assert {"h", "cx", "ccx", "measure"} <= set(backend.target.operation_names)
    wide = QuantumCircuit(4)
    wide.cx(0, 3)
    wide.cx(3, 1)
    assert two_qubit_edges(transpile(wide, backend, optimization_level=0)) == {(0, 3), (3, 1)}


def fake_device(**overrides: Any) -> OqtopusDevice:
    info = {
        "qubits": [
            {
                "id": q,
                "fidelity": 0.999,
                "meas_error": {"prob_meas1_prep0": 0.01, "prob_meas0_prep1": 0.03},
                "gate_duration": {"sx": 40, "x": 40, "rz": 0},
                "meas_duration": 1500,
                "qubit_lifetime": {"t1": 100.0, "t2": 80.0},
            }
            for q in range(3)
        ],
        "couplings": [
            {"control": 0, "target": 1, "fidelity": 0.98, "gate_duration": {"cx": 300}},
            {"control": 1, "target": 2, "fidelity": 0.97},
        ],
    }
    record = {
        "device_id": "fake",
        "device_type": "QPU",
        "status": "available",
        "n_pending_jobs": 0,
        "n_qubits": 3,
        "basis_gates": ["sx", "x", "rz", "cx", "not_a_gate"],
        "supported_instructions": ["measure", "barrier"],
        "device_info": json.dumps(info),
        "description": "",
    }
    record.update(overrides)
    return OqtopusDevice(DevicesDeviceInfo.from_dict(record))


def test_target_durations_lifetimes_and_unknown_gates() -> None:
    with pytest.warns(UserWarning, match=r"\['not_a_gate'\]"):
        target = target_from_device(fake_device())
    assert target["sx"][(1,)].duration == pytest.approx(40e-9)
    assert target["rz"][(1,)].duration == 0.0
    assert target["cx"][(0, 1)].duration == pytest.approx(300e-9)
    assert target["cx"][(0, 1)].error == pytest.approx(0.02)
    assert target["cx"][(1, 2)].duration is None
    assert target["measure"][(2,)].error == pytest.approx(0.02)  # mean of p(1|0), p(0|1)
    assert target["measure"][(2,)].duration == pytest.approx(1.5e-6)
    assert target.qubit_properties[0].t1 == pytest.approx(100e-6)
    assert "reset" not in target.operation_names  # not in supported_instructions
    assert set(target.build_coupling_map().get_edges()) == {(0, 1), (1, 2)}


def test_target_without_calibration_data() -> None:
    target = target_from_device(fake_device(device_info="", basis_gates=["h", "cz"]))
    assert target.num_qubits == 3
    assert target.build_coupling_map() is None  # no couplings listed: unconstrained
    assert target["h"][(0,)] is None


# --- run -------------------------------------------------------------------------------------


def test_bell_and_ghz_transpiled_for_the_line(qpu: OqtopusBackend) -> None:
    circuits = [bell(), ghz(4)]
    transpiled = transpile(circuits, qpu, seed_transpiler=7, optimization_level=1)
    for circuit in transpiled:
        assert two_qubit_edges(circuit) <= LINE
        assert set(circuit.count_ops()) <= {"sx", "x", "rz", "cx", "measure", "barrier"}
    job = qpu.run(transpiled[1], shots=400)
    assert isinstance(job, OqtopusJob)
    result = job.result()
    assert isinstance(result, Result)
    assert_all_or_nothing(result.get_counts(), 4, 400)
    assert job.status() == JobStatus.DONE
    assert job.job_id() == job.job_ids()[0]
    assert job.cancel()  # nothing left to cancel
    assert result.results[0].header["name"] == "ghz4"


def test_several_circuits_share_one_multi_manual_job(qpu: OqtopusBackend) -> None:
    registers = QuantumCircuit(
        QuantumRegister(2), ClassicalRegister(1, "a"), ClassicalRegister(1, "b")
    )
    registers.x(0)
    registers.measure(0, 0)
    registers.measure(1, 1)
    # transpiled to all five qubits: idle ones are dropped so both still fit in one job
    circuits = [registers, transpile(bell(), qpu, seed_transpiler=1)]
    job = qpu.run(circuits, shots=300)
    oqtopus = job.oqtopus_results()
    assert len(job.job_ids()) == 1
    assert oqtopus[0].job_type == "multi_manual"
    result = job.result()
    assert result.get_counts(0) == {"0 1": 300}  # register a (rightmost) = 1, b = 0
    assert_all_or_nothing(result.get_counts(1), 2, 300)


def test_circuits_that_do_not_fit_together_are_split(qpu: OqtopusBackend) -> None:
    job = qpu.run([bell(), ghz(3), bell()], shots=200)
    assert job.groups == [[0, 1], [2]]  # packed in order: 2 + 3 qubits, then 2
    assert len(job.job_ids()) == 2
    assert job.job_id() == ",".join(job.job_ids())
    result = job.result()
    assert_all_or_nothing(result.get_counts(0), 2, 200)
    assert_all_or_nothing(result.get_counts(1), 3, 200)
    assert_all_or_nothing(result.get_counts(2), 2, 200)
    assert result.header["oqtopus_job_ids"] == job.job_ids()


def test_run_options_reach_the_spec(counting: tuple[Any, CountingTransport]) -> None:
    client, _ = counting
    backend = OqtopusBackend("SVSim", client, **FAST)
    with pytest.warns(UserWarning, match="'memory' is not used"):
        job = backend.run(
            bell(),
            shots=50,
            job_name="named",
            transpiler_info={"transpiler_lib": None},
            memory=True,
        )
    (result,) = job.oqtopus_results()
    assert (result.name, result.shots) == ("named", 50)
    assert result.transpiler_info == {"transpiler_lib": None}


def test_default_client_from_environment(
    qiskit_server: LocalOqtopus, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in qiskit_server.env().items():
        monkeypatch.setenv(key, value)
    backend = OqtopusBackend("SVSim")
    try:
        assert isinstance(backend.client, OqtopusClient)
        assert backend.num_qubits == 20
    finally:
        backend.client.close()


def test_status_mapping() -> None:
    assert job_status("registered") == JobStatus.INITIALIZING
    assert job_status("submitted") == job_status("ready") == JobStatus.QUEUED
    assert job_status("running") == JobStatus.RUNNING
    assert job_status("succeeded") == JobStatus.DONE
    assert job_status("failed") == JobStatus.ERROR
    assert job_status("cancelled") == JobStatus.CANCELLED
    assert combined_status([JobStatus.DONE, JobStatus.RUNNING]) == JobStatus.RUNNING
    assert combined_status([JobStatus.DONE, JobStatus.ERROR]) == JobStatus.ERROR
    assert combined_status([JobStatus.DONE, JobStatus.DONE]) == JobStatus.DONE


def test_without_idle_qubits_keeps_bits() -> None:
    qc = QuantumCircuit(QuantumRegister(4, "r"), ClassicalRegister(2, "m"))
    qc.h(1)
    qc.barrier()
    qc.cx(1, 3)
    qc.measure([3, 1], [0, 1])
    compact = without_idle_qubits(qc)
    assert compact.num_qubits == 2
    assert compact.cregs == qc.cregs
    assert two_qubit_edges(compact) == {(0, 1)}
    assert without_idle_qubits(compact) is compact


def test_client_results_convert_to_qiskit(client: OqtopusClient) -> None:
    from oqtopus_sdk.qiskit import to_qiskit, to_qiskit_result
    from oqtopus_sdk.spec import OqtopusJobSpec

    named = QuantumCircuit(
        QuantumRegister(2), ClassicalRegister(1, "lo"), ClassicalRegister(1, "hi")
    )
    named.x(1)
    named.measure([0, 1], [0, 1])
    sampling = client.run_sampling(
        OqtopusJobSpec.sampling(device_id="SVSim", program=named, shots=64), **FAST
    )
    assert to_qiskit(sampling) == {"10": 64}
    assert to_qiskit_result(sampling, [named]).get_counts() == {"1 0": 64}
    multi = client.run_multi_manual(
        OqtopusJobSpec.multi_manual(device_id="SVSim", program=[named, ghz(3)], shots=64), **FAST
    )
    per_circuit = to_qiskit(multi)
    assert isinstance(per_circuit, list)
    assert per_circuit[0] == {"10": 64}
    assert set(per_circuit[1]) <= {"000", "111"}
    result = to_qiskit_result(multi, [named, ghz(3)])
    assert result.get_counts(0) == {"1 0": 64}
    assert sum(result.get_counts("ghz3").values()) == 64


def test_circuits_run_as_given_keep_their_qubits(qpu: OqtopusBackend) -> None:
    isa = transpile(bell(), qpu, seed_transpiler=3)
    assert isa.num_qubits == 5
    specs, groups = qpu.sampling_specs([isa, isa])
    assert groups == [[0, 1]]
    assert "qubit[2] q;" in specs[0].programs[0]  # idle qubits dropped, packed together
    as_given = {"transpiler_lib": None}
    specs, groups = qpu.sampling_specs([isa, isa], transpiler_info=as_given)
    assert groups == [[0], [1]]  # side by side would move them off the routed qubits
    assert all(spec.job_type_value == "sampling" for spec in specs)
    assert "measure $" in specs[0].programs[0]  # physical qubits, as routed
    job = qpu.run(isa, shots=100, transpiler_info=as_given)
    assert_all_or_nothing(job.result().get_counts(), 2, 100)
