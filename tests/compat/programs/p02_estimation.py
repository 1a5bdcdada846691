"""Estimation: <ZZ> and <XX + 0.5 Z0> on the Bell state."""

import math
import os

from oqtopus_client import OqtopusClient, OqtopusEstimationOperator, OqtopusJobSpec

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; h q[0]; cx q[0], q[1];'

client = OqtopusClient()
operator = [OqtopusEstimationOperator(pauli="Z 0 Z 1", coeff=1.0)]
spec = OqtopusJobSpec.estimation(device_id="SVSim", program=BELL, shots=2000, operator=operator)
result = client.run_estimation(spec, **POLL)
print("<ZZ> =", result.get_exp_value(), "std", result.get_stds())
assert math.isclose(result.get_exp_value(), 1.0, abs_tol=0.05)
assert result.exp_value == result.get_exp_value()

# operators also accept plain dicts, as the reference does
spec = OqtopusJobSpec.estimation(
    device_id="SVSim",
    program=BELL,
    shots=2000,
    operator=[{"pauli": "X 0 X 1", "coeff": 1.0}, {"pauli": "Z 0", "coeff": 0.5}],
)
result = client.run_estimation(spec, **POLL)
print("<XX + 0.5 Z0> =", result.exp_value)
assert math.isclose(result.exp_value, 1.0, abs_tol=0.1)
print("OK p02_estimation")
