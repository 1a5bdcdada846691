#!/usr/bin/env python3
"""Qiskit in, Qiskit out: a BackendV2 and the V2 primitives on a local OQTOPUS emulator.

Starts the emulator on a free loopback port, then:

1. transpiles a GHZ circuit for ``emu-qpu-5`` (5 qubits on a line) and runs it with
   ``backend.run``;
2. runs two circuits as one multi_manual job and reads each circuit's counts;
3. sweeps a parameter with ``SamplerV2``;
4. estimates observables with ``EstimatorV2`` and compares them with qiskit's exact values;
5. shows a pre-flight error raised before anything is sent.

Run it with ``python examples/qiskit_backend.py`` (needs ``pip install 'oqtopus-sdk[qiskit,local]'``).
"""

from __future__ import annotations

import numpy as np
from qiskit import QuantumCircuit, transpile
from qiskit.circuit import Parameter
from qiskit.primitives import StatevectorEstimator
from qiskit.quantum_info import SparsePauliOp

from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.preflight import PreflightError
from oqtopus_sdk.qiskit import EstimatorV2, OqtopusBackend, SamplerV2


def ghz(n: int) -> QuantumCircuit:
    """An n-qubit GHZ circuit with measurements."""
    circuit = QuantumCircuit(n, n, name=f"ghz{n}")
    circuit.h(0)
    for qubit in range(n - 1):
        circuit.cx(qubit, qubit + 1)
    circuit.measure(range(n), range(n))
    return circuit


def main() -> None:
    """Run the walkthrough against a fresh emulator."""
    with LocalOqtopus() as server, server.client() as client:
        print(f"local OQTOPUS emulator at {server.base_url}")

        # 1. A QPU-like device: the Target carries its coupling map and calibration errors.
        qpu = OqtopusBackend("emu-qpu-5", client, interval=0.05)
        print(f"\n{qpu}: coupling {sorted(qpu.coupling_map.get_edges())}")
        print(f"  cx(0,1) error {qpu.target['cx'][(0, 1)].error:.4f}")
        isa = transpile(ghz(4), qpu, seed_transpiler=1)
        print(f"  transpiled GHZ-4: {dict(isa.count_ops())}")
        job = qpu.run(isa, shots=1000)
        print(f"  job {job.job_id()}: {job.result().get_counts()}")

        # 2. Several circuits: one multi_manual job, counts per circuit.
        job = qpu.run([ghz(2), ghz(3)], shots=500)
        result = job.result()
        print(f"\nmulti_manual job {job.job_id()}")
        for index in range(2):
            print(f"  circuit {index}: {result.get_counts(index)}")

        # 3. A parameter sweep with SamplerV2 (one job for all bound circuits).
        simulator = OqtopusBackend("SVSim", client, interval=0.05)
        theta = Parameter("theta")
        rotation = QuantumCircuit(1)
        rotation.ry(theta, 0)
        rotation.measure_all()
        angles = np.linspace(0, np.pi, 5)
        sweep = SamplerV2(simulator).run([(rotation, angles)], shots=400).result()[0]
        print("\nSamplerV2 sweep of ry(theta):")
        for index, angle in enumerate(angles):
            counts = sweep.data.meas[index].get_counts()
            print(f"  theta={angle:.2f}: P(1)={counts.get('1', 0) / 400:.2f}")

        # 4. EstimatorV2: one estimation job per observable, run concurrently.
        bell = QuantumCircuit(2)
        bell.h(0)
        bell.cx(0, 1)
        observables = [
            SparsePauliOp("XX"),
            SparsePauliOp("ZZ"),
            SparsePauliOp(["XX", "YY"], [1.5, -0.5]),
        ]
        pub = (bell, observables)
        estimate = EstimatorV2(simulator, default_precision=0.02).run([pub]).result()[0]
        exact = StatevectorEstimator().run([pub]).result()[0]
        print("\nEstimatorV2 on the Bell state:")
        for index, observable in enumerate(observables):
            value, spread = estimate.data.evs[index], estimate.data.stds[index]
            label = " + ".join(f"{c.real:g}*{p}" for p, c in observable.to_list())
            print(f"  <{label}> = {value:.3f} ± {spread:.3f} (exact {exact.data.evs[index]:.3f})")

        # 5. Pre-flight: a 6-qubit circuit cannot run on 5 qubits; nothing is sent.
        try:
            qpu.run(ghz(6))
        except PreflightError as exc:
            print(f"\npre-flight: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
