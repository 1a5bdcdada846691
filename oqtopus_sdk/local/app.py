"""The HTTP layer: a Starlette app speaking the OQTOPUS User API wire contract.

``build_app(emulator)`` returns an ASGI app already wrapped in :class:`EdgeMiddleware`,
which adds ``X-Correlation-Id``, injects faults and turns any uncaught exception into
the live 500 body, so no request can take the server down.

Besides the User API and the S3 stand-in (``/storage/...``) it serves the internal
``/_local/sse/jobs`` endpoints that the emulator's ``sse_driver`` calls from inside SSE
programs; only an SSE run's own token is accepted there, and no fault is injected.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import math
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .emulator import SSE_LOG_NAME, Emulator, Principal, SseRequestError
from .faults import FaultInjector
from .ids import iso, parse_time, utcnow
from .listing import job_filter, job_to_json, project
from .signing import SignatureError, verify_download, verify_post_policy
from .store import TERMINAL
from .validation import InvalidFields, coerce_int, parse_list_query, parse_submit_body

log = logging.getLogger("oqtopus_sdk.local")

INTERNAL_ERROR = {
    "message": "Internal Server Error",
    "message_code": "INTERNAL_SERVER_ERROR",
    "message_params": {},
}
NOT_FOUND = {"message": "job not found with the given id"}
# Multipart framing and form fields around the file part of a presigned POST.
UPLOAD_FORM_OVERHEAD = 64 * 1024
# Longest a status request of the SSE driver is held open while its job runs.
SSE_MAX_WAIT = 30.0
Handler = Callable[[Request], Awaitable[Response]]

# (method, path regex, endpoint name): used for fault injection before routing.
_ENDPOINT_PATTERNS = [
    ("GET", r"/devices", "list_devices"),
    ("GET", r"/devices/[^/]+", "get_device"),
    ("POST", r"/jobs", "register_job"),
    ("GET", r"/jobs", "list_jobs"),
    ("POST", r"/jobs/[^/]+/submit", "submit_job"),
    ("GET", r"/jobs/[^/]+/status", "get_job_status"),
    ("POST", r"/jobs/[^/]+/cancel", "cancel_job"),
    ("GET", r"/jobs/[^/]+/sselog", "get_sselog"),
    ("GET", r"/jobs/[^/]+", "get_job"),
    ("DELETE", r"/jobs/[^/]+", "delete_job"),
    ("POST", r"/api-token", "create_api_token"),
    ("DELETE", r"/api-token", "delete_api_token"),
    ("GET", r"/api-token/status", "get_api_token_status"),
    ("GET", r"/announcements", "list_announcements"),
    ("GET", r"/announcements/[^/]+", "get_announcement"),
    ("GET", r"/users/me", "get_current_user"),
    ("PATCH", r"/users/me", "update_current_user"),
    ("DELETE", r"/users/me", "delete_current_user"),
    ("GET", r"/system/settings", "get_settings"),
    ("POST", r"/storage/upload", "storage_upload"),
    ("GET", r"/storage/download/.+", "storage_download"),
]
_COMPILED = [(m, re.compile(p + r"/?"), n) for m, p, n in _ENDPOINT_PATTERNS]


def endpoint_name(method: str, path: str) -> str | None:
    """Map a request to its fault-injection endpoint name.

    Args:
        method: HTTP method.
        path: URL path.

    Returns:
        The name, or None for unknown routes.
    """
    for m, rx, name in _COMPILED:
        if m == method and rx.fullmatch(path):
            return name
    return None


class ApiError(Exception):
    """Raised by handlers to answer with a JSON error body."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        """Create the error.

        Args:
            status: HTTP status.
            body: JSON body.
            headers: Extra headers.
        """
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def _s3_error(status: int, code: str, message: str) -> Response:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    )
    return Response(body, status_code=status, media_type="application/xml")


async def _send_json(
    send: Send, status: int, body: Any, headers: list[tuple[bytes, bytes]]
) -> None:
    raw = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(raw)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": raw})


def _drop_connection(receive: Receive) -> bool:
    """Abort the TCP connection without a response (uvicorn internals; best effort)."""
    # uvicorn passes its RequestResponseCycle.receive bound method; the cycle owns the
    # transport. Marking it disconnected stops uvicorn from writing a 500 afterwards.
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None or not hasattr(transport, "abort"):
        return False
    transport.abort()
    if cycle is not None:
        with contextlib.suppress(AttributeError):
            cycle.disconnected = True
    return True


class EdgeMiddleware:
    """Correlation ids, fault injection and the last-resort 500 handler."""

    def __init__(self, app: ASGIApp, faults: FaultInjector) -> None:
        """Wrap an app.

        Args:
            app: Inner ASGI app.
            faults: Fault injector.
        """
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection scope."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        corr = None
        for k, v in scope.get("headers", []):
            if k.lower() == b"x-correlation-id" and v:
                corr = v
        cid = corr or str(uuid.uuid4()).encode()
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [
                    h for h in message.get("headers", []) if h[0].lower() != b"x-correlation-id"
                ]
                message = {**message, "headers": [*headers, (b"x-correlation-id", cid)]}
            await send(message)

        name = endpoint_name(scope.get("method", ""), scope.get("path", ""))
        kind = self.faults.decide(name) if name else None
        if kind == "drop":
            if _drop_connection(receive):
                return
            # Fallback: promise a body and never send it; the client sees a broken response.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"1000")],
                }
            )
            raise RuntimeError("injected dropped connection")
        if kind is not None:
            retry = [(b"retry-after", self.faults.retry_after_header().encode())]
            if kind == "429":
                await _send_json(send_with_id, 429, {"message": "Too Many Requests"}, retry)
            elif kind == "503":
                await _send_json(send_with_id, 503, {"message": "Service Unavailable"}, retry)
            else:
                await _send_json(send_with_id, 500, INTERNAL_ERROR, [])
            return
        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _send_json(send_with_id, 500, INTERNAL_ERROR, [])


def _announcements() -> list[dict[str, Any]]:
    return [
        {
            "id": 1,
            "title": "Welcome to the local OQTOPUS emulator",
            "content": "Jobs run on a local qiskit statevector simulator.",
            "start_time": "2025-01-01T00:00:00+00:00",
            "end_time": "2099-12-31T23:59:59+00:00",
            "publishable": True,
        },
        {
            "id": 2,
            "title": "Scheduled maintenance of emu-qpu-offline",
            "content": "emu-qpu-offline stays unavailable in the emulator.",
            "start_time": "2025-06-01T00:00:00+00:00",
            "end_time": "2025-06-02T00:00:00+00:00",
            "publishable": True,
        },
    ]


class Api:
    """Request handlers bound to one :class:`Emulator`."""

    def __init__(self, emu: Emulator) -> None:
        """Bind handlers.

        Args:
            emu: Emulator state.
        """
        self.emu = emu

    # ----- helpers -----------------------------------------------------------------

    def auth(self, request: Request) -> Principal:
        """Authenticate by ``q-api-token``.

        Args:
            request: The request.

        Returns:
            The caller.

        Raises:
            ApiError: 401 ``{"detail": "Unauthorized"}``.
        """
        who = self.emu.authenticate(request.headers.get("q-api-token"))
        # An SSE run's token only reaches the driver endpoints: the live SSE container
        # has no API token at all.
        if who is None or who.sse_parent is not None:
            raise ApiError(401, {"detail": "Unauthorized"})
        return who

    def sse_auth(self, request: Request) -> Principal:
        """Authenticate the emulator's ``sse_driver`` by its per-run token.

        Args:
            request: The request.

        Returns:
            The principal (``sse_parent`` set).

        Raises:
            ApiError: 401 for any other token.
        """
        who = self.emu.authenticate(request.headers.get("q-api-token"))
        if who is None or who.sse_parent is None:
            raise ApiError(401, {"detail": "Unauthorized"})
        return who

    def owned(self, request: Request, who: Principal) -> Any:
        rec = self.emu.get_owned(who, request.path_params["job_id"])
        if rec is None:
            raise ApiError(404, NOT_FOUND)
        return rec

    def routes(self) -> list[Route]:
        """Return the route table.

        Returns:
            Starlette routes.
        """
        r = self._wrap
        return [
            Route("/devices", r(self.list_devices), methods=["GET"]),
            Route("/devices/{device_id}", r(self.get_device), methods=["GET"]),
            Route("/jobs", r(self.register_job), methods=["POST"]),
            Route("/jobs", r(self.list_jobs), methods=["GET"]),
            Route("/jobs/{job_id}/submit", r(self.submit_job), methods=["POST"]),
            Route("/jobs/{job_id}/status", r(self.get_job_status), methods=["GET"]),
            Route("/jobs/{job_id}/cancel", r(self.cancel_job), methods=["POST"]),
            Route("/jobs/{job_id}/sselog", r(self.get_sselog), methods=["GET"]),
            Route("/jobs/{job_id}", r(self.get_job), methods=["GET"]),
            Route("/jobs/{job_id}", r(self.delete_job), methods=["DELETE"]),
            Route("/api-token", r(self.create_api_token), methods=["POST"]),
            Route("/api-token", r(self.delete_api_token), methods=["DELETE"]),
            Route("/api-token/status", r(self.api_token_status), methods=["GET"]),
            Route("/announcements", r(self.list_announcements), methods=["GET"]),
            Route("/announcements/{announcement_id}", r(self.get_announcement), methods=["GET"]),
            Route("/users/me", r(self.get_me), methods=["GET"]),
            Route("/users/me", r(self.patch_me), methods=["PATCH"]),
            Route("/users/me", r(self.delete_me), methods=["DELETE"]),
            Route("/system/settings", r(self.get_settings), methods=["GET"]),
            Route("/storage/upload", r(self.storage_upload), methods=["POST"]),
            Route("/storage/download/{job_id}/{name}", r(self.storage_download), methods=["GET"]),
            Route("/_local/sse/jobs", r(self.sse_submit), methods=["POST"]),
            Route("/_local/sse/jobs/{job_id}", r(self.sse_get_job), methods=["GET"]),
        ]

    def _wrap(self, fn: Handler) -> Handler:
        async def handler(request: Request) -> Response:
            try:
                return await fn(request)
            except ApiError as exc:
                return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers)

        return handler

    # ----- devices -----------------------------------------------------------------

    async def list_devices(self, request: Request) -> Response:
        self.auth(request)
        return JSONResponse(
            [d.to_json(self.emu.pending_jobs(d.device_id)) for d in self.emu.device_views()]
        )

    async def get_device(self, request: Request) -> Response:
        self.auth(request)
        device_id = request.path_params["device_id"]
        dev = self.emu.device_view(device_id)
        if dev is None:
            raise ApiError(404, {"message": f"device_id={device_id} is not found."})
        return JSONResponse(dev.to_json(self.emu.pending_jobs(device_id)))

    # ----- jobs --------------------------------------------------------------------

    async def register_job(self, request: Request) -> Response:
        who = self.auth(request)
        rec = self.emu.register(who)
        return JSONResponse(
            {"job_id": rec.job_id, "presigned_url": self.emu.upload_target(rec.job_id)}
        )

    async def submit_job(self, request: Request) -> Response:
        who = self.auth(request)
        raw = await request.body()
        body, errors = parse_submit_body(raw)
        if body is None:
            raise ApiError(422, {"detail": errors})
        rec = self.owned(request, who)
        job_id = rec.job_id
        if rec.status != "registered":
            raise ApiError(
                400,
                {
                    "message": f"{job_id} job is not in valid status for submission "
                    "(valid status for submission: 'registered')"
                },
            )
        dev = self.emu.resolve_device(body.device_id)
        if dev is None:
            raise ApiError(400, {"message": "device not found"})
        if dev.status != "available":
            raise ApiError(400, {"message": f"device {body.device_id} is not available"})
        if not self.emu.archives.exists(self.emu.input_key(job_id)):
            raise ApiError(400, {"message": f"job information input for {job_id} job not found"})

        def mutate(r: Any) -> bool:
            if r.status != "registered":
                return False
            r.status = "submitted"
            r.name = body.name if body.name is not None else ""
            r.description = body.description if body.description is not None else ""
            r.device_id = body.device_id
            r.job_type = body.job_type
            r.shots = body.shots
            r.transpiler_info = body.transpiler_info
            r.simulator_info = body.simulator_info
            r.mitigation_info = body.mitigation_info
            r.submitted_at = iso(utcnow())
            return True

        updated = self.emu.store.update(job_id, mutate)
        if updated is None:
            # Lost a race with a cancel or a second submit.
            current = self.emu.store.get(job_id)
            if current is None:
                raise ApiError(404, NOT_FOUND)
            raise ApiError(
                400,
                {
                    "message": f"{job_id} job is not in valid status for submission "
                    "(valid status for submission: 'registered')"
                },
            )
        self.emu.submit(updated)
        return JSONResponse({"message": "job submitted"})

    async def list_jobs(self, request: Request) -> Response:
        who = self.auth(request)
        params = dict(request.query_params)
        try:
            query, errors = parse_list_query(params)
        except InvalidFields as exc:
            raise ApiError(400, {"message": str(exc)}) from exc
        if query is None:
            raise ApiError(422, {"detail": errors})
        # Like the live server, an unparseable time surfaces as a 500 (ValueError escapes).
        start = parse_time(query.start_time) if query.start_time else None
        end = parse_time(query.end_time) if query.end_time else None
        keep = job_filter(start_time=start, end_time=end, status=query.status, q=query.q)
        page = self.emu.store.page(
            who.user_id,
            keep,
            page=query.page,
            size=query.size,
            descending=query.order == "DESC",
            submitted_from=start,
        )
        # job_info costs one archive lookup per possible archive: skip it when not asked for.
        want_info = query.fields is None or "job_info" in query.fields
        out = [
            project(job_to_json(j, self.emu.job_info(j) if want_info else None), query.fields)
            for j in page
        ]
        return JSONResponse(out)

    async def get_job(self, request: Request) -> Response:
        who = self.auth(request)
        rec = self.owned(request, who)
        return JSONResponse(job_to_json(rec, self.emu.job_info(rec)))

    async def get_job_status(self, request: Request) -> Response:
        who = self.auth(request)
        rec = self.owned(request, who)
        return JSONResponse({"job_id": rec.job_id, "status": rec.status})

    async def cancel_job(self, request: Request) -> Response:
        who = self.auth(request)
        rec = self.owned(request, who)
        if rec.status == "cancelled":
            return JSONResponse({"message": "cancel request accepted"})
        if self.emu.cancel(rec.job_id) is None:
            current = self.emu.store.get(rec.job_id)
            if current is None:
                raise ApiError(404, NOT_FOUND)
            if current.status != "cancelled":
                raise ApiError(
                    400,
                    {
                        "message": f"{rec.job_id} job is not in valid status for cancellation "
                        "(valid statuses for cancellation: 'registered', 'ready', 'submitted' "
                        "and 'running')"
                    },
                )
        return JSONResponse({"message": "cancel request accepted"})

    async def delete_job(self, request: Request) -> Response:
        who = self.auth(request)
        rec = self.owned(request, who)
        if rec.status not in ("succeeded", "failed", "cancelled"):
            raise ApiError(
                400,
                {
                    "message": f"{rec.job_id} job is not in valid status for deletion "
                    "(valid statuses for deletion: 'succeeded', 'failed' and 'cancelled')"
                },
            )
        self.emu.delete(rec.job_id)
        return JSONResponse({"message": "job deleted"})

    async def get_sselog(self, request: Request) -> Response:
        who = self.auth(request)
        rec = self.owned(request, who)
        if rec.job_type != "sse":
            raise ApiError(400, {"message": "job is not an SSE job"})
        if rec.status not in ("succeeded", "failed"):
            raise ApiError(400, {"message": "job has not finished yet"})
        data = self.emu.archives.get(f"{rec.job_id}/sse_log.zip")
        if data is None:
            raise ApiError(404, {"message": "log file not found"})
        return JSONResponse(
            {"file": base64.b64encode(data).decode(), "file_name": f"{rec.job_id}_sselog.zip"}
        )

    # ----- tokens, announcements, users ---------------------------------------------

    async def create_api_token(self, request: Request) -> Response:
        who = self.auth(request)
        return JSONResponse(self.emu.create_token(who))

    async def delete_api_token(self, request: Request) -> Response:
        who = self.auth(request)
        self.emu.delete_token(who)
        return Response(status_code=200)

    async def api_token_status(self, request: Request) -> Response:
        self.auth(request)
        return JSONResponse(self.emu.token_status(request.headers.get("q-api-token", "")))

    async def list_announcements(self, request: Request) -> Response:
        self.auth(request)
        params = request.query_params
        errors = []
        bounds: dict[str, int] = {}
        for name, default in (("offset", 0), ("limit", 10)):
            if name in params:
                n, err = coerce_int(["query", name], params[name], 0, None)
                if err is not None:
                    errors.append(err)
                else:
                    bounds[name] = n or 0
            else:
                bounds[name] = default
        if errors:
            raise ApiError(422, {"detail": errors})
        items = _announcements()
        if params.get("current_time"):
            t = parse_time(params["current_time"])
            items = [
                a for a in items if parse_time(a["start_time"]) <= t <= parse_time(a["end_time"])
            ]
        items.sort(key=lambda a: (a["start_time"], a["id"]), reverse=params.get("order") == "DESC")
        items = items[bounds["offset"] : bounds["offset"] + bounds["limit"]]
        return JSONResponse({"announcements": items})

    async def get_announcement(self, request: Request) -> Response:
        self.auth(request)
        raw = request.path_params["announcement_id"]
        n, err = coerce_int(["path", "announcement_id"], raw, -(2**63), None)
        if err is not None or n is None:
            raise ApiError(422, {"detail": [err]})
        for a in _announcements():
            if a["id"] == n:
                return JSONResponse(a)
        raise ApiError(404, {"message": f"announcement_id={n} is not found."})

    def _user_json(self, user_id: str) -> dict[str, Any]:
        user = self.emu.users[user_id]
        visible = set(self.emu.settings["visible_fields"])
        out: dict[str, Any] = {
            k: (getattr(user, k) if k in visible else None)
            for k in ("id", "email", "name", "organization", "created_at")
        }
        out["login_events"] = list(user.login_events)
        return out

    async def get_me(self, request: Request) -> Response:
        who = self.auth(request)
        if who.user_id not in self.emu.users:
            raise ApiError(404, {"message": "user is not found"})
        return JSONResponse(self._user_json(who.user_id))

    async def patch_me(self, request: Request) -> Response:
        who = self.auth(request)
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError as exc:
            raise ApiError(
                422,
                {
                    "detail": [
                        {
                            "type": "json_invalid",
                            "loc": ["body", 0],
                            "msg": "JSON decode error",
                            "input": {},
                            "ctx": {"error": str(exc)},
                        }
                    ]
                },
            ) from exc
        if not isinstance(body, dict):
            raise ApiError(
                422,
                {
                    "detail": [
                        {
                            "type": "model_attributes_type",
                            "loc": ["body"],
                            "msg": "Input should be a valid dictionary or object to extract fields from",
                            "input": body,
                        }
                    ]
                },
            )
        user = self.emu.users.get(who.user_id)
        if user is None:
            raise ApiError(404, {"message": "User not found"})
        for name in ("name", "organization"):
            if body.get(name) is None:
                continue
            value = body[name]
            if not isinstance(value, str):
                raise ApiError(
                    422,
                    {
                        "detail": [
                            {
                                "type": "string_type",
                                "loc": ["body", name],
                                "msg": "Input should be a valid string",
                                "input": value,
                            }
                        ]
                    },
                )
            if name not in self.emu.settings["editable_fields"]:
                raise ApiError(401, {"message": f"{name} field is disabled for updates"})
            if len(value) > 255:
                raise ApiError(400, {"message": f"{name} is too long"})
            setattr(user, name, value)
        return JSONResponse(self._user_json(who.user_id))

    async def delete_me(self, request: Request) -> Response:
        self.auth(request)
        if not self.emu.settings["allow_deletion"]:
            raise ApiError(403, {"message": "user deletion is disabled"})
        return Response(status_code=204)

    async def get_settings(self, request: Request) -> Response:
        self.auth(request)
        return JSONResponse(self.emu.settings)

    # ----- storage (S3 stand-in; no API token, presigned signatures instead) ----------

    def _too_large(self, size: int | None) -> Response:
        limit = self.emu.max_upload_bytes
        proposed = f"<ProposedSize>{size}</ProposedSize>" if size is not None else ""
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            "<Error><Code>EntityTooLarge</Code>"
            "<Message>Your proposed upload exceeds the maximum allowed size "
            f"({limit} bytes)</Message>{proposed}<MaxSizeAllowed>{limit}</MaxSizeAllowed></Error>"
        )
        return Response(body, status_code=413, media_type="application/xml")

    async def storage_upload(self, request: Request) -> Response:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.emu.max_upload_bytes + UPLOAD_FORM_OVERHEAD:
            # Refuse before parsing; drain the body so the client can read the answer.
            async for _ in request.stream():
                pass
            return self._too_large(None)
        try:
            form = await request.form(max_files=1, max_fields=50)
        except Exception:
            return _s3_error(
                400,
                "MalformedPOSTRequest",
                "The body of your POST request is not well-formed multipart/form-data.",
            )
        try:
            return await self._store_upload(form)
        finally:
            # The parsed file part is a spooled temporary file: close it on every path.
            await form.close()

    async def _store_upload(self, form: Any) -> Response:
        items = form.multi_items()
        if not items or items[-1][0] != "file" or isinstance(items[-1][1], str):
            return _s3_error(
                400,
                "InvalidArgument",
                "POST requires exactly one file upload per request, as the last form field named 'file'.",
            )
        fields = {k: v for k, v in items[:-1] if isinstance(v, str)}
        try:
            key = verify_post_policy(self.emu.secret, fields)
        except SignatureError as exc:
            code = "SignatureDoesNotMatch" if "signature" in str(exc) else "AccessDenied"
            return _s3_error(403, code, str(exc))
        upload = items[-1][1]
        data = await upload.read()
        if len(data) > self.emu.max_upload_bytes:
            return self._too_large(len(data))
        try:
            self.emu.archives.put(key, data)
        except ValueError:
            return _s3_error(400, "InvalidArgument", "invalid key")
        return Response(status_code=204)

    async def storage_download(self, request: Request) -> Response:
        key = f"{request.path_params['job_id']}/{request.path_params['name']}"
        try:
            verify_download(
                self.emu.secret,
                key,
                request.query_params.get("expires"),
                request.query_params.get("signature"),
            )
        except SignatureError as exc:
            code = "SignatureDoesNotMatch" if "signature" in str(exc) else "AccessDenied"
            return _s3_error(403, code, str(exc))
        data = self.emu.archives.get(key)
        if data is None:
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.")
        return Response(data, media_type="application/zip")

    # ----- internal: the emulator's sse_driver -----------------------------------------

    async def sse_submit(self, request: Request) -> Response:
        who = self.sse_auth(request)
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError as exc:
            raise ApiError(422, {"message": f"the body is not JSON: {exc}"}) from exc
        try:
            rec = self.emu.sse_submit(who, body)
        except SseRequestError as exc:
            raise ApiError(exc.status, exc.body) from exc
        return JSONResponse({"job_id": rec.job_id, "status": rec.status})

    async def sse_get_job(self, request: Request) -> Response:
        who = self.sse_auth(request)
        job_id = request.path_params["job_id"]
        try:
            wait = float(request.query_params.get("wait") or 0)
        except ValueError:
            wait = math.nan
        if not math.isfinite(wait):
            raise ApiError(422, {"message": "wait must be a number of seconds"})
        wait = min(max(wait, 0.0), SSE_MAX_WAIT)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            rec = self.emu.sse_job(who, job_id)
            if rec is None:
                raise ApiError(404, NOT_FOUND)
            if rec.status in TERMINAL:
                return JSONResponse(self.emu.inline_job(rec))
            if loop.time() >= deadline or await request.is_disconnected():
                return JSONResponse({"job_id": rec.job_id, "status": rec.status})
            await asyncio.sleep(0.005)


async def _not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    text = "Method Not Allowed" if status == 405 else "Not Found"
    return JSONResponse({"detail": text}, status_code=status)


async def _internal(request: Request, exc: Exception) -> Response:
    return JSONResponse(INTERNAL_ERROR, status_code=500)


def build_app(emu: Emulator) -> ASGIApp:
    """Build the emulator's ASGI app.

    Args:
        emu: Emulator state.

    Returns:
        The app wrapped in :class:`EdgeMiddleware`.
    """
    api = Api(emu)
    app = Starlette(
        routes=api.routes(),
        exception_handlers={404: _not_found, 405: _not_found, Exception: _internal},
    )
    return EdgeMiddleware(app, emu.faults)


__all__ = ["SSE_LOG_NAME", "ApiError", "EdgeMiddleware", "build_app", "endpoint_name"]
