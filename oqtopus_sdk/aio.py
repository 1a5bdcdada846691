"""The asyncio client: the same operations as :class:`~oqtopus_sdk.OqtopusClient`, as coroutines.

It runs the same flows with one pooled ``httpx.AsyncClient`` and ``asyncio.gather``; no
threads are used except for blocking file and ``sse_driver`` calls.
"""

from oqtopus_sdk._async.client import AsyncOqtopusClient

__all__ = ["AsyncOqtopusClient"]
