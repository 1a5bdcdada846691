"""The on-disk result cache: atomic entries, LRU eviction under a size cap, corrupt entries."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from oqtopus_sdk._disk_cache import DiskCache, load_result, save_result
from oqtopus_sdk.results import OqtopusJobResult


def _document(job_id: str, padding: int = 0) -> dict[str, Any]:
    result = OqtopusJobResult(
        job_id=job_id, job_type="sampling", status="succeeded", name="x" * padding,
        device_id="SVSim", shots=8,
        job_info={"result": {"sampling": {"counts": {"00": 5, "11": 3}}}},
    )  # fmt: skip
    return result.to_dict()


def test_put_then_get_round_trips_a_result_document(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    assert cache.get("job-1") is None
    path = cache.put("job-1", _document("job-1"))
    assert path == tmp_path / "cache" / "job-1.json"
    document = cache.get("job-1")
    assert document == _document("job-1")
    result = OqtopusJobResult.from_dict(document)
    assert result.get_counts() == {"00": 5, "11": 3}  # type: ignore[attr-defined]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["job-1.json"]  # no temp files
    cache.discard("job-1")
    assert cache.get("job-1") is None


def test_corrupt_or_foreign_entries_are_discarded(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    for job_id, content in (
        ("half", b'{"schema": "oqtopus-sdk/job-res'),
        ("binary", b"\xff\xfe\x00"),
        ("other", json.dumps({"schema": "something else"}).encode()),
        ("swapped", json.dumps(_document("not-swapped")).encode()),
    ):
        (tmp_path / f"{job_id}.json").write_bytes(content)
        assert cache.get(job_id) is None, job_id
        assert not (tmp_path / f"{job_id}.json").exists(), job_id


def test_bad_ids_and_documents_are_refused(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    for bad in ("", "../x", "a/b", ".hidden", "x" * 300):
        with pytest.raises(ValueError, match="cannot name a cache file"):
            cache.get(bad)
    with pytest.raises(TypeError):
        cache.get(7)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a result document of job j"):
        cache.put("j", _document("k"))
    with pytest.raises(ValueError, match="max_bytes"):
        DiskCache(tmp_path, 0)


def test_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    size = len(json.dumps(_document("a0", 500)).encode())
    cache = DiskCache(tmp_path, max_bytes=3 * size + 10)
    for index, job_id in enumerate(("a0", "a1", "a2")):
        cache.put(job_id, _document(job_id, 500))
        os.utime(tmp_path / f"{job_id}.json", (1000 + index, 1000 + index))
    assert cache.get("a0") is not None  # read: now the most recently used
    cache.put("a3", _document("a3", 500))
    assert sorted(p.stem for p in tmp_path.iterdir()) == ["a0", "a2", "a3"]
    assert cache.size() <= 3 * size + 10
    huge = DiskCache(tmp_path, max_bytes=10)
    huge.put("a4", _document("a4", 500))  # alone over the cap: kept, the others go
    assert [p.stem for p in tmp_path.iterdir()] == ["a4"]


def test_results_are_saved_only_when_finished_and_load_typed(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path)
    running = OqtopusJobResult(
        job_id="r", job_type="sampling", status="running", name="", device_id="SVSim",
        shots=8, job_info={},
    )  # fmt: skip
    assert save_result(cache, running) is False
    assert cache.get("r") is None
    finished = OqtopusJobResult.from_dict(_document("f"))
    assert save_result(cache, finished) is True
    loaded = load_result(cache, "f")
    assert type(loaded).__name__ == "OqtopusSamplingJobResult"
    assert loaded.get_counts() == {"00": 5, "11": 3}  # type: ignore[union-attr]
    assert load_result(cache, "missing") is None
    broken = _document("b")
    broken["bit_order"] = "left-to-right"  # a result document this SDK cannot read
    (tmp_path / "b.json").write_text(json.dumps(broken))
    assert load_result(cache, "b") is None
    assert not (tmp_path / "b.json").exists()
    read_only = DiskCache(tmp_path / "file-not-dir")
    (tmp_path / "file-not-dir").write_text("")
    assert save_result(read_only, finished) is False  # logged, not raised
