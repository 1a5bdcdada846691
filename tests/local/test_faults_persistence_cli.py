"""Fault injection, restart with a data directory, file storage mode and the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from oqtopus_sdk.local import FaultConfig, LocalOqtopus

from .helpers import BELL, download_json, register, submit_job, wait, wait_status, zip_bytes


def _client(srv: LocalOqtopus) -> httpx.Client:
    return httpx.Client(base_url=srv.base_url, headers={"q-api-token": srv.api_token})


def test_rate_limit_and_unavailable(oqtopus_local: LocalOqtopus) -> None:
    srv = oqtopus_local
    srv.faults.configure(retry_after=2)
    srv.faults.fail_next("list_devices", 1, kind="429")
    srv.faults.fail_next("list_devices", 1, kind="503")
    with _client(srv) as api:
        r = api.get("/devices", headers={"x-correlation-id": "c1"})
        assert r.status_code == 429
        assert r.headers["retry-after"] == "2"
        assert r.headers["x-correlation-id"] == "c1"
        assert r.json() == {"message": "Too Many Requests"}
        r = api.get("/devices")
        assert r.status_code == 503
        assert r.headers["retry-after"] == "2"
        assert api.get("/devices").status_code == 200
        assert srv.faults.injected == {"list_devices": 2}


def test_random_faults_are_seeded(oqtopus_local: LocalOqtopus) -> None:
    def pattern(seed: int) -> list[int]:
        oqtopus_local.faults.reset(FaultConfig(rate_limit={"get_settings": 0.5}, seed=seed))
        with _client(oqtopus_local) as api:
            return [api.get("/system/settings").status_code for _ in range(20)]

    first = pattern(7)
    assert first == pattern(7)
    assert set(first) == {200, 429}


def test_dropped_connection(oqtopus_local: LocalOqtopus) -> None:
    oqtopus_local.faults.fail_next("get_job_status", 1, kind="drop")
    with _client(oqtopus_local) as api:
        jid = register(api)["job_id"]
        with pytest.raises(httpx.RemoteProtocolError):
            api.get(f"/jobs/{jid}/status")
        assert api.get(f"/jobs/{jid}/status").status_code == 200


def test_forced_job_failure_and_latency(oqtopus_local: LocalOqtopus) -> None:
    oqtopus_local.faults.configure(fail_job_pattern="^doomed", queue_latency=0.2, run_latency=0.1)
    with _client(oqtopus_local) as api:
        doomed = submit_job(api, {"program": [BELL]}, name="doomed-1", shots=10)
        fine = submit_job(api, {"program": [BELL]}, name="fine", shots=10)
        assert api.get(f"/jobs/{fine}/status").json()["status"] == "submitted"
        job = wait(api, doomed)
        assert job["status"] == "failed"
        assert job["job_info"]["message"] == "internal server error"
        assert job["execution_time"] > 0
        assert wait(api, fine)["status"] == "succeeded"


def test_restart_with_data_dir(tmp_path: Path) -> None:
    with LocalOqtopus(data_dir=tmp_path) as srv, _client(srv) as api:
        old_base = srv.base_url
        done = wait(api, submit_job(api, {"program": [BELL]}, name="keep", shots=100))
        reg = register(api)["job_id"]
        srv.faults.configure(queue_latency=30)
        interrupted = submit_job(api, {"program": [BELL]}, name="interrupted", shots=10)
    with LocalOqtopus(data_dir=tmp_path) as srv, _client(srv) as api:
        again = api.get(f"/jobs/{done['job_id']}").json()
        assert {k: v for k, v in again.items() if k != "job_info"} == {
            k: v for k, v in done.items() if k != "job_info"
        }
        assert download_json(again["job_info"]["result"])["sampling"]["counts"]
        assert set(again["job_info"]) == set(done["job_info"])
        # URLs handed out before the restart stay valid (the signing key is persisted).
        old_url = done["job_info"]["result"].replace(old_base, srv.base_url)
        assert httpx.get(old_url).status_code == 200
        assert api.get(f"/jobs/{reg}").json() == {"job_id": reg, "status": "registered"}
        assert wait(api, interrupted)["status"] == "succeeded"
        assert [j["job_id"] for j in api.get("/jobs").json()][:2] == [done["job_id"], reg]


def test_file_storage_mode(tmp_path: Path) -> None:
    with LocalOqtopus(data_dir=tmp_path, storage="file") as srv, _client(srv) as api:
        reg = register(api)
        assert reg["presigned_url"]["fields"] == {}
        url = reg["presigned_url"]["url"]
        assert url.startswith("file://")
        assert url.endswith(f"/{reg['job_id']}/input.zip")
        path = Path(urlparse(url).path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(zip_bytes({"program": [BELL]}))
        body = {"device_id": "SVSim", "job_type": "sampling", "shots": 10}
        assert api.post(f"/jobs/{reg['job_id']}/submit", json=body).status_code == 200
        job = wait(api, reg["job_id"])
        assert job["job_info"]["result"].startswith("file://")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cli_serve_prints_env_and_stops_on_signal(sig: signal.Signals) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "oqtopus_sdk.local",
            "serve",
            "--port",
            "0",
            "--token",
            "cli.secret",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline().strip() for _ in range(3)]
        values = dict(line.split("=", 1) for line in lines)
        assert values["OQTOPUS_API_TOKEN"] == "cli.secret"
        url = values["OQTOPUS_URL"]
        deadline = time.monotonic() + 10
        while True:
            try:
                r = httpx.get(f"{url}/devices", headers={"q-api-token": "cli.secret"})
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        assert r.status_code == 200
        assert json.loads(r.text)[0]["device_id"] == "SVSim"
    finally:
        proc.send_signal(sig)
        # communicate() reads both pipes to the end and closes them.
        proc.communicate(timeout=10)
    assert proc.returncode == 0


def test_emulator_survives_garbage(oqtopus_local: LocalOqtopus) -> None:
    with _client(oqtopus_local) as api:
        jid = register(api)["job_id"]
        assert api.post(f"/jobs/{jid}/submit", content=b"\xff\xfe").status_code == 422
        assert api.post(f"/jobs/{jid}/submit", json=[1, 2]).status_code == 422
        assert api.patch("/users/me", content=b"[").status_code == 422
        r = httpx.post(f"{oqtopus_local.base_url}/storage/upload", content=b"garbage")
        assert r.status_code == 400
        assert api.get(f"/jobs/{jid}").status_code == 200
        wait_status(api, jid, {"registered"})
