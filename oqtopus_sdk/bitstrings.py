"""Bitstring maths for sampling counts (pure functions, no I/O).

Bit order convention (wire contract section 8): **classical bit 0 is the rightmost
character** of a counts key, so ``int(key, 2)`` is the measured integer. In a multi_manual
job's combined bitstring the rightmost piece belongs to circuit 0 and the leftmost to the
highest-index circuit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "BIT_ORDER",
    "bitstring_dict_to_int_keys",
    "bitstring_to_int",
    "convert_sampling_counts_to_int_keys",
    "divided_counts_with_int_keys",
    "format_bitstring",
    "split_combined_counts",
]

BIT_ORDER = "classical bit 0 is the rightmost character"
"""The bit order of every counts key the service returns (recorded in saved results)."""


def _clean(bitstring: str) -> str | None:
    cleaned = bitstring.strip().replace("_", "").replace(" ", "")
    if cleaned[:2] in ("0b", "0B"):
        cleaned = cleaned[2:]
    if not cleaned or cleaned.strip("01"):
        return None
    return cleaned


def bitstring_to_int(bitstring: str) -> int:
    """Convert a bitstring key such as ``"0101"`` or ``"0b0101"`` to its integer value.

    Surrounding whitespace, inner spaces and underscores are ignored and one ``0b`` prefix is
    accepted.

    Args:
        bitstring: The key to convert.

    Returns:
        The integer whose binary form the key spells (bit 0 = rightmost character).

    Raises:
        ValueError: The value is not a string of 0s and 1s after cleaning.
    """
    if not isinstance(bitstring, str):
        raise ValueError(f"Invalid bitstring: {bitstring!r} (expected a str of 0s and 1s)")
    cleaned = _clean(bitstring)
    if cleaned is None:
        raise ValueError(f"Invalid bitstring: {bitstring!r}")
    return int(cleaned, 2)


def format_bitstring(value: int, width: int) -> str:
    """Format an integer as a zero-padded bitstring key of ``width`` characters.

    Args:
        value: A non-negative integer below ``2**width``.
        width: The register width (>= 1).

    Returns:
        The key, classical bit 0 the rightmost character.

    Raises:
        ValueError: ``width`` is not a positive int, or ``value`` does not fit.
    """
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise ValueError(f"width must be a positive int, got {width!r}")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < (1 << width):
        raise ValueError(f"value must be an int in 0..{(1 << width) - 1}, got {value!r}")
    return format(value, f"0{width}b")


def bitstring_dict_to_int_keys(values: Mapping[str, Any] | None) -> dict[int, Any]:
    """Re-key a count map by the integer value of each bitstring.

    Unlike 1.3.0, two keys with the same value (``"01"`` and ``"0b01"``) are an error rather
    than one silently overwriting the other.

    Args:
        values: Bitstring -> count (None or empty gives ``{}``).

    Returns:
        Integer -> count, in the input order.

    Raises:
        ValueError: A key is not a bitstring, or two keys have the same value (both named).
    """
    if not values:
        return {}
    converted: dict[int, Any] = {}
    for key, value in values.items():
        # Fast path for the wire format (plain ASCII 0/1 digits); int() still rejects other
        # digits, and anything else goes through the full cleaning rules.
        if type(key) is str and key.isascii() and key.isdigit():
            try:
                converted[int(key, 2)] = value
                continue
            except ValueError:
                pass
        converted[bitstring_to_int(key)] = value
    if len(converted) != len(values):
        _raise_for_collision(values)
    return converted


def _raise_for_collision(values: Mapping[str, Any]) -> None:
    # Only on the error path: naming both keys needs a second map, which the fast path avoids.
    origin: dict[int, str] = {}
    for key in values:
        number = bitstring_to_int(key)
        if number in origin:
            raise ValueError(
                f"bitstring keys {origin[number]!r} and {key!r} both mean {number}; "
                "refusing to overwrite one count with the other"
            )
        origin[number] = key


def _as_mapping(value: object, what: str) -> Mapping[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        converted = to_dict()
        if isinstance(converted, Mapping):
            return converted
    raise ValueError(f"{what} must be a mapping, got {type(value).__name__}: {value!r}")


def _circuit_index(key: object) -> int:
    if isinstance(key, bool):
        raise ValueError(f"divided_counts index must be a decimal circuit index, got {key!r}")
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key.strip())
    raise ValueError(f"divided_counts index must be a decimal circuit index, got {key!r}")


def divided_counts_with_int_keys(divided_counts: Any) -> dict[str, dict[int, Any]]:
    """Re-key each circuit's count map of ``divided_counts`` by integer, keeping the index a str.

    This is the shape of ``OqtopusMultiManualJobResult.get_divided_counts()``:
    ``{"0": {0: 500, 1: 500}, "1": {...}}``.

    Args:
        divided_counts: Circuit index -> (bitstring -> count); None gives ``{}``.

    Returns:
        Circuit index (as a str) -> (integer -> count), in the input order.

    Raises:
        ValueError: A circuit's counts are not a mapping, or a key is not a bitstring.
    """
    mapping = _as_mapping(divided_counts, "divided_counts")
    if not mapping:
        return {}
    result: dict[str, dict[int, Any]] = {}
    for index, counts in mapping.items():
        sub = _as_mapping(counts, f"divided_counts[{index!r}]")
        result[str(index)] = bitstring_dict_to_int_keys(sub)
    return result


def convert_sampling_counts_to_int_keys(sampling_result: Any) -> dict[str, Any]:
    """Re-key ``counts`` and ``divided_counts`` of a sampling result by integer.

    Args:
        sampling_result: A ``{"counts": ..., "divided_counts": ...}`` mapping, a generated
            ``JobsS3SamplingResult`` (anything with ``to_dict()``), or None.

    Returns:
        ``{"counts": {int: n}, "divided_counts": {int_index: {int: n}}}`` (the circuit index is
        an int here, as in 1.3.0).

    Raises:
        ValueError: A key is not a bitstring or a circuit index, or two keys collide.
    """
    sampling = _as_mapping(sampling_result, "sampling result")
    if sampling is None:
        return {"counts": {}, "divided_counts": {}}
    counts = _as_mapping(sampling.get("counts"), "counts")
    divided = _as_mapping(sampling.get("divided_counts"), "divided_counts") or {}
    divided_int: dict[int, dict[int, Any]] = {}
    for index, sub in divided.items():
        number = _circuit_index(index)
        if number in divided_int:
            raise ValueError(f"divided_counts has two entries for circuit {number} ({index!r})")
        divided_int[number] = bitstring_dict_to_int_keys(
            _as_mapping(sub, f"divided_counts[{index!r}]")
        )
    return {"counts": bitstring_dict_to_int_keys(counts), "divided_counts": divided_int}


def split_combined_counts(
    counts: Mapping[str, int], widths: Sequence[int]
) -> dict[str, dict[str, int]]:
    """Cut combined multi_manual counts into one count map per circuit.

    Each combined key is cut into pieces of the given widths, the **rightmost** piece
    belonging to circuit 0; counts of equal pieces are added up. Every resulting map adds up
    to the combined total, as the service's ``divided_counts`` do.

    Args:
        counts: Combined bitstring -> count; every key must be ``sum(widths)`` bits long
            (spaces and underscores are ignored).
        widths: Classical register width of each circuit, in program order.

    Returns:
        Circuit index as a decimal str -> (bitstring of that circuit's width -> count).

    Raises:
        ValueError: A width is not a positive int, a key is not a bitstring or has the wrong
            length, or a count is not a non-negative int.
    """
    if not widths:
        raise ValueError("widths must list at least one circuit width, got []")
    for position, width in enumerate(widths):
        if isinstance(width, bool) or not isinstance(width, int) or width < 1:
            raise ValueError(f"widths[{position}] must be a positive int, got {width!r}")
    total = sum(widths)
    divided: dict[str, dict[str, int]] = {str(index): {} for index in range(len(widths))}
    for key, count in counts.items():
        cleaned = _clean(key) if isinstance(key, str) else None
        if cleaned is None:
            raise ValueError(f"Invalid bitstring: {key!r}")
        if len(cleaned) != total:
            raise ValueError(
                f"combined bitstring {key!r} has {len(cleaned)} bits, expected {total} "
                f"(widths {list(widths)})"
            )
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"count for {key!r} must be a non-negative int, got {count!r}")
        end = total
        for index, width in enumerate(widths):
            piece = cleaned[end - width : end]
            end -= width
            bucket = divided[str(index)]
            bucket[piece] = bucket.get(piece, 0) + count
    return divided
