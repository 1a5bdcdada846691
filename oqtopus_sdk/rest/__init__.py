"""The generated OpenAPI layer under the reference's name: ``oqtopus_sdk.rest``.

``oqtopus_client.rest`` is the reference's generated layer; code written against it imports
models from it (``rest.JobsJobType``, ``from ...rest.models import JobsJobStatus``,
``from ...rest.models.jobs_job_type import JobsJobType``), names its exceptions
(``rest.ApiException``) and sometimes drives the low-level async API directly
(``JobApi(ApiClient(Configuration(host=...)))``). All of that works here:

* every generated model class, at the top level and in :mod:`oqtopus_sdk.rest.models` (the same
  class objects as :mod:`oqtopus_api.models`, which is the generated package itself);
* the exception names, in :mod:`oqtopus_sdk.rest.exceptions` (see there for how they map onto
  :mod:`oqtopus_sdk.errors`);
* the low-level async layer: :class:`~oqtopus_sdk.rest.configuration.Configuration`,
  :class:`~oqtopus_sdk.rest.api_client.ApiClient`,
  :class:`~oqtopus_sdk.rest.api_response.ApiResponse` and the API classes of
  :mod:`oqtopus_sdk.rest.api` (``JobApi``, ``DeviceApi``, ``ApiTokenApi``,
  ``AnnouncementsApi``, ``UsersApi``, ``SettingsApi``), on httpx instead of aiohttp.

Not here: ``rest.rest`` (the reference's aiohttp session wrapper, an internal).

Everything loads on first use: importing this package costs nothing until a name is read.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oqtopus_api.models import (
        AnnouncementsGetAnnouncementResponse,
        AnnouncementsGetAnnouncementsListResponse,
        ApiTokenApiToken,
        ApiTokenApiTokenStatus,
        DevicesDeviceInfo,
        ErrorBadRequest,
        ErrorForbiddenError,
        ErrorInternalServerError,
        ErrorNotFoundError,
        ErrorUnauthorizedError,
        JobsGetJobStatusResponse,
        JobsJob,
        JobsJobInfo,
        JobsJobInfoUploadPresignedURL,
        JobsJobInfoUploadPresignedURLFields,
        JobsJobStatus,
        JobsJobType,
        JobsRegisteredJob,
        JobsRegisterJobResponse,
        JobsS3EstimationResult,
        JobsS3JobResult,
        JobsS3OperatorItem,
        JobsS3SamplingResult,
        JobsS3SubmitJobInfo,
        JobsS3TranspileResult,
        JobsSubmitJobRequest,
        JobsSubmitJobResponse,
        JobsSubmittedJob,
        JobsTranspileResult,
        SettingsGetSettingsResponse,
        SuccessSuccessResponse,
        UsersGetOneUserResponse,
        UsersLoginEvent,
        UsersUpdateUserRequest,
    )

    from . import api, api_client, api_response, configuration, exceptions, models
    from .api import (
        AnnouncementsApi,
        ApiTokenApi,
        DeviceApi,
        JobApi,
        SettingsApi,
        UsersApi,
    )
    from .api_client import ApiClient
    from .api_response import ApiResponse
    from .configuration import Configuration
    from .exceptions import (
        ApiAttributeError,
        ApiException,
        ApiKeyError,
        ApiTypeError,
        ApiValueError,
        OpenApiException,
    )

_SUBMODULES = frozenset(
    {"api", "api_client", "api_response", "configuration", "exceptions", "models"}
)
# name -> submodule that defines it
_LAZY: dict[str, str] = {
    "ApiAttributeError": "exceptions",
    "ApiException": "exceptions",
    "ApiKeyError": "exceptions",
    "ApiTypeError": "exceptions",
    "ApiValueError": "exceptions",
    "OpenApiException": "exceptions",
    "ApiClient": "api_client",
    "ApiResponse": "api_response",
    "Configuration": "configuration",
    "AnnouncementsApi": "api",
    "ApiTokenApi": "api",
    "DeviceApi": "api",
    "JobApi": "api",
    "SettingsApi": "api",
    "UsersApi": "api",
}
# The reference's aiohttp session wrapper module, an internal we do not reproduce.
_NOT_PROVIDED = frozenset({"rest"})

__all__ = [
    "AnnouncementsApi",
    "AnnouncementsGetAnnouncementResponse",
    "AnnouncementsGetAnnouncementsListResponse",
    "ApiAttributeError",
    "ApiClient",
    "ApiException",
    "ApiKeyError",
    "ApiResponse",
    "ApiTokenApi",
    "ApiTokenApiToken",
    "ApiTokenApiTokenStatus",
    "ApiTypeError",
    "ApiValueError",
    "Configuration",
    "DeviceApi",
    "DevicesDeviceInfo",
    "ErrorBadRequest",
    "ErrorForbiddenError",
    "ErrorInternalServerError",
    "ErrorNotFoundError",
    "ErrorUnauthorizedError",
    "JobApi",
    "JobsGetJobStatusResponse",
    "JobsJob",
    "JobsJobInfo",
    "JobsJobInfoUploadPresignedURL",
    "JobsJobInfoUploadPresignedURLFields",
    "JobsJobStatus",
    "JobsJobType",
    "JobsRegisterJobResponse",
    "JobsRegisteredJob",
    "JobsS3EstimationResult",
    "JobsS3JobResult",
    "JobsS3OperatorItem",
    "JobsS3SamplingResult",
    "JobsS3SubmitJobInfo",
    "JobsS3TranspileResult",
    "JobsSubmitJobRequest",
    "JobsSubmitJobResponse",
    "JobsSubmittedJob",
    "JobsTranspileResult",
    "OpenApiException",
    "SettingsApi",
    "SettingsGetSettingsResponse",
    "SuccessSuccessResponse",
    "UsersApi",
    "UsersGetOneUserResponse",
    "UsersLoginEvent",
    "UsersUpdateUserRequest",
    "api",
    "api_client",
    "api_response",
    "configuration",
    "exceptions",
    "models",
]


def _generated_model_names() -> tuple[str, ...]:
    return tuple(importlib.import_module("oqtopus_api.models").__all__)


def __getattr__(name: str) -> Any:
    """Load a submodule, an exception class or a generated model on first access."""
    if name in _SUBMODULES:
        value: Any = importlib.import_module(f"{__name__}.{name}")
    elif name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    elif name in _NOT_PROVIDED:
        raise AttributeError(
            f"oqtopus_sdk.rest has no {name!r}: the reference's aiohttp session wrapper is an "
            "internal that is not reproduced; use ApiClient"
        )
    elif not name.startswith("_") and name in _generated_model_names():
        value = getattr(importlib.import_module("oqtopus_api.models"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_generated_model_names()))
