#!/usr/bin/env python3
"""Benchmark oqtopus_sdk against the reference SDK and a raw-httpx protocol floor.

Runs the local emulator in a separate process (zero latency) and measures, on the same
emulator in one run:

1. batch: N sampling jobs (Bell circuit, 1000 shots): submit all, wait for all, read counts;
2. round trip: one job at a time, submit to counts in hand: p50 and p95;
3. import time of each package in fresh interpreters (median);
4. counts conversion of 2**20 bitstring keys to integer keys: time and peak memory;
5. batches of 100 and 1,000 jobs through run_jobs_batch at each client's default wait
   settings (1 s interval, 4 workers) and at a 0.05 s interval, against a floor that polls
   each pending job once per interval (same submit concurrency: 4);
6. the one-off cost of a process's first submit (Qiskit loaded for the pre-flight parse);
7. waiting 20 s on 10,000 jobs that stay pending (seeded straight into an emulator process,
   benchmarks/seeded_emulator.py): status requests per second against the default budget,
   and how old each job's status gets between two sightings.

Clients: oqtopus_sdk sync, oqtopus_sdk async, the reference oqtopus-client 1.3.0, and a
raw-httpx floor that sends only the requests the protocol needs, with the same concurrency.
Prints a table with ratios ours/reference and ours/floor and writes every figure to JSON.

Usage: python benchmarks/run.py [--jobs 200] [--repeats 3] [--default-sizes 100,1000]
       [--poll-jobs 10000] [--poll-seconds 20] [--only PARTS] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import functools
import importlib
import io
import itertools
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "benchid.benchsecret"
SDK_OPTIONS: dict[str, Any] = {}
"""Extra OqtopusClient/AsyncOqtopusClient keywords (--sdk-status-budget)."""
DEVICE = "SVSim"
BELL = (
    'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; '
    "h q[0]; cx q[0], q[1]; c = measure q;"
)
SHOTS = 1000
TERMINAL = ("succeeded", "failed", "cancelled")
DEFAULT_WORKERS = 4
"""oqtopus_sdk's and the reference's default submit_workers / wait_workers / max_workers."""
DEFAULT_INTERVAL = 1.0
"""oqtopus_sdk's and the reference's default poll interval (s)."""


# --- emulator process ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def emulator(*extra: str) -> Iterator[str]:
    """Run `oqtopus-local serve` in a child process; yield its base URL."""
    port = _free_port()
    command = [
        sys.executable, "-m", "oqtopus_sdk.local", "serve",
        "--host", "127.0.0.1", "--port", str(port), "--token", TOKEN, *extra,
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"emulator exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{base}/devices", headers={"q-api-token": TOKEN}).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("emulator did not start within 30 s")
            time.sleep(0.05)
        # Warm the simulator (qiskit import) so no client pays for it.
        RawFloor(base, workers=1, interval=0.02).batch(1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


# --- clients -------------------------------------------------------------------------------


class RawFloor:
    """Only the requests the protocol needs, over one pooled httpx client, no SDK logic."""

    def __init__(self, base: str, *, workers: int, interval: float) -> None:
        self.base = base
        self.workers = workers
        self.interval = interval
        self.api = {"q-api-token": TOKEN}
        self.http = httpx.Client(
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
            timeout=60,
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("input.json", json.dumps({"program": [BELL]}))
        self.archive = buffer.getvalue()
        self.body = {
            "name": "bench", "device_id": DEVICE, "job_type": "sampling", "shots": SHOTS,
            "transpiler_info": {}, "simulator_info": {}, "mitigation_info": {},
        }  # fmt: skip

    def submit(self) -> str:
        registered = self.http.post(f"{self.base}/jobs", headers=self.api).json()
        target = registered["presigned_url"]
        name = target["fields"].get("key", "input.zip").rsplit("/", 1)[-1]
        # Storage gets no API headers, as with real presigned S3 URLs.
        upload = self.http.post(
            target["url"],
            data=target["fields"],
            files={"file": (name, self.archive, "application/zip")},
        )
        upload.raise_for_status()
        self.http.post(
            f"{self.base}/jobs/{registered['job_id']}/submit", json=self.body, headers=self.api
        ).raise_for_status()
        return str(registered["job_id"])

    def status(self, job_id: str) -> str:
        answer = self.http.get(f"{self.base}/jobs/{job_id}/status", headers=self.api)
        return str(answer.json()["status"])

    def wait_and_read(self, job_id: str) -> dict[str, int]:
        while self.status(job_id) not in TERMINAL:
            time.sleep(self.interval)
        return self.read(job_id)

    def read(self, job_id: str) -> dict[str, int]:
        """GET the finished job once and download its result archive."""
        job = self.http.get(f"{self.base}/jobs/{job_id}", headers=self.api).json()
        data = self.http.get(job["job_info"]["result"]).content
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            (entry,) = archive.namelist()
            counts: dict[str, int] = json.loads(archive.read(entry))["sampling"]["counts"]
        return counts

    def batch(self, n: int) -> list[dict[str, int]]:
        with ThreadPoolExecutor(self.workers) as pool:
            ids = list(pool.map(lambda _: self.submit(), range(n)))
            return list(pool.map(self.wait_and_read, ids))

    def round_trip(self) -> dict[str, int]:
        return self.wait_and_read(self.submit())

    def rounds_batch(self, n: int, interval: float) -> list[dict[str, int]]:
        """The per-job polling floor of the issue: submit all (``workers`` at a time), then
        every ``interval`` poll each pending job once (``GET /jobs/{id}/status``, ``workers``
        at a time) and read each job found finished once."""
        counts: dict[str, dict[str, int]] = {}
        with ThreadPoolExecutor(self.workers) as pool:
            ids = list(pool.map(lambda _: self.submit(), range(n)))
            pending = ids
            while pending:
                round_start = time.monotonic()
                statuses = list(pool.map(self.status, pending))
                finished = [j for j, s in zip(pending, statuses, strict=True) if s in TERMINAL]
                counts.update(zip(finished, pool.map(self.read, finished), strict=True))
                pending = [j for j, s in zip(pending, statuses, strict=True) if s not in TERMINAL]
                if pending:
                    time.sleep(max(0.0, round_start + interval - time.monotonic()))
        return [counts[j] for j in ids]

    def default_batch(self, n: int, interval: float | None) -> list[dict[str, int]]:
        return self.rounds_batch(n, interval if interval is not None else DEFAULT_INTERVAL)

    def close(self) -> None:
        self.http.close()


class SyncSdk:
    """The same calls against oqtopus_sdk or the reference: the interface is shared."""

    def __init__(self, base: str, *, workers: int, interval: float, package: str = "oqtopus_sdk"):
        module = importlib.import_module(package)
        options = SDK_OPTIONS if package == "oqtopus_sdk" else {}
        self.client = module.OqtopusClient(
            module.OqtopusConfig(base_url=base, api_token=TOKEN), **options
        )
        self.spec = module.OqtopusJobSpec.sampling(
            device_id=DEVICE, program=BELL, shots=SHOTS, name="bench"
        )
        self.workers, self.interval = workers, interval

    def batch(self, n: int) -> list[dict[str, int]]:
        submitted = self.client.submit_jobs([self.spec] * n, max_workers=self.workers)
        results = self.client.wait_for_jobs(
            [s.job_id for s in submitted], interval=self.interval, max_workers=self.workers
        )
        return [dict(r.get_counts()) for r in results]

    def round_trip(self) -> dict[str, int]:
        return dict(self.client.run_sampling(self.spec, interval=self.interval).get_counts())

    def default_batch(self, n: int, interval: float | None) -> list[dict[str, int]]:
        """run_jobs_batch at the client's defaults (only ``interval`` when given)."""
        extra: dict[str, Any] = {} if interval is None else {"interval": interval}
        results = self.client.run_jobs_batch([self.spec] * n, **extra)
        return [dict(r.get_counts()) for r in results]

    def close(self) -> None:
        close = getattr(self.client, "close", None)  # the reference has none
        if close is not None:
            close()


class OursAsync:
    def __init__(self, base: str, *, workers: int, interval: float) -> None:
        from oqtopus_sdk import AsyncOqtopusClient, OqtopusConfig, OqtopusJobSpec

        self.loop = asyncio.new_event_loop()
        self.client = AsyncOqtopusClient(
            OqtopusConfig(base_url=base, api_token=TOKEN), **SDK_OPTIONS
        )
        self.spec = OqtopusJobSpec.sampling(
            device_id=DEVICE, program=BELL, shots=SHOTS, name="bench"
        )
        self.workers, self.interval = workers, interval

    async def _batch(self, n: int) -> list[dict[str, int]]:
        submitted = await self.client.submit_jobs([self.spec] * n, max_workers=self.workers)
        results = await self.client.wait_for_jobs(
            [s.job_id for s in submitted], interval=self.interval, max_workers=self.workers
        )
        return [r.get_counts() for r in results]  # type: ignore[attr-defined]

    async def _round_trip(self) -> dict[str, int]:
        result = await self.client.run_sampling(self.spec, interval=self.interval)
        return result.get_counts()

    async def _default_batch(self, n: int, interval: float | None) -> list[dict[str, int]]:
        extra: dict[str, Any] = {} if interval is None else {"interval": interval}
        results = await self.client.run_jobs_batch([self.spec] * n, **extra)
        return [r.get_counts() for r in results]  # type: ignore[attr-defined]

    def default_batch(self, n: int, interval: float | None) -> list[dict[str, int]]:
        """run_jobs_batch at the client's defaults (only ``interval`` when given)."""
        return self.loop.run_until_complete(self._default_batch(n, interval))

    def batch(self, n: int) -> list[dict[str, int]]:
        return self.loop.run_until_complete(self._batch(n))

    def round_trip(self) -> dict[str, int]:
        return self.loop.run_until_complete(self._round_trip())

    def close(self) -> None:
        self.loop.run_until_complete(self.client.close())
        self.loop.close()


CLIENTS: dict[str, Callable[..., Any]] = {
    "oqtopus_sdk sync": SyncSdk,
    "oqtopus_sdk async": OursAsync,
    "reference 1.3.0": functools.partial(SyncSdk, package="oqtopus_client"),
    "raw httpx floor": RawFloor,
}


def _check_bell(counts: dict[str, int]) -> None:
    if set(counts) - {"00", "11"} or sum(counts.values()) != SHOTS:
        raise AssertionError(f"wrong Bell counts: {counts}")


# --- measurements --------------------------------------------------------------------------


def measure_batch(base: str, n: int, repeats: int, workers: int, interval: float) -> dict[str, Any]:
    """Batch wall time per client; clients take turns in every repeat, so none gets a
    warmer (or more loaded) emulator than the others."""
    clients = {
        name: factory(base, workers=workers, interval=interval) for name, factory in CLIENTS.items()
    }
    times: dict[str, list[float]] = {name: [] for name in clients}
    try:
        for client in clients.values():
            client.batch(1)  # untimed: connections, and the one-off Qiskit pre-flight import
        for repeat in range(repeats):
            order = list(clients)
            order = order[repeat % len(order) :] + order[: repeat % len(order)]
            for name in order:
                start = time.perf_counter()
                counts = clients[name].batch(n)
                times[name].append(time.perf_counter() - start)
                assert len(counts) == n
                for item in counts:
                    _check_bell(item)
                print(f"  batch {name} run {repeat + 1}: {times[name][-1]:.2f} s", flush=True)
    finally:
        for client in clients.values():
            client.close()
    return {
        name: {"median_s": statistics.median(runs), "runs_s": runs} for name, runs in times.items()
    }


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def measure_round_trip(base: str, n: int, interval: float) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name, factory in CLIENTS.items():
        client = factory(base, workers=1, interval=interval)
        try:
            client.round_trip()  # warm connections and caches; not counted
            samples = []
            for _ in range(n):
                start = time.perf_counter()
                _check_bell(client.round_trip())
                samples.append(time.perf_counter() - start)
        finally:
            client.close()
        figures[name] = {
            "p50_s": statistics.median(samples),
            "p95_s": _percentile(samples, 0.95),
            "samples": len(samples),
        }
        print(f"  round trip {name}: p50 {figures[name]['p50_s'] * 1000:.1f} ms", flush=True)
    return figures


def measure_import(runs: int) -> dict[str, Any]:
    statements = {
        "oqtopus_sdk": "from oqtopus_sdk import OqtopusClient",
        "reference 1.3.0": "from oqtopus_client import OqtopusClient",
    }
    figures: dict[str, Any] = {}
    for name, statement in statements.items():
        code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
        samples = [
            float(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(runs)
        ]
        figures[name] = {"median_s": statistics.median(samples), "runs": runs}
        print(f"  import {name}: {figures[name]['median_s'] * 1000:.0f} ms", flush=True)
    return figures


_CONVERSION_CODE = """
import json, time, tracemalloc
{import_line}
counts = {{format(i, "020b"): 1 for i in range(1 << 20)}}
tracemalloc.start()
start = time.perf_counter()
converted = convert(counts)
elapsed = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1]
assert len(converted) == 1 << 20 and converted[5] == 1
print(json.dumps({{"seconds": elapsed, "peak_bytes": peak}}))
"""


def measure_conversion(runs: int) -> dict[str, Any]:
    imports = {
        "oqtopus_sdk": "from oqtopus_sdk import bitstring_dict_to_int_keys as convert",
        "reference 1.3.0": "from oqtopus_client import bitstring_dict_to_int_keys as convert",
    }
    figures: dict[str, Any] = {}
    for name, line in imports.items():
        code = _CONVERSION_CODE.format(import_line=line)
        samples = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(runs)
        ]
        figures[name] = {
            "median_s": statistics.median(s["seconds"] for s in samples),
            "peak_mib": statistics.median(s["peak_bytes"] for s in samples) / 2**20,
            "runs": runs,
        }
        print(
            f"  conversion {name}: {figures[name]['median_s']:.3f} s, {figures[name]['peak_mib']:.1f} MiB",
            flush=True,
        )
    return figures


def _flag_outliers(runs: Sequence[float]) -> list[int]:
    """1-based numbers of the runs that took more than 1.5x the median."""
    median = statistics.median(runs)
    return [i + 1 for i, run in enumerate(runs) if run > 1.5 * median]


def measure_default_batches(
    base: str, sizes: Sequence[int], repeats: int, fast_interval: float
) -> dict[str, Any]:
    """run_jobs_batch of n Bell jobs at each client's defaults (1 s interval, 4 submit and 4
    wait workers), and the same at ``fast_interval``, against the round-based floor.

    Timed: submit all, wait for all, read every job's counts; the client is constructed,
    imported and warmed (one untimed 1-job batch, which pays the one-off Qiskit pre-flight
    import) before. The reference runs at its defaults only. Clients take turns per run.
    """
    names = ["oqtopus_sdk sync", "oqtopus_sdk async", "raw httpx floor", "reference 1.3.0"]
    clients = {
        name: CLIENTS[name](base, workers=DEFAULT_WORKERS, interval=DEFAULT_INTERVAL)
        for name in names
    }
    figures: dict[str, Any] = {}
    try:
        for client in clients.values():
            client.default_batch(1, 0.05)
        for interval in (None, fast_interval):
            label = "default" if interval is None else f"{interval:g}s"
            for n in sizes:
                active = names if interval is None else names[:3]
                times: dict[str, list[float]] = {name: [] for name in active}
                for repeat in range(repeats):
                    order = active[repeat % len(active) :] + active[: repeat % len(active)]
                    for name in order:
                        start = time.perf_counter()
                        counts = clients[name].default_batch(n, interval)
                        times[name].append(time.perf_counter() - start)
                        assert len(counts) == n
                        for item in counts:
                            _check_bell(item)
                        print(
                            f"  batch {n} @{label} {name} run {repeat + 1}: {times[name][-1]:.2f} s",
                            flush=True,
                        )
                for name, runs in times.items():
                    flagged = _flag_outliers(runs)
                    if flagged:
                        print(f"  ! batch {n} @{label} {name}: runs {flagged} > 1.5x median")
                    figures.setdefault(f"{n}@{label}", {})[name] = {
                        "median_s": statistics.median(runs),
                        "runs_s": runs,
                        "over_1.5x_median": flagged,
                    }
    finally:
        for client in clients.values():
            client.close()
    return figures


_FIRST_SUBMIT_CODE = """
import json, sys, time
from oqtopus_sdk import OqtopusClient, OqtopusConfig, OqtopusJobSpec
client = OqtopusClient(OqtopusConfig(base_url=sys.argv[1], api_token=sys.argv[2]))
spec = OqtopusJobSpec.sampling(device_id="SVSim", program=sys.argv[3], shots=1000)
times = []
for _ in range(3):
    start = time.perf_counter()
    client.submit_job(spec)
    times.append(time.perf_counter() - start)
qiskit_loaded = "qiskit" in sys.modules
print(json.dumps({"first_s": times[0], "later_s": min(times[1:]), "qiskit": qiskit_loaded}))
"""


def measure_first_submit(base: str, runs: int) -> dict[str, Any]:
    """The one-off cost of a process's first submit: Qiskit's OpenQASM 3 importer is loaded
    for the pre-flight parse. Fresh interpreters, client already imported and built."""
    samples = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _FIRST_SUBMIT_CODE, base, TOKEN, BELL],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    figures = {
        "first_submit_s": statistics.median(s["first_s"] for s in samples),
        "later_submit_s": statistics.median(s["later_s"] for s in samples),
        "qiskit_installed": all(s["qiskit"] for s in samples),
        "runs": [s["first_s"] for s in samples],
    }
    figures["one_off_s"] = figures["first_submit_s"] - figures["later_submit_s"]
    print(
        f"  first submit {figures['first_submit_s'] * 1000:.0f} ms, later "
        f"{figures['later_submit_s'] * 1000:.1f} ms (one-off {figures['one_off_s'] * 1000:.0f} ms)",
        flush=True,
    )
    return figures


class _RecordingTransport(httpx.HTTPTransport):
    """Records every status request (list pages and per-job status) and, per job, when an
    answer carried its status."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[float, str]] = []
        self.pages: list[tuple[float, float, int]] = []  # (sent, answered, page) of list pages
        self.seen: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sent = time.monotonic()
        response = super().handle_request(request)
        path = request.url.path
        kind = "list" if path == "/jobs" else "status" if path.endswith("/status") else None
        if request.method != "GET" or kind is None:
            return response
        response.read()
        now = time.monotonic()
        body = json.loads(response.content) if response.status_code == 200 else None
        items = body if isinstance(body, list) else [body] if isinstance(body, dict) else []
        with self.lock:
            self.requests.append((now, kind))
            if kind == "list":
                self.pages.append((sent, now, int(request.url.params.get("page", "1"))))
            for item in items:
                self.seen.setdefault(str(item.get("job_id")), []).append(now)
        return response


@contextmanager
def seeded_emulator(jobs: int) -> Iterator[tuple[str, list[str]]]:
    """benchmarks/seeded_emulator.py in its own process: ``jobs`` jobs pending for an hour."""
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("seeded_emulator.py")), str(jobs), TOKEN],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline().split()
        if first[:1] != ["READY"]:
            raise RuntimeError(f"seeded emulator did not start: {first}")
        ids = []
        for line in process.stdout:
            if line.strip() == "END":
                break
            ids.append(line.strip())
        yield first[1], ids
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def measure_sweep_wait(n: int, seconds: float) -> dict[str, Any]:
    """Wait ``seconds`` on n jobs that stay pending, at the SDK's default wait settings.

    Reports status requests per second against the default budget, and status age: for
    every job, the longest time the wait went without an answer carrying its status (from
    the wait's start to its first sighting, between sightings, and from the last one to the
    wait's end), in intervals.
    """
    from oqtopus_sdk import BatchJobError, OqtopusClient, OqtopusConfig
    from oqtopus_sdk._polling import default_status_budget, pages_per_sweep

    budget = default_status_budget(DEFAULT_WORKERS, DEFAULT_INTERVAL, n)
    with seeded_emulator(n) as (base, ids):
        assert len(ids) == n
        transport = _RecordingTransport()
        client = OqtopusClient(OqtopusConfig(base_url=base, api_token=TOKEN), transport=transport)
        try:
            start = time.monotonic()
            try:
                client.wait_for_jobs(ids, timeout=seconds)
            except BatchJobError as exc:
                timed_out = len(exc.errors)
            else:
                timed_out = 0
            end = time.monotonic()
            if timed_out != n:
                raise AssertionError(f"{n - timed_out} seeded jobs did not stay pending")
        finally:
            client.close()
    elapsed = end - start
    kinds = [kind for _, kind in transport.requests]
    times = sorted(t for t, _ in transport.requests)
    peak = max((bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)
    # Status age: per job, the longest gap between two answers carrying its status. Reported
    # apart: the wait's start to the first answer, and the last answer to the timeout (the
    # wait is cut off there, mid-sweep or not).
    ages, firsts, tails = [], [], []
    for job_id in ids:
        seen = transport.seen.get(job_id, [])
        ages.append(max((b - a for a, b in itertools.pairwise(seen)), default=math.inf))
        firsts.append(seen[0] - start if seen else math.inf)
        tails.append(end - seen[-1] if seen else math.inf)
    ages.sort()
    sweeps: list[list[tuple[float, float, int]]] = []
    for page in sorted(transport.pages):
        if page[2] == 1 or not sweeps:
            sweeps.append([])
        sweeps[-1].append(page)
    whole = [sw for sw in sweeps if len(sw) == pages_per_sweep(n)]
    durations = [sw[-1][1] - sw[0][0] for sw in whole]
    periods = [b[0][0] - a[0][0] for a, b in itertools.pairwise(sweeps)]
    latencies = sorted(answered - sent for sent, answered, _ in transport.pages)
    figures = {
        "jobs": n,
        "seconds": elapsed,
        "interval_s": DEFAULT_INTERVAL,
        "status_requests": len(times),
        "list_pages": kinds.count("list"),
        "per_job_status": kinds.count("status"),
        "pages_per_sweep": pages_per_sweep(n),
        "sweeps": kinds.count("list") / max(1, pages_per_sweep(n)),
        "per_second": len(times) / elapsed,
        "peak_1s_window": peak,
        "budget_per_second": budget,
        "max_status_age_s": ages[-1],
        "p50_status_age_s": statistics.median(ages),
        "max_first_sighting_s": max(firsts),
        "max_tail_s": max(tails),
        "whole_sweeps": len(whole),
        "sweep_duration_median_s": statistics.median(durations) if durations else None,
        "sweep_period_median_s": statistics.median(periods) if periods else None,
        "page_latency_p50_ms": 1000 * statistics.median(latencies) if latencies else None,
        "page_latency_max_ms": 1000 * latencies[-1] if latencies else None,
        "jobs_never_seen": sum(1 for j in ids if j not in transport.seen),
    }
    print(
        f"  {n} pending jobs, {elapsed:.1f} s: {figures['per_second']:.1f} status req/s "
        f"(budget {budget:.0f}/s, peak {peak} in 1 s; {figures['list_pages']} list pages, "
        f"{figures['per_job_status']} per-job polls); status age max "
        f"{ages[-1]:.2f} s, median {figures['p50_status_age_s']:.2f} s (first sighting "
        f"<= {max(firsts):.2f} s, tail <= {max(tails):.2f} s); {len(whole)} whole sweeps, "
        f"duration {figures['sweep_duration_median_s'] or 0:.2f} s, period "
        f"{figures['sweep_period_median_s'] or 0:.2f} s, page p50 "
        f"{figures['page_latency_p50_ms'] or 0:.1f} ms",
        flush=True,
    )
    return figures


# --- report --------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def render(report: dict[str, Any]) -> str:
    lines = [
        f"oqtopus_sdk benchmark ({report['environment']['python']}, {report['environment']['cpus']} CPUs; "
        f"batch {report['settings']['jobs']} jobs x {report['settings']['repeats']} runs, medians)",
        "",
        "| measurement | oqtopus_sdk sync | oqtopus_sdk async | reference 1.3.0 | raw floor | sync/ref | sync/floor |",
        "|---|---|---|---|---|---|---|",
    ]
    batch = report["batch"]
    b = {k: v["median_s"] for k, v in batch.items()}
    lines.append(
        f"| batch wall time (s) | {b['oqtopus_sdk sync']:.2f} | {b['oqtopus_sdk async']:.2f} | "
        f"{b['reference 1.3.0']:.2f} | {b['raw httpx floor']:.2f} | "
        f"{_ratio(b['oqtopus_sdk sync'], b['reference 1.3.0'])} | {_ratio(b['oqtopus_sdk sync'], b['raw httpx floor'])} |"
    )
    for key, label in (("p50_s", "round trip p50 (ms)"), ("p95_s", "round trip p95 (ms)")):
        r = {k: v[key] * 1000 for k, v in report["round_trip"].items()}
        lines.append(
            f"| {label} | {r['oqtopus_sdk sync']:.1f} | {r['oqtopus_sdk async']:.1f} | {r['reference 1.3.0']:.1f} | "
            f"{r['raw httpx floor']:.1f} | {_ratio(r['oqtopus_sdk sync'], r['reference 1.3.0'])} | "
            f"{_ratio(r['oqtopus_sdk sync'], r['raw httpx floor'])} |"
        )
    imp = report["import"]
    lines.append(
        f"| import time (ms) | {imp['oqtopus_sdk']['median_s'] * 1000:.0f} | | "
        f"{imp['reference 1.3.0']['median_s'] * 1000:.0f} | | "
        f"{_ratio(imp['oqtopus_sdk']['median_s'], imp['reference 1.3.0']['median_s'])} | |"
    )
    conv = report["conversion"]
    lines.append(
        f"| 2^20-key conversion (s) | {conv['oqtopus_sdk']['median_s']:.3f} | | {conv['reference 1.3.0']['median_s']:.3f} "
        f"| | {_ratio(conv['oqtopus_sdk']['median_s'], conv['reference 1.3.0']['median_s'])} | |"
    )
    lines.append(
        f"| 2^20-key conversion peak (MiB) | {conv['oqtopus_sdk']['peak_mib']:.1f} | | "
        f"{conv['reference 1.3.0']['peak_mib']:.1f} | | "
        f"{_ratio(conv['oqtopus_sdk']['peak_mib'], conv['reference 1.3.0']['peak_mib'])} | |"
    )
    defaults = report.get("default_batch")
    if defaults:
        lines += [
            "",
            "Batches at the clients' default wait settings (`run_jobs_batch`, 4 submit and 4 wait "
            "workers) and at a 0.05 s interval; floor: per-job polling once per interval:",
            "",
            "| batch | oqtopus_sdk sync | oqtopus_sdk async | reference 1.3.0 | raw floor "
            "| sync/floor | async/floor | sync/ref |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for key, row in defaults.items():
            m = {name: v["median_s"] for name, v in row.items()}
            ref = m.get("reference 1.3.0")
            n, label = key.split("@")
            what = f"{n} jobs, interval {'1 s (default)' if label == 'default' else label}"
            lines.append(
                f"| {what} (s) | {m['oqtopus_sdk sync']:.2f} | {m['oqtopus_sdk async']:.2f} | "
                f"{f'{ref:.2f}' if ref else ''} | {m['raw httpx floor']:.2f} | "
                f"{_ratio(m['oqtopus_sdk sync'], m['raw httpx floor'])} | "
                f"{_ratio(m['oqtopus_sdk async'], m['raw httpx floor'])} | "
                f"{_ratio(m['oqtopus_sdk sync'], ref) if ref else ''} |"
            )
    first = report.get("first_submit")
    if first:
        lines += [
            "",
            f"First submit in a fresh process: {first['first_submit_s'] * 1000:.0f} ms, later "
            f"submits {first['later_submit_s'] * 1000:.1f} ms: a one-off "
            f"{first['one_off_s'] * 1000:.0f} ms (Qiskit's OpenQASM 3 importer for the "
            "pre-flight parse), paid once per process in an untimed warm-up, outside every timed "
            "region above.",
        ]
    poll = report.get("polling")
    if poll:
        lines += [
            "",
            f"Waiting on {poll['jobs']} pending jobs for {poll['seconds']:.1f} s (default "
            f"settings): {poll['per_second']:.1f} status requests/s against a budget of "
            f"{poll['budget_per_second']:.0f}/s (peak {poll['peak_1s_window']} in any 1 s; "
            f"{poll['list_pages']} list pages, {poll['per_job_status']} per-job polls); "
            f"oldest status {poll['max_status_age_s']:.2f} s = "
            f"{poll['max_status_age_s'] / poll['interval_s']:.2f} intervals between two "
            f"sightings of a job (median job {poll['p50_status_age_s']:.2f} s; first sighting "
            f"within {poll['max_first_sighting_s']:.2f} s). A sweep of "
            f"{poll['pages_per_sweep']} pages took {poll['sweep_duration_median_s']:.2f} s "
            f"(page p50 {poll['page_latency_p50_ms']:.1f} ms), sweeps started every "
            f"{poll['sweep_period_median_s']:.2f} s.",
        ]
    return "\n".join(lines)


PARTS = ("batch", "round_trip", "default_batch", "first_submit", "import", "conversion", "polling")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark oqtopus_sdk against the reference SDK")
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--round-trips", type=int, default=50)
    parser.add_argument("--workers", type=int, default=8, help="concurrency for every client")
    parser.add_argument(
        "--interval", type=float, default=0.05, help="poll interval for every client"
    )
    parser.add_argument("--import-runs", type=int, default=7)
    parser.add_argument("--conversion-runs", type=int, default=3)
    parser.add_argument(
        "--default-sizes", default="100,1000", help="batch sizes run at the default settings"
    )
    parser.add_argument("--first-submit-runs", type=int, default=5)
    parser.add_argument("--poll-jobs", type=int, default=10_000)
    parser.add_argument("--poll-seconds", type=float, default=20.0)
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results" / "results.json")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument(
        "--sdk-status-budget",
        type=float,
        default=None,
        help="status_requests_per_second for oqtopus_sdk (default: the SDK's own default)",
    )
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated subset of: {','.join(PARTS)}",
    )
    args = parser.parse_args(argv)
    if args.sdk_status_budget is not None:
        SDK_OPTIONS["status_requests_per_second"] = args.sdk_status_budget
    if args.quick:
        args.jobs, args.repeats, args.round_trips = 10, 1, 5
        args.import_runs, args.conversion_runs, args.poll_jobs, args.poll_seconds = 2, 1, 300, 3.0
        args.default_sizes, args.first_submit_runs = "10", 1

    report: dict[str, Any] = {
        "environment": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "settings": {
            "jobs": args.jobs, "repeats": args.repeats, "round_trips": args.round_trips,
            "workers": args.workers, "interval_s": args.interval, "import_runs": args.import_runs,
            "conversion_runs": args.conversion_runs, "shots": SHOTS, "device": DEVICE,
            "sdk_options": SDK_OPTIONS, "default_sizes": args.default_sizes,
            "poll_jobs": args.poll_jobs, "poll_seconds": args.poll_seconds,
        },
    }  # fmt: skip
    parts = set(args.only.split(","))
    if parts & {"batch", "round_trip", "default_batch", "first_submit"}:
        print("starting emulator...", flush=True)
        with emulator() as base:
            if "batch" in parts:
                print("batch:", flush=True)
                report["batch"] = measure_batch(
                    base, args.jobs, args.repeats, args.workers, args.interval
                )
            if "round_trip" in parts:
                print("round trip:", flush=True)
                report["round_trip"] = measure_round_trip(base, args.round_trips, args.interval)
            if "default_batch" in parts:
                print("batch at default settings:", flush=True)
                sizes = [int(n) for n in args.default_sizes.split(",")]
                report["default_batch"] = measure_default_batches(
                    base, sizes, args.repeats, args.interval
                )
            if "first_submit" in parts:
                print("first submit (one-off pre-flight import):", flush=True)
                report["first_submit"] = measure_first_submit(base, args.first_submit_runs)
    if "import" in parts:
        print("import time:", flush=True)
        report["import"] = measure_import(args.import_runs)
    if "conversion" in parts:
        print("counts conversion:", flush=True)
        report["conversion"] = measure_conversion(args.conversion_runs)
    if "polling" in parts:
        print("polling budget:", flush=True)
        report["polling"] = measure_sweep_wait(args.poll_jobs, args.poll_seconds)
    if parts != set(PARTS):
        print(
            json.dumps(
                {k: v for k, v in report.items() if k not in ("environment", "settings")}, indent=1
            )
        )
        return 0

    table = render(report)
    print()
    print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2), encoding="utf-8")
    args.output.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(f"\nwrote {args.output} and {args.output.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
