from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiTokenApiToken")


@_attrs_define
class ApiTokenApiToken:
    """
    Attributes:
        api_token_id (str | Unset):
        api_token_secret (str | Unset):
        api_token_expiration (datetime.datetime | Unset): When the API token expires
    """

    api_token_id: str | Unset = UNSET
    api_token_secret: str | Unset = UNSET
    api_token_expiration: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_token_id = self.api_token_id

        api_token_secret = self.api_token_secret

        api_token_expiration: str | Unset = UNSET
        if not isinstance(self.api_token_expiration, Unset):
            api_token_expiration = self.api_token_expiration.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if api_token_id is not UNSET:
            field_dict["api_token_id"] = api_token_id
        if api_token_secret is not UNSET:
            field_dict["api_token_secret"] = api_token_secret
        if api_token_expiration is not UNSET:
            field_dict["api_token_expiration"] = api_token_expiration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_token_id = d.pop("api_token_id", UNSET)

        api_token_secret = d.pop("api_token_secret", UNSET)

        _api_token_expiration = d.pop("api_token_expiration", UNSET)
        api_token_expiration: datetime.datetime | Unset
        if isinstance(_api_token_expiration, Unset):
            api_token_expiration = UNSET
        else:
            api_token_expiration = datetime.datetime.fromisoformat(_api_token_expiration)

        api_token_api_token = cls(
            api_token_id=api_token_id,
            api_token_secret=api_token_secret,
            api_token_expiration=api_token_expiration,
        )

        api_token_api_token.additional_properties = d
        return api_token_api_token

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
