from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jobs_job_status import JobsJobStatus

T = TypeVar("T", bound="JobsGetJobStatusResponse")


@_attrs_define
class JobsGetJobStatusResponse:
    """
    Attributes:
        job_id (str): A job identifier (UUIDv7) Example: 069b1464-c124-79b3-8000-fb41f3dfdc50.
        status (JobsJobStatus): `succeeded`, `failed` and `cancelled` are terminal. Live service: `cancelling` is
            never produced by the current user API.
    """

    job_id: str
    status: JobsJobStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        job_id = d.pop("job_id")

        status = JobsJobStatus(d.pop("status"))

        jobs_get_job_status_response = cls(
            job_id=job_id,
            status=status,
        )

        jobs_get_job_status_response.additional_properties = d
        return jobs_get_job_status_response

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
