"""The pytest plugin's fixtures, including the SDK clients bound to the emulator."""

from __future__ import annotations

from typing import Any

import httpx

from oqtopus_sdk.local.server import LocalOqtopus


def test_function_server_is_fresh(oqtopus_local: LocalOqtopus) -> None:
    r = httpx.get(
        f"{oqtopus_local.base_url}/jobs", headers={"q-api-token": oqtopus_local.api_token}
    )
    assert r.json() == []
    assert oqtopus_local.env()["OQTOPUS_URL"] == oqtopus_local.base_url


def test_session_server(oqtopus_local_server: LocalOqtopus) -> None:
    assert oqtopus_local_server.base_url.startswith("http://127.0.0.1:")


def test_sdk_config_and_client(oqtopus_local: LocalOqtopus, oqtopus_client: Any) -> None:
    config = oqtopus_local.config()
    assert config.base_url == oqtopus_local.base_url
    assert config.api_token == oqtopus_local.api_token
    assert oqtopus_client is not None


async def test_async_client_fixture(oqtopus_async_client: Any) -> None:
    assert oqtopus_async_client is not None


def test_reset_clears_jobs(oqtopus_local: LocalOqtopus) -> None:
    headers = {"q-api-token": oqtopus_local.api_token}
    httpx.post(f"{oqtopus_local.base_url}/jobs", headers=headers)
    oqtopus_local.faults.fail_next("list_jobs", 1)
    oqtopus_local.reset()
    assert httpx.get(f"{oqtopus_local.base_url}/jobs", headers=headers).json() == []


def test_missing_emulator_dependencies_name_the_extra() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.modules['starlette'] = None  # as if the extra were not installed\n"
        "import oqtopus_sdk.local as local\n"
        "try:\n"
        "    local.LocalOqtopus\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'oqtopus-sdk[local]'" in out.stdout
