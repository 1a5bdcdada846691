"""Reference path ``oqtopus_client.services.job_spec``: what to run."""

from __future__ import annotations

from oqtopus_sdk import rest as models
from oqtopus_sdk.spec import OqtopusEstimationOperator, OqtopusJobSpec

__all__ = ["OqtopusEstimationOperator", "OqtopusJobSpec", "models"]
