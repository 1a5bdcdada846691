"""The reference's low-level async API classes (``oqtopus_client.rest.api``), on httpx.

Each class wraps one group of User API endpoints; every operation ``X`` also exists as
``X_with_http_info`` (an :class:`~oqtopus_sdk.rest.api_response.ApiResponse`) and
``X_without_preload_content`` (the raw ``httpx.Response``), with the reference's parameters.
Build them on an :class:`~oqtopus_sdk.rest.api_client.ApiClient`.
"""

from __future__ import annotations

from .announcements_api import AnnouncementsApi
from .api_token_api import ApiTokenApi
from .device_api import DeviceApi
from .job_api import JobApi
from .settings_api import SettingsApi
from .users_api import UsersApi

__all__ = ["AnnouncementsApi", "ApiTokenApi", "DeviceApi", "JobApi", "SettingsApi", "UsersApi"]
