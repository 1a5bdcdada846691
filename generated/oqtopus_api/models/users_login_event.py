from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsersLoginEvent")


@_attrs_define
class UsersLoginEvent:
    """
    Attributes:
        event_date (datetime.datetime | Unset):
        user_agent (str | Unset):
        ip (str | Unset):
    """

    event_date: datetime.datetime | Unset = UNSET
    user_agent: str | Unset = UNSET
    ip: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_date: str | Unset = UNSET
        if not isinstance(self.event_date, Unset):
            event_date = self.event_date.isoformat()

        user_agent = self.user_agent

        ip = self.ip

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if event_date is not UNSET:
            field_dict["event_date"] = event_date
        if user_agent is not UNSET:
            field_dict["user_agent"] = user_agent
        if ip is not UNSET:
            field_dict["ip"] = ip

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _event_date = d.pop("event_date", UNSET)
        event_date: datetime.datetime | Unset
        if isinstance(_event_date, Unset):
            event_date = UNSET
        else:
            event_date = datetime.datetime.fromisoformat(_event_date)

        user_agent = d.pop("user_agent", UNSET)

        ip = d.pop("ip", UNSET)

        users_login_event = cls(
            event_date=event_date,
            user_agent=user_agent,
            ip=ip,
        )

        users_login_event.additional_properties = d
        return users_login_event

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
