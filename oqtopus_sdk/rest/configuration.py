"""``Configuration`` of the low-level layer (the reference's ``rest.configuration``).

Holds where and how :class:`~oqtopus_sdk.rest.api_client.ApiClient` connects. The User API
authenticates with the ``q-api-token`` header, which code written for the reference sets with
``api_client.set_default_header("q-api-token", token)``; ``access_token`` adds
``Authorization: Bearer <token>`` (OIDC), as in the reference.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

__all__ = ["Configuration"]

DEFAULT_HOST = "http://localhost:8080"


class Configuration:
    """Connection settings of the low-level API classes.

    Args:
        host: Base URL of the User API (default ``http://localhost:8080``).
        api_key: Kept for compatibility; the User API declares no API-key scheme, so it is
            not sent (set the ``q-api-token`` header on the client instead).
        api_key_prefix: Kept for compatibility (see ``api_key``).
        username: Kept for compatibility (no basic-auth scheme).
        password: Kept for compatibility (no basic-auth scheme).
        access_token: OIDC token sent as ``Authorization: Bearer``.
        server_index: Accepted and ignored (one server).
        server_variables: Accepted and ignored.
        server_operation_index: Accepted and ignored.
        server_operation_variables: Accepted and ignored.
        ignore_operation_servers: Accepted and ignored.
        ssl_ca_cert: Path to a CA bundle used to verify the server.
        retries: Attempts for idempotent requests (GET, PUT, DELETE, HEAD, OPTIONS) that fail
            with a 5xx status or a transport error; None means one attempt.
        debug: Accepted for compatibility (no effect).

    Attributes:
        proxy: Proxy URL (None: the ``*_PROXY`` environment variables apply).
        verify_ssl: Verify TLS certificates.
        cert_file: Client certificate file, with ``key_file``.
        key_file: Client key file.
        datetime_format: The reference's datetime format string (informational).
        date_format: The reference's date format string (informational).
    """

    _default: ClassVar[Configuration | None] = None

    def __init__(
        self,
        host: str | None = None,
        api_key: dict[str, str] | None = None,
        api_key_prefix: dict[str, str] | None = None,
        username: str | None = None,
        password: str | None = None,
        access_token: str | None = None,
        server_index: int | None = None,
        server_variables: dict[str, str] | None = None,
        server_operation_index: dict[str, int] | None = None,
        server_operation_variables: dict[str, dict[str, str]] | None = None,
        ignore_operation_servers: bool = False,
        ssl_ca_cert: str | None = None,
        retries: int | None = None,
        *,
        debug: bool | None = None,
    ) -> None:
        self.host = host if host is not None else DEFAULT_HOST
        self.api_key = dict(api_key or {})
        self.api_key_prefix = dict(api_key_prefix or {})
        self.username = username
        self.password = password
        self.access_token = access_token
        self.server_index = server_index
        self.server_variables = dict(server_variables or {})
        self.server_operation_index = dict(server_operation_index or {})
        self.server_operation_variables = dict(server_operation_variables or {})
        self.ignore_operation_servers = ignore_operation_servers
        self.ssl_ca_cert = ssl_ca_cert
        self.retries = retries
        self.debug = bool(debug)
        self.proxy: str | None = None
        self.proxy_headers: dict[str, str] | None = None
        self.verify_ssl = True
        self.cert_file: str | None = None
        self.key_file: str | None = None
        self.connection_pool_maxsize = 100
        self.datetime_format = "%Y-%m-%dT%H:%M:%S.%f%z"
        self.date_format = "%Y-%m-%d"

    def __repr__(self) -> str:
        token = None if self.access_token is None else "***"
        return (
            f"Configuration(host={self.host!r}, access_token={token!r}, retries={self.retries!r})"
        )

    @classmethod
    def set_default(cls, default: Configuration | None) -> None:
        """Set the configuration :meth:`get_default` returns.

        Args:
            default: The configuration (copied), or None to forget it.
        """
        cls._default = copy.deepcopy(default) if default is not None else None

    @classmethod
    def get_default(cls) -> Configuration:
        """Return the default configuration, creating one on first use.

        Returns:
            The shared default.
        """
        if cls._default is None:
            cls._default = Configuration()
        return cls._default

    @classmethod
    def get_default_copy(cls) -> Configuration:
        """Return a copy of the default configuration.

        Returns:
            A deep copy of :meth:`get_default`.
        """
        return copy.deepcopy(cls.get_default())

    def auth_settings(self) -> dict[str, dict[str, Any]]:
        """Return the authentication settings (Bearer when ``access_token`` is set).

        Returns:
            ``{"BearerAuth": {...}}`` or ``{}``.
        """
        if self.access_token is None:
            return {}
        return {
            "BearerAuth": {
                "type": "bearer",
                "in": "header",
                "format": "JWT",
                "key": "Authorization",
                "value": f"Bearer {self.access_token}",
            }
        }

    def get_host_from_settings(
        self,
        index: int | None,
        variables: dict[str, str] | None = None,
        servers: list[dict[str, Any]] | None = None,
    ) -> str:
        """Return the host (there is a single server; the arguments are ignored).

        Args:
            index: Ignored.
            variables: Ignored.
            servers: Ignored.

        Returns:
            :attr:`host`.
        """
        return self.host
