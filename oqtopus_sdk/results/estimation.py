"""Estimation results: the expectation value and its standard deviation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oqtopus_sdk import vocabulary
from oqtopus_sdk.results._base import _EXPECTATION, OqtopusJobResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes


class OqtopusEstimationJobResult(OqtopusJobResult):
    """Result of an estimation job: the expectation value and its standard deviation."""

    def _number(self, key: str) -> float | None:
        branch = self._result_branch(vocabulary.ESTIMATION)
        value = branch.get(key) if branch is not None else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def get_exp_value(self) -> float | None:
        """The expectation value, or None.

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        self._warn_if_failed(_EXPECTATION)
        return self._number("exp_value")

    def get_stds(self) -> float | None:
        """The standard deviation of the expectation value, or None.

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        self._warn_if_failed(_EXPECTATION)
        return self._number("stds")

    @property
    def exp_value(self) -> float | None:
        """Alias of :meth:`get_exp_value`."""
        self._warn_if_failed(_EXPECTATION)
        return self._number("exp_value")

    @property
    def stds(self) -> float | None:
        """Alias of :meth:`get_stds`."""
        self._warn_if_failed(_EXPECTATION)
        return self._number("stds")

    def plot(self, ax: Axes | None = None, *, top: int | None = None) -> Axes:
        """Draw the expectation value as a bar with an error bar of ``stds`` (``plot`` extra).

        Args:
            ax: The matplotlib Axes to draw on; None makes a new figure.
            top: Accepted for symmetry with the sampling results; ignored.

        Returns:
            The Axes drawn on (a note instead of a bar when there is no value).

        Raises:
            ImportError: matplotlib is missing (``pip install 'oqtopus-sdk[plot]'``).

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        from oqtopus_sdk.results._plot import plot_estimate

        self._warn_if_failed(_EXPECTATION)
        status = self._job.get("status")
        return plot_estimate(
            self._number("exp_value"),
            self._number("stds"),
            ax=ax,
            title=f"{self.name or self.job_id or 'job'} ({status}, {self.shots} shots)",
            empty_note=f"no expectation value (job {status})",
        )

    def _summary_lines(self) -> list[str]:
        value, stds = self._number("exp_value"), self._number("stds")
        if value is None:
            return []
        spread = f" ± {stds}" if stds is not None else ""
        return [f"  exp_value: {value}{spread}"]

    def _summary_items(self) -> list[tuple[str, Any]]:
        value, stds = self._number("exp_value"), self._number("stds")
        if value is None:
            return []
        return [("exp_value", value if stds is None else f"{value} ± {stds}")]
