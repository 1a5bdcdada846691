"""A crash-safe record of one batch of jobs: which spec became which job, and how far it got.

A :class:`Journal` is a SQLite file (WAL mode, one transaction per state change). A killed
process never loses a committed change; the writes that must also survive a power cut or
kernel crash (a job's registration, giving a job up) are synced to disk before they return
(``synchronous=FULL``); the others are not (``NORMAL``: a lost ``submitted`` or
``finished`` is found again by asking the service, so it cannot duplicate a job). It holds exactly one batch: the ordered list of its specs. Each position
moves through these states:

``pending``
    No job yet.
``registered``
    ``POST /jobs`` answered: the job id and the presigned upload target (URL, fields and
    expiry) are written *before* the upload starts, so a run that dies between register and
    submit can be finished within the target's lifetime.
``submitted``
    ``POST /jobs/{id}/submit`` succeeded (or the service already shows the job past
    ``registered``).
``finished``
    The job reached a terminal status and its result was read; the status is kept.

A spec listed twice in a batch is two entries (position plus fingerprint). Running the
batch again with the same journal resumes it (see ``oqtopus_sdk._journaled``). A journal
file belongs to one batch: opening it for another list of specs raises
:class:`JournalMismatchError`; :meth:`Journal.for_batch` picks one file per batch in a
directory instead.

The *fingerprint* of a spec is the SHA-256 of its canonical JSON (:func:`canonical_spec`,
``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``) built from what
is sent to the service: the submit body (``job_type``, ``device_id``, ``shots``, ``name``,
``description``, ``transpiler_info``, ``simulator_info``, ``mitigation_info``) and the
uploaded input (``program`` list and ``operator`` terms with explicit ``coeff``, or
``sse_program``). Two specs that send the same bytes have the same fingerprint. The
canonical JSON is stored with each entry so ``oqtopus journal resume`` can rebuild the specs.

While a process has a journal open it holds an exclusive OS lock (``flock``, or
``msvcrt.locking`` on Windows) on the sidecar file ``<journal>.lock``; a second opener gets
:class:`JournalLockedError`. The OS drops the lock when the process dies, however it dies.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from oqtopus_sdk._journal_keys import (
    FINGERPRINT_VERSION,
    PRESIGNED_LIFETIME_SECONDS,
    JournalError,
    JournalLockedError,
    JournalMismatchError,
    UploadTarget,
    _digest,
    batch_key,
    canonical_json,
    canonical_spec,
    fingerprint,
    spec_from_canonical,
)

if TYPE_CHECKING:
    from oqtopus_sdk.spec import OqtopusJobSpec

__all__ = [
    "FINGERPRINT_VERSION",
    "PRESIGNED_LIFETIME_SECONDS",
    "Journal",
    "JournalEntry",
    "JournalError",
    "JournalLockedError",
    "JournalMismatchError",
    "UploadTarget",
    "batch_key",
    "canonical_spec",
    "fingerprint",
    "spec_from_canonical",
]

SCHEMA: Final = "oqtopus-sdk/journal"
SCHEMA_VERSION: Final = 1

PENDING: Final = "pending"
REGISTERED: Final = "registered"
SUBMITTED: Final = "submitted"
FINISHED: Final = "finished"
STATES: Final = (PENDING, REGISTERED, SUBMITTED, FINISHED)


# --- Entries ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One position of the batch, as recorded.

    Attributes:
        position: Index in the batch (0-based).
        fingerprint: The spec's fingerprint.
        spec_json: The spec's canonical JSON.
        state: ``pending``, ``registered``, ``submitted`` or ``finished``.
        job_id: The current job of this position (None while pending).
        upload: The job's upload target (None while pending).
        final_status: The terminal status once finished.
        updated_at: Epoch seconds of the last change.
    """

    position: int
    fingerprint: str
    spec_json: str
    state: str
    job_id: str | None
    upload: UploadTarget | None
    final_status: str | None
    updated_at: float

    def spec(self) -> OqtopusJobSpec:
        """The spec of this position, rebuilt from its canonical JSON."""
        return spec_from_canonical(json.loads(self.spec_json))


@dataclass(frozen=True, slots=True)
class AbandonedJob:
    """A job the journal gave up on (replaced by a new one) and whether it was cancelled."""

    job_id: str
    position: int
    reason: str
    cancelled: bool


# --- Locking ---------------------------------------------------------------------------------
def _lock_file(handle: Any) -> bool:
    """Try to take an exclusive lock on an open file; False when someone else holds it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


_SCHEMA_SQL: Final = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    position INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    spec_json TEXT NOT NULL,
    state TEXT NOT NULL,
    job_id TEXT,
    upload_url TEXT,
    upload_fields TEXT,
    upload_expires_at REAL,
    final_status TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS abandoned (
    job_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    reason TEXT NOT NULL,
    cancelled INTEGER NOT NULL,
    at REAL NOT NULL
);
"""


class Journal:
    """A batch's crash-safe record (see the module text); use it as a context manager.

    Args:
        path: The SQLite file (created with its directory when missing).
        clock: Wall-clock seconds for timestamps and upload expiry (tests).
        read_only: Only read it (``oqtopus journal show``): no lock is taken, so this works
            while another process runs the batch; the file must exist; changes raise.

    Raises:
        JournalLockedError: Another process, or another open Journal, holds the file.
        JournalError: The file is not a journal of this SDK, or of a newer format, or
            (``read_only``) does not exist.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], float] = time.time,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.read_only = read_only
        self._mutex = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        if read_only:
            self._lock_handle: Any = None
            if not self.path.is_file():
                raise JournalError(f"no journal at {self.path}")
            self._conn = self._connect()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_handle = open(self.lock_path, "a+b")  # noqa: SIM115 - held while open
        if not _lock_file(self._lock_handle):
            holder = self._lock_holder()
            self._lock_handle.close()
            raise JournalLockedError(
                f"journal {self.path} is in use by another process{holder}; a journal can be "
                "open in one process at a time (the lock goes away when that process ends)"
            )
        self._note_holder()
        try:
            self._conn = self._connect()
        except BaseException:
            self._release()
            raise

    # --- lifecycle --------------------------------------------------------------------------
    @classmethod
    def for_batch(
        cls, directory: str | os.PathLike[str], specs: Iterable[OqtopusJobSpec]
    ) -> Journal:
        """Open the journal of this batch in ``directory``: ``batch-<key prefix>.journal``.

        Each batch (ordered list of spec fingerprints) gets its own file, so different
        batches never meet in one journal.
        """
        key = batch_key([fingerprint(spec) for spec in specs])
        return cls(Path(directory) / f"batch-{key[:24]}.journal")

    def _lock_holder(self) -> str:
        try:
            text = self.lock_path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""
        return f" (pid {text})" if text.isdigit() else ""

    def _note_holder(self) -> None:
        handle = self._lock_handle
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()).encode("ascii"))
            handle.flush()
        except OSError:
            pass

    def _connect(self) -> sqlite3.Connection:
        target = f"{self.path.resolve().as_uri()}?mode=ro" if self.read_only else str(self.path)
        try:
            conn = sqlite3.connect(
                target,
                timeout=5.0,
                isolation_level=None,
                check_same_thread=False,
                uri=self.read_only,
            )
        except sqlite3.Error as exc:
            raise JournalError(f"cannot open journal {self.path}: {exc}") from exc
        if self.read_only:
            try:
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise JournalError(f"{self.path} is not a readable journal: {exc}") from exc
            if meta.get("schema") != SCHEMA:
                conn.close()
                raise JournalError(f"{self.path} is not an oqtopus journal")
            return conn
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if tables and "meta" not in tables:
                raise JournalError(f"{self.path} is an SQLite file but not an oqtopus journal")
            conn.executescript(_SCHEMA_SQL)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if not meta:
                with _transaction(conn):
                    conn.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [("schema", SCHEMA), ("schema_version", str(SCHEMA_VERSION))],
                    )
            elif meta.get("schema") != SCHEMA:
                raise JournalError(f"{self.path} is not an oqtopus journal")
            elif int(meta.get("schema_version", "0")) > SCHEMA_VERSION:
                raise JournalError(
                    f"journal {self.path} was written by a newer oqtopus-sdk (format "
                    f"{meta.get('schema_version')}; this one reads up to {SCHEMA_VERSION})"
                )
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise JournalError(f"{self.path} is not a readable journal: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the database and release the lock; safe to call twice."""
        with self._mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._release()

    def _release(self) -> None:
        handle = self._lock_handle
        if handle is not None and not handle.closed:
            handle.close()  # closing the descriptor drops the flock

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._conn is None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise JournalError(f"journal {self.path} is closed")
        return self._conn

    def _writable(self) -> sqlite3.Connection:
        if self.read_only:
            raise JournalError(f"journal {self.path} is open read-only")
        return self._db()

    # --- the batch --------------------------------------------------------------------------
    @property
    def batch_key(self) -> str | None:
        """The batch this journal records (None while empty)."""
        with self._mutex:
            row = self._db().execute("SELECT value FROM meta WHERE key='batch_key'").fetchone()
        return None if row is None else str(row[0])

    def begin(self, specs: Sequence[OqtopusJobSpec]) -> list[JournalEntry]:
        """Record a new batch, or check that the journal records exactly this one.

        Args:
            specs: The batch, in order.

        Returns:
            The entries, by position.

        Raises:
            JournalMismatchError: The journal holds another batch (the message says where
                the two differ).
            ValueError / TypeError: A spec is invalid.
        """
        documents = [canonical_json(canonical_spec(spec)) for spec in specs]
        prints = [_digest(text) for text in documents]
        key = batch_key(prints)
        with self._mutex:
            db = self._writable()
            known = self.batch_key
            if known is None:
                now = self.clock()
                with _transaction(db):
                    db.executemany(
                        "INSERT INTO entries (position, fingerprint, spec_json, state, "
                        "updated_at) VALUES (?, ?, ?, ?, ?)",
                        [
                            (i, fp, text, PENDING, now)
                            for i, (fp, text) in enumerate(zip(prints, documents, strict=True))
                        ],
                    )
                    db.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [("batch_key", key), ("size", str(len(prints))), ("created_at", str(now))],
                    )
            elif known != key:
                raise JournalMismatchError(self._mismatch(prints))
        return self.entries()

    def _mismatch(self, prints: Sequence[str]) -> str:
        stored = [entry.fingerprint for entry in self.entries()]
        where = next(
            (i for i, (a, b) in enumerate(zip(stored, prints, strict=False)) if a != b),
            min(len(stored), len(prints)),
        )
        detail = (
            f"the spec at position {where} differs (fingerprint {prints[where][:12]} here, "
            f"{stored[where][:12]} in the journal)"
            if where < min(len(stored), len(prints))
            else f"it has {len(stored)} spec(s), this batch {len(prints)}"
        )
        return (
            f"journal {self.path} records another batch: {detail}. A journal holds one batch; "
            "use another file (Journal.for_batch picks one per batch) or the same specs in "
            "the same order to resume"
        )

    def entries(self) -> list[JournalEntry]:
        """Every entry, by position."""
        with self._mutex:
            rows = (
                self._db()
                .execute(
                    "SELECT position, fingerprint, spec_json, state, job_id, upload_url, "
                    "upload_fields, upload_expires_at, final_status, updated_at "
                    "FROM entries ORDER BY position"
                )
                .fetchall()
            )
        return [_entry(row) for row in rows]

    def entry(self, position: int) -> JournalEntry:
        """The entry at a position.

        Raises:
            IndexError: No such position.
        """
        with self._mutex:
            row = (
                self._db()
                .execute(
                    "SELECT position, fingerprint, spec_json, state, job_id, upload_url, "
                    "upload_fields, upload_expires_at, final_status, updated_at "
                    "FROM entries WHERE position = ?",
                    (position,),
                )
                .fetchone()
            )
        if row is None:
            raise IndexError(f"journal {self.path} has no position {position}")
        return _entry(row)

    def specs(self) -> list[OqtopusJobSpec]:
        """The recorded batch, rebuilt from the stored canonical JSON."""
        return [entry.spec() for entry in self.entries()]

    # --- state changes (one transaction each) ------------------------------------------------
    def _update(
        self, sql: str, args: tuple[Any, ...], *, expect: str, durable: bool = False
    ) -> None:
        with self._mutex:
            db = self._writable()
            with _transaction(db, durable=durable):
                changed = db.execute(sql, args).rowcount
            if changed != 1:
                raise JournalError(f"journal {self.path}: cannot record {expect} ({args!r})")

    def mark_registered(self, position: int, job_id: str, upload: UploadTarget) -> None:
        """Record a registered job and its upload target (before the upload starts)."""
        self._update(
            "UPDATE entries SET state=?, job_id=?, upload_url=?, upload_fields=?, "
            "upload_expires_at=?, final_status=NULL, updated_at=? WHERE position=?",
            (
                REGISTERED,
                job_id,
                upload.url,
                json.dumps(upload.fields),
                upload.expires_at,
                self.clock(),
                position,
            ),
            expect=f"registered job {job_id}",
            durable=True,
        )

    def mark_submitted(self, position: int, job_id: str) -> None:
        """Record that the position's job was submitted."""
        self._update(
            "UPDATE entries SET state=?, updated_at=? WHERE position=? AND job_id=?",
            (SUBMITTED, self.clock(), position, job_id),
            expect=f"submitted job {job_id}",
        )

    def mark_finished(self, position: int, job_id: str, status: str) -> None:
        """Record the terminal status of the position's job (its result was read)."""
        self._update(
            "UPDATE entries SET state=?, final_status=?, updated_at=? "
            "WHERE position=? AND job_id=?",
            (FINISHED, status, self.clock(), position, job_id),
            expect=f"finished job {job_id}",
        )

    def abandon(self, position: int, job_id: str, *, reason: str, cancel: bool) -> None:
        """Give up the position's job: the position is pending again, the job remembered.

        Args:
            position: The entry.
            job_id: Its current job.
            reason: Why (kept in the journal).
            cancel: Whether the job still exists and must be cancelled
                (:meth:`pending_cancellations` lists it until :meth:`mark_cancelled`).
        """
        with self._mutex:
            db = self._writable()
            now = self.clock()
            with _transaction(db, durable=True):
                changed = db.execute(
                    "UPDATE entries SET state=?, job_id=NULL, upload_url=NULL, "
                    "upload_fields=NULL, upload_expires_at=NULL, final_status=NULL, "
                    "updated_at=? WHERE position=? AND job_id=?",
                    (PENDING, now, position, job_id),
                ).rowcount
                db.execute(
                    "INSERT OR REPLACE INTO abandoned (job_id, position, reason, cancelled, at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (job_id, position, reason, 0 if cancel else 1, now),
                )
            if changed != 1:
                raise JournalError(f"journal {self.path}: job {job_id} is not at {position}")

    def mark_cancelled(self, job_id: str) -> None:
        """Record that an abandoned job was cancelled (or is gone)."""
        with self._mutex:
            db = self._writable()
            with _transaction(db):
                db.execute("UPDATE abandoned SET cancelled=1 WHERE job_id=?", (job_id,))

    def abandoned(self) -> list[AbandonedJob]:
        """Every job the journal replaced, oldest first."""
        with self._mutex:
            rows = (
                self._db()
                .execute("SELECT job_id, position, reason, cancelled FROM abandoned ORDER BY at")
                .fetchall()
            )
        return [AbandonedJob(str(r[0]), int(r[1]), str(r[2]), bool(r[3])) for r in rows]

    def pending_cancellations(self) -> list[str]:
        """Abandoned jobs not cancelled yet."""
        return [job.job_id for job in self.abandoned() if not job.cancelled]


def _entry(row: Sequence[Any]) -> JournalEntry:
    upload = None
    if row[5] is not None:
        fields = json.loads(row[6]) if row[6] else {}
        upload = UploadTarget(
            url=str(row[5]), fields=fields, expires_at=None if row[7] is None else float(row[7])
        )
    return JournalEntry(
        position=int(row[0]),
        fingerprint=str(row[1]),
        spec_json=str(row[2]),
        state=str(row[3]),
        job_id=None if row[4] is None else str(row[4]),
        upload=upload,
        final_status=None if row[8] is None else str(row[8]),
        updated_at=float(row[9]),
    )


class _transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error) on an autocommit connection.

    ``durable``: the commit is synced to disk before it returns (``synchronous=FULL``).
    """

    def __init__(self, conn: sqlite3.Connection, *, durable: bool = False) -> None:
        self.conn = conn
        self.durable = durable

    def __enter__(self) -> None:
        if self.durable:
            self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        try:
            self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
        finally:
            if self.durable:
                self.conn.execute("PRAGMA synchronous=NORMAL")
