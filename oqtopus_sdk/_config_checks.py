"""Checks and parsers of configuration values, each error naming the value's source.

Split out of :mod:`oqtopus_sdk.config` (which re-exports what it needs): every setting
given as an argument, an environment variable or an INI key goes through one of these.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from oqtopus_sdk.errors import ConfigError
from oqtopus_sdk.vocabulary import JOB_STATUSES

KNOWN_HTTP_METHODS: Final = frozenset(
    {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}
)

_JOB_STATUSES: Final = frozenset(JOB_STATUSES)

_TRUE_WORDS: Final = frozenset({"1", "true", "yes", "on"})
_FALSE_WORDS: Final = frozenset({"0", "false", "no", "off"})
_SIZE_UNITS: Final = {
    "": 1, "b": 1,
    "k": 1000, "kb": 1000, "kib": 1024,
    "m": 1000**2, "mb": 1000**2, "mib": 1024**2,
    "g": 1000**3, "gb": 1000**3, "gib": 1024**3,
    "t": 1000**4, "tb": 1000**4, "tib": 1024**4,
}  # fmt: skip
_SIZE_TEXT: Final = re.compile(r"(\d+)\s*([a-zA-Z]*)")
TOKEN_EXAMPLE: Final = "<id>.<secret>"


# --- validation ------------------------------------------------------------------------------


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


def _where(source: str | None) -> str:
    return f" (from {source})" if source else ""


def _check_url(value: object, name: str, source: str | None) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be a string, got {value!r}{_where(source)}")
    if value == "":
        return value  # sse_container mode has no API URL; the client checks this in normal mode
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"{name} must be an http(s) URL such as https://api.example.com, "
            f"got {mask_proxy(value)!r}{_where(source)}"
        )
    return value


def _check_proxy(value: object, source: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"proxy must be a string URL, got {type(value).__name__}{_where(source)}")
    if value == "":
        return None
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc:
        raise ConfigError(
            "proxy must be a URL such as http://proxy:3128, "
            f"got {mask_proxy(value)!r}{_where(source)}"
        )
    return value


def _check_timeout(value: object, source: str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"timeout must be a number of seconds, got {value!r}{_where(source)}")
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"timeout must be a positive number, got {value!r}{_where(source)}")
    return float(value)


def _check_attempts(value: object, source: str | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"retry_max_attempts must be an integer, got {value!r}{_where(source)}")
    if value < 1:
        raise ConfigError(f"retry_max_attempts must be >= 1, got {value!r}{_where(source)}")
    return value


def _check_backoff(value: object, source: str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(
            f"retry_backoff_seconds must be a number of seconds, got {value!r}{_where(source)}"
        )
    if not math.isfinite(value) or value < 0:
        raise ConfigError(f"retry_backoff_seconds must be >= 0, got {value!r}{_where(source)}")
    return float(value)


def _check_status_codes(value: object, source: str | None) -> frozenset[int] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return _parse_status_codes(value, "retry_status_codes", source)
    if not isinstance(value, Iterable):
        raise ConfigError(
            f"retry_status_codes must be a collection of HTTP status codes, got {value!r}"
            f"{_where(source)}"
        )
    codes: set[int] = set()
    for code in value:
        if isinstance(code, bool) or not isinstance(code, int) or not 100 <= code <= 599:
            raise ConfigError(
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
        raise ConfigError(
            f"retry_methods must be a collection of HTTP methods, got {value!r}{_where(source)}"
        )
    methods: set[str] = set()
    for method in items:
        if not isinstance(method, str) or method.strip().upper() not in KNOWN_HTTP_METHODS:
            raise ConfigError(
                f"retry_methods must hold HTTP methods ({', '.join(sorted(KNOWN_HTTP_METHODS))}), "
                f"got {method!r}{_where(source)}"
            )
        methods.add(method.strip().upper())
    return frozenset(methods)


def _check_verify(value: object, source: str | None) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"verify must be True or False, got {value!r}{_where(source)}")
    return value


def _check_ca_bundle(value: object, source: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):
        raise ConfigError(f"ca_bundle must be a file path, got {value!r}{_where(source)}")
    text = os.fspath(value)
    if not isinstance(text, str) or text == "":
        raise ConfigError(f"ca_bundle must be a non-empty file path, got {value!r}{_where(source)}")
    path = Path(os.path.expandvars(text)).expanduser()
    if not path.exists():
        raise ConfigError(f"ca_bundle {text!r} does not exist{_where(source)}")
    return str(path)


def _check_optional_str(value: object, name: str, source: str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    # The value may be a secret, so only its type is shown.
    raise ConfigError(f"{name} must be a string, got {type(value).__name__}{_where(source)}")


def _token_problem(token: str) -> str | None:
    """Say what is wrong with a token's shape without quoting any of it."""
    if any(ch.isspace() for ch in token):
        return "it contains whitespace"
    dots = token.count(".")
    if dots == 0:
        return "it has no '.' between id and secret"
    if dots > 1:
        return f"it has {dots} '.' characters; exactly one separates id and secret"
    token_id, _, secret = token.partition(".")
    if not token_id:
        return "the id before '.' is empty"
    if not secret:
        return "the secret after '.' is empty"
    return None


def check_api_token(value: object, source: str | None = None) -> str | None:
    """Check an API token's shape: ``<id>.<secret>``, one ``.``, both parts, no whitespace.

    ``None`` (no token) and ``""`` (the SSE container's empty config) pass unchanged.

    Args:
        value: The token.
        source: Where it came from, for the message (default ``argument api_token``).

    Returns:
        The token unchanged.

    Raises:
        ConfigError: Not a string, or not shaped like ``<id>.<secret>``. The message names
            the source and what is wrong, never the token itself.
    """
    source = source or "argument api_token"
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"api_token must be a string, got {type(value).__name__}{_where(source)}")
    if value == "":
        return value
    problem = _token_problem(value)
    if problem:
        raise ConfigError(
            f"api_token must look like {TOKEN_EXAMPLE} (exactly one '.', both parts "
            f"non-empty, no whitespace), but {problem}{_where(source)}"
        )
    return value


def _check_directory(
    value: object, name: str, source: str | None, *, must_exist: bool
) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):
        raise ConfigError(f"{name} must be a directory path, got {value!r}{_where(source)}")
    text = os.fspath(value)
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(
            f"{name} must be a non-empty directory path, got {value!r}{_where(source)}"
        )
    path = Path(os.path.expandvars(text.strip())).expanduser()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{name} {text!r} is not a directory{_where(source)}")
    if must_exist:
        if not path.is_dir():
            raise ConfigError(f"{name} {text!r} does not exist{_where(source)}")
        # Resolved, links and all: file:// URLs are accepted only inside this real directory.
        return str(path.resolve())
    return os.path.abspath(path)


def _check_failure_statuses(value: object, source: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    items: Iterable[object]
    if isinstance(value, str):
        items = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, Iterable):
        items = value
    else:
        raise ConfigError(
            f"failure_statuses must be a collection of job statuses, got {value!r}{_where(source)}"
        )
    statuses: set[str] = set()
    for status in items:
        word = status.strip().lower() if isinstance(status, str) else None
        if word not in _JOB_STATUSES:
            raise ConfigError(
                f"failure_statuses must hold job statuses ({', '.join(sorted(_JOB_STATUSES))}), "
                f"got {status!r}{_where(source)}"
            )
        statuses.add(word)
    return frozenset(statuses)


def _check_optional_bool(value: object, name: str, source: str | None) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ConfigError(f"{name} must be True, False or None, got {value!r}{_where(source)}")


def _check_cache_max_bytes(value: object, source: str | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(
            f"cache_max_bytes must be an integer number of bytes, got {value!r}{_where(source)}"
        )
    if value <= 0:
        raise ConfigError(f"cache_max_bytes must be > 0, got {value!r}{_where(source)}")
    return value


# --- parsing text (environment and INI values) -----------------------------------------------


def _parse_float(text: str, name: str, source: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {text!r} (from {source})") from None


def _parse_int(text: str, name: str, source: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {text!r} (from {source})") from None


def _parse_status_codes(text: str, name: str, source: str | None) -> frozenset[int]:
    codes: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            code = int(part)
        except ValueError:
            raise ConfigError(
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
    raise ConfigError(f"{name} must be true or false, got {text!r} (from {source})")


def _parse_size(text: str, name: str, source: str) -> int:
    match = _SIZE_TEXT.fullmatch(text.strip())
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _SIZE_UNITS:
        raise ConfigError(
            f"{name} must be a number of bytes such as 500000000 or 500MB, got {text!r} "
            f"(from {source})"
        )
    return int(match.group(1)) * _SIZE_UNITS[unit]


def _parse_text(text: str, _name: str, _source: str) -> str:
    return text.strip()


# Optional settings shared by the environment and the INI loaders: (config field, parser).
# The INI key is the field name.
_OPTIONAL_PARSERS: Final[dict[str, Callable[[str, str, str], Any]]] = {
    "timeout": _parse_float,
    "retry_max_attempts": _parse_int,
    "retry_backoff_seconds": _parse_float,
    "retry_status_codes": _parse_status_codes,
    "retry_methods": _parse_text,
    "ca_bundle": _parse_text,
    "verify": _parse_bool,
    "local_storage_root": _parse_text,
    "failure_statuses": _parse_text,
    "progress": _parse_bool,
    "journal_dir": _parse_text,
    "cache_dir": _parse_text,
    "cache_max_bytes": _parse_size,
}
