"""Fault injection: latency, 429/503 responses, dropped connections and forced job failures.

Endpoint names used by the per-endpoint options (``"*"`` matches every endpoint):

``list_devices``, ``get_device``, ``register_job``, ``submit_job``, ``list_jobs``,
``get_job``, ``get_job_status``, ``cancel_job``, ``delete_job``, ``get_sselog``,
``create_api_token``, ``delete_api_token``, ``get_api_token_status``,
``list_announcements``, ``get_announcement``, ``get_current_user``,
``update_current_user``, ``delete_current_user``, ``get_settings``,
``storage_upload``, ``storage_download``.

Random faults draw from one ``random.Random(seed)``, so a test that makes the same
requests in the same order sees the same faults. ``fail_next`` queues are consumed
before any random decision and are fully deterministic.
"""

from __future__ import annotations

import random
import re
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

FaultKind = Literal["429", "503", "500", "drop"]
ENDPOINTS = (
    "list_devices",
    "get_device",
    "register_job",
    "submit_job",
    "list_jobs",
    "get_job",
    "get_job_status",
    "cancel_job",
    "delete_job",
    "get_sselog",
    "create_api_token",
    "delete_api_token",
    "get_api_token_status",
    "list_announcements",
    "get_announcement",
    "get_current_user",
    "update_current_user",
    "delete_current_user",
    "get_settings",
    "storage_upload",
    "storage_download",
)


@dataclass
class FaultConfig:
    """Fault settings; the defaults inject nothing.

    Attributes:
        queue_latency: Seconds a job waits in ``submitted`` before ``ready``.
        run_latency: Seconds a job waits in ``ready`` before ``running``.
        exec_latency: Extra seconds a job spends in ``running``.
        rate_limit: Endpoint -> probability of answering 429.
        retry_after: ``Retry-After`` seconds sent with 429 and 503 answers.
        unavailable: Endpoint -> probability of answering 503.
        drop: Endpoint -> probability of closing the connection without a response.
        fail_jobs: Fail every job at the ``running`` step.
        fail_job_pattern: Fail jobs whose name matches this regex (``re.search``).
        fail_message: ``job_info.message`` of forced failures.
        seed: Seed of the random generator (None: nondeterministic).
    """

    queue_latency: float = 0.0
    run_latency: float = 0.0
    exec_latency: float = 0.0
    rate_limit: dict[str, float] = field(default_factory=dict)
    retry_after: float = 1.0
    unavailable: dict[str, float] = field(default_factory=dict)
    drop: dict[str, float] = field(default_factory=dict)
    fail_jobs: bool = False
    fail_job_pattern: str | None = None
    fail_message: str = "internal server error"
    seed: int | None = 0


def _rate(table: Mapping[str, float], endpoint: str) -> float:
    return table.get(endpoint, table.get("*", 0.0))


def parse_rate_spec(spec: str) -> dict[str, float]:
    """Parse a CLI rate spec such as ``"get_job_status=0.3,submit_job=0.1"`` or ``"0.2"``.

    Args:
        spec: Comma-separated ``endpoint=rate`` pairs; a bare number applies to ``*``.

    Returns:
        Endpoint -> probability.

    Raises:
        ValueError: Unknown endpoint or a rate outside 0..1.
    """
    out: dict[str, float] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep:
            name, value = "*", name
        name = name.strip()
        if name != "*" and name not in ENDPOINTS:
            raise ValueError(f"unknown endpoint {name!r}; known: {', '.join(ENDPOINTS)}")
        rate = float(value)
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be within 0..1, got {rate}")
        out[name] = rate
    return out


class FaultInjector:
    """Thread-safe fault decisions shared by the HTTP layer and the job executor."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        """Create an injector.

        Args:
            config: Initial settings (default: no faults).
        """
        self._lock = threading.Lock()
        self._config = config or FaultConfig()
        self._rng = random.Random(self._config.seed)
        self._queued: dict[str, deque[FaultKind]] = {}
        self.injected: dict[str, int] = {}

    @property
    def config(self) -> FaultConfig:
        """A copy of the current settings."""
        with self._lock:
            return replace(self._config)

    def configure(self, **changes: Any) -> None:
        """Change settings; a new ``seed`` re-seeds the generator.

        Args:
            **changes: ``FaultConfig`` attribute values.

        Raises:
            TypeError: Unknown setting.
        """
        names = {f.name for f in fields(FaultConfig)}
        unknown = set(changes) - names
        if unknown:
            raise TypeError(f"unknown fault settings: {sorted(unknown)}")
        with self._lock:
            self._config = replace(self._config, **changes)
            if "seed" in changes:
                self._rng = random.Random(self._config.seed)

    def fail_next(self, endpoint: str, count: int = 1, kind: FaultKind = "503") -> None:
        """Make the next ``count`` requests to ``endpoint`` fail with ``kind``.

        Args:
            endpoint: An endpoint name, or ``"*"`` for whichever endpoint comes next.
            count: How many requests to fail.
            kind: ``"429"``, ``"503"``, ``"500"`` or ``"drop"``.

        Raises:
            ValueError: Unknown endpoint or kind.
        """
        if endpoint != "*" and endpoint not in ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}")
        if kind not in ("429", "503", "500", "drop"):
            raise ValueError(f"unknown fault kind {kind!r}")
        with self._lock:
            self._queued.setdefault(endpoint, deque()).extend([kind] * count)

    def reset(self, config: FaultConfig | None = None) -> None:
        """Drop queued faults and counters and restore settings.

        Args:
            config: New settings (default: no faults).
        """
        with self._lock:
            self._config = config or FaultConfig()
            self._rng = random.Random(self._config.seed)
            self._queued.clear()
            self.injected.clear()

    def decide(self, endpoint: str) -> FaultKind | None:
        """Decide whether this request to ``endpoint`` gets a fault.

        Args:
            endpoint: Endpoint name.

        Returns:
            The fault kind, or None to serve the request normally.
        """
        with self._lock:
            kind: FaultKind | None = None
            for key in (endpoint, "*"):
                q = self._queued.get(key)
                if q:
                    kind = q.popleft()
                    break
            if kind is None:
                cfg = self._config
                for table, k in (
                    (cfg.drop, "drop"),
                    (cfg.rate_limit, "429"),
                    (cfg.unavailable, "503"),
                ):
                    rate = _rate(table, endpoint)
                    # Draw only when a rate is set, so unrelated endpoints do not shift
                    # the random sequence of the ones under test.
                    if rate > 0 and self._rng.random() < rate:
                        kind = k  # type: ignore[assignment]
                        break
            if kind is not None:
                self.injected[endpoint] = self.injected.get(endpoint, 0) + 1
            return kind

    def should_fail_job(self, name: str | None) -> bool:
        """Tell whether a job must be failed on purpose.

        Args:
            name: The job's name.

        Returns:
            True for ``fail_jobs`` or a ``fail_job_pattern`` match.
        """
        cfg = self.config
        if cfg.fail_jobs:
            return True
        return (
            cfg.fail_job_pattern is not None
            and re.search(cfg.fail_job_pattern, name or "") is not None
        )

    def retry_after_header(self) -> str:
        """Format ``Retry-After``: whole seconds when integral, else a decimal (tests use < 1 s).

        Returns:
            The header value.
        """
        value = self.config.retry_after
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
