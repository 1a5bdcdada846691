"""Zip archive helpers: every storage object is a zip holding exactly one entry."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from .quantum import JobFailure


def make_zip(entry_name: str, data: bytes | str) -> bytes:
    """Build a single-entry DEFLATE zip.

    Args:
        entry_name: Name of the only entry (e.g. ``result.json``).
        data: Entry content; text is UTF-8 encoded.

    Returns:
        The zip bytes.
    """
    raw = data.encode() if isinstance(data, str) else data
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(entry_name, raw)
    return buf.getvalue()


def json_zip(entry_name: str, obj: Any) -> bytes:
    """Build a single-entry zip holding JSON.

    Args:
        entry_name: Entry name.
        obj: JSON-serialisable object.

    Returns:
        The zip bytes.
    """
    return make_zip(entry_name, json.dumps(obj))


def read_single_entry(data: bytes) -> tuple[str, bytes]:
    """Open a zip that must hold exactly one entry.

    Args:
        data: Zip bytes.

    Returns:
        ``(entry name, entry bytes)``.

    Raises:
        JobFailure: Not a zip, or not exactly one entry (live-style messages).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
            if len(names) != 1:
                raise JobFailure(
                    "Job input download failed: Expected one file in single ZIP archive, "
                    f"but found {len(names)}."
                )
            return names[0], zf.read(names[0])
    except zipfile.BadZipFile as exc:
        raise JobFailure("Job input download failed: Invalid ZIP file") from exc


def read_input(data: bytes | None) -> dict[str, Any]:
    """Decode an uploaded ``input.zip`` into its JSON object.

    Args:
        data: Zip bytes, or None when nothing was uploaded.

    Returns:
        The JSON object.

    Raises:
        JobFailure: Missing archive, bad zip, bad JSON, or JSON that is not an object.
    """
    if data is None:
        raise JobFailure("Job input download failed: input.zip not found")
    _, raw = read_single_entry(data)
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise JobFailure("Job input download failed: Invalid JSON in ZIP file") from exc
    if not isinstance(obj, dict):
        raise JobFailure(
            "Job input validation failed: Input should be a valid dictionary "
            f"[type=dict_type, input_type={type(obj).__name__}]"
        )
    return obj
