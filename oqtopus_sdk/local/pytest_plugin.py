"""pytest plugin for the local OQTOPUS emulator (registered as ``oqtopus_local``).

Installed automatically with ``oqtopus-sdk[local]`` through the ``pytest11`` entry point.
Fixtures:

``oqtopus_local_server`` (session scope)
    One running :class:`~oqtopus_sdk.local.LocalOqtopus` (in memory, no faults) shared
    by the whole session. Jobs accumulate across tests.

``oqtopus_local`` (function scope)
    A fresh, isolated ``LocalOqtopus`` for one test (startup takes milliseconds). Tests
    may change ``oqtopus_local.faults`` freely. Use ``oqtopus_local.base_url`` and
    ``oqtopus_local.api_token`` with any HTTP client.

``oqtopus_client`` (function scope)
    ``oqtopus_sdk.OqtopusClient`` bound to ``oqtopus_local``; closed after the test.

``oqtopus_async_client`` (function scope, needs pytest-asyncio)
    ``oqtopus_sdk.AsyncOqtopusClient`` bound to ``oqtopus_local``; closed after the test.

Heavy imports happen inside the fixtures, so loading the plugin costs nothing for
test runs that do not use it.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .server import LocalOqtopus


@pytest.fixture(scope="session")
def oqtopus_local_server() -> Iterator[LocalOqtopus]:
    """Run one emulator for the whole test session.

    Yields:
        The running server.
    """
    from .server import LocalOqtopus

    with LocalOqtopus() as server:
        yield server


@pytest.fixture
def oqtopus_local() -> Iterator[LocalOqtopus]:
    """Run a fresh emulator for one test.

    Yields:
        The running server.
    """
    from .server import LocalOqtopus

    with LocalOqtopus(sse_timeout=60.0) as server:
        yield server


def _close_sync(client: Any) -> None:
    close = getattr(client, "close", None)
    if close is not None:
        close()


@pytest.fixture
def oqtopus_client(oqtopus_local: LocalOqtopus) -> Iterator[Any]:
    """Provide an ``OqtopusClient`` bound to ``oqtopus_local``.

    Yields:
        The client.
    """
    client = oqtopus_local.client()
    try:
        yield client
    finally:
        _close_sync(client)


async def _async_client(oqtopus_local: LocalOqtopus) -> AsyncIterator[Any]:
    """Provide an ``AsyncOqtopusClient`` bound to ``oqtopus_local``.

    Yields:
        The client.
    """
    client = oqtopus_local.async_client()
    try:
        yield client
    finally:
        for name in ("aclose", "close"):
            close = getattr(client, name, None)
            if close is not None:
                result = close()
                if inspect.isawaitable(result):
                    await result
                break


def _make_async_fixture() -> Any:
    try:
        import pytest_asyncio
    except ImportError:  # pragma: no cover - depends on the environment

        def skip() -> None:
            pytest.skip("oqtopus_async_client needs pytest-asyncio")

        return pytest.fixture(skip, name="oqtopus_async_client")
    return pytest_asyncio.fixture(_async_client, name="oqtopus_async_client")


oqtopus_async_client = _make_async_fixture()
