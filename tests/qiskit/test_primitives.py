"""SamplerV2 and EstimatorV2 against the emulator, checked against qiskit's reference primitives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

pytest.importorskip("qiskit")

from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter
from qiskit.primitives import BitArray, StatevectorEstimator
from qiskit.quantum_info import SparsePauliOp

from oqtopus_sdk.client import OqtopusClient
from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.qiskit import EstimatorV2, OqtopusBackend, SamplerV2
from tests.qiskit.conftest import FAST, CountingTransport


@pytest.fixture(scope="module")
def client(qiskit_server: LocalOqtopus) -> Iterator[OqtopusClient]:
    with qiskit_server.client() as made:
        yield made


@pytest.fixture(scope="module")
def svsim(client: OqtopusClient) -> OqtopusBackend:
    return OqtopusBackend("SVSim", client, **FAST)


def test_sampler_parameter_sweep_in_one_job(counting: tuple[Any, CountingTransport]) -> None:
    client, transport = counting
    backend = OqtopusBackend("SVSim", client, **FAST)
    theta = Parameter("theta")
    qc = QuantumCircuit(
        QuantumRegister(2), ClassicalRegister(2, "meas"), ClassicalRegister(1, "flag")
    )
    qc.ry(theta, 0)
    qc.cx(0, 1)
    qc.x(1)
    qc.measure([0, 1], [0, 1])
    qc.measure(1, 2)
    values = np.array([[0.0], [np.pi], [np.pi / 2], [0.0]]).reshape(2, 2, 1)
    other = QuantumCircuit(1, 1)
    other.x(0)
    other.measure(0, 0)
    transport.requests.clear()
    job = SamplerV2(backend, default_shots=300).run([(qc, values), other])
    submits = [r for r in transport.requests if r.startswith("POST /jobs") and r.endswith("submit")]
    assert len(submits) == 1  # 4 bound circuits + 1 circuit: one multi_manual job
    result = job.result()
    assert result.metadata["job_ids"] == job.job_ids
    sweep = result[0].data
    assert sweep.shape == (2, 2)
    assert isinstance(sweep.meas, BitArray)
    assert (sweep.meas.shape, sweep.meas.num_shots, sweep.meas.num_bits) == ((2, 2), 300, 2)
    assert sweep.meas[0, 0].get_counts() == {"10": 300}  # theta=0: q1 flipped by x
    assert sweep.meas[0, 1].get_counts() == {"01": 300}  # theta=pi
    half = sweep.meas[1, 0].get_counts()
    assert set(half) == {"10", "01"}
    assert 90 < half["10"] < 210
    assert sweep.flag[1, 1].get_counts() == {"1": 300}
    assert result[0].metadata["shots"] == 300
    assert result[1].data.c.get_counts() == {"1": 300}


def test_sampler_shots_per_pub(svsim: OqtopusBackend) -> None:
    one = QuantumCircuit(1, 1)
    one.measure(0, 0)
    job = SamplerV2(svsim).run([(one, None, 20), (one, None, 30)])
    result = job.result()
    assert len(job.job_ids) == 2  # different shot counts cannot share a job
    assert [r.data.c.num_shots for r in result] == [20, 30]


def test_estimator_matches_statevector_estimator(svsim: OqtopusBackend) -> None:
    theta = Parameter("theta")
    qc = QuantumCircuit(3)
    qc.ry(theta, 0)
    qc.cx(0, 1)
    qc.h(2)
    qc.cz(1, 2)
    observables = [
        [SparsePauliOp("ZZI")],
        [SparsePauliOp(["XIX", "IIZ"], [0.5, -1.5])],
        [SparsePauliOp.from_sparse_list([("Y", [1], 2.0), ("", [], 0.25)], 3)],
    ]
    pub = (qc, observables, [0.4, 1.3])
    job = EstimatorV2(svsim, default_precision=0.02).run([pub, (qc, SparsePauliOp("IXZ"), [0.0])])
    result = job.result()
    reference = StatevectorEstimator().run([pub, (qc, SparsePauliOp("IXZ"), [0.0])]).result()
    data = result[0].data
    assert data.evs.shape == data.stds.shape == (3, 2)
    assert np.all(data.stds >= 0)
    # The estimate is within a few standard errors (the emulator's value is exact).
    tolerance = 5 * np.maximum(data.stds, 1 / np.sqrt(2500))
    assert np.all(np.abs(data.evs - reference[0].data.evs) <= tolerance)
    assert result[1].data.evs.shape == reference[1].data.evs.shape == ()
    assert abs(float(result[1].data.evs) - float(reference[1].data.evs)) < 0.1
    assert len(job.job_ids) == 7  # one estimation job per (circuit, observable) pair
    assert result[0].metadata["shots"] == 2500  # ceil(1 / 0.02**2)
    assert len(result[0].metadata["job_ids"]) == 6


def test_estimator_shares_identical_pairs(svsim: OqtopusBackend) -> None:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    qc.measure_all()  # final measurements are removed before sending
    job = EstimatorV2(svsim, shots=1000).run([(qc, [SparsePauliOp("XX"), SparsePauliOp("XX")])])
    result = job.result()
    assert len(job.job_ids) == 1
    assert result[0].data.evs.tolist() == pytest.approx([1.0, 1.0], abs=0.1)
    assert job.done()
    assert job.in_final_state()


def test_estimator_precision_to_shots(svsim: OqtopusBackend) -> None:
    estimator = EstimatorV2(svsim)
    assert estimator.shots_for(0.015) == 4445
    assert estimator.shots_for(1e-9) == 10_000_000
    with pytest.raises(ValueError, match="precision"):
        estimator.shots_for(0.0)


def test_sampler_warns_about_circuits_without_registers(svsim: OqtopusBackend) -> None:
    bare = QuantumCircuit(1)
    bare.x(0)
    with pytest.warns(UserWarning, match="PUB 0: the circuit has no classical registers"):
        job = SamplerV2(svsim).run([bare], shots=10)
    assert len(job.result()[0].data) == 0
