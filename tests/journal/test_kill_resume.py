"""SIGKILL a journaled 30-job batch at many points, resume it, and count the service's jobs.

Every scenario runs in child processes (forked by ``_batch_child.py``) against one emulator,
each as its own emulator user so its jobs can be counted in the emulator's store. A scenario kills
the child at a chosen point (deterministically, from a hook) or after a seeded random
delay, optionally kills its first resume too, then resumes to completion. The service must
then hold exactly one submitted job per spec: none lost, none duplicated, every abandoned
job cancelled, every result read.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from oqtopus_sdk.journal import Journal
from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.local.emulator import Principal

CHILD = Path(__file__).with_name("_batch_child.py")
COUNT = 30
SEED = 20261122
MAX_ORPHANS = 4  # register calls in flight when killed (submit_workers): never recorded


@dataclass
class Scenario:
    name: str
    kills: list[str] = field(default_factory=list)  # JT_KILL per killed run, in order
    delay: float | None = None  # a timed kill of the first run instead
    expire_targets: bool = False  # upload targets expire before the resume
    after_registration: bool = False  # killed once every register answer was recorded

    @property
    def user(self) -> str:
        return f"user-{self.name}"

    @property
    def token(self) -> str:
        return f"{self.name}.secret{self.name}"


def _scenarios() -> list[Scenario]:
    rng = random.Random(SEED)
    points = [
        Scenario("reg3", ["register:3"]),  # during registration: the answer is lost
        Scenario("reg22", ["register:22"]),
        Scenario("rec1", ["registered:1"]),  # between register and upload
        Scenario("rec17x", ["registered:17"], expire_targets=True),
        Scenario("up9x", ["uploaded:9"], expire_targets=True),  # between upload and submit
        Scenario("up30", ["uploaded:30"], after_registration=True),
        Scenario(
            "sub30", ["submitted:30"], after_registration=True
        ),  # all submitted, the wait not begun
        Scenario("poll1", ["polled:1"], after_registration=True),  # during the wait
        Scenario(
            "cache4", ["cached:4"], after_registration=True
        ),  # a result cached, not yet recorded
        Scenario("fin12", ["finished:12"], after_registration=True),  # during result reads
        Scenario("chain", ["registered:12", "uploaded:5"]),  # the resume is killed too
    ]
    timed = [Scenario(f"t{i}", delay=rng.uniform(0.25, 1.5)) for i in range(2)]
    return points + timed


def _env(server: LocalOqtopus, tmp: Path, scenario: Scenario, kill: str = "") -> dict[str, str]:
    home = tmp / scenario.name
    return {
        "OQTOPUS_URL": server.base_url,
        "OQTOPUS_API_TOKEN": scenario.token,
        "JT_JOURNAL": str(home / "batch.journal"),
        "JT_CACHE": str(home / "cache"),
        "JT_REPORT": str(home / "report.json"),
        "JT_PREFIX": scenario.name,
        "JT_COUNT": str(COUNT),
        "JT_KILL": kill,
        "JT_DELAY": "",
    }


class Zygote:
    """The ``_batch_child.py`` process that forks the batch runs (see its docstring)."""

    def __init__(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OQTOPUS_")}
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, runs: dict[str, dict[str, str]]) -> dict[str, int]:
        """Run every ``{id: env}`` at once; each run's exit code (-9: SIGKILL)."""
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        request = {"runs": [{"id": key, "env": env} for key, env in runs.items()]}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the zygote died"
        codes: dict[str, int] = json.loads(line)["returncodes"]
        return codes

    def close(self) -> None:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture
def zygote() -> Iterator[Zygote]:
    running = Zygote()
    try:
        yield running
    finally:
        running.close()


def _expire_targets(journal: Path) -> None:
    # As if an hour had passed: the recorded presigned targets are expired.
    with sqlite3.connect(journal) as db:
        db.execute("UPDATE entries SET upload_expires_at = 0 WHERE state = 'registered'")


def test_sigkilled_batches_resume_to_exactly_one_job_per_spec(
    server: LocalOqtopus, tmp_path: Path, zygote: Zygote
) -> None:
    scenarios = _scenarios()
    for scenario in scenarios:
        server.add_token(scenario.token, scenario.user)
        (tmp_path / scenario.name).mkdir()

    # Killed runs, all scenarios at once; a chain's later kills hit its resume.
    for round_ in range(max(len(s.kills) for s in scenarios)):
        runs: dict[str, dict[str, str]] = {}
        for scenario in scenarios:
            if round_ < len(scenario.kills):
                runs[scenario.name] = _env(server, tmp_path, scenario, scenario.kills[round_])
            elif round_ == 0 and scenario.delay is not None:
                runs[scenario.name] = _env(server, tmp_path, scenario)
                runs[scenario.name]["JT_DELAY"] = str(scenario.delay)
        codes = zygote.run(runs)
        for scenario in scenarios:
            if scenario.name in runs and scenario.delay is None:
                assert codes[scenario.name] == -signal.SIGKILL, scenario.name

    for scenario in scenarios:
        if scenario.expire_targets:
            _expire_targets(tmp_path / scenario.name / "batch.journal")

    # Resume every scenario to completion.
    codes = zygote.run({s.name: _env(server, tmp_path, s) for s in scenarios})
    assert codes == {s.name: 0 for s in scenarios}
    reports = {
        s.name: json.loads((tmp_path / s.name / "report.json").read_text()) for s in scenarios
    }

    emulator = server.emulator
    assert emulator is not None
    abandoned_total = 0
    for scenario in scenarios:
        names = [f"{scenario.name}-{i}" for i in range(COUNT)]
        report = reports[scenario.name]
        assert report["names"] == names, scenario.name  # every result read, in order
        assert report["shots"] == [8] * COUNT
        jobs = emulator.jobs_of(Principal(scenario.user))
        live = [job for job in jobs if job.status not in ("registered", "cancelled")]
        # Exactly one submitted job per spec: none lost, none duplicated.
        assert sorted(job.name or "" for job in live) == sorted(names), scenario.name
        assert all(job.status == "succeeded" for job in live), scenario.name
        by_name = {job.name: job.job_id for job in live}
        assert report["job_ids"] == [by_name[name] for name in names]
        with Journal(tmp_path / scenario.name / "batch.journal") as journal:
            entries = journal.entries()
            abandoned = journal.abandoned()
        assert [e.state for e in entries] == ["finished"] * COUNT
        assert [e.final_status for e in entries] == ["succeeded"] * COUNT
        assert [e.job_id for e in entries] == report["job_ids"]
        # Jobs the journal gave up on were cancelled; nothing else was.
        cancelled = {job.job_id for job in jobs if job.status == "cancelled"}
        assert cancelled == {a.job_id for a in abandoned}, scenario.name
        assert all(a.cancelled for a in abandoned)
        abandoned_total += len(abandoned)
        # Left registered: only register answers lost in the kill, never a recorded job.
        orphans = [job for job in jobs if job.status == "registered"]
        assert len(orphans) <= MAX_ORPHANS, scenario.name
        assert not {job.job_id for job in orphans} & {e.job_id for e in entries}
        if scenario.after_registration:
            assert not orphans, scenario.name
    # The expired-target scenarios really went through cancel-and-register-anew.
    assert abandoned_total >= 1
