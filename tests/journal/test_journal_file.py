"""The journal file: fingerprints, one batch per file, state changes, locking, bad files."""

from __future__ import annotations

import base64
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from oqtopus_sdk import OqtopusEstimationOperator, OqtopusJobSpec
from oqtopus_sdk.journal import (
    PRESIGNED_LIFETIME_SECONDS,
    Journal,
    JournalError,
    JournalLockedError,
    JournalMismatchError,
    UploadTarget,
    batch_key,
    canonical_spec,
    fingerprint,
    spec_from_canonical,
)

from .conftest import BELL, DEVICE, bell_specs


def _varied_specs() -> list[OqtopusJobSpec]:
    return [
        OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=10, name="s"),
        OqtopusJobSpec.estimation(
            device_id=DEVICE, program=BELL, shots=20, name="e", description="d",
            operator=[OqtopusEstimationOperator("X 0 X 1", 1.5), {"pauli": "Z 0"}],
            transpiler_info={"transpiler_lib": None}, mitigation_info={"ro_error_mitigation": "pseudo_inverse"},
        ),
        OqtopusJobSpec.multi_manual(device_id=DEVICE, program=[BELL, BELL], shots=30),
        OqtopusJobSpec.sse(device_id=DEVICE, program="print('hi')\n", shots=1),
    ]  # fmt: skip


def test_fingerprint_is_stable_and_covers_every_sent_field() -> None:
    spec = _varied_specs()[1]
    document = canonical_spec(spec)
    assert set(document) == {"v", "submit", "input"}
    assert set(document["submit"]) == {
        "name", "description", "device_id", "job_type", "transpiler_info",
        "simulator_info", "mitigation_info", "shots",
    }  # fmt: skip
    assert document["input"]["operator"][1] == {"pauli": "Z 0", "coeff": 1.0}
    # A known value: a change of the canonical form must be deliberate (it orphans journals).
    plain = OqtopusJobSpec.sampling(device_id="SVSim", program="OPENQASM 3;", shots=1)
    text = json.dumps(canonical_spec(plain), sort_keys=True, separators=(",", ":"))
    assert text == (
        '{"input":{"program":["OPENQASM 3;"]},"submit":{"device_id":"SVSim","job_type":'
        '"sampling","mitigation_info":{},"shots":1,"simulator_info":{},"transpiler_info":{}},'
        '"v":1}'
    )
    assert fingerprint(plain) == fingerprint(
        OqtopusJobSpec.sampling(device_id="SVSim", program=["OPENQASM 3;"], shots=1)
    )
    changes: list[dict[str, Any]] = [
        {"shots": 2}, {"device_id": "other"}, {"program": "OPENQASM 3; // x"}, {"name": "n"},
        {"simulator_info": {"a": 1}}, {"description": ""},
    ]  # fmt: skip
    base: dict[str, Any] = {"device_id": "SVSim", "program": "OPENQASM 3;", "shots": 1}
    prints = {fingerprint(OqtopusJobSpec.sampling(**{**base, **c})) for c in changes}
    assert len(prints) == len(changes)
    assert fingerprint(plain) not in prints


def test_specs_round_trip_through_their_canonical_json() -> None:
    for spec in _varied_specs():
        rebuilt = spec_from_canonical(canonical_spec(spec))
        assert fingerprint(rebuilt) == fingerprint(spec)
        assert rebuilt.job_type_value == spec.job_type_value
    with pytest.raises(JournalError, match="not a canonical job spec"):
        spec_from_canonical({"v": 99, "submit": {}, "input": {}})


def test_invalid_spec_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    bad = OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=1)
    bad.shots = 0
    with Journal(tmp_path / "j") as journal:
        with pytest.raises(ValueError, match="shots"):
            journal.begin([bad])
        assert journal.entries() == []
        assert journal.batch_key is None


def test_one_entry_per_position_and_one_batch_per_file(tmp_path: Path) -> None:
    specs = bell_specs(2) + bell_specs(1)  # bell-0 twice: two entries
    with Journal(tmp_path / "j") as journal:
        entries = journal.begin(specs)
        assert [e.position for e in entries] == [0, 1, 2]
        assert entries[0].fingerprint == entries[2].fingerprint
        assert {e.state for e in entries} == {"pending"}
        assert journal.batch_key == batch_key([e.fingerprint for e in entries])
        assert journal.begin(specs) == entries  # the same batch: resumed, unchanged
        assert [s.name for s in journal.specs()] == ["bell-0", "bell-1", "bell-0"]
        with pytest.raises(JournalMismatchError, match="position 1 differs"):
            journal.begin([specs[0], specs[0], specs[2]])
        with pytest.raises(JournalMismatchError, match="it has 3 spec"):
            journal.begin(specs[:2])
        with pytest.raises(JournalMismatchError, match="another batch"):
            journal.begin([specs[1], specs[0], specs[2]])
    first = Journal.for_batch(tmp_path / "dir", specs)
    second = Journal.for_batch(tmp_path / "dir", specs[:2])
    assert first.path != second.path
    assert first.path.parent == tmp_path / "dir"
    first.close()
    second.close()


def test_state_changes_are_recorded_and_survive_reopening(tmp_path: Path) -> None:
    target = UploadTarget("https://s3/bucket", {"key": "j1/input.zip", "policy": "p"}, 1e10)
    with Journal(tmp_path / "j", clock=lambda: 1000.0) as journal:
        journal.begin(bell_specs(3))
        journal.mark_registered(0, "j1", target)
        journal.mark_registered(1, "j2", target)
        journal.mark_submitted(1, "j2")
        journal.mark_registered(2, "j3", target)
        journal.mark_submitted(2, "j3")
        journal.mark_finished(2, "j3", "succeeded")
        with pytest.raises(JournalError, match="cannot record"):
            journal.mark_submitted(0, "not-its-job")
    with Journal(tmp_path / "j") as journal:
        entries = journal.entries()
        assert [(e.state, e.job_id, e.final_status) for e in entries] == [
            ("registered", "j1", None), ("submitted", "j2", None), ("finished", "j3", "succeeded"),
        ]  # fmt: skip
        assert entries[0].upload == target
        assert entries[0].updated_at == 1000.0
        journal.abandon(0, "j1", reason="upload target expired", cancel=True)
        assert journal.entry(0).state == "pending"
        assert journal.entry(0).job_id is None
        assert journal.pending_cancellations() == ["j1"]
        journal.mark_cancelled("j1")
        assert journal.pending_cancellations() == []
        assert journal.abandoned()[0].reason == "upload target expired"
        with pytest.raises(IndexError):
            journal.entry(7)
    with sqlite3.connect(tmp_path / "j") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _policy(expiration: str) -> str:
    document = {"expiration": expiration, "conditions": []}
    return base64.b64encode(json.dumps(document).encode()).decode()


def test_upload_target_expiry_comes_from_the_policy_else_one_hour() -> None:
    stated = UploadTarget.from_register(
        {"url": "https://s3/", "fields": {"policy": _policy("2030-01-01T00:00:00.000Z")}}, 0.0
    )
    assert stated.expires_at == 1893456000.0
    assert not stated.expired(1893456000.0 - 61)
    assert stated.expired(1893456000.0 - 59)
    guessed = UploadTarget.from_register({"url": "https://s3/", "fields": {"policy": "?!"}}, 50.0)
    assert guessed.expires_at == 50.0 + PRESIGNED_LIFETIME_SECONDS
    local = UploadTarget.from_register({"url": "file:///tmp/x/input.zip", "fields": {}}, 0.0)
    assert local.expires_at is None
    assert not local.expired(1e12)


def test_a_second_opener_in_this_process_is_refused(tmp_path: Path) -> None:
    with (
        Journal(tmp_path / "j"),
        pytest.raises(JournalLockedError, match="in use by another process"),
    ):
        Journal(tmp_path / "j")
    Journal(tmp_path / "j").close()  # released on close


_HOLDER = textwrap.dedent(
    """
    import sys, time
    from oqtopus_sdk.journal import Journal
    journal = Journal(sys.argv[1])
    print("open", flush=True)
    time.sleep(60)
    """
)


def test_a_live_process_holds_the_lock_until_it_dies(tmp_path: Path) -> None:
    path = tmp_path / "j"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(JournalLockedError, match=rf"pid {holder.pid}"):
            Journal(path)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with Journal(path) as journal:  # the OS dropped the dead process's lock
        assert journal.entries() == []


def test_files_that_are_not_journals_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"this is not SQLite at all" * 100)
    with pytest.raises(JournalError, match="not a readable journal"):
        Journal(garbage)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(JournalError, match="not an oqtopus journal"):
        Journal(other)
    newer = tmp_path / "newer"
    Journal(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(JournalError, match="newer oqtopus-sdk"):
        Journal(newer)
    closed = Journal(tmp_path / "fresh")
    closed.close()
    closed.close()  # twice is fine
    with pytest.raises(JournalError, match="is closed"):
        closed.entries()
