"""OqtopusConfig: construction, validation, repr hygiene, env/file loaders and precedence."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from oqtopus_sdk import config as config_module
from oqtopus_sdk.config import (
    OqtopusConfig,
    config_search_paths,
    default_config_path,
    is_sse_container_mode,
    legacy_config_path,
    mask_proxy,
    require_credentials,
    resolve_config,
)
from oqtopus_sdk.constants import DEFAULT_RETRY_METHODS, DEFAULT_RETRY_STATUS_CODES
from oqtopus_sdk.errors import ConfigError, OqtopusError

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
    "OQTOPUS_LOCAL_STORAGE_ROOT",
    "OQTOPUS_FAILURE_STATUSES",
    "OQTOPUS_PROGRESS",
    "OQTOPUS_JOURNAL_DIR",
    "OQTOPUS_CACHE_DIR",
    "OQTOPUS_CACHE_MAX_BYTES",
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
    monkeypatch.setenv("OQTOPUS_API_TOKEN", "tok.secret")
    monkeypatch.setenv("OQTOPUS_PROXY", "http://proxy:3128")
    cfg = OqtopusConfig.from_env()
    assert (cfg.base_url, cfg.api_token, cfg.proxy) == (
        "https://env.example",
        "tok.secret",
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
    monkeypatch.setenv("OTHER_TOKEN", "t.s")
    cfg = OqtopusConfig.from_env(url_env="OTHER_URL", api_token_env="OTHER_TOKEN")
    assert (cfg.base_url, cfg.api_token) == ("https://other.example", "t.s")


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
    path = write_ini(tmp_path / "c.ini", "[default]\napi_token = t.s\n")
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


# --- ConfigError and the first run -----------------------------------------------------------


def test_config_error_is_an_sdk_error_and_a_value_error() -> None:
    assert issubclass(ConfigError, OqtopusError)
    assert issubclass(ConfigError, ValueError)
    with pytest.raises(ConfigError):
        OqtopusConfig("https://a.example", timeout=-1)


def test_first_run_error_names_everything(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        resolve_config()
    text = str(info.value)
    assert "OQTOPUS_URL" in text
    assert "OQTOPUS_API_TOKEN" in text
    assert "profile 'default'" in text
    for path in config_search_paths():
        assert str(path) in text
    assert "[default]\n    url = https://api.example.com\n    api_token = <id>.<secret>" in text
    assert "oqtopus config init" in text


def test_first_run_error_for_missing_profile_lists_sections(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    write_ini(tmp_path / "xdg" / "oqtopus" / "config.ini", "[default]\nurl = https://a.example\n")
    with pytest.raises(ConfigError, match=r"profile 'prod'") as info:
        resolve_config(profile="prod")
    text = str(info.value)
    assert "[prod]" in text
    assert "no [prod] section (sections: 'default')" in text
    assert f"{legacy_config_path()}: no such file" in text


def test_search_paths_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_search_paths() == [
        tmp_path / "xdg" / "oqtopus" / "config.ini",
        tmp_path / "home" / ".oqtopus",
    ]


def test_legacy_file_is_read_when_xdg_has_no_profile(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    legacy = write_ini(
        tmp_path / "home" / ".oqtopus",
        "[default]\nurl = https://legacy.example\napi_token = a.b\nproxy = http://p:1\n"
        "[prod]\nurl = https://legacy-prod.example\n",
    )
    cfg = resolve_config()
    assert (cfg.base_url, cfg.api_token, cfg.proxy) == (
        "https://legacy.example",
        "a.b",
        "http://p:1",
    )
    assert cfg.source_of("url") == f"key url of [default] in {legacy}"
    # The XDG file wins for a profile it has; a profile it lacks still comes from ~/.oqtopus.
    write_ini(tmp_path / "xdg" / "oqtopus" / "config.ini", "[default]\nurl = https://xdg.example\n")
    assert resolve_config().base_url == "https://xdg.example"
    assert resolve_config(profile="prod").base_url == "https://legacy-prod.example"


def test_profile_argument_beats_profile_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    write_ini(
        tmp_path / "oqtopus" / "config.ini",
        "[a]\nurl = https://a.example\n[b]\nurl = https://b.example\n",
    )
    monkeypatch.setenv("OQTOPUS_PROFILE", "a")
    assert resolve_config().base_url == "https://a.example"
    assert resolve_config(profile="b").base_url == "https://b.example"
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    assert resolve_config(profile="b").base_url == "https://env.example"


def test_malformed_file_error_does_not_quote_the_file(tmp_path: Path) -> None:
    path = write_ini(tmp_path / "c.ini", "api_token = leakid.leaksecret\n")
    with pytest.raises(ConfigError, match=r"cannot read config file .*c\.ini.*line 1") as info:
        OqtopusConfig.from_file(path=path)
    assert "leak" not in str(info.value)


# --- credentials -----------------------------------------------------------------------------


def test_require_credentials_passes_with_token() -> None:
    require_credentials(OqtopusConfig("https://a.example", api_token="id.secret"))


def test_require_credentials_env_url_without_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_BASE_URL", "https://env.example")
    with pytest.raises(ConfigError) as info:
        require_credentials(resolve_config())
    text = str(info.value)
    assert "environment variable OQTOPUS_BASE_URL" in text
    assert "OQTOPUS_API_TOKEN=<id>.<secret>" in text


def test_require_credentials_file_url_without_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = write_ini(tmp_path / "oqtopus" / "config.ini", "[dev]\nbase_url = https://f.example\n")
    with pytest.raises(ConfigError) as info:
        require_credentials(resolve_config(profile="dev"))
    text = str(info.value)
    assert f"key base_url of [dev] in {path}" in text
    assert f"'api_token = <id>.<secret>' to [dev] in {path}" in text


def test_require_credentials_argument_url_without_token() -> None:
    with pytest.raises(ConfigError, match=r"argument base_url.*api_token='<id>\.<secret>'"):
        require_credentials(OqtopusConfig(base_url="https://a.example"))
    with pytest.raises(ConfigError, match=r"argument url"):
        require_credentials(OqtopusConfig(url="https://a.example"))


def test_require_credentials_missing_url_and_sse_container(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ConfigError, match="base_url is required"):
        require_credentials(OqtopusConfig(base_url=""))
    monkeypatch.setenv("OQTOPUS_ENV", "sse_container")
    require_credentials(resolve_config())


# --- token format ----------------------------------------------------------------------------

_BAD_TOKENS = [
    ("nodotsecretvalue", "no '.'"),
    ("aa.bbb.cccc", "2 '.' characters"),
    (".secretpart", "id before '.' is empty"),
    ("idpart.", "secret after '.' is empty"),
    ("idpart. secretpart", "whitespace"),
    ("idpart.secret\tpart", "whitespace"),
]
# Test ids must not contain the tokens: tmp_path names are made from them.
_TOKEN_IDS = [f"token{index}" for index in range(len(_BAD_TOKENS))]


@pytest.mark.parametrize(("token", "problem"), _BAD_TOKENS, ids=_TOKEN_IDS)
def test_bad_token_argument(token: str, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        OqtopusConfig("https://a.example", api_token=token)
    for text in (str(info.value), repr(info.value)):
        assert problem in text
        assert "(from argument api_token)" in text
        assert token.strip(".") not in text


@pytest.mark.parametrize(("token", "problem"), _BAD_TOKENS, ids=_TOKEN_IDS)
def test_bad_token_env(monkeypatch: pytest.MonkeyPatch, token: str, problem: str) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    monkeypatch.setenv("OQTOPUS_API_TOKEN", token)
    with pytest.raises(ConfigError) as info:
        OqtopusConfig.from_env()
    for text in (str(info.value), repr(info.value)):
        assert problem in text or "whitespace" in problem  # env values are stripped first
        assert "environment variable OQTOPUS_API_TOKEN" in text
        assert token.strip(".") not in text


@pytest.mark.parametrize(("token", "problem"), _BAD_TOKENS[:4], ids=_TOKEN_IDS[:4])
def test_bad_token_file(tmp_path: Path, token: str, problem: str) -> None:
    path = write_ini(tmp_path / "c.ini", f"[p]\nurl = https://a.example\napi_token = {token}\n")
    with pytest.raises(ConfigError) as info:
        OqtopusConfig.from_file("p", path)
    for text in (str(info.value), repr(info.value)):
        assert problem in text
        assert f"key api_token of [p] in {path}" in text
        assert token.strip(".") not in text


def test_token_is_stripped_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    monkeypatch.setenv("OQTOPUS_API_TOKEN", " id.secret\n")
    assert OqtopusConfig.from_env().api_token == "id.secret"


def test_empty_token_kept_for_sse_container() -> None:
    assert OqtopusConfig(base_url="", api_token="").api_token == ""


# --- newer settings --------------------------------------------------------------------------


def test_new_settings_default_to_none() -> None:
    cfg = OqtopusConfig("https://a.example")
    assert cfg.local_storage_root is None
    assert cfg.failure_statuses is None
    assert cfg.progress is None
    assert cfg.journal_dir is None
    assert cfg.cache_dir is None
    assert cfg.cache_max_bytes is None
    assert cfg.source_of("timeout") == "default"
    assert cfg.source_of("base_url") == "argument base_url"


def test_new_settings_by_argument(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    cfg = OqtopusConfig(
        "https://a.example",
        local_storage_root=root,
        failure_statuses=["failed", " Cancelled "],
        progress=True,
        journal_dir=tmp_path / "journal",
        cache_dir=str(tmp_path / "cache"),
        cache_max_bytes=1024,
    )
    assert cfg.local_storage_root == str(root.resolve())
    assert cfg.failure_statuses == frozenset({"failed", "cancelled"})
    assert cfg.progress is True
    assert cfg.journal_dir == str(tmp_path / "journal")
    assert cfg.cache_dir == str(tmp_path / "cache")
    assert cfg.cache_max_bytes == 1024
    assert cfg.source_of("cache_max_bytes") == "argument cache_max_bytes"
    only_failed = OqtopusConfig("https://a.example", failure_statuses="failed")
    assert only_failed.failure_statuses == frozenset({"failed"})
    assert OqtopusConfig("https://a.example", failure_statuses=[]).failure_statuses == frozenset()
    text = repr(cfg)
    assert "failure_statuses=['cancelled', 'failed']" in text
    assert "cache_max_bytes=1024" in text
    assert "progress=True" in text


def test_local_storage_root_resolves_links(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    cfg = OqtopusConfig("https://a.example", local_storage_root=tmp_path / "link")
    assert cfg.local_storage_root == str(real.resolve())


def test_new_settings_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    monkeypatch.setenv("OQTOPUS_LOCAL_STORAGE_ROOT", str(tmp_path))
    monkeypatch.setenv("OQTOPUS_FAILURE_STATUSES", "failed, cancelled")
    monkeypatch.setenv("OQTOPUS_PROGRESS", "off")
    monkeypatch.setenv("OQTOPUS_JOURNAL_DIR", "~/journal")
    monkeypatch.setenv("OQTOPUS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OQTOPUS_CACHE_MAX_BYTES", "2MiB")
    cfg = OqtopusConfig.from_env()
    assert cfg.local_storage_root == str(tmp_path.resolve())
    assert cfg.failure_statuses == frozenset({"failed", "cancelled"})
    assert cfg.progress is False
    assert cfg.journal_dir == str(tmp_path / "home" / "journal")
    assert cfg.cache_dir == str(tmp_path / "cache")
    assert cfg.cache_max_bytes == 2 * 1024 * 1024
    assert cfg.source_of("progress") == "environment variable OQTOPUS_PROGRESS"
    assert cfg.source_of("base_url") == "environment variable OQTOPUS_URL"
    assert cfg.source_of("verify") == "default"


def test_new_settings_from_file(tmp_path: Path) -> None:
    path = write_ini(
        tmp_path / "c.ini",
        "[default]\nurl = https://a.example\n"
        f"local_storage_root = {tmp_path}\n"
        "failure_statuses = failed\n"
        "progress = yes\n"
        f"journal_dir = {tmp_path}/j\n"
        f"cache_dir = {tmp_path}/c\n"
        "cache_max_bytes = 500MB\n",
    )
    cfg = OqtopusConfig.from_file(path=path)
    assert cfg.local_storage_root == str(tmp_path.resolve())
    assert cfg.failure_statuses == frozenset({"failed"})
    assert cfg.progress is True
    assert cfg.journal_dir == str(tmp_path / "j")
    assert cfg.cache_dir == str(tmp_path / "c")
    assert cfg.cache_max_bytes == 500_000_000
    assert cfg.source_of("cache_max_bytes") == f"key cache_max_bytes of [default] in {path}"


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"local_storage_root": "/does/not/exist"}, r"local_storage_root '/does/not/exist' does"),
        ({"local_storage_root": ""}, r"local_storage_root must be a non-empty directory path"),
        ({"local_storage_root": 3}, r"local_storage_root must be a directory path, got 3"),
        ({"failure_statuses": ["failed", "exploded"]}, r"failure_statuses .*'exploded'"),
        ({"failure_statuses": [1]}, r"failure_statuses .*got 1"),
        ({"failure_statuses": 5}, r"failure_statuses .*got 5"),
        ({"progress": "yes"}, r"progress must be True, False or None, got 'yes'"),
        ({"cache_max_bytes": 0}, r"cache_max_bytes must be > 0, got 0"),
        ({"cache_max_bytes": 1.5}, r"cache_max_bytes must be an integer .*1\.5"),
        ({"cache_max_bytes": True}, r"cache_max_bytes must be an integer .*True"),
        ({"journal_dir": 7}, r"journal_dir must be a directory path"),
    ],
)
def test_new_settings_bad_arguments(kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises(ConfigError, match=pattern):
        OqtopusConfig("https://a.example", **kwargs)  # type: ignore[arg-type]


def test_directory_settings_refuse_files(tmp_path: Path) -> None:
    afile = tmp_path / "f"
    afile.write_text("x")
    for name in ("local_storage_root", "journal_dir", "cache_dir"):
        with pytest.raises(ConfigError, match=f"{name} .* is not a directory"):
            OqtopusConfig("https://a.example", **{name: afile})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("var", "value", "pattern"),
    [
        ("OQTOPUS_LOCAL_STORAGE_ROOT", "/nope/x", r"'/nope/x' does not exist.*LOCAL_STORAGE_ROOT"),
        ("OQTOPUS_FAILURE_STATUSES", "failed,boom", r"'boom'.*OQTOPUS_FAILURE_STATUSES"),
        ("OQTOPUS_PROGRESS", "sometimes", r"progress .*'sometimes'.*OQTOPUS_PROGRESS"),
        ("OQTOPUS_CACHE_MAX_BYTES", "lots", r"cache_max_bytes .*'lots'.*CACHE_MAX_BYTES"),
        ("OQTOPUS_CACHE_MAX_BYTES", "10XB", r"cache_max_bytes .*'10XB'"),
        ("OQTOPUS_CACHE_MAX_BYTES", "0", r"cache_max_bytes must be > 0.*CACHE_MAX_BYTES"),
    ],
)
def test_new_settings_bad_env(
    monkeypatch: pytest.MonkeyPatch, var: str, value: str, pattern: str
) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError, match=pattern):
        OqtopusConfig.from_env()


def test_new_settings_bad_file_value_names_key(tmp_path: Path) -> None:
    path = write_ini(
        tmp_path / "c.ini", "[default]\nurl = https://a.example\nfailure_statuses = nope\n"
    )
    with pytest.raises(ConfigError, match=r"'nope'.*key failure_statuses of \[default\]"):
        OqtopusConfig.from_file(path=path)


def test_source_of_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="unknown setting 'colour'"):
        OqtopusConfig("https://a.example").source_of("colour")


def test_replace_keeps_new_fields(tmp_path: Path) -> None:
    cfg = OqtopusConfig("https://a.example", cache_max_bytes=10, failure_statuses=["failed"])
    copy = dataclasses.replace(cfg, timeout=3.0)
    assert (copy.cache_max_bytes, copy.failure_statuses) == (10, frozenset({"failed"}))
    assert copy == dataclasses.replace(copy)


def test_sources_survive_pickle_and_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    import copy
    import pickle

    monkeypatch.setenv("OQTOPUS_URL", "https://env.example")
    cfg = OqtopusConfig.from_env()
    for clone in (pickle.loads(pickle.dumps(cfg)), copy.copy(cfg), copy.deepcopy(cfg)):
        assert clone == cfg
        assert clone.source_of("url") == "environment variable OQTOPUS_URL"


def test_job_statuses_match_generated_enum() -> None:
    from oqtopus_api.models import JobsJobStatus
    from oqtopus_sdk import _config_checks

    assert {status.value for status in JobsJobStatus} == _config_checks._JOB_STATUSES
