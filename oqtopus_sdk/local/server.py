"""``LocalOqtopus``: run the emulator on a loopback port, in a thread or in the foreground."""

from __future__ import annotations

import inspect
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .app import build_app
from .devices import Device, check_aliases, default_devices
from .emulator import (
    DEFAULT_API_TOKEN,
    DEFAULT_MAX_UPLOAD_BYTES,
    Emulator,
    check_max_upload_bytes,
)
from .faults import FaultConfig, FaultInjector

if TYPE_CHECKING:
    import uvicorn

    from oqtopus_sdk import AsyncOqtopusClient, OqtopusClient, OqtopusConfig

log = logging.getLogger("oqtopus_sdk.local")


class LocalOqtopus:
    """A local OQTOPUS User API server.

    Example::

        with LocalOqtopus() as server:
            client = server.client()
            ...

    Attributes:
        base_url: ``http://host:port`` once started.
        api_token: The token that authenticates as the default user.
        faults: The :class:`FaultInjector`; change it at any time.
        emulator: The underlying state (jobs, archives, devices), for introspection.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        api_token: str = DEFAULT_API_TOKEN,
        data_dir: str | os.PathLike[str] | None = None,
        faults: FaultConfig | None = None,
        sse_timeout: float = 600.0,
        max_workers: int = 4,
        storage: str = "http",
        devices: list[Device] | None = None,
        log_level: str = "warning",
        device_aliases: Mapping[str, str] | None = None,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    ) -> None:
        """Configure the server (nothing listens until :meth:`start`).

        Args:
            host: Interface to bind.
            port: TCP port; 0 picks a free one.
            api_token: Token of the default user, ``<id>.<secret>``.
            data_dir: Persist jobs (SQLite) and archives here; None keeps them in memory.
            faults: Initial fault settings (default: none).
            sse_timeout: Time limit of SSE programs in seconds.
            max_workers: Worker threads for quantum jobs.
            storage: ``"http"`` presigned POST uploads, or ``"file"`` for ``file://``
                URLs with empty fields (local storage driver shape; needs ``data_dir``).
            devices: Device catalogue override.
            log_level: uvicorn log level.
            device_aliases: ``{alias: device_id}`` accepted wherever a device id is; None
                means ``{"qulacs": "SVSim"}``; a mapping replaces that default.
            max_upload_bytes: Largest upload the presigned POST accepts (default 50 MiB,
                the live policy's limit); bigger ones get 413 ``EntityTooLarge``.

        Raises:
            ValueError: A bad alias (malformed, shadowing a device, or pointing to an
                unknown device) or a non-positive ``max_upload_bytes``.
        """
        # Fail here, at construction, rather than later in start() or a request.
        check_aliases(device_aliases, devices or default_devices())
        check_max_upload_bytes(max_upload_bytes)
        self.host = host
        self.port = port
        self.api_token = api_token
        self.faults = FaultInjector(faults)
        self._options: dict[str, Any] = {
            "api_token": api_token,
            "data_dir": data_dir,
            "devices": devices,
            "sse_timeout": sse_timeout,
            "max_workers": max_workers,
            "storage": storage,
            "device_aliases": device_aliases,
            "max_upload_bytes": max_upload_bytes,
        }
        self.log_level = log_level
        self.emulator: Emulator | None = None
        self.base_url = ""
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    # ----- lifecycle -----------------------------------------------------------------

    def _prepare(self) -> uvicorn.Server:
        import uvicorn

        self.emulator = Emulator(faults=self.faults, **self._options)
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit this. Without it, a keep-alive client's next request
        # waits out Nagle's algorithm against the peer's delayed ACK: ~40 ms per request.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((self.host, self.port))
        sock.listen(128)
        sock.setblocking(False)
        self._sock = sock
        self.port = sock.getsockname()[1]
        shown = f"[{self.host}]" if ":" in self.host else self.host
        self.base_url = f"http://{shown}:{self.port}"
        self.emulator.start(self.base_url)
        config = uvicorn.Config(
            build_app(self.emulator),
            log_level=self.log_level,
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        return self._server

    def start(self, timeout: float = 10.0) -> LocalOqtopus:
        """Start serving in a background thread and wait until it accepts requests.

        Args:
            timeout: Seconds to wait for startup.

        Returns:
            ``self``.

        Raises:
            RuntimeError: Already started, or startup failed.
        """
        if self._thread is not None:
            raise RuntimeError("server already started")
        server = self._prepare()
        sock = self._sock
        assert sock is not None
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="oqtopus-local", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("oqtopus-local server failed to start")
            time.sleep(0.005)
        return self

    def serve_forever(self, on_ready: Callable[[LocalOqtopus], None] | None = None) -> None:
        """Serve in the calling (main) thread until SIGINT/SIGTERM.

        Args:
            on_ready: Called once the port is bound and ``base_url`` is known.
        """
        server = self._prepare()
        if on_ready is not None:
            on_ready(self)
        try:
            server.run(sockets=[self._sock] if self._sock is not None else None)
        finally:
            self._cleanup()

    def stop(self) -> None:
        """Stop the server and the executor; safe to call twice."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._cleanup()

    def _cleanup(self) -> None:
        if self.emulator is not None:
            self.emulator.close()
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._server = None

    def __enter__(self) -> LocalOqtopus:
        """Start the server.

        Returns:
            ``self``.
        """
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()

    # ----- helpers ---------------------------------------------------------------------

    def _emu(self) -> Emulator:
        if self.emulator is None:
            raise RuntimeError("server not started")
        return self.emulator

    def reset(self) -> None:
        """Forget all jobs, archives, issued tokens and fault settings."""
        self._emu().reset()

    def add_token(self, token: str, user_id: str) -> None:
        """Accept another token, authenticating as ``user_id`` (e.g. a second user).

        Args:
            token: ``<id>.<secret>``.
            user_id: The owner.
        """
        self._emu().add_token(token, user_id)

    @property
    def storage_root(self) -> Path | None:
        """The directory ``--storage file`` archives live in (their ``file://`` URLs).

        Returns:
            ``<data_dir>/storage`` in file storage mode, else None.
        """
        data_dir = self._options["data_dir"]
        if self._options["storage"] != "file" or data_dir is None:
            return None
        return Path(data_dir).resolve() / "storage"

    def env(self) -> dict[str, str]:
        """Return the environment variables that point an SDK at this server.

        Returns:
            ``OQTOPUS_URL``, ``OQTOPUS_BASE_URL`` and ``OQTOPUS_API_TOKEN``, plus
            ``OQTOPUS_LOCAL_STORAGE_ROOT`` in file storage mode (the SDK only follows
            ``file://`` URLs under a root it was given).
        """
        env = {
            "OQTOPUS_URL": self.base_url,
            "OQTOPUS_BASE_URL": self.base_url,
            "OQTOPUS_API_TOKEN": self.api_token,
        }
        root = self.storage_root
        if root is not None:
            env["OQTOPUS_LOCAL_STORAGE_ROOT"] = str(root)
        return env

    def config(self, **kwargs: Any) -> OqtopusConfig:
        """Build an ``OqtopusConfig`` for this server.

        In file storage mode it also passes ``local_storage_root`` (the storage directory)
        when the installed ``OqtopusConfig`` accepts that argument.

        Args:
            **kwargs: Extra ``OqtopusConfig`` arguments (timeout, ...).

        Returns:
            The config.
        """
        config_class = _config_class()
        root = self.storage_root
        if root is not None and "local_storage_root" not in kwargs:
            accepted: Mapping[str, Any]
            try:
                accepted = inspect.signature(config_class).parameters
            except (TypeError, ValueError):
                accepted = {}
            if "local_storage_root" in accepted:
                # The SDK wants an existing directory; the emulator creates it on start anyway.
                root.mkdir(parents=True, exist_ok=True)
                kwargs["local_storage_root"] = str(root)
        config: OqtopusConfig = config_class(
            base_url=self.base_url, api_token=self.api_token, **kwargs
        )
        return config

    def client(self, **kwargs: Any) -> OqtopusClient:
        """Build a synchronous ``OqtopusClient`` bound to this server.

        Args:
            **kwargs: Extra ``OqtopusClient`` arguments.

        Returns:
            The client (close it when done).
        """
        from oqtopus_sdk import OqtopusClient

        return OqtopusClient(config=self.config(), **kwargs)

    def async_client(self, **kwargs: Any) -> AsyncOqtopusClient:
        """Build an ``AsyncOqtopusClient`` bound to this server.

        Args:
            **kwargs: Extra ``AsyncOqtopusClient`` arguments.

        Returns:
            The client (close it when done).
        """
        from oqtopus_sdk import AsyncOqtopusClient

        return AsyncOqtopusClient(config=self.config(), **kwargs)


def _config_class() -> Any:
    """Return the SDK's ``OqtopusConfig`` class (a seam for tests)."""
    from oqtopus_sdk import OqtopusConfig

    return OqtopusConfig
