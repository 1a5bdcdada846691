"""List jobs with filters, as raw generated models."""

import os

from oqtopus_client import OqtopusClient, OqtopusJobSpec, rest

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'

client = OqtopusClient()
mine = client.run_sampling(
    OqtopusJobSpec.sampling(device_id="SVSim", program=BELL, shots=10, name="listed"), **POLL
)

jobs = client.list_jobs(status=rest.JobsJobStatus.SUCCEEDED, size=100, order="DESC")
assert all(isinstance(job, rest.JobsJob) for job in jobs)
assert all(job.status == rest.JobsJobStatus.SUCCEEDED for job in jobs)
assert mine.job_id in {job.job_id for job in jobs}
print(len(jobs), "succeeded jobs; newest:", jobs[0].job_id, jobs[0].name)

named = client.list_jobs(q="listed")
assert mine.job_id in {job.job_id for job in named}
print("OK p07_list_jobs")
