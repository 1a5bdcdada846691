"""``oqtopus config init`` and ``oqtopus config show``."""

from __future__ import annotations

import argparse
import configparser
import dataclasses
import getpass
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oqtopus_sdk.errors import ConfigError

from ._parsing import UsageError

if TYPE_CHECKING:
    from ._session import Session

__all__ = ["config_init", "config_show", "write_profile"]


def _init_profile(args: argparse.Namespace) -> str:
    from oqtopus_sdk.config import DEFAULT_SECTION, PROFILE_ENV

    name: str = args.profile or os.environ.get(PROFILE_ENV) or DEFAULT_SECTION
    if not name.strip() or any(ch in name for ch in "[]\r\n"):
        raise UsageError(f"profile name {name!r} cannot be used as an INI section")
    return name.strip()


def _read_existing(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    if not path.exists():
        return parser
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        # Never quote the file: a parse error can show a line holding a token.
        raise ConfigError(
            f"cannot read config file {str(path)!r} ({type(exc).__name__}); fix or move it first"
        ) from None
    return parser


def write_profile(path: Path, profile: str, url: str, token: str, *, replace: bool) -> None:
    """Write one ``[profile]`` with ``url`` and ``api_token`` to the INI file, mode 0600.

    A new profile is appended, so comments elsewhere in the file survive; a replaced profile
    rewrites the file. The file is replaced atomically and never readable by others.

    Args:
        path: The INI file (its directory is created with mode 0700).
        profile: The section name.
        url: The API base URL.
        token: The API token.
        replace: The profile exists and is being replaced.

    Raises:
        ConfigError: The file cannot be read or written.
    """
    block = f"[{profile}]\nurl = {url}\napi_token = {token}\n"
    if replace:
        parser = _read_existing(path)
        parser.remove_section(profile)
        parser.read_string(block)
        buffer = io.StringIO()
        parser.write(buffer)
        text = buffer.getvalue()
    else:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        text = (
            old + ("\n" if old and not old.endswith("\n") else "") + ("\n" if old else "") + block
        )
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        os.chmod(path, 0o600)
    except OSError as exc:
        raise ConfigError(f"cannot write config file {str(path)!r}: {exc.strerror}") from None


def _prompt_missing(url: str | None, token: str | None) -> tuple[str, str]:
    if url is None:
        url = input("OQTOPUS API URL (e.g. https://api.example.com): ").strip()
    if token is None:
        token = getpass.getpass("API token (<id>.<secret>; input hidden): ").strip()
    return url, token


def config_init(session: Session, args: argparse.Namespace) -> int:
    """Write a profile to the config file (prompting on a terminal, else from flags)."""
    from oqtopus_sdk.config import OqtopusConfig, check_api_token, default_config_path

    profile = _init_profile(args)
    path = default_config_path()
    exists = profile in _read_existing(path)
    if exists and not args.force:
        raise UsageError(
            f"profile [{profile}] already exists in {path}; pass --force to replace it"
        )
    url, token = args.url, args.token
    if token == "-":
        token = sys.stdin.readline().strip()
    if url is None or token is None:
        if not sys.stdin.isatty():
            raise UsageError(
                "config init needs --url and --token when stdin is not a terminal "
                "(--token - reads the token from stdin)"
            )
        url, token = _prompt_missing(url, token)
    if not url or any(ch.isspace() for ch in url):
        raise UsageError(f"--url must be an http(s) URL without spaces, got {url!r}")
    OqtopusConfig(base_url=url)
    if not token:
        raise UsageError("an API token is required")
    check_api_token(token, "--token")
    write_profile(path, profile, url, token, replace=exists)
    action = "Replaced" if exists else "Wrote"
    session.out.line(f"{action} profile [{profile}] in {path} (mode 0600).")
    return 0


def _shown(config: Any, name: str) -> object:
    from oqtopus_sdk.config import mask_proxy

    value = getattr(config, name)
    if name == "api_token":
        return "***" if value else None
    if name in ("proxy", "base_url"):  # user:password@ in either is masked
        return mask_proxy(value)
    return value


def config_show(session: Session, args: argparse.Namespace) -> int:
    """Print the resolved settings and where each came from (secrets masked)."""
    from oqtopus_sdk.config import DEFAULT_SECTION, PROFILE_ENV, require_credentials

    config = session.config()
    profile = args.profile or os.environ.get(PROFILE_ENV) or DEFAULT_SECTION
    names = [field.name for field in dataclasses.fields(config)]
    problems: list[str] = []
    try:
        require_credentials(config)
    except ConfigError as exc:
        problems.append(str(exc))
    if args.json:
        session.out.json(
            {
                "profile": profile,
                "settings": {
                    name: {"value": _shown(config, name), "source": config.source_of(name)}
                    for name in names
                },
                "problems": problems,
            }
        )
    else:
        session.out.table(
            ["SETTING", "VALUE", "SOURCE"],
            [[name, _shown(config, name), config.source_of(name)] for name in names],
        )
    for problem in problems:
        session.out.note(f"warning: {problem}")
    return 0
