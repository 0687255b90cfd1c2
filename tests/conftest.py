"""Shared fixtures: databases (SQLite file and a real PostgreSQL), a fixed
clock and a wired assistant. PostgreSQL runs in a throwaway cluster started
once per test session (or at QM_TEST_POSTGRES_URL when given)."""

from __future__ import annotations

import itertools
import os
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from services.assistant import Assistant
from storage.database import make_engine
from storage.migrate import upgrade
from storage.unit_of_work import unit_of_work_factory
from tests.pg_cluster import Cluster

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)  # a Monday
_names = itertools.count()


class Clock:
    """Injected time: tests move it, nothing sleeps."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def postgres_server():
    given = os.environ.get("QM_TEST_POSTGRES_URL")
    if given:
        yield given.rstrip("/")
        return
    try:
        cluster = Cluster().start()
    except (RuntimeError, OSError) as error:
        if os.environ.get("QM_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"PostgreSQL unavailable: {error}")
    try:
        admin = create_engine(cluster.base_url + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE qm_template"))
        template = make_engine(cluster.base_url + "/qm_template")
        upgrade(template)
        template.dispose()
        admin.dispose()
        yield cluster.base_url
    finally:
        cluster.stop()


def fresh_postgres(server: str) -> str:
    """A new database copied from the migrated template: fast and isolated."""
    name = f"qm_{os.getpid()}_{next(_names)}"
    admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE qm_template"))
    admin.dispose()
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'qm.db'}"
    return fresh_postgres(request.getfixturevalue("postgres_server"))


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'qm.db'}"


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine):
    return unit_of_work_factory(engine)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def assistant(uow, clock):
    return Assistant(uow, clock=clock, tz=ZoneInfo("UTC"), managers=["maria"])


@pytest.fixture
def telling(assistant, uow):
    """The assistant on the seeded test catalog, keeping what changes tell others
    (`assistant.told`: the Notices a Slack run would send as DMs)."""
    from tests.catalog import seed

    seed(uow)
    assistant.told = []
    assistant.on_notice = lambda tx, notices: assistant.told.extend(notices)
    return assistant
