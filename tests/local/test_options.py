"""Device aliases, the upload size limit, list-endpoint rules and speed, file-storage config."""

from __future__ import annotations

import base64
import json
import logging
import signal
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.local import server as server_module
from oqtopus_sdk.local.cli import main as cli_main
from oqtopus_sdk.local.ids import iso, utcnow, uuid7
from oqtopus_sdk.local.store import JobRecord

from .helpers import BELL, download_json, register, submit_job, upload, wait, zip_bytes

NO_BITS = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; x q[1];'
ONE_BIT = 'OPENQASM 3; include "stdgates.inc"; qubit[1] q; bit[1] c; x q[0]; c[0] = measure q[0];'


def _client(srv: LocalOqtopus) -> httpx.Client:
    return httpx.Client(base_url=srv.base_url, headers={"q-api-token": srv.api_token}, timeout=30)


# ----- device aliases -------------------------------------------------------------------


def test_default_alias_qulacs_is_a_device_of_its_own(api: httpx.Client) -> None:
    listed = {d["device_id"]: d for d in api.get("/devices").json()}
    assert listed["qulacs"]["n_qubits"] == listed["SVSim"]["n_qubits"]
    one = api.get("/devices/qulacs").json()
    assert one["device_id"] == "qulacs"
    assert one["description"].startswith("Alias of SVSim")
    job = wait(api, submit_job(api, {"program": [BELL]}, device_id="qulacs", shots=64))
    assert job["status"] == "succeeded", job
    assert job["device_id"] == "qulacs"  # what was submitted, as on the live service
    assert sum(download_json(job["job_info"]["result"])["sampling"]["counts"].values()) == 64


def test_custom_aliases_replace_the_default_and_share_the_queue() -> None:
    with LocalOqtopus(device_aliases={"kawasaki": "emu-qpu-5"}) as srv, _client(srv) as api:
        assert api.get("/devices/qulacs").status_code == 404
        srv.faults.configure(queue_latency=0.4)
        job_id = submit_job(api, {"program": [BELL]}, device_id="kawasaki", shots=10)
        assert api.get("/devices/kawasaki").json()["n_pending_jobs"] == 1
        assert api.get("/devices/emu-qpu-5").json()["n_pending_jobs"] == 1
        job = wait(api, job_id)
        tr = download_json(job["job_info"]["transpile_result"])
        assert tr["stats"]["after"]["n_qubits"] == 5  # ran on emu-qpu-5


@pytest.mark.parametrize(
    ("aliases", "fragment"),
    [
        ({"qulacs": "nope"}, "points to unknown device 'nope'"),
        ({"SVSim": "emu-qpu-5"}, "already the id of a device"),
        ({"a/b": "SVSim"}, "must be letters, digits"),
        ({"x": "qulacs"}, "points to unknown device 'qulacs'"),  # no alias of an alias
    ],
)
def test_bad_aliases_fail_at_construction(aliases: dict[str, str], fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        LocalOqtopus(device_aliases=aliases)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--device-alias", "qulacs"], "must look like NAME=DEVICE"),
        (["--device-alias", "fast=warp-drive"], "unknown device 'warp-drive'"),
        (["--max-upload-bytes", "0"], "--max-upload-bytes must be positive"),
    ],
)
def test_cli_rejects_bad_options_before_serving(
    argv: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_main(["serve", "--port", "0", *argv])
    assert exited.value.code == 2
    assert fragment in capsys.readouterr().err


# ----- upload size limit ----------------------------------------------------------------


def test_upload_limit_refuses_big_bodies_with_413() -> None:
    with LocalOqtopus(max_upload_bytes=1000) as srv, _client(srv) as api:
        reg = register(api)
        policy = json.loads(base64.b64decode(reg["presigned_url"]["fields"]["policy"]))
        assert ["content-length-range", 0, 1000] in policy["conditions"]
        r = upload(reg, b"z" * 1001)
        assert r.status_code == 413
        assert "<Code>EntityTooLarge</Code>" in r.text
        assert "<MaxSizeAllowed>1000</MaxSizeAllowed>" in r.text
        assert "<ProposedSize>1001</ProposedSize>" in r.text
        # Far too big: refused from Content-Length alone, before the form is parsed.
        r = upload(reg, b"z" * 200_000)
        assert r.status_code == 413
        assert "(1000 bytes)" in r.text
        # Nothing was stored: submit still finds no input.
        body = {"device_id": "SVSim", "job_type": "sampling", "shots": 1}
        assert api.post(f"/jobs/{reg['job_id']}/submit", json=body).status_code == 400
        data = zip_bytes({"program": [BELL]})
        assert len(data) <= 1000
        assert upload(reg, data).status_code == 204


def test_default_upload_limit_is_the_live_50_mib(api: httpx.Client) -> None:
    policy = json.loads(base64.b64decode(register(api)["presigned_url"]["fields"]["policy"]))
    assert ["content-length-range", 0, 50 * 1024 * 1024] in policy["conditions"]
    with pytest.raises(ValueError, match="max_upload_bytes must be positive"):
        LocalOqtopus(max_upload_bytes=0)


# ----- multi_manual programs without classical bits -----------------------------------------


def test_multi_manual_without_classical_bits_succeeds_with_empty_divided_counts(
    api: httpx.Client,
) -> None:
    job = wait(api, submit_job(api, {"program": [NO_BITS, NO_BITS]}, job_type="multi_manual"))
    assert job["status"] == "succeeded", job
    sampling = download_json(job["job_info"]["result"])["sampling"]
    assert sampling["counts"] == {"1010": 1000}  # every qubit measured
    assert sampling["divided_counts"] == {}  # the engine's result when division fails


def test_multi_manual_mixing_programs_with_and_without_bits(api: httpx.Client) -> None:
    job = wait(api, submit_job(api, {"program": [ONE_BIT, NO_BITS]}, job_type="multi_manual"))
    assert job["status"] == "succeeded", job
    sampling = download_json(job["job_info"]["result"])["sampling"]
    assert sampling["counts"] == {"1": 1000}
    assert sampling["divided_counts"] == {"0": {"1": 1000}, "1": {"": 1000}}


# ----- GET /jobs rules ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "status", "body"),
    [
        ({"fields": "job_id, status"}, 400, {"message": "fields [' status'] is invalid"}),
        ({"fields": "job_id,,name"}, 400, {"message": "fields [''] is invalid"}),
        ({"fields": "id,owner"}, 400, {"message": "fields ['id', 'owner'] is invalid"}),
    ],
)
def test_list_fields_errors_are_the_live_400(
    api: httpx.Client, params: dict[str, str], status: int, body: dict[str, str]
) -> None:
    r = api.get("/jobs", params=params)
    assert (r.status_code, r.json()) == (status, body)


@pytest.mark.parametrize(
    ("params", "loc", "err_type"),
    [
        ({"size": "101"}, ["query", "size"], "less_than_equal"),
        ({"size": "0"}, ["query", "size"], "greater_than_equal"),
        ({"page": "0"}, ["query", "page"], "greater_than_equal"),
        ({"page": "two"}, ["query", "page"], "int_parsing"),
        ({"status": "done"}, ["query", "status"], "enum"),
    ],
)
def test_list_query_validation_is_422_with_detail(
    api: httpx.Client, params: dict[str, str], loc: list[str], err_type: str
) -> None:
    r = api.get("/jobs", params=params)
    assert r.status_code == 422
    (item,) = r.json()["detail"]
    assert (item["loc"], item["type"]) == (loc, err_type)
    if err_type == "less_than_equal":
        assert item["ctx"] == {"le": 100}


def test_list_q_matches_description_and_registered_jobs_lack_submitted_at() -> None:
    with LocalOqtopus() as srv, _client(srv) as api:
        a = submit_job(api, {"program": [BELL]}, description="needle in here", shots=1)
        submit_job(api, {"program": [BELL]}, name="other", shots=1)
        reg = register(api)["job_id"]
        assert [j["job_id"] for j in api.get("/jobs", params={"q": "needle"}).json()] == [a]
        since = api.get("/jobs", params={"start_time": "2000-01-01T00:00:00+00:00"}).json()
        assert reg not in [j["job_id"] for j in since]
        assert len(since) == 2
        got = api.get("/jobs", params={"fields": "job_id,name", "order": "DESC"}).json()
        assert got[0] == {"job_id": reg}
        assert got[1] == {"job_id": got[1]["job_id"], "name": "other"}


def _seed(srv: LocalOqtopus, n: int) -> str:
    """Insert ``n`` finished jobs straight into the store; return the middle submit time."""
    emu = srv.emulator
    assert emu is not None
    base = utcnow() - timedelta(hours=5)
    records = []
    for i in range(n):
        t = iso(base + timedelta(seconds=i))
        records.append(
            JobRecord(
                job_id=uuid7(),
                owner="local-user",
                seq=emu.store.next_seq(),
                created_at=t,
                status="succeeded" if i % 7 else "failed",
                name=f"job-{i}",
                description="",
                job_type="sampling",
                device_id="SVSim",
                shots=10,
                transpiler_info={},
                simulator_info={},
                mitigation_info={},
                submitted_at=t,
                ready_at=t,
                running_at=t,
                ended_at=t,
                execution_time=0.1,
            )
        )
    emu.store.add_many(records)
    return iso(base + timedelta(seconds=n // 2))


# Under a tracer (coverage in `make test`) every line the emulator runs costs several times
# more; the 50 ms target is for the emulator as users run it, so the bound widens only then.
PAGE_BUDGET_SECONDS = 0.05 * (4 if sys.gettrace() is not None else 1)


def test_list_endpoint_stays_under_50ms_per_page_with_10k_jobs() -> None:
    with LocalOqtopus() as srv, _client(srv) as api:
        middle = _seed(srv, 10_000)
        slim = {"size": "100", "fields": "job_id,status"}
        cases: list[dict[str, Any]] = [
            slim,
            {**slim, "page": "100"},  # the last page: every job is walked
            {**slim, "start_time": middle},
            {**slim, "start_time": middle, "page": "50"},
            {**slim, "status": "failed", "order": "DESC"},
            {"size": "100"},  # whole jobs, job_info included
        ]
        for params in cases:
            timings = []
            for _ in range(5):
                t0 = time.perf_counter()
                r = api.get("/jobs", params=params)
                timings.append(time.perf_counter() - t0)
                assert r.status_code == 200
                assert len(r.json()) == 100
            assert statistics.median(timings) < PAGE_BUDGET_SECONDS, (params, timings)
        last = api.get("/jobs", params={**slim, "page": "100"}).json()
        assert (
            last[-1]["job_id"]
            == api.get("/jobs", params={**slim, "order": "DESC"}).json()[0]["job_id"]
        )
        t0 = time.perf_counter()
        assert api.get("/devices").status_code == 200  # n_pending_jobs counts without copying
        assert time.perf_counter() - t0 < PAGE_BUDGET_SECONDS


# ----- --storage file: the SDK is told where file:// URLs may point -----------------------


def test_file_storage_clients_get_local_storage_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []

    class WithRoot:
        def __init__(self, base_url: str, api_token: str, local_storage_root: str | None = None):
            seen.append({"base_url": base_url, "local_storage_root": local_storage_root})

    class WithoutRoot:
        def __init__(self, base_url: str, api_token: str, timeout: float = 1.0) -> None:
            seen.append({"base_url": base_url})

    srv = LocalOqtopus(data_dir=tmp_path, storage="file")
    root = str(tmp_path.resolve() / "storage")
    assert srv.env()["OQTOPUS_LOCAL_STORAGE_ROOT"] == root
    monkeypatch.setattr(server_module, "_config_class", lambda: WithRoot)
    srv.config()
    LocalOqtopus().config()  # http storage: nothing to pass
    monkeypatch.setattr(server_module, "_config_class", lambda: WithoutRoot)
    srv.config()  # an SDK without the field: the argument is not passed
    assert seen == [
        {"base_url": "", "local_storage_root": root},
        {"base_url": "", "local_storage_root": None},
        {"base_url": ""},
    ]
    assert "OQTOPUS_LOCAL_STORAGE_ROOT" not in LocalOqtopus().env()


@pytest.mark.parametrize(
    ("argv", "aliases", "limit"),
    [
        ([], {"qulacs": "SVSim"}, 50 * 1024 * 1024),
        (
            ["--device-alias", "kawasaki=emu-qpu-5", "--device-alias", "qulacs=emu-qpu-5"],
            {"qulacs": "emu-qpu-5", "kawasaki": "emu-qpu-5"},
            50 * 1024 * 1024,
        ),
        (["--no-default-aliases", "--max-upload-bytes", "2048"], {}, 2048),
    ],
)
def test_cli_passes_aliases_and_upload_limit(
    argv: list[str], aliases: dict[str, str], limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    class FakeServer:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            seen.update(kwargs)

        def serve_forever(self, on_ready: Any = None) -> None:
            pass

    monkeypatch.setattr(server_module, "LocalOqtopus", FakeServer)
    # main() installs a SIGTERM handler and configures logging: keep both out of pytest.
    monkeypatch.setattr(signal, "signal", lambda *args: None)
    monkeypatch.setattr(logging, "basicConfig", lambda **kwargs: None)
    assert cli_main(["serve", "--port", "0", *argv]) == 0
    assert seen["device_aliases"] == aliases
    assert seen["max_upload_bytes"] == limit


def test_file_storage_works_end_to_end_with_our_client(tmp_path: Path) -> None:
    from oqtopus_sdk import OqtopusJobSpec

    srv = LocalOqtopus(data_dir=tmp_path, storage="file")
    # Before start: the storage directory does not exist yet, and the SDK checks it does.
    assert getattr(srv.config(), "local_storage_root", None) in (
        None,
        str(tmp_path.resolve() / "storage"),
    )
    with srv, srv.client() as client:
        spec = OqtopusJobSpec.sampling(device_id="qulacs", program=BELL, shots=10)
        result = client.run_sampling(spec, interval=0.02, timeout=30)
        assert result.status == "succeeded"
        assert sum(result.get_counts().values()) == 10
