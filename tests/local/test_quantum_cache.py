"""The emulator reuses parsed and transpiled programs for identical jobs, never failures."""

from __future__ import annotations

import pytest

from oqtopus_sdk.local import quantum
from oqtopus_sdk.local.devices import default_devices

BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'
QISKIT_DEFAULT = {"transpiler_lib": "qiskit", "transpiler_options": {"optimization_level": 1}}


def test_identical_jobs_share_one_preparation() -> None:
    device = default_devices()[0]
    first = quantum.prepare("sampling", {"program": [BELL]}, device, QISKIT_DEFAULT, 7)
    again = quantum.prepare("sampling", {"program": [BELL]}, device, QISKIT_DEFAULT, 7)
    other_seed = quantum.prepare("sampling", {"program": [BELL]}, device, QISKIT_DEFAULT, 8)
    assert again is first
    assert other_seed is not first
    counts = quantum.execute(again, 100, 1)["sampling"]["counts"]
    assert sum(counts.values()) == 100


def test_failures_are_not_cached() -> None:
    device = default_devices()[0]
    for _ in range(2):
        with pytest.raises(quantum.JobFailure):
            quantum.prepare("sampling", {"program": ["not qasm"]}, device, QISKIT_DEFAULT, 1)
