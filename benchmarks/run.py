#!/usr/bin/env python3
"""Benchmark oqtopus_sdk against the reference SDK and a raw-httpx protocol floor.

Runs the local emulator in a separate process (zero latency) and measures, on the same
emulator in one run:

1. batch: N sampling jobs (Bell circuit, 1000 shots): submit all, wait for all, read counts;
2. round trip: one job at a time, submit to counts in hand: p50 and p95;
3. import time of each package in fresh interpreters (median);
4. counts conversion of 2**20 bitstring keys to integer keys: time and peak memory;
5. status requests per second while waiting on many pending jobs (emulator with queue latency).

Clients: oqtopus_sdk sync, oqtopus_sdk async, the reference oqtopus-client 1.3.0, and a
raw-httpx floor that sends only the requests the protocol needs, with the same concurrency.
Prints a table with ratios ours/reference and ours/floor and writes every figure to JSON.

Usage: python benchmarks/run.py [--jobs 200] [--repeats 3] [--round-trips 50] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import importlib
import io
import json
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
from dataclasses import dataclass, field
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

    def wait_and_read(self, job_id: str) -> dict[str, int]:
        while self.http.get(f"{self.base}/jobs/{job_id}/status", headers=self.api).json()["status"] not in (
            "succeeded", "failed", "cancelled",
        ):  # fmt: skip
            time.sleep(self.interval)
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


class _CountingTransport(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.status_times: list[float] = []
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/status"):
            with self.lock:
                self.status_times.append(time.monotonic())
        return super().handle_request(request)


@dataclass
class PollingFigures:
    jobs: int
    seconds: float
    status_requests: int
    per_second: float
    budget_per_second: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def measure_polling(n: int, queue_latency: float) -> dict[str, Any]:
    """Status requests/second while waiting on n jobs that stay pending for queue_latency s.

    Uses the SDK's default wait settings (1 s interval, 4 workers), whose derived budget is
    constants.DEFAULT_STATUS_REQUESTS_PER_SECOND.
    """
    from oqtopus_sdk import OqtopusClient, OqtopusConfig, OqtopusJobSpec
    from oqtopus_sdk._polling import default_status_budget
    from oqtopus_sdk.constants import DEFAULT_MAX_WORKERS, DEFAULT_POLL_INTERVAL_SECONDS

    budget = default_status_budget(DEFAULT_MAX_WORKERS, DEFAULT_POLL_INTERVAL_SECONDS)

    figures: dict[str, Any] = {}
    # The emulator models latency with sleeping workers: give every job one.
    with emulator("--queue-latency", str(queue_latency), "--workers", str(n + 8)) as base:
        spec = OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=SHOTS, name="poll")
        transport = _CountingTransport()
        client = OqtopusClient(OqtopusConfig(base_url=base, api_token=TOKEN), transport=transport)
        try:
            ids = [s.job_id for s in client.submit_jobs([spec] * n, max_workers=8)]
            start = time.monotonic()
            client.wait_for_jobs(ids, timeout=queue_latency * 20 + 60)
            elapsed = time.monotonic() - start
        finally:
            client.close()
        total = len(transport.status_times)
        figures["oqtopus_sdk"] = PollingFigures(n, elapsed, total, total / elapsed, budget).__dict__
        print(
            f"  polling oqtopus_sdk: {total / elapsed:.1f} status req/s over {elapsed:.1f} s",
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
    poll = report.get("polling", {}).get("oqtopus_sdk")
    if poll:
        lines += [
            "",
            f"Waiting on {poll['jobs']} pending jobs for {poll['seconds']:.1f} s: "
            f"{poll['per_second']:.1f} status requests/s (budget {poll['budget_per_second']:.0f}/s).",
        ]
    return "\n".join(lines)


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
    parser.add_argument("--poll-jobs", type=int, default=200)
    parser.add_argument("--poll-latency", type=float, default=5.0)
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
        default="batch,round_trip,import,conversion,polling",
        help="comma-separated subset of: batch,round_trip,import,conversion,polling",
    )
    args = parser.parse_args(argv)
    if args.sdk_status_budget is not None:
        SDK_OPTIONS["status_requests_per_second"] = args.sdk_status_budget
    if args.quick:
        args.jobs, args.repeats, args.round_trips = 10, 1, 5
        args.import_runs, args.conversion_runs, args.poll_jobs, args.poll_latency = 2, 1, 10, 1.0

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
            "sdk_options": SDK_OPTIONS,
        },
    }  # fmt: skip
    parts = set(args.only.split(","))
    if parts & {"batch", "round_trip"}:
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
    if "import" in parts:
        print("import time:", flush=True)
        report["import"] = measure_import(args.import_runs)
    if "conversion" in parts:
        print("counts conversion:", flush=True)
        report["conversion"] = measure_conversion(args.conversion_runs)
    if "polling" in parts:
        print("polling budget:", flush=True)
        report["polling"] = measure_polling(args.poll_jobs, args.poll_latency)
    if parts != {"batch", "round_trip", "import", "conversion", "polling"}:
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
