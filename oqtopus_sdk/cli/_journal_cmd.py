"""``oqtopus journal show|resume``: read a batch journal, or finish the batch it records."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from oqtopus_sdk import constants
from oqtopus_sdk import vocabulary as V

from ._commands import EXIT_API_ERROR, EXIT_JOB_FAILED, EXIT_OK
from ._parsing import UsageError, positive_float

if TYPE_CHECKING:
    from oqtopus_sdk.journal import JournalEntry

    from ._session import Session

__all__ = ["add_journal_commands", "cmd_journal_resume", "cmd_journal_show"]

_FINGERPRINT_PREFIX = 12


def add_journal_commands(commands: Any) -> list[argparse.ArgumentParser]:
    """Add ``journal show`` and ``journal resume`` to the ``oqtopus`` sub-commands.

    Args:
        commands: The ``add_subparsers()`` object of the main parser.

    Returns:
        The two leaf parsers (the caller adds its common options to them).
    """
    journal = commands.add_parser("journal", help="show a batch journal, or resume its batch")
    journal.set_defaults(help_parser=journal)
    actions = journal.add_subparsers(dest="journal_command", metavar="ACTION")
    show = actions.add_parser(
        "show", help="each position: fingerprint, job id, state, final status (read only)"
    )
    show.add_argument("path", metavar="PATH", help="the journal file")
    show.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    show.set_defaults(handler=cmd_journal_show)
    resume = actions.add_parser(
        "resume", help="submit what the journal has not submitted yet; --wait for the results"
    )
    resume.add_argument("path", metavar="PATH", help="the journal file")
    resume.add_argument("--wait", action="store_true", help="wait and read every result")
    resume.add_argument(
        "--timeout", type=positive_float, default=None, metavar="S",
        help="with --wait: give up after S seconds (exit 3; resume again later)",
    )  # fmt: skip
    resume.add_argument(
        "--interval", type=positive_float, default=1.0, metavar="S",
        help="with --wait: seconds between status polls (default 1)",
    )  # fmt: skip
    resume.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    resume.set_defaults(handler=cmd_journal_resume)
    return [show, resume]


def _name(entry: JournalEntry) -> str | None:
    try:
        submit = json.loads(entry.spec_json).get("submit", {})
    except (ValueError, AttributeError):
        return None
    name = submit.get("name") if isinstance(submit, dict) else None
    return name if isinstance(name, str) else None


def _row(entry: JournalEntry) -> dict[str, Any]:
    return {
        "position": entry.position,
        "fingerprint": entry.fingerprint,
        "name": _name(entry),
        "job_id": entry.job_id,
        "state": entry.state,
        "final_status": entry.final_status,
    }


def _print_rows(session: Session, rows: list[dict[str, Any]], *, error_column: bool) -> None:
    headers = ["POS", "FINGERPRINT", "NAME", "JOB ID", "STATE", "STATUS"]
    if error_column:
        headers.append("ERROR")
    table = []
    for row in rows:
        cells = [
            row["position"], row["fingerprint"][:_FINGERPRINT_PREFIX], row["name"],
            row["job_id"], row["state"], row["final_status"],
        ]  # fmt: skip
        if error_column:
            cells.append(row.get("error"))
        table.append(cells)
    session.out.table(headers, table)


def cmd_journal_show(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus journal show PATH``: the journal's entries (works while a batch runs)."""
    from oqtopus_sdk.journal import Journal, JournalError

    try:
        journal = Journal(args.path, read_only=True)
    except JournalError as exc:
        raise UsageError(str(exc)) from None
    with journal:
        rows = [_row(entry) for entry in journal.entries()]
        abandoned = journal.abandoned()
        key = journal.batch_key
    if args.json:
        gone = [
            {
                "job_id": a.job_id,
                "position": a.position,
                "reason": a.reason,
                "cancelled": a.cancelled,
            }
            for a in abandoned
        ]
        session.out.json(
            {"path": str(args.path), "batch_key": key, "entries": rows, "abandoned": gone}
        )
        return EXIT_OK
    if not rows:
        session.out.note(f"journal {args.path} records no batch yet")
        return EXIT_OK
    _print_rows(session, rows, error_column=False)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["state"]] = counts.get(row["state"], 0) + 1
    summary = ", ".join(f"{count} {state}" for state, count in sorted(counts.items()))
    session.out.note(f"{len(rows)} position(s): {summary}; {len(abandoned)} job(s) abandoned")
    return EXIT_OK


def cmd_journal_resume(session: Session, args: argparse.Namespace) -> int:
    """``oqtopus journal resume PATH [--wait]``: finish the recorded batch.

    Exit status: 0 all submitted (and, with ``--wait``, succeeded); 1 a job failed or was
    cancelled; 3 a submission, wait or read failed (run it again to retry).
    """
    from oqtopus_sdk._common import wait_options
    from oqtopus_sdk._journaled import run_jobs_batch_journaled, submit_jobs_journaled
    from oqtopus_sdk.errors import BatchJobError, JobFailedError
    from oqtopus_sdk.journal import Journal, JournalError

    if not args.wait and args.timeout is not None:
        raise UsageError("--timeout applies only with --wait")
    try:
        probe = Journal(args.path, read_only=True)
    except JournalError as exc:
        raise UsageError(str(exc)) from None
    probe.close()
    client = session.client()
    errors: dict[int, BaseException] = {}
    with Journal(args.path) as journal:
        specs = journal.specs()
        if not specs:
            raise UsageError(f"journal {args.path} records no batch yet")
        session.running = [
            e.job_id for e in journal.entries() if e.job_id and e.state != "finished"
        ]
        workers = constants.DEFAULT_MAX_WORKERS
        flow: Any
        if args.wait:
            options = wait_options(
                interval=args.interval, interval_backoff=1.0, max_interval=None,
                timeout=args.timeout,
            )  # fmt: skip
            flow = run_jobs_batch_journaled(
                client._ctx, specs, options, journal=journal, submit_workers=workers,
                wait_workers=workers, requests_per_second=None,
            )  # fmt: skip
        else:
            flow = submit_jobs_journaled(client._ctx, specs, journal=journal, max_workers=workers)
        try:
            client._run(flow)
        except BatchJobError as exc:
            errors = exc.errors
        entries = journal.entries()
    session.running = [e.job_id for e in entries if e.job_id and e.state != "finished"]
    rows = [_row(entry) for entry in entries]
    code = EXIT_OK
    for row in rows:
        error = errors.get(row["position"])
        row["error"] = None if error is None else f"{type(error).__name__}: {error}"
        if row["final_status"] in V.UNSUCCESSFUL_STATUSES or isinstance(error, JobFailedError):
            code = max(code, EXIT_JOB_FAILED)
        elif error is not None:
            code = EXIT_API_ERROR
    if args.json:
        session.out.json(rows)
    else:
        _print_rows(session, rows, error_column=bool(errors))
    if not args.wait:
        session.running = []  # submitted on purpose; nothing is left hanging
    return code
