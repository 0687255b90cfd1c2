"""Run one measurement on each database the product supports: a SQLite file,
then a throwaway PostgreSQL cluster started for it."""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import create_engine, text

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
