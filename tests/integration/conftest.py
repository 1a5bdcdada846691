"""A shared emulator for the end-to-end tests; fault and restart tests start their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oqtopus_sdk.local import LocalOqtopus

DEVICE = "SVSim"
BELL = (
    'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; '
    "h q[0]; cx q[0], q[1]; c = measure q;"
)
GHZ3 = (
    'OPENQASM 3; include "stdgates.inc"; qubit[3] q; bit[3] c; '
    "h q[0]; cx q[0], q[1]; cx q[1], q[2]; c = measure q;"
)
FAST = {"interval": 0.02, "timeout": 60.0}


@pytest.fixture(scope="session")
def server() -> Iterator[LocalOqtopus]:
    with LocalOqtopus(sse_timeout=60.0) as running:
        yield running
