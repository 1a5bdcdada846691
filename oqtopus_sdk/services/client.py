"""Reference path ``oqtopus_client.services.client``: the synchronous client.

Besides :class:`OqtopusClient`, the reference's module namespace holds the names it imported
for its own use; the ones we have are here under the same names (``RestApiException`` is
:class:`oqtopus_sdk.rest.exceptions.ApiException`). Its low-level async API classes
(``JobApi``, ``DeviceApi``, ``ApiTokenApi``, ``AnnouncementsApi``, ``RestApiClient``,
``RestConfiguration``) and the legacy model ``JobsSubmitJobInfo`` have no counterpart.
"""

from __future__ import annotations

from oqtopus_api.models import JobsGetSselogResponse
from oqtopus_sdk import rest as models
from oqtopus_sdk.client import OqtopusClient
from oqtopus_sdk.config import OqtopusConfig
from oqtopus_sdk.device import OqtopusDevice
from oqtopus_sdk.errors import ResponseValidationError, UserApiError
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
    "RestApiException",
    "UserApiError",
    "models",
]
