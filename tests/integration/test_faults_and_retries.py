"""The SDK's retries against the emulator's injected faults, over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oqtopus_sdk import OqtopusClient, OqtopusConfig, OqtopusJobFailedWarning, OqtopusJobSpec
from oqtopus_sdk.errors import OqtopusConnectionError, ServerError
from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.local.faults import FaultConfig
from tests.integration.conftest import BELL, DEVICE, FAST


@pytest.fixture
def faulty() -> Iterator[LocalOqtopus]:
    with LocalOqtopus(faults=FaultConfig(retry_after=0.05)) as running:
        yield running


def client_for(server: LocalOqtopus, attempts: int = 4) -> OqtopusClient:
    return OqtopusClient(
        OqtopusConfig(
            base_url=server.base_url,
            api_token=server.api_token,
            retry_max_attempts=attempts,
            retry_backoff_seconds=0.01,
        )
    )


def spec() -> OqtopusJobSpec:
    return OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=100)


@pytest.mark.parametrize("kind", ["429", "503", "drop"])
def test_status_polls_survive_transient_faults(faulty: LocalOqtopus, kind: str) -> None:
    faulty.faults.fail_next("get_job_status", 2, kind)  # type: ignore[arg-type]
    with client_for(faulty) as client:
        result = client.run_sampling(spec(), **FAST)
    assert result.status == "succeeded"
    assert faulty.faults.injected["get_job_status"] == 2


def test_storage_upload_and_download_are_retried(faulty: LocalOqtopus) -> None:
    faulty.faults.fail_next("storage_upload", 1, "503")
    faulty.faults.fail_next("storage_download", 1, "503")
    with client_for(faulty) as client:
        result = client.run_sampling(spec(), **FAST)
    assert sum(result.get_counts().values()) == 100
    assert faulty.faults.injected == {"storage_upload": 1, "storage_download": 1}


def test_rate_limited_get_job_honours_retry_after(faulty: LocalOqtopus) -> None:
    with client_for(faulty) as client:
        job_id = client.run_sampling(spec(), **FAST).job_id
        other = OqtopusClient(OqtopusConfig(base_url=faulty.base_url, api_token=faulty.api_token))
        faulty.faults.fail_next("get_job", 2, "429")
        with other:
            assert other.get_job(job_id).status == "succeeded"


def test_persistent_outage_ends_with_the_last_error(faulty: LocalOqtopus) -> None:
    faulty.faults.fail_next("list_devices", 10, "503")
    with client_for(faulty, attempts=3) as client, pytest.raises(ServerError) as caught:
        client.list_devices()
    assert caught.value.status_code == 503
    assert faulty.faults.injected["list_devices"] == 3


def test_dropped_connections_become_connection_errors(faulty: LocalOqtopus) -> None:
    faulty.faults.fail_next("list_devices", 10, "drop")
    with client_for(faulty, attempts=2) as client, pytest.raises(OqtopusConnectionError) as caught:
        client.list_devices()
    assert caught.value.__cause__ is not None


def test_forced_job_failure_is_reported(faulty: LocalOqtopus) -> None:
    faulty.faults.configure(fail_job_pattern="doomed", fail_message="forced failure for the test")
    doomed = OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=10, name="doomed-1")
    with client_for(faulty) as client, pytest.warns(OqtopusJobFailedWarning, match="forced"):
        result = client.run_sampling(doomed, **FAST)
    assert result.status == "failed"
    assert result.message == "forced failure for the test"
