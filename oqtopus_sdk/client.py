"""The synchronous client, a drop-in replacement for ``oqtopus_client.OqtopusClient``.

One pooled ``httpx.Client`` serves every API call and archive transfer of a client; close it
with :meth:`OqtopusClient.close` or use the client as a context manager. The class is
generated from the asyncio client (``oqtopus_sdk/_async``) by ``scripts/unasync.py``.
"""

from oqtopus_sdk._sync.client import OqtopusClient

__all__ = ["OqtopusClient"]
