from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JobsGetSselogResponse")


@_attrs_define
class JobsGetSselogResponse:
    """An SSE job's log archive, base64-encoded. Live service: the `/jobs/{job_id}/sselog`
    endpoint is gone; clients rebuild this shape from `job_info.sse_log`.

        Attributes:
            file (str): Base64 of the log zip
            file_name (str):
    """

    file: str
    file_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file

        file_name = self.file_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
                "file_name": file_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = d.pop("file")

        file_name = d.pop("file_name")

        jobs_get_sselog_response = cls(
            file=file,
            file_name=file_name,
        )

        jobs_get_sselog_response.additional_properties = d
        return jobs_get_sselog_response

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
