"""Sampling: a Bell circuit, counts by bitstring and by integer."""

import os

from oqtopus_client import OqtopusClient, OqtopusConfig, OqtopusJobSpec

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = """OPENQASM 3;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
h q[0];
cx q[0], q[1];
c = measure q;
"""

client = OqtopusClient(OqtopusConfig.from_file())  # ~/.config/oqtopus/config.ini, [default]
spec = OqtopusJobSpec.sampling(device_id="qulacs", program=BELL, shots=1000, name="bell")
result = client.run_sampling(spec, **POLL)

counts = result.get_counts()
print("job", result.job_id, result.status, counts)
assert set(counts) <= {"00", "11"}
assert sum(counts.values()) == 1000
assert result.is_sampling()
assert result.name == "bell"
assert result.shots == 1000
integer = result.counts_with_integer_keys()
assert set(integer["counts"]) <= {0, 3}
assert result.ended_at is not None
assert result.execution_time is not None
print("OK p01_sampling")
