"""The ``oqtopus`` commands that talk to the API: devices, jobs, submit, result, logs."""

from __future__ import annotations

import argparse
import platform
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oqtopus_sdk import vocabulary as V

from ._parsing import UsageError, parse_operator, parse_since

if TYPE_CHECKING:
    from oqtopus_sdk.device import OqtopusDevice

    from ._session import Session

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_JOB_FAILED",
    "EXIT_OK",
    "cmd_devices",
    "cmd_jobs_cancel",
    "cmd_jobs_delete",
    "cmd_jobs_list",
    "cmd_jobs_show",
    "cmd_jobs_wait",
    "cmd_logs",
    "cmd_result",
    "cmd_submit",
    "cmd_version",
    "job_summary",
]

EXIT_OK = 0
EXIT_JOB_FAILED = 1
EXIT_API_ERROR = 3

_TERMINAL = V.TERMINAL_STATUSES
# The keys of every job record the command prints as JSON, in this order.
JOB_KEYS = (
    "job_id",
    "name",
    "description",
    "job_type",
    "status",
    "device_id",
    "shots",
    "submitted_at",
    "ready_at",
    "running_at",
    "ended_at",
    "execution_time",
    "message",
)


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def job_summary(record: Mapping[str, Any]) -> dict[str, Any]:
    """The stable JSON shape of one job (keys :data:`JOB_KEYS`, missing values None).

    Args:
        record: A wire job record (``JobsJob.to_dict()`` or a result's ``raw``).

    Returns:
        The summary.
    """
    info = record.get("job_info")
    message = info.get("message") if isinstance(info, Mapping) else None
    summary = {key: record.get(key) for key in JOB_KEYS}
    summary["message"] = message
    return summary


def _result_summary(result: Any) -> dict[str, Any]:
    summary = job_summary(result.raw)
    summary["counts"] = None
    summary["exp_value"] = None
    summary["stds"] = None
    if summary["status"] == V.SUCCEEDED:
        get_counts = getattr(result, "get_counts", None)
        if callable(get_counts):
            summary["counts"] = get_counts()
        if summary["job_type"] == V.ESTIMATION:
            summary["exp_value"] = getattr(result, "exp_value", None)
            summary["stds"] = getattr(result, "stds", None)
    return summary


def _status_printer(session: Session) -> Callable[[Any], None]:
    """An ``on_status`` callback that notes each job's status changes on stderr."""
    seen: dict[str, str] = {}
    lock = threading.Lock()

    def on_status(answer: Any) -> None:
        job_id = str(getattr(answer, "job_id", "?"))
        status = _text(getattr(answer, "status", None)) or "?"
        with lock:
            if seen.get(job_id) != status:
                seen[job_id] = status
                session.out.note(f"{job_id}: {status}")

    return on_status


def _wait_one(session: Session, job_id: str) -> Any:
    """Wait for one job; a failure status gives its result, not an exception."""
    from oqtopus_sdk.errors import JobFailedError

    session.running = [job_id]
    result: Any
    try:
        result = session.client().wait_for_job(
            job_id,
            interval=session.args.interval,
            timeout=session.args.timeout,
            on_status=_status_printer(session),
        )
    except JobFailedError as exc:
        if exc.result is None:
            raise
        result = exc.result
    session.running = []
    return result


# --- devices ---------------------------------------------------------------------------------


def _device_summary(device: OqtopusDevice, *, detail: bool) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "device_id": device.device_id,
        "device_type": device.device_type,
        "status": _text(device.status),
        "n_qubits": device.n_qubits,
        "n_pending_jobs": device.n_pending_jobs,
        "available_at": device.available_at,
    }
    if detail:
        summary.update(
            calibrated_at=device.calibrated_at,
            basis_gates=device.basis_gates,
            supported_instructions=device.supported_instructions,
            description=device.description,
        )
    return summary


def cmd_devices(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus devices [ID]``: the device table, or one device's details."""
    client = session.client()
    if args.device_id:
        summary = _device_summary(client.get_device(args.device_id), detail=True)
        if args.json:
            session.out.json(summary)
        else:
            session.out.fields(list(summary.items()))
        return EXIT_OK
    devices = [_device_summary(device, detail=False) for device in client.list_devices()]
    if args.json:
        session.out.json(devices)
        return EXIT_OK
    session.out.table(
        ["ID", "TYPE", "STATUS", "QUBITS", "PENDING JOBS"],
        [
            [d["device_id"], d["device_type"], d["status"], d["n_qubits"], d["n_pending_jobs"]]
            for d in devices
        ],
    )
    return EXIT_OK


# --- jobs ------------------------------------------------------------------------------------


def cmd_jobs_list(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus jobs list``: newest jobs first, filtered by status and time."""
    since = parse_since(args.since) if args.since else None
    jobs = session.client().list_jobs(
        status=args.status, start_time=since, size=args.limit, order="DESC"
    )
    records = [job_summary(job.to_dict()) for job in jobs]
    if args.json:
        session.out.json(records)
        return EXIT_OK
    session.out.table(
        ["JOB ID", "NAME", "TYPE", "STATUS", "DEVICE", "SHOTS", "SUBMITTED"],
        [
            [r["job_id"], r["name"], r["job_type"], r["status"], r["device_id"], r["shots"],
             r["submitted_at"]]
            for r in records
        ],
    )  # fmt: skip
    return EXIT_OK


def cmd_jobs_show(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus jobs show ID``: one job's record (exit 0 whatever its status)."""
    summary = job_summary(session.client().get_job(args.job_id).raw)
    if args.json:
        session.out.json(summary)
    else:
        session.out.fields(list(summary.items()))
    return EXIT_OK


def cmd_jobs_wait(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus jobs wait ID...``: wait for every job; exit 1 if any failed or was cancelled.

    A job that timed out or could not be read gives exit status 3.
    """
    from oqtopus_sdk.errors import JobFailedError

    ids = list(dict.fromkeys(args.job_ids))
    session.running = list(ids)
    rows: dict[str, dict[str, Any]] = {}
    code = EXIT_OK
    outcomes = session.client().as_completed(
        ids,
        interval=args.interval,
        timeout=args.timeout,
        on_status=_status_printer(session),
    )
    for outcome in outcomes:
        if outcome.job_id in session.running:
            session.running.remove(outcome.job_id)
        error = outcome.error
        if outcome.result is not None and (error is None or isinstance(error, JobFailedError)):
            summary = job_summary(outcome.result.raw)  # type: ignore[attr-defined]
            summary["error"] = None
            if summary["status"] in V.UNSUCCESSFUL_STATUSES:
                code = max(code, EXIT_JOB_FAILED)
        else:
            summary = dict.fromkeys(JOB_KEYS)
            summary.update(job_id=outcome.job_id, status=outcome.status, error=str(error))
            code = EXIT_API_ERROR
            if isinstance(error, TimeoutError):
                session.running.append(outcome.job_id)
        rows[outcome.job_id] = summary
    ordered = [rows[job_id] for job_id in ids if job_id in rows]
    if args.json:
        session.out.json(ordered)
    else:
        session.out.table(
            ["JOB ID", "STATUS", "MESSAGE"],
            [[r["job_id"], r["status"], r["error"] or r["message"]] for r in ordered],
        )
    if session.running:
        session.out.note(f"still running: {', '.join(session.running)}")
    return code


def cmd_jobs_cancel(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus jobs cancel ID``: ask the service to cancel a job."""
    answer = session.client().cancel_job(args.job_id)
    session.out.line(f"cancel requested for {args.job_id}: {_text(answer.message) or 'ok'}")
    return EXIT_OK


def cmd_jobs_delete(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus jobs delete ID``: delete a finished job."""
    answer = session.client().delete_job(args.job_id)
    session.out.line(f"deleted {args.job_id}: {_text(answer.message) or 'ok'}")
    return EXIT_OK


# --- submit, result, logs --------------------------------------------------------------------


def _build_spec(args: argparse.Namespace) -> Any:
    from oqtopus_sdk.spec import OqtopusJobSpec

    try:
        program = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    common: dict[str, Any] = {
        "device_id": args.device,
        "program": program,
        "shots": args.shots,
        "name": args.name,
    }
    if args.type == "estimation":
        if not args.operator:
            raise UsageError('--type estimation needs --operator, e.g. --operator "1.5 XX, 1 ZZ"')
        return OqtopusJobSpec.estimation(operator=parse_operator(args.operator), **common)
    if args.operator:
        raise UsageError("--operator applies only to --type estimation")
    return OqtopusJobSpec.sampling(**common)


def cmd_submit(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus submit FILE``: submit a job, print its id; ``--wait`` prints its result."""
    spec = _build_spec(args)
    job_id = str(session.client().submit_job(spec).job_id)
    if not args.wait:
        if args.json:
            session.out.json({"job_id": job_id})
        else:
            session.out.line(job_id)
        return EXIT_OK
    session.out.note(f"submitted {job_id}")
    return _print_result(session, _wait_one(session, job_id), counts_only=False)


def _print_result(session: Session, result: Any, *, counts_only: bool) -> int:
    summary = _result_summary(result)
    status = summary["status"]
    code = EXIT_JOB_FAILED if status in V.UNSUCCESSFUL_STATUSES else EXIT_OK
    if counts_only:
        if summary["counts"] is None:
            raise UsageError(
                f"job {summary['job_id']} has no counts (type {summary['job_type']}, "
                f"status {status})"
            )
        session.out.json(summary["counts"])
        return code
    if session.args.json:
        session.out.json(summary)
    else:
        pairs = [(key, summary[key]) for key in ("job_id", "name", "job_type", "status",
                 "device_id", "shots", "ended_at", "execution_time", "message")]  # fmt: skip
        if summary["exp_value"] is not None:
            pairs += [("exp_value", summary["exp_value"]), ("stds", summary["stds"])]
        session.out.fields(pairs)
        counts = summary["counts"]
        if counts:
            total = sum(counts.values()) or 1
            session.out.line()
            session.out.table(
                ["BITSTRING", "COUNT", "PROBABILITY"],
                [
                    [key, value, f"{value / total:.4f}"]
                    for key, value in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                ],
            )
    if status not in _TERMINAL:
        session.out.note(
            f"job {summary['job_id']} is {status}: no result yet "
            f"(oqtopus jobs wait {summary['job_id']})"
        )
    elif code:
        session.out.note(f"job {summary['job_id']} {status}: {summary['message'] or 'no message'}")
    return code


def cmd_result(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus result ID``: the job's result; exit 1 for a failed or cancelled job."""
    result = session.client().get_job(args.job_id)
    return _print_result(session, result, counts_only=args.counts)


def cmd_logs(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus logs ID``: an SSE job's log; ``--follow`` waits for the job to finish first."""
    from oqtopus_sdk.errors import OqtopusError

    result: Any = session.client().get_job(args.job_id)
    job_type = _text(result.job_type)
    if job_type != V.SSE:
        raise UsageError(f"job {args.job_id} is a {job_type} job; only SSE jobs have logs")
    if args.follow and _text(result.status) not in _TERMINAL:
        result = _wait_one(session, args.job_id)
    status = _text(result.status)
    code = EXIT_JOB_FAILED if status in V.UNSUCCESSFUL_STATUSES else EXIT_OK
    try:
        text = result.read_log_text()
    except OqtopusError:
        if status in _TERMINAL and code:
            session.out.note(f"job {args.job_id} {status} and left no log")
            return code
        if status not in _TERMINAL:
            session.out.note(f"job {args.job_id} is {status}: no log yet (use --follow)")
            return EXIT_API_ERROR
        raise
    session.out.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    if code:
        session.out.note(f"job {args.job_id} {status}")
    return code


def cmd_version(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus version``: the SDK and Python versions."""
    from oqtopus_sdk._version import __version__

    try:
        import rich  # noqa: F401

        has_rich = True
    except ImportError:
        has_rich = False
    if args.json:
        session.out.json(
            {"oqtopus_sdk": __version__, "python": platform.python_version(), "rich": has_rich}
        )
    else:
        session.out.line(f"oqtopus-sdk {__version__} (Python {platform.python_version()})")
    return EXIT_OK
