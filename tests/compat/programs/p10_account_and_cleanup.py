"""Token status, announcements, cancel and delete."""

import os

from oqtopus_client import OqtopusClient, OqtopusJobSpec, UserApiError
from oqtopus_client.rest.models import JobsJobStatus

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'

client = OqtopusClient()
print("token expires:", client.get_api_token_status().api_token_expiration)
announcements = client.get_announcements_list().announcements
print(len(announcements), "announcements")
if announcements:
    first = client.get_announcement(announcements[0].id)
    assert first.id == announcements[0].id

done = client.run_sampling(
    OqtopusJobSpec.sampling(device_id="SVSim", program=BELL, shots=10), **POLL
)
try:
    client.cancel_job(done.job_id)  # a finished job cannot be cancelled
except UserApiError as e:
    print("cancel of a finished job:", e.status_code)
    refused = e
else:
    raise AssertionError("cancelling a finished job should fail")
assert 400 <= refused.status_code < 500

client.delete_job(done.job_id)
assert done.job_id not in {job.job_id for job in client.list_jobs(status=JobsJobStatus.SUCCEEDED)}
print("OK p10_account_and_cleanup")
