from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.devices_device_info_device_type import DevicesDeviceInfoDeviceType
from ..models.devices_device_info_status import DevicesDeviceInfoStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="DevicesDeviceInfo")


@_attrs_define
class DevicesDeviceInfo:
    """
    Attributes:
        device_id (str):
        device_type (DevicesDeviceInfoDeviceType):
        status (DevicesDeviceInfoStatus):
        n_pending_jobs (int):
        basis_gates (list[str]):
        supported_instructions (list[str]):
        description (str):
        available_at (datetime.datetime | Unset): Meaningful for unavailable devices
        n_qubits (int | Unset):
        device_info (str | Unset): JSON text with `qubits` (id, fidelity, position, meas_error) and `couplings`
            (control, target, fidelity). Newer servers may give a presigned URL to
            `device_info.zip` (one entry, `device_info.json`) instead.
        calibrated_at (datetime.datetime | Unset):
    """

    device_id: str
    device_type: DevicesDeviceInfoDeviceType
    status: DevicesDeviceInfoStatus
    n_pending_jobs: int
    basis_gates: list[str]
    supported_instructions: list[str]
    description: str
    available_at: datetime.datetime | Unset = UNSET
    n_qubits: int | Unset = UNSET
    device_info: str | Unset = UNSET
    calibrated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        device_type = self.device_type.value

        status = self.status.value

        n_pending_jobs = self.n_pending_jobs

        basis_gates = self.basis_gates

        supported_instructions = self.supported_instructions

        description = self.description

        available_at: str | Unset = UNSET
        if not isinstance(self.available_at, Unset):
            available_at = self.available_at.isoformat()

        n_qubits = self.n_qubits

        device_info = self.device_info

        calibrated_at: str | Unset = UNSET
        if not isinstance(self.calibrated_at, Unset):
            calibrated_at = self.calibrated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "device_id": device_id,
                "device_type": device_type,
                "status": status,
                "n_pending_jobs": n_pending_jobs,
                "basis_gates": basis_gates,
                "supported_instructions": supported_instructions,
                "description": description,
            }
        )
        if available_at is not UNSET:
            field_dict["available_at"] = available_at
        if n_qubits is not UNSET:
            field_dict["n_qubits"] = n_qubits
        if device_info is not UNSET:
            field_dict["device_info"] = device_info
        if calibrated_at is not UNSET:
            field_dict["calibrated_at"] = calibrated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        device_id = d.pop("device_id")

        device_type = DevicesDeviceInfoDeviceType(d.pop("device_type"))

        status = DevicesDeviceInfoStatus(d.pop("status"))

        n_pending_jobs = d.pop("n_pending_jobs")

        basis_gates = cast(list[str], d.pop("basis_gates"))

        supported_instructions = cast(list[str], d.pop("supported_instructions"))

        description = d.pop("description")

        _available_at = d.pop("available_at", UNSET)
        available_at: datetime.datetime | Unset
        if isinstance(_available_at, Unset):
            available_at = UNSET
        else:
            available_at = datetime.datetime.fromisoformat(_available_at)

        n_qubits = d.pop("n_qubits", UNSET)

        device_info = d.pop("device_info", UNSET)

        _calibrated_at = d.pop("calibrated_at", UNSET)
        calibrated_at: datetime.datetime | Unset
        if isinstance(_calibrated_at, Unset):
            calibrated_at = UNSET
        else:
            calibrated_at = datetime.datetime.fromisoformat(_calibrated_at)

        devices_device_info = cls(
            device_id=device_id,
            device_type=device_type,
            status=status,
            n_pending_jobs=n_pending_jobs,
            basis_gates=basis_gates,
            supported_instructions=supported_instructions,
            description=description,
            available_at=available_at,
            n_qubits=n_qubits,
            device_info=device_info,
            calibrated_at=calibrated_at,
        )

        devices_device_info.additional_properties = d
        return devices_device_info

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
