"""Keep-alive requests to the emulator answer in milliseconds, not in delayed-ACK time."""

from __future__ import annotations

import statistics
import time

import httpx

from oqtopus_sdk.local import LocalOqtopus


def test_keep_alive_requests_are_not_delayed_by_nagle() -> None:
    with LocalOqtopus() as server, httpx.Client(headers={"q-api-token": server.api_token}) as http:
        http.get(f"{server.base_url}/devices")  # open the connection
        samples = []
        for _ in range(9):
            start = time.perf_counter()
            assert http.get(f"{server.base_url}/devices").status_code == 200
            samples.append(time.perf_counter() - start)
    # Without TCP_NODELAY each request waits ~40 ms for the peer's delayed ACK.
    assert statistics.median(samples) < 0.02, samples
