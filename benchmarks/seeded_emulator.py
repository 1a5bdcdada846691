#!/usr/bin/env python3
"""The local emulator in its own process, seeded with many jobs that stay pending.

Submitting 10,000 jobs over HTTP takes 30,000 requests (register, upload, submit). This
process instead writes the jobs straight into the emulator's store through its Python API,
in one call: each is a ``submitted`` sampling job with a fresh UUIDv7 id and
``submitted_at`` of now. They are never handed to the emulator's executor and the queue
latency is an hour, so they stay ``submitted`` for the whole measurement, as in a long
device queue. The HTTP API then serves them like any other job.

Prints ``READY <base_url>`` and then one job id per line, then ``END``; serves until its
stdin closes or it gets SIGTERM.

Usage: python benchmarks/seeded_emulator.py JOBS TOKEN
"""

from __future__ import annotations

import signal
import sys


def main() -> int:
    jobs, token = int(sys.argv[1]), sys.argv[2]
    from oqtopus_sdk.local.emulator import DEFAULT_USER_ID
    from oqtopus_sdk.local.faults import FaultConfig
    from oqtopus_sdk.local.ids import iso, utcnow, uuid7
    from oqtopus_sdk.local.server import LocalOqtopus
    from oqtopus_sdk.local.store import JobRecord

    server = LocalOqtopus(api_token=token, faults=FaultConfig(queue_latency=3600.0)).start()
    emulator = server.emulator
    assert emulator is not None
    now = iso(utcnow())
    records = [
        JobRecord(
            job_id=uuid7(),
            owner=DEFAULT_USER_ID,
            seq=emulator.store.next_seq(),
            created_at=now,
            status="submitted",
            name="pending",
            description="",
            job_type="sampling",
            device_id="SVSim",
            shots=1000,
            transpiler_info={},
            simulator_info={},
            mitigation_info={},
            submitted_at=now,
        )
        for _ in range(jobs)
    ]
    emulator.store.add_many(records)
    out = [f"READY {server.base_url}", *(r.job_id for r in records), "END"]
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sys.stdin.read()  # until the parent closes our stdin (or exits)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
