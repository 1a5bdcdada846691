from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AnnouncementsGetAnnouncementResponse")


@_attrs_define
class AnnouncementsGetAnnouncementResponse:
    """
    Attributes:
        id (int):
        title (str):
        content (str):
        start_time (datetime.datetime):
        end_time (datetime.datetime):
        publishable (bool):
    """

    id: int
    title: str
    content: str
    start_time: datetime.datetime
    end_time: datetime.datetime
    publishable: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        content = self.content

        start_time = self.start_time.isoformat()

        end_time = self.end_time.isoformat()

        publishable = self.publishable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "content": content,
                "start_time": start_time,
                "end_time": end_time,
                "publishable": publishable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        content = d.pop("content")

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        publishable = d.pop("publishable")

        announcements_get_announcement_response = cls(
            id=id,
            title=title,
            content=content,
            start_time=start_time,
            end_time=end_time,
            publishable=publishable,
        )

        announcements_get_announcement_response.additional_properties = d
        return announcements_get_announcement_response

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
