"""multi_manual: two circuits in one job, counts split per circuit."""

import os

from oqtopus_client import OqtopusClient, OqtopusJobSpec
from oqtopus_client.services.job_results import OqtopusMultiManualJobResult

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'
GHZ = (
    'OPENQASM 3; include "stdgates.inc"; qubit[3] q; bit[3] c; '
    "h q[0]; cx q[0], q[1]; cx q[1], q[2]; c = measure q;"
)

client = OqtopusClient()
spec = OqtopusJobSpec.multi_manual(device_id="SVSim", program=[BELL, GHZ], shots=500)
result = client.run_multi_manual(spec, **POLL)
assert isinstance(result, OqtopusMultiManualJobResult)

divided = result.get_divided_counts()
print("divided counts:", divided)
assert set(divided) == {"0", "1"}
assert set(divided["0"]) <= {0, 3}
assert sum(divided["0"].values()) == 500
assert set(divided["1"]) <= {0, 7}
assert sum(divided["1"].values()) == 500
assert sum(result.get_counts().values()) == 500
print("OK p03_multi_manual")
