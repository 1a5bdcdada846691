"""Every timeout, retry number, polling default and size limit of the SDK, in one place.

Both clients and the pure decision functions read these; nothing else hard-codes a number.
"""

from __future__ import annotations

from typing import Final

# --- Transport -------------------------------------------------------------------------------
DEFAULT_TIMEOUT_SECONDS: Final = 30.0
"""Per-request timeout for API calls (the reference SDK's default)."""
DEFAULT_CONNECT_TIMEOUT_SECONDS: Final = 10.0
DEFAULT_STORAGE_TIMEOUT_SECONDS: Final = 60.0
"""Presigned archive uploads and downloads can be large; they get a longer budget."""
MAX_KEEPALIVE_CONNECTIONS: Final = 32
MAX_CONNECTIONS: Final = 64
USER_AGENT_PREFIX: Final = "oqtopus-sdk"
API_TOKEN_HEADER: Final = "q-api-token"

# --- Retries ---------------------------------------------------------------------------------
DEFAULT_RETRY_MAX_ATTEMPTS: Final = 3
DEFAULT_RETRY_BACKOFF_SECONDS: Final = 0.2
"""Base of the exponential backoff: attempt n waits about base * 2**(n-1), with jitter."""
RETRY_BACKOFF_FACTOR: Final = 2.0
RETRY_MAX_BACKOFF_SECONDS: Final = 30.0
RETRY_AFTER_MAX_SECONDS: Final = 120.0
"""A server's Retry-After is honoured up to this cap, so a bad header cannot stall a caller."""
RETRY_JITTER_FRACTION: Final = 0.25
DEFAULT_RETRY_STATUS_CODES: Final = frozenset({429, 502, 503, 504})
DEFAULT_RETRY_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# --- Waiting ---------------------------------------------------------------------------------
DEFAULT_POLL_INTERVAL_SECONDS: Final = 1.0
DEFAULT_POLL_INTERVAL_BACKOFF: Final = 1.0
DEFAULT_WAIT_TIMEOUT_SECONDS: Final = 300.0
DEFAULT_WAIT_TRANSPORT_ERROR_BUDGET: Final = 10
"""Consecutive transport failures tolerated while waiting before the wait gives up."""
DEFAULT_MAX_WORKERS: Final = 4
DEFAULT_STATUS_REQUESTS_PER_SECOND: Final = 20.0
"""Budget of status polls per second shared by every job one multi-job wait follows."""
STATUS_BUDGET_WINDOW_SECONDS: Final = 1.05
"""No window this long holds more status requests than the per-second budget. It is a
little over a second so that requests granted a second apart, then delayed differently on
their way out, still never put more than the budget into one second at the server."""

SWEEP_MIN_JOBS: Final = 5
"""A multi-job wait on at least this many jobs learns statuses by sweeping the job list."""
SWEEP_PAGE_SIZE: Final = 100
"""Jobs per list page; the live service refuses more."""
SWEEP_START_MARGIN_SECONDS: Final = 5.0
"""A sweep's start_time filter lies this far before the earliest job's id time.

Ids and ``submitted_at`` both come from the service's own clock, so a small margin covers
skew between its servers; a wide one would make every sweep page through the jobs of the
caller's earlier batches first. A job a sweep misses is polled on its own, never lost."""
SWEEP_SETTLE_FIRST_SECONDS: Final = 0.1
"""Gap between a wait's first and second sweep while the sweep gaps settle.

Jobs submitted last are often a few milliseconds from done when the first sweep goes out;
waiting a whole interval for them would dominate a short batch. The gap grows by
``SWEEP_SETTLE_GROWTH`` per sweep until it reaches the interval, after which the caller's
schedule (interval, backoff, cap) applies. A sweep costs one request per 100 jobs, so the
settling sweeps cost a few requests in all, and the status budget still bounds them."""
SWEEP_SETTLE_GROWTH: Final = 1.5
"""Factor by which the settling gap between sweeps grows (see SWEEP_SETTLE_FIRST_SECONDS)."""

# --- Jobs and archives -----------------------------------------------------------------------
MIN_SHOTS: Final = 1
MAX_SHOTS: Final = 10_000_000
DEFAULT_SHOTS: Final = 1000
DEFAULT_SSE_SHOTS: Final = 1
DEFAULT_SSE_MAX_FILE_SIZE: Final = 10 * 1024 * 1024
MAX_API_RESPONSE_BYTES: Final = 32 * 1024 * 1024
"""Largest (decompressed) API response body read; a list of 100 jobs is a few hundred KB."""
MAX_ARCHIVE_DOWNLOAD_BYTES: Final = 256 * 1024 * 1024
"""Largest (decompressed) archive download read, enforced while reading: a gzip-encoded
transfer cannot inflate past it in memory."""
INFLATE_STEP_BYTES: Final = 1024 * 1024
"""A compressed body is inflated at most this much at a time while its size is counted."""
MAX_ARCHIVE_DECOMPRESSED_BYTES: Final = 256 * 1024 * 1024
"""Refuse to inflate an archive entry beyond this: a zip bomb must not exhaust memory."""
INPUT_ARCHIVE_ENTRY_NAME: Final = "input.json"
ARCHIVE_READ_CHUNK_BYTES: Final = 64 * 1024
"""Archive entries are inflated in chunks of this size, counted against the limit above."""
DEFAULT_OPERATOR_COEFF: Final = 1.0
"""The engine requires ``coeff``; an estimation operator given without one is sent with this."""

# --- Added by the I/O layer (retry/polling/_http) --------------------------------------------
POLL_JITTER_FRACTION: Final = 0.1
"""Later poll intervals vary by +-10% so jobs submitted together do not poll in lockstep."""
STORAGE_EXTRA_RETRY_STATUS_CODES: Final = frozenset({500})
"""S3 asks clients to retry its 500 InternalError as well as 503 SlowDown."""
MAX_WORKER_THREADS: Final = 32
"""Threads of the sync client's one worker pool (each parallel step still has its limit)."""
MAX_PARALLEL_ARCHIVE_DOWNLOADS: Final = 4
"""get_job fetches a job's archives (input, result, ...) concurrently, at most this many."""
TERMINAL_JOB_CACHE_SIZE: Final = 256
"""Finished jobs never change: a client keeps this many recent ones to skip re-downloads."""
SUBMIT_NOT_REGISTERED_MARKER: Final = "not in valid status for submission"
"""Text of the 400 a repeated submit gets; seen after a lost submit response was retried."""
