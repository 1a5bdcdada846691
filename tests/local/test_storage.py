"""The S3 stand-in: presigned POST and GET signature checks."""

from __future__ import annotations

import httpx

from oqtopus_sdk.local.server import LocalOqtopus

from .helpers import BELL, register, submit_job, wait, zip_bytes


def test_upload_rejects_tampering(api: httpx.Client, server: LocalOqtopus) -> None:
    reg = register(api)
    url, fields = reg["presigned_url"]["url"], reg["presigned_url"]["fields"]
    data = zip_bytes({"program": [BELL]})
    bad_sig = {**fields, "signature": "0" * 64}
    r = httpx.post(url, data=bad_sig, files={"file": ("input.zip", data)})
    assert r.status_code == 403
    assert "<Code>SignatureDoesNotMatch</Code>" in r.text
    other_key = {**fields, "key": "someone/input.zip"}
    r = httpx.post(url, data=other_key, files={"file": ("input.zip", data)})
    assert r.status_code == 403
    r = httpx.post(url, data=fields)  # no file part at all
    assert r.status_code == 400
    # file first, fields after: S3 requires the file to be the last part
    boundary = "b0undary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="input.zip"\r\n\r\n'
    ]
    body = parts[0].encode() + data + b"\r\n"
    for k, v in fields.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        )
    body += f"--{boundary}--\r\n".encode()
    r = httpx.post(
        url, content=body, headers={"content-type": f"multipart/form-data; boundary={boundary}"}
    )
    assert r.status_code == 400
    assert "<Error>" in r.text


def test_expired_policy_is_rejected(server: LocalOqtopus) -> None:
    from oqtopus_sdk.local.signing import make_post_policy

    assert server.emulator is not None
    fields = make_post_policy(server.emulator.secret, "x/input.zip", expires_in=-5)
    r = httpx.post(
        f"{server.base_url}/storage/upload", data=fields, files={"file": ("input.zip", b"z")}
    )
    assert r.status_code == 403
    assert "expired" in r.text


def test_download_signature_checks(api: httpx.Client) -> None:
    job = wait(api, submit_job(api, {"program": [BELL]}, shots=10))
    url = job["job_info"]["result"]
    assert httpx.get(url).status_code == 200
    base, _, query = url.partition("?")
    assert httpx.get(base).status_code == 403
    assert httpx.get(url.replace("signature=", "signature=00")).status_code == 403
    assert httpx.get(url.replace("result.zip", "input.zip")).status_code == 403
    assert "expires=" in query
