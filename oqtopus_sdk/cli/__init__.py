"""The ``oqtopus`` command: configure, inspect devices and jobs, submit, wait, read results.

Run ``oqtopus --help`` (or ``python -m oqtopus_sdk --help``). Exit statuses: 0 ok, 1 a job
failed or was cancelled, 2 usage or configuration error, 3 API, network or timeout error,
130 interrupted. Output is plain text (``rich`` tables on a terminal when rich is installed)
or, with ``--json``, JSON with stable keys.
"""

from __future__ import annotations

from ._main import main

__all__ = ["main"]
