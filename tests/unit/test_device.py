"""OqtopusDevice: accessors, device_info parsing and a readable summary."""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import pytest

from oqtopus_api.models import DevicesDeviceInfo
from oqtopus_sdk.device import DeviceList, OqtopusDevice, as_device_list, is_url, parse_device_info
from oqtopus_sdk.errors import ResponseValidationError

INFO = {"qubits": [{"id": 0, "fidelity": 0.99}], "couplings": []}


def device(**overrides: Any) -> OqtopusDevice:
    record: dict[str, Any] = {
        "device_id": "qulacs",
        "device_type": "simulator",
        "status": "available",
        "n_pending_jobs": 3,
        "n_qubits": 64,
        "basis_gates": ["x", "sx", "rz", "cx"],
        "supported_instructions": ["measure", "barrier"],
        "device_info": json.dumps(INFO),
        "calibrated_at": "2026-01-02T03:04:05Z",
        "description": "State vector simulator",
    }
    record.update(overrides)
    record = {key: value for key, value in record.items() if value is not None}
    return OqtopusDevice(DevicesDeviceInfo.from_dict(record))


def test_properties() -> None:
    dev = device()
    assert dev.device_id == "qulacs"
    assert dev.device_type == "simulator"
    assert dev.status == "available"
    assert dev.is_available
    assert dev.n_pending_jobs == 3
    assert dev.n_qubits == 64
    assert dev.basis_gates == ["x", "sx", "rz", "cx"]
    assert dev.supported_instructions == ["measure", "barrier"]
    assert dev.calibrated_at == datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert dev.available_at is None
    assert dev.description == "State vector simulator"


def test_lists_are_copies() -> None:
    dev = device()
    dev.basis_gates.append("h")
    dev.supported_instructions.clear()
    assert dev.basis_gates == ["x", "sx", "rz", "cx"]
    assert dev.supported_instructions == ["measure", "barrier"]


def test_absent_optionals_are_none_not_unset() -> None:
    dev = device(n_qubits=None, device_info=None, calibrated_at=None, status="unavailable")
    assert dev.n_qubits is None
    assert dev.device_info is None
    assert dev.device_info_str is None
    assert dev.calibrated_at is None
    assert not dev.is_available


def test_device_info_parsed_and_raw_text() -> None:
    dev = device()
    assert dev.device_info == INFO
    assert dev.device_info_str == json.dumps(INFO)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("", None), ("   ", None), ("[1, 2]", {"value": [1, 2]}), ("3", {"value": 3})],
)
def test_device_info_shapes(text: str, parsed: object) -> None:
    assert device(device_info=text).device_info == parsed


def test_device_info_malformed_names_device() -> None:
    dev = device(device_info="{not json")
    with pytest.raises(ResponseValidationError, match="device_info of device 'qulacs'") as info:
        _ = dev.device_info
    assert info.value.payload == "{not json"
    assert dev.device_info_str == "{not json"
    assert "qulacs" in str(dev)  # the summary never touches the malformed text


def test_parse_device_info_direct() -> None:
    assert parse_device_info(None) is None
    assert parse_device_info('{"a": 1}') == {"a": 1}


def test_getattr_passthrough_and_missing() -> None:
    dev = device()
    assert dev.additional_properties == {}
    assert dev.to_dict()["device_id"] == "qulacs"
    with pytest.raises(AttributeError):
        _ = dev.no_such_attribute


def test_copy_does_not_recurse() -> None:
    dev = device()
    assert copy.copy(dev).device_id == "qulacs"
    assert copy.deepcopy(dev).device_id == "qulacs"


def test_frozen() -> None:
    dev = device()
    with pytest.raises(AttributeError):
        dev.raw = dev.raw  # type: ignore[misc]


def test_str_summary() -> None:
    text = str(device(available_at="2026-02-01T00:00:00Z", status="unavailable"))
    assert text.splitlines()[0] == "simulator qulacs: unavailable, 64 qubits, 3 pending jobs"
    assert "available at: 2026-02-01T00:00:00+00:00" in text
    assert "basis gates: x, sx, rz, cx" in text
    assert "State vector simulator" in text
    assert "qubits unknown" in str(device(n_qubits=None))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://s3.example/devices/x/device_info.zip?sig=1", True),
        ("http://127.0.0.1:9000/x.zip", True),
        ("file:///tmp/device_info.zip", True),
        ('{"qubits": []}', False),
        ("", False),
        (None, False),
        (42, False),
    ],
)
def test_is_url(value: object, expected: bool) -> None:
    assert is_url(value) is expected


# --- repr, HTML, pickle ----------------------------------------------------------------------


def realistic_device(device_id: str, n_qubits: int) -> OqtopusDevice:
    """A device record as the service returns it: device_info of a few KB."""
    info = {
        "device_id": device_id,
        "qubits": [
            {
                "id": index,
                "physical_id": index + 100,
                "position": {"x": index % 8, "y": index // 8},
                "fidelity": 0.9991,
                "meas_error": {"prob_meas1_prep0": 0.012, "prob_meas0_prep1": 0.021},
                "qubit_lifetime": {"t1": 81.2, "t2": 64.9},
                "gate_duration": {"x": 35.5, "sx": 35.5, "rz": 0},
            }
            for index in range(n_qubits)
        ],
        "couplings": [
            {"control": index, "target": index + 1, "fidelity": 0.987, "gate_duration": {"cx": 400}}
            for index in range(n_qubits - 1)
        ],
        "timestamp": "2026-01-02T03:04:05Z",
    }
    return device(
        device_id=device_id,
        device_type="QPU",
        n_qubits=n_qubits,
        device_info=json.dumps(info),
        description="Superconducting QPU " * 20,
        basis_gates=["sx", "x", "rz", "cx", "ecr", "measure", "reset", "delay"],
        supported_instructions=["measure", "barrier", "reset", "delay"],
    )


def test_repr_is_short_without_unset() -> None:
    devices = [realistic_device(f"qpu-{i}", 16 + 8 * i) for i in range(3)]
    assert all(len(dev.device_info_str or "") > 2000 for dev in devices)  # a few KB each
    text = repr(devices)
    assert len(text) < 1000
    assert "Unset" not in text
    assert "device_info" not in text
    assert repr(devices[0]) == (
        "OqtopusDevice('qpu-0', device_type='QPU', status='available', n_qubits=16, "
        "n_pending_jobs=3, calibrated_at='2026-01-02T03:04:05+00:00')"
    )
    bare = device(n_qubits=None, calibrated_at=None, available_at="2026-02-01T00:00:00Z")
    assert repr(bare) == (
        "OqtopusDevice('qulacs', device_type='simulator', status='available', n_qubits=None, "
        "n_pending_jobs=3, available_at='2026-02-01T00:00:00+00:00')"
    )


def test_repr_html_single_and_list() -> None:
    hostile = "<script>alert(1)</script>"
    dev = device(device_id=hostile, description=hostile)
    page = dev._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    for label in ("device id", "type", "status", "qubits", "pending jobs", "calibrated at"):
        assert f">{label}</th>" in page
    devices = as_device_list([realistic_device("qpu-0", 16), dev])
    assert isinstance(devices, DeviceList)
    table = devices._repr_html_()
    assert "<script>" not in table
    assert "2 devices" in table
    assert table.count("<tr>") == 3
    assert "2026-01-02T03:04:05+00:00" in table
    assert "fidelity" not in table  # device_info stays out


def test_pickle_round_trip_equal() -> None:
    import pickle

    from oqtopus_api.types import UNSET

    dev = realistic_device("qpu-0", 16)
    for clone in (pickle.loads(pickle.dumps(dev)), copy.deepcopy(dev)):
        assert clone == dev
        assert clone.device_info == dev.device_info
        assert clone.raw.available_at is UNSET  # the generated marker stays the singleton
    devices = pickle.loads(pickle.dumps(as_device_list([dev])))
    assert type(devices) is DeviceList
    assert devices == [dev]
