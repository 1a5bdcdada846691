"""The generated OpenAPI layer under the reference's name: ``oqtopus_sdk.rest``.

``oqtopus_client.rest`` is the reference's generated layer; code written against it imports
models from it (``rest.JobsJobType``, ``from ...rest.models import JobsJobStatus``,
``from ...rest.models.jobs_job_type import JobsJobType``) and names its exceptions
(``rest.ApiException``). All of that works here:

* every generated model class, at the top level and in :mod:`oqtopus_sdk.rest.models` (the same
  class objects as :mod:`oqtopus_api.models`, which is the generated package itself);
* the exception names, in :mod:`oqtopus_sdk.rest.exceptions` (see there for how they map onto
  :mod:`oqtopus_sdk.errors`).

Not here: the reference's low-level async API classes (``JobApi``, ``DeviceApi``, ``ApiClient``,
``Configuration``, ``ApiResponse``, ...). Use :class:`~oqtopus_sdk.OqtopusClient`, or the
generated functions in :mod:`oqtopus_api.api` (``oqtopus_api.api.job.get_job.sync(...)``).

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

    from . import exceptions, models
    from .exceptions import (
        ApiAttributeError,
        ApiException,
        ApiKeyError,
        ApiTypeError,
        ApiValueError,
        OpenApiException,
    )

_SUBMODULES = frozenset({"exceptions", "models"})
_EXCEPTIONS = frozenset(
    {
        "ApiAttributeError",
        "ApiException",
        "ApiKeyError",
        "ApiTypeError",
        "ApiValueError",
        "OpenApiException",
    }
)
# The reference's low-level layer, which we do not reproduce: a clear message beats a bare
# AttributeError for code that reaches for it.
_NOT_PROVIDED = frozenset(
    {
        "AnnouncementsApi",
        "ApiClient",
        "ApiResponse",
        "ApiTokenApi",
        "Configuration",
        "DeviceApi",
        "JobApi",
        "SettingsApi",
        "UsersApi",
        "api",
        "api_client",
        "api_response",
        "configuration",
        "rest",
    }
)

__all__ = [
    "AnnouncementsGetAnnouncementResponse",
    "AnnouncementsGetAnnouncementsListResponse",
    "ApiAttributeError",
    "ApiException",
    "ApiKeyError",
    "ApiTokenApiToken",
    "ApiTokenApiTokenStatus",
    "ApiTypeError",
    "ApiValueError",
    "DevicesDeviceInfo",
    "ErrorBadRequest",
    "ErrorForbiddenError",
    "ErrorInternalServerError",
    "ErrorNotFoundError",
    "ErrorUnauthorizedError",
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
    "SettingsGetSettingsResponse",
    "SuccessSuccessResponse",
    "UsersGetOneUserResponse",
    "UsersLoginEvent",
    "UsersUpdateUserRequest",
    "exceptions",
    "models",
]


def _generated_model_names() -> tuple[str, ...]:
    return tuple(importlib.import_module("oqtopus_api.models").__all__)


def __getattr__(name: str) -> Any:
    """Load a submodule, an exception class or a generated model on first access."""
    if name in _SUBMODULES:
        value: Any = importlib.import_module(f"{__name__}.{name}")
    elif name in _EXCEPTIONS:
        value = getattr(importlib.import_module(f"{__name__}.exceptions"), name)
    elif name in _NOT_PROVIDED:
        raise AttributeError(
            f"oqtopus_sdk.rest has no {name!r}: the reference's low-level async API layer is "
            "not reproduced; use oqtopus_sdk.OqtopusClient, or the generated functions in "
            "oqtopus_api.api"
        )
    elif not name.startswith("_") and name in _generated_model_names():
        value = getattr(importlib.import_module("oqtopus_api.models"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_generated_model_names()))
