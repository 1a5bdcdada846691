"""Request validation that mimics FastAPI/pydantic v2 422 error items.

Each error is ``{"type", "loc", "msg", "input"[, "ctx"]}`` as FastAPI renders it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .store import JOB_STATUSES, JOB_TYPES

MAX_SHOTS = 10_000_000
ErrorItem = dict[str, Any]


def _enum_text(values: tuple[str, ...]) -> str:
    quoted = [f"'{v}'" for v in values]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


def enum_error(loc: list[str | int], value: Any, values: tuple[str, ...]) -> ErrorItem:
    """Build a pydantic ``enum`` error item.

    Args:
        loc: Error location.
        value: Rejected input.
        values: Allowed values.

    Returns:
        The error item.
    """
    text = _enum_text(values)
    return {
        "type": "enum",
        "loc": loc,
        "msg": f"Input should be {text}",
        "input": value,
        "ctx": {"expected": text},
    }


def int_error(loc: list[str | int], value: Any) -> ErrorItem:
    """Build the error pydantic gives for a non-integer value.

    Args:
        loc: Error location.
        value: Rejected input.

    Returns:
        The error item.
    """
    if isinstance(value, str):
        return {
            "type": "int_parsing",
            "loc": loc,
            "msg": "Input should be a valid integer, unable to parse string as an integer",
            "input": value,
        }
    if isinstance(value, float):
        return {
            "type": "int_from_float",
            "loc": loc,
            "msg": "Input should be a valid integer, got a number with a fractional part",
            "input": value,
        }
    return {
        "type": "int_type",
        "loc": loc,
        "msg": "Input should be a valid integer",
        "input": value,
    }


def coerce_int(
    loc: list[str | int], value: Any, ge: int, le: int | None
) -> tuple[int | None, ErrorItem | None]:
    """Validate an integer in lax mode with bounds, like ``Field(ge=..., le=...)``.

    Args:
        loc: Error location.
        value: Raw value (int, float, or str from a query string).
        ge: Inclusive minimum.
        le: Inclusive maximum, or None.

    Returns:
        ``(value, None)`` or ``(None, error)``.
    """
    n: int
    if isinstance(value, bool):
        n = int(value)
    elif isinstance(value, int):
        n = value
    elif isinstance(value, float) and value.is_integer():
        n = int(value)
    elif isinstance(value, str):
        try:
            n = int(value.strip())
        except ValueError:
            return None, int_error(loc, value)
    else:
        return None, int_error(loc, value)
    if n < ge:
        return None, {
            "type": "greater_than_equal",
            "loc": loc,
            "msg": f"Input should be greater than or equal to {ge}",
            "input": value,
            "ctx": {"ge": ge},
        }
    if le is not None and n > le:
        return None, {
            "type": "less_than_equal",
            "loc": loc,
            "msg": f"Input should be less than or equal to {le}",
            "input": value,
            "ctx": {"le": le},
        }
    return n, None


@dataclass
class SubmitRequest:
    """A validated ``jobs.SubmitJobRequest``."""

    device_id: str
    job_type: str
    shots: int
    name: str | None = None
    description: str | None = None
    transpiler_info: dict[str, Any] = field(default_factory=dict)
    simulator_info: dict[str, Any] = field(default_factory=dict)
    mitigation_info: dict[str, Any] = field(default_factory=dict)


def parse_submit_body(raw: bytes) -> tuple[SubmitRequest | None, list[ErrorItem]]:
    """Validate a submit request body.

    Args:
        raw: The request body bytes.

    Returns:
        ``(request, [])`` on success, ``(None, errors)`` otherwise.
    """
    if not raw.strip():
        return None, [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        pos = getattr(exc, "pos", 0)
        msg = getattr(exc, "msg", "Invalid JSON")
        return None, [
            {
                "type": "json_invalid",
                "loc": ["body", pos],
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": msg},
            }
        ]
    if not isinstance(body, dict):
        return None, [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": body,
            }
        ]
    errors: list[ErrorItem] = []
    values: dict[str, Any] = {}
    for name in ("name", "description", "device_id"):
        if name not in body or (body[name] is None and name != "device_id"):
            if name == "device_id":
                errors.append(
                    {
                        "type": "missing",
                        "loc": ["body", name],
                        "msg": "Field required",
                        "input": body,
                    }
                )
            continue
        if not isinstance(body[name], str):
            errors.append(
                {
                    "type": "string_type",
                    "loc": ["body", name],
                    "msg": "Input should be a valid string",
                    "input": body[name],
                }
            )
        else:
            values[name] = body[name]
    if "job_type" not in body:
        errors.append(
            {"type": "missing", "loc": ["body", "job_type"], "msg": "Field required", "input": body}
        )
    elif body["job_type"] not in JOB_TYPES:
        errors.append(enum_error(["body", "job_type"], body["job_type"], JOB_TYPES))
    else:
        values["job_type"] = body["job_type"]
    for name in ("transpiler_info", "simulator_info", "mitigation_info"):
        v = body.get(name)
        if v is None:
            values[name] = {}
        elif not isinstance(v, dict):
            errors.append(
                {
                    "type": "dict_type",
                    "loc": ["body", name],
                    "msg": "Input should be a valid dictionary",
                    "input": v,
                }
            )
        else:
            values[name] = v
    if "shots" not in body:
        errors.append(
            {"type": "missing", "loc": ["body", "shots"], "msg": "Field required", "input": body}
        )
    else:
        shots, err = coerce_int(["body", "shots"], body["shots"], 1, MAX_SHOTS)
        if err is not None:
            errors.append(err)
        else:
            values["shots"] = shots
    if errors:
        return None, errors
    return SubmitRequest(**values), []


@dataclass
class ListQuery:
    """Validated ``GET /jobs`` query."""

    fields: list[str] | None = None
    start_time: str | None = None
    end_time: str | None = None
    status: str | None = None
    q: str | None = None
    page: int = 1
    size: int = 100
    order: str = "ASC"


JOB_FIELDS = (
    "job_id",
    "name",
    "description",
    "job_type",
    "status",
    "device_id",
    "shots",
    "job_info",
    "transpiler_info",
    "simulator_info",
    "mitigation_info",
    "execution_time",
    "submitted_at",
    "ready_at",
    "running_at",
    "ended_at",
)


class InvalidFields(Exception):
    """``fields`` names something that is not a ``jobs.Job`` field (400)."""


def parse_list_query(params: Mapping[str, str]) -> tuple[ListQuery | None, list[ErrorItem]]:
    """Validate ``GET /jobs`` query parameters.

    Args:
        params: Query parameters (last value wins for repeats).

    Returns:
        ``(query, [])`` or ``(None, errors)`` for a 422.

    Raises:
        InvalidFields: ``fields`` names unknown fields; the message is the live 400 text.
    """
    errors: list[ErrorItem] = []
    out = ListQuery()
    for name in ("fields", "q"):
        v = params.get(name)
        if v is not None and len(v) > 1024:
            errors.append(
                {
                    "type": "string_too_long",
                    "loc": ["query", name],
                    "msg": "String should have at most 1024 characters",
                    "input": v,
                    "ctx": {"max_length": 1024},
                }
            )
    status = params.get("status")
    if status is not None:
        if status not in JOB_STATUSES:
            errors.append(enum_error(["query", "status"], status, JOB_STATUSES))
        else:
            out.status = status
    for name, default, le in (("page", 1, None), ("size", 100, 100)):
        if name in params:
            n, err = coerce_int(["query", name], params[name], 1, le)
            if err is not None:
                errors.append(err)
            elif n is not None:
                setattr(out, name, n)
        else:
            setattr(out, name, default)
    if errors:
        return None, errors
    out.q = params.get("q") or None
    out.start_time = params.get("start_time") or None
    out.end_time = params.get("end_time") or None
    # Anything other than DESC is treated as ASC by the live server.
    out.order = "DESC" if params.get("order") == "DESC" else "ASC"
    raw_fields = params.get("fields")
    if raw_fields is not None:
        # Like the live server: a plain split on ",", so " status" or an empty entry
        # ("a,,b", "") is not a field name and is reported as such.
        names = raw_fields.split(",")
        bad = [f for f in names if f not in JOB_FIELDS]
        if bad:
            raise InvalidFields(f"fields {bad!r} is invalid")
        out.fields = list(dict.fromkeys(names))
    return out, []
