"""Archive building and defensive reading (entry counts, zip bombs, lying headers)."""

from __future__ import annotations

import io
import json
import struct
import zipfile

import pytest

from oqtopus_sdk._archives import (
    build_input_archive,
    build_single_entry_archive,
    decode_archive,
    read_json_archive,
    read_single_entry,
    read_text_archive,
    sse_log_text,
)
from oqtopus_sdk.errors import ArchiveError


def make_zip(entries: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_input_archive_is_one_deflated_input_json() -> None:
    doc = {"program": ["OPENQASM 3; qubit q;"], "operator": [{"pauli": "X 0", "coeff": 1.0}]}
    data = build_input_archive(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        assert [info.filename for info in infos] == ["input.json"]
        assert infos[0].compress_type == zipfile.ZIP_DEFLATED
        assert zf.read("input.json") == json.dumps(doc).encode()


def test_input_archive_is_deterministic() -> None:
    doc = {"sse_program": "print('hi')"}
    assert build_input_archive(doc) == build_input_archive(doc)


def test_input_archive_round_trip_and_custom_entry() -> None:
    doc = {"sse_program": "print('héllo')"}
    data = build_input_archive(doc, entry_name="sse.json")
    assert read_single_entry("input", data)[0] == "sse.json"
    assert read_json_archive("input", data) == doc


@pytest.mark.parametrize(
    ("doc", "pattern"),
    [
        (["not", "a", "mapping"], "must be a JSON object, got list"),
        ({"coeff": float("nan")}, "not valid JSON"),
        ({"x": object()}, "not valid JSON"),
    ],
)
def test_input_archive_rejects(doc: object, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        build_input_archive(doc)  # type: ignore[arg-type]


def test_single_entry_archive_rejects_bad_name() -> None:
    with pytest.raises(ValueError, match="entry_name"):
        build_single_entry_archive("", b"x")


def test_read_single_entry_any_name() -> None:
    data = make_zip({"combined_program": "OPENQASM 3;"})
    assert read_single_entry("combined_program", data) == ("combined_program", b"OPENQASM 3;")


def test_read_single_entry_ignores_directories() -> None:
    data = make_zip({"dir/": b"", "dir/result.json": b"{}"})
    assert read_single_entry("result", data) == ("dir/result.json", b"{}")


def test_zero_entries_names_archive() -> None:
    with pytest.raises(ArchiveError, match=r"'result'.*found 0") as info:
        read_single_entry("result", make_zip({}))
    assert info.value.archive == "result"


def test_two_entries_names_archive_and_entries() -> None:
    with pytest.raises(ArchiveError, match=r"'input'.*found 2.*a\.json.*b\.json"):
        read_single_entry("input", make_zip({"a.json": "{}", "b.json": "{}"}))


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04garbage"])
def test_not_a_zip(data: bytes) -> None:
    with pytest.raises(ArchiveError, match=r"'transpile_result'.*not a zip"):
        read_single_entry("transpile_result", data)


def test_non_bytes_rejected() -> None:
    with pytest.raises(ArchiveError, match="expected zip bytes, got str"):
        read_single_entry("result", "PK..")  # type: ignore[arg-type]


def test_zip_bomb_refused_by_declared_size() -> None:
    bomb = make_zip({"result.json": b"0" * 2_000_000})
    assert len(bomb) < 20_000
    with pytest.raises(ArchiveError, match=r"'result'.*declares 2000000 bytes.*1000000-byte"):
        read_single_entry("result", bomb, max_bytes=1_000_000)


def _patch_declared_size(data: bytes, size: int) -> bytes:
    """Rewrite the entry's uncompressed size in both headers (a lying archive)."""
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    struct.pack_into("<I", patched, local + 22, size)
    central = patched.find(b"PK\x01\x02")
    struct.pack_into("<I", patched, central + 24, size)
    return bytes(patched)


def test_lying_header_cannot_inflate_past_limit() -> None:
    honest = make_zip({"result.json": b"0" * 500_000})
    liar = _patch_declared_size(honest, 10)
    # The header claims 10 bytes, well under the limit; the data must still be refused.
    with pytest.raises(ArchiveError, match="'result'"):
        read_single_entry("result", liar, max_bytes=100_000)


def test_corrupt_entry_data() -> None:
    data = bytearray(make_zip({"result.json": b'{"sampling": null}' * 50}))
    offset = data.find(b"result.json") + len("result.json") + 5
    data[offset : offset + 20] = b"\xff" * 20
    with pytest.raises(ArchiveError, match="'result'"):
        read_json_archive("result", bytes(data))


def test_read_json_archive_object() -> None:
    payload = {"sampling": {"counts": {"00": 1}}, "estimation": None}
    assert read_json_archive("result", make_zip({"result.json": json.dumps(payload)})) == payload


def test_read_json_archive_accepts_bom() -> None:
    data = make_zip({"r.json": "\ufeff" + json.dumps({"a": 1})})
    assert read_json_archive("result", data) == {"a": 1}


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"[1, 2]", "must hold a JSON object, got list"),
        (b'"text"', "must hold a JSON object, got str"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_read_json_archive_rejects(content: bytes, pattern: str) -> None:
    with pytest.raises(ArchiveError, match=rf"'result'.*{pattern}"):
        read_json_archive("result", make_zip({"result.json": content}))


def test_read_text_archive() -> None:
    assert read_text_archive("combined_program", make_zip({"cp": "OPENQASM 3;"})) == "OPENQASM 3;"
    with pytest.raises(ArchiveError, match="not utf-8 text"):
        read_text_archive("combined_program", make_zip({"cp": b"\xff"}))


def test_decode_archive_dispatch() -> None:
    assert decode_archive("combined_program", make_zip({"combined_program": "QASM"})) == "QASM"
    assert decode_archive("sse_log", make_zip({"sse_runtime.log": "out\n"})) == "out\n"
    assert decode_archive("input", make_zip({"input.json": '{"program": []}'})) == {"program": []}
    assert decode_archive("device_info", make_zip({"device_info.json": "{}"})) == {}
    with pytest.raises(ArchiveError, match="'transpile_result'"):
        decode_archive("transpile_result", make_zip({"t": "QASM"}))


def test_decode_archive_respects_limit() -> None:
    with pytest.raises(ArchiveError, match="limit"):
        decode_archive("result", make_zip({"r": b"{}" + b" " * 5000}), max_bytes=100)


def test_sse_log_text_joins_entries_with_headers() -> None:
    data = make_zip({"sse_runtime.log": "line 1\n", "extra.log": "line 2\n"})
    assert (
        sse_log_text(data) == "===== sse_runtime.log =====\nline 1\n\n===== extra.log =====\nline 2"
    )


def test_sse_log_text_raw_fallback_and_empty() -> None:
    assert sse_log_text(b"plain log text") == "plain log text"
    assert sse_log_text(make_zip({})) == ""


def test_sse_log_text_replaces_undecodable_bytes() -> None:
    assert sse_log_text(make_zip({"l": b"ok \xff"})) == "===== l =====\nok \ufffd"


def test_sse_log_text_total_limit() -> None:
    data = make_zip({"a": b"x" * 600, "b": b"y" * 600})
    with pytest.raises(ArchiveError, match="'sse_log'"):
        sse_log_text(data, max_bytes=1000)
