"""SSE: upload a Python program that runs its own jobs on the server side, then read its log."""

import os
import tempfile
from pathlib import Path

from oqtopus_client import OqtopusClient, OqtopusSamplingJobResult, OqtopusSseJobResult

POLL = {"interval": float(os.environ.get("EXAMPLE_POLL_INTERVAL", "1.0"))}
PROGRAM = """\
from oqtopus_client import OqtopusClient, OqtopusJobSpec

BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'
client = OqtopusClient()  # inside the SSE container no URL or token is needed
result = client.run_sampling(OqtopusJobSpec.sampling(device_id="SVSim", program=BELL, shots=300), interval=0.05)
print("inner job done:", sum(result.get_counts().values()), "shots")
"""

client = OqtopusClient()
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "sse_program.py"
    path.write_text(PROGRAM, encoding="utf-8")
    result = client.run_sse_file(file_path=str(path), device_id="SVSim", name="sse example", **POLL)
    assert isinstance(result, OqtopusSseJobResult)
    print("sse job", result.job_id, result.status)

    inner = result.get_job_result()
    assert isinstance(inner, OqtopusSamplingJobResult)
    assert sum(inner.get_counts().values()) == 300

    text = result.read_log_text()
    assert "inner job done: 300 shots" in text, text
    saved = result.download_log(save_dir=tmp, persist=True)
    assert Path(saved).name == f"sselog_{result.job_id}.log"
    assert Path(saved).read_bytes() == result.download_log()

log = client.get_sselog(result.job_id)
assert log.file_name == f"sselog_{result.job_id}.log"
assert log.file
print("OK p12_sse")
