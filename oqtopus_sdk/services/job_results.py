"""Reference path ``oqtopus_client.services.job_results``: the typed result wrappers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

from oqtopus_api.models import JobsS3EstimationResult, JobsS3SamplingResult
from oqtopus_sdk import rest as models
from oqtopus_sdk.bitstrings import bitstring_dict_to_int_keys, convert_sampling_counts_to_int_keys
from oqtopus_sdk.results import (
    OqtopusEstimationJobResult,
    OqtopusJobResult,
    OqtopusMultiManualJobResult,
    OqtopusSamplingJobResult,
    OqtopusSseJobResult,
)

SamplingPayload: TypeAlias = JobsS3SamplingResult | Mapping[str, Any] | None
"""What ``OqtopusJobResult.sampling`` may hold (the reference's alias)."""
EstimationPayload: TypeAlias = JobsS3EstimationResult | Mapping[str, Any] | None
"""What ``OqtopusJobResult.estimation`` may hold (the reference's alias)."""

__all__ = [
    "EstimationPayload",
    "OqtopusEstimationJobResult",
    "OqtopusJobResult",
    "OqtopusMultiManualJobResult",
    "OqtopusSamplingJobResult",
    "OqtopusSseJobResult",
    "SamplingPayload",
    "bitstring_dict_to_int_keys",
    "convert_sampling_counts_to_int_keys",
    "models",
]
