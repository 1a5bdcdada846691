"""The storage helper: fetch a finished job's archives yourself."""

import asyncio
import os

from oqtopus_client import OqtopusClient, OqtopusJobSpec
from oqtopus_client.services.storage import OqtopusStorage, OqtopusStorageError

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'

client = OqtopusClient()
done = client.run_sampling(
    OqtopusJobSpec.sampling(device_id="SVSim", program=BELL, shots=100), **POLL
)
raw = next(job for job in client.list_jobs() if job.job_id == done.job_id)
result_url = raw.job_info.to_dict()["result"]  # list_jobs leaves the archive URLs as they are


async def fetch() -> None:
    result = await OqtopusStorage.download(result_url)
    assert sum(result["sampling"]["counts"].values()) == 100
    archive = await OqtopusStorage.download_archive(result_url)
    assert archive[:2] == b"PK"
    try:
        await OqtopusStorage.download(result_url + "-tampered")
    except OqtopusStorageError as e:
        print("tampered URL refused:", e)
    else:
        raise AssertionError("expected OqtopusStorageError")


asyncio.run(fetch())
print("OK p11_storage")
