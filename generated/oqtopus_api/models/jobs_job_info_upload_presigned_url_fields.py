from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobsJobInfoUploadPresignedURLFields")


@_attrs_define
class JobsJobInfoUploadPresignedURLFields:
    """Form fields to send, every one of them, before the `file` part. Live service: these are
    whatever the storage signer returns (with SigV4: `x-amz-algorithm`, `x-amz-credential`,
    `x-amz-date`, `x-amz-signature`), so unknown keys must be kept; with the local-storage
    driver the object is empty, so `key` is not required.

        Attributes:
            key (str | Unset):  Example: 069b1464-c124-79b3-8000-fb41f3dfdc50/input.zip.
            aws_access_key_id (str | Unset):
            x_amz_security_token (str | Unset):
            policy (str | Unset):
            signature (str | Unset):
    """

    key: str | Unset = UNSET
    aws_access_key_id: str | Unset = UNSET
    x_amz_security_token: str | Unset = UNSET
    policy: str | Unset = UNSET
    signature: str | Unset = UNSET
    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        aws_access_key_id = self.aws_access_key_id

        x_amz_security_token = self.x_amz_security_token

        policy = self.policy

        signature = self.signature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if key is not UNSET:
            field_dict["key"] = key
        if aws_access_key_id is not UNSET:
            field_dict["AWSAccessKeyId"] = aws_access_key_id
        if x_amz_security_token is not UNSET:
            field_dict["x-amz-security-token"] = x_amz_security_token
        if policy is not UNSET:
            field_dict["policy"] = policy
        if signature is not UNSET:
            field_dict["signature"] = signature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key", UNSET)

        aws_access_key_id = d.pop("AWSAccessKeyId", UNSET)

        x_amz_security_token = d.pop("x-amz-security-token", UNSET)

        policy = d.pop("policy", UNSET)

        signature = d.pop("signature", UNSET)

        jobs_job_info_upload_presigned_url_fields = cls(
            key=key,
            aws_access_key_id=aws_access_key_id,
            x_amz_security_token=x_amz_security_token,
            policy=policy,
            signature=signature,
        )

        jobs_job_info_upload_presigned_url_fields.additional_properties = d
        return jobs_job_info_upload_presigned_url_fields

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
