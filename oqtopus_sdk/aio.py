"""The asyncio client: the same operations as :class:`~oqtopus_sdk.OqtopusClient`, as coroutines.

It runs the same flows with one pooled ``httpx.AsyncClient`` and ``asyncio.gather``; threads
are used only for blocking file and ``sse_driver`` calls. Result archives other than the
counts are read on first use (``await result.load_archives_async()`` reads them without
blocking the event loop).
"""

from oqtopus_sdk._async.client import AsyncOqtopusClient

__all__ = ["AsyncOqtopusClient"]
