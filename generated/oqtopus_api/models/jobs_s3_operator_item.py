from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobsS3OperatorItem")


@_attrs_define
class JobsS3OperatorItem:
    """
    Attributes:
        pauli (str): Pauli letters with qubit indices, e.g. `X 0 X 1`
        coeff (float | Unset): Real coefficient. Live service: optional in the upstream description but required
            by the engine; a job whose operator lacks it fails.
    """

    pauli: str
    coeff: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pauli = self.pauli

        coeff = self.coeff

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pauli": pauli,
            }
        )
        if coeff is not UNSET:
            field_dict["coeff"] = coeff

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pauli = d.pop("pauli")

        coeff = d.pop("coeff", UNSET)

        jobs_s3_operator_item = cls(
            pauli=pauli,
            coeff=coeff,
        )

        jobs_s3_operator_item.additional_properties = d
        return jobs_s3_operator_item

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
