"""Presigned POST policies and presigned download URLs, signed with HMAC-SHA256.

These imitate S3's browser-upload policy closely enough for clients that post every
field they receive; the emulator, not S3, checks them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

ACCESS_KEY_ID = "AKIALOCALOQTOPUS0000"


class SignatureError(Exception):
    """A presigned policy or URL is malformed, forged or expired."""


def _hmac(secret: bytes, message: str) -> str:
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def make_post_policy(
    secret: bytes,
    key: str,
    expires_in: float = 3600.0,
    now: float | None = None,
    max_bytes: int | None = None,
) -> dict[str, str]:
    """Build the presigned POST ``fields`` for one storage key.

    Args:
        secret: Server signing secret.
        key: The object key the upload must use, e.g. ``<job_id>/input.zip``.
        expires_in: Seconds until the policy expires.
        now: Current epoch seconds (for tests); defaults to ``time.time()``.
        max_bytes: Adds ``["content-length-range", 0, max_bytes]`` like the live policy.

    Returns:
        ``{"key", "AWSAccessKeyId", "policy", "signature"}``.
    """
    t = time.time() if now is None else now
    expiration = datetime.fromtimestamp(t + expires_in, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    conditions: list[Any] = [{"key": key}]
    if max_bytes is not None:
        conditions.append(["content-length-range", 0, max_bytes])
    doc = {"expiration": expiration, "conditions": conditions}
    policy = base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode()
    return {
        "key": key,
        "AWSAccessKeyId": ACCESS_KEY_ID,
        "policy": policy,
        "signature": _hmac(secret, policy),
    }


def verify_post_policy(secret: bytes, fields: dict[str, str], now: float | None = None) -> str:
    """Check the fields of a presigned POST upload.

    Args:
        secret: Server signing secret.
        fields: Form fields the client posted (everything but ``file``).
        now: Current epoch seconds (for tests).

    Returns:
        The verified object key.

    Raises:
        SignatureError: A field is missing, the signature is wrong, the policy expired,
            or the key does not match the policy's key condition.
    """
    policy = fields.get("policy")
    signature = fields.get("signature")
    key = fields.get("key")
    if not policy or not signature or not key:
        raise SignatureError("missing key, policy or signature")
    if not hmac.compare_digest(_hmac(secret, policy), signature):
        raise SignatureError(
            "The request signature we calculated does not match the signature you provided."
        )
    try:
        doc: Any = json.loads(base64.b64decode(policy, validate=True))
        expiration = datetime.strptime(doc["expiration"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=UTC
        )
        conditions = doc["conditions"]
    except (ValueError, KeyError, TypeError) as exc:
        raise SignatureError("Invalid Policy: malformed policy document") from exc
    t = time.time() if now is None else now
    if expiration.timestamp() < t:
        raise SignatureError("Invalid according to Policy: Policy expired.")
    if {"key": key} not in conditions:
        raise SignatureError("Invalid according to Policy: Policy Condition failed: key")
    if fields.get("AWSAccessKeyId") != ACCESS_KEY_ID:
        raise SignatureError("The AWS Access Key Id you provided does not exist in our records.")
    return key


def sign_download(
    secret: bytes, base_url: str, key: str, expires_in: float = 3600.0, now: float | None = None
) -> str:
    """Build a presigned GET URL for an archive.

    Args:
        secret: Server signing secret.
        base_url: Emulator base URL without trailing slash.
        key: Object key, e.g. ``<job_id>/result.zip``.
        expires_in: Seconds until the URL expires.
        now: Current epoch seconds (for tests).

    Returns:
        ``<base>/storage/download/<key>?expires=<epoch>&signature=<hex>``.
    """
    t = time.time() if now is None else now
    expires = int(t + expires_in)
    query = urlencode({"expires": expires, "signature": _hmac(secret, f"{key}:{expires}")})
    return f"{base_url}/storage/download/{key}?{query}"


def verify_download(
    secret: bytes, key: str, expires: str | None, signature: str | None, now: float | None = None
) -> None:
    """Check a presigned GET URL's query parameters.

    Args:
        secret: Server signing secret.
        key: Object key taken from the path.
        expires: ``expires`` query value.
        signature: ``signature`` query value.
        now: Current epoch seconds (for tests).

    Raises:
        SignatureError: Missing, forged or expired.
    """
    if not expires or not signature:
        raise SignatureError("Query-string authentication requires expires and signature")
    try:
        exp = int(expires)
    except ValueError as exc:
        raise SignatureError("Invalid expires value") from exc
    if not hmac.compare_digest(_hmac(secret, f"{key}:{exp}"), signature):
        raise SignatureError(
            "The request signature we calculated does not match the signature you provided."
        )
    t = time.time() if now is None else now
    if exp < t:
        raise SignatureError("Request has expired")


def policy_expires_at(policy: str) -> datetime:
    """Decode the expiration of a base64 policy document.

    Args:
        policy: The base64 policy string.

    Returns:
        The expiration as a UTC datetime.
    """
    doc = json.loads(base64.b64decode(policy))
    return datetime.strptime(doc["expiration"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


__all__ = [
    "ACCESS_KEY_ID",
    "SignatureError",
    "make_post_policy",
    "policy_expires_at",
    "sign_download",
    "verify_download",
    "verify_post_policy",
]
