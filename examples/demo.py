#!/usr/bin/env python3
"""Run one job of each type against the embedded local OQTOPUS emulator and print the results.

This is what `make demo` runs: it starts the emulator on a free loopback port, then uses the
ordinary oqtopus_sdk client (nothing demo-specific) to run a Bell-state sampling job, an
estimation, a multi_manual job and an SSE job, and stops the emulator.
"""

from __future__ import annotations

import sys
import textwrap

from oqtopus_sdk import OqtopusEstimationOperator, OqtopusJobSpec
from oqtopus_sdk.local import LocalOqtopus

DEVICE = "SVSim"
BELL = """OPENQASM 3;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
h q[0];
cx q[0], q[1];
c = measure q;
"""
GHZ3 = """OPENQASM 3;
include "stdgates.inc";
qubit[3] q;
bit[3] c;
h q[0];
cx q[0], q[1];
cx q[1], q[2];
c = measure q;
"""
# The SSE program runs as in the live SSE container (OQTOPUS_ENV=sse_container): the plain
# client hands each job to the container's sse_driver, which runs it on the SSE job's device.
SSE_PROGRAM = textwrap.dedent(
    f'''
    from oqtopus_sdk import OqtopusClient, OqtopusJobSpec

    BELL = {BELL!r}
    with OqtopusClient() as client:
        for shots in (100, 500):
            result = client.run_sampling(
                OqtopusJobSpec.sampling(device_id="{DEVICE}", program=BELL, shots=shots),
                interval=0.05,
            )
            print(f"inner job ({{shots}} shots): {{result.get_counts()}}")
    print("SSE program done")
    '''
)


def section(title: str) -> None:
    print(f"\n=== {title} " + "=" * max(0, 60 - len(title)))


def main() -> int:
    with LocalOqtopus() as server:
        print(f"local OQTOPUS emulator at {server.base_url}")
        with server.client() as client:
            devices = client.list_devices()
            print("devices: " + ", ".join(f"{d.device_id} ({d.status})" for d in devices))

            section("sampling: Bell state, 1000 shots")
            bell = client.run_sampling(
                OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=1000, name="bell"),
                interval=0.05,
            )
            print(bell)
            counts = bell.get_counts()
            print(f"counts: {counts}")
            assert set(counts) <= {"00", "11"}, counts
            print(f"queued for {bell.queued_for}, ran for {bell.ran_for}")

            section("estimation: <1.5 XX + ZZ> on the Bell state")
            estimation = client.run_estimation(
                OqtopusJobSpec.estimation(
                    device_id=DEVICE,
                    program=BELL,
                    shots=4000,
                    operator=[
                        OqtopusEstimationOperator("X 0 X 1", 1.5),
                        OqtopusEstimationOperator("Z 0 Z 1", 1.0),
                    ],
                ),
                interval=0.05,
            )
            print(
                f"expectation value {estimation.exp_value:.3f} (exact 2.5), std {estimation.stds:.3f}"
            )

            section("multi_manual: Bell and GHZ side by side")
            multi = client.run_multi_manual(
                OqtopusJobSpec.multi_manual(device_id=DEVICE, program=[BELL, GHZ3], shots=1000),
                interval=0.05,
            )
            print(f"combined counts: {multi.get_counts()}")
            for index, part in multi.get_divided_counts().items():
                print(f"circuit {index}: {part}  (integer keys)")

            section("sse: a Python program that runs two inner jobs")
            sse = client.run_sse(
                OqtopusJobSpec.sse(device_id=DEVICE, program=SSE_PROGRAM, shots=1),
                interval=0.1,
                timeout=120,
            )
            print(
                f"status {sse.status}; result of the last inner job: {sse.get_job_result().get_counts()}"
            )  # type: ignore[attr-defined]
            print("log:")
            print(textwrap.indent(sse.read_log_text().rstrip(), "  "))
    print("\nemulator stopped; demo finished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
