"""quri-parts-oqtopus, a library built on oqtopus_client, runs unmodified on oqtopus_sdk.

The real oqtopus-client is installed (quri-parts-oqtopus depends on it); the alias must win
over it. The programs run in subprocesses (side by side), so the alias never leaks into this
process.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from tests.compat.conftest import HERE, finish, python

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("quri_parts_oqtopus") is None,
    reason="quri-parts-oqtopus is not installed",
)


def _report(code: int, out: str, err: str) -> dict[str, Any]:
    lines = [line[3:] for line in out.splitlines() if line.startswith("@@ ")]
    assert code == 0, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    assert lines, f"no report\nstdout:\n{out}\nstderr:\n{err}"
    report: dict[str, Any] = json.loads(lines[-1])
    return report


@pytest.fixture(scope="module")
def reports(
    user_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    """Run the backends program and the SSE program side by side."""
    workdir = tmp_path_factory.mktemp("quri_sse")
    procs = {
        "backends": python(
            ["-m", "oqtopus_sdk.compat", str(HERE / "quri_parts_program.py")], user_env
        ),
        "sse": python(
            ["-m", "oqtopus_sdk.compat", str(HERE / "quri_parts_sse_program.py"), str(workdir)],
            user_env,
        ),
    }
    return {name: _report(*finish(proc)) for name, proc in procs.items()}


@pytest.fixture(scope="module")
def seen(reports: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return reports["backends"]


def test_sampling_backend_counts_a_bell_state(seen: dict[str, Any]) -> None:
    assert set(seen["counts"]) <= {"0", "3"}
    assert sum(seen["counts"].values()) == 1000
    assert seen["divided_keys"] == ["0", "1"]


def test_estimation_backend_measures_zz_on_a_bell_state(seen: dict[str, Any]) -> None:
    assert seen["exp_value"] == pytest.approx(1.0, abs=0.05)


def test_the_traffic_went_through_oqtopus_sdk(seen: dict[str, Any]) -> None:
    assert seen["client_is_sdk"]
    assert seen["oqtopus_client_module"] == "oqtopus_sdk"
    assert Path(seen["oqtopus_client_file"]).parent.name == "oqtopus_sdk"
    assert not seen["aiohttp_loaded"]
    api = [r for r in seen["requests"] if not r["path"].startswith("/storage")]
    assert {"/jobs", "/devices/qulacs"} <= {r["path"] for r in api}
    assert all(r["ua"].startswith("oqtopus-sdk/") for r in seen["requests"]), {
        r["ua"] for r in seen["requests"]
    }


def test_sse_backend_runs_reads_the_inner_result_and_the_log(
    reports: dict[str, dict[str, Any]],
) -> None:
    sse = reports["sse"]
    assert set(sse["counts"]) <= {"0", "3"}
    assert sum(sse["counts"].values()) == 200
    assert sse["log_has_inner_counts"]
    assert sse["log_name"].startswith("sselog_")
    assert sse["client_is_sdk"]
    assert not sse["aiohttp_loaded"]
