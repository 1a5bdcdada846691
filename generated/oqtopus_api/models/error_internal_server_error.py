from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_internal_server_error_message_params import ErrorInternalServerErrorMessageParams


T = TypeVar("T", bound="ErrorInternalServerError")


@_attrs_define
class ErrorInternalServerError:
    """Live service: newer servers add `message_code` and `message_params`.

    Attributes:
        message (str):
        message_code (str | Unset):
        message_params (ErrorInternalServerErrorMessageParams | Unset):
    """

    message: str
    message_code: str | Unset = UNSET
    message_params: ErrorInternalServerErrorMessageParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        message_code = self.message_code

        message_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message_params, Unset):
            message_params = self.message_params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if message_code is not UNSET:
            field_dict["message_code"] = message_code
        if message_params is not UNSET:
            field_dict["message_params"] = message_params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_internal_server_error_message_params import ErrorInternalServerErrorMessageParams  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        message_code = d.pop("message_code", UNSET)

        _message_params = d.pop("message_params", UNSET)
        message_params: ErrorInternalServerErrorMessageParams | Unset
        if isinstance(_message_params, Unset):
            message_params = UNSET
        else:
            message_params = ErrorInternalServerErrorMessageParams.from_dict(_message_params)

        error_internal_server_error = cls(
            message=message,
            message_code=message_code,
            message_params=message_params,
        )

        error_internal_server_error.additional_properties = d
        return error_internal_server_error

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
