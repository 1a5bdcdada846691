"""The async client's requests do not search sys.path for a module each time."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections import Counter
from collections.abc import Sequence
from types import ModuleType
from typing import Any


class _Recorder(importlib.abc.MetaPathFinder):
    """Counts every module lookup that gets past sys.modules."""

    def __init__(self) -> None:
        self.looked_up: Counter[str] = Counter()

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        self.looked_up[fullname] += 1
        return None


async def test_async_requests_import_nothing_per_request(oqtopus_async_client: Any) -> None:
    await oqtopus_async_client.list_devices()  # warm: lazy imports of the first call
    recorder = _Recorder()
    sys.meta_path.insert(0, recorder)
    try:
        for _ in range(20):
            await oqtopus_async_client.list_devices()
    finally:
        sys.meta_path.remove(recorder)
    # Without sniffio installed, httpcore's lock setup fails an import ~4 times per request.
    assert not [name for name, times in recorder.looked_up.items() if times >= 20], (
        recorder.looked_up
    )
