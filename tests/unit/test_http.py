"""The transport: headers, retries, error mapping, storage transfers, redaction.

Every test runs on both drivers: the transport flows are written once and the sync and async
drivers must give the same answers, retries and errors.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_api import TOKEN, FakeTime

from oqtopus_sdk._drivers import AsyncDriver, SyncDriver
from oqtopus_sdk._ops import Flow
from oqtopus_sdk._transport import Transport, client_options, default_user_agent
from oqtopus_sdk.config import OqtopusConfig
from oqtopus_sdk.errors import (
    BadRequestError,
    NotFoundError,
    OqtopusConnectionError,
    OqtopusTimeoutError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    StorageError,
    UnauthorizedError,
    UnprocessableEntityError,
)

BASE = "https://api.test"
GET_JOB = {"method": "get", "url": "/jobs/j1"}
POST_JOB = {"method": "post", "url": "/jobs"}


MODE = {"name": "sync"}
OPEN: list[Http] = []


@pytest.fixture(autouse=True, params=["sync", "async"])
def driver_mode(request: pytest.FixtureRequest) -> Any:
    MODE["name"] = request.param
    yield request.param
    MODE["name"] = "sync"
    while OPEN:
        OPEN.pop().close()


class Http:
    """The transport flows run by the current test's driver (sync or async)."""

    def __init__(
        self,
        config: OqtopusConfig,
        *,
        default_headers: dict[str, str] | None = None,
        user_agent: str | None = None,
        transport: httpx.MockTransport | None = None,
        time: FakeTime | None = None,
    ) -> None:
        self.transport = Transport(config, default_headers=default_headers, user_agent=user_agent)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closed = False
        OPEN.append(self)
        if MODE["name"] == "sync":
            self.driver: Any = SyncDriver(
                config, transport=transport, sleep=time.sleep if time else None
            )
        else:
            self.loop = asyncio.new_event_loop()
            self.driver = AsyncDriver(
                config, transport=transport, sleep=time.asleep if time else None
            )

    @property
    def client(self) -> Any:
        return self.driver.http

    def run(self, flow: Flow[Any]) -> Any:
        if self.loop is None:
            return self.driver.run(flow)
        return self.loop.run_until_complete(self.driver.run(flow))

    def api(self, kwargs: dict[str, Any], *, idempotent: bool | None = None) -> Any:
        return self.run(self.transport.api(kwargs, idempotent=idempotent))

    def upload(
        self,
        url: str,
        fields: dict[str, str],
        data: bytes,
        *,
        filename: str,
        archive: str = "input",
    ) -> None:
        self.run(self.transport.upload(url, fields, data, filename=filename, archive=archive))

    def download(self, url: str, *, archive: str) -> bytes:
        data: bytes = self.run(self.transport.download(url, archive=archive))
        return data

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.loop is None:
            self.driver.close()
        else:
            self.loop.run_until_complete(self.driver.aclose())
            self.loop.close()


def make(handler: Any, **config: Any) -> tuple[Http, FakeTime]:
    time = FakeTime()
    cfg = OqtopusConfig(base_url=BASE, api_token=TOKEN, **config)
    http = Http(
        cfg,
        default_headers={"X-Trace": "abc"},
        transport=httpx.MockTransport(handler),
        time=time,
    )
    return http, time


def scripted(*answers: Any) -> tuple[Any, list[httpx.Request]]:
    seen: list[httpx.Request] = []
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        # A fresh response each time: a real server never sends the same stream twice.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    return handler, seen


def test_api_headers_token_user_agent_and_default_headers() -> None:
    handler, seen = scripted(httpx.Response(200, json={"ok": True}))
    http, _ = make(handler)
    assert http.api(GET_JOB) == {"ok": True}
    headers = seen[0].headers
    assert headers["q-api-token"] == TOKEN
    assert "authorization" not in headers
    assert headers["user-agent"] == default_user_agent()
    assert default_user_agent().startswith("oqtopus-sdk/")
    assert headers["x-trace"] == "abc"
    assert headers["accept"] == "application/json"
    assert str(seen[0].url) == f"{BASE}/jobs/j1"


def test_custom_user_agent() -> None:
    handler, seen = scripted(httpx.Response(200, json={}))
    http = Http(
        OqtopusConfig(base_url=BASE), user_agent="me/1", transport=httpx.MockTransport(handler)
    )
    http.api(GET_JOB)
    assert seen[0].headers["user-agent"] == "me/1"
    assert "q-api-token" not in seen[0].headers


def test_one_pooled_client_is_reused_for_every_request() -> None:
    handler, _ = scripted(httpx.Response(200, json={}))
    http, _ = make(handler)
    client = http.client
    http.api(GET_JOB)
    http.download(f"{BASE}/x.zip", archive="result")
    assert http.client is client
    http.close()
    assert client.is_closed


def test_get_retried_on_503_with_backoff_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    handler, seen = scripted(
        httpx.Response(503, text="busy"), httpx.Response(503), httpx.Response(200, json={"a": 1})
    )
    http, time = make(handler)
    with caplog.at_level(logging.WARNING, logger="oqtopus_sdk"):
        assert http.api(GET_JOB) == {"a": 1}
    assert len(seen) == 3
    assert len(time.sleeps) == 2
    assert time.sleeps[1] > time.sleeps[0]
    assert "retrying" in caplog.text
    assert "HTTP 503" in caplog.text
    assert TOKEN not in caplog.text


def test_429_honours_retry_after() -> None:
    handler, _seen = scripted(
        httpx.Response(429, headers={"Retry-After": "7"}, json={"message": "slow down"}),
        httpx.Response(200, json={}),
    )
    http, time = make(handler)
    http.api(GET_JOB)
    assert time.sleeps == [7.0]


def test_gives_up_after_max_attempts_with_server_message() -> None:
    handler, seen = scripted(httpx.Response(503, json={"message": "maintenance"}))
    http, _ = make(handler, retry_max_attempts=2)
    with pytest.raises(ServerError) as info:
        http.api(GET_JOB)
    assert len(seen) == 2
    assert info.value.status_code == 503
    assert info.value.message == "maintenance"


def test_post_not_retried_on_status_by_default() -> None:
    handler, seen = scripted(httpx.Response(503, json={"message": "x"}))
    http, _ = make(handler)
    with pytest.raises(ServerError):
        http.api(POST_JOB)
    assert len(seen) == 1


def test_post_retried_when_listed_in_retry_methods() -> None:
    handler, seen = scripted(httpx.Response(503), httpx.Response(200, json={}))
    http, _ = make(handler, retry_methods=frozenset({"POST"}))
    http.api(POST_JOB)
    assert len(seen) == 2


def test_retry_status_codes_are_applied() -> None:
    handler, seen = scripted(httpx.Response(500), httpx.Response(200, json={}))
    http, _ = make(handler, retry_status_codes=frozenset({500}))
    http.api(GET_JOB)
    assert len(seen) == 2
    handler, seen = scripted(httpx.Response(503, json={"message": "m"}))
    http, _ = make(handler, retry_status_codes=frozenset({500}))
    with pytest.raises(ServerError):
        http.api(GET_JOB)
    assert len(seen) == 1


def test_connect_error_retried_even_for_post() -> None:
    handler, seen = scripted(httpx.ConnectError("refused"), httpx.Response(200, json={}))
    http, _ = make(handler)
    http.api(POST_JOB)
    assert len(seen) == 2


def test_read_timeout_after_sending_post_is_not_retried_and_is_wrapped() -> None:
    handler, seen = scripted(httpx.ReadTimeout("too slow"))
    http, _ = make(handler)
    with pytest.raises(OqtopusTimeoutError) as info:
        http.api(POST_JOB)
    assert len(seen) == 1
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)
    assert isinstance(info.value, TimeoutError)


def test_connection_failures_wrapped_after_retries() -> None:
    handler, seen = scripted(httpx.ConnectError(f"refused {TOKEN}"))
    http, _time = make(handler)
    with pytest.raises(OqtopusConnectionError) as info:
        http.api(GET_JOB)
    assert len(seen) == 3
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert TOKEN not in str(info.value)
    assert "3 attempt" in str(info.value)


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (
            404,
            {"message": "job not found with the given id"},
            NotFoundError,
            "job not found with the given id",
        ),
        (401, {"detail": "Unauthorized"}, UnauthorizedError, "Unauthorized"),
        (
            422,
            {"detail": [{"loc": ["body", "shots"], "msg": "too big", "type": "x"}]},
            UnprocessableEntityError,
            "body.shots: too big",
        ),
        (403, {"Message": "User is not authorized"}, None, "User is not authorized"),
        (400, b"plain text failure", BadRequestError, "plain text failure"),
        (429, {"message": "slow"}, RateLimitError, "slow"),
    ],
)
def test_error_mapping_uses_server_message(status: int, body: Any, cls: Any, message: str) -> None:
    from oqtopus_sdk.errors import ForbiddenError

    cls = cls or ForbiddenError
    response = (
        httpx.Response(status, content=body)
        if isinstance(body, bytes)
        else httpx.Response(status, json=body)
    )
    handler, _ = scripted(response)
    http, _ = make(handler, retry_max_attempts=1)
    with pytest.raises(cls) as info:
        http.api(GET_JOB)
    assert info.value.message == message
    assert info.value.status_code == status
    assert str(info.value).startswith(f"HTTP {status}: {message}")


def test_2xx_non_json_is_response_validation_error() -> None:
    handler, _ = scripted(httpx.Response(200, content=b"<html>"))
    http, _ = make(handler)
    with pytest.raises(ResponseValidationError) as info:
        http.api(GET_JOB)
    assert info.value.payload == "<html>"


def test_empty_2xx_is_none() -> None:
    handler, _ = scripted(httpx.Response(204))
    http, _ = make(handler)
    assert http.api({"method": "delete", "url": "/api-token"}) is None


def test_upload_posts_every_field_in_order_then_file_without_api_headers() -> None:
    handler, seen = scripted(httpx.Response(503), httpx.Response(204))
    http, _time = make(handler)
    fields = {
        "key": "j/input.zip",
        "AWSAccessKeyId": "A",
        "x-amz-date": "D",
        "policy": "P",
        "signature": "S",
    }
    http.upload("https://storage.test/bucket/", fields, b"ZIPDATA", filename="input.zip")
    assert len(seen) == 2  # presigned uploads are retried
    request = seen[-1]
    assert "q-api-token" not in request.headers
    assert "x-trace" not in request.headers
    body = request.content
    order = [body.index(f'name="{name}"'.encode()) for name in [*fields, "file"]]
    assert order == sorted(order)
    assert b'filename="input.zip"' in body
    assert b"Content-Type: application/zip" in body


def test_upload_body_is_rendered_once_not_streamed_part_by_part() -> None:
    # A streamed multipart body leaves in one socket write per part; the async client pays
    # a cancel scope for each. The flow hands the driver the whole body as one chunk.
    transport = Transport(OqtopusConfig(base_url="https://api.test", api_token=TOKEN))
    flow = transport.upload(
        "https://storage.test/bucket/",
        {"key": "j/input.zip"},
        b"ZIP",
        filename="input.zip",
        archive="input",
    )
    request = next(flow).request  # type: ignore[union-attr]
    assert isinstance(request.stream, httpx.ByteStream)
    assert list(request.stream) == [request.content]
    assert b'name="key"' in request.content
    assert b"ZIP" in request.content
    assert request.headers["Content-Length"] == str(len(request.content))
    flow.close()


def test_upload_refused_raises_storage_error_without_signature() -> None:
    handler, _ = scripted(httpx.Response(403, text="<Error>AccessDenied</Error>"))
    http, _ = make(handler)
    with pytest.raises(StorageError) as info:
        http.upload(
            "https://storage.test/bucket/?X-Amz-Signature=sekrit", {}, b"x", filename="input.zip"
        )
    assert info.value.status_code == 403
    assert "input" in str(info.value)
    assert "sekrit" not in str(info.value)


def test_download_retried_and_errors_name_archive() -> None:
    handler, seen = scripted(httpx.Response(500), httpx.Response(200, content=b"zip"))
    http, _ = make(handler)
    assert http.download("https://storage.test/r.zip?sig=1", archive="result") == b"zip"
    assert len(seen) == 2
    handler, _ = scripted(httpx.ConnectError("boom"))
    http, _ = make(handler)
    with pytest.raises(StorageError) as info:
        http.download("https://storage.test/r.zip?X-Amz-Signature=sekrit", archive="result")
    assert "'result'" in str(info.value)
    assert "sekrit" not in str(info.value)
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_file_urls_are_read_and_written(tmp_path: Path) -> None:
    handler, seen = scripted(httpx.Response(500))
    http, _ = make(handler, local_storage_root=tmp_path)
    target = tmp_path / "job" / "input.zip"
    http.upload(target.as_uri(), {}, b"DATA", filename="input.zip")
    assert target.read_bytes() == b"DATA"
    assert http.download(target.as_uri(), archive="input") == b"DATA"
    assert seen == []
    with pytest.raises(StorageError, match="'result'"):
        http.download((tmp_path / "missing.zip").as_uri(), archive="result")
    # A symlink inside the root that points out of it is refused too.
    (tmp_path / "link").symlink_to("/etc")
    with pytest.raises(StorageError, match="outside local_storage_root"):
        http.download((tmp_path / "link" / "hostname").as_uri(), archive="sse_log")


def test_file_urls_refused_without_local_storage_root(tmp_path: Path) -> None:
    handler, seen = scripted(httpx.Response(500))
    http, _ = make(handler)
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    with pytest.raises(StorageError, match=r"file:// storage URL.*local_storage_root") as info:
        http.download(secret.as_uri(), archive="sse_log")
    assert "do not read" not in str(info.value)
    with pytest.raises(StorageError, match="local_storage_root"):
        http.upload(secret.as_uri(), {}, b"OVERWRITE", filename="input.zip")
    assert secret.read_text() == "do not read"
    assert seen == []


def test_client_options_proxy_tls_and_ca_bundle(tmp_path: Path) -> None:
    config = OqtopusConfig(base_url=BASE, proxy="http://user:pw@proxy:3128")
    options = client_options(config, has_transport=False)
    assert options["proxy"] == "http://user:pw@proxy:3128"
    assert options["verify"] is True
    assert options["follow_redirects"] is False
    import certifi

    bundle_config = OqtopusConfig(base_url=BASE, ca_bundle=certifi.where())
    assert isinstance(client_options(bundle_config, has_transport=False)["verify"], ssl.SSLContext)
    assert (
        client_options(OqtopusConfig(base_url=BASE, verify=False), has_transport=False)["verify"]
        is False
    )
    # A real client with a proxy routes through it.
    http = Http(config)
    pools = [getattr(t, "_pool", None) for t in http.client._mounts.values()]
    assert any(type(pool).__name__.endswith("HTTPProxy") for pool in pools)
    http.close()


def test_proxy_password_redacted_from_errors() -> None:
    handler, _ = scripted(httpx.ConnectError("cannot reach http://user:pw-secret@proxy:3128"))
    http = Http(
        OqtopusConfig(
            base_url=BASE, proxy="http://user:pw-secret@proxy:3128", retry_max_attempts=1
        ),
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(OqtopusConnectionError) as info:
        http.api(GET_JOB)
    assert "pw-secret" not in str(info.value)
