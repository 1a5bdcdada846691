"""The ``oqtopus`` command, run as a subprocess against one local emulator per module.

Every API command, ``--json`` output, each exit status (0, 1, 2, 3, 130), secret masking
and usage errors. HOME and XDG_CONFIG_HOME point at a temporary directory, so the user's real
configuration is never read.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.spec import OqtopusJobSpec

BELL = (
    'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; '
    "h q[0]; cx q[0], q[1]; c = measure q;\n"
)
FAST = ["--interval", "0.02"]
_CLEARED = (
    "OQTOPUS_URL",
    "OQTOPUS_BASE_URL",
    "OQTOPUS_API_TOKEN",
    "OQTOPUS_PROXY",
    "OQTOPUS_PROFILE",
    "OQTOPUS_ENV",
    "OQTOPUS_DEBUG",
    "NO_COLOR",
)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOqtopus]:
    with LocalOqtopus(sse_timeout=30.0) as running:
        yield running


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("home")
    (path / "bell.qasm").write_text(BELL, encoding="utf-8")
    # Valid OpenQASM 3 that passes pre-flight (the CLI has not read the device) but is too
    # wide for SVSim's 20 qubits, so the service fails the job.
    (path / "bad.qasm").write_text(
        'OPENQASM 3; include "stdgates.inc"; qubit[25] q; bit[25] c; c = measure q;',
        encoding="utf-8",
    )
    return path


def base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "xdg"), OQTOPUS_PLAIN="1")
    return env


@pytest.fixture(scope="module")
def api_env(server: LocalOqtopus, home: Path) -> dict[str, str]:
    env = base_env(home)
    env.update(OQTOPUS_URL=server.base_url, OQTOPUS_API_TOKEN=server.api_token)
    return env


def oqtopus(
    env: dict[str, str], *args: str, code: int = 0, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "oqtopus_sdk", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == code, (args, done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done


def oqtopus_all(
    calls: list[tuple[dict[str, str], list[str], int]],
) -> list[subprocess.CompletedProcess[str]]:
    """Run independent invocations at the same time (each costs ~0.3 s of start-up)."""
    started = [
        (subprocess.Popen(
            [sys.executable, "-m", "oqtopus_sdk", *args], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        ), args, code)
        for env, args, code in calls
    ]  # fmt: skip
    results = []
    for process, args, code in started:
        stdout, stderr = process.communicate(timeout=60)
        assert process.returncode == code, (args, process.returncode, stdout, stderr)
        assert "Traceback" not in stderr
        results.append(subprocess.CompletedProcess(args, code, stdout, stderr))
    return results


@pytest.fixture(scope="module")
def bell_job(api_env: dict[str, str], home: Path) -> dict[str, object]:
    """A finished Bell sampling job, submitted and waited for by ``submit --wait --json``."""
    done = oqtopus(
        api_env, "submit", str(home / "bell.qasm"), "--device", "SVSim", "--shots", "200",
        "--name", "bell-cli", "--wait", "--json", *FAST,
    )  # fmt: skip
    document: dict[str, object] = json.loads(done.stdout)
    assert "submitted" in done.stderr
    return document


# --- API commands ----------------------------------------------------------------------------


def test_submit_wait_json_prints_the_result(bell_job: dict[str, object]) -> None:
    assert bell_job["status"] == "succeeded"
    assert bell_job["name"] == "bell-cli"
    counts = bell_job["counts"]
    assert isinstance(counts, dict)
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == 200
    assert {"job_id", "job_type", "device_id", "shots", "ended_at", "exp_value"} <= set(bell_job)


def test_devices_table_and_one_device_json(api_env: dict[str, str]) -> None:
    table = oqtopus(api_env, "devices").stdout.splitlines()
    assert table[0].split() == ["ID", "TYPE", "STATUS", "QUBITS", "PENDING", "JOBS"]
    assert any(line.split()[:3] == ["SVSim", "simulator", "available"] for line in table)
    one = json.loads(oqtopus(api_env, "devices", "emu-qpu-5", "--json").stdout)
    assert one["device_id"] == "emu-qpu-5"
    assert one["n_qubits"] == 5
    assert one["basis_gates"] == ["sx", "x", "rz", "cx"]


def test_submit_without_wait_then_result_counts(
    server: LocalOqtopus, api_env: dict[str, str], home: Path
) -> None:
    done = oqtopus(api_env, "submit", str(home / "bell.qasm"), "--device", "SVSim", "--shots", "50")
    job_id = done.stdout.strip()
    assert len(job_id) == 36
    with server.client() as client:
        client.wait_for_job(job_id, interval=0.02, timeout=30)
    counts = json.loads(oqtopus(api_env, "result", job_id, "--counts").stdout)
    assert sum(counts.values()) == 50


def test_estimation_with_operator(api_env: dict[str, str], home: Path) -> None:
    done = oqtopus(
        api_env, "submit", str(home / "bell.qasm"), "--device", "SVSim", "--shots", "100",
        "--type", "estimation", "--operator", "1.5 XX, 1 Z 0 Z 1", "--wait", "--json", *FAST,
    )  # fmt: skip
    document = json.loads(done.stdout)
    assert document["job_type"] == "estimation"
    assert document["exp_value"] == pytest.approx(2.5)


def test_failed_job_exit_1_and_wait_lists_both(
    api_env: dict[str, str], home: Path, bell_job: dict[str, object]
) -> None:
    failed = oqtopus(
        api_env, "submit", str(home / "bad.qasm"), "--device", "SVSim", "--shots", "10",
        "--wait", *FAST, code=1,
    )  # fmt: skip
    assert "status:" in failed.stdout
    assert "failed" in failed.stderr
    failed_id = failed.stdout.split()[1]
    good_id = str(bell_job["job_id"])
    waited = oqtopus(api_env, "jobs", "wait", good_id, failed_id, "--json", *FAST, code=1)
    rows = json.loads(waited.stdout)
    assert [(r["job_id"], r["status"]) for r in rows] == [
        (good_id, "succeeded"),
        (failed_id, "failed"),
    ]
    assert rows[1]["message"]


def test_jobs_list_filters_and_show(api_env: dict[str, str], bell_job: dict[str, object]) -> None:
    listed = oqtopus(
        api_env, "jobs", "list", "--status", "succeeded", "--since", "1h", "--limit", "50",
        "--json",
    )  # fmt: skip
    rows = json.loads(listed.stdout)
    assert rows
    assert all(row["status"] == "succeeded" for row in rows)
    assert bell_job["job_id"] in [row["job_id"] for row in rows]
    assert set(rows[0]) >= {"job_id", "name", "job_type", "status", "device_id", "submitted_at"}
    shown = oqtopus(api_env, "jobs", "show", str(bell_job["job_id"]))
    assert "name:" in shown.stdout
    assert "bell-cli" in shown.stdout


def test_logs_follow_shows_status_changes(
    server: LocalOqtopus, api_env: dict[str, str], home: Path
) -> None:
    go = home / "sse-go"
    program = (
        "import os, time\n"
        f"while not os.path.exists({str(go)!r}):\n"
        "    time.sleep(0.02)\n"
        'print("hello from sse")\n'
    )
    with server.client() as client:
        spec = OqtopusJobSpec.sse(device_id="SVSim", program=program)
        job_id = str(client.submit_job(spec).job_id)
    following = subprocess.Popen(
        [sys.executable, "-m", "oqtopus_sdk", "logs", job_id, "--follow", *FAST],
        env=api_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert following.stderr is not None
    first = following.stderr.readline()  # the job is not finished: the program waits for `go`
    go.touch()
    stdout, stderr = following.communicate(timeout=30)
    assert following.returncode == 0, stderr
    assert first.startswith(f"{job_id}: ")
    assert first.split()[1] in {"submitted", "ready", "running"}
    assert f"{job_id}: succeeded" in stderr
    assert "hello from sse" in stdout


def test_queued_job_timeout_interrupt_cancel_delete(
    server: LocalOqtopus, api_env: dict[str, str], home: Path
) -> None:
    server.faults.configure(queue_latency=60.0)
    try:
        job_id = oqtopus(
            api_env, "submit", str(home / "bell.qasm"), "--device", "SVSim", "--shots", "10"
        ).stdout.strip()
        timed_out = oqtopus(api_env, "jobs", "wait", job_id, "--timeout", "0.3", *FAST, code=3)
        assert f"still running: {job_id}" in timed_out.stderr
        waiting = subprocess.Popen(
            [sys.executable, "-m", "oqtopus_sdk", "jobs", "wait", job_id, *FAST],
            env=api_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert waiting.stderr is not None
        assert waiting.stderr.readline().strip() == f"{job_id}: submitted"
        waiting.send_signal(signal.SIGINT)
        _, stderr = waiting.communicate(timeout=10)
        assert waiting.returncode == 130
        assert f"interrupted; still running: {job_id}" in stderr
        cancelled = oqtopus(api_env, "jobs", "cancel", job_id)
        assert f"cancel requested for {job_id}" in cancelled.stdout
    finally:
        server.faults.configure(queue_latency=0.0)
    result = oqtopus(api_env, "result", job_id, "--json", code=1)
    assert json.loads(result.stdout)["status"] == "cancelled"
    oqtopus(api_env, "jobs", "delete", job_id)
    missing = oqtopus(api_env, "jobs", "show", job_id, code=3)
    assert missing.stderr.startswith("oqtopus: NotFoundError: HTTP 404")
    assert len(missing.stderr.strip().splitlines()) == 1


def test_error_exit_statuses(
    api_env: dict[str, str], home: Path, bell_job: dict[str, object]
) -> None:
    network = base_env(home)
    network.update(
        OQTOPUS_URL="http://127.0.0.1:9",
        OQTOPUS_API_TOKEN="netid.net-very-secret",
        OQTOPUS_RETRY_MAX_ATTEMPTS="1",
    )
    no_token = base_env(home)
    no_token["OQTOPUS_URL"] = "http://127.0.0.1:9"
    bad_token = {**no_token, "OQTOPUS_API_TOKEN": "malformed-token-value"}
    bell = str(home / "bell.qasm")
    no_rich = home / "no-rich"
    (no_rich / "rich").mkdir(parents=True, exist_ok=True)
    (no_rich / "rich" / "__init__.py").write_text('raise ImportError("rich is not installed")\n')
    without_rich = base_env(home)
    without_rich["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(no_rich), without_rich.get("PYTHONPATH")])
    )
    results = oqtopus_all(
        [
            (network, ["devices"], 3),
            (base_env(home), ["devices"], 2),
            (no_token, ["jobs", "list"], 2),
            (bad_token, ["jobs", "list"], 2),
            (base_env(home), ["jobs", "list", "--status", "exploded"], 2),
            (base_env(home), [], 2),
            (api_env, ["logs", str(bell_job["job_id"])], 2),
            (api_env, ["submit", bell, "--device", "SVSim", "--shots", "10", "--type",
                       "estimation", "--operator", "1.5 XQ"], 2),
            (without_rich, ["version", "--json"], 0),
        ]
    )  # fmt: skip
    network_error, first_run, url_only, malformed, choice, bare, logs, operator, version = results
    # 3: one line, no traceback, no token.
    assert len(network_error.stderr.strip().splitlines()) == 1
    assert "net-very-secret" not in network_error.stderr + network_error.stdout
    # 2: no configuration at all gives the first-run message.
    assert "No OQTOPUS configuration found (profile 'default')" in first_run.stderr
    assert "OQTOPUS_URL and OQTOPUS_API_TOKEN" in first_run.stderr
    assert str(home / ".oqtopus") in first_run.stderr
    assert "api_token = <id>.<secret>" in first_run.stderr
    # 2: a URL without a token says where the URL came from and how to add the token.
    assert "environment variable OQTOPUS_URL" in url_only.stderr
    assert "OQTOPUS_API_TOKEN=<id>.<secret>" in url_only.stderr
    # 2: a malformed token names its variable, never its value.
    assert "environment variable OQTOPUS_API_TOKEN" in malformed.stderr
    assert "malformed-token-value" not in malformed.stderr
    # 2: usage errors.
    assert "invalid choice" in choice.stderr
    assert bare.stdout.startswith("usage: oqtopus")
    assert "only SSE jobs have logs" in logs.stderr
    assert "--operator term 1" in operator.stderr
    assert "TERM   = [COEFF] PAULI" in operator.stderr
    assert json.loads(version.stdout)["rich"] is False  # the command works without rich


def test_config_init_show_and_profiles(home: Path) -> None:
    env = base_env(home)
    token = "cfgid.cfg-top-secret"
    args = ["config", "init", "--url", "https://api.example.com", "--token", token]
    wrote = oqtopus(env, *args, "--profile", "work")
    path = home / "xdg" / "oqtopus" / "config.ini"
    assert f"Wrote profile [work] in {path}" in wrote.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert token not in wrote.stdout + wrote.stderr
    refused = oqtopus(env, *args, "--profile", "work", code=2)
    assert "already exists" in refused.stderr
    oqtopus(env, "config", "init", "--url", "https://new.example.com", "--token", "-",
            "--profile", "work", "--force", stdin=f"{token}\n")  # fmt: skip
    assert "url = https://new.example.com" in path.read_text()
    shown = oqtopus(env, "--profile", "work", "config", "show", "--json")
    settings = json.loads(shown.stdout)["settings"]
    assert settings["base_url"] == {
        "value": "https://new.example.com",
        "source": f"key url of [work] in {path}",
    }
    assert settings["api_token"]["value"] == "***"
    assert settings["timeout"]["source"] == "default"
    env["OQTOPUS_PROXY"] = "http://alice:proxy-pass-word@proxy.local:3128"
    env["OQTOPUS_URL"] = "https://env.example.com"
    env["OQTOPUS_API_TOKEN"] = token
    text = oqtopus(env, "--profile", "work", "config", "show")
    assert "http://***@proxy.local:3128" in text.stdout
    assert "environment variable OQTOPUS_URL" in text.stdout
    assert "--profile work is not used because OQTOPUS_URL is set" in text.stderr
    for secret in (token, "cfg-top-secret", "proxy-pass-word", "alice"):
        assert secret not in text.stdout + text.stderr
