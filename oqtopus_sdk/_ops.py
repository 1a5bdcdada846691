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
    """Send one HTTP request; result: the ``httpx.Response`` with its body read."""

    request: httpx.Request


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
