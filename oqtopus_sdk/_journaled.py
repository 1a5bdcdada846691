"""Batches that survive a crash: submission and waiting recorded in a :class:`Journal`.

Running a batch with a journal records every step (see :mod:`oqtopus_sdk.journal`); running
the same batch again with the same journal resumes it:

* ``pending`` (no job yet): submitted (register, upload, submit), the job id recorded before
  the upload starts;
* ``registered``: the service is asked for the job's status. Still ``registered``: the input
  is uploaded again with the recorded target (unless it expired) and the job submitted; if
  the service then says the input is missing (the target expired before any upload
  succeeded) the job is cancelled and the spec registered anew. Already past
  ``registered`` (the submit answer was lost): recorded as submitted. Gone (404):
  registered anew;
* ``submitted``: waited on, never submitted again;
* ``finished``: read from the on-disk result cache (no request), or fetched once if the
  cache lost it.

Abandoned jobs are cancelled; a cancellation that fails is retried on the next run.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Generator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from oqtopus_sdk import _jobs, _polling, constants, vocabulary
from oqtopus_sdk._disk_cache import DiskCache, disk_cache_for, load_result, save_result
from oqtopus_sdk._jobs import Ctx, get_job, parse_model, req_status, status_of
from oqtopus_sdk._ops import Blocking, Emit, Flow, Op, Parallel
from oqtopus_sdk._polling import JobOutcome, StatusClass
from oqtopus_sdk._waiting import WaitOptions, _failed_error, collect, wait_many
from oqtopus_sdk.errors import (
    BadRequestError,
    BatchJobError,
    NotFoundError,
    OqtopusError,
    StorageError,
    SubmissionError,
)
from oqtopus_sdk.journal import (
    FINISHED,
    PENDING,
    REGISTERED,
    SUBMITTED,
    Journal,
    JournalEntry,
    UploadTarget,
)

if TYPE_CHECKING:
    from oqtopus_api.models import JobsRegisterJobResponse
    from oqtopus_sdk.results import OqtopusJobResult
    from oqtopus_sdk.spec import OqtopusJobSpec

__all__ = [
    "default_cache",
    "disk_cache_for",
    "open_journal",
    "run_jobs_batch_journaled",
    "submit_jobs_journaled",
]

logger = logging.getLogger("oqtopus_sdk")

INPUT_MISSING_MARKER = "job information input for"
"""Text of the 400 a submit gets when no input was uploaded (the job stays registered)."""
_REFUSED_UPLOAD_STATUSES = frozenset({400, 401, 403})
"""Storage statuses of a refused (e.g. expired) presigned policy."""


# --- Set-up helpers for the clients ------------------------------------------------------------
def open_journal(
    journal: Journal | str | os.PathLike[str] | bool,
    specs: Sequence[OqtopusJobSpec],
    *,
    journal_dir: str | os.PathLike[str] | None,
) -> tuple[Journal, bool]:
    """The journal a ``journal=`` argument names, and whether the caller must close it.

    Args:
        journal: An open :class:`Journal` (used as is); a path of a journal file; or True
            for ``journal_dir/batch-<key>.journal`` (one file per batch).
        specs: The batch (only used for ``True``).
        journal_dir: The configured journal directory (``config.journal_dir``).

    Returns:
        ``(journal, owned)``: close it after the batch when ``owned``.

    Raises:
        ValueError: ``True`` without a journal directory, or False.
        TypeError: another kind of value.
        JournalLockedError / JournalError: the file is in use or not a journal.
    """
    if isinstance(journal, Journal):
        return journal, False
    if journal is True:
        if not journal_dir:
            raise ValueError(
                "journal=True needs a journal directory: set journal_dir in the config "
                "(OQTOPUS_JOURNAL_DIR), or pass a file path or a Journal"
            )
        return Journal.for_batch(journal_dir, specs), True
    if isinstance(journal, bool):
        raise ValueError("journal=False: pass None to run without a journal")
    if isinstance(journal, str | os.PathLike):
        return Journal(journal), True
    raise TypeError(f"journal must be a Journal, a path or True, got {type(journal).__name__}")


def default_cache(journal: Journal) -> DiskCache:
    """The cache used when a journaled run is given none: ``<journal file>.results/``."""
    return DiskCache(journal.path.with_name(journal.path.name + ".results"))


# --- Small steps ---------------------------------------------------------------------------------
def _blocking(fn: Any, *args: Any) -> Flow[Any]:
    return (yield Blocking(fn, args))


def _cancel(ctx: Ctx, journal: Journal, job_id: str) -> Flow[bool]:
    """Cancel an abandoned job; True once it is cancelled or gone (then recorded)."""
    from oqtopus_api.api.job import cancel_job

    try:
        yield from ctx.transport.api(cancel_job._get_kwargs(job_id))
    except (NotFoundError, BadRequestError) as exc:
        # Gone, or no longer cancellable: nothing is left to clean up either way.
        logger.info("journal: abandoned job %s not cancelled: %s", job_id, exc)
    except OqtopusError as exc:
        logger.warning("journal: cancelling abandoned job %s failed (retried next run): %s",
                       job_id, exc)  # fmt: skip
        return False
    yield Blocking(journal.mark_cancelled, (job_id,))
    return True


def _cancel_leftovers(ctx: Ctx, journal: Journal, workers: int) -> Flow[None]:
    leftovers = yield Blocking(journal.pending_cancellations)
    if leftovers:
        yield Parallel([_cancel(ctx, journal, job_id) for job_id in leftovers], workers)


def _upload(ctx: Ctx, job_id: str, target: UploadTarget, archive: bytes) -> Flow[None]:
    yield from _jobs.upload_input(ctx, job_id, target.url, target.fields, archive)


def _submit_registered(ctx: Ctx, job_id: str, body: dict[str, Any]) -> Flow[bool]:
    """``POST /jobs/{id}/submit``; False when the service has no input for the job.

    Raises:
        SubmissionError: any other refusal.
    """
    from oqtopus_api.api.job import submit_job
    from oqtopus_api.models import JobsSubmitJobRequest

    request = submit_job._get_kwargs(job_id, body=JobsSubmitJobRequest.from_dict(body))
    request["json"] = body
    try:
        yield from ctx.transport.api(request, idempotent=True)
    except BadRequestError as exc:
        if INPUT_MISSING_MARKER in exc.message:
            return False
        if constants.SUBMIT_NOT_REGISTERED_MARKER in exc.message:
            raw = yield from req_status(ctx, job_id)
            status, _ = status_of(raw, job_id)
            if status != vocabulary.REGISTERED:
                return True  # an earlier submit went through; its answer was lost
        raise SubmissionError(
            f"job {job_id} is registered but submitting it failed: {exc}",
            job_id=job_id,
            stage="submit",
        ) from exc
    except OqtopusError as exc:
        raise SubmissionError(
            f"job {job_id} is registered but submitting it failed: {exc}",
            job_id=job_id,
            stage="submit",
        ) from exc
    return True


def _submit_new(ctx: Ctx, journal: Journal, position: int, spec: OqtopusJobSpec) -> Flow[str]:
    """A fresh job for a position: the job id and target are recorded before the upload."""

    def on_registered(answer: JobsRegisterJobResponse) -> None:
        presigned = answer.presigned_url.to_dict()
        target = UploadTarget.from_register(presigned, journal.clock())
        journal.mark_registered(position, answer.job_id, target)

    # The batch was pre-flighted whole by _begin.
    registered = yield from _jobs.submit(ctx, spec, on_registered=on_registered, preflight=False)
    yield Blocking(journal.mark_submitted, (position, registered.job_id))
    return registered.job_id


def _resume_registered(
    ctx: Ctx, journal: Journal, entry: JournalEntry, spec: OqtopusJobSpec
) -> Flow[str]:
    """Finish a job left ``registered`` by an earlier run, or replace it."""
    job_id = entry.job_id
    assert job_id is not None
    position = entry.position
    try:
        raw = yield from req_status(ctx, job_id)
    except NotFoundError:
        logger.info("journal: job %s (position %d) is gone; registering anew", job_id, position)
        yield Blocking(lambda: journal.abandon(position, job_id, reason="not found", cancel=False))
        return (yield from _submit_new(ctx, journal, position, spec))
    status, _ = status_of(raw, job_id)
    if status != vocabulary.REGISTERED:
        yield Blocking(journal.mark_submitted, (position, job_id))
        return job_id
    body, archive = _jobs.prepare_submission(
        spec, preflight=False, device=ctx.devices.get(str(spec.device_id))
    )
    target = entry.upload
    uploaded = False
    if target is not None and target.url and not target.expired(journal.clock()):
        try:
            yield from _upload(ctx, job_id, target, archive)
            uploaded = True
        except SubmissionError as exc:
            cause = exc.__cause__
            if not (
                isinstance(cause, StorageError) and cause.status_code in _REFUSED_UPLOAD_STATUSES
            ):
                raise
            logger.info("journal: upload target of job %s refused (%s)", job_id, cause)
    if (yield from _submit_registered(ctx, job_id, body)):
        yield Blocking(journal.mark_submitted, (position, job_id))
        return job_id
    if uploaded:
        raise SubmissionError(
            f"job {job_id}: the input was uploaded but the service says it is missing",
            job_id=job_id,
            stage="submit",
        )
    # The target expired before any upload succeeded: this job can never be submitted.
    yield from _replace(ctx, journal, position, job_id, "upload target expired before upload")
    return (yield from _submit_new(ctx, journal, position, spec))


def _replace(ctx: Ctx, journal: Journal, position: int, job_id: str, reason: str) -> Flow[None]:
    yield Blocking(lambda: journal.abandon(position, job_id, reason=reason, cancel=True))
    yield from _cancel(ctx, journal, job_id)


def _ensure_submitted(
    ctx: Ctx, journal: Journal, entry: JournalEntry, spec: OqtopusJobSpec
) -> Flow[str]:
    """The submitted job of a ``pending`` or ``registered`` position."""
    if entry.state == PENDING:
        return (yield from _submit_new(ctx, journal, entry.position, spec))
    return (yield from _resume_registered(ctx, journal, entry, spec))


# --- Results ---------------------------------------------------------------------------------
def _status_of_result(result: Any) -> str:
    return _polling.status_text(getattr(result, "status", None))


def _persist(journal: Journal, cache: DiskCache, position: int, job_id: str, result: Any) -> None:
    """Store a finished job's result document, then record the position finished."""
    status = _status_of_result(result)
    if status not in vocabulary.TERMINAL_STATUSES:
        return
    _store(cache, job_id, result)
    journal.mark_finished(position, job_id, status)


def _store(cache: DiskCache, job_id: str, result: Any) -> None:
    """Store a finished result unless the cache holds it already: ``get_job`` stores every
    finished job in the client's own cache, which is often the journal's too."""
    if not cache.path_of(job_id).is_file():
        save_result(cache, result)


def _read_finished(
    ctx: Ctx, cache: DiskCache, entry: JournalEntry, opts: WaitOptions
) -> Flow[JobOutcome]:
    """A finished position's outcome: from the disk cache, else fetched once (and cached)."""
    job_id = entry.job_id
    assert job_id is not None
    result: Any = yield Blocking(lambda: load_result(cache, job_id, log_fetcher=ctx.log_fetcher))
    if result is None:
        result = yield from get_job(ctx, job_id)
        yield Blocking(_store, (cache, job_id, result))
    status = _status_of_result(result)
    if _polling.classify_status(status, opts.terminal, opts.failure) is StatusClass.FAILED:
        return JobOutcome(job_id, result=result, error=_failed_error(job_id, status, result))
    return JobOutcome(job_id, result=result)


def _recording(
    flow: Flow[dict[str, JobOutcome]],
    journal: Journal,
    cache: DiskCache,
    positions: Mapping[str, int],
    workers: int,
) -> Generator[Op, Any, dict[str, JobOutcome]]:
    """Run a wait, recording jobs as finished (result cached first) as they are emitted.

    The outcomes a wait round emits are recorded together, ``workers`` at a time, before
    the wait goes on (storing a result may download the archives it has not read yet).
    """
    value: Any = None
    error: BaseException | None = None
    finished: list[JobOutcome] = []
    try:
        while True:
            try:
                op = flow.throw(error) if error is not None else flow.send(value)
            except StopIteration as stop:
                yield from _record(journal, cache, positions, finished, workers)
                done: dict[str, JobOutcome] = stop.value
                return done
            if isinstance(op, Emit):
                if isinstance(op.value, JobOutcome) and op.value.result is not None:
                    finished.append(op.value)
            elif finished:
                yield from _record(journal, cache, positions, finished, workers)
                finished = []
            try:
                value, error = (yield op), None
            except Exception as exc:
                value, error = None, exc
    finally:
        flow.close()  # an abandoned run (closed driver) ends the wait too


def _record(
    journal: Journal,
    cache: DiskCache,
    positions: Mapping[str, int],
    outcomes: Sequence[JobOutcome],
    workers: int,
) -> Flow[None]:
    flows = [
        _blocking(_persist, journal, cache, positions[o.job_id], o.job_id, o.result)
        for o in outcomes
        if o.job_id in positions
    ]
    if not flows:
        return
    done = yield Parallel(flows, workers)
    for outcome in done:
        if outcome.error is not None:  # the result itself is still handed out
            logger.warning("journal: a finished job was not recorded: %s", outcome.error)


# --- The flows -------------------------------------------------------------------------------
def _submit_positions(
    ctx: Ctx,
    journal: Journal,
    entries: Sequence[JournalEntry],
    specs: Sequence[OqtopusJobSpec],
    workers: int,
) -> Flow[tuple[dict[int, str], dict[int, BaseException], dict[int, str | None]]]:
    """Bring every pending/registered position to ``submitted``; (job ids, errors, error ids)."""
    todo = [entry for entry in entries if entry.state in (PENDING, REGISTERED)]
    outcomes = yield Parallel(
        [_ensure_submitted(ctx, journal, entry, specs[entry.position]) for entry in todo], workers
    )
    jobs: dict[int, str] = {
        entry.position: entry.job_id
        for entry in entries
        if entry.state in (SUBMITTED, FINISHED) and entry.job_id is not None
    }
    errors: dict[int, BaseException] = {}
    error_ids: dict[int, str | None] = {}
    for entry, outcome in zip(todo, outcomes, strict=True):
        if outcome.error is not None:
            errors[entry.position] = outcome.error
            error_ids[entry.position] = getattr(outcome.error, "job_id", None) or entry.job_id
        else:
            jobs[entry.position] = outcome.value
    return jobs, errors, error_ids


def _begin(
    ctx: Ctx, journal: Journal, specs: Sequence[OqtopusJobSpec], workers: int
) -> Flow[list[JournalEntry]]:
    _jobs.check_specs_before_sending(ctx, specs)
    entries: list[JournalEntry] = yield Blocking(journal.begin, (specs,))
    yield from _cancel_leftovers(ctx, journal, workers)
    return entries


def run_jobs_batch_journaled(
    ctx: Ctx,
    specs: Sequence[OqtopusJobSpec],
    options: WaitOptions,
    *,
    journal: Journal,
    submit_workers: int,
    wait_workers: int,
    requests_per_second: float | None,
    cache: DiskCache | None = None,
) -> Flow[list[OqtopusJobResult]]:
    """``run_jobs_batch`` that records every step in ``journal`` and resumes from it.

    Args:
        ctx: The client's context.
        specs: The batch; the same list (same order) resumes a journal of it.
        options: Wait parameters.
        journal: An open journal, empty or holding this batch.
        submit_workers: Concurrent submissions.
        wait_workers: Concurrent status polls and result reads.
        requests_per_second: Status-poll budget of the wait (None: the client's).
        cache: Where finished results are stored and read again (None: the client's
            ``ctx.disk_cache`` if it has one, else :func:`default_cache` beside the journal).

    Returns:
        One result per spec, in input order.

    Raises:
        JournalMismatchError: the journal holds another batch.
        ValueError: a spec is invalid (before any request).
        BatchJobError: some job was not submitted or did not succeed; every result that
            arrived and every error are in it. Running again resumes.
    """
    # The client's on-disk cache, else the journal's own: a finished batch must read back
    # without a request either way.
    store = cache or ctx.disk_cache or default_cache(journal)
    entries = yield from _begin(ctx, journal, specs, submit_workers)
    jobs, errors, error_ids = yield from _submit_positions(
        ctx, journal, entries, specs, submit_workers
    )
    finished = [e for e in entries if e.state == FINISHED and e.position in jobs]
    read_back = {e.position for e in finished}
    waiting = {jobs[p]: p for p in sorted(jobs) if p not in read_back}
    outcomes: dict[str, JobOutcome] = {}
    if finished:
        read = yield Parallel(
            [_read_finished(ctx, store, entry, options) for entry in finished], wait_workers
        )
        for entry, outcome in zip(finished, read, strict=True):
            assert entry.job_id is not None
            if outcome.error is not None:
                outcomes[entry.job_id] = JobOutcome(entry.job_id, error=outcome.error)
            else:
                outcomes[entry.job_id] = outcome.value
    if waiting:
        waited = yield from _recording(
            wait_many(
                ctx, list(waiting), options, max_workers=wait_workers,
                requests_per_second=requests_per_second,
            ),
            journal, store, waiting, wait_workers,
        )  # fmt: skip
        outcomes.update(waited)
    positions = sorted(jobs)
    return collect(
        [jobs[p] for p in positions],
        outcomes,
        what="run_jobs_batch",
        extra_errors=errors,
        extra_ids=error_ids,
        total=len(specs),
        index_of=positions,
    )


def submit_jobs_journaled(
    ctx: Ctx, specs: Sequence[OqtopusJobSpec], *, journal: Journal, max_workers: int
) -> Flow[list[JobsRegisterJobResponse]]:
    """``submit_jobs`` that records every step in ``journal`` and resumes from it.

    Positions already submitted are not submitted again; their recorded register answer
    (job id and upload target) is returned.

    Returns:
        One register answer per spec, in input order.

    Raises:
        JournalMismatchError: the journal holds another batch.
        ValueError: a spec is invalid (before any request).
        BatchJobError: some spec could not be submitted (answers of the others included).
    """
    from oqtopus_api.models import JobsRegisterJobResponse

    entries = yield from _begin(ctx, journal, specs, max_workers)
    jobs, errors, error_ids = yield from _submit_positions(
        ctx, journal, entries, specs, max_workers
    )
    current: list[JournalEntry] = yield Blocking(journal.entries)
    answers: list[Any] = [None] * len(specs)
    for entry in current:
        if entry.position in jobs and entry.job_id is not None:
            upload = entry.upload or UploadTarget("", {}, None)
            answers[entry.position] = parse_model(
                JobsRegisterJobResponse.from_dict,
                {"job_id": entry.job_id, "presigned_url": {"url": upload.url,
                                                          "fields": upload.fields}},
                "journal entry",
            )  # fmt: skip
    if errors:
        ids = {p: jobs.get(p) for p in range(len(specs))}
        ids.update(error_ids)
        raise BatchJobError(
            f"submit_jobs: {len(errors)} of {len(specs)} submission(s) failed",
            results=answers,
            errors=errors,
            job_ids=ids,
        )
    return answers
