"""End-to-end job flows over loopback HTTP for all four job types and failure semantics."""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import datetime

import httpx
import pytest

from .helpers import BELL, download, download_json, submit_job, wait

QISKIT_DEFAULT = {"transpiler_lib": "qiskit", "transpiler_options": {"optimization_level": 1}}


def _ts(job: dict[str, object], name: str) -> datetime:
    value = job[name]
    assert isinstance(value, str)
    return datetime.fromisoformat(value)


def test_sampling_bell_state(api: httpx.Client) -> None:
    job_id = submit_job(api, {"program": [BELL]}, name="bell", shots=1000)
    job = wait(api, job_id)
    assert job["status"] == "succeeded", job
    assert job["name"] == "bell"
    assert job["description"] == ""
    assert job["simulator_info"] == {}
    assert job["mitigation_info"] == {}
    assert job["transpiler_info"] == QISKIT_DEFAULT
    assert job["execution_time"] > 0
    assert (
        _ts(job, "submitted_at")
        <= _ts(job, "ready_at")
        <= _ts(job, "running_at")
        <= _ts(job, "ended_at")
    )
    assert _ts(job, "submitted_at").tzinfo is not None
    info = job["job_info"]
    assert set(info) == {"input", "transpile_result", "result"}
    name, _ = download(info["input"])
    assert name == "input.json"
    assert download(info["result"])[0] == "result.json"
    result = download_json(info["result"])
    counts = result["sampling"]["counts"]
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == 1000
    assert 400 < counts["00"] < 600
    assert result["estimation"] is None
    assert download(info["transpile_result"])[0] == "transpile_result.json"
    tr = download_json(info["transpile_result"])
    assert tr["transpiled_program"].startswith("OPENQASM 3")
    assert set(tr["stats"]) == {"before", "after"}
    assert set(tr["stats"]["before"]) == {
        "n_qubits",
        "n_gates",
        "n_gates_1q",
        "n_gates_2q",
        "depth",
    }
    assert tr["virtual_physical_mapping"]["qubit_mapping"].keys() == {"0", "1"}


def test_sampling_seed_is_reproducible_and_qpu_transpiles(api: httpx.Client) -> None:
    sim = {"seed_simulation": 42}
    a = wait(api, submit_job(api, {"program": [BELL]}, device_id="emu-qpu-5", simulator_info=sim))
    b = wait(api, submit_job(api, {"program": [BELL]}, device_id="emu-qpu-5", simulator_info=sim))
    ra = download_json(a["job_info"]["result"])
    rb = download_json(b["job_info"]["result"])
    assert ra == rb
    tr = download_json(a["job_info"]["transpile_result"])
    assert tr["stats"]["after"]["n_qubits"] == 5
    ops = {line.split()[0].split("(")[0] for line in tr["transpiled_program"].splitlines()[3:]}
    assert ops <= {"rz", "sx", "x", "cx", "c[0]", "c[1]"}


def test_estimation(api: httpx.Client) -> None:
    operator = [{"pauli": "Z 0 Z 1", "coeff": 1.0}]
    job = wait(
        api, submit_job(api, {"program": [BELL], "operator": operator}, job_type="estimation")
    )
    assert job["status"] == "succeeded", job
    est = download_json(job["job_info"]["result"])["estimation"]
    assert est["exp_value"] == pytest.approx(1.0)
    operator = [{"pauli": "X0 X1", "coeff": 1.5}]
    job = wait(
        api, submit_job(api, {"program": [BELL], "operator": operator}, job_type="estimation")
    )
    res = download_json(job["job_info"]["result"])
    assert res["sampling"] is None
    assert res["estimation"]["exp_value"] == pytest.approx(1.5)
    assert res["estimation"]["stds"] >= 0


def test_estimation_without_coeff_fails(api: httpx.Client) -> None:
    job_input = {"program": [BELL], "operator": [{"pauli": "X 0 X 1"}]}
    job = wait(api, submit_job(api, job_input, job_type="estimation"))
    assert job["status"] == "failed"
    assert job["job_info"]["message"].startswith("Job input validation failed: ")
    assert "result" not in job["job_info"]


def test_multi_manual(api: httpx.Client) -> None:
    x1 = 'OPENQASM 3; include "stdgates.inc"; qubit[1] q; bit[1] c; x q[0]; c[0] = measure q[0];'
    job = wait(
        api,
        submit_job(api, {"program": [BELL, x1]}, job_type="multi_manual", device_id="emu-qpu-5"),
    )
    assert job["status"] == "succeeded", job
    info = job["job_info"]
    assert set(info) == {"input", "combined_program", "transpile_result", "result"}
    name, text = download(info["combined_program"])
    assert name == "combined_program"
    assert text.decode().startswith("OPENQASM 3")
    sampling = download_json(info["result"])["sampling"]
    assert set(sampling["counts"]) <= {"100", "111"}
    assert set(sampling["divided_counts"]) == {"0", "1"}
    assert set(sampling["divided_counts"]["0"]) <= {"00", "11"}
    assert sampling["divided_counts"]["1"] == {"1": 1000}
    assert sum(sampling["divided_counts"]["0"].values()) == 1000


def test_multi_manual_too_many_qubits(api: httpx.Client) -> None:
    job = wait(
        api,
        submit_job(api, {"program": [BELL] * 3}, job_type="multi_manual", device_id="emu-qpu-5"),
    )
    assert job["status"] == "failed"
    assert job["job_info"]["message"] == "failed to combine programs: invalid qubit size"
    assert "running_at" not in job
    assert "execution_time" not in job


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"not a zip", "Invalid ZIP file"),
        (None, "Expected one file in single ZIP archive, but found 2."),
        ("badjson", "Invalid JSON in ZIP file"),
        ("list", "Job input validation failed"),
        ("qasm", "OpenQASM 3"),
    ],
)
def test_bad_input_fails_before_running(api: httpx.Client, raw: object, fragment: str) -> None:
    from .helpers import zip_bytes

    if raw is None:
        data = zip_bytes({"program": [BELL]}, extra={"second.json": b"{}"})
    elif raw == "badjson":
        data = zip_bytes(b"{not json")
    elif raw == "list":
        data = zip_bytes([BELL])
    elif raw == "qasm":
        data = zip_bytes({"program": ["OPENQASM 3; qubit[2] q; bogus q[0];"]})
    else:
        assert isinstance(raw, bytes)
        data = raw
    job = wait(api, submit_job(api, None, raw=data))
    assert job["status"] == "failed"
    assert fragment in job["job_info"]["message"]
    assert "running_at" not in job
    assert "execution_time" not in job
    assert _ts(job, "ready_at") >= _ts(job, "submitted_at")
    assert set(job["job_info"]) == {"input", "message"}


def test_no_transpile(api: httpx.Client) -> None:
    job = wait(api, submit_job(api, {"program": [BELL]}, transpiler_info={"transpiler_lib": None}))
    assert job["status"] == "succeeded"
    assert job["transpiler_info"] == {"transpiler_lib": None}
    assert "transpile_result" not in job["job_info"]


SSE_PROGRAM = """
import sse_driver

qasm = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; x q[0]; c = measure q;'
request = {"device_id": "sse", "job_type": "sampling", "shots": 100}
job = sse_driver.submit_job(request, {"program": [qasm]})
print("inner job done", job["job_info"]["result"]["sampling"]["counts"])
"""


def test_sse_job_runs_program_and_adopts_inner_result(api: httpx.Client) -> None:
    job = wait(api, submit_job(api, {"sse_program": SSE_PROGRAM}, job_type="sse", shots=1))
    assert job["status"] == "succeeded", job
    info = job["job_info"]
    assert set(info) == {"input", "result", "transpile_result", "sse_log"}
    assert download_json(info["result"])["sampling"]["counts"] == {"01": 100}
    name, log = download(info["sse_log"])
    assert name == "sse_runtime.log"
    assert b"inner job done" in log
    assert job["transpiler_info"] == QISKIT_DEFAULT
    assert job["execution_time"] > 0
    assert "running_at" in job
    legacy = api.get(f"/jobs/{job['job_id']}/sselog")
    assert legacy.status_code == 200
    assert set(legacy.json()) == {"file", "file_name"}


def test_sse_failure(api: httpx.Client) -> None:
    program = "import sys\nprint('boom')\nsys.exit(3)\n"
    job = wait(api, submit_job(api, {"sse_program": program}, job_type="sse", shots=1))
    assert job["status"] == "failed"
    assert job["job_info"]["message"] == (
        "user program execution error: exit status 3; last output:\nboom"
    )
    # As live: no result and no sse_log in job_info of a failed SSE job ...
    assert set(job["job_info"]) == {"input", "message"}
    assert job["execution_time"] > 0
    assert "running_at" in job
    # ... but the emulator keeps the log readable through the legacy endpoint.
    r = api.get(f"/jobs/{job['job_id']}/sselog")
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(r.json()["file"]))) as zf:
        assert zf.read("sse_runtime.log") == b"boom\n"


def test_sse_without_program(api: httpx.Client) -> None:
    job = wait(api, submit_job(api, {"program": [BELL]}, job_type="sse", shots=1))
    assert job["status"] == "failed"
    assert job["job_info"]["message"] == "the sse_program is not specified in the job."


def test_sse_timeout() -> None:
    from oqtopus_sdk.local import LocalOqtopus

    with (
        LocalOqtopus(sse_timeout=0.5) as srv,
        httpx.Client(base_url=srv.base_url, headers={"q-api-token": srv.api_token}) as api,
    ):
        job = wait(
            api, submit_job(api, {"sse_program": "import time\ntime.sleep(30)\n"}, job_type="sse")
        )
        assert job["status"] == "failed"
        assert job["job_info"]["message"].startswith("user program execution error")
        assert job["execution_time"] >= 0.5
