"""quri-parts-oqtopus's backends, unmodified, on oqtopus_sdk through the alias.

Run as ``python -m oqtopus_sdk.compat quri_parts_program.py``. Every HTTP request is recorded
at the httpx transport (the reference does not use httpx at all), and the program prints one
``@@ {json}`` line with what it saw; the test checks it.
"""

# mypy: disable-error-code="comparison-overlap,union-attr"
# (mypy reads the real oqtopus_client; at run time it is the alias.)

from __future__ import annotations

import json
import math
import sys
import time

import httpx

import oqtopus_sdk

requests: list[dict[str, str]] = []
_send = httpx.HTTPTransport.handle_request


def _recording(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
    requests.append(
        {"method": request.method, "path": request.url.path, "ua": request.headers["user-agent"]}
    )
    return _send(self, request)


httpx.HTTPTransport.handle_request = _recording  # type: ignore[method-assign]

from quri_parts.circuit import QuantumCircuit  # noqa: E402
from quri_parts.core.operator import Operator, pauli_label  # noqa: E402
from quri_parts_oqtopus.backend import (  # noqa: E402
    OqtopusConfig,
    OqtopusDeviceBackend,
    OqtopusEstimationBackend,
    OqtopusSamplingBackend,
)

DEVICE = "qulacs"  # the public cloud's simulator id; the emulator aliases it to SVSim
WAIT = 0.05
started = time.perf_counter()

bell = QuantumCircuit(2)
bell.add_H_gate(0)
bell.add_CNOT_gate(0, 1)
ghz = QuantumCircuit(3)
ghz.add_H_gate(0)
ghz.add_CNOT_gate(0, 1)
ghz.add_CNOT_gate(1, 2)

# Sampling, configured from OQTOPUS_URL / OQTOPUS_API_TOKEN (config=None).
sampler = OqtopusSamplingBackend()
job = sampler.sample(bell, device_id=DEVICE, shots=1000, name="quri bell")
counts = dict(job.result(timeout=60, wait=WAIT).counts)
assert set(counts) <= {0, 3}, counts
assert sum(counts.values()) == 1000

# multi_manual: a list of circuits; counts per circuit.
multi = sampler.sample([bell, ghz], device_id=DEVICE, shots=400)
divided = multi.result(timeout=60, wait=WAIT).divided_counts
assert divided is not None
assert {int(k) for k in divided} == {0, 1}
retrieved = sampler.retrieve_job(multi.job_id)
assert retrieved.job_id == multi.job_id
assert retrieved.status == "succeeded"

# Estimation, configured from ~/.oqtopus.
estimator = OqtopusEstimationBackend(OqtopusConfig.from_file())
zz = Operator({pauli_label("Z0 Z1"): 1.0})
estimate = estimator.estimate(bell, operator=zz, device_id=DEVICE, shots=2000)
exp_value = estimate.result(timeout=60, wait=WAIT).exp_value
assert exp_value is not None
assert math.isclose(exp_value, 1.0, abs_tol=0.05), exp_value

# Devices.
device = OqtopusDeviceBackend().get_device(DEVICE)
assert device.device_id == DEVICE
assert device.n_qubits >= 2

client_module = sys.modules["oqtopus_client"]
print(
    "@@",
    json.dumps(
        {
            "counts": {str(k): v for k, v in counts.items()},
            "divided_keys": sorted(str(k) for k in divided),
            "exp_value": exp_value,
            "requests": requests,
            "client_is_sdk": type(sampler._client) is oqtopus_sdk.OqtopusClient,
            "oqtopus_client_module": client_module.__name__,
            "oqtopus_client_file": client_module.__file__,
            "aiohttp_loaded": "aiohttp" in sys.modules,
            "seconds": round(time.perf_counter() - started, 3),
        }
    ),
)
