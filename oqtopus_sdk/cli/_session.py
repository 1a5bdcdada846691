"""State shared by one ``oqtopus`` run: arguments, output, config, client, running jobs."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from ._output import Output

if TYPE_CHECKING:
    from oqtopus_sdk import OqtopusClient, OqtopusConfig

__all__ = ["Session"]


class Session:
    """One command run: resolves the config and builds the client on first use.

    Args:
        args: The parsed command line.
        out: Where results and notes go.

    Attributes:
        running: Job ids submitted or waited on and not yet seen finished; named on stderr
            when the run is interrupted.
    """

    def __init__(self, args: argparse.Namespace, out: Output) -> None:
        self.args = args
        self.out = out
        self.running: list[str] = []
        self._config: OqtopusConfig | None = None
        self._client: OqtopusClient | None = None

    def config(self) -> OqtopusConfig:
        """The resolved config: explicit env > ``--profile`` / ``$OQTOPUS_PROFILE`` > files.

        Raises:
            ConfigError: No configuration, or a bad value (exit status 2).
        """
        if self._config is None:
            from oqtopus_sdk.config import DEFAULT_BASE_URL_ENV, DEFAULT_URL_ENV, resolve_config

            profile = self.args.profile
            env_url = next(
                (name for name in (DEFAULT_URL_ENV, DEFAULT_BASE_URL_ENV) if os.environ.get(name)),
                None,
            )
            if profile and env_url:
                self.out.note(
                    f"warning: --profile {profile} is not used because {env_url} is set "
                    "(the environment comes first; unset it to use the profile)"
                )
            self._config = resolve_config(profile=profile)
        return self._config

    def client(self) -> OqtopusClient:
        """The API client for the resolved config (built once).

        Raises:
            ConfigError: No configuration, or a URL without a token (exit status 2).
        """
        if self._client is None:
            from oqtopus_sdk import OqtopusClient
            from oqtopus_sdk.config import require_credentials

            config = self.config()
            require_credentials(config)
            self._client = OqtopusClient(config)
        return self._client

    def secrets(self) -> list[str | None]:
        """Values that must never be printed: the token, its secret part, proxy credentials."""
        if self._config is None:
            token = os.environ.get("OQTOPUS_API_TOKEN")
            proxy = os.environ.get("OQTOPUS_PROXY")
        else:
            token = self._config.api_token
            proxy = self._config.proxy
        found: list[str | None] = [token]
        if token and "." in token:
            found.append(token.split(".", 1)[1])
        if proxy and "@" in proxy:
            userinfo = proxy.split("://", 1)[-1].rsplit("@", 1)[0]
            found.extend([userinfo, *userinfo.split(":", 1)])
        return found

    def close(self) -> None:
        """Close the client's connections, if one was built."""
        if self._client is not None:
            self._client.close()
            self._client = None
