"""OqtopusConfig: construction, validation, repr hygiene, env/file loaders and precedence."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from oqtopus_sdk import config as config_module
from oqtopus_sdk.config import (
    OqtopusConfig,
    default_config_path,
    is_sse_container_mode,
    mask_proxy,
    resolve_config,
)
from oqtopus_sdk.constants import DEFAULT_RETRY_METHODS, DEFAULT_RETRY_STATUS_CODES

_ENV_VARS = (
    "OQTOPUS_URL",
    "OQTOPUS_BASE_URL",
    "OQTOPUS_API_TOKEN",
    "OQTOPUS_PROXY",
    "OQTOPUS_TIMEOUT",
    "OQTOPUS_RETRY_MAX_ATTEMPTS",
    "OQTOPUS_RETRY_BACKOFF_SECONDS",
    "OQTOPUS_RETRY_STATUS_CODES",
    "OQTOPUS_RETRY_METHODS",
    "OQTOPUS_CA_BUNDLE",
    "OQTOPUS_VERIFY",
    "OQTOPUS_PROFILE",
    "OQTOPUS_ENV",
    "XDG_CONFIG_HOME",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def write_ini(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- construction ----------------------------------------------------------------------------


def test_defaults_match_reference() -> None:
    cfg = OqtopusConfig("https://api.example.com")
    assert cfg.base_url == "https://api.example.com"
    assert cfg.url == cfg.base_url
    assert cfg.api_token is None
    assert cfg.proxy is None
    assert cfg.timeout == 30.0
    assert cfg.retry_max_attempts == 3
    assert cfg.retry_backoff_seconds == 0.2
    assert cfg.retry_status_codes is None
    assert cfg.retry_methods is None
    assert cfg.verify is True
    assert cfg.ca_bundle is None


def test_url_alias_keyword_and_both_equal() -> None:
    assert OqtopusConfig(url="https://a.example").base_url == "https://a.example"
    both = OqtopusConfig(base_url="https://a.example", url="https://a.example")
    assert both.url == "https://a.example"


def test_url_and_base_url_conflict_names_both() -> None:
    with pytest.raises(
        ValueError, match=r"url='https://a\.example'.*base_url='https://b\.example'"
    ):
        OqtopusConfig(base_url="https://b.example", url="https://a.example")


def test_url_required() -> None:
    with pytest.raises(ValueError, match="base_url"):
        OqtopusConfig()


def test_empty_url_allowed_for_sse_container() -> None:
    assert OqtopusConfig(base_url="").base_url == ""


@pytest.mark.parametrize("url", ["api.example.com", "ftp://x.example", "https://", 42])
def test_bad_url_named(url: object) -> None:
    with pytest.raises(ValueError, match="base_url"):
        OqtopusConfig(base_url=url)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"timeout": 0}, r"timeout .*0"),
        ({"timeout": -1.5}, r"timeout .*-1\.5"),
        ({"timeout": float("nan")}, r"timeout .*nan"),
        ({"timeout": "30"}, r"timeout .*'30'"),
        ({"timeout": True}, r"timeout .*True"),
        ({"retry_max_attempts": 0}, r"retry_max_attempts .*0"),
        ({"retry_max_attempts": 2.5}, r"retry_max_attempts .*2\.5"),
        ({"retry_max_attempts": True}, r"retry_max_attempts .*True"),
        ({"retry_backoff_seconds": -0.1}, r"retry_backoff_seconds .*-0\.1"),
        ({"retry_backoff_seconds": float("inf")}, r"retry_backoff_seconds .*inf"),
        ({"retry_status_codes": [429, 99]}, r"retry_status_codes .*99"),
        ({"retry_status_codes": [600]}, r"retry_status_codes .*600"),
        ({"retry_status_codes": ["429"]}, r"retry_status_codes .*'429'"),
        ({"retry_status_codes": 429}, r"retry_status_codes .*429"),
        ({"retry_methods": ["GET", "FETCH"]}, r"retry_methods .*'FETCH'"),
        ({"retry_methods": [1]}, r"retry_methods .*1"),
        ({"verify": "yes"}, r"verify .*'yes'"),
        ({"proxy": "not a url"}, r"proxy .*'not a url'"),
        ({"ca_bundle": "/does/not/exist.pem"}, r"ca_bundle '/does/not/exist\.pem'"),
    ],
)
def test_every_bad_value_named(kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        OqtopusConfig("https://api.example.com", **kwargs)  # type: ignore[arg-type]


def test_retry_collections_normalised() -> None:
    cfg = OqtopusConfig(
        "https://api.example.com",
        retry_status_codes=[503, 429, 429],
        retry_methods=["get", " post "],
    )
    assert cfg.retry_status_codes == frozenset({429, 503})
    assert cfg.retry_methods == frozenset({"GET", "POST"})
    assert cfg.effective_retry_status_codes == frozenset({429, 503})
    assert cfg.effective_retry_methods == frozenset({"GET", "POST"})


def test_retry_methods_from_comma_string() -> None:
    cfg = OqtopusConfig("https://a.example", retry_methods="get,delete")
    assert cfg.retry_methods == frozenset({"GET", "DELETE"})


def test_effective_defaults_from_constants() -> None:
    cfg = OqtopusConfig("https://a.example")
    assert cfg.effective_retry_status_codes == DEFAULT_RETRY_STATUS_CODES
    assert cfg.effective_retry_methods == DEFAULT_RETRY_METHODS


def test_int_timeout_becomes_float() -> None:
    cfg = OqtopusConfig("https://a.example", timeout=5, retry_backoff_seconds=1)
    assert isinstance(cfg.timeout, float)
    assert isinstance(cfg.retry_backoff_seconds, float)


def test_ca_bundle_existing_file(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("pem")
    assert OqtopusConfig("https://a.example", ca_bundle=bundle).ca_bundle == str(bundle)


def test_frozen_hashable_and_replace_revalidates() -> None:
    cfg = OqtopusConfig("https://a.example", retry_status_codes=[429])
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.timeout = 1.0  # type: ignore[misc]
    assert hash(cfg) == hash(OqtopusConfig("https://a.example", retry_status_codes=[429]))
    assert dataclasses.replace(cfg, timeout=5.0).timeout == 5.0
    with pytest.raises(ValueError, match="timeout"):
        dataclasses.replace(cfg, timeout=-1.0)


# --- secrets ---------------------------------------------------------------------------------


def test_repr_hides_token_and_proxy_credentials() -> None:
    cfg = OqtopusConfig(
        "https://a.example",
        api_token="tok-id.very-secret",
        proxy="http://alice:hunter22@proxy.local:3128",
    )
    for text in (repr(cfg), str(cfg)):
        assert "very-secret" not in text
        assert "hunter22" not in text
        assert "alice" not in text
        assert "proxy.local:3128" in text
        assert "api_token='***'" in text


def test_repr_without_token() -> None:
    assert "api_token=None" in repr(OqtopusConfig("https://a.example"))


def test_bad_proxy_error_masks_credentials() -> None:
    with pytest.raises(ValueError, match="proxy") as info:
        OqtopusConfig("https://a.example", proxy="alice:hunter22@proxy")
    assert "hunter22" not in str(info.value)


def test_token_type_error_does_not_echo_value() -> None:
    with pytest.raises(ValueError, match="api_token must be a string, got bytes"):
        OqtopusConfig("https://a.example", api_token=b"secret-bytes")  # type: ignore[arg-type]


def test_mask_proxy() -> None:
    assert mask_proxy(None) is None
    assert mask_proxy("http://proxy:3128") == "http://proxy:3128"
    assert mask_proxy("http://u:p@proxy:3128/x") == "http://***@proxy:3128/x"


# --- environment -----------------------------------------------------------------------------


def test_from_env_reads_url_token_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    monkeypatch.setenv("OQTOPUS_API_TOKEN", "tok")
    monkeypatch.setenv("OQTOPUS_PROXY", "http://proxy:3128")
    cfg = OqtopusConfig.from_env()
    assert (cfg.base_url, cfg.api_token, cfg.proxy) == (
        "https://env.example",
        "tok",
        "http://proxy:3128",
    )


def test_from_env_falls_back_to_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_BASE_URL", "https://base.example")
    assert OqtopusConfig.from_env().base_url == "https://base.example"
    monkeypatch.setenv("OQTOPUS_URL", "https://url.example")
    assert OqtopusConfig.from_env().base_url == "https://url.example"


def test_from_env_custom_base_url_env_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://ignored.example")
    monkeypatch.setenv("MY_URL", "https://mine.example")
    assert OqtopusConfig.from_env(base_url_env="MY_URL").base_url == "https://mine.example"


def test_from_env_base_url_env_none_is_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_BASE_URL", "https://base.example")
    assert OqtopusConfig.from_env(base_url_env=None).base_url == "https://base.example"


def test_from_env_custom_url_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTHER_URL", "https://other.example")
    monkeypatch.setenv("OTHER_TOKEN", "t")
    cfg = OqtopusConfig.from_env(url_env="OTHER_URL", api_token_env="OTHER_TOKEN")
    assert (cfg.base_url, cfg.api_token) == ("https://other.example", "t")


def test_from_env_missing_url_names_variables() -> None:
    with pytest.raises(ValueError, match="OQTOPUS_URL or OQTOPUS_BASE_URL is required"):
        OqtopusConfig.from_env()


def test_from_env_empty_values_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "")
    monkeypatch.setenv("OQTOPUS_BASE_URL", "https://b.example")
    monkeypatch.setenv("OQTOPUS_API_TOKEN", "")
    monkeypatch.setenv("OQTOPUS_TIMEOUT", " ")
    cfg = OqtopusConfig.from_env()
    assert cfg.base_url == "https://b.example"
    assert cfg.api_token is None
    assert cfg.timeout == 30.0


def test_from_env_retry_and_tls_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("pem")
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    monkeypatch.setenv("OQTOPUS_TIMEOUT", "12.5")
    monkeypatch.setenv("OQTOPUS_RETRY_MAX_ATTEMPTS", "5")
    monkeypatch.setenv("OQTOPUS_RETRY_BACKOFF_SECONDS", "0.5")
    monkeypatch.setenv("OQTOPUS_RETRY_STATUS_CODES", "429, 503,504")
    monkeypatch.setenv("OQTOPUS_RETRY_METHODS", "get,post")
    monkeypatch.setenv("OQTOPUS_CA_BUNDLE", str(bundle))
    monkeypatch.setenv("OQTOPUS_VERIFY", "false")
    cfg = OqtopusConfig.from_env()
    assert cfg.timeout == 12.5
    assert cfg.retry_max_attempts == 5
    assert cfg.retry_backoff_seconds == 0.5
    assert cfg.retry_status_codes == frozenset({429, 503, 504})
    assert cfg.retry_methods == frozenset({"GET", "POST"})
    assert cfg.ca_bundle == str(bundle)
    assert cfg.verify is False


@pytest.mark.parametrize(
    ("var", "value", "pattern"),
    [
        ("OQTOPUS_TIMEOUT", "soon", r"timeout .*'soon'.*OQTOPUS_TIMEOUT"),
        ("OQTOPUS_TIMEOUT", "-3", r"timeout .*-3.*OQTOPUS_TIMEOUT"),
        ("OQTOPUS_RETRY_MAX_ATTEMPTS", "1.5", r"retry_max_attempts .*'1\.5'.*MAX_ATTEMPTS"),
        ("OQTOPUS_RETRY_MAX_ATTEMPTS", "0", r"retry_max_attempts .*0.*MAX_ATTEMPTS"),
        ("OQTOPUS_RETRY_BACKOFF_SECONDS", "x", r"retry_backoff_seconds .*'x'"),
        ("OQTOPUS_RETRY_STATUS_CODES", "429,abc", r"retry_status_codes .*'abc'"),
        ("OQTOPUS_RETRY_STATUS_CODES", "429,700", r"retry_status_codes .*700.*STATUS_CODES"),
        ("OQTOPUS_RETRY_METHODS", "GET,FETCH", r"retry_methods .*'FETCH'.*RETRY_METHODS"),
        ("OQTOPUS_VERIFY", "maybe", r"verify .*'maybe'.*OQTOPUS_VERIFY"),
        ("OQTOPUS_CA_BUNDLE", "/nope.pem", r"ca_bundle '/nope\.pem'.*OQTOPUS_CA_BUNDLE"),
    ],
)
def test_from_env_bad_values_name_variable(
    monkeypatch: pytest.MonkeyPatch, var: str, value: str, pattern: str
) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    monkeypatch.setenv(var, value)
    with pytest.raises(ValueError, match=pattern):
        OqtopusConfig.from_env()


def test_from_env_bad_url_names_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_BASE_URL", "api.example.com")
    with pytest.raises(ValueError, match=r"'api\.example\.com'.*OQTOPUS_BASE_URL"):
        OqtopusConfig.from_env()


# --- file ------------------------------------------------------------------------------------


def test_default_path_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert default_config_path() == tmp_path / "xdg" / "oqtopus" / "config.ini"
    monkeypatch.setenv("XDG_CONFIG_HOME", "")
    assert default_config_path() == tmp_path / "home" / ".config" / "oqtopus" / "config.ini"


def test_from_file_default_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    write_ini(
        tmp_path / "xdg" / "oqtopus" / "config.ini",
        "[default]\nurl = https://file.example\napi_token = id.secret%x\n",
    )
    cfg = OqtopusConfig.from_file()
    assert cfg.base_url == "https://file.example"
    assert cfg.api_token == "id.secret%x"  # no interpolation: '%' in a token is kept


def test_from_file_all_keys(tmp_path: Path) -> None:
    path = write_ini(
        tmp_path / "c.ini",
        "[dev]\n"
        "base_url = https://dev.example\n"
        "proxy = http://proxy:3128\n"
        "timeout = 60\n"
        "retry_max_attempts = 4\n"
        "retry_backoff_seconds = 1.5\n"
        "retry_status_codes = 429,503\n"
        "retry_methods = GET, PUT\n"
        "verify = no\n"
        "unknown_key = ignored\n",
    )
    cfg = OqtopusConfig.from_file("dev", path)
    assert cfg.base_url == "https://dev.example"
    assert cfg.proxy == "http://proxy:3128"
    assert cfg.timeout == 60.0
    assert cfg.retry_max_attempts == 4
    assert cfg.retry_backoff_seconds == 1.5
    assert cfg.retry_status_codes == frozenset({429, 503})
    assert cfg.retry_methods == frozenset({"GET", "PUT"})
    assert cfg.verify is False


def test_from_file_url_beats_base_url(tmp_path: Path) -> None:
    path = write_ini(
        tmp_path / "c.ini", "[default]\nurl = https://u.example\nbase_url = https://b.example\n"
    )
    assert OqtopusConfig.from_file(path=path).base_url == "https://u.example"


def test_from_file_expands_user_and_vars(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write_ini(tmp_path / "home" / "x.ini", "[default]\nurl = https://h.example\n")
    monkeypatch.setenv("MYDIR", str(tmp_path / "home"))
    assert OqtopusConfig.from_file(path="~/x.ini").base_url == "https://h.example"
    assert OqtopusConfig.from_file(path="$MYDIR/x.ini").base_url == "https://h.example"


def test_from_file_missing_file_names_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.ini"
    with pytest.raises(ValueError, match=r"'default'.*missing\.ini"):
        OqtopusConfig.from_file(path=missing)


def test_from_file_missing_section_lists_sections(tmp_path: Path) -> None:
    path = write_ini(tmp_path / "c.ini", "[default]\nurl = https://a.example\n")
    with pytest.raises(ValueError, match=r"Section 'prod' not found.*c\.ini.*'default'"):
        OqtopusConfig.from_file("prod", path)


def test_from_file_profile_without_url(tmp_path: Path) -> None:
    path = write_ini(tmp_path / "c.ini", "[default]\napi_token = t\n")
    with pytest.raises(ValueError, match=r"'default'.*must define 'url'"):
        OqtopusConfig.from_file(path=path)


def test_from_file_malformed(tmp_path: Path) -> None:
    path = write_ini(tmp_path / "c.ini", "url = https://no.section\n")
    with pytest.raises(ValueError, match=r"cannot read config file .*c\.ini"):
        OqtopusConfig.from_file(path=path)


@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        ("timeout = soon", r"timeout .*'soon'.*\[default\].*c\.ini"),
        ("retry_max_attempts = 0", r"retry_max_attempts .*0.*key retry_max_attempts"),
        ("retry_status_codes = 429,x", r"retry_status_codes .*'x'"),
        ("retry_methods = GET,NOPE", r"retry_methods .*'NOPE'.*key retry_methods"),
        ("verify = perhaps", r"verify .*'perhaps'"),
        ("proxy = nonsense", r"proxy .*'nonsense'.*key proxy"),
    ],
)
def test_from_file_bad_values_name_key_and_file(tmp_path: Path, line: str, pattern: str) -> None:
    path = write_ini(tmp_path / "c.ini", f"[default]\nurl = https://a.example\n{line}\n")
    with pytest.raises(ValueError, match=pattern):
        OqtopusConfig.from_file(path=path)


def test_from_file_bad_section_argument(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="section"):
        OqtopusConfig.from_file("", tmp_path / "c.ini")


def test_sse_container_short_circuit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OQTOPUS_ENV", "sse_container")
    assert is_sse_container_mode()
    cfg = OqtopusConfig.from_file(path=tmp_path / "does-not-exist.ini")
    assert (cfg.base_url, cfg.api_token) == ("", "")


def test_not_sse_container_by_default() -> None:
    assert not is_sse_container_mode()


# --- precedence ------------------------------------------------------------------------------


def test_resolve_explicit_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    explicit = OqtopusConfig("https://explicit.example")
    assert resolve_config(explicit) is explicit


def test_resolve_env_beats_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    write_ini(tmp_path / "oqtopus" / "config.ini", "[default]\nurl = https://file.example\n")
    assert resolve_config().base_url == "https://file.example"
    monkeypatch.setenv("OQTOPUS_BASE_URL", "https://env.example")
    assert resolve_config().base_url == "https://env.example"


def test_resolve_profile_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    write_ini(
        tmp_path / "oqtopus" / "config.ini",
        "[default]\nurl = https://d.example\n[prod]\nurl = https://p.example\n",
    )
    monkeypatch.setenv("OQTOPUS_PROFILE", "prod")
    assert resolve_config().base_url == "https://p.example"


def test_resolve_sse_container(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_ENV", "sse_container")
    assert resolve_config().base_url == ""


def test_resolve_rejects_non_config() -> None:
    with pytest.raises(TypeError, match="OqtopusConfig"):
        resolve_config({"url": "x"})  # type: ignore[arg-type]


def test_module_exports() -> None:
    for name in config_module.__all__:
        assert hasattr(config_module, name)
