"""Bounded decompression of response bodies (the gzip-bomb guard), tested on its own."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest

from oqtopus_sdk import constants
from oqtopus_sdk._drivers import _Inflater, _inflater
from oqtopus_sdk._ops import BodyError


def inflate(encoding: str, data: bytes, chunk: int = 1000) -> tuple[bytes, int]:
    inflater = _Inflater(encoding)
    pieces = [p for i in range(0, len(data), chunk) for p in inflater.feed(data[i : i + chunk])]
    return b"".join(pieces), max((len(p) for p in pieces), default=0)


def test_gzip_deflate_and_raw_deflate_round_trip() -> None:
    text = b"counts " * 10_000
    assert inflate("gzip", gzip.compress(text))[0] == text
    assert inflate("deflate", zlib.compress(text))[0] == text
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert inflate("deflate", raw.compress(text) + raw.flush())[0] == text


def test_every_gzip_member_is_read() -> None:
    assert (
        inflate("gzip", gzip.compress(b"a" * 10) + gzip.compress(b"b" * 10))[0]
        == b"a" * 10 + b"b" * 10
    )


def test_no_step_inflates_more_than_the_step_size() -> None:
    bomb = gzip.compress(bytes(8 * constants.INFLATE_STEP_BYTES), compresslevel=9)
    data, largest = inflate("gzip", bomb, chunk=len(bomb))
    assert len(data) == 8 * constants.INFLATE_STEP_BYTES
    assert largest <= constants.INFLATE_STEP_BYTES


def test_bad_data_and_unasked_encodings_are_body_errors() -> None:
    with pytest.raises(BodyError, match="gzip body cannot be decoded"):
        inflate("gzip", b"not gzip at all")
    with pytest.raises(BodyError, match="'br'"):
        _inflater(httpx.Headers({"Content-Encoding": "br"}))
    assert _inflater(httpx.Headers({"Content-Encoding": "identity"})) is None
    assert _inflater(httpx.Headers({})) is None
