"""Fixtures of the drop-in tests: one emulator per module, and the environment of a user's
machine set up as the reference's getting-started guide does it (a config file in HOME plus
``OQTOPUS_URL`` / ``OQTOPUS_API_TOKEN``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from oqtopus_sdk.local import LocalOqtopus

# The emulator's state-vector device. The programs written like the public cloud's examples
# use its alias "qulacs" (p01, the quri-parts program); everything else names SVSim.
DEVICE = "SVSim"
BELL = (
    'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; '
    "h q[0]; cx q[0], q[1]; c = measure q;"
)
HERE = Path(__file__).parent
SUBPROCESS_TIMEOUT = 90.0


@pytest.fixture(scope="module")
def server() -> Iterator[LocalOqtopus]:
    with LocalOqtopus(max_workers=8) as running:
        yield running


@pytest.fixture(scope="module")
def user_env(server: LocalOqtopus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of a subprocess that plays the user's program.

    HOME is a fresh directory holding ``~/.config/oqtopus/config.ini`` (oqtopus-client) and
    ``~/.oqtopus`` (quri-parts-oqtopus), both pointing at the emulator; the environment
    variables point there too.
    """
    home = tmp_path_factory.mktemp("home")
    profile = f"[default]\nurl = {server.base_url}\napi_token = {server.api_token}\n"
    (home / ".config" / "oqtopus").mkdir(parents=True)
    (home / ".config" / "oqtopus" / "config.ini").write_text(profile, encoding="utf-8")
    (home / ".oqtopus").write_text(profile, encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("OQTOPUS_") and key != "XDG_CONFIG_HOME"
    }
    env.update(server.env())
    env["HOME"] = str(home)
    env["EXAMPLE_POLL_INTERVAL"] = "0.05"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def python(
    args: Sequence[str], env: dict[str, str] | None, cwd: Path | None = None
) -> subprocess.Popen[str]:
    """Start ``sys.executable ARGS`` with stdout and stderr captured."""
    return subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait for a process started by :func:`python`; its exit code, stdout and stderr."""
    try:
        out, err = proc.communicate(timeout=SUBPROCESS_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"subprocess timed out\nstdout:\n{out}\nstderr:\n{err}")
    return proc.returncode, out, err
