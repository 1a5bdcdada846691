"""Sampling and multi_manual results: counts keyed by bitstring (bit 0 = rightmost)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from oqtopus_sdk import vocabulary
from oqtopus_sdk.bitstrings import convert_sampling_counts_to_int_keys, divided_counts_with_int_keys
from oqtopus_sdk.results._base import OqtopusJobResult

_COUNTS_SHOWN_IN_STR: Final = 8


def _counts_summary(counts: Mapping[str, Any], label: str = "counts") -> str:
    items = sorted(counts.items(), key=lambda item: (-_sort_count(item[1]), item[0]))
    shown = ", ".join(f"{key}: {value}" for key, value in items[:_COUNTS_SHOWN_IN_STR])
    more = len(items) - _COUNTS_SHOWN_IN_STR
    return f"  {label}: {{{shown}{f', ... {more} more' if more > 0 else ''}}}"


def _sort_count(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


class OqtopusSamplingJobResult(OqtopusJobResult):
    """Result of a sampling job: counts keyed by bitstring (bit 0 = rightmost character)."""

    def get_counts(self) -> dict[str, Any]:
        """Counts with the original bitstring keys (``{}`` when there are none)."""
        sampling = self._result_branch(vocabulary.SAMPLING)
        counts = sampling.get("counts") if sampling is not None else None
        if not isinstance(counts, Mapping):
            return {}
        return {str(key): value for key, value in counts.items()}

    def counts_with_integer_keys(self) -> dict[str, Any]:
        """``{"counts": {int: n}, "divided_counts": {int_index: {int: n}}}``.

        Raises:
            ValueError: A key is not a bitstring, or two keys have the same value.
        """
        return convert_sampling_counts_to_int_keys(self._result_branch(vocabulary.SAMPLING))

    def _summary_lines(self) -> list[str]:
        counts = self.get_counts()
        return [_counts_summary(counts)] if counts else []


class OqtopusMultiManualJobResult(OqtopusSamplingJobResult):
    """Result of a multi_manual job: combined counts plus ``divided_counts`` per circuit."""

    def get_divided_counts(self) -> dict[str, dict[int, Any]]:
        """Each circuit's counts with integer keys, keyed by circuit index **as a str**.

        Raises:
            ValueError: A key is not a bitstring, or two keys have the same value.
        """
        sampling = self._result_branch(vocabulary.SAMPLING)
        return divided_counts_with_int_keys(sampling.get("divided_counts") if sampling else None)

    def _summary_lines(self) -> list[str]:
        lines = super()._summary_lines()
        sampling = self._result_branch(vocabulary.SAMPLING)
        divided = sampling.get("divided_counts") if sampling else None
        if isinstance(divided, Mapping):
            for index, counts in divided.items():
                if isinstance(counts, Mapping):
                    lines.append(_counts_summary(counts, f"circuit {index}"))
        return lines
