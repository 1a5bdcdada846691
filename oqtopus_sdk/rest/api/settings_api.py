"""``SettingsApi`` (the reference's ``rest.api.settings_api``): the system settings."""

from __future__ import annotations

from ._base import BaseApi, Operation, from_model, operation

__all__ = ["SettingsApi"]


class SettingsApi(BaseApi):
    """Read the system settings (async)."""

    (
        get_current_settings,
        get_current_settings_with_http_info,
        get_current_settings_without_preload_content,
    ) = operation(
        "get_current_settings",
        Operation("GET", "/system/settings"),
        from_model("SettingsGetSettingsResponse"),
        "Get the system settings",
    )
