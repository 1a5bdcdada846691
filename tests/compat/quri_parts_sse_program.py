"""quri-parts-oqtopus's SSE backend, unmodified, on oqtopus_sdk through the alias.

Run as ``python -m oqtopus_sdk.compat quri_parts_sse_program.py WORKDIR``. The SSE program it
uploads runs inside the emulator's SSE container (with the reference there, as on the live
service); what runs on our SDK here is the submission, the wait, reading the inner job's
result and downloading the log. Prints one ``@@ {json}`` line.
"""

# mypy: disable-error-code="comparison-overlap,union-attr"
# (mypy reads the real oqtopus_client; at run time it is the alias.)

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

from quri_parts_oqtopus.backend import OqtopusSseBackend

import oqtopus_sdk

INNER = """\
from oqtopus_client import OqtopusClient, OqtopusJobSpec

BELL = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;'
client = OqtopusClient()  # inside the SSE container: no URL, no token
result = client.run_sampling(OqtopusJobSpec.sampling(device_id="SVSim", program=BELL, shots=200), interval=0.05)
print("inner counts", result.get_counts())
"""

workdir = Path(sys.argv[1])
program = workdir / "sse_inner.py"
program.write_text(INNER, encoding="utf-8")

backend = OqtopusSseBackend()
job = backend.run_sse(str(program), device_id="SVSim", name="quri sse")
counts = dict(job.result(timeout=60, wait=0.05).counts)
log_path = Path(job.download_log(save_dir=str(workdir)))
with zipfile.ZipFile(io.BytesIO(log_path.read_bytes())) as archive:
    log = "".join(archive.read(name).decode() for name in archive.namelist())

print(
    "@@",
    json.dumps(
        {
            "counts": {str(k): v for k, v in counts.items()},
            "log_has_inner_counts": "inner counts" in log,
            "log_name": log_path.name,
            "client_is_sdk": type(backend._client) is oqtopus_sdk.OqtopusClient,
            "aiohttp_loaded": "aiohttp" in sys.modules,
        }
    ),
)
