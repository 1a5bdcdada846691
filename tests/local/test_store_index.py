"""The job store's submit-time index: a start_time page visits only the jobs it can match."""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta

from oqtopus_sdk.local.listing import job_filter
from oqtopus_sdk.local.store import JobRecord, JobStore

BASE = datetime(2026, 1, 1, tzinfo=UTC)


def _iso(seconds: float) -> str:
    return (BASE + timedelta(seconds=seconds)).isoformat()


def _record(store: JobStore, n: int, submitted: float | None, owner: str = "u") -> JobRecord:
    return JobRecord(
        job_id=f"job-{n:06d}",
        owner=owner,
        seq=store.next_seq(),
        created_at=_iso(n),
        status="submitted" if submitted is not None else "registered",
        submitted_at=None if submitted is None else _iso(submitted),
    )


def _ids(records: list[JobRecord]) -> list[str]:
    return [r.job_id for r in records]


def test_indexed_pages_equal_a_full_walk_through_adds_submits_and_deletes() -> None:
    rng = random.Random(7)
    store = JobStore(None)
    for n in range(600):
        # Some jobs are registered long before they are submitted, some never are.
        submitted = None if n % 9 == 0 else n + rng.choice([0.0, 0.5, 30.0, 400.0])
        store.add(_record(store, n, submitted, owner=rng.choice(["u", "v"])))
    for n in rng.sample(range(0, 600, 9), 20):  # late submissions of registered jobs
        store.update(f"job-{n:06d}", lambda r: setattr(r, "submitted_at", _iso(900)) or True)
    for n in rng.sample(range(600), 40):
        store.delete(f"job-{n:06d}")
    for start_s in (-1.0, 0.0, 100.0, 250.5, 430.0, 899.9, 900.0, 2000.0):
        start = BASE + timedelta(seconds=start_s)
        keep = job_filter(start_time=start)
        for owner in ("u", "v"):
            for descending in (False, True):
                for page in (1, 2, 3, 9):
                    args = {"page": page, "size": 37, "descending": descending}
                    walked = store.page(owner, keep, **args)  # type: ignore[arg-type]
                    indexed = store.page(owner, keep, submitted_from=start, **args)  # type: ignore[arg-type]
                    assert _ids(indexed) == _ids(walked), (start_s, owner, args)
    # A window read twice, then changed: the second read must see the change.
    start = BASE + timedelta(seconds=500)
    keep = job_filter(start_time=start)
    before = _ids(store.page("u", keep, page=1, size=500, submitted_from=start))
    store.add(_record(store, 700, 700.0))
    after = _ids(store.page("u", keep, page=1, size=500, submitted_from=start))
    assert after == [*before, "job-000700"]
    store.update(before[-1], lambda r: setattr(r, "owner", "v") or True)
    again = _ids(store.page("u", keep, page=1, size=500, submitted_from=start))
    assert again == _ids(store.page("u", keep, page=1, size=500))
    assert before[-1] not in again
    store.clear()
    assert store.page("u", job_filter(start_time=BASE), page=1, size=10, submitted_from=BASE) == []


def test_a_recent_window_does_not_walk_older_jobs() -> None:
    store = JobStore(None)
    store.add_many(_record(store, n, n) for n in range(100_000))
    start = BASE + timedelta(seconds=100_000 - 150)
    keep = job_filter(start_time=start)
    begin = time.perf_counter()
    for page in (1, 2):
        store.page("u", keep, page=page, size=100, submitted_from=start)
    indexed = (time.perf_counter() - begin) / 2
    assert len(store.page("u", keep, page=2, size=100, submitted_from=start)) == 50
    begin = time.perf_counter()
    store.page("u", keep, page=1, size=100)
    walked = time.perf_counter() - begin
    # A walk visits 100,000 jobs and an indexed page 150: far more than 10x apart, even
    # under a tracer (coverage), on a loaded machine.
    assert indexed * 10 < walked, (indexed, walked)
    assert indexed < 0.005 * (4 if sys.gettrace() is not None else 1)
