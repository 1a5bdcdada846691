"""``ApiTokenApi`` (the reference's ``rest.api.api_token_api``): the API token endpoints."""

from __future__ import annotations

from ._base import BaseApi, Operation, from_model, no_content, operation

__all__ = ["ApiTokenApi"]


class ApiTokenApi(BaseApi):
    """Create, inspect and delete your API token (async)."""

    create_api_token, create_api_token_with_http_info, create_api_token_without_preload_content = (
        operation(
            "create_api_token",
            Operation("POST", "/api-token"),
            from_model("ApiTokenApiToken"),
            "Create an API token",
        )
    )
    delete_api_token, delete_api_token_with_http_info, delete_api_token_without_preload_content = (
        operation(
            "delete_api_token",
            Operation("DELETE", "/api-token"),
            no_content,
            "Delete the API token",
        )
    )
    (
        get_api_token_status,
        get_api_token_status_with_http_info,
        get_api_token_status_without_preload_content,
    ) = operation(
        "get_api_token_status",
        Operation("GET", "/api-token/status"),
        from_model("ApiTokenApiTokenStatus"),
        "Get the API token's expiry",
    )
