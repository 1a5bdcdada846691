"""The clients' own journal= and cache_dir: what a user writes, on both clients."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from oqtopus_sdk.journal import JournalMismatchError
from oqtopus_sdk.local import LocalOqtopus
from tests.journal.conftest import CountingTransport, bell_specs

FAST = {"interval": 0.02, "timeout": 60.0}


def run(server: LocalOqtopus, mode: str, method: str, *args: Any, **kwargs: Any) -> Any:
    """Call a client method on a fresh client of the given mode; (result, requests)."""
    transport = CountingTransport()
    if mode == "sync":
        with server.client(transport=transport) as client:
            return getattr(client, method)(*args, **kwargs), transport.requests

    async def main() -> Any:
        from oqtopus_sdk import AsyncOqtopusClient

        async with AsyncOqtopusClient(server.config()) as client:
            return await getattr(client, method)(*args, **kwargs)

    return asyncio.run(main()), None


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_run_jobs_batch_with_a_journal_resumes_without_resubmitting(
    server: LocalOqtopus, tmp_path: Path, mode: str
) -> None:
    path = tmp_path / f"{mode}.journal"
    specs = bell_specs(6, prefix=f"client-{mode}")
    first, _ = run(server, mode, "run_jobs_batch", specs, journal=path, **FAST)
    assert [r.status for r in first] == ["succeeded"] * 6
    again, requests = run(server, mode, "run_jobs_batch", specs, journal=str(path), **FAST)
    assert [r.job_id for r in again] == [r.job_id for r in first]
    if requests is not None:
        assert ("POST", "/jobs") not in requests  # nothing registered twice
    with pytest.raises(JournalMismatchError):
        run(server, mode, "run_jobs_batch", bell_specs(2, prefix="other"), journal=path, **FAST)


def test_submit_many_with_journal_true_uses_the_configured_directory(
    server: LocalOqtopus, tmp_path: Path
) -> None:
    from oqtopus_sdk import OqtopusClient

    config = server.config()
    with OqtopusClient(type(config)(base_url=config.base_url, api_token=config.api_token,
                                    journal_dir=tmp_path)) as client:  # fmt: skip
        handles = client.submit_many(bell_specs(3, prefix="dir"), journal=True)
        again = client.submit_many(bell_specs(3, prefix="dir"), journal=True)
    assert [h.job_id for h in again] == [h.job_id for h in handles]
    assert len(list(tmp_path.glob("*.journal"))) == 1


def test_cache_dir_serves_finished_jobs_from_disk(server: LocalOqtopus, tmp_path: Path) -> None:
    from oqtopus_sdk import OqtopusClient

    config = server.config()
    cached = type(config)(base_url=config.base_url, api_token=config.api_token, cache_dir=tmp_path)
    with OqtopusClient(cached) as client:
        result = client.run_sampling(bell_specs(1, prefix="cache")[0], **FAST)
    transport = CountingTransport()
    with OqtopusClient(cached, transport=transport) as fresh:
        again = fresh.get_job(result.job_id)
    assert again == result
    assert transport.requests == []  # read from disk: no request at all
