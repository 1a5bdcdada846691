"""Reference path ``oqtopus_client.services.config``: the connection settings."""

from __future__ import annotations

from oqtopus_sdk.config import (
    DEFAULT_API_TOKEN_ENV,
    DEFAULT_BASE_URL_ENV,
    DEFAULT_PROXY_ENV,
    DEFAULT_SECTION,
    DEFAULT_URL_ENV,
    OqtopusConfig,
)

__all__ = [
    "DEFAULT_API_TOKEN_ENV",
    "DEFAULT_BASE_URL_ENV",
    "DEFAULT_PROXY_ENV",
    "DEFAULT_SECTION",
    "DEFAULT_URL_ENV",
    "OqtopusConfig",
]
