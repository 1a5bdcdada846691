"""``oqtopus journal show|resume`` against the emulator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oqtopus_sdk.cli import main
from oqtopus_sdk.journal import Journal, UploadTarget
from oqtopus_sdk.local import LocalOqtopus

from .conftest import bell_specs


@pytest.fixture(autouse=True)
def _environment(server: LocalOqtopus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("OQTOPUS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OQTOPUS_PLAIN", "1")


def _staged(path: Path, count: int = 3) -> None:
    with Journal(path) as journal:
        journal.begin(bell_specs(count, "cli"))
        journal.mark_registered(0, "not-a-real-job", UploadTarget("https://x/", {}, 0.0))


def test_show_prints_every_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch.journal"
    _staged(path)
    with Journal(path):  # a batch running elsewhere does not stop `show`
        assert main(["journal", "show", str(path)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["POS", "FINGERPRINT", "NAME", "JOB", "ID", "STATE", "STATUS"]
    assert lines[1].split()[2:5] == ["cli-0", "not-a-real-job", "registered"]
    assert lines[2].split()[2:4] == ["cli-1", "-"]
    assert "3 position(s): 2 pending, 1 registered" in err
    assert main(["journal", "show", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"path", "batch_key", "entries", "abandoned"}
    assert set(document["entries"][0]) == {
        "position", "fingerprint", "name", "job_id", "state", "final_status",
    }  # fmt: skip
    assert len(document["entries"][0]["fingerprint"]) == 64


def test_show_of_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["journal", "show", str(tmp_path / "nope")]) == 2
    assert "no journal at" in capsys.readouterr().err
    assert not (tmp_path / "nope").exists()
    assert main(["journal"]) == 2  # no action: the journal help


def test_resume_submits_then_waits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch.journal"
    with Journal(path) as journal:
        journal.begin(bell_specs(3, "cli"))
    assert main(["journal", "resume", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["state"] for row in rows] == ["submitted"] * 3
    submitted = [row["job_id"] for row in rows]
    assert main(["journal", "resume", str(path), "--wait", "--interval", "0.02", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["job_id"] for row in rows] == submitted  # waited on, not resubmitted
    assert [row["final_status"] for row in rows] == ["succeeded"] * 3
    assert len(list((tmp_path / "cache").iterdir())) == 3  # the configured cache_dir


def test_resume_refuses_a_journal_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "batch.journal"
    _staged(path, 1)
    with Journal(path):
        assert main(["journal", "resume", str(path)]) == 3
    assert "in use by another process" in capsys.readouterr().err
    assert main(["journal", "resume", str(tmp_path / "nope")]) == 2
    assert main(["journal", "resume", str(path), "--timeout", "5"]) == 2  # needs --wait
