"""The ``oqtopus-local`` command line.

``oqtopus-local serve`` prints ``OQTOPUS_URL=...``, ``OQTOPUS_BASE_URL=...`` and
``OQTOPUS_API_TOKEN=...`` lines (eval-able by a shell) and serves until SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence

from .devices import DEFAULT_DEVICE_ALIASES, check_aliases, default_devices, parse_alias
from .emulator import DEFAULT_API_TOKEN, DEFAULT_MAX_UPLOAD_BYTES, split_token
from .faults import FaultConfig, parse_rate_spec


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        prog="oqtopus-local", description="Local OQTOPUS User API emulator"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the emulator until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port (8080; 0 picks a free one)")
    serve.add_argument(
        "--token", default=DEFAULT_API_TOKEN, help=f"API token <id>.<secret> ({DEFAULT_API_TOKEN})"
    )
    serve.add_argument("--data-dir", default=None, help="persist jobs and archives here")
    serve.add_argument(
        "--storage",
        choices=["http", "file"],
        default="http",
        help="upload URL style: presigned POST (http) or file:// (needs --data-dir)",
    )
    serve.add_argument(
        "--sse-timeout", type=float, default=600.0, help="SSE program time limit (s)"
    )
    serve.add_argument("--workers", type=int, default=4, help="job worker threads")
    serve.add_argument(
        "--device-alias",
        action="append",
        default=[],
        metavar="NAME=DEVICE",
        help="accept NAME wherever a device id is, running on DEVICE (repeatable; "
        "qulacs=SVSim is always added unless --no-default-aliases)",
    )
    serve.add_argument(
        "--no-default-aliases", action="store_true", help="do not add the qulacs=SVSim alias"
    )
    serve.add_argument(
        "--max-upload-bytes",
        type=int,
        default=DEFAULT_MAX_UPLOAD_BYTES,
        metavar="N",
        help=f"largest presigned upload accepted, else 413 ({DEFAULT_MAX_UPLOAD_BYTES})",
    )
    serve.add_argument("--log-level", default="warning", help="uvicorn log level")
    faults = serve.add_argument_group("fault injection (default: none)")
    faults.add_argument("--queue-latency", type=float, default=0.0, help="seconds in 'submitted'")
    faults.add_argument("--run-latency", type=float, default=0.0, help="seconds in 'ready'")
    faults.add_argument(
        "--exec-latency", type=float, default=0.0, help="extra seconds in 'running'"
    )
    faults.add_argument(
        "--rate-limit",
        default="",
        metavar="SPEC",
        help="429 rates, e.g. 'get_job_status=0.3' or '0.1'",
    )
    faults.add_argument("--retry-after", type=float, default=1.0, help="Retry-After seconds")
    faults.add_argument("--unavailable", default="", metavar="SPEC", help="503 rates, same form")
    faults.add_argument("--drop", default="", metavar="SPEC", help="dropped-connection rates")
    faults.add_argument("--fail-jobs", action="store_true", help="fail every job")
    faults.add_argument("--fail-job-pattern", default=None, help="fail jobs whose name matches")
    faults.add_argument("--fault-seed", type=int, default=0, help="random seed for faults")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if split_token(args.token) is None:
        parser.error("--token must look like '<id>.<secret>'")
    if args.storage == "file" and not args.data_dir:
        parser.error("--storage file needs --data-dir")
    if args.max_upload_bytes < 1:
        parser.error(f"--max-upload-bytes must be positive, got {args.max_upload_bytes}")
    aliases = {} if args.no_default_aliases else dict(DEFAULT_DEVICE_ALIASES)
    try:
        for text in args.device_alias:
            name, target = parse_alias(text)
            aliases[name] = target
        check_aliases(aliases, default_devices())
    except ValueError as exc:
        parser.error(f"--device-alias: {exc}")
    try:
        config = FaultConfig(
            queue_latency=args.queue_latency,
            run_latency=args.run_latency,
            exec_latency=args.exec_latency,
            rate_limit=parse_rate_spec(args.rate_limit),
            retry_after=args.retry_after,
            unavailable=parse_rate_spec(args.unavailable),
            drop=parse_rate_spec(args.drop),
            fail_jobs=args.fail_jobs,
            fail_job_pattern=args.fail_job_pattern,
            seed=args.fault_seed,
        )
    except ValueError as exc:
        parser.error(str(exc))
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    from .server import LocalOqtopus

    server = LocalOqtopus(
        args.host,
        args.port,
        api_token=args.token,
        data_dir=args.data_dir,
        faults=config,
        sse_timeout=args.sse_timeout,
        max_workers=args.workers,
        storage=args.storage,
        log_level=args.log_level,
        device_aliases=aliases,
        max_upload_bytes=args.max_upload_bytes,
    )

    def announce(srv: LocalOqtopus) -> None:
        for k, v in srv.env().items():
            print(f"{k}={v}")
        sys.stdout.flush()

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(0)

    # uvicorn re-raises the captured signal after its graceful shutdown; turning it into
    # a normal exit makes SIGINT/SIGTERM end the command with status 0.
    signal.signal(signal.SIGTERM, terminate)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever(on_ready=announce)
    return 0
