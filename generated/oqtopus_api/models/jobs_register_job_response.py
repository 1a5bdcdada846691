from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.jobs_job_info_upload_presigned_url import JobsJobInfoUploadPresignedURL


T = TypeVar("T", bound="JobsRegisterJobResponse")


@_attrs_define
class JobsRegisterJobResponse:
    """
    Attributes:
        job_id (str): A job identifier (UUIDv7) Example: 069b1464-c124-79b3-8000-fb41f3dfdc50.
        presigned_url (JobsJobInfoUploadPresignedURL): Where and how to upload the input archive (an S3 presigned POST).
    """

    job_id: str
    presigned_url: JobsJobInfoUploadPresignedURL
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        presigned_url = self.presigned_url.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "presigned_url": presigned_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_job_info_upload_presigned_url import JobsJobInfoUploadPresignedURL  # noqa: PLC0415

        d = dict(src_dict)
        job_id = d.pop("job_id")

        presigned_url = JobsJobInfoUploadPresignedURL.from_dict(d.pop("presigned_url"))

        jobs_register_job_response = cls(
            job_id=job_id,
            presigned_url=presigned_url,
        )

        jobs_register_job_response.additional_properties = d
        return jobs_register_job_response

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
