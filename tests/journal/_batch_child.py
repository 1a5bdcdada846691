"""Child processes for the kill test: a journaled 30-job batch that SIGKILLs itself.

Run as a script, this is a *zygote*: it imports the SDK once, then reads one JSON request
per line on stdin, ``{"runs": [{"id": ..., "env": {...}}, ...]}``, forks one child per run,
waits for all of them and answers ``{"returncodes": {id: code}}`` (``-9``: SIGKILL). Forking
from a warm, single-threaded process makes each run cost its batch, not Python's start-up.

A child takes its settings from ``env``: ``OQTOPUS_URL``/``OQTOPUS_API_TOKEN`` (the emulator
and the scenario's user), ``JT_JOURNAL`` (journal file), ``JT_CACHE`` (result cache),
``JT_PREFIX`` (spec names), ``JT_COUNT`` (specs), ``JT_REPORT`` (where the results go),
``JT_DELAY`` (SIGKILL itself after that many seconds) and ``JT_KILL=<point>:<n>``: SIGKILL
right after the n-th event of that point:

``register``  a ``POST /jobs`` answer arrived (before the journal knows the job);
``registered`` the journal recorded a job (before its upload);
``uploaded``  an input upload finished (before the submit);
``submitted`` the journal recorded a submit (the last one starts the wait);
``polled``    a status poll (``GET /jobs/{id}/status`` or a ``GET /jobs`` listing) answered
              (during the wait);
``cached``    a finished result was written to the cache (before the journal says so);
``finished``  the journal recorded a finished job (during result reads).

A child that completes writes the job ids, names and shot totals of its results, in order,
to ``JT_REPORT``. Pre-flight is off: it would import qiskit, and the specs are known good.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

import oqtopus_api.api.job
import oqtopus_api.models  # noqa: F401
from oqtopus_sdk import OqtopusClient, OqtopusJobSpec, _transport
from oqtopus_sdk._common import wait_options
from oqtopus_sdk._disk_cache import DiskCache
from oqtopus_sdk._journaled import run_jobs_batch_journaled
from oqtopus_sdk.journal import Journal
from oqtopus_sdk.results import OqtopusJobResult  # noqa: F401

BELL = (
    'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; '
    "h q[0]; cx q[0], q[1]; c = measure q;"
)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _install_kill(point: str, target: int) -> None:
    lock = threading.Lock()
    seen = [0]

    def tick(name: str) -> None:
        if name != point:
            return
        with lock:
            seen[0] += 1
            if seen[0] == target:
                _die()

    def after(cls: Any, method: str, name: str) -> None:
        original: Callable[..., Any] = getattr(cls, method)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            tick(name)
            return result

        setattr(cls, method, wrapped)

    after(Journal, "mark_registered", "registered")
    after(Journal, "mark_submitted", "submitted")
    after(Journal, "mark_finished", "finished")
    after(DiskCache, "put", "cached")
    api = _transport.Transport.api
    upload = _transport.Transport.upload

    def api_hooked(self: Any, kwargs: Any, **options: Any) -> Any:
        answer = yield from api(self, kwargs, **options)
        method, url = str(kwargs.get("method", "")).upper(), str(kwargs.get("url", ""))
        if method == "POST" and url == "/jobs":
            tick("register")
        elif method == "GET" and (url == "/jobs" or url.endswith("/status")):
            tick("polled")
        return answer

    def upload_hooked(self: Any, *args: Any, **kwargs: Any) -> Any:
        yield from upload(self, *args, **kwargs)
        tick("uploaded")

    _transport.Transport.api = api_hooked  # type: ignore[method-assign]
    _transport.Transport.upload = upload_hooked  # type: ignore[method-assign]


def run_batch() -> None:
    """One child: the batch, with the kill the environment asks for."""
    kill = os.environ.get("JT_KILL", "")
    if kill:
        point, _, count = kill.partition(":")
        _install_kill(point, int(count))
    delay = os.environ.get("JT_DELAY")
    if delay:
        timer = threading.Timer(float(delay), _die)
        timer.daemon = True
        timer.start()
    prefix = os.environ["JT_PREFIX"]
    specs = [
        OqtopusJobSpec.sampling(
            device_id="SVSim",
            program=BELL,
            shots=8,
            name=f"{prefix}-{i}",
            transpiler_info={"transpiler_lib": None},  # no transpile: less emulator work
        )
        for i in range(int(os.environ.get("JT_COUNT", "30")))
    ]
    options = wait_options(interval=0.02, interval_backoff=1.0, max_interval=None, timeout=60.0)
    with OqtopusClient(preflight=False) as client, Journal(os.environ["JT_JOURNAL"]) as journal:
        results = client._run(
            run_jobs_batch_journaled(
                client._ctx, specs, options, journal=journal, submit_workers=4,
                wait_workers=4, requests_per_second=60.0, cache=DiskCache(os.environ["JT_CACHE"]),
            )
        )  # fmt: skip
    report = {
        "job_ids": [r.job_id for r in results],
        "names": [r.name for r in results],
        "shots": [sum(r.get_counts().values()) for r in results],  # type: ignore[attr-defined]
    }
    with open(os.environ["JT_REPORT"], "w", encoding="utf-8") as handle:
        json.dump(report, handle)


def _fork(env: dict[str, str]) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        os.environ.update(env)
        run_batch()
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return 0  # pragma: no cover - not reached


def main() -> int:
    """Serve run requests from stdin until it closes."""
    for line in sys.stdin:
        request = json.loads(line)
        pids = {_fork(run["env"]): run["id"] for run in request["runs"]}
        codes: dict[str, int] = {}
        while pids:
            pid, status = os.wait()
            if pid in pids:
                codes[pids.pop(pid)] = os.waitstatus_to_exitcode(status)
        print(json.dumps({"returncodes": codes}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
