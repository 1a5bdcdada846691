from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobsS3EstimationResult")


@_attrs_define
class JobsS3EstimationResult:
    """
    Attributes:
        exp_value (float | Unset): The expectation value
        stds (float | Unset): The standard deviation
    """

    exp_value: float | Unset = UNSET
    stds: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exp_value = self.exp_value

        stds = self.stds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if exp_value is not UNSET:
            field_dict["exp_value"] = exp_value
        if stds is not UNSET:
            field_dict["stds"] = stds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        exp_value = d.pop("exp_value", UNSET)

        stds = d.pop("stds", UNSET)

        jobs_s3_estimation_result = cls(
            exp_value=exp_value,
            stds=stds,
        )

        jobs_s3_estimation_result.additional_properties = d
        return jobs_s3_estimation_result

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
