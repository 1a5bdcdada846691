"""Sampling and multi_manual results: counts keyed by bitstring (bit 0 = rightmost)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from oqtopus_sdk import vocabulary
from oqtopus_sdk.bitstrings import convert_sampling_counts_to_int_keys, divided_counts_with_int_keys
from oqtopus_sdk.results._base import _COUNTS, OqtopusJobResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_COUNTS_SHOWN_IN_STR: Final = 8


def _top_counts_text(counts: Mapping[str, Any]) -> str:
    items = sorted(counts.items(), key=lambda item: (-_sort_count(item[1]), item[0]))
    shown = ", ".join(f"{key}: {value}" for key, value in items[:_COUNTS_SHOWN_IN_STR])
    more = len(items) - _COUNTS_SHOWN_IN_STR
    return f"{{{shown}{f', ... {more} more' if more > 0 else ''}}}"


def _counts_summary(counts: Mapping[str, Any], label: str = "counts") -> str:
    return f"  {label}: {_top_counts_text(counts)}"


def _sort_count(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


class OqtopusSamplingJobResult(OqtopusJobResult):
    """Result of a sampling job: counts keyed by bitstring (bit 0 = rightmost character)."""

    def _counts(self) -> dict[str, Any]:
        sampling = self._result_branch(vocabulary.SAMPLING)
        counts = sampling.get("counts") if sampling is not None else None
        if not isinstance(counts, Mapping):
            return {}
        return {str(key): value for key, value in counts.items()}

    def get_counts(self) -> dict[str, Any]:
        """Counts with the original bitstring keys (``{}`` when there are none).

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        self._warn_if_failed(_COUNTS)
        return self._counts()

    def counts_with_integer_keys(self) -> dict[str, Any]:
        """``{"counts": {int: n}, "divided_counts": {int_index: {int: n}}}``.

        Raises:
            ValueError: A key is not a bitstring, or two keys have the same value.

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        self._warn_if_failed(_COUNTS)
        return convert_sampling_counts_to_int_keys(self._result_branch(vocabulary.SAMPLING))

    def _plot_title(self) -> str:
        label = self.name or self.job_id or "job"
        return f"{label} ({self._job.get('status')}, {self.shots} shots)"

    def _empty_note(self) -> str:
        return f"no counts (job {self._job.get('status')})"

    def plot(self, ax: Axes | None = None, *, top: int | None = None) -> Axes:
        """Draw the counts as a bar chart, bars in bitstring order (needs the ``plot`` extra).

        Args:
            ax: The matplotlib Axes to draw on; None makes a new figure (with pyplot, so a
                notebook shows it).
            top: Show only the ``top`` most frequent outcomes (still in bitstring order).

        Returns:
            The Axes drawn on. The x axis label states the bit order (bit 0 = rightmost).

        Raises:
            ImportError: matplotlib is missing (``pip install 'oqtopus-sdk[plot]'``).
            ValueError: ``top`` is not a positive int.

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        from oqtopus_sdk.results._plot import check_top, plot_counts

        check_top(top)
        self._warn_if_failed(_COUNTS)
        return plot_counts(
            self._counts(), ax=ax, top=top, title=self._plot_title(), empty_note=self._empty_note()
        )

    def to_qiskit(self) -> Any:
        """The counts as qiskit ``Counts`` (a list of them for multi_manual), needs qiskit.

        Returns:
            See :func:`oqtopus_sdk.qiskit.to_qiskit`.

        Raises:
            ImportError: qiskit is missing (``pip install 'oqtopus-sdk[qiskit]'``).
            ValueError: The result holds no counts.
        """
        from oqtopus_sdk.qiskit import to_qiskit

        return to_qiskit(self)

    def to_qiskit_result(self, circuits: Sequence[Any] | None = None) -> Any:
        """This result as a qiskit ``Result``, needs qiskit.

        Args:
            circuits: The circuits in program order (names and register spacing).

        Returns:
            See :func:`oqtopus_sdk.qiskit.to_qiskit_result`.

        Raises:
            ImportError: qiskit is missing (``pip install 'oqtopus-sdk[qiskit]'``).
            ValueError: The result holds no counts, or ``circuits`` has the wrong length.
        """
        from oqtopus_sdk.qiskit import to_qiskit_result

        return to_qiskit_result(self, circuits)

    def _summary_lines(self) -> list[str]:
        counts = self._counts()
        return [_counts_summary(counts)] if counts else []

    def _summary_items(self) -> list[tuple[str, Any]]:
        counts = self._counts()
        return [("top counts", _top_counts_text(counts))] if counts else []


class OqtopusMultiManualJobResult(OqtopusSamplingJobResult):
    """Result of a multi_manual job: combined counts plus ``divided_counts`` per circuit."""

    def get_divided_counts(self) -> dict[str, dict[int, Any]]:
        """Each circuit's counts with integer keys, keyed by circuit index **as a str**.

        Raises:
            ValueError: A key is not a bitstring, or two keys have the same value.

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        self._warn_if_failed(_COUNTS)
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

    def _divided(self) -> list[tuple[str, Mapping[str, Any]]]:
        sampling = self._result_branch(vocabulary.SAMPLING)
        divided = sampling.get("divided_counts") if sampling else None
        if not isinstance(divided, Mapping):
            return []
        groups = [
            (str(index), counts) for index, counts in divided.items() if isinstance(counts, Mapping)
        ]
        groups.sort(key=lambda item: (len(item[0]), item[0]))  # "2" before "10"
        return [(f"circuit {index}", counts) for index, counts in groups]

    def plot(self, ax: Axes | None = None, *, top: int | None = None) -> Axes:
        """Draw every circuit's counts on one Axes: a group of bars (and a colour) per circuit.

        Each group is in bitstring order, groups in circuit order, with a legend naming the
        circuits. A result without ``divided_counts`` draws its combined counts.

        Args:
            ax: The matplotlib Axes to draw on; None makes a new figure.
            top: Show only the ``top`` most frequent outcomes of each circuit.

        Returns:
            The Axes drawn on.

        Raises:
            ImportError: matplotlib is missing (``pip install 'oqtopus-sdk[plot]'``).
            ValueError: ``top`` is not a positive int.

        Warns:
            OqtopusJobFailedWarning: The job failed or was cancelled (once per result).
        """
        from oqtopus_sdk.results._plot import check_top, plot_counts, plot_groups

        check_top(top)
        self._warn_if_failed(_COUNTS)
        groups = self._divided()
        title, note = self._plot_title(), self._empty_note()
        if not groups:
            return plot_counts(self._counts(), ax=ax, top=top, title=title, empty_note=note)
        return plot_groups(groups, ax=ax, top=top, title=title, empty_note=note)

    def _summary_items(self) -> list[tuple[str, Any]]:
        items = super()._summary_items()
        for label, counts in self._divided():
            items.append((label, _top_counts_text(counts)))
        return items
