"""Job operations written once as flows: devices, listing, submission, reads, SSE logs.

Each function here is a generator (see :mod:`oqtopus_sdk._ops`): it builds requests with the
generated ``_get_kwargs`` helpers, sends them through :class:`~oqtopus_sdk._transport.Transport`
and turns the answers into SDK objects. Both clients run these same flows.
"""

from __future__ import annotations

import base64
import enum
import functools
import json
import logging
import posixpath
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from oqtopus_sdk import constants, vocabulary
from oqtopus_sdk._ops import Blocking, Flow, Parallel
from oqtopus_sdk._polling import status_text
from oqtopus_sdk._transport import Transport
from oqtopus_sdk.device import is_url
from oqtopus_sdk.errors import (
    BadRequestError,
    JobNotFinishedError,
    OqtopusError,
    ResponseValidationError,
    StorageError,
    SubmissionError,
)

if TYPE_CHECKING:
    import random

    from oqtopus_api.models import (
        JobsGetJobStatusResponse,
        JobsGetSselogResponse,
        JobsJob,
        JobsRegisterJobResponse,
        SuccessSuccessResponse,
    )
    from oqtopus_sdk._disk_cache import DiskCache
    from oqtopus_sdk.device import OqtopusDevice
    from oqtopus_sdk.results import OqtopusJobResult
    from oqtopus_sdk.spec import OqtopusJobSpec

logger = logging.getLogger("oqtopus_sdk")

T = TypeVar("T")
M = TypeVar("M")


# --- Shared per-client state ----------------------------------------------------------------
class TerminalCache:
    """Finished jobs per client: a terminal job's archives never change, so skip re-downloads."""

    def __init__(self, size: int = constants.TERMINAL_JOB_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[str, OqtopusJobResult] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job_id: str) -> OqtopusJobResult | None:
        with self._lock:
            value = self._items.get(job_id)
            if value is not None:
                self._items.move_to_end(job_id)
            return value

    def put(self, job_id: str, value: OqtopusJobResult) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._items[job_id] = value
            self._items.move_to_end(job_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def discard(self, job_id: str) -> None:
        with self._lock:
            self._items.pop(job_id, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@dataclass(slots=True)
class Ctx:
    """What flows need from their client: transport, clock, cache and defaults.

    Attributes:
        transport: Builds and retries every request of the client.
        clock: Monotonic seconds, for wait deadlines.
        cache: Finished jobs already read.
        status_requests_per_second: Budget of multi-job waits; None derives it per wait.
        archive_loader: ``(job_id, key, url) -> decoded archive`` for results that fetch an
            archive on first read; None makes reads download every archive up front.
        async_archive_loader: The same as a coroutine (the async client's results).
        log_fetcher: ``job_id -> SSE log zip bytes`` (or an awaitable of them), handed to
            SSE results so they can read their log without doing I/O themselves.
        transport_error_budget: Consecutive failed polls a wait tolerates.
        rng: Source of jitter.
        preflight: Check specs before anything is sent (:func:`oqtopus_sdk.preflight.preflight_spec`).
        devices: Devices this client has read, by id: pre-flight checks qubit counts with them.
        sweeps: Multi-job waits may sweep the job list (off once the server refuses it).
        disk_cache: Finished jobs kept on disk (``cache_dir``), read before the service.
    """

    transport: Transport
    clock: Callable[[], float]
    cache: TerminalCache = field(default_factory=TerminalCache)
    status_requests_per_second: float | None = None
    archive_loader: Callable[[str, str, str], Any] | None = None
    async_archive_loader: Callable[[str, str, str], Awaitable[Any]] | None = None
    log_fetcher: Callable[[str], Any] | None = None
    transport_error_budget: int = constants.DEFAULT_WAIT_TRANSPORT_ERROR_BUDGET
    rng: random.Random | None = None
    preflight: bool = True
    devices: dict[str, OqtopusDevice] = field(default_factory=dict)
    sweeps: bool = True
    disk_cache: DiskCache | None = None


# --- Parsing helpers --------------------------------------------------------------------------
class UnknownEnumValue(str):
    """A status or job type the SDK does not know; behaves like the enum's ``str`` values.

    Servers newer than the SDK may add values: reads keep them instead of crashing.
    """

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)


def parse_model(cls: Callable[[Any], M], payload: Any, what: str) -> M:
    """``cls.from_dict(payload)`` with every shape error turned into ResponseValidationError."""
    if not isinstance(payload, Mapping):
        raise ResponseValidationError(
            f"{what}: expected a JSON object, got {type(payload).__name__}", payload
        )
    try:
        return cls(payload)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ResponseValidationError(f"{what}: response does not fit: {exc!r}", payload) from exc


def _known(enum_cls: type[enum.Enum], value: object) -> bool:
    try:
        enum_cls(value)
    except ValueError:
        return False
    return True


def parse_job(payload: Any, what: str = "job") -> JobsJob:
    """Parse a job record, keeping an unknown status or job type instead of failing."""
    from oqtopus_api.models import JobsJob, JobsJobStatus, JobsJobType

    if not isinstance(payload, Mapping):
        raise ResponseValidationError(
            f"{what}: expected a JSON object, got {type(payload).__name__}", payload
        )
    data = dict(payload)
    odd: dict[str, Any] = {}
    for key, enum_cls in (("status", JobsJobStatus), ("job_type", JobsJobType)):
        value = data.get(key)
        if isinstance(value, str) and not _known(enum_cls, value):
            odd[key] = UnknownEnumValue(data.pop(key))
    job = parse_model(JobsJob.from_dict, data, what)
    for key, value in odd.items():
        setattr(job, key, value)
    return job


def parse_status(payload: Any, job_id: str) -> JobsGetJobStatusResponse:
    """Parse a status answer; an unknown status is kept as an :class:`UnknownEnumValue`."""
    from oqtopus_api.models import JobsGetJobStatusResponse, JobsJobStatus

    what = f"GET /jobs/{job_id}/status"
    if not isinstance(payload, Mapping):
        raise ResponseValidationError(f"{what}: expected a JSON object", payload)
    status = payload.get("status")
    if not isinstance(status, str):
        raise ResponseValidationError(f"{what}: 'status' is missing or not a string", payload)
    if _known(JobsJobStatus, status):
        return parse_model(JobsGetJobStatusResponse.from_dict, payload, what)
    data = dict(payload)
    data["status"] = JobsJobStatus.SUBMITTED.value
    model = parse_model(JobsGetJobStatusResponse.from_dict, data, what)
    model.status = UnknownEnumValue(status)  # type: ignore[assignment]
    return model


def status_of(payload: Any, job_id: str) -> tuple[str, JobsGetJobStatusResponse]:
    """The status text and the parsed status answer."""
    model = parse_status(payload, job_id)
    return status_text(model.status), model


# --- Requests ---------------------------------------------------------------------------------
def req_status(ctx: Ctx, job_id: str, deadline: float | None = None) -> Flow[Any]:
    """``GET /jobs/{id}/status``; the decoded body. ``deadline`` bounds retries (waits)."""
    from oqtopus_api.api.job import get_job_status

    return ctx.transport.api(get_job_status._get_kwargs(job_id), deadline=deadline)


def req_job(ctx: Ctx, job_id: str) -> Flow[Any]:
    """``GET /jobs/{id}``; the decoded body."""
    from oqtopus_api.api.job import get_job

    return ctx.transport.api(get_job._get_kwargs(job_id))


def call(ctx: Ctx, kwargs: dict[str, Any], parse: Callable[[Any], M], what: str) -> Flow[M]:
    """One request (from a generated ``_get_kwargs``) whose 2xx body is parsed with ``parse``."""
    raw = yield from ctx.transport.api(kwargs)
    return parse_model(parse, raw, what)


def call_no_content(ctx: Ctx, kwargs: dict[str, Any]) -> Flow[None]:
    """One request whose 2xx body (if any) is ignored."""
    yield from ctx.transport.api(kwargs)


# --- Devices ----------------------------------------------------------------------------------
def _resolve_device(ctx: Ctx, raw: Any) -> Flow[OqtopusDevice]:
    from oqtopus_api.models import DevicesDeviceInfo
    from oqtopus_sdk._archives import read_json_archive
    from oqtopus_sdk.device import OqtopusDevice

    if isinstance(raw, Mapping) and is_url(raw.get("device_info")):
        name = f"device_info of {raw.get('device_id')}"
        data = yield from ctx.transport.download(str(raw["device_info"]), archive=name)
        raw = dict(raw)
        raw["device_info"] = json.dumps(read_json_archive(name, data))
    model = parse_model(DevicesDeviceInfo.from_dict, raw, "device")
    device = OqtopusDevice(model)
    ctx.devices[device.device_id] = device
    return device


def list_devices(ctx: Ctx) -> Flow[list[OqtopusDevice]]:
    """``GET /devices``, each URL-valued ``device_info`` downloaded and inlined."""
    from oqtopus_api.api.device import list_devices as operation

    raw = yield from ctx.transport.api(operation._get_kwargs())
    if not isinstance(raw, list):
        raise ResponseValidationError("GET /devices: expected a JSON array", raw)
    outcomes = yield Parallel(
        [_resolve_device(ctx, item) for item in raw], constants.MAX_PARALLEL_ARCHIVE_DOWNLOADS
    )
    from oqtopus_sdk.device import as_device_list

    return as_device_list(outcome.unwrap() for outcome in outcomes)


def get_device(ctx: Ctx, device_id: str) -> Flow[OqtopusDevice]:
    """``GET /devices/{id}``."""
    from oqtopus_api.api.device import get_device as operation

    raw = yield from ctx.transport.api(operation._get_kwargs(device_id))
    return (yield from _resolve_device(ctx, raw))


# --- Jobs: listing and control ----------------------------------------------------------------
def list_jobs(ctx: Ctx, params: Mapping[str, Any]) -> Flow[list[JobsJob]]:
    """``GET /jobs`` with checked filters; raw records (unknown enum values kept)."""
    from oqtopus_api.api.job import list_jobs as operation

    raw = yield from ctx.transport.api(operation._get_kwargs(**params))
    if not isinstance(raw, list):
        raise ResponseValidationError("GET /jobs: expected a JSON array", raw)
    from oqtopus_sdk._records import as_job_list

    return as_job_list(parse_job(item, "GET /jobs item") for item in raw)


def get_job_status(ctx: Ctx, job_id: str) -> Flow[JobsGetJobStatusResponse]:
    """``GET /jobs/{id}/status``, parsed."""
    from oqtopus_sdk._records import as_job_status

    raw = yield from req_status(ctx, job_id)
    return as_job_status(parse_status(raw, job_id))


def job_control(
    ctx: Ctx, kwargs: dict[str, Any], job_id: str, what: str
) -> Flow[SuccessSuccessResponse]:
    """Cancel or delete a job: the request, then forget the job's cached result."""
    from oqtopus_api.models import SuccessSuccessResponse

    # A cancelled or deleted job must not be served from a cache afterwards.
    ctx.cache.discard(job_id)
    raw = yield from ctx.transport.api(kwargs)
    ctx.cache.discard(job_id)
    if ctx.disk_cache is not None:
        yield Blocking(ctx.disk_cache.discard, (job_id,))
    if raw is None:
        raw = {"message": ""}
    return parse_model(SuccessSuccessResponse.from_dict, raw, what)


# --- Submission -------------------------------------------------------------------------------
def prepare_submission(
    spec: OqtopusJobSpec, *, preflight: bool = False, device: OqtopusDevice | None = None
) -> tuple[dict[str, Any], bytes]:
    """Validate the spec and build the submit body and input archive, before any request.

    Args:
        spec: The job.
        preflight: Also run the pre-flight checks (program parses, qubits fit ``device``).
        device: The target device when the client knows it.

    Raises:
        ValueError: the spec is invalid (a ``PreflightError`` for pre-flight findings).
    """
    from oqtopus_api.models import JobsSubmitJobRequest
    from oqtopus_sdk._archives import build_input_archive

    if preflight:
        from oqtopus_sdk.preflight import preflight_spec

        preflight_spec(spec, device=device)
    body = dict(spec.to_submit_body())  # validates the spec first
    # Building the generated model checks the body against the API schema up front.
    try:
        JobsSubmitJobRequest.from_dict(body)
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"job spec does not produce a valid submit request: {exc}") from exc
    archive = build_input_archive(spec.to_input_document())
    return body, archive


def check_specs_before_sending(ctx: Ctx, specs: Sequence[OqtopusJobSpec]) -> None:
    """Pre-flight every spec of a batch before any of them is registered.

    Raises:
        ValueError: the first invalid spec (a note names its position in the batch).
    """
    if not ctx.preflight:
        return
    from oqtopus_sdk.preflight import preflight_spec

    for index, spec in enumerate(specs):
        try:
            preflight_spec(spec, device=ctx.devices.get(str(spec.device_id)))
        except ValueError as exc:
            exc.add_note(f"spec {index} of the batch; no job of the batch was registered")
            raise


def upload_input(
    ctx: Ctx, job_id: str, url: str, fields: Mapping[str, Any], archive: bytes
) -> Flow[None]:
    """Upload a registered job's input archive to its presigned target.

    Raises:
        SubmissionError: the upload failed (stage ``upload``; the job stays registered).
    """
    key = fields.get("key")
    filename = posixpath.basename(str(key)) if key else ""
    try:
        yield from ctx.transport.upload(
            url, fields, archive, filename=filename or "input.zip", archive=vocabulary.ARCHIVE_INPUT
        )
    except OqtopusError as exc:
        raise SubmissionError(
            f"job {job_id} was registered but uploading its input failed: {exc}",
            job_id=job_id,
            stage="upload",
        ) from exc


def submit(
    ctx: Ctx,
    spec: OqtopusJobSpec,
    *,
    on_registered: Callable[[JobsRegisterJobResponse], None] | None = None,
    preflight: bool | None = None,
) -> Flow[JobsRegisterJobResponse]:
    """register -> zip input.json -> multipart upload -> submit.

    Args:
        ctx: The client's context.
        spec: The job.
        on_registered: Called with the register answer before the upload starts (a journal
            records the job id there, so a crash cannot lose it).
        preflight: Run the pre-flight checks (None: ``ctx.preflight``); False when
            :func:`check_specs_before_sending` has already checked the whole batch.

    Raises:
        ValueError: the spec is invalid or fails pre-flight (before any request).
        SubmissionError: a step after register failed; ``job_id`` names the registered job.
    """
    from oqtopus_api.api.job import register_job_id, submit_job
    from oqtopus_api.models import JobsRegisterJobResponse, JobsSubmitJobRequest

    device = ctx.devices.get(str(spec.device_id))
    check = ctx.preflight if preflight is None else preflight
    body, archive = prepare_submission(spec, preflight=check, device=device)
    raw = yield from ctx.transport.api(register_job_id._get_kwargs())
    from oqtopus_sdk._records import as_registered

    # The answer's repr hides the upload credentials (it is what submit_job returns).
    registered = as_registered(parse_model(JobsRegisterJobResponse.from_dict, raw, "POST /jobs"))
    job_id = registered.job_id
    if on_registered is not None:
        on_registered(registered)
    presigned = raw["presigned_url"]
    url = presigned.get("url") if isinstance(presigned, Mapping) else None
    fields = presigned.get("fields") if isinstance(presigned, Mapping) else None
    if not isinstance(url, str) or not url:
        raise SubmissionError(
            f"job {job_id} was registered but the answer holds no upload URL",
            job_id=job_id,
            stage="upload",
        )
    yield from upload_input(
        ctx, job_id, url, dict(fields) if isinstance(fields, Mapping) else {}, archive
    )

    # Submitting twice is harmless (the server refuses the second one), so a submit whose
    # answer was lost may be retried; the refusal is then resolved by looking at the job.
    request = submit_job._get_kwargs(job_id, body=JobsSubmitJobRequest.from_dict(body))
    request["json"] = body  # exactly what the spec built, not the model's re-serialisation
    try:
        yield from ctx.transport.api(request, idempotent=True)
    except BadRequestError as exc:
        if constants.SUBMIT_NOT_REGISTERED_MARKER in exc.message:
            try:
                status_raw = yield from req_status(ctx, job_id)
                status, _ = status_of(status_raw, job_id)
            except OqtopusError:
                status = vocabulary.REGISTERED
            if status != vocabulary.REGISTERED:
                logger.info("job %s: submit answer was lost but the job is %s", job_id, status)
                return registered
        raise SubmissionError(
            f"job {job_id} was registered but submitting it failed: {exc}",
            job_id=job_id,
            stage="submit",
        ) from exc
    except OqtopusError as exc:
        raise SubmissionError(
            f"job {job_id} was registered but submitting it failed: {exc}",
            job_id=job_id,
            stage="submit",
        ) from exc
    return registered


# --- Reading jobs -----------------------------------------------------------------------------
def resolve_job(ctx: Ctx, raw: Any, *, what: str) -> Flow[OqtopusJobResult]:
    """Download the job's archives concurrently and wrap it by job type."""
    from oqtopus_sdk._archives import decode_archive
    from oqtopus_sdk.results import wrap_job

    if not isinstance(raw, Mapping):
        raise ResponseValidationError(f"{what}: expected a JSON object", raw)
    job_info = raw.get("job_info")
    resolved: dict[str, Any] = {}
    downloads: list[tuple[str, str]] = []
    pending: dict[str, str] = {}
    lazy = ctx.archive_loader is not None and isinstance(raw.get("job_id"), str)
    if isinstance(job_info, Mapping):
        for key in vocabulary.RESOLVED_ARCHIVE_KEYS:
            value = job_info.get(key)
            if is_url(value):
                if lazy and key not in vocabulary.EAGER_ARCHIVE_KEYS:
                    pending[key] = str(value)
                else:
                    downloads.append((key, str(value)))
            elif value is not None:
                resolved[key] = value  # already inline (legacy servers, sse_container)
    if downloads:
        outcomes = yield Parallel(
            [ctx.transport.download(url, archive=key) for key, url in downloads],
            constants.MAX_PARALLEL_ARCHIVE_DOWNLOADS,
        )
        for (key, _), outcome in zip(downloads, outcomes, strict=True):
            resolved[key] = decode_archive(key, outcome.unwrap())
    loader = async_loader = None
    if pending and ctx.archive_loader is not None:  # pending implies lazy; narrows the type
        loader = functools.partial(ctx.archive_loader, raw["job_id"])
        if ctx.async_archive_loader is not None:
            async_loader = functools.partial(ctx.async_archive_loader, raw["job_id"])
    try:
        return wrap_job(
            raw, resolved, log_fetcher=ctx.log_fetcher, pending=pending, loader=loader,
            async_loader=async_loader,
        )  # fmt: skip
    except (KeyError, ValueError, TypeError, RecursionError) as exc:
        raise ResponseValidationError(f"{what}: job record does not fit: {exc!r}", raw) from exc


def load_archive(ctx: Ctx, job_id: str, key: str, url: str) -> Flow[Any]:
    """Download and decode one archive on first read.

    Presigned URLs expire (one hour on the live service), and a finished job may be read
    from the cache long after; a refused URL is replaced by reading the job again.
    """
    from oqtopus_sdk._archives import decode_archive

    try:
        data = yield from ctx.transport.download(url, archive=key)
    except StorageError as exc:
        if exc.status_code not in (400, 401, 403):
            raise
        raw = yield from req_job(ctx, job_id)
        job_info = raw.get("job_info") if isinstance(raw, Mapping) else None
        fresh = job_info.get(key) if isinstance(job_info, Mapping) else None
        if not is_url(fresh) or fresh == url:
            raise
        data = yield from ctx.transport.download(str(fresh), archive=key)
    return decode_archive(key, data)


def get_job(ctx: Ctx, job_id: str, *, use_cache: bool = True) -> Flow[OqtopusJobResult]:
    """GET /jobs/{id}, resolve archives, wrap; terminal jobs are cached per client."""
    if use_cache:
        cached: OqtopusJobResult | None = ctx.cache.get(job_id)
        if cached is not None:
            return cached
        if ctx.disk_cache is not None:
            from oqtopus_sdk._disk_cache import load_result

            load = functools.partial(load_result, log_fetcher=ctx.log_fetcher)
            stored = yield Blocking(load, (ctx.disk_cache, job_id))
            if stored is not None:
                ctx.cache.put(job_id, stored)
                return stored  # type: ignore[no-any-return]
    try:
        raw = yield from req_job(ctx, job_id)
        result = yield from resolve_job(ctx, raw, what=f"GET /jobs/{job_id}")
    except OqtopusError as exc:
        exc.about_job(job_id)
        raise
    status = raw.get("status") if isinstance(raw, Mapping) else None
    if status in vocabulary.TERMINAL_STATUSES:
        ctx.cache.put(job_id, result)
        if ctx.disk_cache is not None:
            from oqtopus_sdk._disk_cache import save_result

            # Off the event loop: storing reads any archive not fetched yet.
            yield Blocking(save_result, (ctx.disk_cache, result))
    return result


def fetch_sse_log(ctx: Ctx, job_id: str) -> Flow[bytes]:
    """The raw SSE log zip of a job, via a fresh ``job_info.sse_log`` URL."""
    raw = yield from req_job(ctx, job_id)
    job_info = raw.get("job_info") if isinstance(raw, Mapping) else None
    url = job_info.get(vocabulary.ARCHIVE_SSE_LOG) if isinstance(job_info, Mapping) else None
    if not isinstance(url, str) or not url:
        status = str(raw.get("status")) if isinstance(raw, Mapping) else "unknown"
        if status not in vocabulary.TERMINAL_STATUSES:
            raise JobNotFinishedError(
                f"the SSE log of job {job_id} is not available yet: the job is {status}; "
                "the service writes the log when the job ends",
                job_id=job_id,
                status=status,
            )
        why = " (the service keeps no log of a failed SSE job)" if status == "failed" else ""
        raise ResponseValidationError(f"SSE log is not available for job {job_id}.{why}", raw)
    if not is_url(url):
        # Inline log text (sse_container/legacy): hand back its bytes unchanged.
        return url.encode("utf-8")
    data: bytes = yield from ctx.transport.download(url, archive=vocabulary.ARCHIVE_SSE_LOG)
    return data


def get_sselog(ctx: Ctx, job_id: str) -> Flow[JobsGetSselogResponse]:
    """The SSE log zip, base64, named ``sselog_<id>.log`` as the reference names it."""
    from oqtopus_api.models import JobsGetSselogResponse

    data = yield from fetch_sse_log(ctx, job_id)
    return JobsGetSselogResponse(
        file=base64.b64encode(data).decode("ascii"), file_name=f"sselog_{job_id}.log"
    )


# --- sse_container mode -----------------------------------------------------------------------
def run_in_sse_container(ctx: Ctx, spec: OqtopusJobSpec) -> Flow[OqtopusJobResult]:
    """Run a job through ``sse_driver.submit_job`` (wire-contract 10.3), no HTTP at all."""
    from oqtopus_sdk import _sse
    from oqtopus_sdk.results import wrap_job

    request, upload_info, job_type = _sse.container_request(spec)
    driver = _sse.import_driver()
    try:
        response = yield Blocking(driver.submit_job, (request, upload_info))
    except Exception as exc:
        raise _sse.driver_failure(exc, job_type) from exc
    payload = _sse.normalize_container_response(response)
    if not isinstance(payload, Mapping):
        raise ResponseValidationError("sse_container: sse_driver returned no job record", payload)
    job_info = payload.get("job_info")
    resolved = dict(job_info) if isinstance(job_info, Mapping) else {}
    try:
        return wrap_job(payload, resolved, log_fetcher=ctx.log_fetcher)
    except (KeyError, ValueError, TypeError) as exc:
        raise ResponseValidationError(
            f"sse_container: job record does not fit: {exc}", payload
        ) from exc


def check_typed(result: Any, expected: type[T], method: str) -> T:
    """A run_* helper got a result of another type: say so instead of returning it."""
    if not isinstance(result, expected):
        raise ResponseValidationError(
            f"{method} returned a {type(result).__name__} (job_type "
            f"{getattr(result, 'job_type', None)!r}), expected {expected.__name__}",
            {"job_id": getattr(result, "job_id", None), "result_type": type(result).__name__},
        )
    return result
