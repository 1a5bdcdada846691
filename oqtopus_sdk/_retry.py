"""Pure retry decisions: which answers and failures are retried, and how long to wait.

Both clients drive their request loops with :class:`RetryState`; nothing here does I/O.
The rules, which deliberately depart from the reference SDK (it only retried 5xx on
GET-like calls and ignored its own retry settings):

* An answer is retried when its status is in ``status_codes`` (default 429, 502, 503, 504)
  and the method is in ``methods`` (default the idempotent ones; POST/PATCH only when the
  caller lists them).
* A connection that failed before the request was sent is retried for any method: the
  server never saw it. A failure after sending (read timeout, dropped connection) is
  retried only for the methods above, since the server may have acted on it.
* Presigned storage transfers are idempotent whatever their method (re-posting the same
  bytes to the same key gives the same object), so they pass ``idempotent=True``.
* The wait grows exponentially from ``backoff_seconds``, is capped, gets jitter so many
  clients do not retry in lockstep, and is never shorter than the server's Retry-After
  (itself capped, so a hostile header cannot stall a caller).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from oqtopus_sdk import constants

if TYPE_CHECKING:
    from oqtopus_sdk.config import OqtopusConfig


class _Rng(Protocol):
    def uniform(self, a: float, b: float) -> float: ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How many times, on what, and how long to wait between attempts.

    Attributes:
        max_attempts: Total attempts including the first (>= 1).
        backoff_seconds: Base delay; attempt ``n`` waits about ``base * factor**(n-1)``.
        status_codes: HTTP statuses that are retried.
        methods: Upper-case HTTP methods whose answers/after-send failures are retried.
        backoff_factor: Growth factor of the delay.
        max_backoff_seconds: Cap of the computed delay.
        retry_after_cap_seconds: Cap applied to a server's Retry-After.
        jitter_fraction: The delay is scaled by a random factor in ``1 +- jitter``.
    """

    max_attempts: int = constants.DEFAULT_RETRY_MAX_ATTEMPTS
    backoff_seconds: float = constants.DEFAULT_RETRY_BACKOFF_SECONDS
    status_codes: frozenset[int] = constants.DEFAULT_RETRY_STATUS_CODES
    methods: frozenset[str] = constants.DEFAULT_RETRY_METHODS
    backoff_factor: float = constants.RETRY_BACKOFF_FACTOR
    max_backoff_seconds: float = constants.RETRY_MAX_BACKOFF_SECONDS
    retry_after_cap_seconds: float = constants.RETRY_AFTER_MAX_SECONDS
    jitter_fraction: float = constants.RETRY_JITTER_FRACTION

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or not isinstance(self.max_attempts, int):
            raise ValueError(f"max_attempts must be an int >= 1, got {self.max_attempts!r}")
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, got {self.max_attempts!r}")
        if self.backoff_seconds < 0:
            raise ValueError(f"backoff_seconds must be >= 0, got {self.backoff_seconds!r}")
        object.__setattr__(self, "methods", frozenset(m.upper() for m in self.methods))
        object.__setattr__(self, "status_codes", frozenset(self.status_codes))

    @classmethod
    def from_config(cls, config: OqtopusConfig) -> RetryPolicy:
        """Build the policy from an OqtopusConfig (its effective codes and methods)."""
        return cls(
            max_attempts=config.retry_max_attempts,
            backoff_seconds=config.retry_backoff_seconds,
            status_codes=config.effective_retry_status_codes,
            methods=config.effective_retry_methods,
        )

    def with_status_codes(self, extra: Iterable[int]) -> RetryPolicy:
        """Return a copy that also retries ``extra`` statuses (used for storage)."""
        return RetryPolicy(
            max_attempts=self.max_attempts,
            backoff_seconds=self.backoff_seconds,
            status_codes=self.status_codes | frozenset(extra),
            methods=self.methods,
            backoff_factor=self.backoff_factor,
            max_backoff_seconds=self.max_backoff_seconds,
            retry_after_cap_seconds=self.retry_after_cap_seconds,
            jitter_fraction=self.jitter_fraction,
        )


def _method_allowed(policy: RetryPolicy, method: str, idempotent: bool | None) -> bool:
    if idempotent is not None:
        return idempotent
    return method.upper() in policy.methods


def should_retry_status(
    policy: RetryPolicy,
    method: str,
    status: int,
    attempt: int,
    *,
    idempotent: bool | None = None,
) -> bool:
    """Whether an HTTP answer should be retried.

    Args:
        policy: The retry policy.
        method: The request's HTTP method.
        status: The answer's status code.
        attempt: The attempt that just finished (1-based).
        idempotent: Overrides the method check (True for storage transfers).

    Returns:
        True when another attempt is allowed and worthwhile.
    """
    if attempt >= policy.max_attempts:
        return False
    return status in policy.status_codes and _method_allowed(policy, method, idempotent)


def should_retry_exception(
    policy: RetryPolicy,
    method: str,
    exc: BaseException,
    attempt: int,
    request_sent: bool,
    *,
    idempotent: bool | None = None,
) -> bool:
    """Whether a transport failure (connection error, timeout) should be retried.

    Args:
        policy: The retry policy.
        method: The request's HTTP method.
        exc: The failure (only transport failures are ever retried).
        attempt: The attempt that just finished (1-based).
        request_sent: False when the connection failed before the request left, which
            makes a retry safe for any method.
        idempotent: Overrides the method check (True for storage transfers).

    Returns:
        True when another attempt is allowed and safe.
    """
    if attempt >= policy.max_attempts:
        return False
    if not isinstance(exc, OSError | TimeoutError) and not _is_httpx_transport_error(exc):
        return False
    if not request_sent:
        return True
    return _method_allowed(policy, method, idempotent)


def _is_httpx_transport_error(exc: BaseException) -> bool:
    # Checked by name through the MRO so this module never imports httpx.
    return any(
        cls.__name__ == "TransportError" and cls.__module__.startswith("httpx")
        for cls in type(exc).__mro__
    )


def backoff_delay(
    policy: RetryPolicy,
    attempt: int,
    retry_after: float | None = None,
    rng: _Rng | None = None,
) -> float:
    """Seconds to wait before the attempt after ``attempt`` (1-based).

    Capped exponential growth with multiplicative jitter; never shorter than the server's
    Retry-After (capped at ``retry_after_cap_seconds``).
    """
    exponent = max(0, attempt - 1)
    base = policy.backoff_seconds * (policy.backoff_factor**exponent)
    base = min(base, policy.max_backoff_seconds)
    if policy.jitter_fraction > 0 and base > 0:
        generator = rng if rng is not None else random
        base *= 1.0 + generator.uniform(-policy.jitter_fraction, policy.jitter_fraction)
    delay = max(0.0, base)
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(retry_after, policy.retry_after_cap_seconds))
    return delay
