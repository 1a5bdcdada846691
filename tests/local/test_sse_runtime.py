"""SSE programs run as in the live SSE container: environment, sse_driver, failures, hiding."""

from __future__ import annotations

import json
import os
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.local.emulator import (
    SSE_MESSAGE_CHARS,
    SSE_RUNTIME_DIR,
    Principal,
    sse_failure_message,
    token_expiration,
)
from oqtopus_sdk.local.ids import iso, utcnow, uuid7
from oqtopus_sdk.local.sse_runtime import sse_driver
from oqtopus_sdk.local.store import JobRecord

from .helpers import BELL, download, download_json, submit_job, wait

X0 = 'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; x q[0]; c = measure q;'
CONTAINER_ENV = {
    "OQTOPUS_ENV",
    "PYTHONPATH",
    "JOB_JSON",
    "OUT_PATH",
    "PATH",
    "LANG",
    "PYTHONUNBUFFERED",
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "TMPDIR",
    sse_driver.URL_ENV,
    sse_driver.TOKEN_ENV,
}


def _client(srv: LocalOqtopus) -> httpx.Client:
    return httpx.Client(base_url=srv.base_url, headers={"q-api-token": srv.api_token}, timeout=30)


def _run_sse(api: httpx.Client, program: str, device_id: str = "SVSim") -> dict[str, Any]:
    return wait(
        api, submit_job(api, {"sse_program": textwrap.dedent(program)}, job_type="sse",
                        device_id=device_id, shots=1)
    )  # fmt: skip


def _log(job: dict[str, Any]) -> str:
    return download(job["job_info"]["sse_log"])[1].decode()


def test_program_sees_only_the_container_environment(
    api: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OQTOPUS_LOCAL_TEST_SENTINEL", "leaked-sentinel-value")
    job = _run_sse(
        api,
        """
        import json, os
        import oqtopus_api, oqtopus_sdk, sse_driver
        print("ENV=" + json.dumps(dict(os.environ)))
        """,
    )
    assert job["status"] == "succeeded", job
    log = _log(job)
    assert "leaked-sentinel-value" not in log
    env = json.loads(log.split("ENV=", 1)[1].splitlines()[0])
    # Python may add LC_CTYPE itself when it coerces a C locale.
    assert set(env) - {"LC_CTYPE"} == CONTAINER_ENV
    assert env["OQTOPUS_ENV"] == "sse_container"
    assert env["PYTHONPATH"].split(":")[0] == str(SSE_RUNTIME_DIR)
    assert json.loads(env["JOB_JSON"])["job_id"] == job["job_id"]
    assert json.loads(env["JOB_JSON"])["device_id"] == "SVSim"
    scratch = Path(env["HOME"]).parent
    assert Path(env["XDG_CONFIG_HOME"]).is_relative_to(scratch)
    assert Path(env["OUT_PATH"]).is_relative_to(scratch)
    assert env["HOME"] != str(Path.home())
    assert not scratch.exists()  # the run's directory is removed afterwards


def test_user_config_file_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: LocalOqtopus
) -> None:
    """Security: a program must not reach another service with the user's configured token.

    Before the fix the program inherited HOME and not OQTOPUS_ENV, so the documented
    ``OqtopusClient(OqtopusConfig.from_file())`` read ``~/.config/oqtopus/config.ini`` and
    sent the job, with the user's token, to the service named there.
    """
    with LocalOqtopus() as elsewhere:
        home = tmp_path / "home"
        ini = f"[default]\nurl = {elsewhere.base_url}\napi_token = {elsewhere.api_token}\n"
        (home / ".config" / "oqtopus").mkdir(parents=True)
        (home / ".config" / "oqtopus" / "config.ini").write_text(ini)
        (home / ".oqtopus").write_text(ini)  # quri-parts-oqtopus' default path
        monkeypatch.setenv("HOME", str(home))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        with _client(server) as api:
            job = _run_sse(
                api,
                f"""
                import os
                from oqtopus_sdk import OqtopusClient, OqtopusConfig, OqtopusJobSpec

                with OqtopusClient(OqtopusConfig.from_file()) as client:
                    result = client.run_sampling(
                        OqtopusJobSpec.sampling(device_id="sse", program={X0!r}, shots=50)
                    )
                print("counts", result.get_counts())
                print("user config visible:", os.path.exists(os.path.expanduser(
                    "~/.config/oqtopus/config.ini")))
                os.environ.pop("OQTOPUS_ENV")  # even outside container mode
                try:
                    OqtopusConfig.from_file()
                    print("READ THE USER CONFIG")
                except ValueError:
                    print("no config file")
                """,
            )
        assert job["status"] == "succeeded", job
        log = _log(job)
        assert "counts {'01': 50}" in log
        assert "user config visible: False" in log
        assert "no config file" in log
        assert str(home) not in log
        assert (
            httpx.get(
                f"{elsewhere.base_url}/jobs", headers={"q-api-token": elsewhere.api_token}
            ).json()
            == []
        )


def test_documented_live_style_runs_with_our_sdk(api: httpx.Client) -> None:
    job = _run_sse(
        api,
        f"""
        from oqtopus_sdk import OqtopusClient, OqtopusConfig, OqtopusJobSpec

        client = OqtopusClient(OqtopusConfig(base_url=""))
        first = client.run_sampling(OqtopusJobSpec.sampling(device_id="", program={BELL!r},
                                                            shots=100))
        print("first", sum(first.get_counts().values()))
        second = OqtopusClient().run_sampling(
            OqtopusJobSpec.sampling(device_id="sse", program={X0!r}, shots=30)
        )
        print("second", second.get_counts())
        """,
        device_id="emu-qpu-5",
    )
    assert job["status"] == "succeeded", job
    log = _log(job)
    assert "first 100" in log
    assert "second {'01': 30}" in log
    # The last inner job's result and transpile result become the parent's.
    assert download_json(job["job_info"]["result"])["sampling"]["counts"] == {"01": 30}
    after = download_json(job["job_info"]["transpile_result"])["stats"]["after"]
    assert after["n_qubits"] == 5  # transpiled for emu-qpu-5, the SSE job's own device


def test_reference_client_inside_an_sse_program(api: httpx.Client) -> None:
    pytest.importorskip("oqtopus_client")
    job = _run_sse(
        api,
        f"""
        from oqtopus_client import (OqtopusClient, OqtopusConfig, OqtopusEstimationOperator,
                                    OqtopusJobSpec)

        client = OqtopusClient(OqtopusConfig(url=""))
        counts = client.run_sampling(
            OqtopusJobSpec.sampling(device_id="", program={BELL!r}, shots=40)
        ).get_counts()
        print("sampled", sum(counts.values()))
        op = [OqtopusEstimationOperator(pauli="Z 0 Z 1", coeff=2.0)]
        est = client.run_estimation(OqtopusJobSpec.estimation(
            device_id="qulacs", program={BELL!r}, shots=100, operator=op))
        print("exp", round(est.get_exp_value(), 3))
        """,
    )
    assert job["status"] == "succeeded", job
    log = _log(job)
    assert "sampled 40" in log
    assert "exp 2.0" in log
    assert download_json(job["job_info"]["result"])["estimation"]["exp_value"] == pytest.approx(2)


def test_failed_program_reports_its_traceback(api: httpx.Client) -> None:
    job = _run_sse(
        api,
        """
        print("working")

        def even(n):
            if n == 0:
                raise ValueError("the QAOA angles are bad")
            odd(n - 1)

        def odd(n):  # alternating frames: Python cannot fold them into "repeated" lines
            even(n - 1)

        even(40)
        """,
    )
    assert job["status"] == "failed"
    message = job["job_info"]["message"]
    assert message.startswith("user program execution error: Traceback (most recent call last):")
    assert message.endswith("ValueError: the QAOA angles are bad")
    assert "  ..." in message  # 40 frames: only the end is kept
    assert len(message) <= len("user program execution error: ") + SSE_MESSAGE_CHARS
    assert set(job["job_info"]) == {"input", "message"}


def test_failed_inner_job_fails_the_program_with_the_job_message(api: httpx.Client) -> None:
    job = _run_sse(
        api,
        """
        import sse_driver
        sse_driver.submit_job({"device_id": "sse", "job_type": "sampling", "shots": 10},
                              {"program": ["OPENQASM 3; qubit[1] q; bogus q[0];"]})
        """,
    )
    assert job["status"] == "failed"
    message = job["job_info"]["message"]
    assert "SseDriverError: inner sampling job failed: failed to parse program 0" in message


def test_inner_jobs_are_hidden_and_deleted_with_the_parent() -> None:
    with LocalOqtopus() as srv, _client(srv) as api:
        program = f"""
        import sse_driver
        for _ in range(2):
            job = sse_driver.submit_job({{"device_id": "sse", "job_type": "sampling",
                                         "shots": 5}}, {{"program": [{X0!r}]}})
        print(job["job_id"])
        """
        job = _run_sse(api, program)
        assert job["status"] == "succeeded", job
        assert srv.emulator is not None
        store = srv.emulator.store
        inner = store.ids_where(lambda r: r.sse_parent == job["job_id"])
        assert len(inner) == 2
        # The driver hands back the parent's job id, like the live driver does.
        assert _log(job).strip() == job["job_id"]
        assert [j["job_id"] for j in api.get("/jobs").json()] == [job["job_id"]]
        assert api.get(f"/jobs/{inner[0]}").status_code == 404
        assert api.get(f"/jobs/{inner[0]}/status").status_code == 404
        assert api.delete(f"/jobs/{job['job_id']}").status_code == 200
        assert store.ids_where(lambda r: True) == []


# ----- the driver called in-process, against a parent job set up by hand ---------------


@pytest.fixture
def parent(
    server: LocalOqtopus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[JobRecord]:
    """A running SSE job on emu-qpu-5 and the driver environment of its run."""
    emu = server.emulator
    assert emu is not None
    now = iso(utcnow())
    rec = JobRecord(
        job_id=uuid7(), owner="local-user", seq=emu.store.next_seq(), created_at=now,
        status="running", job_type="sse", device_id="emu-qpu-5", shots=1,
        submitted_at=now, ready_at=now, running_at=now,
    )  # fmt: skip
    emu.store.add(rec)
    token = f"sse-test-{rec.job_id[-8:]}.secret"
    emu._tokens[token] = (
        Principal("local-user", sse_parent=rec.job_id),
        token_expiration(utcnow()),
    )
    monkeypatch.setenv(sse_driver.URL_ENV, server.base_url)
    monkeypatch.setenv(sse_driver.TOKEN_ENV, token)
    monkeypatch.setenv("JOB_JSON", json.dumps({"job_id": rec.job_id}))
    monkeypatch.setenv("OUT_PATH", str(tmp_path / "out"))
    yield rec
    emu._tokens.pop(token, None)


def test_driver_returns_the_job_inline_and_uses_the_sse_device(
    parent: JobRecord, server: LocalOqtopus, tmp_path: Path
) -> None:
    from oqtopus_api.models import JobsS3SubmitJobInfo, JobsSubmitJobRequest

    request = JobsSubmitJobRequest.from_dict(
        {"device_id": "", "job_type": "sampling", "shots": 20, "transpiler_info": {}}
    )
    job = sse_driver.submit_job(request, JobsS3SubmitJobInfo.from_dict({"program": [X0]}))
    assert job["job_id"] == parent.job_id
    assert job["status"] == "succeeded"
    info = job["job_info"]
    assert info["input"] == {"program": [X0]}
    assert info["result"]["sampling"]["counts"] == {"01": 20}
    assert info["transpile_result"]["stats"]["after"]["n_qubits"] == 5
    assert job["submitted_at"] == job["ready_at"] == job["running_at"] <= job["ended_at"]
    assert json.loads((tmp_path / "out" / "result.json").read_text()) == job
    assert server.emulator is not None
    inner = server.emulator.store.ids_where(lambda r: r.sse_parent == parent.job_id)
    stored = server.emulator.store.get(inner[-1])
    assert stored is not None
    assert stored.device_id == "emu-qpu-5"


def test_driver_accepts_pydantic_models(parent: JobRecord) -> None:
    models = pytest.importorskip("oqtopus_client.rest.models")
    request = models.JobsSubmitJobRequest.model_validate(
        {"device_id": "sse", "job_type": "multi_manual", "shots": 10}
    )
    upload = models.JobsS3SubmitJobInfo.model_validate({"program": [X0, X0]})
    job = sse_driver.submit_job(request, upload)
    assert job["job_info"]["result"]["sampling"]["divided_counts"] == {
        "0": {"01": 10},
        "1": {"01": 10},
    }
    assert job["job_info"]["combined_program"].startswith("OPENQASM 3")


@pytest.mark.parametrize(
    ("request_body", "fragment"),
    [
        ({"device_id": "sse", "job_type": "sampling", "shots": 0}, "shots: Input should be"),
        ({"device_id": "sse", "job_type": "sse", "shots": 1}, "cannot submit SSE jobs"),
        ({"device_id": "nope", "job_type": "sampling", "shots": 1}, "device nope not found"),
        ({"device_id": "emu-qpu-offline", "job_type": "sampling", "shots": 1}, "not available"),
    ],
)
def test_driver_reports_refused_jobs(
    parent: JobRecord, request_body: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(sse_driver.SseDriverError, match=fragment):
        sse_driver.submit_job(request_body, {"program": [X0]})


def test_driver_rejects_other_inputs_and_other_places(
    parent: JobRecord, monkeypatch: pytest.MonkeyPatch, server: LocalOqtopus
) -> None:
    with pytest.raises(TypeError, match="request must be a dict, an attrs model"):
        sse_driver.submit_job(["not", "a", "request"], {"program": [X0]})
    run_token = {"q-api-token": os.environ[sse_driver.TOKEN_ENV]}
    # The per-run token is no API token: the public API refuses it ...
    assert httpx.get(f"{server.base_url}/jobs", headers=run_token).status_code == 401
    # ... and the user's API token cannot create inner jobs.
    user = {"q-api-token": server.api_token}
    r = httpx.post(f"{server.base_url}/_local/sse/jobs", headers=user, json={})
    assert r.status_code == 401
    monkeypatch.delenv(sse_driver.URL_ENV)
    with pytest.raises(sse_driver.SseDriverError, match="only works inside an SSE job"):
        sse_driver.submit_job({"device_id": "sse", "job_type": "sampling", "shots": 1}, {})


def test_failure_message_shapes() -> None:
    assert sse_failure_message("", 1) == "user program execution error: exit status 1"
    text = "line\n" * 50 + "Traceback (most recent call last):\n  File x\nKeyError: 'k'\n"
    assert sse_failure_message(text, 1) == (
        "user program execution error: Traceback (most recent call last):\n  File x\nKeyError: 'k'"
    )
    huge = sse_failure_message("x" * 10_000, 2)
    assert len(huge) == len("user program execution error: ") + SSE_MESSAGE_CHARS
    assert huge.endswith("xxx")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's reaping is left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_cancelling_an_sse_job_stops_its_processes_and_inner_jobs(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    with LocalOqtopus() as srv, _client(srv) as api:
        srv.faults.configure(exec_latency=30)
        job_id = submit_job(
            api,
            {
                "sse_program": textwrap.dedent(
                    f"""
                    import pathlib, subprocess, sys, sse_driver
                    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
                    pathlib.Path({str(pid_file)!r}).write_text(str(child.pid))
                    sse_driver.submit_job({{"device_id": "sse", "job_type": "sampling",
                                           "shots": 1}}, {{"program": [{X0!r}]}})
                    """
                )
            },
            job_type="sse",
            shots=1,
        )
        assert srv.emulator is not None
        store = srv.emulator.store
        deadline = time.monotonic() + 20
        while not store.ids_where(lambda r: r.sse_parent == job_id and r.status == "running"):
            assert time.monotonic() < deadline
            time.sleep(0.02)
        child = int(pid_file.read_text())
        assert _alive(child)
        assert api.post(f"/jobs/{job_id}/cancel").status_code == 200
        while _alive(child) or store.ids_where(
            lambda r: r.sse_parent == job_id and r.status != "cancelled"
        ):
            assert time.monotonic() < deadline, "child process or inner job still running"
            time.sleep(0.02)
        assert api.get(f"/jobs/{job_id}/status").json()["status"] == "cancelled"
