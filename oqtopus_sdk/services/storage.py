"""Reference path ``oqtopus_client.services.storage``: the presigned-URL storage helper.

:class:`OqtopusStorage` has the reference's three async classmethods, over httpx:

* :meth:`OqtopusStorage.upload` zips one JSON object and sends the presigned multipart POST
  (every presigned field, then ``file``); a ``file://`` target is written directly;
* :meth:`OqtopusStorage.download` fetches a single-entry zip and returns its JSON object;
* :meth:`OqtopusStorage.download_archive` returns the raw zip bytes (``file://`` supported).

Each call is one attempt with its own connection, as in the reference; the client's own job
transfers (inside :class:`~oqtopus_sdk.OqtopusClient`) use its pooled connection and retries
instead. A ``file://`` URL is read or written as given, as in the reference, so pass only URLs
you trust (the client itself accepts ``file://`` archives only under its
``local_storage_root``). Failures raise :data:`OqtopusStorageError`, which is our
:class:`~oqtopus_sdk.errors.StorageError` (it carries ``status_code`` and a query-free ``url``).
"""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from oqtopus_sdk import __version__
from oqtopus_sdk._transport import file_url_path
from oqtopus_sdk.errors import StorageError, strip_query

OqtopusStorageError = StorageError
"""The reference's name for a failed presigned transfer: our ``StorageError``."""

__all__ = ["OqtopusStorage", "OqtopusStorageError"]

_MAX_ENTRY_BYTES: Final = 256 * 1024 * 1024
"""Largest entry :meth:`OqtopusStorage.download` inflates (a zip bomb stops here)."""


def _file_path(url: str) -> Path | None:
    """The local path of a ``file://`` URL, or None for any other scheme."""
    return file_url_path(url) if urlsplit(url).scheme.lower() == "file" else None


def _upload_target(presigned_url: Any) -> tuple[str, dict[str, str]]:
    """The URL and form fields of a presigned upload target (model or mapping)."""
    if isinstance(presigned_url, Mapping):
        url = presigned_url.get("url")
        fields: Any = presigned_url.get("fields")
    else:
        url = getattr(presigned_url, "url", None)
        fields = getattr(presigned_url, "fields", None)
    if not isinstance(url, str) or not url:
        raise StorageError("Upload failed: the presigned target has no url")
    to_dict = getattr(fields, "to_dict", None)
    if callable(to_dict):
        fields = to_dict()
    if not isinstance(fields, Mapping):
        fields = {}
    return url, {str(key): str(value) for key, value in fields.items() if value is not None}


class OqtopusStorage:
    """Upload and download job payloads through presigned URLs (the reference's helper)."""

    DEFAULT_TIMEOUT_S = 60

    @staticmethod
    def _build_zip_payload(data: Mapping[str, object], archive_name: str) -> bytes:
        """Zip ``data`` as JSON in the single entry ``<stem of archive_name>.json``.

        Args:
            data: The JSON object.
            archive_name: The archive's file name (``input.zip`` gives ``input.json``).

        Returns:
            The zip bytes.
        """
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{Path(archive_name).stem}.json", json.dumps(data))
        return buffer.getvalue()

    @staticmethod
    def _extract_zip_object(
        zip_bytes: bytes, *, allow_non_dict: bool = False
    ) -> dict[str, object] | str:
        """Read the single entry of a zip as a JSON object.

        Args:
            zip_bytes: The archive.
            allow_non_dict: Return the entry's text when it is not JSON, or a JSON string.

        Returns:
            The JSON object (or text, see ``allow_non_dict``).

        Raises:
            OqtopusStorageError: Not a zip, not exactly one entry, too large, or not a JSON
                object.
        """
        try:
            with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
                entries = [info for info in archive.infolist() if not info.is_dir()]
                if len(entries) != 1:
                    raise StorageError(
                        f"Expected one file in single ZIP archive, but found {len(entries)}."
                    )
                with archive.open(entries[0]) as entry:
                    raw = entry.read(_MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise StorageError("Invalid ZIP file") from exc
        if len(raw) > _MAX_ENTRY_BYTES:
            raise StorageError(f"ZIP entry larger than {_MAX_ENTRY_BYTES} bytes")
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            if not allow_non_dict:
                raise StorageError("Invalid JSON in ZIP file") from exc
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError as decode_exc:
                raise StorageError("Invalid JSON in ZIP file") from decode_exc
        if isinstance(data, dict):
            return data
        if allow_non_dict and isinstance(data, str):
            return data
        raise StorageError(f"Expected JSON root to be an object but got {type(data).__name__}.")

    @classmethod
    async def download_archive(
        cls,
        presigned_url: str,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        proxy: str | None = None,
    ) -> bytes:
        """Download one zip archive from a presigned (or ``file://``) URL, unextracted.

        Args:
            presigned_url: The URL.
            timeout_s: Timeout of the request in seconds.
            proxy: Proxy URL (the ``*_PROXY`` environment variables apply otherwise).

        Returns:
            The raw archive bytes.

        Raises:
            OqtopusStorageError: The file cannot be read, the request failed or the storage
                answered with a non-2xx status.
        """
        path = _file_path(presigned_url)
        if path is not None:
            try:
                return await asyncio.to_thread(path.read_bytes)
            except OSError as exc:
                raise StorageError(
                    f"Download failed: cannot read {path}: {exc.strerror or exc}",
                    url=strip_query(presigned_url),
                ) from exc
        async with cls._session(timeout_s, proxy) as session:
            try:
                response = await session.get(presigned_url)
            except httpx.HTTPError as exc:
                raise StorageError(
                    f"Network error during download: {type(exc).__name__}: {exc}",
                    url=strip_query(presigned_url),
                ) from exc
        if not response.is_success:
            raise StorageError(
                f"Download failed: HTTP {response.status_code} from {strip_query(presigned_url)}",
                status_code=response.status_code,
                url=strip_query(presigned_url),
            )
        return response.content

    @classmethod
    async def download(
        cls,
        presigned_url: str,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        allow_non_dict: bool = False,
        proxy: str | None = None,
    ) -> dict[str, object] | str:
        """Download a single-entry zip and return its JSON object.

        Args:
            presigned_url: The URL (``file://`` supported).
            timeout_s: Timeout of the request in seconds.
            allow_non_dict: Return the entry's text when it is not a JSON object.
            proxy: Proxy URL.

        Returns:
            The JSON object (or text, see ``allow_non_dict``).

        Raises:
            OqtopusStorageError: The transfer failed or the archive is unusable.
        """
        data = await cls.download_archive(presigned_url, timeout_s=timeout_s, proxy=proxy)
        return cls._extract_zip_object(data, allow_non_dict=allow_non_dict)

    @classmethod
    async def upload(
        cls,
        presigned_url: Any,
        data: Mapping[str, object],
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        proxy: str | None = None,
    ) -> None:
        """Zip one JSON object and upload it with a presigned multipart POST.

        Args:
            presigned_url: The upload target: a ``JobsJobInfoUploadPresignedURL`` (ours or the
                reference's) or a mapping with ``url`` and ``fields``. The archive is named
                after ``fields.key`` (``.../input.zip`` holds ``input.json``). Every field is
                sent, in order, then ``file``. A ``file://`` URL is written directly.
            data: The JSON object.
            timeout_s: Timeout of the request in seconds.
            proxy: Proxy URL.

        Raises:
            OqtopusStorageError: The request failed or the storage refused the upload.
        """
        url, fields = _upload_target(presigned_url)
        archive_name = Path(fields.get("key") or "input.zip").name
        payload = cls._build_zip_payload(data, archive_name)
        path = _file_path(url)
        if path is not None:
            try:
                await asyncio.to_thread(_write_file, path, payload)
            except OSError as exc:
                raise StorageError(
                    f"Upload failed: cannot write {path}: {exc.strerror or exc}",
                    url=strip_query(url),
                ) from exc
            return
        async with cls._session(timeout_s, proxy) as session:
            try:
                response = await session.post(
                    url,
                    data=fields,
                    files={"file": (archive_name, payload, "application/zip")},
                )
            except httpx.HTTPError as exc:
                raise StorageError(
                    f"Network error during upload: {type(exc).__name__}: {exc}",
                    url=strip_query(url),
                ) from exc
        if not response.is_success:
            raise StorageError(
                f"Upload failed: HTTP {response.status_code} from {strip_query(url)}",
                status_code=response.status_code,
                url=strip_query(url),
            )

    @staticmethod
    def _session(timeout_s: float, proxy: str | None) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=timeout_s,
            proxy=proxy,
            trust_env=True,
            headers={"User-Agent": f"oqtopus-sdk/{__version__}"},
        )


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
