"""Run one measurement on each database the product supports (a SQLite file,
then a throwaway PostgreSQL cluster started for it), and load big tables fast."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import Table, create_engine, insert, text

from tests.pg_cluster import Cluster

T = TypeVar("T")


def on_each_database(name: str, measure: Callable[[str, str], T]) -> list[T]:
    """`measure(database, url)` on SQLite, then PostgreSQL; `name` names the database."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(measure("sqlite", f"sqlite:///{tmp}/{name}.db"))
    cluster = Cluster().start()
    try:
        with create_engine(cluster.base_url + "/postgres", isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        results.append(measure("postgresql", f"{cluster.base_url}/{name}"))
    finally:
        cluster.stop()
    return results


def bulk_load(engine, table: Table, rows: Iterable[dict], batch: int = 20_000) -> None:
    """Insert generated rows in one transaction, `batch` at a time."""
    pending: list[dict] = []
    with engine.begin() as conn:
        for row in rows:
            pending.append(row)
            if len(pending) == batch:
                conn.execute(insert(table), pending)
                pending = []
        if pending:
            conn.execute(insert(table), pending)


def loaded_database(url: str, tables: Iterable[tuple[Table, Iterable[dict]]]):
    """A migrated database at `url` with the generated rows loaded and analysed: (engine, seconds taken)."""
    import time

    from storage.database import make_engine
    from storage.migrate import upgrade

    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    for table, generated in tables:
        bulk_load(engine, table, generated)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return engine, time.perf_counter() - started
