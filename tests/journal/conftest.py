"""Shared pieces of the journal tests: one emulator per module, Bell specs, fast waits."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from oqtopus_sdk import OqtopusJobSpec
from oqtopus_sdk._common import wait_options
from oqtopus_sdk._waiting import WaitOptions
from oqtopus_sdk.local import LocalOqtopus

DEVICE = "SVSim"
BELL = (
    'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; '
    "h q[0]; cx q[0], q[1]; c = measure q;"
)


def bell_specs(count: int, prefix: str = "bell", shots: int = 8) -> list[OqtopusJobSpec]:
    """``count`` Bell sampling specs named ``<prefix>-<i>``."""
    return [
        OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=shots, name=f"{prefix}-{i}")
        for i in range(count)
    ]


def fast_wait() -> WaitOptions:
    """Wait options for the emulator: 20 ms polls, a minute at most."""
    return wait_options(interval=0.02, interval_backoff=1.0, max_interval=None, timeout=60.0)


class CountingTransport(httpx.HTTPTransport):
    """A real loopback transport that records every request (method, path)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((request.method, request.url.path))
        return super().handle_request(request)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOqtopus]:
    with LocalOqtopus() as running:
        yield running
