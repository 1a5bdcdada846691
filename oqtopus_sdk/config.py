"""Connection settings: the :class:`OqtopusConfig` value and where it is loaded from.

Sources, in the order :func:`resolve_config` consults them:

1. an explicit :class:`OqtopusConfig` passed by the caller;
2. the environment, when ``OQTOPUS_URL`` or ``OQTOPUS_BASE_URL`` is set
   (:meth:`OqtopusConfig.from_env`);
3. a profile (INI section) named by the ``profile`` argument, else ``$OQTOPUS_PROFILE``,
   else ``default``, read from the first of these files that has that section:

   a. ``$XDG_CONFIG_HOME/oqtopus/config.ini`` (or ``~/.config/oqtopus/config.ini``);
   b. ``~/.oqtopus``, the file quri-parts-oqtopus documents (same keys);

4. nothing found: :class:`~oqtopus_sdk.errors.ConfigError` with a first-run message that
   names the environment variables, the files searched and an example profile.

Every value is checked when the config is built, and a bad one raises
:class:`~oqtopus_sdk.errors.ConfigError` (a ``ValueError``) naming the setting and where it
came from. The API token and proxy credentials never appear in a repr or an error message.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from oqtopus_sdk._config_checks import (
    _OPTIONAL_PARSERS,
    KNOWN_HTTP_METHODS,
    TOKEN_EXAMPLE,
    _check_attempts,
    _check_backoff,
    _check_ca_bundle,
    _check_cache_max_bytes,
    _check_directory,
    _check_failure_statuses,
    _check_methods,
    _check_optional_bool,
    _check_proxy,
    _check_status_codes,
    _check_timeout,
    _check_url,
    _check_verify,
    check_api_token,
    mask_proxy,
)

from .constants import (
    DEFAULT_RETRY_BACKOFF_SECONDS,
    DEFAULT_RETRY_MAX_ATTEMPTS,
    DEFAULT_RETRY_METHODS,
    DEFAULT_RETRY_STATUS_CODES,
    DEFAULT_TIMEOUT_SECONDS,
)
from .errors import ConfigError

__all__ = [
    "CACHE_DIR_ENV",
    "CACHE_MAX_BYTES_ENV",
    "DEFAULT_API_TOKEN_ENV",
    "DEFAULT_BASE_URL_ENV",
    "DEFAULT_PROXY_ENV",
    "DEFAULT_SECTION",
    "DEFAULT_URL_ENV",
    "FAILURE_STATUSES_ENV",
    "JOURNAL_DIR_ENV",
    "KNOWN_HTTP_METHODS",
    "LOCAL_STORAGE_ROOT_ENV",
    "PROFILE_ENV",
    "PROGRESS_ENV",
    "ConfigError",
    "OqtopusConfig",
    "check_api_token",
    "config_search_paths",
    "default_config_path",
    "first_run_message",
    "is_sse_container_mode",
    "legacy_config_path",
    "mask_proxy",
    "require_credentials",
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
LOCAL_STORAGE_ROOT_ENV: Final = "OQTOPUS_LOCAL_STORAGE_ROOT"
FAILURE_STATUSES_ENV: Final = "OQTOPUS_FAILURE_STATUSES"
PROGRESS_ENV: Final = "OQTOPUS_PROGRESS"
JOURNAL_DIR_ENV: Final = "OQTOPUS_JOURNAL_DIR"
CACHE_DIR_ENV: Final = "OQTOPUS_CACHE_DIR"
CACHE_MAX_BYTES_ENV: Final = "OQTOPUS_CACHE_MAX_BYTES"
PROFILE_ENV: Final = "OQTOPUS_PROFILE"
MODE_ENV: Final = "OQTOPUS_ENV"
SSE_CONTAINER_MODE: Final = "sse_container"
LEGACY_CONFIG_FILE: Final = "~/.oqtopus"
"""quri-parts-oqtopus's documented config file (same INI keys ``url``, ``api_token``, ``proxy``)."""


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


def legacy_config_path() -> Path:
    """Return ``~/.oqtopus`` expanded: quri-parts-oqtopus's config file, read as a fallback."""
    return Path(LEGACY_CONFIG_FILE).expanduser()


def config_search_paths() -> list[Path]:
    """Return the INI files :func:`resolve_config` searches for a profile, in order.

    Returns:
        :func:`default_config_path`, then :func:`legacy_config_path`.
    """
    return [default_config_path(), legacy_config_path()]


_ENV_NAMES: Final = {
    "timeout": TIMEOUT_ENV,
    "retry_max_attempts": RETRY_MAX_ATTEMPTS_ENV,
    "retry_backoff_seconds": RETRY_BACKOFF_SECONDS_ENV,
    "retry_status_codes": RETRY_STATUS_CODES_ENV,
    "retry_methods": RETRY_METHODS_ENV,
    "ca_bundle": CA_BUNDLE_ENV,
    "verify": VERIFY_ENV,
    "local_storage_root": LOCAL_STORAGE_ROOT_ENV,
    "failure_statuses": FAILURE_STATUSES_ENV,
    "progress": PROGRESS_ENV,
    "journal_dir": JOURNAL_DIR_ENV,
    "cache_dir": CACHE_DIR_ENV,
    "cache_max_bytes": CACHE_MAX_BYTES_ENV,
}

_DEFAULTS: Final[dict[str, Any]] = {
    "api_token": None,
    "proxy": None,
    "timeout": DEFAULT_TIMEOUT_SECONDS,
    "retry_max_attempts": DEFAULT_RETRY_MAX_ATTEMPTS,
    "retry_backoff_seconds": DEFAULT_RETRY_BACKOFF_SECONDS,
    "retry_status_codes": None,
    "retry_methods": None,
    "verify": True,
    "ca_bundle": None,
    "local_storage_root": None,
    "failure_statuses": None,
    "progress": None,
    "journal_dir": None,
    "cache_dir": None,
    "cache_max_bytes": None,
}

_ARGUMENT_TOKEN_HINT: Final = (
    f"pass OqtopusConfig(..., api_token='{TOKEN_EXAMPLE}'), or set {DEFAULT_API_TOKEN_ENV}"
)


@dataclass(frozen=True, init=False, repr=False)
class OqtopusConfig:
    """Connection settings for :class:`~oqtopus_sdk.OqtopusClient` (immutable, validated).

    Args:
        base_url: The User API base URL, e.g. ``https://api.example.com``. Required (may be
            ``""`` only inside the SSE container). ``url`` is accepted as an alias.
        api_token: The API token sent as ``q-api-token``, shaped ``<id>.<secret>``. Never
            shown in a repr or an error message.
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
        local_storage_root: An existing directory; ``file://`` storage URLs are accepted
            only inside it (stored resolved). None refuses every ``file://`` URL.
        failure_statuses: Default job statuses that make waits raise (e.g.
            ``{"failed", "cancelled"}``, or the string ``"failed,cancelled"``); None keeps
            each wait's own default.
        progress: Default for progress bars; None lets each call decide.
        journal_dir: Directory for the submission journal (created when first used).
        cache_dir: Directory for the on-disk result cache (created when first used).
        cache_max_bytes: Size cap of the on-disk cache in bytes (> 0); None: no cap.

    Raises:
        ConfigError: (a ValueError) When no URL is given, ``url`` and ``base_url`` differ,
            or any value is out of range; the message names the setting and its source.
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
    local_storage_root: str | None = None
    failure_statuses: frozenset[str] | None = None
    progress: bool | None = None
    journal_dir: str | None = None
    cache_dir: str | None = None
    cache_max_bytes: int | None = None

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
        local_storage_root: str | os.PathLike[str] | None = None,
        failure_statuses: Iterable[str] | str | None = None,
        progress: bool | None = None,
        journal_dir: str | os.PathLike[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        cache_max_bytes: int | None = None,
    ) -> None:
        if base_url is not None and url is not None and base_url != url:
            raise ConfigError(
                f"url and base_url must match when both are given, got url={url!r} and "
                f"base_url={base_url!r}"
            )
        resolved = base_url if base_url is not None else url
        if resolved is None:
            raise ConfigError("base_url (or url) is required")
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
            "local_storage_root": local_storage_root,
            "failure_statuses": failure_statuses,
            "progress": progress,
            "journal_dir": journal_dir,
            "cache_dir": cache_dir,
            "cache_max_bytes": cache_max_bytes,
        }
        sources = {"base_url": "argument url" if base_url is None else "argument base_url"}
        for name, value in given.items():
            object.__setattr__(self, name, _CHECKERS[name](value, None))
            if name != "base_url" and value is not _DEFAULTS[name]:
                sources[name] = f"argument {name}"
        object.__setattr__(self, "_sources", sources)
        object.__setattr__(self, "_token_hint", _ARGUMENT_TOKEN_HINT)

    def _loaded_from(self, sources: Mapping[str, str], token_hint: str) -> OqtopusConfig:
        """Record where a loader found each setting (kept out of eq, hash and repr)."""
        object.__setattr__(self, "_sources", dict(sources))
        object.__setattr__(self, "_token_hint", token_hint)
        return self

    def source_of(self, name: str) -> str:
        """Say where a setting's value came from.

        Args:
            name: A field name such as ``base_url`` or ``api_token`` (``url`` means
                ``base_url``).

        Returns:
            ``"argument base_url"``, ``"environment variable OQTOPUS_URL"``,
            ``"key url of [default] in /home/me/.config/oqtopus/config.ini"``, or
            ``"default"`` when the value is the built-in default.

        Raises:
            ValueError: ``name`` is not a setting.
        """
        name = "base_url" if name == "url" else name
        if name not in _CHECKERS:
            raise ValueError(f"unknown setting {name!r}; known: {', '.join(_CHECKERS)}")
        sources: Mapping[str, str] = getattr(self, "_sources", {})
        return sources.get(name, "default")

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
            f"local_storage_root={self.local_storage_root!r}",
            f"failure_statuses={_sorted_or_none(self.failure_statuses)}",
            f"progress={self.progress!r}",
            f"journal_dir={self.journal_dir!r}",
            f"cache_dir={self.cache_dir!r}",
            f"cache_max_bytes={self.cache_max_bytes!r}",
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
        ``OQTOPUS_RETRY_METHODS`` (comma list), ``OQTOPUS_CA_BUNDLE``, ``OQTOPUS_VERIFY``,
        ``OQTOPUS_LOCAL_STORAGE_ROOT``, ``OQTOPUS_FAILURE_STATUSES`` (comma list),
        ``OQTOPUS_PROGRESS``, ``OQTOPUS_JOURNAL_DIR``, ``OQTOPUS_CACHE_DIR``,
        ``OQTOPUS_CACHE_MAX_BYTES`` (bytes, or with a unit: ``500MB``, ``2GiB``). Empty
        variables count as unset; values are stripped of surrounding whitespace.

        Args:
            url_env: Variable holding the API URL.
            proxy_env: Variable holding the proxy URL.
            api_token_env: Variable holding the API token.
            base_url_env: Fallback variable holding the API URL (None: the default).

        Returns:
            The validated config.

        Raises:
            ConfigError: (a ValueError) When no URL variable is set, or a variable holds a
                bad value (the message names the variable).
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
            raise ConfigError(f"Environment variable {' or '.join(names)} is required.")
        kwargs: dict[str, Any] = {
            "base_url": env[url_name].strip(),
            "api_token": (env.get(api_token_env) or "").strip() or None,
            "proxy": (env.get(proxy_env) or "").strip() or None,
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
        config = cls(**_checked(kwargs, sources))
        return config._loaded_from(
            {key: sources[key] for key in kwargs},
            f"set the environment variable {api_token_env}={TOKEN_EXAMPLE}",
        )

    @classmethod
    def from_file(
        cls,
        section: str = DEFAULT_SECTION,
        path: str | os.PathLike[str] | None = None,
    ) -> OqtopusConfig:
        """Load a profile (an INI section) from the config file.

        Keys: ``url`` (or ``base_url``; ``url`` wins), ``api_token``, ``proxy``, ``timeout``,
        ``retry_max_attempts``, ``retry_backoff_seconds``, ``retry_status_codes`` and
        ``retry_methods`` (comma lists), ``ca_bundle``, ``verify``, ``local_storage_root``,
        ``failure_statuses`` (comma list), ``progress``, ``journal_dir``, ``cache_dir``,
        ``cache_max_bytes``. Other keys are ignored. Inside the SSE container
        (``OQTOPUS_ENV=sse_container``) no file is read and a config with an empty URL and
        token is returned.

        Args:
            section: The profile name.
            path: The INI file; None means :func:`default_config_path`. ``~`` and ``$VARS`` are
                expanded.

        Returns:
            The validated config.

        Raises:
            ConfigError: (a ValueError) The file is missing or unreadable, the section is
                missing, the profile has no URL, or a key holds a bad value (the message
                names key, section and file).
        """
        if is_sse_container_mode():
            return cls(base_url="", api_token="")
        if not isinstance(section, str) or not section:
            raise ConfigError(f"section must be a non-empty string, got {section!r}")
        if path is None:
            resolved = default_config_path()
        else:
            resolved = Path(os.path.expandvars(os.fspath(path))).expanduser()
        parser = _read_ini(resolved)
        if parser is None:
            raise ConfigError(
                f"Section {section!r} not found: config file {str(resolved)!r} does not exist"
            )
        if section not in parser:
            raise ConfigError(
                f"Section {section!r} not found in config file {str(resolved)!r} "
                f"(sections: {_section_list(parser)})"
            )
        return _config_from_profile(cls, parser, section, resolved)


def _read_ini(path: Path) -> configparser.ConfigParser | None:
    """Parse an INI file; None when there is no such file."""
    if not path.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        # A parse error can quote a line of the file, and that line can hold the token.
        reason = type(exc).__name__
        line = getattr(exc, "lineno", None)
        if line is not None:
            reason += f" at line {line}"
        elif isinstance(exc, OSError) and exc.strerror:
            reason = exc.strerror
        raise ConfigError(f"cannot read config file {str(path)!r}: {reason}") from None
    return parser


def _section_list(parser: configparser.ConfigParser) -> str:
    return ", ".join(repr(s) for s in parser.sections()) or "none"


def _config_from_profile(
    cls: type[OqtopusConfig], parser: configparser.ConfigParser, section: str, path: Path
) -> OqtopusConfig:
    """Build a config from one INI section; errors name the key, section and file."""
    profile = parser[section]
    url_key = "url" if profile.get("url") else "base_url"
    url = profile.get(url_key)
    if not url:
        raise ConfigError(
            f"Section {section!r} in config file {str(path)!r} must define 'url' (or 'base_url')"
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
        kwargs[key] = parse(text, key, f"[{section}] in {path}")
    where = f"key {{}} of [{section}] in {path}"
    sources = {key: where.format(key) for key in kwargs}
    sources["base_url"] = where.format(url_key)
    config = cls(**_checked(kwargs, sources))
    return config._loaded_from(
        sources, f"add the line 'api_token = {TOKEN_EXAMPLE}' to [{section}] in {path}"
    )


_CHECKERS: Final[dict[str, Callable[[object, str | None], Any]]] = {
    "base_url": lambda value, source: _check_url(value, "base_url", source),
    "api_token": check_api_token,
    "proxy": _check_proxy,
    "timeout": _check_timeout,
    "retry_max_attempts": _check_attempts,
    "retry_backoff_seconds": _check_backoff,
    "retry_status_codes": _check_status_codes,
    "retry_methods": _check_methods,
    "verify": _check_verify,
    "ca_bundle": _check_ca_bundle,
    "local_storage_root": lambda value, source: _check_directory(
        value, "local_storage_root", source, must_exist=True
    ),
    "failure_statuses": _check_failure_statuses,
    "progress": lambda value, source: _check_optional_bool(value, "progress", source),
    "journal_dir": lambda value, source: _check_directory(
        value, "journal_dir", source, must_exist=False
    ),
    "cache_dir": lambda value, source: _check_directory(
        value, "cache_dir", source, must_exist=False
    ),
    "cache_max_bytes": _check_cache_max_bytes,
}


def _checked(kwargs: Mapping[str, Any], sources: Mapping[str, str]) -> dict[str, Any]:
    """Validate loaded values one by one so an error names the variable or key it came from."""
    return {key: _CHECKERS[key](value, sources.get(key)) for key, value in kwargs.items()}


def _sorted_or_none(values: frozenset[Any] | None) -> str:
    return "None" if values is None else repr(sorted(values))


def first_run_message(profile: str = DEFAULT_SECTION, searched: Iterable[str] = ()) -> str:
    """The text of the error raised when no configuration exists at all.

    Args:
        profile: The profile (INI section) that was looked for.
        searched: One line per INI file searched, saying what was found there.

    Returns:
        A message naming the environment variables, the files searched and the profile, with
        a three-line example file.
    """
    target = default_config_path()
    lines = [
        f"No OQTOPUS configuration found (profile {profile!r}).",
        f"Either set the environment variables {DEFAULT_URL_ENV} and {DEFAULT_API_TOKEN_ENV},",
        f"or create {target} (run `oqtopus config init`, or write it by hand) containing:",
        "",
        f"    [{profile}]",
        "    url = https://api.example.com",
        f"    api_token = {TOKEN_EXAMPLE}",
        "",
        "Searched:",
    ]
    lines.extend(f"  {line}" for line in searched)
    return "\n".join(lines)


def resolve_config(
    config: OqtopusConfig | None = None, *, profile: str | None = None
) -> OqtopusConfig:
    """Pick the config a client uses when it was given none.

    Precedence:

    1. ``config`` when not None;
    2. the environment (:meth:`OqtopusConfig.from_env`) when ``OQTOPUS_URL`` or
       ``OQTOPUS_BASE_URL`` is set and non-empty;
    3. inside the SSE container, the empty config (:meth:`OqtopusConfig.from_file`);
    4. the profile ``profile``, else ``$OQTOPUS_PROFILE``, else ``default``, from the first
       file of :func:`config_search_paths` that has that section: the XDG config file, then
       ``~/.oqtopus`` (quri-parts-oqtopus's file).

    1.3.0 only ever read the XDG file's ``default`` section; reading the environment first
    lets a CI job or container configure the client without writing a file.

    Args:
        config: An explicit config, returned unchanged.
        profile: The INI profile to read (overrides ``$OQTOPUS_PROFILE``); the environment
            still wins when it names a URL.

    Returns:
        The config to use.

    Raises:
        TypeError: ``config`` is neither None nor an OqtopusConfig.
        ConfigError: (a ValueError) No configuration at all (the first-run message), or as
            raised by the loader that was used.
    """
    if config is not None:
        if not isinstance(config, OqtopusConfig):
            raise TypeError(f"config must be an OqtopusConfig, got {type(config).__name__}")
        return config
    if os.environ.get(DEFAULT_URL_ENV) or os.environ.get(DEFAULT_BASE_URL_ENV):
        return OqtopusConfig.from_env()
    if is_sse_container_mode():
        return OqtopusConfig.from_file()
    section = profile or os.environ.get(PROFILE_ENV) or DEFAULT_SECTION
    if not isinstance(section, str):
        raise ConfigError(f"profile must be a string, got {type(section).__name__}")
    searched: list[str] = []
    for path in config_search_paths():
        parser = _read_ini(path)
        if parser is None:
            searched.append(f"{path}: no such file")
        elif section not in parser:
            searched.append(f"{path}: no [{section}] section (sections: {_section_list(parser)})")
        else:
            return _config_from_profile(OqtopusConfig, parser, section, path)
    raise ConfigError(first_run_message(section, searched))


def require_credentials(config: OqtopusConfig) -> None:
    """Check that a resolved config can authenticate: a URL, and a token to go with it.

    Call it in client constructors after :func:`resolve_config`. Inside the SSE container
    (``OQTOPUS_ENV=sse_container``) there is nothing to check.

    Args:
        config: The resolved config.

    Raises:
        ConfigError: (a ValueError) No base URL, or a URL without an API token; the message
            says where the URL came from and how to provide the token.
    """
    if is_sse_container_mode():
        return
    if not config.base_url:
        raise ConfigError(
            "config.base_url is required: pass OqtopusConfig(base_url=...), set "
            f"{DEFAULT_URL_ENV} (and {DEFAULT_API_TOKEN_ENV}), or add 'url' to the config "
            "file profile"
        )
    if not config.api_token:
        hint: str = getattr(config, "_token_hint", _ARGUMENT_TOKEN_HINT)
        raise ConfigError(
            f"An API URL is configured ({config.source_of('base_url')}) but no API token: "
            f"{hint}. Tokens look like {TOKEN_EXAMPLE}."
        )
