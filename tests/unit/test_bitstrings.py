"""Bitstring conversion, collision detection and multi_manual splitting."""

from __future__ import annotations

from typing import Any

import pytest

from oqtopus_sdk.bitstrings import (
    bitstring_dict_to_int_keys,
    bitstring_to_int,
    convert_sampling_counts_to_int_keys,
    divided_counts_with_int_keys,
    format_bitstring,
    split_combined_counts,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("1", 1),
        ("10", 2),
        ("0101", 5),
        ("0b0101", 5),
        ("0B11", 3),
        (" 11 ", 3),
        ("1_0 1", 5),
        ("0b", None),
    ],
)
def test_bitstring_to_int(text: str, value: int | None) -> None:
    if value is None:
        with pytest.raises(ValueError, match="Invalid bitstring: '0b'"):
            bitstring_to_int(text)
    else:
        assert bitstring_to_int(text) == value


@pytest.mark.parametrize("text", ["", "   ", "012", "0x1", "abc", "1.0", "-1", "0b0b1"])
def test_bitstring_to_int_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=rf"Invalid bitstring: {text!r}"):
        bitstring_to_int(text)


def test_bitstring_to_int_rejects_non_str() -> None:
    with pytest.raises(ValueError, match="Invalid bitstring: 5"):
        bitstring_to_int(5)  # type: ignore[arg-type]


def test_rightmost_char_is_bit_zero() -> None:
    assert bitstring_to_int("001") == 1
    assert bitstring_to_int("100") == 4


def test_format_bitstring_round_trip() -> None:
    for value in range(8):
        assert bitstring_to_int(format_bitstring(value, 3)) == value
    assert format_bitstring(1, 4) == "0001"


@pytest.mark.parametrize(("value", "width"), [(8, 3), (-1, 3), (1, 0), (True, 2), (1, 1.5)])
def test_format_bitstring_rejects(value: Any, width: Any) -> None:
    with pytest.raises(ValueError, match=r"width|value"):
        format_bitstring(value, width)


def test_dict_to_int_keys_keeps_order_and_values() -> None:
    assert bitstring_dict_to_int_keys({"11": 507, "00": 493}) == {3: 507, 0: 493}
    assert list(bitstring_dict_to_int_keys({"11": 1, "00": 2})) == [3, 0]
    assert bitstring_dict_to_int_keys(None) == {}
    assert bitstring_dict_to_int_keys({}) == {}


@pytest.mark.parametrize(("a", "b"), [("01", "0b01"), ("01", "1"), ("0 1", "01")])
def test_dict_to_int_keys_collision_names_both(a: str, b: str) -> None:
    with pytest.raises(ValueError, match=rf"{a!r} and {b!r} both mean 1"):
        bitstring_dict_to_int_keys({a: 10, b: 20})


def test_dict_to_int_keys_bad_key() -> None:
    with pytest.raises(ValueError, match="Invalid bitstring: 'zz'"):
        bitstring_dict_to_int_keys({"zz": 1})


def test_convert_sampling_counts_reference_shape() -> None:
    converted = convert_sampling_counts_to_int_keys(
        {"counts": {"0100": 250, "1001": 750}, "divided_counts": {"0": {"00": 250, "01": 750}}}
    )
    assert converted == {"counts": {4: 250, 9: 750}, "divided_counts": {0: {0: 250, 1: 750}}}


def test_convert_sampling_counts_none_and_null_divided() -> None:
    assert convert_sampling_counts_to_int_keys(None) == {"counts": {}, "divided_counts": {}}
    assert convert_sampling_counts_to_int_keys({"counts": {"1": 3}, "divided_counts": None}) == {
        "counts": {1: 3},
        "divided_counts": {},
    }


def test_convert_sampling_counts_accepts_generated_model() -> None:
    from oqtopus_api.models import JobsS3SamplingResult

    model = JobsS3SamplingResult.from_dict({"counts": {"10": 4}, "divided_counts": {"1": {"1": 4}}})
    assert convert_sampling_counts_to_int_keys(model) == {
        "counts": {2: 4},
        "divided_counts": {1: {1: 4}},
    }


@pytest.mark.parametrize(
    ("payload", "pattern"),
    [
        ({"counts": {"0": 1}, "divided_counts": {"x": {"0": 1}}}, "circuit index, got 'x'"),
        ({"counts": {"0": 1}, "divided_counts": {"0": 5}}, r"divided_counts\['0'\] must be"),
        ({"counts": [1, 2]}, "counts must be a mapping"),
        ({"counts": {}, "divided_counts": {"1": {}, " 1": {}}}, "two entries for circuit 1"),
        ("nope", "sampling result must be a mapping"),
    ],
)
def test_convert_sampling_counts_errors(payload: Any, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        convert_sampling_counts_to_int_keys(payload)


def test_divided_counts_with_int_keys_string_index() -> None:
    assert divided_counts_with_int_keys({"0": {"00": 500, "01": 500}, "1": {"1": 2}}) == {
        "0": {0: 500, 1: 500},
        "1": {1: 2},
    }
    assert divided_counts_with_int_keys(None) == {}


def test_divided_counts_with_int_keys_collision() -> None:
    with pytest.raises(ValueError, match="both mean"):
        divided_counts_with_int_keys({"0": {"1": 1, "01": 1}})


def test_split_combined_counts_rightmost_is_circuit_zero() -> None:
    # circuit 0 has 2 bits (rightmost), circuit 1 has 1 bit (leftmost)
    divided = split_combined_counts({"101": 10, "001": 5, "110": 1}, [2, 1])
    assert divided == {"0": {"01": 15, "10": 1}, "1": {"1": 11, "0": 5}}


def test_split_combined_counts_each_piece_sums_to_total() -> None:
    counts = {"0100": 250, "1001": 250, "0000": 500}
    divided = split_combined_counts(counts, [2, 2])
    for piece in divided.values():
        assert sum(piece.values()) == 1000
    assert divided["0"] == {"00": 750, "01": 250}
    assert divided["1"] == {"01": 250, "10": 250, "00": 500}


def test_split_combined_counts_matches_wire_example() -> None:
    divided = split_combined_counts({"0100": 250, "0001": 250, "0000": 500}, [2, 2])
    assert set(divided) == {"0", "1"}


@pytest.mark.parametrize(
    ("counts", "widths", "pattern"),
    [
        ({"101": 1}, [2, 2], "has 3 bits, expected 4"),
        ({"1x1": 1}, [1, 2], "Invalid bitstring"),
        ({"11": -1}, [1, 1], "non-negative int, got -1"),
        ({"11": 1.5}, [1, 1], "non-negative int, got 1.5"),
        ({"11": 1}, [], "at least one"),
        ({"11": 1}, [2, 0], r"widths\[1\] must be a positive int, got 0"),
    ],
)
def test_split_combined_counts_errors(counts: Any, widths: Any, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        split_combined_counts(counts, widths)


@pytest.mark.compat
def test_matches_reference_sdk_on_valid_input() -> None:
    reference = pytest.importorskip("oqtopus_client")
    for text in ["0", "1", "0101", "0b11", " 1_0 ", "1 1", "0b", "x", "", "012"]:
        try:
            expected: int | None = reference.bitstring_to_int(text)
        except ValueError:
            expected = None
        try:
            ours: int | None = bitstring_to_int(text)
        except ValueError:
            ours = None
        assert ours == expected, text
    payload = {"counts": {"0100": 250, "1001": 750}, "divided_counts": {"0": {"00": 1}}}
    assert convert_sampling_counts_to_int_keys(
        payload
    ) == reference.convert_sampling_counts_to_int_keys(payload)


@pytest.mark.parametrize("key", ["\u0661\u0660", "012", "1\u00b2", "+1"])
def test_dict_conversion_rejects_digits_that_are_not_binary(key: str) -> None:
    with pytest.raises(ValueError, match="Invalid bitstring"):
        bitstring_dict_to_int_keys({"00": 1, key: 2})
