"""Run one client test against both clients: the sync one, and the async one driven blocking.

``make_client`` builds an :class:`OqtopusClient` or, for the ``async`` parameter, an
:class:`AsyncOqtopusClient` wrapped in :class:`Blocking`, which runs each coroutine to its end
on one event loop. A test written once in plain sync style so covers both clients' code paths.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import httpx
from fake_api import FakeApi, FakeTime

from oqtopus_sdk import AsyncOqtopusClient, OqtopusClient, OqtopusConfig

MODES = ("sync", "async")


class Blocking:
    """A blocking view of an AsyncOqtopusClient with the sync client's call shapes."""

    def __init__(self, client: AsyncOqtopusClient, loop: asyncio.AbstractEventLoop) -> None:
        object.__setattr__(self, "_client", client)
        object.__setattr__(self, "_loop", loop)

    @property
    def wrapped(self) -> AsyncOqtopusClient:
        """The async client behind this view."""
        client: AsyncOqtopusClient = object.__getattribute__(self, "_client")
        return client

    def run(self, awaitable: Any) -> Any:
        """Run one awaitable to its end on the view's loop."""
        loop: asyncio.AbstractEventLoop = object.__getattribute__(self, "_loop")
        return loop.run_until_complete(awaitable)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.wrapped, name)
        if name == "as_completed":
            return lambda *args, **kwargs: self._collect(value(*args, **kwargs))
        if inspect.iscoroutinefunction(value):
            return lambda *args, **kwargs: self.run(value(*args, **kwargs))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.wrapped, name, value)

    def _collect(self, iterator: Any) -> Iterator[Any]:
        while True:
            try:
                yield self.run(iterator.__anext__())
            except StopAsyncIteration:
                return

    def close(self) -> None:
        """Close the async client."""
        self.run(self.wrapped.aclose())

    def __enter__(self) -> Blocking:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return repr(self.wrapped)


class ClientFactory:
    """Builds clients of one mode over a FakeApi, closing them (and the loop) at the end."""

    def __init__(self, mode: str, api: FakeApi, clock: FakeTime) -> None:
        self.mode = mode
        self.api = api
        self.clock = clock
        self.loop = asyncio.new_event_loop() if mode == "async" else None
        self.made: list[Any] = []

    @property
    def is_async(self) -> bool:
        """Whether this factory builds async clients."""
        return self.mode == "async"

    def __call__(
        self,
        config: OqtopusConfig | None = None,
        *,
        transport: Callable[[httpx.Request], httpx.Response] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A client over ``self.api`` (or ``transport``), with fake sleep and clock."""
        if config is None:
            from fake_api import BASE, TOKEN

            config = OqtopusConfig(base_url=BASE, api_token=TOKEN)
        kwargs.setdefault("clock", self.clock.clock)
        if self.loop is None:
            kwargs.setdefault("sleep", self.clock.sleep)
            handler = self.api.transport() if transport is None else httpx.MockTransport(transport)
            client: Any = OqtopusClient(config, transport=handler, **kwargs)
        else:
            kwargs.setdefault("sleep", self.clock.asleep)
            # httpx's MockTransport serves blocking and async requests alike: the async
            # client's blocking archive reads (result attributes) go through it too.
            handler = self.api.transport() if transport is None else httpx.MockTransport(transport)
            client = Blocking(AsyncOqtopusClient(config, transport=handler, **kwargs), self.loop)
        self.made.append(client)
        return client

    def pool_of(self, client: Any) -> httpx.Client | httpx.AsyncClient:
        """The pooled httpx client behind a client of either mode."""
        inner = client.wrapped if isinstance(client, Blocking) else client
        pool: httpx.Client | httpx.AsyncClient = inner._driver.http
        return pool

    def close(self) -> None:
        """Close every client made, then the loop."""
        for client in self.made:
            client.close()
        if self.loop is not None:
            self.loop.close()
