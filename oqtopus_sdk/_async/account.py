"""Account and information calls of the asyncio client (tokens, announcements, user, settings).

Written by hand; ``scripts/unasync.py`` derives ``oqtopus_sdk/_sync/account.py`` from it.
"""

from __future__ import annotations

import datetime
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from oqtopus_sdk import _common, _jobs

if TYPE_CHECKING:
    from oqtopus_api.models import (
        AnnouncementsGetAnnouncementResponse,
        AnnouncementsGetAnnouncementsListResponse,
        ApiTokenApiToken,
        ApiTokenApiTokenStatus,
        SettingsGetSettingsResponse,
        UsersGetOneUserResponse,
        UsersUpdateUserRequest,
    )
    from oqtopus_sdk._ops import Flow

T = TypeVar("T")


class AsyncAccountMixin:
    """The API token, announcement, user and settings operations of the client."""

    _ctx: _jobs.Ctx

    if TYPE_CHECKING:

        async def _run(self, flow: Flow[T]) -> T: ...

    async def create_api_token(self) -> ApiTokenApiToken:
        """``POST /api-token`` (deprecated: token-authenticated callers get 403)."""
        from oqtopus_api.api.api_token import create_api_token
        from oqtopus_api.models import ApiTokenApiToken

        warnings.warn(_common.CREATE_TOKEN_DEPRECATION, DeprecationWarning, stacklevel=2)
        request = create_api_token._get_kwargs()
        return await self._run(
            _jobs.call(self._ctx, request, ApiTokenApiToken.from_dict, "POST /api-token")
        )

    async def get_api_token_status(self) -> ApiTokenApiTokenStatus:
        """``GET /api-token/status``."""
        from oqtopus_api.api.api_token import get_api_token_status
        from oqtopus_api.models import ApiTokenApiTokenStatus

        request = get_api_token_status._get_kwargs()
        parse = ApiTokenApiTokenStatus.from_dict
        return await self._run(_jobs.call(self._ctx, request, parse, "GET /api-token/status"))

    async def get_api_token(self) -> ApiTokenApiTokenStatus:
        """Alias of :meth:`get_api_token_status` (it returns the status, as in the reference)."""
        return await self.get_api_token_status()

    async def delete_api_token(self) -> None:
        """``DELETE /api-token``."""
        from oqtopus_api.api.api_token import delete_api_token

        await self._run(_jobs.call_no_content(self._ctx, delete_api_token._get_kwargs()))

    async def get_announcements_list(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        order: str | None = None,
        current_time: datetime.datetime | None = None,
    ) -> AnnouncementsGetAnnouncementsListResponse:
        """``GET /announcements`` (no parameters unless given).

        Raises:
            ValueError / TypeError: a parameter out of range (checked before the request).
        """
        from oqtopus_api.api.announcements import get_announcements_list
        from oqtopus_api.models import AnnouncementsGetAnnouncementsListResponse

        params = _common.announcements_params(
            offset=offset, limit=limit, order=order, current_time=current_time
        )
        request = get_announcements_list._get_kwargs(**params)
        parse = AnnouncementsGetAnnouncementsListResponse.from_dict
        return await self._run(_jobs.call(self._ctx, request, parse, "GET /announcements"))

    async def get_announcement(self, announcement_id: int) -> AnnouncementsGetAnnouncementResponse:
        """``GET /announcements/{id}``."""
        from oqtopus_api.api.announcements import get_announcement
        from oqtopus_api.models import AnnouncementsGetAnnouncementResponse

        request = get_announcement._get_kwargs(announcement_id)
        parse = AnnouncementsGetAnnouncementResponse.from_dict
        return await self._run(_jobs.call(self._ctx, request, parse, "GET /announcements/{id}"))

    async def get_current_user(self) -> UsersGetOneUserResponse:
        """``GET /users/me``."""
        from oqtopus_api.api.users import get_current_user
        from oqtopus_api.models import UsersGetOneUserResponse

        request = get_current_user._get_kwargs()
        parse = UsersGetOneUserResponse.from_dict
        return await self._run(_jobs.call(self._ctx, request, parse, "GET /users/me"))

    async def update_current_user(
        self,
        body: UsersUpdateUserRequest | Mapping[str, Any] | None = None,
        *,
        name: str | None = None,
        organization: str | None = None,
    ) -> UsersGetOneUserResponse:
        """``PATCH /users/me`` with a body or ``name=`` / ``organization=``.

        Raises:
            ValueError / TypeError: no field, both forms, or a field that is not a str.
        """
        from oqtopus_api.api.users import update_current_user
        from oqtopus_api.models import UsersGetOneUserResponse

        request = update_current_user._get_kwargs(
            body=_common.update_user_body(body, name, organization)
        )
        parse = UsersGetOneUserResponse.from_dict
        return await self._run(_jobs.call(self._ctx, request, parse, "PATCH /users/me"))

    async def delete_current_user(self) -> None:
        """``DELETE /users/me``."""
        from oqtopus_api.api.users import delete_current_user

        await self._run(_jobs.call_no_content(self._ctx, delete_current_user._get_kwargs()))

    async def get_current_settings(self) -> SettingsGetSettingsResponse:
        """``GET /system/settings``."""
        from oqtopus_api.api.settings import get_current_settings
        from oqtopus_api.models import SettingsGetSettingsResponse

        request = get_current_settings._get_kwargs()
        parse = SettingsGetSettingsResponse.from_dict
        return await self._run(_jobs.call(self._ctx, request, parse, "GET /system/settings"))
