"""Reference path ``oqtopus_client.services.estimation_operator``: one Pauli term."""

from __future__ import annotations

from oqtopus_sdk import rest as models
from oqtopus_sdk.spec import OqtopusEstimationOperator

__all__ = ["OqtopusEstimationOperator", "models"]
