"""Engines: one per process, configured so writers never lose updates."""

from __future__ import annotations

import math
import threading

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_URL = "sqlite:///quartermaster.db"


class BadDatabaseUrl(ValueError):
    pass


def make_engine(url: str = DEFAULT_URL) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadDatabaseUrl(
            f"DATABASE_URL “{url}” is not a database URL (e.g. sqlite:///quartermaster.db)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 30, "check_same_thread": False})
        _serialize_sqlite_writers(engine, in_memory=parsed.database in (None, "", ":memory:"))
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    # No pool_pre_ping: it costs a round trip per transaction. A connection
    # found dead invalidates the whole pool, so after a database restart only
    # the first request fails (and is reported as "nothing changed").
    return create_engine(parsed, pool_size=10, max_overflow=10)


def _serialize_sqlite_writers(engine: Engine, in_memory: bool) -> None:
    """SQLite's default deferred transactions let two writers read the same
    count and then fail or overwrite; BEGIN IMMEDIATE takes the write lock up
    front so read-modify-write transactions queue instead (busy timeout 30 s).
    Read-only units of work take no write lock: in WAL mode they never wait."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        _ensure_math_functions(dbapi_connection)
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    # Writers in this process queue on a lock instead of on SQLite's busy
    # handler, which sleeps in growing steps and lets unlucky writers wait a
    # second or more under load.
    writer_lock = threading.Lock()
    holder = threading.local()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        if connection.get_execution_options().get("read_only", False):
            connection.exec_driver_sql("BEGIN")
            return
        writer_lock.acquire()
        holder.held = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release()
            raise

    def _release(*_args):
        if getattr(holder, "held", False):
            holder.held = False
            writer_lock.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)


def _ensure_math_functions(dbapi_connection) -> None:
    """Reports use floor() and power(), built into most SQLite builds; where
    they are not, Python's stand in."""
    try:
        dbapi_connection.execute("SELECT floor(1.5), power(2.0, 0.5)")
    except Exception:
        dbapi_connection.create_function("floor", 1, math.floor, deterministic=True)
        dbapi_connection.create_function("power", 2, math.pow, deterministic=True)
