"""Every client operation written once, as a generator of I/O requests ("sans-I/O").

A flow yields operations (:class:`Api`, :class:`Upload`, :class:`Download`, :class:`Sleep`,
:class:`Parallel`, :class:`Emit`, :class:`Blocking`) and receives their results; it never
touches the network, the clock's sleep or threads itself. :class:`OqtopusClient` drives flows
with blocking httpx calls and threads for :class:`Parallel`; :class:`AsyncOqtopusClient`
drives the very same flows with httpx.AsyncClient and ``asyncio.gather``. So the two
clients share every decision (submission steps, archive resolution, polling, batching)
and differ only in how an operation is executed.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import posixpath
import threading
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from oqtopus_sdk import constants as C
from oqtopus_sdk import polling
from oqtopus_sdk.device import is_url
from oqtopus_sdk.errors import (
    BadRequestError,
    BatchJobError,
    JobFailedError,
    JobTimeoutError,
    OqtopusError,
    OqtopusTransportError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    StorageError,
    SubmissionError,
    UserApiError,
)
from oqtopus_sdk.polling import JobOutcome, StatusClass

if TYPE_CHECKING:
    from oqtopus_api.models import (
        JobsGetJobStatusResponse,
        JobsGetSselogResponse,
        JobsJob,
        JobsRegisterJobResponse,
        SuccessSuccessResponse,
    )

    from oqtopus_sdk.device import OqtopusDevice
    from oqtopus_sdk.results import OqtopusJobResult
    from oqtopus_sdk.spec import OqtopusJobSpec

logger = logging.getLogger("oqtopus_sdk")

T = TypeVar("T")
M = TypeVar("M")


# --- Operations ---------------------------------------------------------------------------
@dataclass(slots=True)
class Api:
    """One API request built by a generated ``_get_kwargs``; result: decoded JSON or None."""

    kwargs: dict[str, Any]
    idempotent: bool | None = None


@dataclass(slots=True)
class Upload:
    """Presigned multipart upload (or ``file://`` write); result: None."""

    url: str
    fields: Mapping[str, Any]
    data: bytes
    filename: str
    archive: str = "input"


@dataclass(slots=True)
class Download:
    """Presigned (or ``file://``) archive download; result: the bytes."""

    url: str
    archive: str


@dataclass(slots=True)
class Sleep:
    """Wait; result: None."""

    seconds: float


@dataclass(slots=True)
class Outcome:
    """The result of one item of a :class:`Parallel`: a value or the exception it raised."""

    value: Any = None
    error: BaseException | None = None


@dataclass(slots=True)
class Parallel:
    """Run operations or sub-flows concurrently (at most ``limit`` at once).

    Result: one :class:`Outcome` per item, in item order; an item's failure never cancels
    the others.
    """

    items: list[Any]
    limit: int


@dataclass(slots=True)
class Emit:
    """Hand a value to whoever iterates the flow (``as_completed``); result: None."""

    value: Any


@dataclass(slots=True)
class Blocking:
    """Run a blocking callable in a worker thread (the sse_driver call); result: its value."""

    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()


Op = Api | Upload | Download | Sleep | Parallel | Emit | Blocking
Flow = Generator[Op, Any, T]


# --- Shared per-client state ----------------------------------------------------------------
class TerminalCache:
    """Finished jobs per client: a terminal job's archives never change, so skip re-downloads."""

    def __init__(self, size: int = C.TERMINAL_JOB_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Any | None:
        with self._lock:
            value = self._items.get(job_id)
            if value is not None:
                self._items.move_to_end(job_id)
            return value

    def put(self, job_id: str, value: Any) -> None:
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
    """What flows need from their client: identity for results, clock, cache, defaults."""

    client: Any
    clock: Callable[[], float]
    cache: TerminalCache = field(default_factory=TerminalCache)
    # None: each multi-job wait derives its budget (polling.default_status_budget).
    status_requests_per_second: float | None = None
    # Set by clients that can fetch on first read (sync): (job_id, key, url) -> decoded.
    archive_loader: Callable[[str, str, str], Any] | None = None
    transport_error_budget: int = C.DEFAULT_WAIT_TRANSPORT_ERROR_BUDGET
    rng: Any = None


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


def _known(enum_cls: Any, value: Any) -> bool:
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
    model = parse_status(payload, job_id)
    return polling.status_text(model.status), model


# --- Requests (thin wrappers over the generated _get_kwargs) ---------------------------------
def _kw(module: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    result: dict[str, Any] = module._get_kwargs(*args, **kwargs)
    return result


def req_status(job_id: str) -> Api:
    from oqtopus_api.api.job import get_job_status

    return Api(_kw(get_job_status, job_id))


def req_job(job_id: str) -> Api:
    from oqtopus_api.api.job import get_job

    return Api(_kw(get_job, job_id))


# --- Devices ----------------------------------------------------------------------------------
def _resolve_device(raw: Any) -> Flow[OqtopusDevice]:
    from oqtopus_api.models import DevicesDeviceInfo

    from oqtopus_sdk.archives import read_json_archive
    from oqtopus_sdk.device import OqtopusDevice

    if isinstance(raw, Mapping) and is_url(raw.get("device_info")):
        name = f"device_info of {raw.get('device_id')}"
        data = yield Download(str(raw["device_info"]), name)
        raw = dict(raw)
        raw["device_info"] = json.dumps(read_json_archive(name, data))
    model = parse_model(DevicesDeviceInfo.from_dict, raw, "device")
    return OqtopusDevice(model)


def list_devices() -> Flow[list[OqtopusDevice]]:
    from oqtopus_api.api.device import list_devices as op

    raw = yield Api(_kw(op))
    if not isinstance(raw, list):
        raise ResponseValidationError("GET /devices: expected a JSON array", raw)
    outcomes = yield Parallel(
        [_resolve_device(item) for item in raw], C.MAX_PARALLEL_ARCHIVE_DOWNLOADS
    )
    return [_unwrap(o) for o in outcomes]


def get_device(device_id: str) -> Flow[OqtopusDevice]:
    from oqtopus_api.api.device import get_device as op

    raw = yield Api(_kw(op, device_id))
    return (yield from _resolve_device(raw))


def _unwrap(outcome: Outcome) -> Any:
    if outcome.error is not None:
        raise outcome.error
    return outcome.value


# --- Jobs: listing and simple calls ----------------------------------------------------------
def list_jobs(params: Mapping[str, Any]) -> Flow[list[JobsJob]]:
    from oqtopus_api.api.job import list_jobs as op

    raw = yield Api(_kw(op, **params))
    if not isinstance(raw, list):
        raise ResponseValidationError("GET /jobs: expected a JSON array", raw)
    return [parse_job(item, "GET /jobs item") for item in raw]


def get_job_status(job_id: str) -> Flow[JobsGetJobStatusResponse]:
    raw = yield req_status(job_id)
    return parse_status(raw, job_id)


def simple(module: Any, parse: Callable[[Any], M], what: str, *args: Any, **kwargs: Any) -> Flow[M]:
    """One request whose 2xx body is parsed with ``parse`` (a generated ``from_dict``)."""
    raw = yield Api(_kw(module, *args, **kwargs))
    return parse_model(parse, raw, what)


def no_content(module: Any, *args: Any, **kwargs: Any) -> Flow[None]:
    """One request whose 2xx body (if any) is ignored."""
    yield Api(_kw(module, *args, **kwargs))


def job_control(module: Any, ctx: Ctx, job_id: str, what: str) -> Flow[SuccessSuccessResponse]:
    from oqtopus_api.models import SuccessSuccessResponse

    # A cancelled or deleted job must not be served from the cache afterwards.
    ctx.cache.discard(job_id)
    raw = yield Api(_kw(module, job_id))
    ctx.cache.discard(job_id)
    if raw is None:
        raw = {"message": ""}
    return parse_model(SuccessSuccessResponse.from_dict, raw, what)


# --- Submission -------------------------------------------------------------------------------
def prepare_submission(spec: OqtopusJobSpec) -> tuple[dict[str, Any], bytes]:
    """Validate the spec and build the submit body and input archive, before any request."""
    from oqtopus_api.models import JobsSubmitJobRequest

    from oqtopus_sdk.archives import build_input_archive

    body = dict(spec.to_submit_body())  # validates the spec first
    # Building the generated model checks the body against the API schema up front.
    try:
        JobsSubmitJobRequest.from_dict(body)
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"job spec does not produce a valid submit request: {exc}") from exc
    archive = build_input_archive(spec.to_input_document())
    return body, archive


def submit(spec: OqtopusJobSpec) -> Flow[JobsRegisterJobResponse]:
    """register -> zip input.json -> multipart upload -> submit.

    Raises:
        SubmissionError: a step after register failed; ``job_id`` names the registered job.
    """
    from oqtopus_api.api.job import register_job_id, submit_job
    from oqtopus_api.models import JobsRegisterJobResponse, JobsSubmitJobRequest

    body, archive = prepare_submission(spec)
    raw = yield Api(_kw(register_job_id))
    registered = parse_model(JobsRegisterJobResponse.from_dict, raw, "POST /jobs")
    job_id = registered.job_id
    presigned = raw["presigned_url"]
    url = presigned.get("url") if isinstance(presigned, Mapping) else None
    fields = presigned.get("fields") if isinstance(presigned, Mapping) else None
    if not isinstance(url, str) or not url:
        raise SubmissionError(
            f"job {job_id} was registered but the answer holds no upload URL",
            job_id=job_id,
            stage="upload",
        )
    fields = dict(fields) if isinstance(fields, Mapping) else {}
    key = fields.get("key")
    filename = (
        posixpath.basename(str(key)) if key else C.INPUT_ARCHIVE_ENTRY_NAME.replace(".json", ".zip")
    )
    try:
        yield Upload(url, fields, archive, filename or "input.zip", "input")
    except OqtopusError as exc:
        raise SubmissionError(
            f"job {job_id} was registered but uploading its input failed: {exc}",
            job_id=job_id,
            stage="upload",
        ) from exc

    # Submitting twice is harmless (the server refuses the second one), so a submit whose
    # answer was lost may be retried; the refusal is then resolved by looking at the job.
    request = _kw(submit_job, job_id, body=JobsSubmitJobRequest.from_dict(body))
    request["json"] = body
    try:
        yield Api(request, idempotent=True)
    except BadRequestError as exc:
        if C.SUBMIT_NOT_REGISTERED_MARKER in exc.message:
            try:
                status_raw = yield req_status(job_id)
                status, _ = status_of(status_raw, job_id)
            except OqtopusError:
                status = "registered"
            if status != "registered":
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
ARCHIVE_KEYS: tuple[str, ...] = ("input", "combined_program", "result", "transpile_result")
EAGER_ARCHIVE_KEYS: frozenset[str] = frozenset({"result"})
"""Fetched with the job even when the client can load the others on first read."""


def resolve_job(ctx: Ctx, raw: Any, *, what: str) -> Flow[OqtopusJobResult]:
    """Download the job's archives concurrently and wrap it by job type."""
    from oqtopus_sdk.archives import decode_archive
    from oqtopus_sdk.results import wrap_job

    if not isinstance(raw, Mapping):
        raise ResponseValidationError(f"{what}: expected a JSON object", raw)
    job_info = raw.get("job_info")
    resolved: dict[str, Any] = {}
    downloads: list[tuple[str, str]] = []
    pending: dict[str, str] = {}
    lazy = ctx.archive_loader is not None and isinstance(raw.get("job_id"), str)
    if isinstance(job_info, Mapping):
        for key in ARCHIVE_KEYS:
            value = job_info.get(key)
            if is_url(value):
                if lazy and key not in EAGER_ARCHIVE_KEYS:
                    pending[key] = str(value)
                else:
                    downloads.append((key, str(value)))
            elif value is not None:
                resolved[key] = value  # already inline (legacy servers, sse_container)
    if downloads:
        outcomes = yield Parallel(
            [Download(url, key) for key, url in downloads], C.MAX_PARALLEL_ARCHIVE_DOWNLOADS
        )
        for (key, _), outcome in zip(downloads, outcomes, strict=True):
            resolved[key] = decode_archive(key, _unwrap(outcome))
    loader = None
    if pending and ctx.archive_loader is not None:  # pending implies lazy; narrows the type
        loader = functools.partial(ctx.archive_loader, raw["job_id"])
    try:
        return wrap_job(raw, resolved, client=ctx.client, pending=pending, loader=loader)
    except (KeyError, ValueError, TypeError) as exc:
        raise ResponseValidationError(f"{what}: job record does not fit: {exc}", raw) from exc


def load_archive(job_id: str, key: str, url: str) -> Flow[Any]:
    """Download and decode one archive on first read.

    Presigned URLs expire (one hour on the live service), and a finished job may be read
    from the cache long after; a refused URL is replaced by reading the job again.
    """
    from oqtopus_sdk.archives import decode_archive

    try:
        data = yield Download(url, key)
    except StorageError as exc:
        if exc.status_code not in (400, 401, 403):
            raise
        raw = yield req_job(job_id)
        job_info = raw.get("job_info") if isinstance(raw, Mapping) else None
        fresh = job_info.get(key) if isinstance(job_info, Mapping) else None
        if not is_url(fresh) or fresh == url:
            raise
        data = yield Download(str(fresh), key)
    return decode_archive(key, data)


def get_job(ctx: Ctx, job_id: str, *, use_cache: bool = True) -> Flow[OqtopusJobResult]:
    """GET /jobs/{id}, resolve archives, wrap; terminal jobs are cached per client."""
    if use_cache:
        cached: OqtopusJobResult | None = ctx.cache.get(job_id)
        if cached is not None:
            return cached
    raw = yield req_job(job_id)
    result = yield from resolve_job(ctx, raw, what=f"GET /jobs/{job_id}")
    status = raw.get("status") if isinstance(raw, Mapping) else None
    if status in C.TERMINAL_STATUSES:
        ctx.cache.put(job_id, result)
    return result


def fetch_sse_log(job_id: str) -> Flow[bytes]:
    """The raw SSE log zip of a job, via a fresh ``job_info.sse_log`` URL."""
    raw = yield req_job(job_id)
    job_info = raw.get("job_info") if isinstance(raw, Mapping) else None
    url = job_info.get("sse_log") if isinstance(job_info, Mapping) else None
    if not isinstance(url, str) or not url:
        raise ResponseValidationError(f"SSE log is not available for job {job_id}.", raw)
    if not is_url(url):
        # Inline log text (sse_container/legacy): hand back its bytes unchanged.
        return url.encode("utf-8")
    data: bytes = yield Download(url, "sse_log")
    return data


def get_sselog(job_id: str) -> Flow[JobsGetSselogResponse]:
    from oqtopus_api.models import JobsGetSselogResponse

    data = yield from fetch_sse_log(job_id)
    return JobsGetSselogResponse(
        file=base64.b64encode(data).decode("ascii"), file_name=f"sselog_{job_id}.log"
    )


# --- Waiting ----------------------------------------------------------------------------------
_TRANSIENT = (OqtopusTransportError, ServerError, RateLimitError)


@dataclass(slots=True)
class WaitOptions:
    """Validated wait parameters shared by single and multi-job waits."""

    interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS
    interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF
    max_interval: float | None = None
    timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS
    terminal: frozenset[str] = C.TERMINAL_STATUSES
    failure: frozenset[str] = frozenset()
    on_status: Callable[[Any], Any] | None = None

    @classmethod
    def build(
        cls,
        *,
        interval: float,
        interval_backoff: float,
        max_interval: float | None,
        timeout: float | None,
        terminal_statuses: Iterable[object] | None = None,
        failure_statuses: Iterable[object] | None = None,
        on_status: Callable[[Any], Any] | None = None,
    ) -> WaitOptions:
        polling.validate_wait_args(
            interval=interval,
            interval_backoff=interval_backoff,
            max_interval=max_interval,
            timeout=timeout,
        )
        if on_status is not None and not callable(on_status):
            raise TypeError(f"on_status must be callable, got {on_status!r}")
        return cls(
            interval=float(interval),
            interval_backoff=float(interval_backoff),
            max_interval=max_interval,
            timeout=timeout,
            terminal=polling.normalize_statuses(terminal_statuses, C.TERMINAL_STATUSES),
            failure=polling.normalize_statuses(failure_statuses, frozenset()),
            on_status=on_status,
        )


def _failed_error(job_id: str, status: str, result: Any) -> JobFailedError:
    server_message = getattr(result, "message", None)
    text = f"job {job_id} ended with status {status!r}"
    if server_message:
        text += f": {server_message}"
    return JobFailedError(
        text, job_id=job_id, result=result, status=status, server_message=server_message
    )


def wait_for_job(ctx: Ctx, job_id: str, opts: WaitOptions) -> Flow[OqtopusJobResult]:
    """Poll GET /jobs/{id}/status until terminal, then GET the job once.

    Transient failures (connection, timeout, 5xx, 429: each already retried by the
    transport) are tolerated up to the client's consecutive-failure budget.
    """
    now = ctx.clock()
    deadline = now + opts.timeout if opts.timeout is not None else None
    current = polling.first_interval(opts.interval, opts.max_interval)
    errors = 0
    last: str | None = None
    while True:
        try:
            raw = yield req_status(job_id)
        except _TRANSIENT as exc:
            errors += 1
            if errors > ctx.transport_error_budget:
                raise
            logger.warning(
                "job %s: status poll failed (%d of %d tolerated): %s",
                job_id,
                errors,
                ctx.transport_error_budget,
                exc,
            )
        else:
            errors = 0
            last, model = status_of(raw, job_id)
            if opts.on_status is not None:
                opts.on_status(model)
            kind = polling.classify_status(last, opts.terminal, opts.failure)
            if kind is not StatusClass.PENDING:
                result = yield from get_job(ctx, job_id)
                if kind is StatusClass.FAILED:
                    raise _failed_error(job_id, last, result)
                return result
        delay = polling.sleep_before_next_poll(current, ctx.clock(), deadline)
        if delay is None:
            raise JobTimeoutError(
                polling.timeout_message(job_id, opts.timeout, last),
                job_id=job_id,
                last_status=last,
                timeout=opts.timeout,
            )
        yield Sleep(delay)
        current = polling.next_interval(current, opts.interval_backoff, opts.max_interval)


def _timeout_error(job_id: str, opts: WaitOptions, last: str | None) -> JobTimeoutError:
    return JobTimeoutError(
        polling.timeout_message(job_id, opts.timeout, last),
        job_id=job_id,
        last_status=last,
        timeout=opts.timeout,
    )


def wait_many(
    ctx: Ctx,
    job_ids: Sequence[str],
    opts: WaitOptions,
    *,
    max_workers: int,
    requests_per_second: float | None = None,
) -> Flow[dict[str, JobOutcome]]:
    """Wait for many jobs in ONE loop under a shared status-request budget.

    Emits a :class:`JobOutcome` for each job as it finishes (for ``as_completed``) and
    returns every outcome keyed by job id. Nothing is lost: a job that times out or cannot
    be reached gets an outcome holding the error.
    """
    rate = (
        requests_per_second
        or ctx.status_requests_per_second
        or polling.default_status_budget(max_workers, opts.interval)
    )
    unique = list(dict.fromkeys(job_ids))
    start = ctx.clock()
    deadline = start + opts.timeout if opts.timeout is not None else None
    sched = polling.PollScheduler(
        unique,
        now=start,
        interval=opts.interval,
        interval_backoff=opts.interval_backoff,
        max_interval=opts.max_interval,
        requests_per_second=rate,
        rng=ctx.rng,
    )
    outcomes: dict[str, JobOutcome] = {}

    def done(outcome: JobOutcome) -> Emit:
        outcomes[outcome.job_id] = outcome
        sched.finish(outcome.job_id)
        return Emit(outcome)

    while sched.pending:
        now = ctx.clock()
        if deadline is not None and now >= deadline:
            for job_id in sched.pending:
                yield done(
                    JobOutcome(
                        job_id, error=_timeout_error(job_id, opts, sched.last_status(job_id))
                    )
                )
            break
        due = sched.due(now)
        if not due:
            delay = sched.sleep_time(now)
            if deadline is not None:
                delay = min(delay, max(0.0, deadline - now))
            yield Sleep(delay)
            continue
        polls = yield Parallel([req_status(job_id) for job_id in due], max_workers)
        finished: list[tuple[str, StatusClass, str]] = []
        polled_at = ctx.clock()
        for job_id, outcome in zip(due, polls, strict=True):
            if outcome.error is not None:
                error = outcome.error
                if (
                    isinstance(error, _TRANSIENT)
                    and sched.failed(job_id, polled_at) <= ctx.transport_error_budget
                ):
                    continue
                yield done(JobOutcome(job_id, error=error))
                continue
            try:
                status, model = status_of(outcome.value, job_id)
            except ResponseValidationError as exc:
                yield done(JobOutcome(job_id, error=exc))
                continue
            if opts.on_status is not None:
                opts.on_status(model)
            kind = polling.classify_status(status, opts.terminal, opts.failure)
            if kind is StatusClass.PENDING:
                sched.polled(job_id, polled_at, status)
            else:
                finished.append((job_id, kind, status))
        if finished:
            for job_id, _, _ in finished:
                sched.finish(job_id)
            fetched = yield Parallel(
                [get_job(ctx, job_id) for job_id, _, _ in finished], max_workers
            )
            for (job_id, kind, status), outcome in zip(finished, fetched, strict=True):
                if outcome.error is not None:
                    yield done(JobOutcome(job_id, error=outcome.error))
                elif kind is StatusClass.FAILED:
                    err = _failed_error(job_id, status, outcome.value)
                    yield done(JobOutcome(job_id, result=outcome.value, error=err))
                else:
                    yield done(JobOutcome(job_id, result=outcome.value))
    return outcomes


def collect(
    job_ids: Sequence[str],
    outcomes: Mapping[str, JobOutcome],
    *,
    what: str,
    extra_errors: Mapping[int, BaseException] | None = None,
    extra_ids: Mapping[int, str | None] | None = None,
    total: int | None = None,
    index_of: Sequence[int] | None = None,
) -> list[Any]:
    """Results in input order; BatchJobError with every result and every error otherwise."""
    size = total if total is not None else len(job_ids)
    results: list[Any] = [None] * size
    errors: dict[int, BaseException] = dict(extra_errors or {})
    ids: dict[int, str | None] = dict(extra_ids or {})
    positions = index_of if index_of is not None else range(len(job_ids))
    for position, job_id in zip(positions, job_ids, strict=True):
        ids[position] = job_id
        outcome = outcomes.get(job_id)
        if outcome is None:
            errors[position] = OqtopusError(f"no outcome for job {job_id}")
            continue
        results[position] = outcome.result
        if outcome.error is not None:
            errors[position] = outcome.error
    if errors:
        raise BatchJobError(
            f"{what}: {len(errors)} of {size} job(s) did not succeed",
            results=results,
            errors=errors,
            job_ids=ids,
        )
    return results


def wait_for_jobs(
    ctx: Ctx,
    job_ids: Sequence[str],
    opts: WaitOptions,
    *,
    max_workers: int,
    requests_per_second: float | None,
) -> Flow[list[OqtopusJobResult]]:
    outcomes = yield from wait_many(
        ctx, job_ids, opts, max_workers=max_workers, requests_per_second=requests_per_second
    )
    return collect(job_ids, outcomes, what="wait_for_jobs")


def submit_many(specs: Sequence[OqtopusJobSpec], max_workers: int) -> Flow[list[Outcome]]:
    outcomes: list[Outcome] = yield Parallel([submit(spec) for spec in specs], max_workers)
    return outcomes


def submit_jobs(
    specs: Sequence[OqtopusJobSpec], max_workers: int
) -> Flow[list[JobsRegisterJobResponse]]:
    outcomes = yield from submit_many(specs, max_workers)
    errors = {i: o.error for i, o in enumerate(outcomes) if o.error is not None}
    if errors:
        ids: dict[int, str | None] = {}
        for i, o in enumerate(outcomes):
            if o.error is None:
                ids[i] = o.value.job_id
            else:
                ids[i] = getattr(o.error, "job_id", None)
        raise BatchJobError(
            f"submit_jobs: {len(errors)} of {len(specs)} submission(s) failed",
            results=[o.value for o in outcomes],
            errors=errors,
            job_ids=ids,
        )
    return [o.value for o in outcomes]


def run_jobs_batch(
    ctx: Ctx,
    specs: Sequence[OqtopusJobSpec],
    opts: WaitOptions,
    *,
    submit_workers: int,
    wait_workers: int,
    requests_per_second: float | None,
) -> Flow[list[OqtopusJobResult]]:
    """Submit all, wait for every submitted one; never lose a result or an error."""
    outcomes = yield from submit_many(specs, submit_workers)
    submit_errors: dict[int, BaseException] = {}
    error_ids: dict[int, str | None] = {}
    job_ids: list[str] = []
    positions: list[int] = []
    for i, o in enumerate(outcomes):
        if o.error is not None:
            submit_errors[i] = o.error
            error_ids[i] = getattr(o.error, "job_id", None)
        else:
            job_ids.append(o.value.job_id)
            positions.append(i)
    waited = yield from wait_many(
        ctx, job_ids, opts, max_workers=wait_workers, requests_per_second=requests_per_second
    )
    return collect(
        job_ids,
        waited,
        what="run_jobs_batch",
        extra_errors=submit_errors,
        extra_ids=error_ids,
        total=len(specs),
        index_of=positions,
    )


def run_job(ctx: Ctx, spec: OqtopusJobSpec, opts: WaitOptions) -> Flow[OqtopusJobResult]:
    registered = yield from submit(spec)
    return (yield from wait_for_job(ctx, registered.job_id, opts))


# --- sse_container mode -----------------------------------------------------------------------
def run_in_sse_container(ctx: Ctx, spec: OqtopusJobSpec) -> Flow[OqtopusJobResult]:
    """Run a job through ``sse_driver.submit_job`` (wire-contract 10.3), no HTTP at all."""
    from oqtopus_sdk import sse
    from oqtopus_sdk.results import wrap_job

    request, upload_info, job_type = sse.container_request(spec)
    driver = sse.import_driver()
    try:
        response = yield Blocking(driver.submit_job, (request, upload_info))
    except Exception as exc:
        raise sse.driver_failure(exc, job_type) from exc
    payload = sse.normalize_container_response(response)
    if not isinstance(payload, Mapping):
        raise ResponseValidationError("sse_container: sse_driver returned no job record", payload)
    job_info = payload.get("job_info")
    resolved = dict(job_info) if isinstance(job_info, Mapping) else {}
    try:
        return wrap_job(payload, resolved, client=ctx.client)
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


def is_user_api_error(exc: BaseException) -> bool:
    return isinstance(exc, UserApiError)
