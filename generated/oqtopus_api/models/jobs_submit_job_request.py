from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jobs_job_type import JobsJobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jobs_submit_job_request_mitigation_info import JobsSubmitJobRequestMitigationInfo
    from ..models.jobs_submit_job_request_simulator_info import JobsSubmitJobRequestSimulatorInfo
    from ..models.jobs_submit_job_request_transpiler_info import JobsSubmitJobRequestTranspilerInfo


T = TypeVar("T", bound="JobsSubmitJobRequest")


@_attrs_define
class JobsSubmitJobRequest:
    """
    Attributes:
        device_id (str):
        job_type (JobsJobType):
        shots (int):
        name (str | Unset):
        description (str | Unset):
        transpiler_info (JobsSubmitJobRequestTranspilerInfo | Unset):
        simulator_info (JobsSubmitJobRequestSimulatorInfo | Unset):
        mitigation_info (JobsSubmitJobRequestMitigationInfo | Unset):
    """

    device_id: str
    job_type: JobsJobType
    shots: int
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    transpiler_info: JobsSubmitJobRequestTranspilerInfo | Unset = UNSET
    simulator_info: JobsSubmitJobRequestSimulatorInfo | Unset = UNSET
    mitigation_info: JobsSubmitJobRequestMitigationInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        job_type = self.job_type.value

        shots = self.shots

        name = self.name

        description = self.description

        transpiler_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.transpiler_info, Unset):
            transpiler_info = self.transpiler_info.to_dict()

        simulator_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.simulator_info, Unset):
            simulator_info = self.simulator_info.to_dict()

        mitigation_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mitigation_info, Unset):
            mitigation_info = self.mitigation_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "device_id": device_id,
                "job_type": job_type,
                "shots": shots,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if transpiler_info is not UNSET:
            field_dict["transpiler_info"] = transpiler_info
        if simulator_info is not UNSET:
            field_dict["simulator_info"] = simulator_info
        if mitigation_info is not UNSET:
            field_dict["mitigation_info"] = mitigation_info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_submit_job_request_mitigation_info import JobsSubmitJobRequestMitigationInfo  # noqa: PLC0415
        from ..models.jobs_submit_job_request_simulator_info import JobsSubmitJobRequestSimulatorInfo  # noqa: PLC0415
        from ..models.jobs_submit_job_request_transpiler_info import JobsSubmitJobRequestTranspilerInfo  # noqa: PLC0415

        d = dict(src_dict)
        device_id = d.pop("device_id")

        job_type = JobsJobType(d.pop("job_type"))

        shots = d.pop("shots")

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _transpiler_info = d.pop("transpiler_info", UNSET)
        transpiler_info: JobsSubmitJobRequestTranspilerInfo | Unset
        if isinstance(_transpiler_info, Unset):
            transpiler_info = UNSET
        else:
            transpiler_info = JobsSubmitJobRequestTranspilerInfo.from_dict(_transpiler_info)

        _simulator_info = d.pop("simulator_info", UNSET)
        simulator_info: JobsSubmitJobRequestSimulatorInfo | Unset
        if isinstance(_simulator_info, Unset):
            simulator_info = UNSET
        else:
            simulator_info = JobsSubmitJobRequestSimulatorInfo.from_dict(_simulator_info)

        _mitigation_info = d.pop("mitigation_info", UNSET)
        mitigation_info: JobsSubmitJobRequestMitigationInfo | Unset
        if isinstance(_mitigation_info, Unset):
            mitigation_info = UNSET
        else:
            mitigation_info = JobsSubmitJobRequestMitigationInfo.from_dict(_mitigation_info)

        jobs_submit_job_request = cls(
            device_id=device_id,
            job_type=job_type,
            shots=shots,
            name=name,
            description=description,
            transpiler_info=transpiler_info,
            simulator_info=simulator_info,
            mitigation_info=mitigation_info,
        )

        jobs_submit_job_request.additional_properties = d
        return jobs_submit_job_request

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
