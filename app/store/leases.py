"""Leases: "a live console is doing this now". A lease is held for as long as the holder's
process lives and is released the moment it ends — by a clean exit, a crash or a SIGKILL —
so work that is journalled (a deployment) can tell *running elsewhere* from *interrupted*,
and two consoles never run it at once.

- PostgreSQL: a session-level advisory lock on a connection of its own, held open for the
  lease (the server drops it with the connection when the process dies).
- SQLite: an exclusive lock (``flock``; ``msvcrt.locking`` on Windows) on a file beside the
  database, ``<database>.leases/<hash>.lock``; the operating system drops it with the
  process. The file also says who holds it (host, process, since), for the message.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine

from app.domain.errors import LeaseHeldError

_local = threading.Lock()
_held_here: set[str] = set()  # leases this process holds (a second holder here is refused too)


def _holder() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(),
            "since": datetime.now(UTC).isoformat(timespec="seconds")}


def _claim_here(key: str) -> None:
    with _local:
        if key in _held_here:
            raise LeaseHeldError(key.rsplit(":", 1)[-1], "this console")
        _held_here.add(key)


def _release_here(key: str) -> None:
    with _local:
        _held_here.discard(key)


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
        import msvcrt

        try:
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


@contextmanager
def file_lease(directory: Path, name: str) -> Iterator[None]:
    """Hold the lease ``name`` through a lock file in ``directory``."""
    here = f"{directory}:{name}"
    _claim_here(here)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{hashlib.sha256(name.encode('utf-8')).hexdigest()[:32]}.lock"
        handle = open(path, "a+b")  # noqa: SIM115 - held for the lease's lifetime
        try:
            if not _try_lock(handle):
                handle.seek(0)
                try:
                    holder = json.loads(handle.read().decode("utf-8") or "{}")
                except ValueError:
                    holder = {}
                who = (f"the console of process {holder.get('pid')} on {holder.get('host')} "
                       f"(since {holder.get('since')})" if holder else "another console")
                raise LeaseHeldError(name, who)
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({"lease": name, **_holder()}).encode("utf-8"))
            handle.flush()
            yield
        finally:
            handle.close()  # closing drops the lock
    finally:
        _release_here(here)


@contextmanager
def postgres_lease(engine: Engine, name: str) -> Iterator[None]:
    """Hold the lease ``name`` as an advisory lock on a connection of its own."""
    here = f"{engine.url.render_as_string(hide_password=True)}:{name}"
    _claim_here(here)
    try:
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            got = driver.execute("SELECT pg_try_advisory_lock(hashtext('webnova_lease:' || %s))",
                                 (name,)).fetchone()
            driver.commit()
            if not got or not got[0]:
                raise LeaseHeldError(name, "another console")
            try:
                yield
            finally:
                try:
                    driver.execute("SELECT pg_advisory_unlock(hashtext('webnova_lease:' || %s))",
                                   (name,))
                    driver.commit()
                except Exception:
                    conn.invalidate()  # the server drops the lock with the connection
    finally:
        _release_here(here)
