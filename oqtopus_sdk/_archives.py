"""Job archives: build the uploaded ``input.zip`` and read downloaded single-entry zips.

Pure functions over bytes (no I/O). Every problem raises :class:`~oqtopus_sdk.errors.ArchiveError`
naming the archive (``input``, ``result``, ``transpile_result``, ``combined_program``,
``sse_log``, ``device_info``). Entries are inflated in chunks against a size limit, so a zip
bomb (or a lying size header) cannot exhaust memory.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Mapping
from typing import Any, Final

from .constants import (
    ARCHIVE_READ_CHUNK_BYTES,
    INPUT_ARCHIVE_ENTRY_NAME,
    MAX_ARCHIVE_DECOMPRESSED_BYTES,
)
from .errors import ArchiveError

__all__ = [
    "TEXT_ARCHIVE_KEYS",
    "build_input_archive",
    "build_single_entry_archive",
    "decode_archive",
    "read_json_archive",
    "read_single_entry",
    "read_text_archive",
    "sse_log_text",
]

TEXT_ARCHIVE_KEYS: Final = frozenset({"combined_program", "sse_log"})
"""job_info keys whose archive holds plain text (OpenQASM, the SSE container log)."""

# A fixed timestamp makes the same document always zip to the same bytes, so a retried
# upload is byte-identical to the first attempt.
_FIXED_DATE: Final = (1980, 1, 1, 0, 0, 0)


def build_single_entry_archive(entry_name: str, data: bytes | str) -> bytes:
    """Zip ``data`` as the only, DEFLATE-compressed entry ``entry_name``.

    Args:
        entry_name: The entry's file name inside the zip.
        data: The entry's content (a str is encoded as UTF-8).

    Returns:
        The zip archive bytes (deterministic for equal input).

    Raises:
        ValueError: ``entry_name`` is empty or not a str.
    """
    if not isinstance(entry_name, str) or not entry_name:
        raise ValueError(f"entry_name must be a non-empty str, got {entry_name!r}")
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    info = zipfile.ZipInfo(entry_name, date_time=_FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, mode="w") as archive:
        archive.writestr(info, payload)
    return buffer.getvalue()


def build_input_archive(
    document: Mapping[str, Any], *, entry_name: str = INPUT_ARCHIVE_ENTRY_NAME
) -> bytes:
    """Zip the job input document as the service expects: one DEFLATE entry ``input.json``.

    Args:
        document: The input JSON object (``{"program": [...]}``, ``{"sse_program": ...}``, ...).
        entry_name: The entry name; the backend reads the only entry whatever its name.

    Returns:
        The zip archive bytes; the entry holds ``json.dumps(document)``.

    Raises:
        ValueError: The document is not a mapping or is not JSON-serialisable (NaN included).
    """
    if not isinstance(document, Mapping):
        raise ValueError(f"input document must be a JSON object, got {type(document).__name__}")
    try:
        text = json.dumps(dict(document), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"input document is not valid JSON: {exc}") from exc
    return build_single_entry_archive(entry_name, text)


def _open_zip(archive: str, data: bytes) -> zipfile.ZipFile:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ArchiveError(archive, f"expected zip bytes, got {type(data).__name__}")
    try:
        return zipfile.ZipFile(io.BytesIO(bytes(data)))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ArchiveError(archive, f"not a zip archive ({len(data)} bytes): {exc}") from exc


def _read_entry(archive: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
    if info.file_size > max_bytes:
        raise ArchiveError(
            archive,
            f"entry {info.filename!r} declares {info.file_size} bytes, over the "
            f"{max_bytes}-byte limit",
        )
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as handle:
            while True:
                # Never trust the header: count what really comes out of the inflater.
                chunk = handle.read(min(ARCHIVE_READ_CHUNK_BYTES, max_bytes + 1 - size))
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise ArchiveError(
                        archive,
                        f"entry {info.filename!r} inflates to more than the {max_bytes}-byte limit",
                    )
                chunks.append(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        RuntimeError,  # encrypted entry
        NotImplementedError,  # unsupported compression method
        OSError,
        EOFError,
    ) as exc:
        raise ArchiveError(archive, f"cannot read entry {info.filename!r}: {exc}") from exc
    return b"".join(chunks)


def _file_entries(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [info for info in zf.infolist() if not info.is_dir()]


def read_single_entry(
    archive: str, data: bytes, *, max_bytes: int = MAX_ARCHIVE_DECOMPRESSED_BYTES
) -> tuple[str, bytes]:
    """Return the name and content of a zip's only file entry, whatever its name.

    Args:
        archive: Which archive this is (named in errors).
        data: The zip bytes.
        max_bytes: Refuse an entry that declares or inflates to more than this.

    Returns:
        ``(entry name, entry bytes)``.

    Raises:
        ArchiveError: Not a zip, zero or several file entries, corrupt or encrypted data, or
            over the size limit.
    """
    with _open_zip(archive, data) as zf:
        entries = _file_entries(zf)
        if len(entries) != 1:
            names = [info.filename for info in entries]
            raise ArchiveError(
                archive, f"expected exactly one file in the zip, found {len(entries)}: {names}"
            )
        return entries[0].filename, _read_entry(archive, zf, entries[0], max_bytes)


def read_json_archive(
    archive: str, data: bytes, *, max_bytes: int = MAX_ARCHIVE_DECOMPRESSED_BYTES
) -> dict[str, Any]:
    """Read a single-entry zip holding one JSON object.

    Args:
        archive: Which archive this is (named in errors).
        data: The zip bytes.
        max_bytes: Decompressed size limit.

    Returns:
        The decoded object.

    Raises:
        ArchiveError: As :func:`read_single_entry`, or the entry is not UTF-8 JSON, or its
            top-level value is not an object.
    """
    name, raw = read_single_entry(archive, data, max_bytes=max_bytes)
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ArchiveError(archive, f"entry {name!r} is not UTF-8 text: {exc}") from exc
    except ValueError as exc:
        raise ArchiveError(archive, f"entry {name!r} is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise ArchiveError(archive, f"entry {name!r} is JSON nested too deeply") from exc
    if not isinstance(value, dict):
        raise ArchiveError(
            archive, f"entry {name!r} must hold a JSON object, got {type(value).__name__}"
        )
    return value


def read_text_archive(
    archive: str,
    data: bytes,
    *,
    max_bytes: int = MAX_ARCHIVE_DECOMPRESSED_BYTES,
    encoding: str = "utf-8",
    errors: str = "strict",
) -> str:
    """Read a single-entry zip holding text (``combined_program``, ``sse_log``).

    Args:
        archive: Which archive this is (named in errors).
        data: The zip bytes.
        max_bytes: Decompressed size limit.
        encoding: Text encoding of the entry.
        errors: Decoding error handler (``strict`` raises ArchiveError).

    Returns:
        The entry's text.

    Raises:
        ArchiveError: As :func:`read_single_entry`, or the entry does not decode.
    """
    name, raw = read_single_entry(archive, data, max_bytes=max_bytes)
    try:
        return raw.decode(encoding, errors=errors)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ArchiveError(archive, f"entry {name!r} is not {encoding} text: {exc}") from exc


def decode_archive(
    name: str, data: bytes, *, max_bytes: int = MAX_ARCHIVE_DECOMPRESSED_BYTES
) -> dict[str, Any] | str:
    """Decode a downloaded ``job_info`` archive by its key.

    ``combined_program`` and ``sse_log`` hold text; every other key (``input``, ``result``,
    ``transpile_result``, ``device_info``, ...) holds one JSON object.

    Args:
        name: The ``job_info`` key the archive came from.
        data: The zip bytes.
        max_bytes: Decompressed size limit.

    Returns:
        The text, or the decoded JSON object.

    Raises:
        ArchiveError: The archive does not hold what its key promises.
    """
    if name in TEXT_ARCHIVE_KEYS:
        return read_text_archive(name, data, max_bytes=max_bytes, errors="replace")
    return read_json_archive(name, data, max_bytes=max_bytes)


def sse_log_text(
    zip_bytes: bytes,
    *,
    encoding: str = "utf-8",
    errors: str = "replace",
    max_bytes: int = MAX_ARCHIVE_DECOMPRESSED_BYTES,
) -> str:
    """Turn an SSE log archive into readable text.

    Every file entry is shown under a ``===== <entry name> =====`` header (as 1.3.0 does). Bytes
    that are not a zip are decoded as the log text itself.

    Args:
        zip_bytes: The ``sse_log`` archive (or raw log bytes).
        encoding: Text encoding of the log.
        errors: Decoding error handler.
        max_bytes: Limit on the total inflated size of all entries.

    Returns:
        The log text, trailing whitespace removed; ``""`` for an empty archive.

    Raises:
        ArchiveError: An entry is corrupt or the entries inflate past ``max_bytes``.
    """
    if not zipfile.is_zipfile(io.BytesIO(zip_bytes)):
        return bytes(zip_bytes).decode(encoding, errors=errors)
    with _open_zip("sse_log", zip_bytes) as zf:
        chunks: list[str] = []
        budget = max_bytes
        for info in _file_entries(zf):
            raw = _read_entry("sse_log", zf, info, budget)
            budget -= len(raw)
            chunks.append(f"===== {info.filename} =====\n{raw.decode(encoding, errors=errors)}")
    return "\n".join(chunks).rstrip()
