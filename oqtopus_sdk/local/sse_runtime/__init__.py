"""The SSE runtime the emulator puts on ``PYTHONPATH`` of user programs (``sse_driver``).

This directory is added to the program's ``PYTHONPATH`` as it is, so ``sse_driver`` is a
top-level module there, as in the live SSE runtime image. It must stay stdlib-only.
"""
