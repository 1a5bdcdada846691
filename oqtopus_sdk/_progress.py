"""Seeing a wait move: status changes for callbacks and logs, and an optional progress bar.

The bar uses tqdm's ``auto`` mode (extra ``progress``): it draws a text bar in terminals and
a widget in Jupyter without the SDK knowing which it runs in, and it is a small, widely
used dependency. It shows how many jobs ended and, as a postfix, how many are in each
status. Without the extra, ``progress=True`` raises an ImportError naming it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

logger = logging.getLogger("oqtopus_sdk")

OnChange = Callable[[str, str | None, str], Any] | None
"""``on_change(job_id, old_status, new_status)``: called once per status change."""


def require_progress_extra() -> None:
    """Check that progress bars can be drawn, before any request is sent.

    Raises:
        ImportError: tqdm is not installed (``pip install 'oqtopus-sdk[progress]'``).
    """
    import importlib.util

    if importlib.util.find_spec("tqdm") is None:
        raise ImportError("progress=True needs tqdm: pip install 'oqtopus-sdk[progress]'")


class ProgressBar:
    """A progress bar over the jobs of one wait, counted by status.

    Args:
        total: Jobs in the wait.
        description: Text before the bar.

    Raises:
        ImportError: tqdm is not installed (``pip install 'oqtopus-sdk[progress]'``).
    """

    def __init__(self, total: int, description: str = "jobs") -> None:
        try:
            from tqdm.auto import tqdm
        except ImportError as exc:
            raise ImportError(
                "progress=True needs tqdm: pip install 'oqtopus-sdk[progress]'"
            ) from exc
        self._bar: Any = tqdm(total=total, desc=description, unit="job", leave=True)
        self._statuses: Counter[str] = Counter()

    def change(self, old: str | None, new: str, *, ended: bool) -> None:
        """Move one job from ``old`` to ``new``; ``ended`` advances the bar."""
        if old is not None:
            self._statuses[old] -= 1
            if self._statuses[old] <= 0:
                del self._statuses[old]
        self._statuses[new] += 1
        self._bar.set_postfix(dict(sorted(self._statuses.items())), refresh=False)
        if ended:
            self._bar.update(1)
        else:
            self._bar.refresh()

    def close(self) -> None:
        """Finish the bar (it stays on screen)."""
        self._bar.close()


class StatusWatch:
    """Tracks each job's last status in one wait and reports every change exactly once.

    A change is logged at INFO on the ``oqtopus_sdk`` logger, passed to ``on_change`` and
    shown on the progress bar, if there is one.
    """

    def __init__(
        self, on_change: OnChange, bar: ProgressBar | None, terminal: frozenset[str]
    ) -> None:
        self._on_change = on_change
        self._bar = bar
        self._terminal = terminal
        self._last: dict[str, str] = {}

    def see(self, job_id: str, status: str) -> None:
        """Record a status read for a job; reports it when it differs from the last one."""
        old = self._last.get(job_id)
        if old == status:
            return
        self._last[job_id] = status
        logger.info("job %s: %s -> %s", job_id, old or "(first seen)", status)
        if self._on_change is not None:
            self._on_change(job_id, old, status)
        if self._bar is not None:
            self._bar.change(old, status, ended=status in self._terminal)

    def close(self) -> None:
        """Close the progress bar, if any."""
        if self._bar is not None:
            self._bar.close()
