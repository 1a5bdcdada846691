"""Result objects in depth: job_info, transpile_result, raw models and from_raw."""

import os

from oqtopus_client import (
    OqtopusClient,
    OqtopusEstimationOperator,
    OqtopusJobResult,
    OqtopusJobSpec,
    OqtopusSamplingJobResult,
    rest,
)
from oqtopus_client.rest.models import JobsS3OperatorItem

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'

client = OqtopusClient()
spec = OqtopusJobSpec.sampling(
    device_id="SVSim",
    program=BELL,
    shots=100,
    description="accessors",
    transpiler_info={"transpiler_lib": "qiskit"},
)
result = client.run_sampling(spec, **POLL)
print(repr(result))
assert result.description == "accessors"
assert result.is_sampling()
assert not result.is_estimation()
assert not result.is_multi_manual()
assert not result.is_sse()
assert result.job_type == rest.JobsJobType.SAMPLING
assert result.status == rest.JobsJobStatus.SUCCEEDED
assert result.submitted_at <= result.ended_at
assert result.transpiler_info["transpiler_lib"] == "qiskit"  # the service adds its defaults

info = result.job_info.to_dict()
assert info["program"] == [BELL]  # legacy key, copied from input
assert result.sampling is not None
assert result.transpile_result is not None
print("transpile_result keys:", sorted(result.transpile_result.to_dict()))

raw = next(job for job in client.list_jobs() if job.job_id == result.job_id)
assert isinstance(raw, rest.JobsJob)
wrapped = OqtopusJobResult.from_raw(raw)
assert wrapped.job_id == result.job_id
assert wrapped.shots == 100

typed = client.get_job(result.job_id)
assert isinstance(typed, OqtopusSamplingJobResult)
assert typed.get_counts() == result.get_counts()

operator = OqtopusEstimationOperator(pauli="X 0 Y 1", coeff=0.5)
model = operator.to_model()
assert isinstance(model, JobsS3OperatorItem)
assert OqtopusEstimationOperator.from_model(model) == operator
submit = OqtopusJobSpec.estimation(device_id="SVSim", program=BELL, operator=[operator]).to_model()
assert submit.to_dict()["job_type"] == "estimation"
print("OK p15_result_objects")
