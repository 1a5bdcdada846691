"""Fixtures for the emulator's server-level tests (plain httpx over loopback)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from oqtopus_sdk.local import pytest_plugin
from oqtopus_sdk.local.server import LocalOqtopus


def pytest_configure(config: pytest.Config) -> None:
    """Load the plugin even when the package's pytest11 entry point is not installed."""
    if not config.pluginmanager.has_plugin("oqtopus_local"):
        config.pluginmanager.register(pytest_plugin, "oqtopus_local")


@pytest.fixture(scope="session")
def server() -> Iterator[LocalOqtopus]:
    """One shared emulator for tests that do not touch faults or global state."""
    with LocalOqtopus(sse_timeout=30.0) as srv:
        yield srv


@pytest.fixture
def api(server: LocalOqtopus) -> Iterator[httpx.Client]:
    """An authenticated httpx client for the shared server."""
    with httpx.Client(
        base_url=server.base_url, headers={"q-api-token": server.api_token}, timeout=30
    ) as client:
        yield client
