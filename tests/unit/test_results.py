"""Result wrappers: typing by job type, accessors, timing, save/load and SSE logs."""

from __future__ import annotations

import asyncio
import datetime
import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from oqtopus_api.models import JobsJob, JobsJobStatus, JobsJobType
from oqtopus_sdk.results import (
    RESULT_SCHEMA_VERSION,
    JobInfoView,
    OqtopusEstimationJobResult,
    OqtopusJobFailedWarning,
    OqtopusJobResult,
    OqtopusMultiManualJobResult,
    OqtopusSamplingJobResult,
    OqtopusSseJobResult,
    SamplingResultView,
    TranspileResultView,
    log_fetcher_of,
    result_class_for,
)
from oqtopus_sdk.results import wrap_job as _wrap_job

QASM = "OPENQASM 3; qubit[2] q; bit[2] c; c = measure q;"
TRANSPILE = {
    "transpiled_program": "OPENQASM 3; // transpiled",
    "stats": {"before": {"n_qubits": 2}, "after": {"n_qubits": 2}},
    "virtual_physical_mapping": {"qubit_mapping": {"0": 1, "1": 0}},
}


def wrap_job(job: Mapping[str, Any], resolved: Mapping[str, Any], *, client: Any = None) -> Any:
    """wrap_job typed loosely, so tests can call subclass methods on its result."""
    return _wrap_job(job, resolved, log_fetcher=log_fetcher_of(client))


def record(job_type: str | None = "sampling", **overrides: Any) -> dict[str, Any]:
    job: dict[str, Any] = {
        "job_id": "069b1464-c124-79b3-8000-fb41f3dfdc50",
        "name": "bell",
        "description": "",
        "job_type": job_type,
        "status": "succeeded",
        "device_id": "qulacs",
        "shots": 1000,
        "job_info": {
            "input": "https://s3.example/j/input.zip?X-Amz-Signature=abc",
            "result": "https://s3.example/j/result.zip?X-Amz-Signature=abc",
            "transpile_result": "https://s3.example/j/transpile_result.zip?sig=1",
        },
        "transpiler_info": {"transpiler_lib": "qiskit"},
        "simulator_info": {},
        "mitigation_info": {},
        "execution_time": 0.25,
        "submitted_at": "2026-03-01T10:00:00Z",
        "ready_at": "2026-03-01T10:00:01Z",
        "running_at": "2026-03-01T10:00:02.500000Z",
        "ended_at": "2026-03-01T10:00:03Z",
    }
    job.update(overrides)
    return {key: value for key, value in job.items() if value is not None}


def archives(job_type: str) -> dict[str, Any]:
    if job_type == "sampling":
        return {
            "input": {"program": [QASM]},
            "result": {"sampling": {"counts": {"00": 493, "11": 507}, "divided_counts": None}},
            "transpile_result": TRANSPILE,
        }
    if job_type == "multi_manual":
        return {
            "input": {"program": [QASM, QASM]},
            "combined_program": "OPENQASM 3; // combined",
            "result": {
                "sampling": {
                    "counts": {"0100": 250, "0001": 750},
                    "divided_counts": {"0": {"00": 250, "01": 750}, "1": {"01": 250, "00": 750}},
                },
                "estimation": None,
            },
            "transpile_result": TRANSPILE,
        }
    if job_type == "estimation":
        return {
            "input": {"program": [QASM], "operator": [{"pauli": "Z 0 Z 1", "coeff": 1.0}]},
            "result": {"sampling": None, "estimation": {"exp_value": 1.49, "stds": 0.02}},
        }
    return {
        "input": {"sse_program": "print('hi')"},
        "result": {"sampling": {"counts": {"1": 10}}},
    }


def wrapped(job_type: str = "sampling", **overrides: Any) -> Any:
    return wrap_job(record(job_type, **overrides), archives(job_type))


def zip_bytes(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return buffer.getvalue()


# --- typing by job type ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("job_type", "cls"),
    [
        ("sampling", OqtopusSamplingJobResult),
        ("estimation", OqtopusEstimationJobResult),
        ("multi_manual", OqtopusMultiManualJobResult),
        ("sse", OqtopusSseJobResult),
    ],
)
def test_wrap_job_picks_class(job_type: str, cls: type[OqtopusJobResult]) -> None:
    result = wrapped(job_type)
    assert type(result) is cls
    assert result.job_type == JobsJobType(job_type)
    assert isinstance(result.job_type, JobsJobType)
    assert result_class_for(JobsJobType(job_type)) is cls


def test_unknown_job_type_gives_base_and_keeps_value() -> None:
    result = wrap_job(record("annealing"), {})
    assert type(result) is OqtopusJobResult
    assert result.job_type == "annealing"
    assert not result.is_sampling()
    assert not result.is_sse()


def test_registered_job_gives_base_result() -> None:
    result = wrap_job({"job_id": "j1", "status": "registered"}, {})
    assert type(result) is OqtopusJobResult
    assert result.status == JobsJobStatus.REGISTERED
    assert result.job_type is None
    assert result.job_info is None
    assert not result.is_terminal
    assert "registered" in str(result)


def test_unknown_status_kept_as_str() -> None:
    result = wrapped(status="paused")
    assert result.status == "paused"
    assert not isinstance(result.status, JobsJobStatus)
    assert result.status_enum is None
    assert not result.is_terminal
    assert "paused" in str(result)
    assert "paused" in repr(result)


@pytest.mark.parametrize(
    ("status", "terminal"),
    [("succeeded", True), ("failed", True), ("cancelled", True), ("running", False)],
)
def test_is_terminal(status: str, terminal: bool) -> None:
    result = wrapped(status=status)
    assert result.is_terminal is terminal
    assert result.status_enum == JobsJobStatus(status)


def test_wrap_job_errors() -> None:
    with pytest.raises(TypeError, match="job must be a JSON object"):
        wrap_job([], {})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="resolved must be a mapping"):
        wrap_job({"job_id": "j"}, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no job_id: None"):
        wrap_job({"status": "succeeded"}, {})


def test_wrap_job_ignores_urls_and_keeps_sse_log_url() -> None:
    job = record("sse")
    job["job_info"]["sse_log"] = "https://s3.example/j/sse_log.zip?sig=2"
    job["job_info"]["message"] = "done"
    resolved = {**archives("sse"), "sse_log": job["job_info"]["sse_log"], "message": "ignored"}
    result = wrap_job(job, resolved)
    info = result.job_info
    assert info is not None
    assert info.sse_log == "https://s3.example/j/sse_log.zip?sig=2"
    assert info["message"] == "done"
    assert result.message == "done"
    assert info.input == {"sse_program": "print('hi')"}


def test_sse_container_inline_job_info() -> None:
    # sse_container: job_info holds content, passed both in the record and as resolved
    inline = archives("sampling")
    job = record("sampling", job_info={**inline, "message": "ok"})
    result = wrap_job(job, dict(job["job_info"]))
    assert result.get_counts() == {"00": 493, "11": 507}
    assert result.message == "ok"
    assert result.raw["job_info"] == {"message": "ok"}


# --- reference constructor and from_raw ------------------------------------------------------


def test_constructor_reference_style() -> None:
    result = OqtopusSamplingJobResult(
        job_id="j",
        job_type=JobsJobType.SAMPLING,
        status="succeeded",
        name="n",
        device_id="d",
        shots=10,
        job_info={"result": {"sampling": {"counts": {"1": 10}}}, "message": "m"},
        transpile_result=TRANSPILE,
        submitted_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        ended_at=datetime.datetime(2026, 1, 1, 0, 0, 5, tzinfo=datetime.UTC),
    )
    assert result.get_counts() == {"1": 10}
    assert result.message == "m"
    assert result.transpile_result is not None
    assert result.transpile_result.transpiled_program == TRANSPILE["transpiled_program"]
    assert result.turnaround == datetime.timedelta(seconds=5)
    assert result.description is None


@pytest.mark.parametrize(
    ("field", "value", "pattern"),
    [
        ("job_type", "annealing", "Invalid job_type: 'annealing'"),
        ("status", "paused", "Invalid status: 'paused'"),
    ],
)
def test_constructor_rejects_unknown_values(field: str, value: str, pattern: str) -> None:
    kwargs: dict[str, Any] = {
        "job_id": "j",
        "job_type": "sampling",
        "status": "succeeded",
        "name": "n",
        "device_id": "d",
        "shots": 1,
        "job_info": {},
    }
    kwargs[field] = value
    with pytest.raises(ValueError, match=pattern):
        OqtopusJobResult(**kwargs)


def test_from_raw_generated_model() -> None:
    model = JobsJob.from_dict(record("estimation"))
    result = OqtopusEstimationJobResult.from_raw(model)
    assert type(result) is OqtopusEstimationJobResult
    assert result.job_id == "069b1464-c124-79b3-8000-fb41f3dfdc50"
    assert result.submitted_at == datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)
    assert result.exp_value is None  # archives not resolved: URLs only
    info = result.job_info
    assert info is not None
    assert str(info.result).startswith("https://")


def test_from_raw_missing_fields() -> None:
    with pytest.raises(ValueError, match="missing required fields: name, device_id"):
        OqtopusJobResult.from_raw(
            JobsJob.from_dict(
                {
                    "job_id": "j",
                    "status": "succeeded",
                    "job_type": "sampling",
                    "shots": 1,
                    "job_info": {},
                }
            )
        )


# --- accessors -------------------------------------------------------------------------------


def test_metadata_accessors() -> None:
    result = wrapped()
    assert result.name == "bell"
    assert result.description == ""
    assert result.device_id == "qulacs"
    assert result.shots == 1000
    assert result.execution_time == 0.25
    assert result.transpiler_info == {"transpiler_lib": "qiskit"}
    assert result.simulator_info == {}
    assert result.mitigation_info == {}
    assert result.is_sampling()


def test_returned_values_are_copies() -> None:
    result = wrapped()
    result.get_counts()["00"] = 0
    info = result.transpiler_info
    assert info is not None
    info["transpiler_lib"] = None
    sampling = result.sampling
    assert sampling is not None
    sampling.counts["11"] = 0
    assert result.get_counts() == {"00": 493, "11": 507}
    assert result.transpiler_info == {"transpiler_lib": "qiskit"}


def test_sampling_counts() -> None:
    result = wrapped()
    assert result.get_counts() == {"00": 493, "11": 507}
    assert result.counts_with_integer_keys() == {"counts": {0: 493, 3: 507}, "divided_counts": {}}
    sampling = result.sampling
    assert isinstance(sampling, SamplingResultView)
    assert sampling.counts == {"00": 493, "11": 507}
    assert sampling["counts"] == {"00": 493, "11": 507}
    assert sampling.divided_counts is None
    assert sampling == {"counts": {"00": 493, "11": 507}, "divided_counts": None}
    assert result.estimation is None


def test_sampling_without_result() -> None:
    result = wrap_job(record("sampling", status="failed"), {"input": {"program": [QASM]}})
    with pytest.warns(OqtopusJobFailedWarning, match="status is 'failed'"):
        assert result.get_counts() == {}
    assert result.sampling is None
    assert result.counts_with_integer_keys() == {"counts": {}, "divided_counts": {}}  # once


def test_colliding_counts_raise() -> None:
    result = wrap_job(record(), {"result": {"sampling": {"counts": {"01": 1, "0b01": 2}}}})
    with pytest.raises(ValueError, match="'01' and '0b01'"):
        result.counts_with_integer_keys()


def test_multi_manual_divided_counts() -> None:
    result = wrapped("multi_manual")
    assert result.get_divided_counts() == {"0": {0: 250, 1: 750}, "1": {1: 250, 0: 750}}
    converted = result.counts_with_integer_keys()
    assert converted["divided_counts"] == {0: {0: 250, 1: 750}, 1: {1: 250, 0: 750}}
    assert converted["counts"] == {4: 250, 1: 750}
    assert result.combined_program == "OPENQASM 3; // combined"
    assert "circuit 1" in str(result)


def test_estimation_values() -> None:
    result = wrapped("estimation")
    assert result.get_exp_value() == 1.49
    assert result.exp_value == 1.49
    assert result.get_stds() == 0.02
    assert result.stds == 0.02
    estimation = result.estimation
    assert estimation is not None
    assert estimation.exp_value == 1.49
    assert "exp_value: 1.49 ± 0.02" in str(result)


def test_estimation_missing_or_bad_values() -> None:
    result = wrap_job(record("estimation"), {"result": {"estimation": {"exp_value": True}}})
    assert result.exp_value is None
    assert result.stds is None


def test_transpile_result_view() -> None:
    result = wrapped()
    view = result.transpile_result
    assert isinstance(view, TranspileResultView)
    assert view.transpiled_program == "OPENQASM 3; // transpiled"
    assert view.stats == TRANSPILE["stats"]
    assert view["virtual_physical_mapping"] == TRANSPILE["virtual_physical_mapping"]
    assert view.to_dict() == TRANSPILE
    assert wrapped("estimation").transpile_result is None


def test_job_info_view() -> None:
    result = wrapped("estimation")
    info = result.job_info
    assert isinstance(info, JobInfoView)
    assert info.input_ == info.input
    assert info.input.operator == [{"pauli": "Z 0 Z 1", "coeff": 1.0}]
    assert info.result.estimation.stds == 0.02
    assert info.message is None
    legacy = info.to_dict()
    assert legacy["program"] == [QASM]
    assert legacy["operator"] == [{"pauli": "Z 0 Z 1", "coeff": 1.0}]
    assert legacy["message"] is None
    assert result.input is not None
    assert result.input.program == [QASM]
    with pytest.raises(AttributeError, match="no field 'nope'"):
        _ = info.nope


# --- timing ----------------------------------------------------------------------------------


def test_timing_properties() -> None:
    result = wrapped()
    assert result.queued_for == datetime.timedelta(seconds=2.5)
    assert result.ran_for == datetime.timedelta(seconds=0.5)
    assert result.turnaround == datetime.timedelta(seconds=3)
    assert result.ready_at == datetime.datetime(2026, 3, 1, 10, 0, 1, tzinfo=datetime.UTC)
    text = str(result)
    assert "queued 2.500 s" in text
    assert "ran 0.500 s" in text
    assert "turnaround 3.000 s" in text


def test_timing_missing_and_failed_before_running() -> None:
    result = wrapped(running_at=None, execution_time=None, status="failed")
    assert result.queued_for is None
    assert result.ran_for is None
    assert result.turnaround == datetime.timedelta(seconds=3)
    assert result.execution_time is None


def test_naive_timestamp_read_as_utc_and_bad_one_ignored() -> None:
    result = wrapped(submitted_at="2026-03-01T10:00:00", ended_at="yesterday-ish")
    assert result.submitted_at == datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC)
    assert result.ended_at is None
    assert result.turnaround is None
    assert result.raw["ended_at"] == "yesterday-ish"  # kept as received


def test_offset_timestamps() -> None:
    result = wrapped(submitted_at="2026-03-01T19:00:00+09:00")
    assert result.queued_for == datetime.timedelta(seconds=2.5)


# --- save / load -----------------------------------------------------------------------------


@pytest.mark.parametrize("job_type", ["sampling", "estimation", "multi_manual", "sse"])
def test_save_load_round_trip(tmp_path: Path, job_type: str) -> None:
    original = wrapped(job_type)
    path = original.save(tmp_path / f"{job_type}.json")
    loaded: Any = OqtopusJobResult.load(path)
    assert type(loaded) is type(original)
    assert loaded == original
    assert loaded.to_dict() == original.to_dict()
    assert loaded.job_info == original.job_info
    assert loaded.submitted_at == original.submitted_at
    if job_type in ("sampling", "multi_manual"):
        assert loaded.get_counts() == original.get_counts()
    if job_type == "estimation":
        assert loaded.exp_value == 1.49
    document = json.loads(path.read_text())
    assert document["schema_version"] == RESULT_SCHEMA_VERSION
    assert document["bit_order"] == "classical bit 0 is the rightmost character"
    assert document["job"]["job_id"] == original.job_id
    assert "saved_at" in document


def test_to_dict_from_dict_lossless_with_extras() -> None:
    job = record("sampling", extra_server_field={"x": [1, 2]}, status="paused")
    original = wrap_job(job, archives("sampling"))
    again = OqtopusJobResult.from_dict(json.loads(json.dumps(original.to_dict())))
    assert again == original
    assert again.raw["extra_server_field"] == {"x": [1, 2]}
    assert again.status == "paused"


def test_from_dict_on_subclass_uses_it() -> None:
    document = wrapped("sse").to_dict()
    assert type(OqtopusSamplingJobResult.from_dict(document)) is OqtopusSamplingJobResult


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        ({"schema": "other"}, "not an oqtopus-sdk job result document"),
        ({"schema_version": RESULT_SCHEMA_VERSION + 1}, "newer oqtopus-sdk"),
        ({"schema_version": "1"}, "schema_version must be a positive int"),
        ({"bit_order": "leftmost"}, "bit_order must be"),
        ({"job": []}, "job must be a JSON object"),
        ({"archives": "x"}, "archives must be a JSON object"),
        ({"sse_log_zip_base64": "***"}, "not valid base64"),
    ],
)
def test_from_dict_rejects(change: dict[str, Any], pattern: str) -> None:
    document = {**wrapped().to_dict(), **change}
    with pytest.raises(ValueError, match=pattern):
        OqtopusJobResult.from_dict(document)


def test_load_errors_name_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    with pytest.raises(ValueError, match=r"bad\.json is not a JSON result file"):
        OqtopusJobResult.load(bad)
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}')
    with pytest.raises(ValueError, match=r"other\.json: not an oqtopus-sdk job result"):
        OqtopusJobResult.load(other)
    with pytest.raises(FileNotFoundError):
        OqtopusJobResult.load(tmp_path / "missing.json")


def test_save_refuses_overwrite_when_asked(tmp_path: Path) -> None:
    path = wrapped().save(tmp_path / "r.json")
    with pytest.raises(ValueError, match="already exists"):
        wrapped().save(path, overwrite=False)
    wrapped("estimation").save(path)
    assert type(OqtopusJobResult.load(path)) is OqtopusEstimationJobResult
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temp files left


def test_equality() -> None:
    assert wrapped() == wrapped()
    assert wrapped() != wrapped(status="failed")
    assert wrapped() != wrapped("sse")
    assert wrapped() != "not a result"


# --- str / repr ------------------------------------------------------------------------------


def test_str_and_repr() -> None:
    text = str(wrapped(job_info={"message": "all good"}))
    assert text.startswith("sampling job 069b1464-c124-79b3-8000-fb41f3dfdc50 'bell'")
    assert "status: succeeded (on qulacs, 1000 shots)" in text
    assert "message: all good" in text
    assert "counts: {11: 507, 00: 493}" in text
    assert repr(wrapped()) == (
        "OqtopusSamplingJobResult(job_id='069b1464-c124-79b3-8000-fb41f3dfdc50', "
        "job_type='sampling', status='succeeded')"
    )


def test_str_truncates_many_counts() -> None:
    counts = {format(i, "04b"): i + 1 for i in range(16)}
    result = wrap_job(record(), {"result": {"sampling": {"counts": counts}}})
    assert "... 8 more" in str(result)


# --- SSE -------------------------------------------------------------------------------------


class SyncClient:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.calls: list[str] = []

    def _fetch_sse_log_bytes(self, job_id: str) -> bytes:
        self.calls.append(job_id)
        return self.data


class AsyncClient:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.calls: list[str] = []

    async def _fetch_sse_log_bytes(self, job_id: str) -> bytes:
        self.calls.append(job_id)
        return self.data


LOG_ZIP = zip_bytes({"sse_runtime.log": "hello from the container\n"})


def sse_result(client: Any = None, inner: str = "sampling") -> OqtopusSseJobResult:
    result = wrap_job(record("sse"), {"result": archives(inner)["result"]}, client=client)
    assert isinstance(result, OqtopusSseJobResult)
    return result


@pytest.mark.parametrize(
    ("inner", "cls"),
    [
        ("sampling", OqtopusSamplingJobResult),
        ("multi_manual", OqtopusMultiManualJobResult),
        ("estimation", OqtopusEstimationJobResult),
    ],
)
def test_sse_get_job_result(inner: str, cls: type[OqtopusJobResult]) -> None:
    client = SyncClient(LOG_ZIP)
    inner_result = sse_result(client, inner).get_job_result()
    assert type(inner_result) is cls
    assert inner_result.is_sse()
    assert inner_result._log_fetcher == client._fetch_sse_log_bytes


def test_sse_get_job_result_without_payload() -> None:
    result = wrap_job(record("sse", status="failed"), {})
    assert isinstance(result, OqtopusSseJobResult)
    assert type(result.get_job_result()) is OqtopusJobResult


def test_sse_str_shows_inner_result() -> None:
    assert "counts: {11: 507, 00: 493}" in str(sse_result())


def test_download_log_bytes_and_cache() -> None:
    client = SyncClient(LOG_ZIP)
    result = sse_result(client)
    assert result.download_log() == LOG_ZIP
    assert result.read_log_text() == "===== sse_runtime.log =====\nhello from the container"
    assert client.calls == ["069b1464-c124-79b3-8000-fb41f3dfdc50"]  # fetched once


def test_download_log_persist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = sse_result(SyncClient(LOG_ZIP))
    path = result.download_log(persist=True, save_dir=tmp_path)
    assert path == str(tmp_path / "sselog_069b1464-c124-79b3-8000-fb41f3dfdc50.log")
    assert Path(path).read_bytes() == LOG_ZIP
    with pytest.raises(ValueError, match="already exists"):
        result.download_log(persist=True, save_dir=tmp_path)
    assert result.download_log(persist=True, save_dir=tmp_path, overwrite=True) == path
    named = result.download_log(persist=True, save_dir=tmp_path, file_name="log.zip")
    assert named == str(tmp_path / "log.zip")
    monkeypatch.chdir(tmp_path)
    assert Path(str(result.download_log(persist=True, file_name="here.zip"))).exists()


@pytest.mark.parametrize("name", ["../escape.zip", "sub/x.zip", "/abs.zip", "..", "a\\b"])
def test_download_log_refuses_escaping_names(tmp_path: Path, name: str) -> None:
    result = sse_result(SyncClient(LOG_ZIP))
    with pytest.raises(ValueError, match="plain file name"):
        result.download_log(persist=True, save_dir=tmp_path, file_name=name)


def test_download_log_argument_errors(tmp_path: Path) -> None:
    result = sse_result(SyncClient(LOG_ZIP))
    with pytest.raises(ValueError, match="require persist=True"):
        result.download_log(save_dir=tmp_path)
    with pytest.raises(ValueError, match="require persist=True"):
        result.download_log(overwrite=True)
    with pytest.raises(ValueError, match="does not exist"):
        result.download_log(persist=True, save_dir=tmp_path / "missing")
    file_path = tmp_path / "f"
    file_path.write_text("")
    with pytest.raises(ValueError, match="not a directory"):
        result.download_log(persist=True, save_dir=file_path)


def test_log_requires_client() -> None:
    with pytest.raises(ValueError, match="client-bound"):
        sse_result().download_log()


def test_show_log_prints() -> None:
    printed: list[str] = []
    text = sse_result(SyncClient(LOG_ZIP)).show_log(print_fn=printed.append)
    assert printed == [text]
    assert "hello from the container" in text


def test_log_raw_text_fallback() -> None:
    assert sse_result(SyncClient(b"not a zip")).read_log_text() == "not a zip"


def test_inline_sse_log_text_needs_no_client() -> None:
    result = wrap_job(record("sse"), {"sse_log": "inline log"})
    assert isinstance(result, OqtopusSseJobResult)
    assert result.read_log_text() == "inline log"


def test_sync_call_on_async_client_is_explained() -> None:
    with pytest.raises(RuntimeError, match="download_log_async"):
        sse_result(AsyncClient(LOG_ZIP)).download_log()


async def test_async_twins_with_async_client(tmp_path: Path) -> None:
    client = AsyncClient(LOG_ZIP)
    result = sse_result(client)
    assert await result.download_log_async() == LOG_ZIP
    assert "hello" in await result.read_log_text_async()
    printed: list[str] = []
    await result.show_log_async(print_fn=printed.append)
    assert "hello" in printed[0]
    path = await result.download_log_async(persist=True, save_dir=tmp_path)
    assert await asyncio.to_thread(Path(str(path)).read_bytes) == LOG_ZIP
    assert len(client.calls) == 1
    with pytest.raises(ValueError, match="require persist=True"):
        await result.download_log_async(file_name="x")


async def test_async_twin_with_sync_client() -> None:
    client = SyncClient(LOG_ZIP)
    assert await sse_result(client).download_log_async() == LOG_ZIP
    assert len(client.calls) == 1


def test_fetched_log_survives_save_load(tmp_path: Path) -> None:
    result = sse_result(SyncClient(LOG_ZIP))
    result.download_log()
    loaded = OqtopusJobResult.load(result.save(tmp_path / "sse.json"))
    assert isinstance(loaded, OqtopusSseJobResult)
    assert loaded.download_log() == LOG_ZIP  # no client needed any more


def test_bad_fetch_return_type() -> None:
    class Broken:
        def _fetch_sse_log_bytes(self, job_id: str) -> str:
            return "text"

    with pytest.raises(TypeError, match="must return bytes, got str"):
        sse_result(Broken()).download_log()


def test_data_modules_import_light() -> None:
    """Importing the data modules must not pull in the HTTP stack, asyncio or oqtopus_api."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import oqtopus_sdk.results, oqtopus_sdk.spec, oqtopus_sdk.config\n"
        "import oqtopus_sdk.device, oqtopus_sdk._archives, oqtopus_sdk.bitstrings\n"
        "heavy = ('oqtopus_api', 'httpx', 'asyncio', 'attrs', 'dateutil')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


@pytest.mark.compat
def test_accessors_match_reference_sdk() -> None:
    reference = pytest.importorskip("oqtopus_client")
    info = archives("multi_manual")
    kwargs: dict[str, Any] = {
        "job_id": "j",
        "job_type": "multi_manual",
        "status": "succeeded",
        "name": "n",
        "device_id": "d",
        "shots": 1000,
        "job_info": info,
        "transpile_result": TRANSPILE,
    }
    theirs = reference.OqtopusMultiManualJobResult(**kwargs)
    ours = OqtopusMultiManualJobResult(**kwargs)
    assert ours.get_counts() == theirs.get_counts()
    assert ours.counts_with_integer_keys() == theirs.counts_with_integer_keys()
    assert ours.get_divided_counts() == theirs.get_divided_counts()
    assert ours.job_info is not None
    legacy = ours.job_info.to_dict()
    assert legacy.pop("message") is None  # 1.3.0 adds it only for a model job_info
    assert legacy == theirs.job_info
    assert ours.is_multi_manual()
    assert theirs.is_multi_manual()
    estimation = archives("estimation")
    kwargs.update(job_type="estimation", job_info=estimation)
    ref_est = reference.OqtopusEstimationJobResult(**kwargs)
    our_est = OqtopusEstimationJobResult(**kwargs)
    assert (our_est.exp_value, our_est.stds) == (ref_est.exp_value, ref_est.stds)


# --- failed jobs are never silent ------------------------------------------------------------

FAILED_MESSAGE = "Transpile error: qubit 7 is not on the device"


def failed(job_type: str, status: str = "failed") -> Any:
    return wrap_job(record(job_type, status=status, job_info={"message": FAILED_MESSAGE}), {})


@pytest.mark.parametrize(
    ("job_type", "read", "empty"),
    [
        ("sampling", lambda r: r.get_counts(), {}),
        ("sampling", lambda r: r.counts_with_integer_keys(), {"counts": {}, "divided_counts": {}}),
        ("multi_manual", lambda r: r.get_divided_counts(), {}),
        ("estimation", lambda r: r.get_exp_value(), None),
        ("estimation", lambda r: r.get_stds(), None),
        ("estimation", lambda r: r.exp_value, None),
        ("estimation", lambda r: r.stds, None),
    ],
)
@pytest.mark.parametrize("status", ["failed", "cancelled"])
def test_reading_failed_job_warns(job_type: str, read: Any, empty: object, status: str) -> None:
    result = failed(job_type, status)
    with pytest.warns(OqtopusJobFailedWarning) as caught:
        assert read(result) == empty  # the reference's value is kept
    text = str(caught[0].message)
    assert result.job_id in text
    assert f"status is {status!r}" in text
    assert FAILED_MESSAGE in text
    assert caught[0].filename == __file__  # points at the user's line, not the SDK


def test_failed_warning_once_per_family() -> None:
    import warnings

    result = failed("multi_manual")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result.get_counts()
        result.get_counts()
        result.counts_with_integer_keys()
        result.get_divided_counts()
    assert len(caught) == 1
    estimation = failed("estimation")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _ = (estimation.exp_value, estimation.stds, estimation.get_exp_value())
    assert len(caught) == 1
    assert "expectation value" in str(caught[0].message)


def test_failed_without_message_and_succeeded_silent() -> None:
    import warnings

    result = wrap_job(record("sampling", status="failed"), {})
    with pytest.warns(OqtopusJobFailedWarning, match="no message from the server"):
        result.get_counts()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert wrapped().get_counts() == {"00": 493, "11": 507}
        assert wrapped("estimation").exp_value == 1.49
        # summaries of a failed job show it failed instead of warning
        for job_type in ("sampling", "multi_manual", "estimation", "sse"):
            shown = failed(job_type)
            assert "failed" in str(shown)
            assert FAILED_MESSAGE in repr(shown)
            assert "failed" in shown._repr_html_()


def test_failed_warning_is_exported_user_warning() -> None:
    import oqtopus_sdk.results as results

    assert issubclass(results.OqtopusJobFailedWarning, UserWarning)
    assert "OqtopusJobFailedWarning" in results.__all__


# --- repr and HTML ---------------------------------------------------------------------------


def test_repr_is_short_and_has_no_urls() -> None:
    for job_type in ("sampling", "multi_manual", "estimation", "sse"):
        text = repr(wrapped(job_type))
        assert len(text) < 150
        assert "https://" not in text
        assert "Signature" not in text
    long_message = "x" * 500
    text = repr(wrapped(status="failed", job_info={"message": long_message}))
    assert len(text) < 250
    assert text.endswith("…')")


def test_repr_html_sampling() -> None:
    page = wrapped(job_info={"message": "ok"})._repr_html_()
    assert page.startswith("<table>")
    for expected in ("succeeded", "qulacs", "queued", "2.500 s", "ok", "{11: 507, 00: 493}"):
        assert expected in page
    assert "X-Amz-Signature" not in page


def test_repr_html_multi_manual_estimation_sse() -> None:
    assert "circuit 1" in wrapped("multi_manual")._repr_html_()
    assert "1.49 ± 0.02" in wrapped("estimation")._repr_html_()
    assert "{1: 10}" in wrapped("sse")._repr_html_()


def test_repr_html_escapes_hostile_values() -> None:
    hostile = "<script>alert(1)</script>"
    result = wrapped(name=hostile, job_info={"message": hostile}, device_id="<b>dev</b>")
    page = result._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;dev&lt;/b&gt;" in page
    counts = wrap_job(record(), {"result": {"sampling": {"counts": {hostile: 1}}}})
    assert "<script>" not in counts._repr_html_()


# --- pickle and copy -------------------------------------------------------------------------


@pytest.mark.parametrize("job_type", ["sampling", "estimation", "multi_manual", "sse"])
def test_pickle_and_deepcopy_round_trip(job_type: str) -> None:
    import copy
    import pickle

    result = wrapped(job_type)
    for clone in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result), copy.copy(result)):
        assert type(clone) is type(result)
        assert clone == result
        assert str(clone) == str(result)


class FakeLoader:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self._lock = __import__("threading").Lock()  # unpicklable, like a real client

    def __call__(self, key: str, url: str) -> Any:
        self.calls.append((key, url))
        return archives("multi_manual")[key]


def lazy_result() -> tuple[Any, FakeLoader]:
    loader = FakeLoader()
    job = record("multi_manual")
    pending = {
        "input": job["job_info"]["input"],
        "transpile_result": job["job_info"]["transpile_result"],
        "combined_program": "https://s3.example/j/combined_program.zip?sig=2",
    }
    result = _wrap_job(
        job, {"result": archives("multi_manual")["result"]}, pending=pending, loader=loader
    )
    return result, loader


def test_pickle_materialises_pending_archives() -> None:
    import pickle

    result, loader = lazy_result()
    assert loader.calls == []
    data = pickle.dumps(result)
    assert sorted(key for key, _ in loader.calls) == [
        "combined_program",
        "input",
        "transpile_result",
    ]
    reloaded = pickle.loads(data)
    assert isinstance(reloaded._archives, dict)  # plain data: no loader, no lock
    assert reloaded == result
    assert reloaded.combined_program == "OPENQASM 3; // combined"
    assert reloaded.input.program == [QASM, QASM]
    assert len(loader.calls) == 3  # nothing fetched twice


def test_deepcopy_materialises_and_copy_shares() -> None:
    import copy

    result, loader = lazy_result()
    shallow = copy.copy(result)
    assert shallow._archives is result._archives
    assert loader.calls == []
    clone = copy.deepcopy(result)
    assert len(loader.calls) == 3
    assert isinstance(clone._archives, dict)
    assert clone == result


def test_pickle_drops_log_fetcher_keeps_fetched_log() -> None:
    import copy
    import pickle

    client = SyncClient(LOG_ZIP)
    unfetched = pickle.loads(pickle.dumps(sse_result(client)))
    assert unfetched._log_fetcher is None
    with pytest.raises(ValueError, match="client-bound"):
        unfetched.read_log_text()
    result = sse_result(client)
    result.download_log()
    reloaded = pickle.loads(pickle.dumps(result))
    assert reloaded.read_log_text() == "===== sse_runtime.log =====\nhello from the container"
    assert client.calls == ["069b1464-c124-79b3-8000-fb41f3dfdc50"]
    kept = copy.deepcopy(sse_result(client))
    assert kept._log_fetcher == client._fetch_sse_log_bytes  # a deep copy stays bound
    assert kept.download_log() == LOG_ZIP


# --- plots -----------------------------------------------------------------------------------


@pytest.fixture
def plt() -> Any:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def bar_heights(ax: Any) -> list[float]:
    return [patch.get_height() for patch in ax.patches]


def tick_texts(ax: Any) -> list[str]:
    return [label.get_text() for label in ax.get_xticklabels()]


def assert_png(path: Path) -> None:
    assert path.is_file()
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_sampling_to_png(plt: Any, tmp_path: Path) -> None:
    counts = {"10": 120, "00": 480, "11": 390, "01": 10}
    result = wrap_job(record(), {"result": {"sampling": {"counts": counts}}})
    ax = result.plot()
    assert tick_texts(ax) == ["00", "01", "10", "11"]  # bitstring order
    assert bar_heights(ax) == [480, 10, 120, 390]
    assert "bit 0 = rightmost" in ax.get_xlabel()
    assert ax.get_ylabel() == "counts"
    assert "bell" in ax.get_title()
    ax.figure.savefig(tmp_path / "sampling.png", dpi=40)
    assert_png(tmp_path / "sampling.png")


def test_plot_top_and_given_axes(plt: Any) -> None:
    counts = {format(i, "03b"): i * 10 + 1 for i in range(8)}
    result = wrap_job(record(), {"result": {"sampling": {"counts": counts}}})
    _figure, given = plt.subplots()
    ax = result.plot(given, top=3)
    assert ax is given
    assert tick_texts(ax) == ["101", "110", "111"]
    assert bar_heights(ax) == [51, 61, 71]
    with pytest.raises(ValueError, match="top must be a positive int"):
        result.plot(top=0)


def test_plot_multi_manual_groups(plt: Any, tmp_path: Path) -> None:
    ax = wrapped("multi_manual").plot()
    assert bar_heights(ax) == [250, 750, 750, 250]
    assert tick_texts(ax) == ["00", "01", "00", "01"]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["circuit 0", "circuit 1"]
    ax.figure.savefig(tmp_path / "multi.png", dpi=40)
    assert_png(tmp_path / "multi.png")


def test_plot_estimation_error_bar(plt: Any, tmp_path: Path) -> None:
    ax = wrapped("estimation").plot()
    assert bar_heights(ax) == [pytest.approx(1.49)]
    (bars,) = [item for item in ax.containers if hasattr(item, "errorbar")]
    segment = bars.errorbar.lines[2][0].get_segments()[0]
    assert [point[1] for point in segment] == [pytest.approx(1.47), pytest.approx(1.51)]
    ax.figure.savefig(tmp_path / "estimation.png", dpi=40)
    assert_png(tmp_path / "estimation.png")


def test_plot_failed_job_warns_and_notes(plt: Any) -> None:
    with pytest.warns(OqtopusJobFailedWarning):
        ax = failed("sampling").plot()
    assert bar_heights(ax) == []
    assert any("no counts" in text.get_text() for text in ax.texts)
    with pytest.warns(OqtopusJobFailedWarning):
        ax = failed("estimation").plot()
    assert any("no expectation value" in text.get_text() for text in ax.texts)


def test_plot_without_matplotlib_names_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"oqtopus-sdk\[plot\]"):
        wrapped().plot()


# --- qiskit ----------------------------------------------------------------------------------


def test_to_qiskit_methods() -> None:
    pytest.importorskip("qiskit")
    from qiskit.result import Counts, Result

    counts = wrapped().to_qiskit()
    assert isinstance(counts, Counts)
    assert dict(counts) == {"00": 493, "11": 507}
    divided = wrapped("multi_manual").to_qiskit()
    assert [dict(item) for item in divided] == [{"00": 250, "01": 750}, {"01": 250, "00": 750}]
    converted = wrapped("multi_manual").to_qiskit_result()
    assert isinstance(converted, Result)
    assert converted.get_counts(1) == {"01": 250, "00": 750}


def test_mark_failure_reported_silences_reads() -> None:
    import warnings

    from oqtopus_sdk.results import mark_failure_reported

    for job_type in ("multi_manual", "estimation"):
        result = failed(job_type)
        mark_failure_reported(result)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            if job_type == "estimation":
                assert result.exp_value is None
            else:
                assert result.get_counts() == {}
                assert result.get_divided_counts() == {}
