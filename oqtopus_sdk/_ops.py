"""The operations a flow can ask its driver for, and the flow type itself.

A flow is a generator: it yields an operation, the driver performs it and sends the result
back (or throws the exception it raised), and the flow decides what to do next. Requests,
retries, polling and batching are written once as flows; :mod:`oqtopus_sdk._drivers` runs
them with blocking I/O or with asyncio, and that is the only place the two clients differ.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")


@dataclass(slots=True)
class Send:
    """Send one HTTP request and read its whole body; result: a :class:`Received`.

    Attributes:
        request: The request.
        budget: Seconds the whole exchange may take: connect, send and the complete read of
            the (decompressed) body. Past it the driver raises ``httpx.ReadTimeout``.
        max_bytes: Most decompressed body bytes accepted; past it :class:`BodyTooLargeError`.
    """

    request: httpx.Request
    budget: float
    max_bytes: int


@dataclass(frozen=True, slots=True)
class Received:
    """An HTTP answer with its body read (and decompressed) within the limits of a Send."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    reason_phrase: str = ""


class BodyError(Exception):
    """A body the driver refused while reading it (the flow turns it into an SDK error)."""


class BodyTooLargeError(BodyError):
    """A body grew past the Send's ``max_bytes`` while being read (nothing more is read)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the response body is larger than the {limit}-byte limit")
        self.limit = limit


@dataclass(slots=True)
class Sleep:
    """Wait; result: None."""

    seconds: float


@dataclass(slots=True)
class Outcome:
    """The result of one item of a :class:`Parallel`: a value or the exception it raised."""

    value: Any = None
    error: BaseException | None = None

    def unwrap(self) -> Any:
        """The value, or raise the item's exception."""
        if self.error is not None:
            raise self.error
        return self.value


@dataclass(slots=True)
class Parallel:
    """Run sub-flows concurrently (at most ``limit`` at once).

    Result: one :class:`Outcome` per flow, in input order; one flow's failure never cancels
    the others.
    """

    flows: list[Generator[Any, Any, Any]]
    limit: int


@dataclass(slots=True)
class Emit:
    """Hand a value to whoever iterates the flow (``as_completed``); result: None."""

    value: Any


@dataclass(slots=True)
class Blocking:
    """Run a blocking callable off the event loop (files, ``sse_driver``); result: its value."""

    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()


Op = Send | Sleep | Parallel | Emit | Blocking
Flow = Generator[Op, Any, T]
