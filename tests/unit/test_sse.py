"""SSE helpers: program files, sse_container routing through sse_driver, log shapes."""

from __future__ import annotations

import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest
from fake_api import FakeApi, FakeTime

from oqtopus_sdk import (
    AsyncOqtopusClient,
    OqtopusClient,
    OqtopusConfig,
    OqtopusJobSpec,
    UserApiError,
)
from oqtopus_sdk._sse import normalize_container_response


@pytest.fixture
def container(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    driver = types.ModuleType("sse_driver")

    def submit_job(request: Any, upload_info: Any) -> dict[str, Any]:
        calls.append((request, upload_info, threading.current_thread().name))
        return {
            "job_id": "inner-1",
            "name": "",
            "job_type": request.job_type.value,
            "status": "succeeded",
            "device_id": request.device_id,
            "shots": request.shots,
            "result": {"sampling": {"counts": {"0": 3, "1": 7}}},
            "input": upload_info.to_dict(),
        }

    driver.submit_job = submit_job  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sse_driver", driver)
    monkeypatch.setenv("OQTOPUS_ENV", "sse_container")
    return calls


def spec() -> OqtopusJobSpec:
    return OqtopusJobSpec.sampling(device_id="qulacs", program="OPENQASM 3;", shots=10)


def test_container_mode_routes_run_through_sse_driver_in_a_thread(container: list[Any]) -> None:
    api = FakeApi()
    client = OqtopusClient(OqtopusConfig(base_url=""), transport=api.transport())
    result = client.run_sampling(spec())
    assert result.get_counts() == {"0": 3, "1": 7}
    assert api.requests == []  # no HTTP at all
    request, upload_info, thread = container[0]
    assert request.shots == 10
    assert upload_info.program == ["OPENQASM 3;"]
    assert thread != threading.main_thread().name


async def test_container_mode_async(container: list[Any]) -> None:
    client = AsyncOqtopusClient(OqtopusConfig(base_url=""))
    result = await client.run_job(spec())
    assert result.status == "succeeded"
    await client.close()


def test_container_mode_missing_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_ENV", "sse_container")
    monkeypatch.setitem(sys.modules, "sse_driver", None)
    client = OqtopusClient(OqtopusConfig(base_url=""))
    with pytest.raises(UserApiError) as info:
        client.run_job(spec())
    assert info.value.status_code == 0
    assert info.value.message == "sse_container mode requires 'sse_driver' module."
    assert info.value.payload == {"mode": "sse_container"}


def test_container_mode_driver_failure(
    container: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(request: Any, upload_info: Any) -> None:
        raise RuntimeError("engine unreachable")

    monkeypatch.setattr(sys.modules["sse_driver"], "submit_job", boom)
    client = OqtopusClient(OqtopusConfig(base_url=""))
    with pytest.raises(UserApiError) as info:
        client.run_job(spec())
    assert info.value.status_code == 0
    assert info.value.message == "sse_container execution failed: engine unreachable"
    assert info.value.payload == {"mode": "sse_container", "job_type": "sampling"}
    assert isinstance(info.value.__cause__, RuntimeError)


def test_normalize_moves_job_info_keys() -> None:
    payload = {"job_id": "x", "status": "succeeded", "result": {"a": 1}, "message": "m"}
    assert normalize_container_response(payload) == {
        "job_id": "x",
        "status": "succeeded",
        "job_info": {"result": {"a": 1}, "message": "m"},
    }
    assert normalize_container_response({"job_info": {}, "result": 1}) == {
        "job_info": {},
        "result": 1,
    }

    class Model:
        def model_dump_json(self) -> str:
            return '{"job_id": "y", "input": {"program": []}}'

    assert normalize_container_response(Model()) == {
        "job_id": "y",
        "job_info": {"input": {"program": []}},
    }


def test_run_sse_file_checks_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    api = FakeApi()
    client = OqtopusClient(
        OqtopusConfig(base_url="https://api.test", api_token="id.secret"), transport=api.transport()
    )
    with pytest.raises(ValueError, match="does not exist"):
        client.run_sse_file(file_path=tmp_path / "none.py", device_id="d")
    (tmp_path / "prog.txt").write_text("x")
    with pytest.raises(ValueError, match=r"\.py"):
        client.run_sse_file(file_path=tmp_path / "prog.txt", device_id="d")
    (tmp_path / "big.py").write_text("x" * 100)
    with pytest.raises(ValueError, match="larger"):
        client.run_sse_file(file_path=tmp_path / "big.py", device_id="d", max_file_size=10)
    (tmp_path / "bad.py").write_bytes(b"\xff\xfe")
    with pytest.raises(ValueError, match="UTF-8"):
        client.run_sse_file(file_path=tmp_path / "bad.py", device_id="d")
    assert api.requests == []


def test_run_sse_file_uploads_plain_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from fake_api import unzip_one, zip_one

    monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    api = FakeApi()
    api.default_script = ["running", "succeeded"]
    clock = FakeTime()
    client = OqtopusClient(
        OqtopusConfig(base_url="https://api.test", api_token="id.secret"),
        transport=api.transport(),
        sleep=clock.sleep,
        clock=clock.clock,
    )
    program = tmp_path / "user.py"
    program.write_text("print('hi')\n")
    api.hooks.append(lambda r: None)
    original = api.job_record

    def with_log(job: Any) -> dict[str, Any]:
        job.extra_archives["sse_log"] = zip_one("sse_runtime.log", "hi\n")
        return original(job)

    api.job_record = with_log  # type: ignore[method-assign]
    result = client.run_sse_file(file_path=program, device_id="qulacs")
    assert json.loads(unzip_one(api.jobs["job-1"].input_zip or b"")[1]) == {
        "sse_program": "print('hi')\n"
    }
    assert api.jobs["job-1"].body["shots"] == 1  # type: ignore[index]
    assert "hi" in result.read_log_text()
