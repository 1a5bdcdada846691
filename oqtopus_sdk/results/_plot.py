"""Plots of results on matplotlib (the ``plot`` extra), imported only when a plot is drawn.

Bars are in bitstring order (the most frequent ``top`` outcomes are kept first, when asked),
and the x axis says which end is classical bit 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from oqtopus_sdk._display import require_pyplot, shorten

if TYPE_CHECKING:
    from matplotlib.axes import Axes

OUTCOME_LABEL: Final = "outcome (classical bit 0 = rightmost)"
_MANY_LABELS: Final = 8


def check_top(top: int | None) -> None:
    """Reject a ``top`` that is not None or a positive int.

    Raises:
        ValueError: ``top`` is a bool, not an int, or below 1.
    """
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be a positive int or None, got {top!r}")


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def ordered_counts(counts: Mapping[str, Any], top: int | None) -> list[tuple[str, float]]:
    """Counts as ``(bitstring, count)`` in bitstring order, keeping the ``top`` most frequent.

    Args:
        counts: Counts by bitstring.
        top: Keep only this many of the most frequent outcomes (ties by bitstring); None
            keeps all.

    Returns:
        The pairs, sorted by (length, bitstring), so equal-width keys sort by value.
    """
    items = [(str(key), _number(value)) for key, value in counts.items()]
    if top is not None:
        items = sorted(items, key=lambda item: (-item[1], len(item[0]), item[0]))[:top]
    return sorted(items, key=lambda item: (len(item[0]), item[0]))


def new_axes(width: float) -> Axes:
    """A new figure's single Axes, ``width`` inches wide (pyplot, so notebooks show it)."""
    plt = require_pyplot()
    _figure, axes = plt.subplots(figsize=(min(max(width, 4.0), 16.0), 3.5), layout="constrained")
    result: Axes = axes
    return result


def _finish_labels(ax: Axes, labels: Sequence[str]) -> None:
    if len(labels) > _MANY_LABELS or any(len(label) > 6 for label in labels):
        ax.tick_params(axis="x", labelrotation=90)


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)


def plot_counts(
    counts: Mapping[str, Any],
    *,
    ax: Axes | None,
    top: int | None,
    title: str,
    empty_note: str,
) -> Axes:
    """Draw one bar per outcome.

    Args:
        counts: Counts by bitstring.
        ax: Axes to draw on (a new figure when None).
        top: Keep only the most frequent outcomes.
        title: Axes title.
        empty_note: Text shown when there are no counts.

    Returns:
        The Axes.

    Raises:
        ValueError: A bad ``top``.
        ImportError: matplotlib is not installed.
    """
    check_top(top)
    pairs = ordered_counts(counts, top)
    axes = ax if ax is not None else new_axes(1.5 + 0.4 * len(pairs))
    labels = [key for key, _ in pairs]
    axes.bar(range(len(pairs)), [value for _, value in pairs], color="tab:blue")
    axes.set_xticks(range(len(pairs)), labels)
    _finish_labels(axes, labels)
    axes.set_xlabel(OUTCOME_LABEL)
    axes.set_ylabel("counts")
    axes.set_title(shorten(title, 80))
    if not pairs:
        _empty(axes, empty_note)
    return axes


def plot_groups(
    groups: Sequence[tuple[str, Mapping[str, Any]]],
    *,
    ax: Axes | None,
    top: int | None,
    title: str,
    empty_note: str,
) -> Axes:
    """Draw several circuits' counts on one Axes: one group of bars (and colour) per circuit.

    Args:
        groups: ``(group label, counts)`` in order.
        ax: Axes to draw on (a new figure when None).
        top: Keep only the most frequent outcomes of each group.
        title: Axes title.
        empty_note: Text shown when there are no counts.

    Returns:
        The Axes (one legend entry per group).

    Raises:
        ValueError: A bad ``top``.
        ImportError: matplotlib is not installed.
    """
    check_top(top)
    ordered = [(label, ordered_counts(counts, top)) for label, counts in groups]
    total = sum(len(pairs) for _, pairs in ordered) + max(len(ordered) - 1, 0)
    axes = ax if ax is not None else new_axes(3.0 + 0.4 * total)  # room for the legend
    positions: list[int] = []
    labels: list[str] = []
    cursor = 0
    for index, (label, pairs) in enumerate(ordered):
        xs = list(range(cursor, cursor + len(pairs)))
        axes.bar(xs, [value for _, value in pairs], color=f"C{index % 10}", label=label)
        positions.extend(xs)
        labels.extend(key for key, _ in pairs)
        cursor += len(pairs) + 1  # one empty slot between circuits
    axes.set_xticks(positions, labels)
    _finish_labels(axes, labels)
    axes.set_xlabel(OUTCOME_LABEL)
    axes.set_ylabel("counts")
    axes.set_title(shorten(title, 80))
    if ordered and positions:
        axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        _empty(axes, empty_note)
    return axes


def plot_estimate(
    value: float | None, stds: float | None, *, ax: Axes | None, title: str, empty_note: str
) -> Axes:
    """Draw the expectation value as one bar with an error bar of ``stds``.

    Args:
        value: The expectation value (None: nothing to draw but ``empty_note``).
        stds: Its standard deviation (None: no error bar).
        ax: Axes to draw on (a new figure when None).
        title: Axes title.
        empty_note: Text shown when there is no value.

    Returns:
        The Axes.

    Raises:
        ImportError: matplotlib is not installed.
    """
    axes = ax if ax is not None else new_axes(3.0)
    if value is None:
        _empty(axes, empty_note)
    else:
        axes.bar(
            [0],
            [value],
            yerr=None if stds is None else [stds],
            capsize=10,
            width=0.5,
            color="tab:blue",
        )
        spread = "" if stds is None else f" ± {stds:.4g}"
        reach = abs(stds) if stds is not None else 0.0
        axes.annotate(
            f"{value:.4g}{spread}",
            (0.3, value),
            textcoords="offset points",
            xytext=(0, 0),
            ha="left",
            va="center",
        )
        axes.axhline(0, color="grey", linewidth=0.8)
        low, high = min(0.0, value - reach), max(0.0, value + reach)
        pad = 0.15 * ((high - low) or 1.0)
        axes.set_ylim(low - (pad if low < 0 else 0.0), high + pad)
    axes.set_xticks([0], ["exp_value"])
    axes.set_xlim(-1, 1)
    axes.set_ylabel("expectation value")
    axes.set_title(shorten(title, 80))
    return axes
