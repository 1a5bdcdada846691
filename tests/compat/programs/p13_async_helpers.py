"""The async batch helpers of the synchronous client, from asyncio code."""

import asyncio
import os

from oqtopus_client import OqtopusClient, OqtopusJobSpec

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'


async def main() -> None:
    client = OqtopusClient()
    specs = [
        OqtopusJobSpec.sampling(device_id="SVSim", program=BELL, shots=50 * (i + 1))
        for i in range(3)
    ]
    registered = await client.submit_jobs_async(specs, max_workers=2)
    job_ids = [r.job_id for r in registered]
    results = await client.wait_for_jobs_async(job_ids, max_workers=3, timeout=60, **POLL)
    assert [r.job_id for r in results] == job_ids
    for i, result in enumerate(results):
        assert sum(result.get_counts().values()) == 50 * (i + 1)
    print("shots:", [r.shots for r in results])


asyncio.run(main())
print("OK p13_async_helpers")
