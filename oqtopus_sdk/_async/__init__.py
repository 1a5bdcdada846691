"""The asyncio client, written by hand: the one source of both clients (see scripts/unasync.py)."""
