"""Estimation results: the expectation value and its standard deviation."""

from __future__ import annotations

from oqtopus_sdk import vocabulary
from oqtopus_sdk.results._base import OqtopusJobResult


class OqtopusEstimationJobResult(OqtopusJobResult):
    """Result of an estimation job: the expectation value and its standard deviation."""

    def _number(self, key: str) -> float | None:
        branch = self._result_branch(vocabulary.ESTIMATION)
        value = branch.get(key) if branch is not None else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def get_exp_value(self) -> float | None:
        """The expectation value, or None."""
        return self._number("exp_value")

    def get_stds(self) -> float | None:
        """The standard deviation of the expectation value, or None."""
        return self._number("stds")

    @property
    def exp_value(self) -> float | None:
        """Alias of :meth:`get_exp_value`."""
        return self.get_exp_value()

    @property
    def stds(self) -> float | None:
        """Alias of :meth:`get_stds`."""
        return self.get_stds()

    def _summary_lines(self) -> list[str]:
        if self.exp_value is None:
            return []
        spread = f" ± {self.stds}" if self.stds is not None else ""
        return [f"  exp_value: {self.exp_value}{spread}"]
