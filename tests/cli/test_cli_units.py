"""The ``oqtopus`` command's pure parts, run in-process: parsers, output, config writing, errors.

No emulator: anything that reaches the API is covered by test_cli.py as a subprocess.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from oqtopus_sdk.cli import main
from oqtopus_sdk.cli._config_cmd import write_profile
from oqtopus_sdk.cli._main import _run
from oqtopus_sdk.cli._output import Output, format_value, load_rich_console, to_jsonable
from oqtopus_sdk.cli._parsing import UsageError, parse_duration, parse_operator, parse_since
from oqtopus_sdk.cli._session import Session
from oqtopus_sdk.errors import UnauthorizedError

_ENV = ("OQTOPUS_URL", "OQTOPUS_BASE_URL", "OQTOPUS_API_TOKEN", "OQTOPUS_PROXY", "OQTOPUS_PROFILE",
        "OQTOPUS_ENV", "OQTOPUS_DEBUG", "OQTOPUS_PLAIN", "NO_COLOR")  # fmt: skip


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


# --- operators -------------------------------------------------------------------------------


def test_operator_compact_and_explicit_forms() -> None:
    ops = parse_operator("1.5 XX, 1 ZZ, -0.25 X 0 Y 3, XIZ, 2e-1 X0 Z1, II")
    assert [(op.pauli, op.coeff) for op in ops] == [
        ("X 0 X 1", 1.5),
        ("Z 0 Z 1", 1.0),
        ("X 0 Y 3", -0.25),
        ("X 0 Z 2", 1.0),
        ("X 0 Z 1", 0.2),
        ("I 0", 1.0),
    ]
    for op in ops:
        op.validate()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "term 1 ('') is empty"),
        ("1.5 XX,", "term 2 ('') is empty"),
        ("1.5", "a coefficient needs a Pauli string"),
        ("1.5 XQ", "unexpected 'XQ'"),
        ("nan XX", "'nan' is not a finite number"),
        ("1 X 0 X 0", "qubit 0 appears more than once"),
        ("1 xx", "unexpected 'xx'"),
        ("1 X 0 Y", "must be followed by a non-negative qubit index"),
    ],
)
def test_operator_errors_name_the_term(text: str, problem: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_operator(text)
    assert problem in str(info.value)
    assert "TERM   = [COEFF] PAULI" in str(info.value)


# --- times -----------------------------------------------------------------------------------

NOW = dt.datetime(2026, 1, 31, 12, 0, tzinfo=dt.UTC)


def test_since_durations_and_dates() -> None:
    assert parse_since("2h", NOW) == NOW - dt.timedelta(hours=2)
    assert parse_since("1d", NOW) == NOW - dt.timedelta(days=1)
    assert parse_since("1h30m", NOW) == NOW - dt.timedelta(minutes=90)
    assert parse_duration("1w") == dt.timedelta(weeks=1)
    assert parse_duration("1.5s") == dt.timedelta(seconds=1.5)
    assert parse_since("2026-01-30T08:00Z", NOW) == dt.datetime(2026, 1, 30, 8, tzinfo=dt.UTC)
    naive = parse_since("2026-01-30", NOW)
    assert naive.tzinfo is not None
    assert naive.replace(tzinfo=None) == dt.datetime(2026, 1, 30)


@pytest.mark.parametrize("text", ["yesterday", "2 hours", "-1h", "2026-13-01", ""])
def test_since_rejects_other_text(text: str) -> None:
    with pytest.raises(UsageError, match="--since"):
        parse_since(text, NOW)


# --- output ----------------------------------------------------------------------------------


class Colour(enum.Enum):
    RED = "red"


def test_plain_table_fields_and_json() -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    out = Output(stdout, stderr)
    out.table(["ID", "N"], [["a", 1], ["long-name", None]])
    out.fields([("status", Colour.RED), ("shots", 10)])
    out.note("progress")
    assert stdout.getvalue().splitlines() == [
        "ID         N",
        "a          1",
        "long-name  -",
        "status: red",
        "shots:  10",
    ]
    assert stderr.getvalue() == "progress\n"
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    document = {"t": when, "s": frozenset({"b", "a"}), "e": Colour.RED, "d": dt.timedelta(1)}
    assert to_jsonable(document) == {
        "t": "2026-01-01T00:00:00+00:00",
        "s": ["a", "b"],
        "e": "red",
        "d": 86400.0,
    }
    assert format_value(["x", "y"]) == "x, y"
    assert format_value(0.5) == "0.5"


def test_rich_table_when_rich_is_available() -> None:
    rich_console = pytest.importorskip("rich.console")
    buffer = io.StringIO()
    out = Output(buffer, io.StringIO(), rich_console.Console(file=buffer, width=60))
    out.table(["ID", "STATUS"], [["SVSim", "available"]])
    out.fields([("status", "ok")])
    text = buffer.getvalue()
    assert "SVSim" in text
    assert "available" in text
    assert "status" in text


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rich_only_on_a_terminal_and_only_when_importable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_rich_console(io.StringIO()) is None
    pytest.importorskip("rich.console")
    assert load_rich_console(FakeTty()) is not None
    monkeypatch.setenv("OQTOPUS_PLAIN", "1")
    assert load_rich_console(FakeTty()) is None
    monkeypatch.delenv("OQTOPUS_PLAIN")
    monkeypatch.setitem(sys.modules, "rich.console", None)  # import now fails
    assert load_rich_console(FakeTty()) is None


# --- config init -----------------------------------------------------------------------------


def test_write_profile_appends_keeps_comments_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.ini"
    write_profile(path, "a", "https://a.example", "ida.sa", replace=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.write_text("# my notes\n" + path.read_text())
    path.chmod(0o644)
    write_profile(path, "b", "https://b.example", "idb.sb", replace=False)
    text = path.read_text()
    assert text.startswith("# my notes\n[a]\n")
    assert "[b]\nurl = https://b.example\napi_token = idb.sb\n" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    write_profile(path, "a", "https://a2.example", "ida.s2", replace=True)
    text = path.read_text()
    assert "url = https://a2.example" in text
    assert "https://a.example" not in text
    assert "[b]" in text


def test_config_init_needs_flags_without_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["config", "init", "--url", "https://a.example"]) == 2
    assert "needs --url and --token" in capsys.readouterr().err


def test_config_init_rejects_a_bad_token_without_echoing_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["config", "init", "--url", "https://a.example", "--token", "oops secretive"])
    assert code == 2
    err = capsys.readouterr().err
    assert "(from --token)" in err
    assert "secretive" not in err
    assert main(["config", "init", "--url", "ftp://x", "--token", "a.b"]) == 2
    assert "http(s) URL" in capsys.readouterr().err


def test_config_init_prompts_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTty())
    monkeypatch.setattr("builtins.input", lambda prompt: "https://prompted.example")
    monkeypatch.setattr("getpass.getpass", lambda prompt: "pid.psecret")
    assert main(["--profile", "p", "config", "init"]) == 0
    path = tmp_path / "xdg" / "oqtopus" / "config.ini"
    assert "[p]\nurl = https://prompted.example\napi_token = pid.psecret\n" in path.read_text()
    assert "psecret" not in capsys.readouterr().out


def test_config_show_warns_about_a_missing_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OQTOPUS_URL", "https://a.example")
    assert main(["config", "show", "--json"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["settings"]["api_token"] == {
        "value": None,
        "source": "environment variable OQTOPUS_API_TOKEN",
    }
    assert document["problems"]
    assert "warning: An API URL is configured" in captured.err


# --- errors and exit statuses ----------------------------------------------------------------


def _session(token: str | None = None) -> tuple[Session, io.StringIO]:
    if token:
        os.environ["OQTOPUS_API_TOKEN"] = token
    err = io.StringIO()
    return Session(argparse.Namespace(profile=None), Output(io.StringIO(), err)), err


def test_api_errors_are_one_redacted_line() -> None:
    session, err = _session("leakid.leak-secret-part")

    def handler(_session: Session, _args: argparse.Namespace) -> int:
        raise UnauthorizedError(401, "token leakid.leak-secret-part\nrejected")

    assert _run(session, handler) == 3
    assert err.getvalue() == "oqtopus: UnauthorizedError: HTTP 401: token *** rejected\n"


def test_interrupt_names_running_jobs() -> None:
    session, err = _session()

    def handler(active: Session, _args: argparse.Namespace) -> int:
        active.running = ["job-1", "job-2"]
        raise KeyboardInterrupt

    assert _run(session, handler) == 130
    assert err.getvalue() == "oqtopus: interrupted; still running: job-1, job-2\n"


def test_unexpected_errors_exit_3_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    session, err = _session()

    def handler(_session: Session, _args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    assert _run(session, handler) == 3
    assert "internal error: RuntimeError: boom (set OQTOPUS_DEBUG=1" in err.getvalue()
    monkeypatch.setenv("OQTOPUS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        _run(session, handler)


def test_usage_paths_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "exit status: 0 ok; 1 a job failed" in capsys.readouterr().out
    assert main(["jobs"]) == 2
    assert main(["jobs", "list", "--since", "soon"]) == 2
    assert "--since 'soon'" in capsys.readouterr().err
    assert main(["jobs", "wait", "x", "--interval", "0"]) == 2
    assert main(["submit", "/nonexistent.qasm", "--device", "d", "--shots", "1"]) == 2
    assert "cannot read /nonexistent.qasm" in capsys.readouterr().err
    assert main(["result", "x", "--counts", "--json"]) == 2
    capsys.readouterr()
    assert main(["jobs", "cancel", "x", "--profile", "lab"]) == 2  # --profile after the command
    assert "No OQTOPUS configuration found (profile 'lab')" in capsys.readouterr().err
