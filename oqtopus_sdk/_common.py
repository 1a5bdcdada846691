"""Argument checks and construction shared by OqtopusClient and AsyncOqtopusClient.

Everything here is pure: the two clients call these before any request so a bad argument
never costs a round trip, and both raise exactly the same errors.
"""

from __future__ import annotations

import asyncio
import datetime
import inspect
import random
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

from oqtopus_sdk import constants, vocabulary
from oqtopus_sdk._jobs import Ctx, TerminalCache
from oqtopus_sdk._polling import status_text
from oqtopus_sdk._transport import Transport
from oqtopus_sdk._waiting import WaitOptions

if TYPE_CHECKING:
    import os

    from oqtopus_api.models import JobsGetJobStatusResponse, JobsJobStatus, UsersUpdateUserRequest
    from oqtopus_sdk.config import OqtopusConfig
    from oqtopus_sdk.journal import Journal
    from oqtopus_sdk.spec import OqtopusJobSpec

# Parameter types of the wait methods, shared by both clients' signatures.
StatusSet = Iterable["JobsJobStatus | str"] | None
OnStatus = Callable[["JobsGetJobStatusResponse"], Any] | None
JournalArg = Union["Journal", str, "os.PathLike[str]", bool, None]
"""``journal=``: a path, an open Journal, True (one file per batch in journal_dir), None."""

MAX_QUERY_TEXT = 1024
MAX_PAGE = 4_294_967_295
MAX_PAGE_SIZE = 65_535


def resolve_client_config(config: OqtopusConfig | None) -> OqtopusConfig:
    """The config a client uses (explicit > environment > file profile), able to authenticate.

    Raises:
        ConfigError: nothing configured, or a URL without a token (outside sse_container).
    """
    from oqtopus_sdk.config import require_credentials, resolve_config

    resolved = resolve_config(config)
    require_credentials(resolved)
    return resolved


def make_ctx(
    config: OqtopusConfig,
    *,
    default_headers: Mapping[str, str] | None,
    user_agent: str | None,
    clock: Callable[[], float] | None,
    status_requests_per_second: float | None,
    transport_error_budget: int | None,
    rng: random.Random | None,
) -> Ctx:
    """The flows' context of one client, from its config and constructor arguments.

    Raises:
        ValueError: a budget out of range; TypeError: a default header that is not a str.
    """
    rate = status_requests_per_second
    if rate is not None:
        check_rate(rate)
    budget = (
        constants.DEFAULT_WAIT_TRANSPORT_ERROR_BUDGET
        if transport_error_budget is None
        else transport_error_budget
    )
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise ValueError(f"transport_error_budget must be an int >= 0, got {budget!r}")
    rng = rng if rng is not None else random.Random()
    clock = clock or time.monotonic
    disk_cache = None
    if config.cache_dir:  # the cache module is imported only when a cache is configured
        from oqtopus_sdk._disk_cache import disk_cache_for

        disk_cache = disk_cache_for(config)
    transport = Transport(
        config, default_headers=default_headers, user_agent=user_agent, rng=rng, clock=clock
    )
    return Ctx(
        transport=transport,
        clock=clock,
        cache=TerminalCache(),
        status_requests_per_second=None if rate is None else float(rate),
        transport_error_budget=budget,
        rng=rng,
        disk_cache=disk_cache,
    )


async def call_async(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Await ``function(*args, **kwargs)``: directly if it is a coroutine function, else in a
    worker thread (the sync client's ``*_async`` methods, which the reference offers).
    """
    if inspect.iscoroutinefunction(function):
        return await function(*args, **kwargs)
    return await asyncio.to_thread(function, *args, **kwargs)


def check_rate(rate: object) -> None:
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not rate > 0:
        raise ValueError(f"status_requests_per_second must be a number > 0, got {rate!r}")


def check_workers(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value!r}")
    return value


def check_spec(job: object, method: str, expected: str | None = None) -> OqtopusJobSpec:
    """TypeError for a non-spec; ValueError when the job type is not the helper's."""
    from oqtopus_sdk.spec import OqtopusJobSpec

    if not isinstance(job, OqtopusJobSpec):
        raise TypeError(f"{method} expects an OqtopusJobSpec, got {type(job).__name__}")
    if expected is not None:
        actual = getattr(job.job_type, "value", job.job_type)
        if actual != expected:
            raise ValueError(f"job.job_type must be '{expected}' for {method} (got {actual!r}).")
    return job


def check_specs(jobs: object, method: str) -> list[OqtopusJobSpec]:
    from oqtopus_sdk.spec import OqtopusJobSpec

    if isinstance(jobs, str | bytes) or not isinstance(jobs, Iterable):
        raise TypeError(f"{method} expects a list of OqtopusJobSpec, got {type(jobs).__name__}")
    items = list(jobs)
    for index, job in enumerate(items):
        if not isinstance(job, OqtopusJobSpec):
            raise TypeError(
                f"{method} expects a list of OqtopusJobSpec; item {index} is {type(job).__name__}"
            )
    return items


_PATH_SAFE = re.compile(r"[A-Za-z0-9_.:@+=~-]+")


def check_path_id(value: object, name: str = "job_id") -> str:
    """An id that goes into a URL path: a non-empty str that cannot change the path.

    ``delete_job('..')`` must not become ``DELETE {base}/``: dot segments, slashes, white
    space and control characters are refused before any request.

    Raises:
        TypeError: not a str.
        ValueError: empty, ``.``/``..``, or holds ``/``, ``\\``, white space or a control
            character; the message names the value.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}: {value!r}")
    if value in ("", ".", ".."):
        raise ValueError(f"{name} must be a job or device id, got {value!r}")
    if _PATH_SAFE.fullmatch(value):
        return value  # the common case (UUIDs, device names), checked in one step
    bad = next((c for c in value if c in "/\\?#%" or c.isspace() or not c.isprintable()), None)
    if bad is not None:
        raise ValueError(f"{name} {value!r} holds {bad!r}, which is not allowed in an id")
    return value


def check_job_ids(job_ids: object, method: str) -> list[str]:
    """A list of path-safe job ids (a single str is refused: it would be iterated by char).

    Raises:
        TypeError / ValueError: as :func:`check_path_id`, naming the position.
    """
    if isinstance(job_ids, str | bytes) or not isinstance(job_ids, Iterable):
        raise TypeError(f"{method} expects a list of job ids, got {type(job_ids).__name__}")
    items = list(job_ids)
    for index, job_id in enumerate(items):
        check_path_id(job_id, f"{method}: job id {index}")
    return items


def check_job_id(job_id: object) -> str:
    """A path-safe job id (see :func:`check_path_id`)."""
    return check_path_id(job_id)


wait_options = WaitOptions.build
"""Checked wait options (see :meth:`WaitOptions.build`)."""


def warn_if_failed(results: Iterable[object], *, stacklevel: int) -> None:
    """Warn (OqtopusJobFailedWarning) for each returned job that ended failed or cancelled.

    A failed job must never pass for a success: the reference returns it like any other
    result, so this SDK returns it too (compatible) but says so, with the server's reason.
    """
    import warnings

    from oqtopus_sdk.results import OqtopusJobFailedWarning

    for result in results:
        text = status_text(getattr(result, "status", None))
        if text in vocabulary.UNSUCCESSFUL_STATUSES:
            reason = getattr(result, "message", None)
            job_id = getattr(result, "job_id", None)
            warnings.warn(
                OqtopusJobFailedWarning(
                    f"job {job_id} ended {text}"
                    + (f": {reason}" if reason else "")
                    + "; pass failure_statuses (or set it in the config) to raise instead"
                ),
                stacklevel=stacklevel + 1,
            )


def list_jobs_params(
    *,
    fields: str | Sequence[str] | None,
    start_time: datetime.datetime | None,
    end_time: datetime.datetime | None,
    status: object | None,
    q: str | None,
    page: int | None,
    size: int | None,
    order: object | None,
) -> dict[str, Any]:
    """Checked keyword arguments for the generated ``list_jobs._get_kwargs``."""
    from oqtopus_api.models import JobsJobStatus
    from oqtopus_api.models.list_jobs_order import ListJobsOrder

    params: dict[str, Any] = {}
    if fields is not None:
        if not isinstance(fields, str):
            fields = ",".join(str(f) for f in fields)
        if len(fields) > MAX_QUERY_TEXT:
            raise ValueError(f"fields must be at most {MAX_QUERY_TEXT} characters")
        params["fields"] = fields
    if q is not None:
        if not isinstance(q, str) or len(q) > MAX_QUERY_TEXT:
            raise ValueError(f"q must be a str of at most {MAX_QUERY_TEXT} characters, got {q!r}")
        params["q"] = q
    for name, value in (("start_time", start_time), ("end_time", end_time)):
        if value is not None:
            if not isinstance(value, datetime.datetime):
                raise TypeError(f"{name} must be a datetime, got {value!r}")
            params[name] = value
    for name, number, high in (("page", page, MAX_PAGE), ("size", size, MAX_PAGE_SIZE)):
        if number is not None:
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= high:
                raise ValueError(f"{name} must be an int in 1..{high}, got {number!r}")
            params[name] = number
    if status is not None:
        text = getattr(status, "value", status)
        try:
            params["status"] = JobsJobStatus(str(text))
        except ValueError:
            raise ValueError(
                f"status must be one of {[s.value for s in JobsJobStatus]}, got {status!r}"
            ) from None
    if order is not None:
        text = str(getattr(order, "value", order)).upper()
        try:
            params["order"] = ListJobsOrder(text)
        except ValueError:
            raise ValueError(f"order must be 'ASC' or 'DESC', got {order!r}") from None
    return params


def announcements_params(
    *,
    offset: int | None,
    limit: int | None,
    order: object | None,
    current_time: datetime.datetime | None,
) -> dict[str, Any]:
    from oqtopus_api.models.get_announcements_list_order import GetAnnouncementsListOrder

    params: dict[str, Any] = {}
    for name, value in (("offset", offset), ("limit", limit)):
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be an int >= 0, got {value!r}")
            params[name] = value
    if order is not None:
        text = str(getattr(order, "value", order)).upper()
        try:
            params["order"] = GetAnnouncementsListOrder(text)
        except ValueError:
            raise ValueError(f"order must be 'ASC' or 'DESC', got {order!r}") from None
    if current_time is not None:
        if not isinstance(current_time, datetime.datetime):
            raise TypeError(f"current_time must be a datetime, got {current_time!r}")
        params["current_time"] = current_time
    return params


def update_user_body(
    body: object, name: str | None, organization: str | None
) -> UsersUpdateUserRequest:
    """The PATCH /users/me body from a model, a mapping, or the keyword fields."""
    from oqtopus_api.models import UsersUpdateUserRequest

    if body is not None and (name is not None or organization is not None):
        raise ValueError("give either a request body or name/organization, not both")
    if isinstance(body, UsersUpdateUserRequest):
        return body
    if isinstance(body, Mapping):
        return UsersUpdateUserRequest.from_dict(dict(body))
    if body is not None:
        raise TypeError(
            f"body must be a UsersUpdateUserRequest or a mapping, got {type(body).__name__}"
        )
    data: dict[str, str] = {}
    for key, value in (("name", name), ("organization", organization)):
        if value is not None:
            if not isinstance(value, str):
                raise TypeError(f"{key} must be a str, got {value!r}")
            data[key] = value
    if not data:
        raise ValueError("update_current_user needs name and/or organization")
    return UsersUpdateUserRequest.from_dict(data)


def client_repr(cls_name: str, url: str) -> str:
    # Never the token or the proxy: they are secrets.
    return f"{cls_name}(url={url!r})"


CREATE_TOKEN_DEPRECATION = (
    "create_api_token is deprecated: issuing a Q-API-Token now requires an interactive (OIDC) "
    "session and is handled from the web console. A client authenticated with a Q-API-Token "
    "can no longer mint a new token and will receive HTTP 403."
)
