"""What a journal keys on: canonical specs, their fingerprints, and upload targets.

Split out of :mod:`oqtopus_sdk.journal`, which re-exports these names.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from oqtopus_sdk.errors import OqtopusError

if TYPE_CHECKING:
    from oqtopus_sdk.spec import OqtopusJobSpec

FINGERPRINT_VERSION: Final = 1
PRESIGNED_LIFETIME_SECONDS: Final = 3600.0
"""Lifetime assumed for an upload target whose policy states no expiration (the service's
default, ``PRESIGNED_ULR_EXP_S``)."""
EXPIRY_MARGIN_SECONDS: Final = 60.0
"""A target this close to its expiry counts as expired: the upload itself takes time."""

_CANONICAL: Final[dict[str, Any]] = {
    "sort_keys": True,
    "separators": (",", ":"),
    "ensure_ascii": False,
    "allow_nan": False,
}


class JournalError(OqtopusError):
    """The journal file cannot be used (not a journal, a newer format, unreadable)."""


class JournalLockedError(JournalError):
    """Another live process (or another Journal object) has this journal open."""


class JournalMismatchError(JournalError, ValueError):
    """The journal records another batch than the specs given."""


# --- Fingerprints ----------------------------------------------------------------------------
def canonical_spec(spec: OqtopusJobSpec) -> dict[str, Any]:
    """The canonical document of a spec: exactly what submitting it sends.

    Args:
        spec: The spec (validated here).

    Returns:
        ``{"v": 1, "submit": <submit body>, "input": <input document>}``: plain JSON.

    Raises:
        ValueError: The spec is invalid.
        TypeError: Not an OqtopusJobSpec.
    """
    from oqtopus_sdk.spec import OqtopusJobSpec

    if not isinstance(spec, OqtopusJobSpec):
        raise TypeError(f"expected an OqtopusJobSpec, got {type(spec).__name__}")
    document = {
        "v": FINGERPRINT_VERSION,
        "submit": spec.to_submit_body(),
        "input": spec.to_input_document(),
    }
    # A JSON round trip makes tuples lists and ints/floats exactly what is sent.
    loaded: dict[str, Any] = json.loads(json.dumps(document, **_CANONICAL))
    return loaded


def canonical_json(document: Mapping[str, Any]) -> str:
    """``document`` as canonical JSON (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(document, **_CANONICAL)


def fingerprint(spec: OqtopusJobSpec) -> str:
    """SHA-256 (hex) of the spec's canonical JSON; stable across runs and processes.

    Raises:
        ValueError / TypeError: as :func:`canonical_spec`.
    """
    return _digest(canonical_json(canonical_spec(spec)))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def batch_key(fingerprints: Sequence[str]) -> str:
    """The identity of a batch: SHA-256 of its fingerprints in order (hex)."""
    return _digest("\n".join(fingerprints))


def spec_from_canonical(document: Mapping[str, Any]) -> OqtopusJobSpec:
    """Rebuild a spec from :func:`canonical_spec` output (its fingerprint is unchanged).

    Raises:
        JournalError: The document is not a canonical spec.
        ValueError: The rebuilt spec is invalid.
    """
    from oqtopus_sdk.spec import OqtopusJobSpec

    submit = document.get("submit") if isinstance(document, Mapping) else None
    data = document.get("input") if isinstance(document, Mapping) else None
    if (
        not isinstance(submit, Mapping)
        or not isinstance(data, Mapping)
        or document.get("v") != FINGERPRINT_VERSION
    ):
        raise JournalError(f"not a canonical job spec (version {FINGERPRINT_VERSION})")
    job_type = submit.get("job_type")
    program: Any
    if job_type == "sse":
        program = data.get("sse_program")
    else:
        programs = data.get("program")
        program = programs[0] if job_type != "multi_manual" and programs else programs
    try:
        return OqtopusJobSpec(
            device_id=submit["device_id"],
            job_type=str(job_type),
            program=program,
            shots=submit["shots"],
            name=submit.get("name"),
            description=submit.get("description"),
            transpiler_info=submit.get("transpiler_info") or {},
            simulator_info=submit.get("simulator_info") or {},
            mitigation_info=submit.get("mitigation_info") or {},
            operator=data.get("operator"),
        )
    except KeyError as exc:
        raise JournalError(f"canonical job spec lacks {exc}") from None


# --- Upload targets --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class UploadTarget:
    """The presigned upload target ``POST /jobs`` returned for a job.

    Attributes:
        url: Where to POST the input archive (or a ``file://`` URL).
        fields: Every form field to send, in order.
        expires_at: Epoch seconds after which storage refuses it; None: never (``file://``).
    """

    url: str
    fields: dict[str, Any]
    expires_at: float | None

    def expired(self, now: float | None = None) -> bool:
        """Whether the target is expired or about to be (within ``EXPIRY_MARGIN_SECONDS``)."""
        if self.expires_at is None:
            return False
        return (time.time() if now is None else now) >= self.expires_at - EXPIRY_MARGIN_SECONDS

    @classmethod
    def from_register(cls, presigned: Mapping[str, Any], now: float) -> UploadTarget:
        """Build it from the ``presigned_url`` of a register answer.

        The expiry is the ``expiration`` of the base64 ``policy`` field when there is one,
        else ``now + PRESIGNED_LIFETIME_SECONDS``; ``file://`` targets never expire.
        """
        url = str(presigned.get("url") or "")
        raw_fields = presigned.get("fields")
        fields = dict(raw_fields) if isinstance(raw_fields, Mapping) else {}
        expires: float | None = now + PRESIGNED_LIFETIME_SECONDS
        if url.startswith("file:"):
            expires = None
        else:
            stated = policy_expiration(fields.get("policy"))
            if stated is not None:
                expires = stated
        return cls(url=url, fields=fields, expires_at=expires)


def policy_expiration(policy: object) -> float | None:
    """The ``expiration`` (epoch seconds) of a base64 S3 POST policy, or None if unreadable."""
    if not isinstance(policy, str) or not policy:
        return None
    try:
        document = json.loads(base64.b64decode(policy, validate=False))
        text = document["expiration"]
        moment = _dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.timestamp()
