"""Reference path ``oqtopus_client.services.errors``: the SDK's error classes.

``UserApiError`` and ``ResponseValidationError`` are :mod:`oqtopus_sdk.errors`' classes (ours
add a subclass per HTTP status, e.g. ``NotFoundError``). ``OqtopusStorageError`` is our
:class:`~oqtopus_sdk.errors.StorageError` under the reference's name (the reference defines it in
``services.storage``; it is importable from both modules here).
"""

from __future__ import annotations

from oqtopus_sdk.errors import ResponseValidationError, StorageError, UserApiError

OqtopusStorageError = StorageError
"""The reference's name for a failed presigned upload or download: our ``StorageError``."""

__all__ = ["OqtopusStorageError", "ResponseValidationError", "UserApiError"]
