"""Connection settings: the :class:`OqtopusConfig` value and where it is loaded from.

Sources, in the order :func:`resolve_config` consults them:

1. an explicit :class:`OqtopusConfig` passed by the caller;
2. the environment, when ``OQTOPUS_URL`` or ``OQTOPUS_BASE_URL`` is set
   (:meth:`OqtopusConfig.from_env`);
3. a profile of the INI file (:meth:`OqtopusConfig.from_file`), section ``$OQTOPUS_PROFILE`` or
   ``default``, at ``$XDG_CONFIG_HOME/oqtopus/config.ini`` or ``~/.config/oqtopus/config.ini``.

Every value is checked when the config is built, and a bad one raises ``ValueError`` naming
the setting, the value and where it came from. The API token and proxy credentials never
appear in a repr or an error message.
"""

from __future__ import annotations

import configparser
import math
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from .constants import (
    DEFAULT_RETRY_BACKOFF_SECONDS,
    DEFAULT_RETRY_MAX_ATTEMPTS,
    DEFAULT_RETRY_METHODS,
    DEFAULT_RETRY_STATUS_CODES,
    DEFAULT_TIMEOUT_SECONDS,
)

__all__ = [
    "DEFAULT_API_TOKEN_ENV",
    "DEFAULT_BASE_URL_ENV",
    "DEFAULT_PROXY_ENV",
    "DEFAULT_SECTION",
    "DEFAULT_URL_ENV",
    "KNOWN_HTTP_METHODS",
    "OqtopusConfig",
    "default_config_path",
    "is_sse_container_mode",
    "mask_proxy",
    "resolve_config",
]

DEFAULT_SECTION: Final = "default"
DEFAULT_URL_ENV: Final = "OQTOPUS_URL"
DEFAULT_BASE_URL_ENV: Final = "OQTOPUS_BASE_URL"
DEFAULT_PROXY_ENV: Final = "OQTOPUS_PROXY"
DEFAULT_API_TOKEN_ENV: Final = "OQTOPUS_API_TOKEN"
TIMEOUT_ENV: Final = "OQTOPUS_TIMEOUT"
RETRY_MAX_ATTEMPTS_ENV: Final = "OQTOPUS_RETRY_MAX_ATTEMPTS"
RETRY_BACKOFF_SECONDS_ENV: Final = "OQTOPUS_RETRY_BACKOFF_SECONDS"
RETRY_STATUS_CODES_ENV: Final = "OQTOPUS_RETRY_STATUS_CODES"
RETRY_METHODS_ENV: Final = "OQTOPUS_RETRY_METHODS"
CA_BUNDLE_ENV: Final = "OQTOPUS_CA_BUNDLE"
VERIFY_ENV: Final = "OQTOPUS_VERIFY"
PROFILE_ENV: Final = "OQTOPUS_PROFILE"
MODE_ENV: Final = "OQTOPUS_ENV"
SSE_CONTAINER_MODE: Final = "sse_container"

KNOWN_HTTP_METHODS: Final = frozenset(
    {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}
)

_TRUE_WORDS: Final = frozenset({"1", "true", "yes", "on"})
_FALSE_WORDS: Final = frozenset({"0", "false", "no", "off"})


def is_sse_container_mode() -> bool:
    """Return True inside the SSE runtime container (``OQTOPUS_ENV=sse_container``)."""
    return os.environ.get(MODE_ENV) == SSE_CONTAINER_MODE


def default_config_path() -> Path:
    """Return the default INI path.

    Returns:
        ``$XDG_CONFIG_HOME/oqtopus/config.ini`` when ``XDG_CONFIG_HOME`` is set and non-empty,
        else ``~/.config/oqtopus/config.ini`` (with ``~`` expanded).
    """
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg else Path("~/.config").expanduser()
    return base / "oqtopus" / "config.ini"


def mask_proxy(proxy: str | None) -> str | None:
    """Return the proxy URL with any user name and password replaced by ``***``.

    Args:
        proxy: A proxy URL such as ``http://user:secret@proxy:3128``.

    Returns:
        The URL safe to show (``http://***@proxy:3128``), or None for None.
    """
    if proxy is None or "@" not in proxy:
        return proxy
    # Parsed by hand: a malformed URL must be masked too, and urlsplit misreads "user:pw@host".
    scheme, sep, rest = proxy.partition("://")
    if not sep:
        scheme, rest = "", proxy
    return f"{scheme}{sep}***@{rest.rsplit('@', 1)[1]}"


# --- validation ------------------------------------------------------------------------------


def _where(source: str | None) -> str:
    return f" (from {source})" if source else ""


def _check_url(value: object, name: str, source: str | None) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {value!r}{_where(source)}")
    if value == "":
        return value  # sse_container mode has no API URL; the client checks this in normal mode
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{name} must be an http(s) URL such as https://api.example.com, "
            f"got {mask_proxy(value)!r}{_where(source)}"
        )
    return value


def _check_proxy(value: object, source: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"proxy must be a string URL, got {type(value).__name__}{_where(source)}")
    if value == "":
        return None
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc:
        raise ValueError(
            "proxy must be a URL such as http://proxy:3128, "
            f"got {mask_proxy(value)!r}{_where(source)}"
        )
    return value


def _check_timeout(value: object, source: str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"timeout must be a number of seconds, got {value!r}{_where(source)}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"timeout must be a positive number, got {value!r}{_where(source)}")
    return float(value)


def _check_attempts(value: object, source: str | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"retry_max_attempts must be an integer, got {value!r}{_where(source)}")
    if value < 1:
        raise ValueError(f"retry_max_attempts must be >= 1, got {value!r}{_where(source)}")
    return value


def _check_backoff(value: object, source: str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(
            f"retry_backoff_seconds must be a number of seconds, got {value!r}{_where(source)}"
        )
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"retry_backoff_seconds must be >= 0, got {value!r}{_where(source)}")
    return float(value)


def _check_status_codes(value: object, source: str | None) -> frozenset[int] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return _parse_status_codes(value, "retry_status_codes", source)
    if not isinstance(value, Iterable):
        raise ValueError(
            f"retry_status_codes must be a collection of HTTP status codes, got {value!r}"
            f"{_where(source)}"
        )
    codes: set[int] = set()
    for code in value:
        if isinstance(code, bool) or not isinstance(code, int) or not 100 <= code <= 599:
            raise ValueError(
                f"retry_status_codes must hold HTTP status codes 100..599, got {code!r}"
                f"{_where(source)}"
            )
        codes.add(code)
    return frozenset(codes)


def _check_methods(value: object, source: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    items: Iterable[object]
    if isinstance(value, str):
        items = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, Iterable):
        items = value
    else:
        raise ValueError(
            f"retry_methods must be a collection of HTTP methods, got {value!r}{_where(source)}"
        )
    methods: set[str] = set()
    for method in items:
        if not isinstance(method, str) or method.strip().upper() not in KNOWN_HTTP_METHODS:
            raise ValueError(
                f"retry_methods must hold HTTP methods ({', '.join(sorted(KNOWN_HTTP_METHODS))}), "
                f"got {method!r}{_where(source)}"
            )
        methods.add(method.strip().upper())
    return frozenset(methods)


def _check_verify(value: object, source: str | None) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"verify must be True or False, got {value!r}{_where(source)}")
    return value


def _check_ca_bundle(value: object, source: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):
        raise ValueError(f"ca_bundle must be a file path, got {value!r}{_where(source)}")
    text = os.fspath(value)
    if not isinstance(text, str) or text == "":
        raise ValueError(f"ca_bundle must be a non-empty file path, got {value!r}{_where(source)}")
    path = Path(os.path.expandvars(text)).expanduser()
    if not path.exists():
        raise ValueError(f"ca_bundle {text!r} does not exist{_where(source)}")
    return str(path)


def _check_optional_str(value: object, name: str, source: str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    # The value may be a secret, so only its type is shown.
    raise ValueError(f"{name} must be a string, got {type(value).__name__}{_where(source)}")


# --- parsing text (environment and INI values) -----------------------------------------------


def _parse_float(text: str, name: str, source: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise ValueError(f"{name} must be a number, got {text!r} (from {source})") from None


def _parse_int(text: str, name: str, source: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {text!r} (from {source})") from None


def _parse_status_codes(text: str, name: str, source: str | None) -> frozenset[int]:
    codes: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            code = int(part)
        except ValueError:
            raise ValueError(
                f"{name} must be a comma-separated list of HTTP status codes, got {part!r} "
                f"in {text!r}{_where(source)}"
            ) from None
        codes.add(code)
    return _check_status_codes(codes, source) or frozenset()


def _parse_bool(text: str, name: str, source: str) -> bool:
    word = text.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError(f"{name} must be true or false, got {text!r} (from {source})")


# Optional settings shared by the environment and the INI loaders: (config field, parser).
_OPTIONAL_PARSERS: Final[dict[str, Callable[[str, str, str], Any]]] = {
    "timeout": _parse_float,
    "retry_max_attempts": _parse_int,
    "retry_backoff_seconds": _parse_float,
    "retry_status_codes": _parse_status_codes,
    "retry_methods": lambda text, _name, _source: text,
    "ca_bundle": lambda text, _name, _source: text,
    "verify": _parse_bool,
}

_ENV_NAMES: Final = {
    "timeout": TIMEOUT_ENV,
    "retry_max_attempts": RETRY_MAX_ATTEMPTS_ENV,
    "retry_backoff_seconds": RETRY_BACKOFF_SECONDS_ENV,
    "retry_status_codes": RETRY_STATUS_CODES_ENV,
    "retry_methods": RETRY_METHODS_ENV,
    "ca_bundle": CA_BUNDLE_ENV,
    "verify": VERIFY_ENV,
}


@dataclass(frozen=True, init=False, repr=False)
class OqtopusConfig:
    """Connection settings for :class:`~oqtopus_sdk.OqtopusClient` (immutable, validated).

    Args:
        base_url: The User API base URL, e.g. ``https://api.example.com``. Required (may be
            ``""`` only inside the SSE container). ``url`` is accepted as an alias.
        api_token: The API token sent as ``q-api-token``. Never shown in a repr.
        proxy: Proxy URL for API and storage requests. Credentials are masked in a repr.
        timeout: Per-request timeout in seconds (> 0).
        retry_max_attempts: Attempts per request, including the first (>= 1).
        retry_backoff_seconds: Base of the exponential backoff between attempts (>= 0).
        retry_status_codes: HTTP statuses worth retrying; None means
            :data:`~oqtopus_sdk.constants.DEFAULT_RETRY_STATUS_CODES`.
        retry_methods: HTTP methods that may be retried after the server saw them; None means
            :data:`~oqtopus_sdk.constants.DEFAULT_RETRY_METHODS`.
        url: Alias of ``base_url`` (the 1.3.0 spelling).
        verify: Verify TLS certificates (keep True outside tests).
        ca_bundle: Path to a CA bundle used instead of the system store.

    Raises:
        ValueError: When no URL is given, ``url`` and ``base_url`` differ, or any value is out
            of range; the message names the setting and the value.
    """

    base_url: str
    api_token: str | None = field(default=None)
    proxy: str | None = field(default=None)
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    retry_max_attempts: int = DEFAULT_RETRY_MAX_ATTEMPTS
    retry_backoff_seconds: float = DEFAULT_RETRY_BACKOFF_SECONDS
    retry_status_codes: frozenset[int] | None = None
    retry_methods: frozenset[str] | None = None
    verify: bool = True
    ca_bundle: str | None = None

    def __init__(
        self,
        base_url: str | None = None,
        api_token: str | None = None,
        proxy: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        retry_max_attempts: int = DEFAULT_RETRY_MAX_ATTEMPTS,
        retry_backoff_seconds: float = DEFAULT_RETRY_BACKOFF_SECONDS,
        retry_status_codes: Iterable[int] | None = None,
        retry_methods: Iterable[str] | None = None,
        *,
        url: str | None = None,
        verify: bool = True,
        ca_bundle: str | os.PathLike[str] | None = None,
    ) -> None:
        if base_url is not None and url is not None and base_url != url:
            raise ValueError(
                f"url and base_url must match when both are given, got url={url!r} and "
                f"base_url={base_url!r}"
            )
        resolved = base_url if base_url is not None else url
        if resolved is None:
            raise ValueError("base_url (or url) is required")
        given: dict[str, object] = {
            "base_url": resolved,
            "api_token": api_token,
            "proxy": proxy,
            "timeout": timeout,
            "retry_max_attempts": retry_max_attempts,
            "retry_backoff_seconds": retry_backoff_seconds,
            "retry_status_codes": retry_status_codes,
            "retry_methods": retry_methods,
            "verify": verify,
            "ca_bundle": ca_bundle,
        }
        for name, value in given.items():
            object.__setattr__(self, name, _CHECKERS[name](value, None))

    @property
    def url(self) -> str:
        """The API base URL (alias of ``base_url``, the 1.3.0 spelling)."""
        return self.base_url

    @property
    def effective_retry_status_codes(self) -> frozenset[int]:
        """The statuses the client really retries (the default set when not configured)."""
        if self.retry_status_codes is None:
            return frozenset(DEFAULT_RETRY_STATUS_CODES)
        return self.retry_status_codes

    @property
    def effective_retry_methods(self) -> frozenset[str]:
        """The methods the client retries after the server saw them (default when not set)."""
        if self.retry_methods is None:
            return frozenset(DEFAULT_RETRY_METHODS)
        return self.retry_methods

    def __repr__(self) -> str:
        token = None if self.api_token is None else "***"
        parts = [
            f"base_url={self.base_url!r}",
            f"api_token={token!r}" if token else "api_token=None",
            f"proxy={mask_proxy(self.proxy)!r}",
            f"timeout={self.timeout!r}",
            f"retry_max_attempts={self.retry_max_attempts!r}",
            f"retry_backoff_seconds={self.retry_backoff_seconds!r}",
            f"retry_status_codes={_sorted_or_none(self.retry_status_codes)}",
            f"retry_methods={_sorted_or_none(self.retry_methods)}",
            f"verify={self.verify!r}",
            f"ca_bundle={self.ca_bundle!r}",
        ]
        return f"OqtopusConfig({', '.join(parts)})"

    __str__ = __repr__

    @classmethod
    def from_env(
        cls,
        *,
        url_env: str = DEFAULT_URL_ENV,
        proxy_env: str = DEFAULT_PROXY_ENV,
        api_token_env: str = DEFAULT_API_TOKEN_ENV,
        base_url_env: str | None = DEFAULT_BASE_URL_ENV,
    ) -> OqtopusConfig:
        """Build a config from environment variables.

        The URL comes from ``url_env`` and, when that is unset or empty, from
        ``base_url_env``. Passing only a custom ``base_url_env`` reads that variable alone (as
        1.3.0 did). Optional variables: ``OQTOPUS_TIMEOUT``, ``OQTOPUS_RETRY_MAX_ATTEMPTS``,
        ``OQTOPUS_RETRY_BACKOFF_SECONDS``, ``OQTOPUS_RETRY_STATUS_CODES`` (comma list),
        ``OQTOPUS_RETRY_METHODS`` (comma list), ``OQTOPUS_CA_BUNDLE``, ``OQTOPUS_VERIFY``.
        Empty variables count as unset.

        Args:
            url_env: Variable holding the API URL.
            proxy_env: Variable holding the proxy URL.
            api_token_env: Variable holding the API token.
            base_url_env: Fallback variable holding the API URL (None: the default).

        Returns:
            The validated config.

        Raises:
            ValueError: When no URL variable is set, or a variable holds a bad value (the
                message names the variable).
        """
        env = os.environ
        if base_url_env is None:
            base_url_env = DEFAULT_BASE_URL_ENV
        if base_url_env != DEFAULT_BASE_URL_ENV and url_env == DEFAULT_URL_ENV:
            names: tuple[str, ...] = (base_url_env,)
        else:
            names = tuple(dict.fromkeys((url_env, base_url_env)))
        url_name = next((name for name in names if env.get(name)), None)
        if url_name is None:
            raise ValueError(f"Environment variable {' or '.join(names)} is required.")
        kwargs: dict[str, Any] = {
            "base_url": env[url_name],
            "api_token": env.get(api_token_env) or None,
            "proxy": env.get(proxy_env) or None,
        }
        for key, env_name in _ENV_NAMES.items():
            text = env.get(env_name)
            if text is None or not text.strip():
                continue
            kwargs[key] = _OPTIONAL_PARSERS[key](text, key, f"environment variable {env_name}")
        sources = {key: f"environment variable {name}" for key, name in _ENV_NAMES.items()}
        sources.update(
            base_url=f"environment variable {url_name}",
            api_token=f"environment variable {api_token_env}",
            proxy=f"environment variable {proxy_env}",
        )
        return cls(**_checked(kwargs, sources))

    @classmethod
    def from_file(
        cls,
        section: str = DEFAULT_SECTION,
        path: str | os.PathLike[str] | None = None,
    ) -> OqtopusConfig:
        """Load a profile (an INI section) from the config file.

        Keys: ``url`` (or ``base_url``; ``url`` wins), ``api_token``, ``proxy``, ``timeout``,
        ``retry_max_attempts``, ``retry_backoff_seconds``, ``retry_status_codes`` and
        ``retry_methods`` (comma lists), ``ca_bundle``, ``verify``. Other keys are ignored.
        Inside the SSE container (``OQTOPUS_ENV=sse_container``) no file is read and a config
        with an empty URL and token is returned.

        Args:
            section: The profile name.
            path: The INI file; None means :func:`default_config_path`. ``~`` and ``$VARS`` are
                expanded.

        Returns:
            The validated config.

        Raises:
            ValueError: The file is missing or unreadable, the section is missing, the profile
                has no URL, or a key holds a bad value (the message names key, section and
                file).
        """
        if is_sse_container_mode():
            return cls(base_url="", api_token="")
        if not isinstance(section, str) or not section:
            raise ValueError(f"section must be a non-empty string, got {section!r}")
        if path is None:
            resolved = default_config_path()
        else:
            resolved = Path(os.path.expandvars(os.fspath(path))).expanduser()
        if not resolved.is_file():
            raise ValueError(
                f"Section {section!r} not found: config file {str(resolved)!r} does not exist"
            )
        parser = configparser.ConfigParser(interpolation=None)
        try:
            with resolved.open(encoding="utf-8") as handle:
                parser.read_file(handle)
        except (configparser.Error, OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read config file {str(resolved)!r}: {exc}") from None
        if section not in parser:
            known = ", ".join(repr(s) for s in parser.sections()) or "none"
            raise ValueError(
                f"Section {section!r} not found in config file {str(resolved)!r} "
                f"(sections: {known})"
            )
        profile = parser[section]
        url = profile.get("url") or profile.get("base_url")
        if not url:
            raise ValueError(
                f"Section {section!r} in config file {str(resolved)!r} must define 'url' "
                "(or 'base_url')"
            )
        kwargs: dict[str, Any] = {
            "base_url": url.strip(),
            "api_token": (profile.get("api_token") or "").strip() or None,
            "proxy": (profile.get("proxy") or "").strip() or None,
        }
        for key, parse in _OPTIONAL_PARSERS.items():
            text = profile.get(key)
            if text is None or not text.strip():
                continue
            kwargs[key] = parse(text, key, f"[{section}] in {resolved}")
        where = f"key {{}} of [{section}] in {resolved}"
        return cls(**_checked(kwargs, {key: where.format(key) for key in kwargs}))


_CHECKERS: Final[dict[str, Callable[[object, str | None], Any]]] = {
    "base_url": lambda value, source: _check_url(value, "base_url", source),
    "api_token": lambda value, source: _check_optional_str(value, "api_token", source),
    "proxy": _check_proxy,
    "timeout": _check_timeout,
    "retry_max_attempts": _check_attempts,
    "retry_backoff_seconds": _check_backoff,
    "retry_status_codes": _check_status_codes,
    "retry_methods": _check_methods,
    "verify": _check_verify,
    "ca_bundle": _check_ca_bundle,
}


def _checked(kwargs: Mapping[str, Any], sources: Mapping[str, str]) -> dict[str, Any]:
    """Validate loaded values one by one so an error names the variable or key it came from."""
    return {key: _CHECKERS[key](value, sources.get(key)) for key, value in kwargs.items()}


def _sorted_or_none(values: frozenset[Any] | None) -> str:
    return "None" if values is None else repr(sorted(values))


def resolve_config(config: OqtopusConfig | None = None) -> OqtopusConfig:
    """Pick the config a client uses when it was given none.

    Precedence:

    1. ``config`` when not None;
    2. the environment (:meth:`OqtopusConfig.from_env`) when ``OQTOPUS_URL`` or
       ``OQTOPUS_BASE_URL`` is set and non-empty;
    3. the INI profile ``$OQTOPUS_PROFILE`` (default ``default``) of the default config file
       (:meth:`OqtopusConfig.from_file`), which inside the SSE container is an empty config.

    1.3.0 only ever read the file's ``default`` section; reading the environment first lets a
    CI job or container configure the client without writing a file.

    Args:
        config: An explicit config, returned unchanged.

    Returns:
        The config to use.

    Raises:
        TypeError: ``config`` is neither None nor an OqtopusConfig.
        ValueError: As raised by the loader that was used.
    """
    if config is not None:
        if not isinstance(config, OqtopusConfig):
            raise TypeError(f"config must be an OqtopusConfig, got {type(config).__name__}")
        return config
    if os.environ.get(DEFAULT_URL_ENV) or os.environ.get(DEFAULT_BASE_URL_ENV):
        return OqtopusConfig.from_env()
    section = os.environ.get(PROFILE_ENV) or DEFAULT_SECTION
    return OqtopusConfig.from_file(section=section)
