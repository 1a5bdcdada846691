"""Endpoint rules: auth, submit checks, cancel/delete, listing and the small endpoints."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from oqtopus_sdk.local.server import LocalOqtopus

from .helpers import BELL, register, submit_job, upload, wait, wait_status, zip_bytes

SUBMIT = {"device_id": "SVSim", "job_type": "sampling", "shots": 10}


@pytest.mark.parametrize("token", [None, "", "no-dot", "a.b.c", "unknown.token", ".x"])
def test_auth_failures_are_401(server: LocalOqtopus, token: str | None) -> None:
    headers = {} if token is None else {"q-api-token": token}
    r = httpx.get(f"{server.base_url}/jobs", headers=headers)
    assert r.status_code == 401
    assert r.json() == {"detail": "Unauthorized"}
    assert r.headers["x-correlation-id"]


def test_header_name_is_case_insensitive_and_correlation_id_echoed(server: LocalOqtopus) -> None:
    r = httpx.get(
        f"{server.base_url}/devices",
        headers={"Q-API-TOKEN": server.api_token, "X-Correlation-Id": "abc-123"},
    )
    assert r.status_code == 200
    assert r.headers["x-correlation-id"] == "abc-123"


def test_devices(api: httpx.Client) -> None:
    devices = {d["device_id"]: d for d in api.get("/devices").json()}
    # qulacs is the default alias of SVSim, listed under its own id.
    assert set(devices) == {"SVSim", "emu-qpu-5", "emu-qpu-offline", "qulacs"}
    sim = devices["SVSim"]
    assert sim["device_type"] == "simulator"
    assert sim["status"] == "available"
    assert sim["n_qubits"] >= 16
    qpu = api.get("/devices/emu-qpu-5").json()
    assert qpu["basis_gates"] == ["sx", "x", "rz", "cx"]
    import json

    info = json.loads(qpu["device_info"])
    assert len(info["qubits"]) == 5
    assert set(info["qubits"][0]) == {"id", "fidelity", "position", "meas_error"}
    assert set(info["couplings"][0]) == {"control", "target", "fidelity"}
    assert devices["emu-qpu-offline"]["status"] == "unavailable"
    r = api.get("/devices/nope")
    assert r.status_code == 404
    assert r.json() == {"message": "device_id=nope is not found."}


def test_register_shape(api: httpx.Client) -> None:
    reg = register(api)
    fields = reg["presigned_url"]["fields"]
    assert fields["key"] == f"{reg['job_id']}/input.zip"
    assert set(fields) == {"key", "AWSAccessKeyId", "policy", "signature"}
    assert reg["job_id"][14] == "7"  # UUIDv7 version nibble
    assert api.get(f"/jobs/{reg['job_id']}").json() == {
        "job_id": reg["job_id"],
        "status": "registered",
    }


def test_submit_checks_in_live_order(api: httpx.Client, server: LocalOqtopus) -> None:
    r = api.post("/jobs/does-not-exist/submit", json=SUBMIT)
    assert r.status_code == 404
    assert r.json() == {"message": "job not found with the given id"}
    reg = register(api)
    jid = reg["job_id"]
    r = api.post(f"/jobs/{jid}/submit", json={**SUBMIT, "device_id": "nope"})
    assert r.status_code == 400
    assert r.json() == {"message": "device not found"}
    r = api.post(f"/jobs/{jid}/submit", json={**SUBMIT, "device_id": "emu-qpu-offline"})
    assert r.status_code == 400
    assert r.json() == {"message": "device emu-qpu-offline is not available"}
    r = api.post(f"/jobs/{jid}/submit", json=SUBMIT)
    assert r.status_code == 400
    assert r.json() == {"message": f"job information input for {jid} job not found"}
    assert api.get(f"/jobs/{jid}/status").json()["status"] == "registered"
    assert upload(reg, zip_bytes({"program": [BELL]})).status_code == 204
    assert api.post(f"/jobs/{jid}/submit", json=SUBMIT).status_code == 200
    r = api.post(f"/jobs/{jid}/submit", json=SUBMIT)
    assert r.status_code == 400
    assert r.json() == {
        "message": f"{jid} job is not in valid status for submission "
        "(valid status for submission: 'registered')"
    }
    # Another user's job looks absent.
    server.add_token("other.user-secret", "someone-else")
    r = httpx.post(
        f"{server.base_url}/jobs/{jid}/submit",
        json=SUBMIT,
        headers={"q-api-token": "other.user-secret"},
    )
    assert r.status_code == 404
    r = httpx.get(f"{server.base_url}/jobs/{jid}", headers={"q-api-token": "other.user-secret"})
    assert r.status_code == 404


@pytest.mark.parametrize(
    ("body", "err_type", "loc"),
    [
        ({"job_type": "sampling", "shots": 1}, "missing", ["body", "device_id"]),
        ({**SUBMIT, "shots": 0}, "greater_than_equal", ["body", "shots"]),
        ({**SUBMIT, "shots": 10_000_001}, "less_than_equal", ["body", "shots"]),
        ({**SUBMIT, "job_type": "qaoa"}, "enum", ["body", "job_type"]),
        ({**SUBMIT, "shots": "many"}, "int_parsing", ["body", "shots"]),
    ],
)
def test_submit_body_validation_422(
    api: httpx.Client, body: dict[str, object], err_type: str, loc: list[str]
) -> None:
    jid = register(api)["job_id"]
    r = api.post(f"/jobs/{jid}/submit", json=body)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail[0]["type"] == err_type
    assert detail[0]["loc"] == loc
    assert set(detail[0]) >= {"type", "loc", "msg", "input"}


def test_submit_malformed_json_422(api: httpx.Client) -> None:
    jid = register(api)["job_id"]
    r = api.post(
        f"/jobs/{jid}/submit", content=b"{oops", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert r.json()["detail"][0]["type"] == "json_invalid"


def test_cancel_and_delete_rules(server: LocalOqtopus) -> None:
    with (
        LocalOqtopus() as srv,
        httpx.Client(base_url=srv.base_url, headers={"q-api-token": srv.api_token}) as api,
    ):
        # registered -> cancelled -> cancel again is a no-op -> delete
        jid = register(api)["job_id"]
        r = api.delete(f"/jobs/{jid}")
        assert r.status_code == 400
        assert r.json() == {
            "message": f"{jid} job is not in valid status for deletion "
            "(valid statuses for deletion: 'succeeded', 'failed' and 'cancelled')"
        }
        for _ in range(2):
            r = api.post(f"/jobs/{jid}/cancel")
            assert r.status_code == 200
            assert r.json() == {"message": "cancel request accepted"}
        assert api.get(f"/jobs/{jid}/status").json()["status"] == "cancelled"
        assert api.delete(f"/jobs/{jid}").json() == {"message": "job deleted"}
        assert api.get(f"/jobs/{jid}").status_code == 404
        assert api.post(f"/jobs/{jid}/cancel").status_code == 404
        assert api.delete(f"/jobs/{jid}").status_code == 404

        # succeeded jobs cannot be cancelled, but can be deleted with their archives
        done = wait(api, submit_job(api, {"program": [BELL]}))
        r = api.post(f"/jobs/{done['job_id']}/cancel")
        assert r.status_code == 400
        assert "not in valid status for cancellation" in r.json()["message"]
        result_url = done["job_info"]["result"]
        assert api.delete(f"/jobs/{done['job_id']}").status_code == 200
        assert httpx.get(result_url).status_code == 404

        # a job cancelled while running stays cancelled
        srv.faults.configure(exec_latency=0.5)
        jid = submit_job(api, {"program": [BELL]})
        wait_status(api, jid, {"running"})
        assert api.post(f"/jobs/{jid}/cancel").status_code == 200
        time.sleep(0.8)
        job = api.get(f"/jobs/{jid}").json()
        assert job["status"] == "cancelled"
        assert "result" not in job["job_info"]


def test_list_jobs_filters_pagination_fields() -> None:
    with (
        LocalOqtopus() as srv,
        httpx.Client(base_url=srv.base_url, headers={"q-api-token": srv.api_token}) as api,
    ):
        before = datetime.now(UTC) - timedelta(seconds=1)
        ids = [submit_job(api, {"program": [BELL]}, name=f"job-{i}", shots=10) for i in range(3)]
        for jid in ids:
            wait(api, jid)
        reg = register(api)["job_id"]
        all_jobs = api.get("/jobs").json()
        assert [j["job_id"] for j in all_jobs] == [*ids, reg]
        assert all_jobs[-1] == {"job_id": reg, "status": "registered"}
        desc = api.get("/jobs", params={"order": "DESC"}).json()
        assert [j["job_id"] for j in desc] == [reg, *reversed(ids)]
        page2 = api.get("/jobs", params={"page": 2, "size": 2}).json()
        assert [j["job_id"] for j in page2] == [ids[2], reg]
        assert api.get("/jobs", params={"page": 9, "size": 2}).json() == []
        assert [j["job_id"] for j in api.get("/jobs", params={"q": "job-1"}).json()] == [ids[1]]
        assert [j["job_id"] for j in api.get("/jobs", params={"q": reg[:20]}).json()] == [reg]
        st = api.get("/jobs", params={"status": "registered"}).json()
        assert [j["job_id"] for j in st] == [reg]
        fields = api.get("/jobs", params={"fields": "job_id,status,name"}).json()
        assert fields[0] == {"job_id": ids[0], "status": "succeeded", "name": "job-0"}
        assert fields[-1] == {"job_id": reg, "status": "registered"}
        start = before.strftime("%Y-%m-%dT%H:%M:%S.%f%z")
        timed = api.get("/jobs", params={"start_time": start}).json()
        assert [j["job_id"] for j in timed] == ids
        assert api.get("/jobs", params={"end_time": start}).json() == []
        r = api.get("/jobs", params={"fields": "job_id,nope"})
        assert r.status_code == 400
        assert r.json() == {"message": "fields ['nope'] is invalid"}
        assert api.get("/jobs", params={"status": "done"}).status_code == 422
        assert api.get("/jobs", params={"size": 0}).status_code == 422
        assert api.get("/jobs", params={"page": "x"}).status_code == 422
        r = api.get("/jobs", params={"start_time": "yesterday"})
        assert r.status_code == 500
        assert r.json()["message_code"] == "INTERNAL_SERVER_ERROR"


def test_n_pending_jobs() -> None:
    with (
        LocalOqtopus() as srv,
        httpx.Client(base_url=srv.base_url, headers={"q-api-token": srv.api_token}) as api,
    ):
        srv.faults.configure(queue_latency=0.6)
        submit_job(api, {"program": [BELL]}, device_id="emu-qpu-5", shots=10)
        assert api.get("/devices/emu-qpu-5").json()["n_pending_jobs"] == 1
        assert api.get("/devices/SVSim").json()["n_pending_jobs"] == 0


def test_small_endpoints(api: httpx.Client) -> None:
    anns = api.get("/announcements").json()["announcements"]
    assert {a["id"] for a in anns} >= {1}
    assert set(anns[0]) == {"id", "title", "content", "start_time", "end_time", "publishable"}
    assert api.get("/announcements/1").json()["id"] == 1
    assert api.get("/announcements/999").json() == {"message": "announcement_id=999 is not found."}
    assert api.get("/announcements/abc").status_code == 422
    me = api.get("/users/me").json()
    assert set(me) == {"id", "email", "name", "organization", "created_at", "login_events"}
    patched = api.patch("/users/me", json={"organization": "lab"}).json()
    assert patched["organization"] == "lab"
    r = api.delete("/users/me")
    assert r.status_code == 403
    assert r.json() == {"message": "user deletion is disabled"}
    settings = api.get("/system/settings").json()
    assert set(settings) == {
        "editable_fields",
        "allow_deletion",
        "visible_fields",
        "login_history_enabled",
    }
    assert "api_token_expiration" in api.get("/api-token/status").json()
    tok = api.post("/api-token").json()
    assert len(tok["api_token_id"]) == 22
    new = f"{tok['api_token_id']}.{tok['api_token_secret']}"
    assert api.get("/jobs", headers={"q-api-token": new}).status_code == 200
    r = api.delete("/api-token")
    assert r.status_code == 200
    assert r.content == b""
    assert api.get("/jobs", headers={"q-api-token": new}).status_code == 401
    r = api.get("/no/such/route")
    assert r.status_code == 404
    r = api.get(f"/jobs/{register(api)['job_id']}/sselog")
    assert r.json() == {"message": "job is not an SSE job"}
