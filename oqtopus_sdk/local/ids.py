"""Identifier and timestamp helpers for the local emulator."""

from __future__ import annotations

import os
import secrets
import threading
import time
import uuid
from datetime import UTC, datetime

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> str:
    """Return a new UUIDv7 string (48-bit ms timestamp, version 7, RFC 4122 variant).

    A 12-bit counter in ``rand_a`` keeps ids created in the same millisecond
    strictly increasing, so sorting ids gives creation order like the live service.

    Returns:
        The UUID in canonical 8-4-4-4-12 hex form.
    """
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:
                # Counter overflow: borrow the next millisecond instead of repeating an id.
                ms += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = ms
        counter = _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


def utcnow() -> datetime:
    """Return the current time as a timezone-aware UTC datetime.

    Returns:
        ``datetime.now(UTC)``.
    """
    return datetime.now(UTC)


def iso(dt: datetime) -> str:
    """Format a datetime as ISO-8601 with an explicit UTC offset.

    Args:
        dt: The datetime; naive values are taken to be UTC.

    Returns:
        A string such as ``2025-01-02T03:04:05.123456+00:00``.
    """
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat()


def new_token_part() -> str:
    """Return a 22-character URL-safe random string, like live token ids and secrets.

    Returns:
        The random string.
    """
    return secrets.token_urlsafe(16)[:22]


def parse_time(text: str) -> datetime:
    """Parse a query timestamp with ``datetime.fromisoformat`` (naive means UTC).

    Args:
        text: ISO-8601 text, e.g. ``2025-01-02T03:04:05.000000+0000``.

    Returns:
        An aware datetime.

    Raises:
        ValueError: Unparseable text (the live server answers 500 then).
    """
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)
