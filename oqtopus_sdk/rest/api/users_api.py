"""``UsersApi`` (the reference's ``rest.api.users_api``): the current user."""

from __future__ import annotations

from ._base import BaseApi, Operation, from_model, no_content, operation

__all__ = ["UsersApi"]


class UsersApi(BaseApi):
    """Read, update and delete the current user (async)."""

    (
        delete_current_user,
        delete_current_user_with_http_info,
        delete_current_user_without_preload_content,
    ) = operation(
        "delete_current_user",
        Operation("DELETE", "/users/me"),
        no_content,
        "Delete the current user",
    )
    get_current_user, get_current_user_with_http_info, get_current_user_without_preload_content = (
        operation(
            "get_current_user",
            Operation("GET", "/users/me"),
            from_model("UsersGetOneUserResponse"),
            "Get the current user",
        )
    )
    (
        update_current_user,
        update_current_user_with_http_info,
        update_current_user_without_preload_content,
    ) = operation(
        "update_current_user",
        Operation(
            "PATCH",
            "/users/me",
            ("users_update_user_request",),
            body="users_update_user_request",
        ),
        from_model("UsersGetOneUserResponse"),
        "Update the current user",
    )
