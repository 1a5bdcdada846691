"""Reference path ``oqtopus_client.services.client``: the synchronous client.

Besides :class:`OqtopusClient`, the reference's module namespace holds the names it imported
for its own use; they are here under the same names: the low-level API classes,
``RestApiClient`` (:class:`oqtopus_sdk.rest.api_client.ApiClient`), ``RestConfiguration``
(:class:`oqtopus_sdk.rest.configuration.Configuration`) and ``RestApiException``
(:class:`oqtopus_sdk.rest.exceptions.ApiException`). The legacy model ``JobsSubmitJobInfo`` has
no counterpart (it is not part of the API description).
"""

from __future__ import annotations

from oqtopus_api.models import JobsGetSselogResponse
from oqtopus_sdk import rest as models
from oqtopus_sdk.client import OqtopusClient
from oqtopus_sdk.config import OqtopusConfig
from oqtopus_sdk.device import OqtopusDevice
from oqtopus_sdk.errors import ResponseValidationError, UserApiError
from oqtopus_sdk.rest.api import AnnouncementsApi, ApiTokenApi, DeviceApi, JobApi
from oqtopus_sdk.rest.api_client import ApiClient as RestApiClient
from oqtopus_sdk.rest.configuration import Configuration as RestConfiguration
from oqtopus_sdk.rest.exceptions import ApiException as RestApiException
from oqtopus_sdk.results import (
    OqtopusEstimationJobResult,
    OqtopusJobResult,
    OqtopusMultiManualJobResult,
    OqtopusSamplingJobResult,
    OqtopusSseJobResult,
)
from oqtopus_sdk.services.storage import OqtopusStorage
from oqtopus_sdk.spec import OqtopusJobSpec

PACKAGE_NAME = "oqtopus-sdk"
"""The distribution whose version goes into the default User-Agent (``oqtopus-sdk/<version>``)."""

__all__ = [
    "PACKAGE_NAME",
    "AnnouncementsApi",
    "ApiTokenApi",
    "DeviceApi",
    "JobApi",
    "JobsGetSselogResponse",
    "OqtopusClient",
    "OqtopusConfig",
    "OqtopusDevice",
    "OqtopusEstimationJobResult",
    "OqtopusJobResult",
    "OqtopusJobSpec",
    "OqtopusMultiManualJobResult",
    "OqtopusSamplingJobResult",
    "OqtopusSseJobResult",
    "OqtopusStorage",
    "ResponseValidationError",
    "RestApiClient",
    "RestApiException",
    "RestConfiguration",
    "UserApiError",
    "models",
]
