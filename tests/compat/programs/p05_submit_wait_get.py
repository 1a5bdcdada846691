"""Submit, wait and fetch in separate steps, checking status with the generated enums."""

import os

from oqtopus_client import OqtopusClient, OqtopusJobSpec
from oqtopus_client.rest.models import JobsJobStatus, JobsJobType
from oqtopus_client.services.job_results import OqtopusJobResult, OqtopusSamplingJobResult

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
GHZ = (
    'OPENQASM 3; include "stdgates.inc"; qubit[3] q; bit[3] c; '
    "h q[0]; cx q[0], q[1]; cx q[1], q[2]; c = measure q;"
)

client = OqtopusClient()
registered = client.submit_job(OqtopusJobSpec.sampling(device_id="SVSim", program=GHZ, shots=300))
job_id = registered.job_id
print("submitted", job_id)

seen = []
waited = client.wait_for_job(job_id, timeout=60, on_status=lambda s: seen.append(s.status), **POLL)
assert isinstance(waited, OqtopusJobResult)
assert waited.status == JobsJobStatus.SUCCEEDED, waited.status
print("statuses seen while waiting:", [str(s) for s in seen])

job = client.get_job(job_id)
assert isinstance(job, OqtopusSamplingJobResult)
assert job.job_type == JobsJobType.SAMPLING
assert job.job_id == job_id
assert set(job.get_counts()) <= {"000", "111"}
assert client.get_job_status(job_id).status == JobsJobStatus.SUCCEEDED
assert client.status(job_id) == JobsJobStatus.SUCCEEDED
assert client.is_finished(job_id)
print("OK p05_submit_wait_get")
