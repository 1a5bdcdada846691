"""Reference path ``oqtopus_client.services.device``: the device view."""

from __future__ import annotations

from oqtopus_sdk.device import OqtopusDevice

__all__ = ["OqtopusDevice"]
