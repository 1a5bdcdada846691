from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.users_login_event import UsersLoginEvent


T = TypeVar("T", bound="UsersGetOneUserResponse")


@_attrs_define
class UsersGetOneUserResponse:
    """Fields outside the service's visible fields are null.

    Attributes:
        id (None | str | Unset):
        email (None | str | Unset):
        name (None | str | Unset):
        organization (None | str | Unset):
        created_at (datetime.datetime | None | Unset):
        login_events (list[UsersLoginEvent] | None | Unset):
    """

    id: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    organization: None | str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    login_events: list[UsersLoginEvent] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        organization: None | str | Unset
        if isinstance(self.organization, Unset):
            organization = UNSET
        else:
            organization = self.organization

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        login_events: list[dict[str, Any]] | None | Unset
        if isinstance(self.login_events, Unset):
            login_events = UNSET
        elif isinstance(self.login_events, list):
            login_events = []
            for login_events_type_0_item_data in self.login_events:
                login_events_type_0_item = login_events_type_0_item_data.to_dict()
                login_events.append(login_events_type_0_item)

        else:
            login_events = self.login_events

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if organization is not UNSET:
            field_dict["organization"] = organization
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if login_events is not UNSET:
            field_dict["login_events"] = login_events

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.users_login_event import UsersLoginEvent  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_organization(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization = _parse_organization(d.pop("organization", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_login_events(data: object) -> list[UsersLoginEvent] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                login_events_type_0 = []
                _login_events_type_0 = data
                for login_events_type_0_item_data in _login_events_type_0:
                    login_events_type_0_item = UsersLoginEvent.from_dict(login_events_type_0_item_data)

                    login_events_type_0.append(login_events_type_0_item)

                return login_events_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UsersLoginEvent] | None | Unset, data)

        login_events = _parse_login_events(d.pop("login_events", UNSET))

        users_get_one_user_response = cls(
            id=id,
            email=email,
            name=name,
            organization=organization,
            created_at=created_at,
            login_events=login_events,
        )

        users_get_one_user_response.additional_properties = d
        return users_get_one_user_response

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
