"""Pure retry decisions: statuses, methods, transport failures, backoff and Retry-After."""

from __future__ import annotations

import random

import httpx
import pytest

from oqtopus_sdk._retry import (
    RetryPolicy,
    backoff_delay,
    should_retry_exception,
    should_retry_status,
)


class NoJitter:
    def uniform(self, a: float, b: float) -> float:
        return 0.0


def test_defaults_retry_429_and_gateway_errors_for_idempotent_methods() -> None:
    policy = RetryPolicy()
    for status in (429, 502, 503, 504):
        assert should_retry_status(policy, "GET", status, 1)
        assert should_retry_status(policy, "delete", status, 1)
    assert not should_retry_status(policy, "GET", 500, 1)
    assert not should_retry_status(policy, "GET", 404, 1)
    assert not should_retry_status(policy, "POST", 503, 1)
    assert not should_retry_status(policy, "PATCH", 429, 1)


def test_attempts_are_bounded() -> None:
    policy = RetryPolicy(max_attempts=3)
    assert should_retry_status(policy, "GET", 503, 2)
    assert not should_retry_status(policy, "GET", 503, 3)
    assert not should_retry_status(RetryPolicy(max_attempts=1), "GET", 503, 1)


def test_configured_codes_and_methods_are_applied() -> None:
    policy = RetryPolicy(status_codes=frozenset({500}), methods=frozenset({"post"}))
    assert should_retry_status(policy, "POST", 500, 1)
    assert not should_retry_status(policy, "POST", 503, 1)
    assert not should_retry_status(policy, "GET", 500, 1)


def test_idempotent_override_for_storage_posts() -> None:
    policy = RetryPolicy()
    assert should_retry_status(policy, "POST", 503, 1, idempotent=True)
    assert should_retry_exception(policy, "POST", httpx.ReadTimeout("x"), 1, True, idempotent=True)


def test_connect_errors_before_sending_are_safe_for_any_method() -> None:
    policy = RetryPolicy()
    assert should_retry_exception(policy, "POST", httpx.ConnectError("refused"), 1, False)
    assert not should_retry_exception(policy, "POST", httpx.ReadTimeout("slow"), 1, True)
    assert should_retry_exception(policy, "GET", httpx.ReadTimeout("slow"), 1, True)
    assert not should_retry_exception(policy, "GET", httpx.ReadTimeout("slow"), 3, True)
    assert not should_retry_exception(policy, "GET", ValueError("bug"), 1, False)


def test_backoff_grows_exponentially_and_is_capped() -> None:
    policy = RetryPolicy(backoff_seconds=0.5, max_backoff_seconds=3.0)
    delays = [backoff_delay(policy, n, None, NoJitter()) for n in (1, 2, 3, 4, 5)]
    assert delays == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_backoff_jitter_stays_within_fraction() -> None:
    policy = RetryPolicy(backoff_seconds=1.0, jitter_fraction=0.25)
    rng = random.Random(7)
    values = {backoff_delay(policy, 1, None, rng) for _ in range(200)}
    assert min(values) >= 0.75
    assert max(values) <= 1.25
    assert len(values) > 10


def test_retry_after_is_honoured_and_capped() -> None:
    policy = RetryPolicy(backoff_seconds=0.1, retry_after_cap_seconds=60.0)
    assert backoff_delay(policy, 1, 7.0, NoJitter()) == 7.0
    assert backoff_delay(policy, 1, 10_000.0, NoJitter()) == 60.0
    # A Retry-After shorter than the backoff does not shorten it.
    assert backoff_delay(RetryPolicy(backoff_seconds=2.0), 1, 0.5, NoJitter()) == 2.0


def test_policy_from_config_uses_effective_values() -> None:
    from oqtopus_sdk.config import OqtopusConfig

    config = OqtopusConfig(
        base_url="https://x",
        retry_max_attempts=5,
        retry_backoff_seconds=0.3,
        retry_status_codes=frozenset({418}),
        retry_methods=frozenset({"post"}),
    )
    policy = RetryPolicy.from_config(config)
    assert policy.max_attempts == 5
    assert policy.backoff_seconds == 0.3
    assert policy.status_codes == frozenset({418})
    assert policy.methods == frozenset({"POST"})
    defaults = RetryPolicy.from_config(OqtopusConfig(base_url="https://x"))
    assert defaults.status_codes == frozenset({429, 502, 503, 504})


def test_policy_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="backoff_seconds"):
        RetryPolicy(backoff_seconds=-1)
