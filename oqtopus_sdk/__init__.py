"""oqtopus_sdk: Python SDK for the OQTOPUS quantum cloud User API.

A drop-in replacement for ``oqtopus_client`` (change the import). Names are imported
lazily on first use so ``import oqtopus_sdk`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from oqtopus_sdk._version import __version__

if TYPE_CHECKING:
    from oqtopus_sdk import rest
    from oqtopus_sdk._async.job import AsyncOqtopusJob
    from oqtopus_sdk._polling import JobOutcome
    from oqtopus_sdk._sync.job import OqtopusJob
    from oqtopus_sdk.aio import AsyncOqtopusClient
    from oqtopus_sdk.bitstrings import (
        bitstring_dict_to_int_keys,
        bitstring_to_int,
        convert_sampling_counts_to_int_keys,
    )
    from oqtopus_sdk.client import OqtopusClient
    from oqtopus_sdk.config import OqtopusConfig
    from oqtopus_sdk.device import OqtopusDevice
    from oqtopus_sdk.errors import (
        ArchiveError,
        BadRequestError,
        BatchJobError,
        ConfigError,
        ConflictError,
        ForbiddenError,
        JobError,
        JobFailedError,
        JobNotFinishedError,
        JobTimeoutError,
        NotFoundError,
        OqtopusConnectionError,
        OqtopusError,
        OqtopusTimeoutError,
        OqtopusTransportError,
        RateLimitError,
        ResponseValidationError,
        ServerError,
        StorageError,
        SubmissionError,
        UnauthorizedError,
        UnprocessableEntityError,
        UserApiError,
    )
    from oqtopus_sdk.results import (
        OqtopusEstimationJobResult,
        OqtopusJobFailedWarning,
        OqtopusJobResult,
        OqtopusMultiManualJobResult,
        OqtopusSamplingJobResult,
        OqtopusSseJobResult,
    )
    from oqtopus_sdk.spec import OqtopusEstimationOperator, OqtopusJobSpec

_EXPORTS: dict[str, str] = {
    "OqtopusClient": "oqtopus_sdk.client",
    "OqtopusJob": "oqtopus_sdk._sync.job",
    "AsyncOqtopusJob": "oqtopus_sdk._async.job",
    "AsyncOqtopusClient": "oqtopus_sdk.aio",
    "OqtopusConfig": "oqtopus_sdk.config",
    "OqtopusDevice": "oqtopus_sdk.device",
    "OqtopusJobSpec": "oqtopus_sdk.spec",
    "OqtopusEstimationOperator": "oqtopus_sdk.spec",
    "OqtopusJobResult": "oqtopus_sdk.results",
    "OqtopusSamplingJobResult": "oqtopus_sdk.results",
    "OqtopusEstimationJobResult": "oqtopus_sdk.results",
    "OqtopusMultiManualJobResult": "oqtopus_sdk.results",
    "OqtopusSseJobResult": "oqtopus_sdk.results",
    "JobOutcome": "oqtopus_sdk._polling",
    "bitstring_to_int": "oqtopus_sdk.bitstrings",
    "bitstring_dict_to_int_keys": "oqtopus_sdk.bitstrings",
    "convert_sampling_counts_to_int_keys": "oqtopus_sdk.bitstrings",
    "OqtopusError": "oqtopus_sdk.errors",
    "UserApiError": "oqtopus_sdk.errors",
    "BadRequestError": "oqtopus_sdk.errors",
    "UnauthorizedError": "oqtopus_sdk.errors",
    "ForbiddenError": "oqtopus_sdk.errors",
    "NotFoundError": "oqtopus_sdk.errors",
    "ConflictError": "oqtopus_sdk.errors",
    "UnprocessableEntityError": "oqtopus_sdk.errors",
    "RateLimitError": "oqtopus_sdk.errors",
    "ServerError": "oqtopus_sdk.errors",
    "ResponseValidationError": "oqtopus_sdk.errors",
    "OqtopusTransportError": "oqtopus_sdk.errors",
    "OqtopusConnectionError": "oqtopus_sdk.errors",
    "OqtopusTimeoutError": "oqtopus_sdk.errors",
    "StorageError": "oqtopus_sdk.errors",
    "ArchiveError": "oqtopus_sdk.errors",
    "JobError": "oqtopus_sdk.errors",
    "JobTimeoutError": "oqtopus_sdk.errors",
    "JobFailedError": "oqtopus_sdk.errors",
    "JobNotFinishedError": "oqtopus_sdk.errors",
    "SubmissionError": "oqtopus_sdk.errors",
    "BatchJobError": "oqtopus_sdk.errors",
    "ConfigError": "oqtopus_sdk.errors",
    "OqtopusJobFailedWarning": "oqtopus_sdk.results",
}

__all__ = [
    "ArchiveError",
    "AsyncOqtopusClient",
    "AsyncOqtopusJob",
    "BadRequestError",
    "BatchJobError",
    "ConfigError",
    "ConflictError",
    "ForbiddenError",
    "JobError",
    "JobFailedError",
    "JobNotFinishedError",
    "JobOutcome",
    "JobTimeoutError",
    "NotFoundError",
    "OqtopusClient",
    "OqtopusConfig",
    "OqtopusConnectionError",
    "OqtopusDevice",
    "OqtopusError",
    "OqtopusEstimationJobResult",
    "OqtopusEstimationOperator",
    "OqtopusJob",
    "OqtopusJobFailedWarning",
    "OqtopusJobResult",
    "OqtopusJobSpec",
    "OqtopusMultiManualJobResult",
    "OqtopusSamplingJobResult",
    "OqtopusSseJobResult",
    "OqtopusTimeoutError",
    "OqtopusTransportError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "StorageError",
    "SubmissionError",
    "UnauthorizedError",
    "UnprocessableEntityError",
    "UserApiError",
    "__version__",
    "bitstring_dict_to_int_keys",
    "bitstring_to_int",
    "convert_sampling_counts_to_int_keys",
    "rest",
]


def __getattr__(name: str) -> Any:
    if name in ("rest", "services"):
        # The reference's subpackages, reachable as attributes as after `import oqtopus_client`.
        value: Any = importlib.import_module(f"oqtopus_sdk.{name}")
    else:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'oqtopus_sdk' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
