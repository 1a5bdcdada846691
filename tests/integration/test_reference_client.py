"""The reference SDK (oqtopus-client 1.3.0), which we did not write, works against the emulator.

This proves the emulator speaks the live wire contract, not just our own client's dialect.
"""

from __future__ import annotations

import math
import textwrap

import pytest

from oqtopus_sdk.local import LocalOqtopus
from tests.integration.conftest import BELL, DEVICE, GHZ3

oqtopus_client = pytest.importorskip("oqtopus_client")
pytestmark = pytest.mark.compat

WAIT = {"interval": 0.05, "timeout": 60.0}


@pytest.fixture
def reference(server: LocalOqtopus) -> object:
    return oqtopus_client.OqtopusClient(
        oqtopus_client.OqtopusConfig(url=server.base_url, api_token=server.api_token)
    )


def test_reference_sampling(reference: object) -> None:
    spec = oqtopus_client.OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=1000)
    result = reference.run_sampling(spec, **WAIT)  # type: ignore[attr-defined]
    counts = result.get_counts()
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == 1000


def test_reference_estimation(reference: object) -> None:
    operator = [oqtopus_client.OqtopusEstimationOperator(pauli="Z 0 Z 1", coeff=2.0)]
    spec = oqtopus_client.OqtopusJobSpec.estimation(
        device_id=DEVICE, program=BELL, shots=2000, operator=operator
    )
    result = reference.run_estimation(spec, **WAIT)  # type: ignore[attr-defined]
    assert math.isclose(result.get_exp_value(), 2.0, abs_tol=0.1)


def test_reference_multi_manual(reference: object) -> None:
    spec = oqtopus_client.OqtopusJobSpec.multi_manual(
        device_id=DEVICE, program=[BELL, GHZ3], shots=500
    )
    result = reference.run_multi_manual(spec, **WAIT)  # type: ignore[attr-defined]
    divided = result.get_divided_counts()
    assert set(divided) == {"0", "1"}
    assert set(divided["1"]) <= {0, 7}
    assert sum(divided["1"].values()) == 500


def test_reference_sse_with_reference_inside(reference: object) -> None:
    program = textwrap.dedent(
        f"""
        from oqtopus_client import OqtopusClient, OqtopusConfig, OqtopusJobSpec

        client = OqtopusClient()
        spec = OqtopusJobSpec.sampling(device_id={DEVICE!r}, program={BELL!r}, shots=300)
        result = client.run_sampling(spec, interval=0.05)
        print("reference inner", sum(result.get_counts().values()))
        """
    )
    spec = oqtopus_client.OqtopusJobSpec.sse(device_id=DEVICE, program=program, shots=1)
    result = reference.run_sse(spec, **WAIT)  # type: ignore[attr-defined]
    assert (
        str(result.status.value if hasattr(result.status, "value") else result.status)
        == "succeeded"
    )
    assert "reference inner 300" in result.read_log_text()
    inner = result.get_job_result()
    assert sum(inner.get_counts().values()) == 300
