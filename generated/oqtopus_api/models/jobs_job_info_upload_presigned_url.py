from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.jobs_job_info_upload_presigned_url_fields import JobsJobInfoUploadPresignedURLFields


T = TypeVar("T", bound="JobsJobInfoUploadPresignedURL")


@_attrs_define
class JobsJobInfoUploadPresignedURL:
    """Where and how to upload the input archive (an S3 presigned POST).

    Attributes:
        url (str): The POST target; `file:///...` with the local-storage driver
        fields (JobsJobInfoUploadPresignedURLFields): Form fields to send, every one of them, before the `file` part.
            Live service: these are
            whatever the storage signer returns (with SigV4: `x-amz-algorithm`, `x-amz-credential`,
            `x-amz-date`, `x-amz-signature`), so unknown keys must be kept; with the local-storage
            driver the object is empty, so `key` is not required.
    """

    url: str
    fields: JobsJobInfoUploadPresignedURLFields
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        fields = self.fields.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "fields": fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jobs_job_info_upload_presigned_url_fields import JobsJobInfoUploadPresignedURLFields  # noqa: PLC0415

        d = dict(src_dict)
        url = d.pop("url")

        fields = JobsJobInfoUploadPresignedURLFields.from_dict(d.pop("fields"))

        jobs_job_info_upload_presigned_url = cls(
            url=url,
            fields=fields,
        )

        jobs_job_info_upload_presigned_url.additional_properties = d
        return jobs_job_info_upload_presigned_url

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
