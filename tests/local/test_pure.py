"""Unit tests of the emulator's pure helpers (no server, no qiskit)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from oqtopus_sdk.local.archives import make_zip, read_input
from oqtopus_sdk.local.emulator import split_token
from oqtopus_sdk.local.faults import FaultConfig, FaultInjector, parse_rate_spec
from oqtopus_sdk.local.ids import iso, uuid7
from oqtopus_sdk.local.listing import filter_jobs, job_to_json, paginate, project
from oqtopus_sdk.local.quantum import (
    JobFailure,
    divide_counts,
    normalize_transpiler_info,
    optimization_level,
    parse_pauli,
    validate_operators,
)
from oqtopus_sdk.local.signing import (
    SignatureError,
    make_post_policy,
    sign_download,
    verify_download,
    verify_post_policy,
)
from oqtopus_sdk.local.store import JobRecord
from oqtopus_sdk.local.validation import InvalidFields, parse_list_query, parse_submit_body

SECRET = b"s" * 32


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("X 0 X 1", [("X", 0), ("X", 1)]),
        ("X0 X1", [("X", 0), ("X", 1)]),
        ("Y 0 Z 1", [("Y", 0), ("Z", 1)]),
        ("z3", [("Z", 3)]),
        ("I 0 Z 1", [("Z", 1)]),
        ("", []),
    ],
)
def test_parse_pauli(text: str, expected: list[tuple[str, int]]) -> None:
    assert parse_pauli(text) == expected


@pytest.mark.parametrize("text", ["XX", "X 0 X 0", "A 1", "X -1", "X 0,"])
def test_parse_pauli_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"pauli|twice"):
        parse_pauli(text)


def test_divide_counts_rightmost_piece_is_circuit_zero() -> None:
    counts = {"1" + "01": 3, "0" + "11": 2}
    assert divide_counts(counts, [2, 1]) == {"0": {"01": 3, "11": 2}, "1": {"1": 3, "0": 2}}
    with pytest.raises(ValueError, match="width"):
        divide_counts({"1": 1}, [1, 1])


def test_transpiler_defaults() -> None:
    default = {"transpiler_lib": "qiskit", "transpiler_options": {"optimization_level": 1}}
    assert normalize_transpiler_info({}) == default
    assert normalize_transpiler_info(None) == default
    assert normalize_transpiler_info({"transpiler_lib": None}) == {"transpiler_lib": None}
    assert optimization_level({"transpiler_lib": None}) is None
    assert optimization_level(default) == 1
    custom = {"transpiler_options": {"optimization_level": 3}}
    assert optimization_level(normalize_transpiler_info(custom)) == 3
    with pytest.raises(JobFailure):
        optimization_level(
            {"transpiler_lib": "qiskit", "transpiler_options": {"optimization_level": 7}}
        )
    with pytest.raises(JobFailure):
        optimization_level({"transpiler_lib": "tket"})


def test_validate_operators() -> None:
    terms = validate_operators([{"pauli": "X 0 X 1", "coeff": 1.5}])
    assert terms[0].coeff == 1.5
    with pytest.raises(JobFailure, match=r"^Job input validation failed: operator\.0\.coeff"):
        validate_operators([{"pauli": "X 0"}])
    with pytest.raises(JobFailure):
        validate_operators([])


def test_policy_round_trip_and_tampering() -> None:
    fields = make_post_policy(SECRET, "j/input.zip")
    assert verify_post_policy(SECRET, fields) == "j/input.zip"
    with pytest.raises(SignatureError):
        verify_post_policy(b"other" * 8, fields)
    with pytest.raises(SignatureError):
        verify_post_policy(SECRET, {**fields, "key": "k/input.zip"})
    with pytest.raises(SignatureError, match="expired"):
        verify_post_policy(SECRET, fields, now=datetime(2999, 1, 1, tzinfo=UTC).timestamp())
    with pytest.raises(SignatureError):
        verify_post_policy(SECRET, {"key": "j/input.zip"})


def test_download_url_signing() -> None:
    url = sign_download(SECRET, "http://h", "j/result.zip", now=1000.0)
    query = dict(p.split("=") for p in url.split("?")[1].split("&"))
    verify_download(SECRET, "j/result.zip", query["expires"], query["signature"], now=1000.0)
    with pytest.raises(SignatureError):
        verify_download(SECRET, "j/input.zip", query["expires"], query["signature"], now=1000.0)
    with pytest.raises(SignatureError, match="expired"):
        verify_download(SECRET, "j/result.zip", query["expires"], query["signature"], now=1e12)


def test_uuid7_is_versioned_and_ordered() -> None:
    ids = [uuid7() for _ in range(200)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 200
    parsed = uuid.UUID(ids[0])
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122


def test_iso_has_offset() -> None:
    assert iso(datetime(2025, 1, 2, 3, 4, 5)).endswith("+00:00")


def test_split_token() -> None:
    assert split_token("a.b") == ("a", "b")
    for bad in (None, "", "ab", "a.b.c", ".b", "a."):
        assert split_token(bad) is None


def _rec(i: int, **kw: object) -> JobRecord:
    base: dict[str, object] = {"job_id": f"id-{i}", "owner": "u", "seq": i, "created_at": ""}
    base.update(kw)
    return JobRecord(**base)  # type: ignore[arg-type]


def test_listing_helpers() -> None:
    jobs = [
        _rec(1, status="succeeded", name="alpha", job_type="sampling",
             submitted_at="2025-01-01T00:00:00+00:00"),
        _rec(2, status="failed", description="beta", job_type="sampling",
             submitted_at="2025-01-02T00:00:00+00:00"),
        _rec(3),
    ]  # fmt: skip
    assert [j.job_id for j in filter_jobs(jobs, status="failed")] == ["id-2"]
    assert [j.job_id for j in filter_jobs(jobs, q="bet")] == ["id-2"]
    assert [j.job_id for j in filter_jobs(jobs, q="id-3")] == ["id-3"]
    t = datetime(2025, 1, 1, 12, tzinfo=UTC)
    assert [j.job_id for j in filter_jobs(jobs, start_time=t)] == ["id-2"]
    assert [j.job_id for j in filter_jobs(jobs, end_time=t)] == ["id-1"]
    assert [j.job_id for j in paginate(jobs, 1, 2, "DESC")] == ["id-3", "id-2"]
    assert paginate(jobs, 3, 2) == []
    assert job_to_json(jobs[2], None) == {"job_id": "id-3", "status": "registered"}
    full = job_to_json(jobs[0], {})
    assert full["description"] == ""
    assert "ended_at" not in full
    assert project(full, ["job_id", "ended_at"]) == {"job_id": "id-1"}


def test_parse_list_query() -> None:
    q, errs = parse_list_query({})
    assert errs == []
    assert q is not None
    assert (q.page, q.size, q.order) == (1, 100, "ASC")
    q, _ = parse_list_query({"order": "sideways", "fields": "job_id,status,job_id"})
    assert q is not None
    assert q.order == "ASC"
    assert q.fields == ["job_id", "status"]
    # The live server splits on "," without stripping: a space is part of the name.
    with pytest.raises(InvalidFields, match=r"fields \[' status'\] is invalid"):
        parse_list_query({"fields": "job_id, status"})
    with pytest.raises(InvalidFields, match=r"fields \[''\] is invalid"):
        parse_list_query({"fields": ""})
    with pytest.raises(InvalidFields, match=r"fields \['x', 'y'\] is invalid"):
        parse_list_query({"fields": "job_id,x,y"})
    _, errs = parse_list_query({"status": "nope", "size": "101"})
    assert [e["type"] for e in errs] == ["enum", "less_than_equal"]


def test_parse_submit_body() -> None:
    req, errs = parse_submit_body(b'{"device_id":"d","job_type":"sse","shots":"5"}')
    assert errs == []
    assert req is not None
    assert req.shots == 5
    assert req.transpiler_info == {}
    _, errs = parse_submit_body(b"")
    assert errs[0]["loc"] == ["body"]
    _, errs = parse_submit_body(b'{"job_type":"x","shots":1.5,"simulator_info":[]}')
    assert {e["type"] for e in errs} == {"missing", "enum", "int_from_float", "dict_type"}


def test_read_input_errors() -> None:
    assert read_input(make_zip("anything", b'{"program": []}')) == {"program": []}
    with pytest.raises(JobFailure, match="Invalid ZIP file"):
        read_input(b"nope")
    with pytest.raises(JobFailure, match="Invalid JSON in ZIP file"):
        read_input(make_zip("a.json", b"{"))
    with pytest.raises(JobFailure, match="validation failed"):
        read_input(make_zip("a.json", b"[1]"))


def test_rate_spec_and_injector() -> None:
    assert parse_rate_spec("0.5") == {"*": 0.5}
    assert parse_rate_spec("get_job=0.1, submit_job=1") == {"get_job": 0.1, "submit_job": 1.0}
    with pytest.raises(ValueError, match="unknown endpoint"):
        parse_rate_spec("nope=0.1")
    with pytest.raises(ValueError, match="within"):
        parse_rate_spec("2")
    inj = FaultInjector(FaultConfig(unavailable={"*": 0.5}, seed=3))
    first = [inj.decide("get_job") for _ in range(30)]
    inj.reset(FaultConfig(unavailable={"*": 0.5}, seed=3))
    assert [inj.decide("get_job") for _ in range(30)] == first
    inj.reset()
    inj.fail_next("submit_job", 2, kind="429")
    assert [inj.decide("submit_job") for _ in range(3)] == ["429", "429", None]
    inj.configure(fail_job_pattern="^bad")
    assert inj.should_fail_job("bad-1")
    assert not inj.should_fail_job("good")
    inj.configure(retry_after=0.25)
    assert inj.retry_after_header() == "0.25"
    with pytest.raises(TypeError):
        inj.configure(bogus=1)
