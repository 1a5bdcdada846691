"""Batch: submit several jobs at once and wait for all of them."""

import os

from oqtopus_client import OqtopusClient, OqtopusJobSpec

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}


def ghz(n: int) -> str:
    gates = " ".join(f"cx q[{i}], q[{i + 1}];" for i in range(n - 1))
    return f'OPENQASM 3; include "stdgates.inc"; qubit[{n}] q; bit[{n}] c; h q[0]; {gates} c = measure q;'


client = OqtopusClient()
specs = [
    OqtopusJobSpec.sampling(device_id="SVSim", program=ghz(n), shots=200, name=f"ghz{n}")
    for n in (2, 3, 4)
]
results = client.run_jobs_batch(specs, submit_workers=3, wait_workers=3, **POLL)
assert len(results) == 3
for n, result in zip((2, 3, 4), results, strict=True):
    counts = result.get_counts()
    print(result.name, counts)
    assert result.name == f"ghz{n}"
    assert set(counts) <= {"0" * n, "1" * n}
    assert sum(counts.values()) == 200

submitted = client.submit_jobs(specs[:2], max_workers=2)
done = client.wait_for_jobs([r.job_id for r in submitted], max_workers=2, **POLL)
assert [d.job_id for d in done] == [r.job_id for r in submitted]
print("OK p06_batch")
