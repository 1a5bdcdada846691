"""``sse_driver`` for SSE programs run by the local emulator (wire-contract 10.3).

Inside the live SSE runtime, ``OQTOPUS_ENV=sse_container`` makes the SDK hand every
``run_*`` job to ``sse_driver.submit_job(request, upload_info)``; the live driver sends it
to the engine and returns the finished job with its ``job_info`` inline. This module does
the same against the emulator that started the program: it posts the job over loopback
HTTP to an internal endpoint authenticated by a per-run token (``OQTOPUS_LOCAL_SSE_URL``,
``OQTOPUS_LOCAL_SSE_TOKEN``), waits for it and returns it.

Like the live driver, the returned job carries the parent SSE job's ``job_id`` (from
``JOB_JSON``), ``submitted_at``/``ready_at``/``running_at`` set to the call's start and
``ended_at`` to its end, and is also written to ``$OUT_PATH/result.json``. A job that did
not succeed raises :class:`SseDriverError` with the job's message.

Stdlib only: it runs in the user's process, next to whatever the program imports.
"""

from __future__ import annotations

import enum
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

URL_ENV = "OQTOPUS_LOCAL_SSE_URL"
TOKEN_ENV = "OQTOPUS_LOCAL_SSE_TOKEN"
JOBS_PATH = "/_local/sse/jobs"
TERMINAL = ("succeeded", "failed", "cancelled")
# Seconds the emulator holds one status request open while the job is still running.
POLL_WAIT = 10.0


class SseDriverError(RuntimeError):
    """The inner job could not be submitted, or it did not succeed."""


def submit_job(request: Any, upload_info: Any) -> dict[str, Any]:
    """Run one inner job on the emulator and wait for it.

    Args:
        request: The submit request (``jobs.SubmitJobRequest``): a dict, an attrs model
            with ``to_dict()`` (oqtopus-sdk) or a pydantic model (oqtopus-client). Device id
            ``""`` or ``"sse"`` means the SSE job's own device.
        upload_info: The job input (``jobs.S3SubmitJobInfo``), in the same forms.

    Returns:
        The finished job as a ``jobs.Job`` dict whose ``job_info`` holds ``input``,
        ``result``, ``transpile_result`` (objects) and ``combined_program`` (text) inline.

    Raises:
        TypeError: ``request`` or ``upload_info`` is not one of the accepted forms.
        SseDriverError: Not inside an emulator SSE job, the emulator refused the job (the
            message is the emulator's), or the job failed (the message is the job's).
    """
    started = _now()
    body = {
        "request": to_plain(request, "request"),
        "upload_info": to_plain(upload_info, "upload_info"),
    }
    created = _call("POST", JOBS_PATH, body, timeout=60.0)
    job_id = created.get("job_id")
    if not isinstance(job_id, str):
        raise SseDriverError(f"unexpected answer from the emulator: {created!r}")
    while True:
        job = _call("GET", f"{JOBS_PATH}/{job_id}?wait={POLL_WAIT:g}", None, POLL_WAIT + 30.0)
        if job.get("status") in TERMINAL:
            break
    if job["status"] != "succeeded":
        info = job.get("job_info")
        message = info.get("message") if isinstance(info, dict) else None
        raise SseDriverError(
            f"inner {job.get('job_type', '')} job {job['status']}: {message or 'no message'}"
        )
    out = _as_live(job, started, _now())
    _write_result(out)
    return out


def to_plain(value: Any, what: str = "value") -> dict[str, Any]:
    """Turn a dict, an attrs model or a pydantic model into a JSON-ready dict.

    Args:
        value: The object.
        what: Its name, for the error message.

    Returns:
        A dict of JSON types (enums become their values, datetimes ISO text).

    Raises:
        TypeError: Any other kind of object, or content that is not JSON-serialisable.
    """
    data: Any
    if isinstance(value, Mapping):
        data = dict(value)
    elif callable(getattr(value, "model_dump", None)):
        data = value.model_dump(mode="json", by_alias=True, exclude_none=True)
    elif callable(getattr(value, "to_dict", None)):
        data = value.to_dict()
    else:
        raise TypeError(
            f"{what} must be a dict, an attrs model with to_dict() or a pydantic model, "
            f"got {type(value).__name__}"
        )
    if not isinstance(data, dict):
        raise TypeError(f"{what} must serialise to an object, got {type(data).__name__}")
    plain: dict[str, Any] = json.loads(json.dumps(data, default=_json_default))
    return plain


def _json_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _as_live(job: dict[str, Any], started: str, ended: str) -> dict[str, Any]:
    out = dict(job)
    try:
        parent = json.loads(os.environ.get("JOB_JSON") or "{}")
    except ValueError:
        parent = {}
    if isinstance(parent, dict) and isinstance(parent.get("job_id"), str):
        out["job_id"] = parent["job_id"]
    for name in ("submitted_at", "ready_at", "running_at"):
        out[name] = started
    out["ended_at"] = ended
    return out


def _write_result(job: dict[str, Any]) -> None:
    out_path = os.environ.get("OUT_PATH")
    if out_path:
        target = Path(out_path)
        target.mkdir(parents=True, exist_ok=True)
        (target / "result.json").write_text(json.dumps(job), encoding="utf-8")


def _call(method: str, path: str, body: dict[str, Any] | None, timeout: float) -> dict[str, Any]:
    base = os.environ.get(URL_ENV)
    token = os.environ.get(TOKEN_ENV)
    if not base or not token:
        raise SseDriverError(
            f"sse_driver only works inside an SSE job run by the local emulator ({URL_ENV} "
            "is not set)"
        )
    request = urllib.request.Request(
        base.rstrip("/") + path,
        data=None if body is None else json.dumps(body).encode("utf-8"),
        method=method,
        headers={
            "q-api-token": token,
            "content-type": "application/json",
            "accept": "application/json",
        },
    )
    # Loopback only: never route through a proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=timeout) as response:
            payload = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raise SseDriverError(_error_text(exc)) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise SseDriverError(f"cannot reach the emulator at {base}: {exc}") from None
    if not isinstance(payload, dict):
        raise SseDriverError(f"unexpected answer from the emulator: {payload!r}")
    return payload


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(exc.read() or b"{}")
    except ValueError:
        body = {}
    if isinstance(body, dict):
        if isinstance(body.get("message"), str):
            return str(body["message"])
        detail = body.get("detail")
        if isinstance(detail, list):
            parts = []
            for item in detail:
                if isinstance(item, dict):
                    loc = ".".join(str(p) for p in item.get("loc", [])[1:])
                    parts.append(f"{loc}: {item.get('msg')}" if loc else str(item.get("msg")))
            if parts:
                return "; ".join(parts)
        if isinstance(detail, str):
            return detail
    return f"emulator answered HTTP {exc.code}"
