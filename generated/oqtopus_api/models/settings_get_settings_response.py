from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.settings_get_settings_response_editable_fields_item import SettingsGetSettingsResponseEditableFieldsItem
from ..models.settings_get_settings_response_visible_fields_item import SettingsGetSettingsResponseVisibleFieldsItem

T = TypeVar("T", bound="SettingsGetSettingsResponse")


@_attrs_define
class SettingsGetSettingsResponse:
    """
    Attributes:
        editable_fields (list[SettingsGetSettingsResponseEditableFieldsItem]):
        allow_deletion (bool):
        visible_fields (list[SettingsGetSettingsResponseVisibleFieldsItem]):
        login_history_enabled (bool):
    """

    editable_fields: list[SettingsGetSettingsResponseEditableFieldsItem]
    allow_deletion: bool
    visible_fields: list[SettingsGetSettingsResponseVisibleFieldsItem]
    login_history_enabled: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        editable_fields = []
        for editable_fields_item_data in self.editable_fields:
            editable_fields_item = editable_fields_item_data.value
            editable_fields.append(editable_fields_item)

        allow_deletion = self.allow_deletion

        visible_fields = []
        for visible_fields_item_data in self.visible_fields:
            visible_fields_item = visible_fields_item_data.value
            visible_fields.append(visible_fields_item)

        login_history_enabled = self.login_history_enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "editable_fields": editable_fields,
                "allow_deletion": allow_deletion,
                "visible_fields": visible_fields,
                "login_history_enabled": login_history_enabled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        editable_fields = []
        _editable_fields = d.pop("editable_fields")
        for editable_fields_item_data in _editable_fields:
            editable_fields_item = SettingsGetSettingsResponseEditableFieldsItem(editable_fields_item_data)

            editable_fields.append(editable_fields_item)

        allow_deletion = d.pop("allow_deletion")

        visible_fields = []
        _visible_fields = d.pop("visible_fields")
        for visible_fields_item_data in _visible_fields:
            visible_fields_item = SettingsGetSettingsResponseVisibleFieldsItem(visible_fields_item_data)

            visible_fields.append(visible_fields_item)

        login_history_enabled = d.pop("login_history_enabled")

        settings_get_settings_response = cls(
            editable_fields=editable_fields,
            allow_deletion=allow_deletion,
            visible_fields=visible_fields,
            login_history_enabled=login_history_enabled,
        )

        settings_get_settings_response.additional_properties = d
        return settings_get_settings_response

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
