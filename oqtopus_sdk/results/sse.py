"""SSE results: the last inner job's result plus the container log."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from oqtopus_sdk import vocabulary
from oqtopus_sdk._archives import sse_log_text
from oqtopus_sdk.results._base import OqtopusJobResult
from oqtopus_sdk.results._support import atomic_write
from oqtopus_sdk.results.estimation import OqtopusEstimationJobResult
from oqtopus_sdk.results.sampling import OqtopusMultiManualJobResult, OqtopusSamplingJobResult


class OqtopusSseJobResult(OqtopusJobResult):
    """Result of an SSE job: the inner job's result plus the container log."""

    def get_job_result(self) -> OqtopusJobResult:
        """Re-wrap this job by what its result holds.

        Returns:
            A multi_manual result when ``divided_counts`` is present, a sampling result for
            sampling counts, an estimation result for an expectation value, else the base
            result. The job record (``job_type`` ``sse``) and the client are kept.
        """
        return self._inner_type()._from_state(self._job, self._archives, self._log_fetcher)

    def _inner_type(self) -> type[OqtopusJobResult]:
        sampling = self._result_branch(vocabulary.SAMPLING)
        if sampling is not None:
            divided = sampling.get("divided_counts")
            return OqtopusMultiManualJobResult if divided is not None else OqtopusSamplingJobResult
        if self._result_branch(vocabulary.ESTIMATION) is not None:
            return OqtopusEstimationJobResult
        return OqtopusJobResult

    def _inner_view(self) -> OqtopusJobResult | None:
        """The inner result sharing this one's state (for reprs: no copy), or None."""
        target = self._inner_type()
        if target is OqtopusJobResult:
            return None
        view = target.__new__(target)
        view._set_state(dict(self._job), self._archives, self._log_fetcher)
        return view

    # --- log access -------------------------------------------------------------------------

    def _inline_log(self) -> bytes | None:
        value = self._archives.get(vocabulary.ARCHIVE_SSE_LOG)
        return value.encode("utf-8") if isinstance(value, str) else None

    def _require_fetch(self) -> tuple[str, Callable[[str], Any]]:
        if self.job_id is None:
            raise ValueError("job_id is required for SSE log operations.")
        if self._log_fetcher is None:
            raise ValueError("SSE log operations require a client-bound OqtopusSseJobResult.")
        return self.job_id, self._log_fetcher

    def _log_archive(self) -> bytes:
        if self._log_bytes is not None:
            return self._log_bytes
        inline = self._inline_log()
        if inline is not None:
            return inline
        job_id, fetch = self._require_fetch()
        if _is_async(fetch):
            raise RuntimeError(
                "this result is bound to an AsyncOqtopusClient: use "
                "`await result.download_log_async()` (or read_log_text_async/show_log_async)"
            )
        data = fetch(job_id)
        self._log_bytes = _check_bytes(data)
        return self._log_bytes

    async def _log_archive_async(self) -> bytes:
        if self._log_bytes is not None:
            return self._log_bytes
        inline = self._inline_log()
        if inline is not None:
            return inline
        job_id, fetch = self._require_fetch()
        if _is_async(fetch):
            data = await fetch(job_id)
        else:
            import asyncio

            data = await asyncio.to_thread(fetch, job_id)
        self._log_bytes = _check_bytes(data)
        return self._log_bytes

    def _deliver(
        self,
        archive: bytes,
        *,
        save_dir: str | os.PathLike[str] | None,
        file_name: str | None,
        overwrite: bool,
        persist: bool,
    ) -> bytes | str:
        if not persist:
            return archive
        return _write_log(
            archive,
            save_dir=save_dir,
            file_name=file_name or f"sselog_{self.job_id}.log",
            overwrite=overwrite,
        )

    @staticmethod
    def _check_persist_args(
        save_dir: object, file_name: object, overwrite: bool, persist: bool
    ) -> None:
        if not persist and (save_dir is not None or file_name is not None or overwrite):
            raise ValueError("save_dir/file_name/overwrite require persist=True.")

    def download_log(
        self,
        *,
        save_dir: str | os.PathLike[str] | None = None,
        file_name: str | None = None,
        overwrite: bool = False,
        persist: bool = False,
    ) -> bytes | str:
        """Get the SSE log archive (a zip) through the bound client.

        Args:
            save_dir: Directory to write to when ``persist`` (default: the current one).
            file_name: File name when ``persist`` (default ``sselog_<job_id>.log``); must be
                a plain name that stays inside ``save_dir``.
            overwrite: Replace an existing file when ``persist``.
            persist: Write the archive to a file and return its path instead of the bytes.

        Returns:
            The zip bytes, or with ``persist`` the written file's path.

        Raises:
            ValueError: Save options without ``persist``, no bound client, a bad directory
                or file name, or an existing file without ``overwrite``.
            RuntimeError: The result is bound to an async client (use the ``_async`` twin).
            ResponseValidationError: The job has no SSE log (raised by the client).
        """
        self._check_persist_args(save_dir, file_name, overwrite, persist)
        return self._deliver(
            self._log_archive(),
            save_dir=save_dir,
            file_name=file_name,
            overwrite=overwrite,
            persist=persist,
        )

    async def download_log_async(
        self,
        *,
        save_dir: str | os.PathLike[str] | None = None,
        file_name: str | None = None,
        overwrite: bool = False,
        persist: bool = False,
    ) -> bytes | str:
        """Async twin of :meth:`download_log` (works with sync and async clients)."""
        self._check_persist_args(save_dir, file_name, overwrite, persist)
        archive = await self._log_archive_async()
        if not persist:
            return archive
        import asyncio

        return await asyncio.to_thread(
            self._deliver,
            archive,
            save_dir=save_dir,
            file_name=file_name,
            overwrite=overwrite,
            persist=persist,
        )

    def read_log_text(self, *, encoding: str = "utf-8", errors: str = "replace") -> str:
        """The SSE log as text: every zip entry under a ``===== <name> =====`` header.

        Args:
            encoding: Text encoding of the log.
            errors: Decoding error handler.

        Returns:
            The text (raw bytes decoded when the archive is not a zip).
        """
        return sse_log_text(self._log_archive(), encoding=encoding, errors=errors)

    async def read_log_text_async(self, *, encoding: str = "utf-8", errors: str = "replace") -> str:
        """Async twin of :meth:`read_log_text`."""
        return sse_log_text(await self._log_archive_async(), encoding=encoding, errors=errors)

    def show_log(
        self,
        *,
        encoding: str = "utf-8",
        errors: str = "replace",
        print_fn: Callable[[str], Any] = print,
    ) -> str:
        """Print the SSE log text with ``print_fn`` and return it."""
        text = self.read_log_text(encoding=encoding, errors=errors)
        print_fn(text)
        return text

    async def show_log_async(
        self,
        *,
        encoding: str = "utf-8",
        errors: str = "replace",
        print_fn: Callable[[str], Any] = print,
    ) -> str:
        """Async twin of :meth:`show_log`."""
        text = await self.read_log_text_async(encoding=encoding, errors=errors)
        print_fn(text)
        return text

    def _summary_lines(self) -> list[str]:
        inner = self._inner_view()
        return inner._summary_lines() if inner is not None else []

    def _summary_items(self) -> list[tuple[str, Any]]:
        inner = self._inner_view()
        return inner._summary_items() if inner is not None else []


def _is_async(function: Callable[..., Any]) -> bool:
    import inspect  # imported on use: it costs more than the rest of this module

    return inspect.iscoroutinefunction(function)


def _check_bytes(data: Any) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise TypeError(f"_fetch_sse_log_bytes must return bytes, got {type(data).__name__}")


def _write_log(
    archive: bytes, *, save_dir: str | os.PathLike[str] | None, file_name: str, overwrite: bool
) -> str:
    directory = Path.cwd() if save_dir is None else Path(save_dir)
    if not directory.exists():
        raise ValueError(f"The destination path does not exist: {directory}")
    if not directory.is_dir():
        raise ValueError(f"The destination path is not a directory: {directory}")
    if (
        not isinstance(file_name, str)
        or file_name in ("", ".", "..")
        or "/" in file_name
        or "\\" in file_name
        or "\x00" in file_name
        or Path(file_name).is_absolute()
    ):
        raise ValueError(
            f"file_name must be a plain file name that stays inside save_dir, got {file_name!r}"
        )
    target = directory / file_name
    if overwrite:
        atomic_write(target, archive)
    else:
        try:
            with target.open("xb") as handle:
                handle.write(archive)
        except FileExistsError:
            raise ValueError(f"The file already exists: {target}") from None
    return str(target)
