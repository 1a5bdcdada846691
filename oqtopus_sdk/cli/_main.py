"""The ``oqtopus`` argument parser and entry point (exit statuses, error printing)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Final

from oqtopus_sdk.vocabulary import JOB_STATUSES

from . import _commands as cmd
from ._config_cmd import config_init, config_show
from ._journal_cmd import add_journal_commands
from ._output import Output, load_rich_console
from ._parsing import OPERATOR_SYNTAX, UsageError, positive_float, positive_int
from ._session import Session

__all__ = ["EXIT_INTERRUPTED", "EXIT_USAGE", "build_parser", "main"]

EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130
_EPILOG: Final = """\
configuration: OQTOPUS_URL and OQTOPUS_API_TOKEN, else the profile (--profile,
$OQTOPUS_PROFILE, or 'default') of $XDG_CONFIG_HOME/oqtopus/config.ini or ~/.oqtopus.
`oqtopus config init` writes a profile; `oqtopus config show` shows what is used.

exit status: 0 ok; 1 a job failed or was cancelled; 2 usage or configuration error;
3 API, network or wait-timeout error; 130 interrupted (running jobs are named on stderr)."""

Handler = Callable[[Session, argparse.Namespace], int]


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (stable keys)")


def _add_wait_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout", type=positive_float, default=None, metavar="S",
        help="give up after S seconds (exit 3); default: wait as long as it takes",
    )  # fmt: skip
    parser.add_argument(
        "--interval", type=positive_float, default=1.0, metavar="S",
        help="seconds between status polls (default 1)",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """Build the ``oqtopus`` argument parser.

    Returns:
        The parser; each command's namespace has ``handler`` set.
    """
    parser = argparse.ArgumentParser(
        prog="oqtopus",
        description="Work with an OQTOPUS quantum cloud from the shell.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--profile", metavar="NAME", default=None,
        help="INI profile to use (default $OQTOPUS_PROFILE or 'default'); "
        "OQTOPUS_URL in the environment still wins",
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    config = commands.add_parser("config", help="write or show the configuration")
    config.set_defaults(help_parser=config)
    config_commands = config.add_subparsers(dest="config_command", metavar="ACTION")
    init = config_commands.add_parser(
        "init", help="write a profile (prompts on a terminal, else needs --url and --token)"
    )
    init.add_argument("--url", help="API base URL, e.g. https://api.example.com")
    init.add_argument("--token", help="API token <id>.<secret> ('-' reads it from stdin)")
    init.add_argument("--force", action="store_true", help="replace an existing profile")
    init.set_defaults(handler=config_init)
    show = config_commands.add_parser("show", help="resolved settings and their sources")
    _add_json(show)
    show.set_defaults(handler=config_show)

    devices = commands.add_parser("devices", help="list devices, or show one")
    devices.add_argument("device_id", nargs="?", metavar="ID")
    _add_json(devices)
    devices.set_defaults(handler=cmd.cmd_devices)

    jobs = commands.add_parser("jobs", help="list, show, wait for, cancel or delete jobs")
    jobs.set_defaults(help_parser=jobs)
    job_commands = jobs.add_subparsers(dest="jobs_command", metavar="ACTION")
    listing = job_commands.add_parser("list", help="newest jobs first")
    listing.add_argument("--status", choices=JOB_STATUSES, help="only jobs in this status")
    listing.add_argument(
        "--since", metavar="WHEN",
        help="only jobs created since WHEN: a duration (30m, 2h, 1d) or ISO date/time",
    )  # fmt: skip
    listing.add_argument("--limit", type=positive_int, metavar="N", help="at most N jobs")
    _add_json(listing)
    listing.set_defaults(handler=cmd.cmd_jobs_list)
    show_job = job_commands.add_parser("show", help="one job's record")
    show_job.add_argument("job_id", metavar="ID")
    _add_json(show_job)
    show_job.set_defaults(handler=cmd.cmd_jobs_show)
    wait = job_commands.add_parser("wait", help="wait for jobs to finish")
    wait.add_argument("job_ids", nargs="+", metavar="ID")
    _add_wait_options(wait)
    _add_json(wait)
    wait.set_defaults(handler=cmd.cmd_jobs_wait)
    actions = []
    for name, handler, text in (
        ("cancel", cmd.cmd_jobs_cancel, "cancel a job"),
        ("delete", cmd.cmd_jobs_delete, "delete a job"),
    ):
        action = job_commands.add_parser(name, help=text)
        action.add_argument("job_id", metavar="ID")
        action.set_defaults(handler=handler)
        actions.append(action)

    submit = commands.add_parser(
        "submit",
        help="submit an OpenQASM 3 program",
        epilog=OPERATOR_SYNTAX,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    submit.add_argument("file", metavar="FILE.qasm")
    submit.add_argument("--device", required=True, metavar="ID", help="device id")
    submit.add_argument("--shots", required=True, type=positive_int, metavar="N")
    submit.add_argument("--name", help="job name")
    submit.add_argument("--type", choices=("sampling", "estimation"), default="sampling")
    submit.add_argument("--operator", metavar="TERMS", help='e.g. "1.5 XX, 1 ZZ" (estimation)')
    submit.add_argument("--wait", action="store_true", help="wait and print the result")
    _add_wait_options(submit)
    _add_json(submit)
    submit.set_defaults(handler=cmd.cmd_submit)

    result = commands.add_parser("result", help="a job's result (exit 1 if it failed)")
    result.add_argument("job_id", metavar="ID")
    shape = result.add_mutually_exclusive_group()
    shape.add_argument("--counts", action="store_true", help="only the counts, as JSON")
    shape.add_argument("--json", action="store_true", help="print JSON (stable keys)")
    result.set_defaults(handler=cmd.cmd_result)

    logs = commands.add_parser("logs", help="an SSE job's log")
    logs.add_argument("job_id", metavar="ID")
    logs.add_argument(
        "--follow", action="store_true",
        help="wait for the job to finish first (status changes on stderr)",
    )  # fmt: skip
    _add_wait_options(logs)
    logs.set_defaults(handler=cmd.cmd_logs)

    version = commands.add_parser("version", help="SDK and Python versions")
    _add_json(version)
    version.set_defaults(handler=cmd.cmd_version)
    journal_leaves = add_journal_commands(commands)
    for leaf in (init, show, devices, listing, show_job, wait, *actions, submit, result, logs,
                 *journal_leaves):  # fmt: skip
        # Also accepted after the command; SUPPRESS keeps a value given before it.
        leaf.add_argument(
            "--profile", metavar="NAME", default=argparse.SUPPRESS,
            help="INI profile (as the global --profile)",
        )  # fmt: skip
    return parser


def _one_line(text: str, secrets: Sequence[str | None]) -> str:
    from oqtopus_sdk.errors import redact

    return redact(" ".join(text.split()), _longest_first(secrets))


def _longest_first(secrets: Sequence[str | None]) -> list[str]:
    # Longest first, so the whole token is masked before its secret part is.
    return sorted((secret for secret in secrets if secret), key=len, reverse=True)


def _run(session: Session, handler: Handler) -> int:
    from oqtopus_sdk.errors import ConfigError, OqtopusError, redact

    out, args = session.out, session.args
    debug = bool(os.environ.get("OQTOPUS_DEBUG"))
    try:
        return handler(session, args)
    except (UsageError, ConfigError) as exc:
        if debug:
            raise
        out.note(f"oqtopus: error: {redact(str(exc), _longest_first(session.secrets()))}")
        return EXIT_USAGE
    except OqtopusError as exc:
        if debug:
            raise
        out.note(f"oqtopus: {type(exc).__name__}: {_one_line(str(exc), session.secrets())}")
        if session.running:
            out.note(f"still running: {', '.join(session.running)}")
        return cmd.EXIT_API_ERROR
    except (ValueError, TypeError) as exc:
        # The SDK checks arguments before any request (a bad job id, shots, device ...).
        if debug:
            raise
        out.note(f"oqtopus: error: {_one_line(str(exc), session.secrets())}")
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # the reader of stdout went away; main() handles it
    except Exception as exc:
        if debug:
            raise
        text = _one_line(f"{type(exc).__name__}: {exc}", session.secrets())
        out.note(f"oqtopus: internal error: {text} (set OQTOPUS_DEBUG=1 for the traceback)")
        return cmd.EXIT_API_ERROR
    except KeyboardInterrupt:
        running = f"; still running: {', '.join(session.running)}" if session.running else ""
        out.note(f"oqtopus: interrupted{running}")
        return EXIT_INTERRUPTED
    finally:
        session.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``oqtopus`` command.

    Args:
        argv: The arguments after the program name (default ``sys.argv[1:]``).

    Returns:
        The exit status: 0 ok, 1 job failed or cancelled, 2 usage or config error, 3 API,
        network or timeout error, 130 interrupted.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:  # no command, or `config` / `jobs` without an action
        getattr(args, "help_parser", parser).print_help()
        return EXIT_USAGE
    out = Output(sys.stdout, sys.stderr, load_rich_console(sys.stdout))
    try:
        code = _run(Session(args, out), handler)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`oqtopus jobs list | head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if code == EXIT_INTERRUPTED and argv is None:
        # Polling threads may still be parked in a request: leave without joining them.
        sys.stderr.flush()
        os._exit(code)
    return code
