"""The two ways to run a flow: blocking I/O with threads, or asyncio.

This is the only code where the sync and async clients differ. A driver owns one pooled
httpx client, sends the requests a flow yields, sleeps when it asks, runs
:class:`~oqtopus_sdk._ops.Parallel` sub-flows concurrently (threads or ``asyncio.gather``)
and hands :class:`~oqtopus_sdk._ops.Emit` values to whoever iterates the flow.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from oqtopus_sdk import constants
from oqtopus_sdk._ops import (
    Blocking,
    BodyError,
    BodyTooLargeError,
    Emit,
    Flow,
    Op,
    Outcome,
    Parallel,
    Received,
    Send,
    Sleep,
)
from oqtopus_sdk._transport import client_options

if TYPE_CHECKING:
    from oqtopus_sdk._jobs import Ctx
    from oqtopus_sdk.config import OqtopusConfig

T = TypeVar("T")
SyncSleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]
_EMITTED = object()
_WORKER = threading.local()
"""``active`` is set in the threads of a driver's pool."""


def _mark_worker() -> None:
    _WORKER.active = True


def _limit_timeouts(request: httpx.Request, budget: float) -> None:
    """No socket operation of this request may wait longer than the whole budget."""
    timeouts = dict(request.extensions.get("timeout") or {})
    for phase in ("connect", "read", "write", "pool"):
        current = timeouts.get(phase)
        timeouts[phase] = budget if current is None else min(current, budget)
    request.extensions["timeout"] = timeouts


def _set_read_timeout(request: httpx.Request, seconds: float) -> None:
    # httpcore reads the read timeout when the body read starts: tightening it here bounds
    # a server that sends its headers and then stalls.
    timeouts = request.extensions.get("timeout")
    if isinstance(timeouts, dict):
        timeouts["read"] = max(seconds, 0.001)


_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class _Inflater:
    """Decompresses a gzip or deflate body in bounded steps.

    httpx's own decoder inflates a whole network chunk at once (64 KiB of a bomb is 64 MiB);
    here no step produces more than ``INFLATE_STEP_BYTES``, so the size cap holds while
    reading.
    """

    __slots__ = ("decoder", "encoding", "started")

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.decoder = zlib.decompressobj(_WBITS[encoding])
        self.started = False

    def feed(self, data: bytes) -> list[bytes]:
        pieces: list[bytes] = []
        while data:
            try:
                pieces.append(self.decoder.decompress(data, constants.INFLATE_STEP_BYTES))
            except zlib.error as exc:
                if self.encoding == "deflate" and not self.started:
                    # Some servers send raw deflate without the zlib header.
                    self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                    self.started = True
                    continue
                raise BodyError(f"the {self.encoding} body cannot be decoded: {exc}") from exc
            self.started = True
            data = self.decoder.unconsumed_tail
            if not data and self.decoder.eof and self.decoder.unused_data:
                data = self.decoder.unused_data  # a further gzip member
                self.decoder = zlib.decompressobj(_WBITS[self.encoding])
        return pieces


def _inflater(headers: httpx.Headers) -> _Inflater | None:
    encoding = headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding not in _WBITS:
        raise BodyError(f"the body uses Content-Encoding {encoding!r}, which was not asked for")
    return _Inflater(encoding)


class _BodyReader:
    """Collects a body chunk by chunk, enforcing the Send's size cap and time budget."""

    __slots__ = ("chunks", "deadline", "inflater", "op", "size")

    def __init__(self, op: Send) -> None:
        self.op = op
        self.deadline = time.monotonic() + op.budget
        self.chunks: list[bytes] = []
        self.size = 0
        self.inflater: _Inflater | None = None

    def start(self, response: httpx.Response) -> None:
        self.inflater = _inflater(response.headers)

    def add_raw(self, data: bytes) -> None:
        if self.inflater is None:
            self.add(data)
            return
        for piece in self.inflater.feed(data):
            self.add(piece)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.op.max_bytes:
            raise BodyTooLargeError(self.op.max_bytes)
        self.chunks.append(chunk)
        if self.remaining() <= 0:
            raise httpx.ReadTimeout(
                f"the response took longer than the request's {self.op.budget:.3g} s",
                request=self.op.request,
            )

    def received(self, response: httpx.Response) -> Received:
        return Received(
            response.status_code, response.headers, b"".join(self.chunks), response.reason_phrase
        )


def _advance(flow: Generator[Op, Any, T], value: Any, error: BaseException | None) -> Op:
    """Resume a flow with the previous operation's result or error; its next operation."""
    if error is not None:
        return flow.throw(error)
    return flow.send(value)


def run_once(
    config: OqtopusConfig,
    transport: httpx.BaseTransport | None,
    flow: Flow[T],
    sleep: SyncSleep | None = None,
) -> T:
    """Run one flow on a one-off blocking connection with these settings, then close it."""
    driver = SyncDriver(config, transport=transport, sleep=sleep)
    try:
        return driver.run(flow)
    finally:
        driver.close()


class SyncDriver:
    """Runs flows with blocking httpx calls; :class:`Parallel` uses a bounded thread pool.

    Args:
        config: Proxy, TLS, timeouts and pool limits of the httpx client.
        transport: An httpx transport to use instead of the network (tests, the emulator).
        sleep: Replaces ``time.sleep`` (tests).
    """

    def __init__(
        self,
        config: OqtopusConfig,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: SyncSleep | None = None,
    ) -> None:
        self.config = config
        self.transport = transport
        options = client_options(config, has_transport=transport is not None)
        self.http = httpx.Client(transport=transport, **options)
        self.sleep: SyncSleep = sleep or time.sleep
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def close(self) -> None:
        """Close the pooled connections and the worker threads."""
        self.http.close()
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def archive_loader(self, ctx: Ctx) -> Callable[[str, str, str], Any]:
        """``(job_id, key, url) -> decoded archive`` for results read on first use."""
        from oqtopus_sdk._jobs import load_archive

        def load(job_id: str, key: str, url: str) -> Any:
            flow = load_archive(ctx, job_id, key, url)
            if not self.http.is_closed:
                return self.run(flow)
            # Results outlive their client (read after the `with` block): use a one-off
            # connection with the same settings for this archive.
            return run_once(self.config, self.transport, flow, self.sleep)

        return load

    def run(self, flow: Flow[T]) -> T:
        """Run a flow to its end, ignoring emitted values; its return value."""
        steps = self.drive(flow)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                result: T = stop.value
                return result

    def drive(self, flow: Flow[T]) -> Generator[Any, None, T]:
        """Run a flow, yielding each value it emits; returns the flow's return value."""
        value: Any = None
        error: BaseException | None = None
        try:
            while True:
                try:
                    op = _advance(flow, value, error)
                except StopIteration as stop:
                    result: T = stop.value
                    return result
                value, error = None, None
                if isinstance(op, Emit):
                    yield op.value
                    continue
                try:
                    value = self.execute(op)
                except (Exception, KeyboardInterrupt) as exc:
                    # An interrupt goes through the flow too, so it can say which jobs
                    # still run on the service.
                    error = exc
        finally:
            flow.close()

    def iterate(self, flow: Flow[Any]) -> Iterator[Any]:
        """The values a flow emits, as an iterator."""
        yield from self.drive(flow)

    def _send(self, op: Send) -> Received:
        reader = _BodyReader(op)
        _limit_timeouts(op.request, op.budget)
        response = self.http.send(op.request, stream=True)
        try:
            if response.is_stream_consumed:  # a transport that preloads bodies (mocks)
                reader.add(response.content)
            else:
                reader.start(response)
                _set_read_timeout(op.request, reader.remaining())
                for chunk in response.iter_raw():
                    reader.add_raw(chunk)
        finally:
            response.close()
        return reader.received(response)

    def execute(self, op: Op) -> Any:
        """Perform one operation."""
        if isinstance(op, Send):
            return self._send(op)
        if isinstance(op, Sleep):
            if op.seconds > 0:
                self.sleep(op.seconds)
            return None
        if isinstance(op, Parallel):
            return self._parallel(op)
        if isinstance(op, Blocking):
            # Off the caller's thread, as the reference does for sse_driver: the callable may
            # run an event loop of its own, which must not meet one running in this thread.
            # A pool thread has none, so there it runs inline.
            if getattr(_WORKER, "active", False):
                return op.fn(*op.args)
            return self._executor().submit(op.fn, *op.args).result()
        raise TypeError(f"unknown flow operation {op!r}")

    def _one(self, flow: Flow[Any]) -> Outcome:
        try:
            return Outcome(self.run(flow))
        except Exception as exc:
            return Outcome(error=exc)

    def _executor(self) -> ThreadPoolExecutor:
        # One pool per client for every parallel step, made on first use.
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=constants.MAX_WORKER_THREADS,
                    thread_name_prefix="oqtopus",
                    initializer=_mark_worker,
                )
            return self._pool

    def _parallel(self, op: Parallel) -> list[Outcome]:
        flows = op.flows
        # A parallel step inside a parallel step (a job's archives inside a batch's job
        # reads) runs in its worker: waiting on the shared pool from it could deadlock.
        if len(flows) <= 1 or op.limit <= 1 or getattr(_WORKER, "active", False):
            return [self._one(flow) for flow in flows]
        pool = self._executor()
        outcomes: list[Outcome] = [Outcome()] * len(flows)
        queued = iter(enumerate(flows))
        running: dict[Future[Outcome], int] = {}
        for index, flow in itertools.islice(queued, op.limit):
            running[pool.submit(self._one, flow)] = index
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                outcomes[running.pop(future)] = future.result()
                for index, flow in itertools.islice(queued, 1):
                    running[pool.submit(self._one, flow)] = index
        return outcomes


class AsyncDriver:
    """Runs flows with httpx.AsyncClient; :class:`Parallel` uses ``asyncio.gather``.

    Args:
        config: Proxy, TLS, timeouts and pool limits of the httpx client.
        transport: An httpx transport to use instead of the network (tests, the emulator).
        sleep: Replaces ``asyncio.sleep`` (tests).
    """

    def __init__(
        self,
        config: OqtopusConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: AsyncSleep | None = None,
    ) -> None:
        self.config = config
        self.transport = transport
        options = client_options(config, has_transport=transport is not None)
        self.http = httpx.AsyncClient(transport=transport, **options)
        self.sleep: AsyncSleep = sleep or asyncio.sleep
        # Blocking archive reads (a result attribute cannot await) share one sync client,
        # made on first use: building one costs tens of milliseconds (its TLS context).
        self._blocking: SyncDriver | None = None
        self._blocking_lock = threading.Lock()

    async def aclose(self) -> None:
        """Close the pooled connections (and the blocking reader's, if one was made)."""
        await self.http.aclose()
        with self._blocking_lock:
            blocking, self._blocking = self._blocking, None
        if blocking is not None:
            blocking.close()

    def _blocking_driver(self, transport: httpx.BaseTransport | None) -> SyncDriver | None:
        """The shared blocking driver, or None once this client is closed."""
        with self._blocking_lock:
            if self._blocking is None and not self.http.is_closed:
                self._blocking = SyncDriver(self.config, transport=transport)
            return self._blocking

    def archive_loader(self, ctx: Ctx) -> Callable[[str, str, str], Any] | None:
        """A blocking loader for result attributes (a property cannot await); also sets the
        awaitable one on ``ctx`` for ``result.load_archives_async()``.

        The blocking reads share one sync connection with the same settings (a one-off one
        once the client is closed). With a custom transport that cannot serve blocking
        requests there is none, and reads download every archive up front instead.
        """
        from oqtopus_sdk._jobs import load_archive

        transport = self.transport
        if transport is not None and not isinstance(transport, httpx.BaseTransport):
            return None

        async def load_async(job_id: str, key: str, url: str) -> Any:
            return await self.run(load_archive(ctx, job_id, key, url))

        ctx.async_archive_loader = load_async
        config = self.config

        def load(job_id: str, key: str, url: str) -> Any:
            flow = load_archive(ctx, job_id, key, url)
            driver = self._blocking_driver(transport)
            if driver is None:  # read after the client closed: a one-off connection
                return run_once(config, transport, flow)
            return driver.run(flow)

        return load

    async def run(self, flow: Flow[T]) -> T:
        """Run a flow to its end, ignoring emitted values; its return value."""
        value: Any = None
        error: BaseException | None = None
        try:
            while True:
                try:
                    op = _advance(flow, value, error)
                except StopIteration as stop:
                    result: T = stop.value
                    return result
                value, error = None, None
                try:
                    value = await self.execute(op)
                except (Exception, asyncio.CancelledError) as exc:
                    error = exc  # cancellation goes through the flow (see SyncDriver.drive)
        finally:
            flow.close()

    async def iterate(self, flow: Flow[Any]) -> AsyncIterator[Any]:
        """The values a flow emits, as an async iterator."""
        value: Any = None
        error: BaseException | None = None
        try:
            while True:
                try:
                    op = _advance(flow, value, error)
                except StopIteration:
                    return
                value, error = None, None
                try:
                    value = await self.execute(op)
                except (Exception, asyncio.CancelledError) as exc:
                    error = exc
                if value is _EMITTED:
                    assert isinstance(op, Emit)
                    yield op.value
                    value = None
        finally:
            flow.close()

    async def _send(self, op: Send) -> Received:
        reader = _BodyReader(op)
        _limit_timeouts(op.request, op.budget)
        try:
            async with asyncio.timeout(op.budget):
                response = await self.http.send(op.request, stream=True)
                try:
                    if response.is_stream_consumed:  # a transport that preloads bodies
                        reader.add(response.content)
                    else:
                        reader.start(response)
                        async for chunk in response.aiter_raw():
                            reader.add_raw(chunk)
                finally:
                    await response.aclose()
        except TimeoutError as exc:  # asyncio.timeout's; httpx's own are not TimeoutErrors
            raise httpx.ReadTimeout(
                f"the response took longer than the request's {op.budget:.3g} s",
                request=op.request,
            ) from exc
        return reader.received(response)

    async def execute(self, op: Op) -> Any:
        """Perform one operation (an :class:`Emit` outside ``iterate`` is dropped)."""
        if isinstance(op, Send):
            return await self._send(op)
        if isinstance(op, Sleep):
            if op.seconds > 0:
                await self.sleep(op.seconds)
            return None
        if isinstance(op, Parallel):
            return await self._parallel(op)
        if isinstance(op, Blocking):
            return await asyncio.to_thread(op.fn, *op.args)
        if isinstance(op, Emit):
            return _EMITTED
        raise TypeError(f"unknown flow operation {op!r}")

    async def _parallel(self, op: Parallel) -> list[Outcome]:
        semaphore = asyncio.Semaphore(max(1, op.limit))

        async def one(flow: Flow[Any]) -> Outcome:
            async with semaphore:
                try:
                    return Outcome(await self.run(flow))
                except Exception as exc:
                    return Outcome(error=exc)

        return list(await asyncio.gather(*(one(flow) for flow in op.flows)))
