"""Server-side execution (SSE) helpers: program files and ``OQTOPUS_ENV=sse_container`` mode.

Inside the SSE runtime image the SDK does not talk HTTP for ``run_*``: it hands the job to
the importable ``sse_driver.submit_job(request, upload_info)`` (wire-contract 10.3) in a
worker thread and normalises what comes back. Errors there are ``UserApiError`` with status
0 and the reference SDK's exact messages.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oqtopus_sdk import constants
from oqtopus_sdk.errors import UserApiError

if TYPE_CHECKING:
    from oqtopus_api.models import JobsS3SubmitJobInfo, JobsSubmitJobRequest
    from oqtopus_sdk.spec import OqtopusJobSpec

MODE = "sse_container"
JOB_INFO_KEYS: tuple[str, ...] = (
    "input",
    "combined_program",
    "result",
    "transpile_result",
    "sse_log",
    "message",
)


def is_container_mode() -> bool:
    """Whether ``OQTOPUS_ENV=sse_container`` is set (read on every call, like the reference)."""
    import os

    return os.environ.get("OQTOPUS_ENV") == MODE


def build_sse_spec(
    *,
    file_path: str | Path,
    device_id: str,
    name: str | None = None,
    description: str | None = None,
    transpiler_info: Mapping[str, Any] | None = None,
    simulator_info: Mapping[str, Any] | None = None,
    mitigation_info: Mapping[str, Any] | None = None,
    shots: int = constants.DEFAULT_SSE_SHOTS,
    max_file_size: int = constants.DEFAULT_SSE_MAX_FILE_SIZE,
) -> OqtopusJobSpec:
    """Read and check a ``.py`` program (exists, is a file, size, UTF-8) and build its spec.

    Raises:
        ValueError / FileNotFoundError: naming the path and what is wrong with it.
    """
    from oqtopus_sdk.spec import OqtopusJobSpec, load_sse_program

    if isinstance(max_file_size, bool) or not isinstance(max_file_size, int) or max_file_size < 1:
        raise ValueError(f"max_file_size must be a positive int, got {max_file_size!r}")
    program = load_sse_program(file_path, max_file_size)
    return OqtopusJobSpec.sse(
        device_id=device_id,
        program=program,
        shots=shots,
        name=name,
        description=description,
        transpiler_info=dict(transpiler_info or {}),
        simulator_info=dict(simulator_info or {}),
        mitigation_info=dict(mitigation_info or {}),
    )


def container_request(
    spec: OqtopusJobSpec,
) -> tuple[JobsSubmitJobRequest, JobsS3SubmitJobInfo, str]:
    """The (request, upload_info) pair handed to ``sse_driver.submit_job``, and the job type."""
    from oqtopus_api.models import JobsS3SubmitJobInfo, JobsSubmitJobRequest

    spec.validate()
    body = spec.to_submit_body()
    document = spec.to_input_document()
    request = JobsSubmitJobRequest.from_dict(dict(body))
    upload_info = JobsS3SubmitJobInfo.from_dict(dict(document))
    return request, upload_info, str(body.get("job_type"))


def import_driver() -> Any:
    """Import ``sse_driver`` (it is on PYTHONPATH inside the SSE runtime image).

    Raises:
        UserApiError: status 0, ``sse_container mode requires 'sse_driver' module.``
    """
    try:
        return importlib.import_module("sse_driver")
    except ModuleNotFoundError as exc:
        raise UserApiError(
            0, "sse_container mode requires 'sse_driver' module.", payload={"mode": MODE}
        ) from exc


def driver_failure(exc: BaseException, job_type: str) -> UserApiError:
    """The error for an exception raised by ``sse_driver.submit_job``."""
    return UserApiError(
        0,
        f"sse_container execution failed: {exc}",
        payload={"mode": MODE, "job_type": job_type},
    )


def _to_plain(response: Any) -> Any:
    if isinstance(response, Mapping):
        return dict(response)
    dump_json = getattr(response, "model_dump_json", None)
    if callable(dump_json):
        return json.loads(dump_json())
    to_dict = getattr(response, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    model_dump = getattr(response, "model_dump", None)
    if callable(model_dump):
        return model_dump(mode="json")
    as_dict = getattr(response, "dict", None)
    if callable(as_dict):
        return as_dict()
    if isinstance(response, str | bytes):
        try:
            return json.loads(response)
        except ValueError:
            return response
    return response


def normalize_container_response(response: Any) -> Any:
    """Normalise the driver's return value (model or dict) as wire-contract 10.3 says.

    Job-info keys found at top level (``input``, ``result``, ...) move under ``job_info``
    when there is no ``job_info`` yet.
    """
    payload = _to_plain(response)
    if not isinstance(payload, dict) or "job_info" in payload:
        return payload
    if not any(key in payload for key in JOB_INFO_KEYS):
        return payload
    normalized = dict(payload)
    normalized["job_info"] = {
        key: normalized.pop(key) for key in JOB_INFO_KEYS if key in normalized
    }
    return normalized
