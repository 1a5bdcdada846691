"""Emulator state and job executor, independent of the HTTP layer.

Lifecycle: ``submitted -> ready -> running -> succeeded|failed``. Every step is a
conditional store transition, so a job cancelled (or deleted) while the executor works
on it keeps its new state and the executor silently drops it.

Interrupted jobs after a restart (``submitted``, ``ready`` or ``running`` in the data
directory) are re-queued: they go back to ``submitted`` (keeping ``submitted_at``,
clearing ``ready_at``/``running_at``) and run again.

SSE programs run as in the live SSE container (wire-contract 10.3): a subprocess whose
environment holds only ``OQTOPUS_ENV=sse_container``, ``PYTHONPATH`` (the emulator's
``sse_driver`` plus the SDK packages), ``JOB_JSON``, ``OUT_PATH``, ``PATH``, ``LANG``,
``PYTHONUNBUFFERED``, a scratch ``HOME``/``XDG_*``/``TMPDIR`` inside the run's temporary
directory (so no config file of the user, with its API token, can be read) and the two
private variables the driver calls back with. Nothing else of the emulator's environment
is passed on. The program's SDK hands each ``run_*`` job to ``sse_driver.submit_job``,
which posts it to ``/_local/sse/jobs`` with a per-run token ``sse-<random>.<secret>``.
That token only works on the internal endpoints (the public API answers 401, as the live
container has no API token); jobs created with it are marked ``sse_parent``, never appear
in the public API (as on the live service, where they go to the engine, not the job
table) and are deleted with their parent. Whenever one finishes it becomes the parent's
"last inner job"; when the program exits with status 0, the parent's
``result``/``transpile_result`` archives and ``transpiler_info`` are copied from that job.
The token is revoked and unfinished inner jobs are cancelled when the program ends.

A failing program's job gets ``job_info.message`` = ``user program execution error: ``
plus the end of its traceback (or its exit status and last output). Its log is kept as
``sse_log.zip`` but, as on the live service, not listed in ``job_info`` (only a succeeded
job has ``sse_log``); the emulator still serves it from the legacy
``GET /jobs/{id}/sselog`` endpoint, so the whole output stays readable locally.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import signal
import site
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from . import quantum
from .archives import json_zip, make_zip, read_input, read_single_entry
from .devices import Device, alias_view, check_aliases, default_devices
from .faults import FaultInjector
from .ids import iso, new_token_part, utcnow, uuid7
from .listing import job_to_json
from .signing import sign_download
from .sse_runtime import sse_driver
from .store import ArchiveStore, JobRecord, JobStore
from .validation import parse_submit_body

log = logging.getLogger("oqtopus_sdk.local")
T = TypeVar("T")

DEFAULT_API_TOKEN = "oqtopus-local-dev.local-dev-secret-0000"
DEFAULT_USER_ID = "local-user"
SSE_LOG_NAME = "sse_runtime.log"
ARCHIVE_ENTRY = {
    "combined_program": "combined_program",
    "transpile_result": "transpile_result.json",
    "result": "result.json",
    "sse_log": SSE_LOG_NAME,
}
ACTIVE = ("submitted", "ready", "running")
DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # the live policy's content-length-range
SSE_RUNTIME_DIR = Path(__file__).resolve().parent / "sse_runtime"
# Bounds of the traceback excerpt put into job_info.message of a failed SSE job.
SSE_MESSAGE_LINES = 15
SSE_MESSAGE_CHARS = 1500


def check_max_upload_bytes(value: object) -> None:
    """ValueError unless ``value`` is a positive int (the emulator's upload limit)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"max_upload_bytes must be an int, got {value!r}")
    if value < 1:
        raise ValueError(f"max_upload_bytes must be positive, got {value}")


# qiskit work runs on ONE long-lived thread for the whole process. With short-lived
# worker threads (a pool per server) qiskit.qasm3.loads segfaulted after transpiles on
# other threads (qiskit 2.6, reproduced); a single persistent thread never did, and it
# also serialises qiskit calls, which are not documented as thread-safe.
_QISKIT_LOCK = threading.Lock()
_qiskit_executor: ThreadPoolExecutor | None = None


def run_qiskit(fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` on the process-wide qiskit thread and wait for the result.

    Args:
        fn: The function.
        *args: Its arguments.

    Returns:
        What ``fn`` returned (its exceptions propagate).
    """
    global _qiskit_executor
    with _QISKIT_LOCK:
        if _qiskit_executor is None:
            _qiskit_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oq-qiskit")
        executor = _qiskit_executor
    return executor.submit(fn, *args).result()


class SseRequestError(Exception):
    """An inner SSE job the emulator refuses; ``body`` is the JSON error body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        """Create the error.

        Args:
            status: HTTP status.
            body: ``{"message": ...}`` or ``{"detail": [...]}``.
        """
        super().__init__(body)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class Principal:
    """Who made a request."""

    user_id: str
    sse_parent: str | None = None


@dataclass
class UserProfile:
    """The user behind a token (``/users/me``)."""

    id: str
    email: str
    name: str
    organization: str
    created_at: str
    login_events: list[dict[str, Any]] = field(default_factory=list)


def split_token(value: str | None) -> tuple[str, str] | None:
    """Split ``<id>.<secret>``; anything else is malformed.

    Args:
        value: Header value.

    Returns:
        ``(id, secret)`` or None.
    """
    if not value:
        return None
    parts = value.strip().split(".")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return None
    return parts[0], parts[1]


def token_expiration(now: datetime) -> str:
    """Compute a token expiration like the server: seconds zeroed, plus 90 days.

    Args:
        now: Creation time.

    Returns:
        ISO-8601 text.
    """
    return iso(now.replace(second=0, microsecond=0) + timedelta(days=90))


class Emulator:
    """All server state: jobs, archives, tokens, devices, faults and the executor."""

    def __init__(
        self,
        *,
        api_token: str = DEFAULT_API_TOKEN,
        data_dir: str | os.PathLike[str] | None = None,
        devices: list[Device] | None = None,
        faults: FaultInjector | None = None,
        sse_timeout: float = 600.0,
        max_workers: int = 4,
        storage: str = "http",
        secret: bytes | None = None,
        device_aliases: Mapping[str, str] | None = None,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    ) -> None:
        """Create the state; call :meth:`start` once the base URL is known.

        Args:
            api_token: The default user's token ``<id>.<secret>``.
            data_dir: Directory for SQLite and archives, or None for memory only.
            devices: Device catalogue (default: :func:`default_devices`).
            faults: Fault injector (default: none).
            sse_timeout: Time limit of SSE user programs in seconds.
            max_workers: Worker threads for quantum jobs (SSE programs get their own pool).
            storage: ``"http"`` (presigned POST to this server) or ``"file"``
                (``file://`` URLs, needs ``data_dir``).
            secret: Signing secret; random by default (persisted in the data dir).
            device_aliases: ``{alias: device_id}``; None means ``{"qulacs": "SVSim"}``.
            max_upload_bytes: Largest ``input.zip`` the presigned POST accepts.

        Raises:
            ValueError: Malformed token, ``storage="file"`` without a data dir, a bad
                alias (see :func:`~oqtopus_sdk.local.devices.check_aliases`) or a
                non-positive upload limit.
        """
        if split_token(api_token) is None:
            raise ValueError("api_token must look like '<id>.<secret>'")
        if storage not in ("http", "file"):
            raise ValueError("storage must be 'http' or 'file'")
        if storage == "file" and data_dir is None:
            raise ValueError("storage='file' needs a data_dir")
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.storage_mode = storage
        check_max_upload_bytes(max_upload_bytes)
        self.devices = {d.device_id: d for d in (devices or default_devices())}
        self.aliases = check_aliases(device_aliases, self.devices.values())
        self.max_upload_bytes = max_upload_bytes
        self.faults = faults or FaultInjector()
        self.sse_timeout = sse_timeout
        self.base_url = ""
        self.secret = secret or self._load_secret()
        self.store = JobStore(self.data_dir / "jobs.sqlite3" if self.data_dir else None)
        self.archives = ArchiveStore(self.data_dir / "storage" if self.data_dir else None)
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self.api_token = api_token
        now = utcnow()
        self._started_at = now
        self._tokens: dict[str, tuple[Principal, str]] = {
            api_token: (Principal(DEFAULT_USER_ID), token_expiration(now))
        }
        self._created_token: dict[str, str] = {}
        self._sse_last: dict[str, str] = {}
        self.users: dict[str, UserProfile] = {}
        self._add_user(DEFAULT_USER_ID)
        self.settings: dict[str, Any] = {
            "editable_fields": ["name", "organization"],
            "allow_deletion": False,
            "visible_fields": ["id", "name", "email", "organization", "created_at"],
            "login_history_enabled": False,
        }
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="oq-job")
        self._sse_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="oq-sse")
        self._closed = False

    # ----- setup -------------------------------------------------------------------

    def _load_secret(self) -> bytes:
        # A persisted secret keeps presigned URLs handed out before a restart valid.
        if self.data_dir is None:
            return os.urandom(32)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / "signing.key"
        if path.exists():
            return path.read_bytes()
        key = os.urandom(32)
        path.write_bytes(key)
        return key

    def _add_user(self, user_id: str) -> None:
        self.users.setdefault(
            user_id,
            UserProfile(
                id=user_id,
                email=f"{user_id}@localhost",
                name=user_id,
                organization="local",
                created_at=iso(self._started_at),
            ),
        )

    def start(self, base_url: str) -> None:
        """Set the base URL and re-queue jobs interrupted by a previous shutdown.

        Args:
            base_url: ``http://host:port`` the server listens on.
        """
        self.base_url = base_url.rstrip("/")
        for rec in self.store.all():
            if rec.status in ACTIVE and rec.sse_parent is None:
                updated = self.store.transition(
                    rec.job_id, ACTIVE, status="submitted", ready_at=None, running_at=None
                )
                if updated is not None:
                    log.info("re-queued interrupted job %s", rec.job_id)
                    self._schedule(updated)
            elif rec.status in ACTIVE:
                # Inner SSE jobs are owned by a program that no longer runs.
                self._finish_failed(rec.job_id, ACTIVE, "internal server error: emulator restarted")

    def close(self) -> None:
        """Stop workers (running SSE programs are killed) and close the database."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._sse_pool.shutdown(wait=False, cancel_futures=True)
        self.store.close()

    def reset(self) -> None:
        """Forget every job, archive, extra token and fault setting."""
        with self._lock:
            self.store.clear()
            self.archives.clear()
            self._sse_last.clear()
            self._created_token.clear()
            self._tokens = {
                t: v
                for t, v in self._tokens.items()
                if t == self.api_token or v[0].user_id != DEFAULT_USER_ID or v[0].sse_parent
            }
        self.faults.reset()

    # ----- auth --------------------------------------------------------------------

    # ----- devices -------------------------------------------------------------------

    def resolve_device(self, device_id: str | None) -> Device | None:
        """Find the device a job with this device id runs on (aliases resolved).

        Args:
            device_id: A device id or alias.

        Returns:
            The device, or None when unknown.
        """
        if device_id is None:
            return None
        return self.devices.get(self.aliases.get(device_id, device_id))

    def device_view(self, device_id: str) -> Device | None:
        """Return a device as ``GET /devices/{id}`` shows it (an alias under its own id).

        Args:
            device_id: A device id or alias.

        Returns:
            The device or its alias view, or None when unknown.
        """
        target = self.resolve_device(device_id)
        if target is None or device_id == target.device_id:
            return target
        return alias_view(target, device_id)

    def device_views(self) -> list[Device]:
        """Return every device and alias as ``GET /devices`` lists them.

        Returns:
            Devices in catalogue order, then aliases in the order they were given.
        """
        views = list(self.devices.values())
        views += [alias_view(self.devices[t], a) for a, t in self.aliases.items()]
        return views

    # ----- auth --------------------------------------------------------------------

    def authenticate(self, header: str | None) -> Principal | None:
        """Resolve a ``q-api-token`` header value.

        Args:
            header: Header value.

        Returns:
            The principal, or None for missing/malformed/unknown tokens.
        """
        if split_token(header) is None or header is None:
            return None
        with self._lock:
            entry = self._tokens.get(header.strip())
        return None if entry is None else entry[0]

    def add_token(self, token: str, user_id: str) -> None:
        """Register another valid token, e.g. a second user for ownership tests.

        Args:
            token: ``<id>.<secret>``.
            user_id: Owner; a profile is created if needed.

        Raises:
            ValueError: Malformed token.
        """
        if split_token(token) is None:
            raise ValueError("token must look like '<id>.<secret>'")
        with self._lock:
            self._tokens[token] = (Principal(user_id), token_expiration(utcnow()))
            self._add_user(user_id)

    def create_token(self, who: Principal) -> dict[str, str]:
        """Issue a new token for the caller, replacing the one issued before.

        The configured token stays valid (it plays the web-console-issued token).

        Args:
            who: The caller.

        Returns:
            ``api-token.ApiToken``.
        """
        tid, sec = new_token_part(), new_token_part()
        exp = token_expiration(utcnow())
        with self._lock:
            old = self._created_token.pop(who.user_id, None)
            if old is not None:
                self._tokens.pop(old, None)
            self._tokens[f"{tid}.{sec}"] = (Principal(who.user_id), exp)
            self._created_token[who.user_id] = f"{tid}.{sec}"
        return {"api_token_id": tid, "api_token_secret": sec, "api_token_expiration": exp}

    def delete_token(self, who: Principal) -> None:
        """Revoke the token issued through ``POST /api-token``, if any.

        Args:
            who: The caller.
        """
        with self._lock:
            old = self._created_token.pop(who.user_id, None)
            if old is not None:
                self._tokens.pop(old, None)

    def token_status(self, token: str) -> dict[str, str]:
        """Return the caller's token expiration.

        Args:
            token: The caller's token.

        Returns:
            ``{"api_token_expiration": ...}``.
        """
        with self._lock:
            entry = self._tokens.get(token.strip())
        exp = entry[1] if entry else token_expiration(self._started_at)
        return {"api_token_expiration": exp}

    # ----- jobs --------------------------------------------------------------------

    def register(self, who: Principal) -> JobRecord:
        """Create a ``registered`` job.

        Args:
            who: Owner.

        Returns:
            The new job.
        """
        rec = JobRecord(
            job_id=uuid7(),
            owner=who.user_id,
            seq=self.store.next_seq(),
            created_at=iso(utcnow()),
            sse_parent=who.sse_parent,
        )
        self.store.add(rec)
        return rec

    def get_owned(self, who: Principal, job_id: str) -> JobRecord | None:
        """Fetch a job visible to the caller (someone else's job looks absent).

        Args:
            who: Caller.
            job_id: Job id.

        Returns:
            The job or None.
        """
        rec = self.store.get(job_id)
        # Inner SSE jobs are not API jobs on the live service: they look absent.
        if rec is None or rec.owner != who.user_id or rec.sse_parent is not None:
            return None
        return rec

    def jobs_of(self, who: Principal) -> list[JobRecord]:
        """List the caller's jobs in creation order.

        Args:
            who: Caller.

        Returns:
            The jobs.
        """
        return [r for r in self.store.all() if r.owner == who.user_id and r.sse_parent is None]

    def pending_jobs(self, device_id: str) -> int:
        """Count jobs waiting for a device (``submitted`` or ``ready``).

        Args:
            device_id: Device.

        Returns:
            The count.
        """
        target = self.resolve_device(device_id)
        if target is None:
            return 0
        resolve = self.resolve_device
        return self.store.count(
            lambda r: r.status in ("submitted", "ready") and resolve(r.device_id) is target
        )

    def input_key(self, job_id: str) -> str:
        """Return the storage key of a job's input.

        Args:
            job_id: Job.

        Returns:
            ``<job_id>/input.zip``.
        """
        return f"{job_id}/input.zip"

    def upload_target(self, job_id: str) -> dict[str, Any]:
        """Build ``presigned_url`` for a registered job.

        Args:
            job_id: Job.

        Returns:
            ``{"url", "fields"}`` in the configured storage mode.
        """
        from .signing import make_post_policy

        key = self.input_key(job_id)
        if self.storage_mode == "file":
            return {"url": self.archives.path_for(key).as_uri(), "fields": {}}
        return {
            "url": f"{self.base_url}/storage/upload",
            "fields": make_post_policy(self.secret, key, max_bytes=self.max_upload_bytes),
        }

    def job_info(self, rec: JobRecord) -> dict[str, Any]:
        """Build ``job_info``: download URLs of existing archives plus ``message``.

        Args:
            rec: Job.

        Returns:
            The object (possibly empty).
        """
        info: dict[str, Any] = {}
        for name in ("input", "combined_program", "transpile_result", "result", "sse_log"):
            if name == "sse_log" and rec.status != "succeeded":
                continue  # live: a failed SSE job uploads no log (the emulator keeps it)
            key = f"{rec.job_id}/{name}.zip"
            if self.archives.exists(key):
                if self.storage_mode == "file":
                    info[name] = self.archives.path_for(key).as_uri()
                else:
                    info[name] = sign_download(self.secret, self.base_url, key)
        if rec.message:
            info["message"] = rec.message
        return info

    def submit(self, rec: JobRecord) -> None:
        """Queue a freshly submitted job on the right executor.

        Args:
            rec: The job (already ``submitted``).
        """
        self._schedule(rec)

    def _schedule(self, rec: JobRecord) -> None:
        pool = self._sse_pool if rec.job_type == "sse" else self._pool
        try:
            pool.submit(self._run_safely, rec.job_id)
        except RuntimeError:
            # Shutting down: the job stays submitted and is re-queued on the next start.
            log.debug("executor closed; job %s left queued", rec.job_id)

    def cancel(self, job_id: str) -> JobRecord | None:
        """Move an active or registered job to ``cancelled``.

        Args:
            job_id: Job.

        Returns:
            The updated job, or None if it was not cancellable any more.
        """
        return self.store.transition(
            job_id, ("registered", "submitted", "ready", "running"), status="cancelled"
        )

    def delete(self, job_id: str) -> None:
        """Remove a job and all of its archives.

        Args:
            job_id: Job.
        """
        for child in self.store.ids_where(lambda r: r.sse_parent == job_id):
            self.store.delete(child)
            self.archives.delete_prefix(child)
        self.store.delete(job_id)
        self.archives.delete_prefix(job_id)

    # ----- executor ----------------------------------------------------------------

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stop.wait(seconds)

    def _run_safely(self, job_id: str) -> None:
        try:
            self._run(job_id)
        except Exception:
            # Never leave a job stuck in an active state because of an emulator bug.
            log.exception("job %s crashed in the executor", job_id)
            self._finish_failed(job_id, ACTIVE, "internal server error")

    def _finish_failed(
        self, job_id: str, from_statuses: tuple[str, ...], message: str, **extra: Any
    ) -> None:
        rec = self.store.transition(
            job_id, from_statuses, status="failed", ended_at=iso(utcnow()), message=message, **extra
        )
        if rec is not None:
            self._note_inner_finished(rec)

    def _note_inner_finished(self, rec: JobRecord) -> None:
        if rec.sse_parent is not None:
            with self._lock:
                self._sse_last[rec.sse_parent] = rec.job_id

    def _run(self, job_id: str) -> None:
        cfg = self.faults.config
        self._sleep(cfg.queue_latency)
        if self._stop.is_set():
            return
        rec = self.store.transition(job_id, ("submitted",), status="ready", ready_at=iso(utcnow()))
        if rec is None:
            return
        if rec.job_type == "sse":
            self._run_sse(rec)
            return
        self._sleep(cfg.run_latency)
        tinfo = quantum.normalize_transpiler_info(rec.transpiler_info)
        if self.store.transition(job_id, ("ready",), transpiler_info=tinfo) is None:
            return
        sim = rec.simulator_info or {}
        seed = sim.get("seed_simulation")
        seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else None
        device = self.resolve_device(rec.device_id)
        try:
            if device is None:
                raise quantum.JobFailure(f"device {rec.device_id} not found")
            job_input = read_input(self.archives.get(self.input_key(job_id)))
            prepared = run_qiskit(
                quantum.prepare, rec.job_type or "", job_input, device, tinfo, seed
            )
        except quantum.JobFailure as exc:
            self._finish_failed(job_id, ("ready",), str(exc))
            return
        if prepared.combined_program is not None:
            self.archives.put(
                f"{job_id}/combined_program.zip",
                make_zip(ARCHIVE_ENTRY["combined_program"], prepared.combined_program),
            )
        if prepared.transpile_result is not None:
            self.archives.put(
                f"{job_id}/transpile_result.zip",
                json_zip(ARCHIVE_ENTRY["transpile_result"], prepared.transpile_result),
            )
        if (
            self.store.transition(job_id, ("ready",), status="running", running_at=iso(utcnow()))
            is None
        ):
            return
        t0 = time.perf_counter()
        if self.faults.should_fail_job(rec.name):
            self._sleep(cfg.exec_latency)
            self._finish_failed(job_id, ("running",), cfg.fail_message, execution_time=_elapsed(t0))
            return
        try:
            result = run_qiskit(quantum.execute, prepared, rec.shots or 1, seed)
        except quantum.JobFailure as exc:
            self._finish_failed(job_id, ("running",), str(exc), execution_time=_elapsed(t0))
            return
        self._sleep(cfg.exec_latency)
        key = f"{job_id}/result.zip"
        self.archives.put(key, json_zip(ARCHIVE_ENTRY["result"], result))
        done = self.store.transition(
            job_id,
            ("running",),
            status="succeeded",
            ended_at=iso(utcnow()),
            execution_time=_elapsed(t0),
        )
        if done is None:
            # Cancelled or deleted while computing: a cancelled job must not show a result.
            self.archives.delete(key)
            return
        self._note_inner_finished(done)

    # ----- SSE ---------------------------------------------------------------------

    def sse_submit(self, who: Principal, body: Any) -> JobRecord:
        """Create and queue an inner job for ``sse_driver.submit_job``.

        Args:
            who: The per-run principal (``sse_parent`` set).
            body: The decoded request body ``{"request": {...}, "upload_info": {...}}``.

        Returns:
            The queued job.

        Raises:
            SseRequestError: The SSE job is no longer running, or the request is invalid
                (422 with FastAPI-style ``detail``, 400 with ``message``).
        """
        parent = self.store.get(who.sse_parent) if who.sse_parent else None
        if parent is None or parent.status != "running":
            raise SseRequestError(409, {"message": "the SSE job is not running"})
        if not isinstance(body, dict):
            raise SseRequestError(422, {"message": "the body must be a JSON object"})
        upload_info = body.get("upload_info")
        if not isinstance(upload_info, dict):
            raise SseRequestError(422, {"message": "upload_info must be a JSON object"})
        parsed, errors = parse_submit_body(json.dumps(body.get("request")).encode())
        if parsed is None:
            raise SseRequestError(422, {"detail": errors})
        if parsed.job_type == "sse":
            raise SseRequestError(400, {"message": "an SSE program cannot submit SSE jobs"})
        # The documented live style targets "the device of this SSE job" with "" or "sse".
        device_id = parent.device_id if parsed.device_id in ("", "sse") else parsed.device_id
        device = self.resolve_device(device_id)
        if device is None:
            raise SseRequestError(400, {"message": f"device {device_id} not found"})
        if device.status != "available":
            raise SseRequestError(400, {"message": f"device {device_id} is not available"})
        now = iso(utcnow())
        rec = JobRecord(
            job_id=uuid7(),
            owner=who.user_id,
            seq=self.store.next_seq(),
            created_at=now,
            status="submitted",
            name=parsed.name or "",
            description=parsed.description or "",
            job_type=parsed.job_type,
            device_id=device_id,
            shots=parsed.shots,
            transpiler_info=parsed.transpiler_info,
            simulator_info=parsed.simulator_info,
            mitigation_info=parsed.mitigation_info,
            submitted_at=now,
            sse_parent=parent.job_id,
        )
        self.archives.put(self.input_key(rec.job_id), json_zip("input.json", upload_info))
        self.store.add(rec)
        self._schedule(rec)
        return rec

    def sse_job(self, who: Principal, job_id: str) -> JobRecord | None:
        """Fetch an inner job of the caller's SSE run.

        Args:
            who: The per-run principal.
            job_id: The inner job.

        Returns:
            The job, or None when it is not an inner job of this run.
        """
        rec = self.store.get(job_id)
        if rec is None or who.sse_parent is None or rec.sse_parent != who.sse_parent:
            return None
        return rec

    def inline_job(self, rec: JobRecord) -> dict[str, Any]:
        """Serialise a job with its archives inline, as the live ``sse_driver`` returns it.

        Args:
            rec: The job.

        Returns:
            ``jobs.Job`` with ``job_info`` holding objects (``combined_program`` as text).
        """
        info: dict[str, Any] = {}
        for name in ("input", "combined_program", "transpile_result", "result"):
            data = self.archives.get(f"{rec.job_id}/{name}.zip")
            if data is None:
                continue
            text = read_single_entry(data)[1].decode("utf-8", "replace")
            info[name] = text if name == "combined_program" else json.loads(text)
        if rec.message:
            info["message"] = rec.message
        return job_to_json(rec, info)

    def _sse_env(self, token: str, rec: JobRecord, root: Path) -> dict[str, str]:
        """Build the program's whole environment (nothing is inherited)."""
        home = root / "home"
        dirs = {
            "HOME": home,
            "XDG_CONFIG_HOME": home / ".config",
            "XDG_CACHE_HOME": home / ".cache",
            "XDG_DATA_HOME": home / ".local" / "share",
            "TMPDIR": root / "tmp",
            "OUT_PATH": root / "out",
        }
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        env = {name: str(path) for name, path in dirs.items()}
        env.update(
            {
                "OQTOPUS_ENV": "sse_container",
                "PYTHONPATH": os.pathsep.join([str(SSE_RUNTIME_DIR), *_sdk_import_roots()]),
                "JOB_JSON": json.dumps(job_to_json(rec, None)),
                "PATH": os.environ.get("PATH") or os.defpath,
                "LANG": "C.UTF-8",
                "PYTHONUNBUFFERED": "1",
                sse_driver.URL_ENV: self.base_url,
                sse_driver.TOKEN_ENV: token,
            }
        )
        if os.name == "nt":  # pragma: no cover - Python cannot start on Windows without these
            for name in ("SYSTEMROOT", "SYSTEMDRIVE", "COMSPEC"):
                if name in os.environ:
                    env[name] = os.environ[name]
        return env

    def _run_sse(self, rec: JobRecord) -> None:
        job_id = rec.job_id
        cfg = self.faults.config
        try:
            job_input = read_input(self.archives.get(self.input_key(job_id)))
        except quantum.JobFailure as exc:
            self._finish_failed(job_id, ("ready",), str(exc))
            return
        program = job_input.get("sse_program")
        if not isinstance(program, str) or not program:
            self._finish_failed(job_id, ("ready",), "the sse_program is not specified in the job.")
            return
        self._sleep(cfg.run_latency)
        running = self.store.transition(
            job_id, ("ready",), status="running", running_at=iso(utcnow())
        )
        if running is None:
            return
        token = f"sse-{new_token_part()}.{new_token_part()}"
        with self._lock:
            self._tokens[token] = (
                Principal(rec.owner, sse_parent=job_id),
                token_expiration(utcnow()),
            )
        t0 = time.perf_counter()
        outcome = "error"
        returncode: int | None = None
        try:
            with tempfile.TemporaryDirectory(prefix="oqtopus-sse-") as tmp:
                root = Path(tmp)
                work = root / "work"
                work.mkdir()
                script = work / "userprogram.py"
                script.write_text(program, encoding="utf-8")
                log_path = root / SSE_LOG_NAME
                with log_path.open("wb") as log_file:
                    proc = subprocess.Popen(
                        [sys.executable, str(script)],
                        cwd=work,
                        env=self._sse_env(token, running, root),
                        stdin=subprocess.DEVNULL,
                        stdout=log_file,
                        stderr=subprocess.STDOUT,
                        # Own process group: a kill also reaches processes the program started.
                        start_new_session=os.name == "posix",
                    )
                    outcome = self._watch(proc, job_id, t0)
                    returncode = proc.returncode
                log_text = log_path.read_bytes()
        finally:
            with self._lock:
                self._tokens.pop(token, None)
            # Inner jobs nobody waits for any more must not keep running.
            for orphan in self.store.ids_where(
                lambda r: r.sse_parent == job_id and r.status in ACTIVE
            ):
                self.store.transition(orphan, ACTIVE, status="cancelled")
        elapsed = _elapsed(t0)
        if outcome == "cancelled":
            return
        if outcome != "ok" or self.faults.should_fail_job(rec.name):
            if outcome == "ok":
                message = cfg.fail_message
            elif outcome == "timeout":
                message = f"user program execution error: timed out after {self.sse_timeout:g} s"
            else:
                message = sse_failure_message(log_text.decode("utf-8", "replace"), returncode)
            # Kept for the legacy /sselog endpoint; job_info hides it like the live service.
            self.archives.put(f"{job_id}/sse_log.zip", make_zip(SSE_LOG_NAME, log_text))
            log.info("SSE job %s failed: %s", job_id, message)
            self._finish_failed(job_id, ("running",), message, execution_time=elapsed)
            return
        with self._lock:
            inner_id = self._sse_last.pop(job_id, None)
        changes: dict[str, Any] = {}
        if inner_id is not None:
            inner = self.store.get(inner_id)
            for name in ("result", "transpile_result"):
                data = self.archives.get(f"{inner_id}/{name}.zip")
                if data is not None:
                    self.archives.put(f"{job_id}/{name}.zip", data)
            if inner is not None and inner.transpiler_info is not None:
                changes["transpiler_info"] = inner.transpiler_info
        self.archives.put(f"{job_id}/sse_log.zip", make_zip(SSE_LOG_NAME, log_text))
        self.store.transition(
            job_id,
            ("running",),
            status="succeeded",
            ended_at=iso(utcnow()),
            execution_time=elapsed,
            **changes,
        )

    def _watch(self, proc: subprocess.Popen[bytes], job_id: str, t0: float) -> str:
        """Wait for an SSE program; kill it on timeout, cancellation or shutdown."""
        while True:
            try:
                rc = proc.wait(timeout=0.05)
                return "ok" if rc == 0 else "error"
            except subprocess.TimeoutExpired:
                pass
            reason = None
            if time.perf_counter() - t0 > self.sse_timeout:
                reason = "timeout"
            elif self._stop.is_set():
                reason = "cancelled"
            else:
                rec = self.store.get(job_id)
                if rec is None or rec.status != "running":
                    reason = "cancelled"
            if reason is not None:
                _kill(proc)
                return reason


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
    else:  # pragma: no cover
        proc.kill()
    proc.wait()


def _sdk_import_roots() -> list[str]:
    """Directories the program needs on PYTHONPATH to import the SDK packages.

    The program runs on this interpreter, so its site-packages are already on its path;
    only roots outside them (a source checkout, an editable install, the emulator's own
    PYTHONPATH) are added.
    """
    skip = {os.path.realpath(p) for p in site.getsitepackages()}
    skip.add(os.path.realpath(site.getusersitepackages()))
    roots: list[str] = []
    for name in ("oqtopus_sdk", "oqtopus_api", "oqtopus_client"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            continue
        root = os.path.dirname(os.path.realpath(next(iter(spec.submodule_search_locations))))
        if root not in skip and root not in roots:
            roots.append(root)
    return roots


def sse_failure_message(log_text: str, returncode: int | None) -> str:
    """Summarise a failed SSE program for ``job_info.message``.

    Args:
        log_text: The program's stdout and stderr.
        returncode: Its exit status.

    Returns:
        ``user program execution error: `` plus the last lines of the last traceback, or
        the exit status and the last lines of output; at most about
        :data:`SSE_MESSAGE_CHARS` characters (the end is kept, it names the exception).
    """
    prefix = "user program execution error: "
    marker = "Traceback (most recent call last):"
    at = log_text.rfind(marker)
    if at >= 0:
        lines = log_text[at:].strip().splitlines()
        if len(lines) > SSE_MESSAGE_LINES:
            lines = [marker, "  ...", *lines[-(SSE_MESSAGE_LINES - 2) :]]
        detail = "\n".join(lines)
    else:
        tail = [line for line in log_text.strip().splitlines() if line.strip()][-5:]
        detail = f"exit status {returncode}"
        if tail:
            detail += "; last output:\n" + "\n".join(tail)
    if len(detail) > SSE_MESSAGE_CHARS:
        detail = "..." + detail[-(SSE_MESSAGE_CHARS - 3) :]
    return prefix + detail


def _elapsed(t0: float) -> float:
    # execution_time must be > 0 even when the clock did not visibly move.
    return max(time.perf_counter() - t0, 1e-6)


def now_utc() -> datetime:
    """Return the current UTC time (re-exported for the HTTP layer).

    Returns:
        An aware datetime.
    """
    return datetime.now(UTC)
