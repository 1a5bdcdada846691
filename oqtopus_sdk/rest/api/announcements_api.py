"""``AnnouncementsApi`` (the reference's ``rest.api.announcements_api``)."""

from __future__ import annotations

from ._base import BaseApi, Operation, from_model, operation

__all__ = ["AnnouncementsApi"]


class AnnouncementsApi(BaseApi):
    """Read the service's announcements (async)."""

    get_announcement, get_announcement_with_http_info, get_announcement_without_preload_content = (
        operation(
            "get_announcement",
            Operation(
                "GET",
                "/announcements/{announcement_id}",
                ("announcement_id",),
                frozenset({"announcement_id"}),
            ),
            from_model("AnnouncementsGetAnnouncementResponse"),
            "Get an announcement",
        )
    )
    (
        get_announcements_list,
        get_announcements_list_with_http_info,
        get_announcements_list_without_preload_content,
    ) = operation(
        "get_announcements_list",
        Operation("GET", "/announcements", ("offset", "limit", "order", "current_time")),
        from_model("AnnouncementsGetAnnouncementsListResponse"),
        "List announcements",
    )
