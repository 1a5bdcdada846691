"""``ApiResponse`` of the low-level layer (the reference's ``rest.api_response``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

__all__ = ["ApiResponse"]

T = TypeVar("T")


class ApiResponse(Generic[T]):
    """One API answer: status, headers, the decoded model and the raw body.

    Args:
        status_code: The HTTP status.
        headers: The response headers.
        data: The decoded result (a generated model, a list of them, or None).
        raw_data: The response body.
    """

    def __init__(
        self,
        *,
        status_code: int,
        headers: Mapping[str, str] | None = None,
        data: T,
        raw_data: bytes,
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.data = data
        self.raw_data = raw_data

    def __repr__(self) -> str:
        return f"ApiResponse(status_code={self.status_code!r}, data={self.data!r})"
