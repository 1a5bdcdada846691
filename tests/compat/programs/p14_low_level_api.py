"""The generated low-level async API: register, upload, submit and poll a job by hand."""

import asyncio
import os

from oqtopus_client import OqtopusJobSpec, rest
from oqtopus_client.rest.api import DeviceApi, JobApi
from oqtopus_client.rest.exceptions import NotFoundException
from oqtopus_client.rest.models import JobsJobStatus
from oqtopus_client.services.storage import OqtopusStorage

BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'
INTERVAL = float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))


async def main() -> None:
    configuration = rest.Configuration(host=os.environ["OQTOPUS_URL"])
    async with rest.ApiClient(configuration) as api_client:
        api_client.set_default_header("q-api-token", os.environ["OQTOPUS_API_TOKEN"])
        devices = await DeviceApi(api_client).list_devices()
        assert "SVSim" in {d.device_id for d in devices}

        jobs = JobApi(api_client)
        spec = OqtopusJobSpec.sampling(device_id="SVSim", program=BELL, shots=200, name="by hand")
        registered = await jobs.register_job_id()
        await OqtopusStorage.upload(
            registered.presigned_url, spec.to_s3_submit_job_info().to_dict()
        )
        await jobs.submit_job(registered.job_id, spec.to_model())

        while True:
            status = (await jobs.get_job_status(registered.job_id)).status
            if status in (JobsJobStatus.SUCCEEDED, JobsJobStatus.FAILED, JobsJobStatus.CANCELLED):
                break
            await asyncio.sleep(INTERVAL)
        assert status == JobsJobStatus.SUCCEEDED, status

        job = await jobs.get_job(registered.job_id)
        assert isinstance(job, rest.JobsJob)
        assert job.name == "by hand"
        assert job.shots == 200

        detailed = await jobs.get_job_with_http_info(job_id=registered.job_id)
        assert detailed.status_code == 200
        assert detailed.data.job_id == registered.job_id
        assert registered.job_id.encode() in detailed.raw_data

        succeeded = await jobs.list_jobs(status=JobsJobStatus.SUCCEEDED, size=100)
        assert registered.job_id in {j.job_id for j in succeeded}

        try:
            await jobs.get_job("00000000-0000-0000-0000-000000000000")
        except NotFoundException as e:
            print("unknown job:", e.status)
            missing = e
        else:
            raise AssertionError("expected NotFoundException")
        assert missing.status == 404
        assert isinstance(missing, rest.ApiException)
    print("job", registered.job_id, "succeeded")


asyncio.run(main())
print("OK p14_low_level_api")
