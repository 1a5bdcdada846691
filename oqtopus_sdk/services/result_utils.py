"""Reference path ``oqtopus_client.services.result_utils``: integer-key count helpers."""

from __future__ import annotations

from oqtopus_sdk import rest as models
from oqtopus_sdk.bitstrings import (
    bitstring_dict_to_int_keys,
    bitstring_to_int,
    convert_sampling_counts_to_int_keys,
)

__all__ = [
    "bitstring_dict_to_int_keys",
    "bitstring_to_int",
    "convert_sampling_counts_to_int_keys",
    "models",
]
