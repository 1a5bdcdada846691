"""One emulator for the qiskit tests, and clients that count their HTTP requests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

pytest.importorskip("qiskit")

from oqtopus_sdk.local import LocalOqtopus

FAST: dict[str, Any] = {"interval": 0.02, "timeout": 60.0}


class CountingTransport(httpx.HTTPTransport):
    """An httpx transport that records every request it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(f"{request.method} {request.url.path}")
        return super().handle_request(request)


@pytest.fixture(scope="session")
def qiskit_server() -> Iterator[LocalOqtopus]:
    with LocalOqtopus() as running:
        yield running


@pytest.fixture
def counting(qiskit_server: LocalOqtopus) -> Iterator[tuple[object, CountingTransport]]:
    """A client whose transport counts requests: ``(client, transport)``."""
    transport = CountingTransport()
    client = qiskit_server.client(transport=transport)
    try:
        yield client, transport
    finally:
        client.close()
